"""How long `factcheck lsp` takes to publish a draft's diagnostics after a change, and
whether it keeps answering meanwhile.

The drafts are those of benchmarks/lint_throughput.py's corpus, repeated to 10 KB and to
1 MB. For each size: open the draft, wait for its diagnostics; then, several times, send
a change and measure until the diagnostics for it arrive (the 0.3 s pause the server
waits for typing to stop is included). While the 1 MB draft is being linted, a hover
request is sent, and its answer time measured: the server must not block.

    python benchmarks/lsp_latency.py [--runs N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lsp_client import Client  # noqa: E402

SENTENCE = (
    "By September, the country's capital had cultivated 950 national-level little giants, "
    "ranking first in terms of number nationwide. Beijing announced 13 batches of "
    "provincial-level little giants between 2019 and 2022, with a total number of 5,261.\n\n"
)


def draft_of_size(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size].rsplit("\n\n", 1)[0] + "\n"


def measure(size: int, runs: int) -> tuple[list[float], float | None]:
    client = Client(ROOT)
    client.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    with tempfile.TemporaryDirectory() as folder:
        uri = (Path(folder) / "draft.md").as_uri()
        text = draft_of_size(size)
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
        )
        client.diagnostics(uri, timeout=600)
        times, hover = [], None
        for run in range(runs):
            changed = text.replace("950", str(951 + run), 1)
            started = time.perf_counter()
            client.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": run + 2},
                 "contentChanges": [{"text": changed}]},
            )  # fmt: skip
            if run == 0:
                time.sleep(0.5)  # the lint has started: is the server still answering?
                asked = time.perf_counter()
                client.request(
                    "textDocument/hover",
                    {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
                )
                hover = time.perf_counter() - asked
            client.diagnostics(uri, timeout=600)
            times.append(time.perf_counter() - started)
    client.request("shutdown", None)
    client.notify("exit", None)
    client.process.wait(timeout=30)
    client.close()
    return times, hover


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    for label, size in (("10 KB", 10_000), ("1 MB", 1_000_000)):
        times, hover = measure(size, runs)
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(
            f"{label}: diagnostics after a change, median {statistics.median(times):.2f} s "
            f"({shown}); a hover while linting answered in {hover:.3f} s"
        )


if __name__ == "__main__":
    main()
