"""Edit distances, computed by edlib: where a pattern occurs with the fewest edits, how far
one short text is from another, and which stretches two texts share.

edlib (MIT, C++) implements Myers' bit-vector algorithm, the one Hypothesis'
`approx-string-match` uses in the browser, so a search costs about `len(text) ·
len(pattern) / 64` machine steps. It is imported only when a search runs: the reader's
start never pays for it.

edlib compares symbols, at most 256 distinct ones in the two strings together. A text in
a large script (Chinese, Japanese) has more; `_fitted` then renames the symbols so the
count fits (see there).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

MAX_SYMBOLS = 256

_CIGAR = re.compile(r"(\d+)([=XID])")


def _edlib() -> Any:
    import edlib

    return edlib


def best_spans(pattern: str, text: str, max_errors: int) -> tuple[int, list[tuple[int, int]]]:
    """Where `pattern` occurs in `text` with the fewest edits (at most `max_errors`):
    the number of edits and every span (end exclusive) that needs no more. `(-1, [])`
    when no span is within `max_errors`."""
    if not pattern or not text or max_errors < 0:
        return -1, []
    found = _align(pattern, text, mode="HW", task="locations", k=max_errors)
    errors = found["editDistance"]
    if errors < 0:
        return -1, []
    return errors, [(start, end + 1) for start, end in found["locations"] if start is not None]


def errors_within(pattern: str, text: str) -> int:
    """The fewest edits that turn `pattern` into some stretch of `text` (at most
    `len(pattern)`: deleting it all)."""
    if not pattern:
        return 0
    if not text:
        return len(pattern)
    return _align(pattern, text, mode="HW", task="distance", k=-1)["editDistance"]


def shared_runs(a: str, b: str) -> list[tuple[int, int, int]]:
    """The stretches an optimal alignment of `a` with `b` leaves unchanged: `(start in a,
    start in b, length)`, in order."""
    if not a or not b:
        return []
    found = _align(a, b, mode="NW", task="path", k=-1)
    runs, i, j = [], 0, 0
    for count_text, op in _CIGAR.findall(found["cigar"] or ""):
        count = int(count_text)
        if op == "=":
            runs.append((i, j, count))
        if op in "=XI":  # edlib's "I": a symbol of `a` that `b` lacks
            i += count
        if op in "=XD":
            j += count
    # A renamed alphabet (see `_fitted`) can call two different symbols equal: keep only
    # what is truly the same.
    return [run for run in runs if a[run[0] : run[0] + run[2]] == b[run[1] : run[1] + run[2]]]


def _align(query: str, target: str, **options: Any) -> dict[str, Any]:
    edlib = _edlib()
    try:
        return edlib.align(query, target, **options)
    except ValueError:  # more than 256 distinct symbols
        return edlib.align(*_fitted(query, target), **options)


def _fitted(query: str, target: str) -> tuple[str, str]:
    """`query` and `target` with at most 256 distinct symbols, same lengths.

    A symbol that only one side has can never be matched, so all such symbols of the
    target become one symbol, and those of the query another: distances stay exact. When
    the symbols both sides share are still too many, the query's rarest share one symbol:
    distances may then come out a little low, which only makes a candidate look slightly
    better than it is (a span `shared_runs` returns is checked against the real text).
    """
    target_symbols = set(target)
    common = Counter(ch for ch in query if ch in target_symbols)
    names = {ch: chr(n) for n, (ch, _) in enumerate(common.most_common(MAX_SYMBOLS - 3))}
    shared_rest, query_only, target_only = (chr(n) for n in range(MAX_SYMBOLS - 3, MAX_SYMBOLS))

    def renamed(text: str, only: str) -> str:
        return "".join(names.get(ch) or (shared_rest if ch in common else only) for ch in text)

    return renamed(query, query_only), renamed(target, target_only)
