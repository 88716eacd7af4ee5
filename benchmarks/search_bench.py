"""Issue 12's search targets, measured: `python benchmarks/search_bench.py` (in `make bench`).

On store_bench's library (1,000 articles, 50,000 marks, 300 actors, the document caches
kept as a used library has them):

1. The full index build: `SearchIndex.open` and `catch_up` from nothing (target 15 s).
2. A query as the user gets it (median; target 20 ms): the check that the index is up to
   date (`catch_up`, which the CLI and the TUI run before every query) and then the query,
   hits with their snippets and locators; a mix of words, phrases, prefixes and filtered
   queries, each 15 times. The bench library's words come from a vocabulary of 39, so any
   one of them is in most passages: the per-kind medians and the rows a word matches are
   shown too. The same through the command line's path in-process (a new `SearchIndex`
   each time, as a new process has) is shown beside it.
3. Against `grep -ri` over the article bodies in the same run, for the words, phrases
   and prefixes (grep given the prefix's letters): the ratio of the medians.

Also shown, without targets: the check alone, the full check of a file something else
changed (`PRAGMA quick_check`, once), one changed article caught up, and `glossator
search` as a process. Working files go to benchmarks/.work/ (git-ignored), rebuilt on
every run.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

from common import WORK, Figure, glossator, machine, median_ms, print_figures, timed, timings  # noqa: E402
from store_bench import build_library  # noqa: E402

from annotations.search.index import INDEX_NAME, SearchIndex  # noqa: E402
from annotations.store import Library  # noqa: E402
from reader.document.cache import text_reader  # noqa: E402

RUNS = 15
QUERIES = {
    "word": ["harbour", "tonnes", "consultants", "ferry subsidy", "auditor licence"],
    "phrase": ['"harbour council"', '"winter channel"', '"budget vote"',
               '"regional authority extension"'],
    "prefix": ["dred*", "reserv*", "consult*", "schoolch*"],
    "filtered": ["kind:claim ferry", "kind:question budget", 'actor:"Ana Pereira" kind:claim',
                 "site:courier after:2020-01 tram", "before:2012 cargo",
                 "status:unverified tonnes", "kind:actor -status:open"],
}
GREP_PATTERNS = {"harbour": "harbour", "tonnes": "tonnes", "consultants": "consultants",
                 '"harbour council"': "harbour council", '"winter channel"': "winter channel",
                 '"budget vote"': "budget vote",
                 '"regional authority extension"': "regional authority extension",
                 "dred*": "dred", "reserv*": "reserv", "consult*": "consult", "schoolch*": "schoolch"}


def build_index(library: Library) -> tuple[SearchIndex, float]:
    (library.folder / INDEX_NAME).unlink(missing_ok=True)
    began = time.perf_counter()
    index = SearchIndex.open(library)
    caught = index.catch_up(text_reader(library))
    seconds = time.perf_counter() - began
    assert caught.indexed == len(library.articles()) and not caught.problems, caught
    return index, seconds


def grep_ms(folder: Path, pattern: str) -> float:
    command = ["grep", "-ri", "--include=body.md", "--", pattern, str(folder / "articles")]
    return median_ms(timings(lambda: subprocess.run(command, stdout=subprocess.DEVNULL,
                                                    stderr=subprocess.DEVNULL), runs=5))


def one_article_changed(library: Library, index: SearchIndex) -> float:
    """Catching up after one mark was saved (another process's change, found by its stamps)."""
    article = library.articles()[500]
    mark = library.annotations(article.id)[0]
    mark.note = "benchmark: the auditor's letter of March"
    library.save_annotation(mark)
    began = time.perf_counter()
    caught = index.catch_up(text_reader(library))
    seconds = time.perf_counter() - began
    assert caught.indexed == 1, caught
    return seconds


def matching_rows(index: SearchIndex, word: str) -> int:
    """The share of the passages and details (the rows a word query ranks) holding `word`."""
    conn = index.connection()
    every = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    found = conn.execute("SELECT count(*) FROM entries WHERE entries MATCH ?",
                         (f'"{word}"',)).fetchone()[0]
    return found * 100 // every


def as_the_user_gets_it(index: SearchIndex, text_of, query: str) -> object:
    """What every query of the CLI and the TUI costs: the index brought up to date (here:
    found up to date), then the query."""
    index.catch_up(text_of)
    return index.search(query, 20)


def through_a_new_index(library: Library, text_of, query: str) -> object:
    """The command line's path, in-process: a new process opens the index each time."""
    index = SearchIndex.open(library)
    try:
        return as_the_user_gets_it(index, text_of, query)
    finally:
        index.close()


def quick_check_ms(index: SearchIndex) -> float:
    conn = index.connection()
    return median_ms(timings(lambda: conn.execute("PRAGMA quick_check").fetchall(), 3))


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    folder = WORK / "search-library"
    built, every_mark = timed(lambda: build_library(folder))
    print(f"library: 1000 articles, {len(every_mark)} annotations, built in {built:.1f} s ({folder})")
    library = Library.open(folder)
    index, build_s = build_index(library)
    size = (folder / INDEX_NAME).stat().st_size / 1024 / 1024
    text_of = text_reader(library)

    by_kind: dict[str, list[float]] = {}
    per_query: dict[str, float] = {}
    for kind, queries in QUERIES.items():
        for query in queries:
            assert index.search(query, 20).hits, query
            samples = timings(lambda q=query: as_the_user_gets_it(index, text_of, q), RUNS)
            by_kind.setdefault(kind, []).extend(samples)
            per_query[query] = median_ms(samples)
    every_sample = [s for samples in by_kind.values() for s in samples]
    query_ms = median_ms(every_sample)
    search_alone_ms = median_ms(s for q in per_query for s in timings(lambda q=q: index.search(q, 20), 5))
    new_index_ms = median_ms(s for q in per_query
                             for s in timings(lambda q=q: through_a_new_index(library, text_of, q), 3))
    check_ms = median_ms(timings(lambda: index.catch_up(text_of), RUNS))
    full_check_ms = quick_check_ms(index)
    changed_s = one_article_changed(library, index)

    grep = {q: grep_ms(folder, pattern) for q, pattern in GREP_PATTERNS.items()}
    ours = statistics.median(per_query[q] for q in GREP_PATTERNS)
    theirs = statistics.median(grep.values())
    process_s = glossator(folder, "search", "harbour", "dredg*", "kind:claim", runs=3)
    shutil.rmtree(WORK / "search-spare", ignore_errors=True)

    figures = [
        Figure(f"full index build ({size:.0f} MB index)", build_s, "s", 15),
        Figure(f"query with its catch-up, median of {len(every_sample)} "
               f"({len(per_query)} x {RUNS})", query_ms, "ms", 20,
               f"{theirs / ours:.1f}x faster than the baseline (words, phrases, prefixes)"),
        *[Figure(f"  {kind} queries (median)", median_ms(samples), "ms")
          for kind, samples in by_kind.items()],
        Figure("  the same, the query alone (median)", search_alone_ms, "ms"),
        Figure("  the same, opening the index first (CLI's path)", new_index_ms, "ms"),
        Figure("baseline: grep -ri over the bodies, same words (median)", theirs, "ms"),
        Figure("search of the same words, phrases, prefixes (median)", ours, "ms"),
        Figure("check that nothing changed (before every query)", check_ms, "ms"),
        Figure("full check of an index changed by another program", full_check_ms, "ms"),
        Figure("catch up after one article's marks changed", changed_s * 1000, "ms"),
        Figure("glossator search as a process (median of 3)", process_s, "s"),
    ]
    print(f"{machine()}; a word of the bench vocabulary ('harbour') is in "
          f"{matching_rows(index, 'harbour')}% of the passages and details")
    print_figures(figures)
    slowest = sorted(per_query.items(), key=lambda item: -item[1])[:3]
    print("  slowest: " + ", ".join(f"{q} {ms:.1f} ms" for q, ms in slowest))


if __name__ == "__main__":
    main()
