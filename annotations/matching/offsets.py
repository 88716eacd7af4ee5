"""Where an offset of the old text is in the new one: a map made from a diff of the two.

A refresh knows both texts. Diffing them once tells, for every mark at once, where its
old span went, so a mark whose words were not touched is found by looking at one place
instead of searching a 3 MB book.

The diff works in two steps, both close to linear for texts that changed a little:

1. both texts are cut into sentences (and lines), and the sentences paired
   (`annotations.matching.pieces`): tens of thousands of items, most of them unique, so
   they pair fast and well;
2. inside each pair of changed stretches, edlib aligns the characters, so a sentence with
   one word changed still maps every other character of it.

What is left unmatched (an inserted paragraph, a rewritten one) maps nothing: a mark in
it is searched for, near where its neighbours went.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from annotations.matching.edits import shared_runs
from annotations.matching.pieces import paired, pieces
from annotations.shared_ends import common_prefix, common_suffix

MIN_RUN = 8
"""Shorter stretches two aligned passages share are left out: between unrelated passages
the alignment pairs stray letters, and a passage moved in from elsewhere would otherwise
look shared in shreds."""
MAX_ALIGNED = 400_000_000
"""Changed stretches whose lengths multiply to more than this (two rewritten chapters of
20,000 code points) are not aligned character by character: the cost grows with that
product. Their marks are searched for instead."""


@dataclass(frozen=True)
class OffsetMap:
    """Stretches the old and the new text share: `old_starts[i]` in the old text is
    `new_starts[i]` in the new one, for `lengths[i]` code points."""

    old_starts: list[int]
    new_starts: list[int]
    lengths: list[int]
    new_length: int

    @classmethod
    def between(cls, old: str, new: str) -> OffsetMap:
        if old == new:
            return cls([0], [0], [len(old)], len(new))
        return cls(*_blocks(_shared_stretches(old, new)), len(new))

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where `start..end` of the old text is in the new one, when all of it is in a
        stretch both share; None when any of it changed."""
        i = bisect_right(self.old_starts, start) - 1
        if i < 0 or end > self.old_starts[i] + self.lengths[i]:
            return None
        shift = self.new_starts[i] - self.old_starts[i]
        return start + shift, end + shift

    def old_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where `start..end` of the new text was in the old one, when all of it is in a
        stretch both share; None when any of it is new."""
        i = bisect_right(self.new_starts, start) - 1
        if i < 0 or end > self.new_starts[i] + self.lengths[i]:
            return None
        shift = self.old_starts[i] - self.new_starts[i]
        return start + shift, end + shift

    def unshared(self, shortest: int) -> list[tuple[int, int]]:
        """The stretches of the new text the old one does not have (inserted, rewritten,
        moved in), of at least `shortest` code points."""
        stretches, at = [], 0
        for start, length in zip(self.new_starts, self.lengths, strict=True):
            if start - at >= shortest:
                stretches.append((at, start))
            at = max(at, start + length)
        if self.new_length - at >= shortest:
            stretches.append((at, self.new_length))
        return stretches

    def offset(self, old: int) -> int:
        """Where old offset `old` is expected in the new text: exact inside a shared
        stretch; in a changed one, as far past the last shared stretch as it was."""
        i = bisect_right(self.old_starts, old) - 1
        if i < 0:
            return min(old, self.new_starts[0] if self.new_starts else self.new_length)
        shift = self.new_starts[i] - self.old_starts[i]
        end = self.old_starts[i] + self.lengths[i]
        if old <= end:
            return old + shift
        limit = self.new_starts[i + 1] if i + 1 < len(self.new_starts) else self.new_length
        return min(old + shift, limit)


def _shared_stretches(old: str, new: str) -> list[tuple[int, int, int]]:
    old_pieces, new_pieces = pieces(old), pieces(new)
    old_at = [0, *accumulate(map(len, old_pieces))]
    new_at = [0, *accumulate(map(len, new_pieces))]
    stretches = []
    i0 = j0 = 0
    for i, j, n in [*paired(old_pieces, new_pieces), (len(old_pieces), len(new_pieces), 0)]:
        a, b = old_at[i0], new_at[j0]
        a_end, b_end = old_at[i], new_at[j]
        if a < a_end and b < b_end and (a_end - a) * (b_end - b) <= MAX_ALIGNED:
            # Changed pieces on both sides: align their characters.
            stretches.extend((a + x, b + y, length)
                             for x, y, length in _aligned(old[a:a_end], new[b:b_end]))
        if n:
            stretches.append((a_end, b_end, old_at[i + n] - a_end))
        i0, j0 = i + n, j + n
    return stretches


def _aligned(old: str, new: str) -> list[tuple[int, int, int]]:
    """The runs of at least `MIN_RUN` code points an alignment of two changed stretches
    keeps. What both begin and end with is kept as it is (an optimal alignment may always
    keep it), so edlib aligns only what lies between, and not at all when one side of
    that is too short to hold a run: most edits change a word or two of a sentence."""
    head = common_prefix(old, new)
    tail = common_suffix(old, new, min(len(old), len(new)) - head)
    runs = [(0, 0, head)] if head >= MIN_RUN else []
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(old_middle) >= MIN_RUN and len(new_middle) >= MIN_RUN:
        runs.extend((head + x, head + y, length) for x, y, length in shared_runs(old_middle, new_middle)
                    if length >= MIN_RUN)
    if tail >= MIN_RUN:
        runs.append((len(old) - tail, len(new) - tail, tail))
    return runs


def _blocks(stretches: list[tuple[int, int, int]]) -> tuple[list[int], list[int], list[int]]:
    """The stretches with neighbours that continue each other joined, so a span across
    the seam of two still maps."""
    old_starts: list[int] = []
    new_starts: list[int] = []
    lengths: list[int] = []
    for a, b, n in stretches:
        if lengths and old_starts[-1] + lengths[-1] == a and new_starts[-1] + lengths[-1] == b:
            lengths[-1] += n
        else:
            old_starts.append(a)
            new_starts.append(b)
            lengths.append(n)
    return old_starts, new_starts, lengths
