"""What benchmarks/extraction.py and benchmarks/news_figures.py share: quantulum3, the peer
extractor (optional: `pip install quantulum3`, without its classifier extra), kept from
aborting a run, and a fair timing of extractors over the same inputs."""

from __future__ import annotations

import importlib
import statistics
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import metadata
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: Timed runs per extractor and group of inputs; the median is reported.
RUNS = 5


def _quantulum() -> Any:
    """quantulum3's parser, or None; without the classifier extra it warns on import."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return importlib.import_module("quantulum3.parser")
    except ImportError:
        return None


quantulum: Any = _quantulum()


def quantulum_version() -> str | None:
    return metadata.version("quantulum3") if quantulum is not None else None


def number(value: Any) -> Fraction | None:
    """A value ("12", "1.5E+3", 2.5, "25%") as a fraction; None for "null", "end-1"."""
    try:
        return Fraction(repr(value) if isinstance(value, float) else str(value).rstrip("%"))
    except (ValueError, ZeroDivisionError):  # also None, inf and nan
        return None


def with_uncertainty(value: Any, uncertainty: Any, surface: str) -> list[Fraction]:
    """quantulum3's ranges are a midpoint ± half-width: give the written numbers back (a
    range's ends, low first; or a number and its "±" uncertainty)."""
    v, u = number(value), number(uncertainty)
    if v is None:
        return []
    if not u:
        return [v]
    if "±" in surface or "+/-" in surface:
        return [v, u]
    return [v - u, v + u]


@dataclass
class Guarded(Generic[T]):
    """An extractor that finds nothing in an input it raises on, and keeps that input."""

    extract: Callable[[str], list[T]]
    crashed: dict[str, str] = field(default_factory=dict)  # input: the exception

    def __call__(self, text: str) -> list[T]:
        try:
            return self.extract(text)
        except Exception as error:  # a peer's bug must not abort the benchmark
            self.crashed[text] = f"{type(error).__name__}: {error}"
            return []


def timed(
    extractors: Mapping[str, Callable[[str], list[T]]],
    groups: Mapping[str, Sequence[str]],
    runs: int = RUNS,
) -> tuple[dict[str, dict[str, list[list[T]]]], dict[str, dict[str, list[float]]]]:
    """What each extractor finds in each input of each group (in order), from one untimed
    warm-up pass, and the seconds of each of ``runs`` timed passes over each group. The
    passes are interleaved: in each run every extractor takes its turn over all groups,
    and the extractors' order alternates from run to run."""
    found = {
        name: {group: list(map(extract, texts)) for group, texts in groups.items()}
        for name, extract in extractors.items()
    }
    seconds: dict[str, dict[str, list[float]]] = {n: {g: [] for g in groups} for n in found}
    names = list(extractors)
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            extract = extractors[name]
            for group, texts in groups.items():
                start = time.perf_counter()
                for text in texts:
                    extract(text)
                seconds[name][group].append(time.perf_counter() - start)
    return found, seconds


def median_seconds(seconds: Mapping[str, list[float]], groups: Iterable[str]) -> float:
    """The median over the runs of the seconds a run took over all ``groups``."""
    runs: list[float] = [sum(run) for run in zip(*(seconds[g] for g in groups), strict=True)]
    return statistics.median(runs)
