"""How long `POST /api/lint` of `factcheck serve` takes for a 10 KB draft: the server
in this process on 127.0.0.1, the draft of benchmarks/lsp_latency.py, the median of
``--runs`` requests after one to warm the fact base.

    python benchmarks/serve_latency.py [--runs N]
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.lsp_latency import draft_of_size  # noqa: E402
from factcheck.editors.serve import make_server  # noqa: E402


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 10
    server = make_server("127.0.0.1", 0, ROOT)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    body = json.dumps({"text": draft_of_size(10_000)}).encode()
    times = []
    for _ in range(runs + 1):
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1])
        started = time.perf_counter()
        connection.request("POST", "/api/lint", body=body)
        answer = connection.getresponse()
        answer.read()
        times.append(time.perf_counter() - started)
        connection.close()
        assert answer.status == 200
    server.shutdown()
    print(
        f"POST /api/lint, 10 KB: median {statistics.median(times[1:]) * 1000:.0f} ms "
        f"of {runs} (the first, loading the fact base: {times[0] * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
