"""What the benchmarks share: where they work, the words they generate, how a figure is
timed and printed, and `glossator` run as a process.

A bench imports this module by path (`sys.path.insert(0, <this folder>)`, then `import
common`), not as `benchmarks.common`: pysbd installs a package named `benchmarks` of its
own. Importing it puts the repository on `sys.path` too, so a bench can then import
glossator's packages however it was started. Only the standard library is imported here,
so importing it loads nothing a bench measures (the PDF import, say).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WORK = REPO / "benchmarks" / ".work"
"""Working files (git-ignored), rebuilt on every run."""

WORDS = (
    "harbour council forecast dredging auditor licence ferry subsidy tram reservoir capacity "
    "figure report spokesperson budget vote minister island crossing contract passengers "
    "winter channel tonnes cargo review estimate disposal trust fishermen consultants "
    "deficit timetable hospital schoolchildren league regional authority extension"
).split()
"""The bench library's vocabulary: 39 words, so any one of them is in most passages."""

T = TypeVar("T")


@dataclass
class Figure:
    """One printed figure: its value and unit, and whether it meets its target."""

    name: str
    value: float
    unit: str = ""
    target: float | None = None
    note: str = ""
    at_least: bool = False
    """The target is a floor (a quality) rather than a ceiling (a time)."""

    NAME_WIDTH = 52
    UNIT_WIDTH = 3
    VALUE_FORMAT = ">9.2f"

    def verdict(self) -> str:
        if self.target is None:
            return ""
        met = self.value >= self.target if self.at_least else self.value <= self.target
        unit = f" {self.unit}" if self.unit else ""
        return (f"(target {'≥' if self.at_least else '≤'} {self.target:g}{unit}: "
                f"{'ok' if met else 'MISSED'})")

    def line(self) -> str:
        return (f"  {self.name:<{self.NAME_WIDTH}} {self.value:{self.VALUE_FORMAT}} "
                f"{self.unit:<{self.UNIT_WIDTH}} {self.verdict()} {self.note}")


def machine() -> str:
    """This Python and the CPU count: the figures move with both (the machine is shared)."""
    return f"python {sys.version.split()[0]}, {os.cpu_count()} cpu(s)"


def print_figures(figures: Iterable[Figure]) -> None:
    for figure in figures:
        print(figure.line())


def sentence(rng: random.Random, vocabulary: Sequence[str] = WORDS) -> str:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def article_body(rng: random.Random, title: str) -> str:
    """A bench library article in Markdown: a title, ten paragraphs and a heading among them."""
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(10)]
    paragraphs.insert(4, "## " + sentence(rng).rstrip("."))
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def timings(work: Callable[[], object], runs: int,
            clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """The seconds (by `clock`) each of `runs` calls of `work` took."""
    samples = []
    for _ in range(runs):
        began = clock()
        work()  # what it returns is let go within the call's own time
        samples.append(clock() - began)
    return samples


def timed(work: Callable[[], T], runs: int = 1) -> tuple[float, T]:
    """The median seconds of `runs` calls of `work`, and what the last call returned."""
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        result = work()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), result


def median_ms(samples: Iterable[float]) -> float:
    return statistics.median(samples) * 1000


def run_glossator(folder: Path, *args: str, env: dict[str, str] | None = None,
                  timeout: float | None = None) -> tuple[float, str]:
    """Seconds for one `glossator --library FOLDER ARGS` as a process, start-up included,
    and what it printed. `env` replaces this process's environment; a failure stops the
    bench."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "reader", "--library", str(folder), *args],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"glossator {' '.join(args)} failed: {done.stderr.strip()}")
    return took, done.stdout


def glossator(folder: Path, *args: str, runs: int = 1) -> float:
    """Seconds for `glossator --library FOLDER ARGS` as a process (median of `runs`)."""
    return statistics.median(run_glossator(folder, *args)[0] for _ in range(runs))
