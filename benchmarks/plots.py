"""Log-log plots of the scale and lint results, saved as PNG beside docs/performance.md.

    python benchmarks/plots.py        # reads benchmarks/results/*.json

Needs matplotlib (``pip install .[bench]``); rendering uses the Agg backend, so no
display is needed, and the files carry no timestamp, so equal results give equal bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

IMAGES = common.ROOT / "docs" / "img"


def _load(name: str) -> dict[str, Any] | None:
    path = common.RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def scale(results: dict[str, Any], pyplot: Any) -> Path:
    rows = results["sizes"]
    claims = [r["claims"] for r in rows]
    figure, (time_axes, memory_axes) = pyplot.subplots(1, 2, figsize=(10, 4))
    time_axes.loglog(claims, [r["check_s"] for r in rows], "o-", label="factcheck check")
    time_axes.loglog(claims, [r["floor_s"] for r in rows], "s--", label="parse floor (libyaml)")
    targets = [(10**5, 10), (10**6, 100)]
    time_axes.loglog(*zip(*targets, strict=True), "r^", label="target")
    time_axes.set(xlabel="claims", ylabel="seconds (median)", title="Check time")
    memory_axes.loglog(claims, [r["peak_mb"] for r in rows], "o-", label="factcheck check")
    memory_axes.loglog(claims, [r["floor_peak_mb"] for r in rows], "s--", label="parse floor")
    memory_axes.axhline(8 * 1024, color="r", linestyle=":", label="8 GB limit")
    memory_axes.set(xlabel="claims", ylabel="peak resident memory, MB", title="Memory")
    for axes in (time_axes, memory_axes):
        axes.grid(True, which="both", alpha=0.3)
        axes.legend()
    return _save(figure, pyplot, "performance-scale.png")


def lint(results: dict[str, Any], pyplot: Any) -> Path:
    rows = results["sizes"]
    figure, axes = pyplot.subplots(figsize=(6, 4))
    for base in dict.fromkeys(r["base"] for r in rows):
        mine = [r for r in rows if r["base"] == base]
        axes.loglog([r["bytes"] / 1e6 for r in mine], [r["lint_s"] for r in mine], "o-",
                    label=f"factcheck lint, {base}")  # fmt: skip
    peer = [r for r in rows if r["base"] == rows[0]["base"] and "proselint_s" in r]
    if peer:
        axes.loglog([r["bytes"] / 1e6 for r in peer], [r["proselint_s"] for r in peer], "s--",
                    label="proselint")  # fmt: skip
    axes.set(xlabel="draft size, MB", ylabel="seconds, end to end (median)", title="Lint time")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    return _save(figure, pyplot, "performance-lint.png")


def _save(figure: Any, pyplot: Any, name: str) -> Path:
    IMAGES.mkdir(parents=True, exist_ok=True)
    path = IMAGES / name
    partial = path.with_name(name + ".partial")
    figure.tight_layout()
    figure.savefig(partial, format="png", dpi=100, metadata={"Software": None})
    pyplot.close(figure)
    partial.replace(path)
    return path


def main() -> None:
    try:
        import matplotlib  # noqa: PLC0415  (optional: the bench extra)
    except ImportError:
        sys.exit("plots need matplotlib: pip install .[bench]")
    matplotlib.use("Agg")
    from matplotlib import pyplot  # noqa: PLC0415  (after choosing the backend)

    for name, draw in (("scale", scale), ("lint", lint)):
        results = _load(name)
        if results is not None:
            print(draw(results, pyplot))


if __name__ == "__main__":
    main()
