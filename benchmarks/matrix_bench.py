"""Issue 12's matrix target, measured: `python benchmarks/matrix_bench.py` (part of `make bench`).

The 1,000-article, 50,000-mark bench library (store_bench's `build_library`), its claims
given hierarchical tags (`funding`, `funding/state`, …) so the matrix by tag has columns:

1. the matrix of who claims what, actors × articles, in-process: first (no cache: every
   annotation file read and counted, the cache written), again (the cache current), and
   after one article's marks changed (that file alone read again); target ≤ 1 s each;
2. the matrix by tag, again;
3. `glossator matrix --format csv` as a process, start-up included, first (cache deleted)
   and again (median of 3); target ≤ 1 s each;
4. the Claims view's data: every claim of the library as marks, unverified first;
5. marks over time: the chart's counts (from `Library.all_counts`, cached), first and again.

The baseline, measured in the same run: the same matrix counted the plain way, from
`Library.all_annotations()`, every mark read as an object through the store; and the
floor of a matrix built without its cache, `json.loads` of every annotation file alone.
"""

from __future__ import annotations

import gc
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

from common import WORK, Figure, glossator, machine, print_figures, timed  # noqa: E402
from store_bench import build_library  # noqa: E402

from annotations.atomic import AtomicJSONStorage  # noqa: E402
from annotations.model import CLAIM, CLAIM_STATUSES  # noqa: E402
from annotations.store import Library  # noqa: E402
from annotations.views.claims import library_claims  # noqa: E402
from annotations.views.matrix import BY_ARTICLE, BY_TAG, build_matrix  # noqa: E402
from annotations.views.summary import VIEWS_CACHE  # noqa: E402
from annotations.views.timeline import library_timeline  # noqa: E402

TARGET_S = 1.0
TAGS = ("funding", "funding/state", "funding/private", "harbour", "harbour/dredging", "ferry",
        "transport/tram", "transport/bus")


def tag_and_status_claims(folder: Path) -> None:
    """Give the bench library's claims tags and statuses, as a researcher's library has."""
    rng = random.Random(12)
    for article in sorted((folder / "articles").iterdir()):
        storage = AtomicJSONStorage(article / "annotations.json")
        data = storage.read() or {}
        for record in data.get("annotations", {}).values():
            if record.get("kind") == CLAIM:
                record["tags"] = rng.sample(TAGS, rng.choice((0, 1, 1, 2)))
                record["status"] = rng.choice(CLAIM_STATUSES)
        storage.write(data)


def baseline_matrix(library: Library) -> int:
    """Who claims what counted from every mark read through the store."""
    cells: Counter[tuple[str, str, str]] = Counter()
    for mark in library.all_annotations():
        if mark.kind == CLAIM:
            cells[(mark.speaker, mark.article, mark.status or "")] += 1
    return len(cells)


def parse_floor(folder: Path) -> float:
    """Seconds to parse every annotation file and nothing else: the least a matrix built
    without its cache can cost, on this machine at this moment (it is shared)."""
    began = time.perf_counter()
    for article in (folder / "articles").iterdir():
        json.loads((article / "annotations.json").read_bytes())
    return time.perf_counter() - began


def change_one_article(library: Library) -> None:
    article = library.articles()[500]
    mark = next(m for m in library.annotations(article.id) if m.kind == CLAIM)
    mark.status = "false" if mark.status != "false" else "supported"
    library.save_annotation(mark)


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    folder = WORK / "matrix-library"
    began = time.perf_counter()
    marks = len(build_library(folder))  # the records themselves let go: a process that
    gc.collect()                         # held 50,000 would time its garbage collector
    tag_and_status_claims(folder)
    print(f"library: 1,000 articles, {marks:,} marks, built in "
          f"{time.perf_counter() - began:.1f} s ({folder})")

    library = Library.open(folder)
    (folder / VIEWS_CACHE).unlink(missing_ok=True)
    first, matrix = timed(lambda: build_matrix(library, BY_ARTICLE))
    again, _ = timed(lambda: build_matrix(library, BY_ARTICLE), runs=3)
    change_one_article(library)
    changed, _ = timed(lambda: build_matrix(library, BY_ARTICLE))
    by_tag, tagged = timed(lambda: build_matrix(library, BY_TAG), runs=3)
    baseline, _ = timed(lambda: baseline_matrix(Library.open(folder)))
    floor = parse_floor(folder)

    (folder / VIEWS_CACHE).unlink(missing_ok=True)
    process_first = glossator(folder, "matrix", "--format", "csv")
    process_again = glossator(folder, "matrix", "--format", "csv", runs=3)

    claims_s, claims = timed(lambda: library_claims(Library.open(folder)))
    (folder / "counts-cache.json").unlink(missing_ok=True)
    over_time_first, timeline = timed(lambda: library_timeline(Library.open(folder)))
    over_time_again, _ = timed(lambda: library_timeline(library), runs=3)

    cells = len(matrix.counts)
    figures = [
        Figure(f"matrix by article, first ({cells:,} cells, cache built)", first, "s", TARGET_S,
               f"{baseline / first:.1f}x faster than the baseline"),
        Figure("matrix by article, again (median of 3)", again, "s", TARGET_S,
               f"{baseline / again:.0f}x faster than the baseline"),
        Figure("matrix by article, one article changed since", changed, "s", TARGET_S),
        Figure(f"matrix by tag ({len(tagged.columns)} columns), median of 3", by_tag, "s", TARGET_S),
        Figure("baseline: the same counts from all_annotations()", baseline, "s"),
        Figure("floor: json.loads of every annotation file alone", floor, "s"),
        Figure("glossator matrix --format csv, first (process)", process_first, "s", TARGET_S),
        Figure("glossator matrix --format csv, again (median of 3)", process_again, "s", TARGET_S),
        Figure(f"Claims view data ({len(claims.rows):,} claims, unverified first)", claims_s, "s"),
        Figure(f"marks over time, first ({len(timeline.buckets)} {timeline.unit}s)",
               over_time_first, "s"),
        Figure("marks over time, again (median of 3)", over_time_again, "s"),
    ]
    print(machine())
    print_figures(figures)


if __name__ == "__main__":
    main()
