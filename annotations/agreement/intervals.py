"""Sets of characters as sorted, disjoint [start, end) runs: a coder's coding of one code.

A book is a million characters and a coder marks a few hundred runs of it; counting
runs, not characters, keeps a comparison of every code instant.
"""

from __future__ import annotations

from collections.abc import Iterable

Runs = list[tuple[int, int]]


def union(spans: Iterable[tuple[int, int]], length: int) -> Runs:
    """The characters any of `spans` covers, clipped to 0..length, as disjoint runs."""
    clipped = sorted((max(0, s), min(length, e)) for s, e in spans)
    runs: Runs = []
    for start, end in clipped:
        if end <= start:
            continue
        if runs and start <= runs[-1][1]:
            if end > runs[-1][1]:
                runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def size(runs: Runs) -> int:
    return sum(end - start for start, end in runs)


def overlap(first: Runs, second: Runs) -> int:
    """How many characters both sets hold."""
    total, i, j = 0, 0, 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if end > start:
            total += end - start
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return total


def intersection(first: Runs, second: Runs) -> Runs:
    """The characters both sets hold, as runs."""
    found: Runs = []
    i, j = 0, 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if end > start:
            found.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return found


def difference(first: Runs, second: Runs) -> Runs:
    """The characters of `first` that `second` does not hold, as runs."""
    found: Runs = []
    j = 0
    for start, end in first:
        while j < len(second) and second[j][1] <= start:
            j += 1
        k = j
        while k < len(second) and second[k][0] < end:
            if second[k][0] > start:
                found.append((start, second[k][0]))
            start = max(start, second[k][1])
            k += 1
        if start < end:
            found.append((start, end))
    return found
