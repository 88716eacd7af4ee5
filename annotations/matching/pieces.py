"""Two versions of a text, cut into sentences and paired: the coarse half of the diff that
maps old offsets to new ones (`annotations.matching.offsets`).

The pairing is a patience diff: sentences that occur once in each version pair
themselves (as long as they keep their order), the runs of equal sentences around each
pair extend it, and what lies between two pairs is paired the same way, within itself.
Nearly every sentence of prose is unique, so on a book with a few edits this is one pass
and a sort, where difflib's SequenceMatcher takes four times as long; a stretch with
nothing unique in it (a list of identical lines) is left to difflib.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

_SENTENCE = re.compile(r"[^.!?;。！？；\n]*(?:[.!?;。！？；]+\s*|\n+|$)")
LONG_PIECE = 2000
"""A piece longer than this (a paragraph without a full stop) is cut again at commas."""
_CLAUSE = re.compile(r"[^,:、，]*(?:[,:、，]+\s*|$)")

Run = tuple[int, int, int]
"""`(i, j, n)`: pieces `i..i+n` of the old text are pieces `j..j+n` of the new one."""


def pieces(text: str) -> list[str]:
    """The text cut after each sentence end and line break (long ones again after commas);
    the pieces join up to the text."""
    cut = []
    for piece in _SENTENCE.findall(text):
        if len(piece) > LONG_PIECE:
            cut.extend(clause for clause in _CLAUSE.findall(piece) if clause)
        elif piece:
            cut.append(piece)
    return cut


def paired(old: Sequence[str], new: Sequence[str]) -> list[Run]:
    """The runs of pieces both versions share, in order."""
    runs: list[Run] = []
    _pair(old, new, 0, len(old), 0, len(new), runs)
    return _joined(runs)


def _pair(old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int,
          runs: list[Run]) -> None:
    # Equal pieces at either end pair with each other.
    start = 0
    while alo + start < ahi and blo + start < bhi and old[alo + start] == new[blo + start]:
        start += 1
    if start:
        runs.append((alo, blo, start))
        alo, blo = alo + start, blo + start
    end = 0
    while alo < ahi - end and blo < bhi - end and old[ahi - end - 1] == new[bhi - end - 1]:
        end += 1
    ahi, bhi = ahi - end, bhi - end
    if alo < ahi and blo < bhi and not set(old[alo:ahi]).isdisjoint(new[blo:bhi]):
        anchors = _unique_pairs_in_order(old, new, alo, ahi, blo, bhi)
        if anchors:
            i0, j0 = alo, blo
            for i, j in anchors:
                if i0 < i and j0 < j:  # (nothing pairs with nothing: not worth a call)
                    _pair(old, new, i0, i, j0, j, runs)
                runs.append((i, j, 1))
                i0, j0 = i + 1, j + 1
            _pair(old, new, i0, ahi, j0, bhi, runs)
        else:
            runs.extend(_by_difflib(old, new, alo, ahi, blo, bhi))
    if end:
        runs.append((ahi, bhi, end))


def _unique_pairs_in_order(old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int,
                           bhi: int) -> list[tuple[int, int]]:
    """Pieces found once in each range, as `(i, j)` pairs, the longest chain of them
    whose order agrees in both."""
    in_old = Counter(old[alo:ahi])
    in_new = Counter(new[blo:bhi])
    where_new = {new[j]: j for j in range(blo, bhi) if in_new[new[j]] == 1}
    pairs = [(i, where_new[old[i]]) for i in range(alo, ahi)
             if in_old[old[i]] == 1 and old[i] in where_new]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (increasing in i) also increasing in j."""
    tails: list[int] = []  # j of the last pair of the best chain of each length
    tail_at: list[int] = []  # index in `pairs` of that pair
    before: list[int] = []
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        before.append(tail_at[k - 1] if k else -1)
    chain, at = [], tail_at[-1] if tail_at else -1
    while at >= 0:
        chain.append(pairs[at])
        at = before[at]
    return chain[::-1]


def _by_difflib(old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int,
                bhi: int) -> list[Run]:
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, old[alo:ahi], new[blo:bhi])
    return [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]


def _joined(runs: list[Run]) -> list[Run]:
    joined: list[Run] = []
    for i, j, n in runs:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + n)
        else:
            joined.append((i, j, n))
    return joined
