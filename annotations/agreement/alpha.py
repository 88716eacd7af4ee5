"""Krippendorff's alpha, nominal, with characters as units and coders as raters.

Each character is one unit; each of the m coders gives it one of two values, coded (1)
or not (0), for the code at hand, so no value is missing. With k_u coders coding unit u,
the coincidence matrix has, summed over the N units,

    o_01 = o_10 = Σ k_u (m − k_u) / (m − 1),   n_1 = Σ k_u,   n_0 = N·m − n_1,   n = N·m

and alpha = 1 − D_o / D_e = 1 − (n − 1) · Σ k_u (m − k_u) / ((m − 1) · n_0 · n_1)
(Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", nominal data).

Only how many characters have each k matters, so the characters are counted by level
from the coders' runs in one sweep over their edges: a book of a million characters is
as quick as a page, and nothing is held per character.

Written here rather than taken from the `krippendorff` package, which is GPL-3.0 (a
runtime dependency must not be); the tests check these figures against that package.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from annotations.agreement.intervals import Runs

Text = tuple[int, Sequence[Runs]]
"""One article: its length in characters, and each coder's characters for the code."""


def nominal_alpha(texts: Sequence[Text], coders: int) -> float | None:
    """Alpha over the characters of every text taken together; None when undefined:
    fewer than two coders, no characters, or one value only (nobody used the code, or
    everybody coded every character), where alpha is 0/0."""
    total = sum(length for length, _ in texts)
    if coders < 2 or total == 0:
        return None
    levels = characters_by_coders(texts)
    coded = sum(k * count for k, count in levels.items())  # n_1
    values = total * coders  # n
    uncoded = values - coded  # n_0
    if coded == 0 or uncoded == 0:
        return None
    disagreeing = sum(k * (coders - k) * count for k, count in levels.items())
    return 1 - (values - 1) * disagreeing / ((coders - 1) * uncoded * coded)


def characters_by_coders(texts: Sequence[Text]) -> Counter[int]:
    """How many characters k coders coded, for each k ≥ 1 (the rest were coded by none)."""
    levels: Counter[int] = Counter()
    for _length, per_coder in texts:
        edges: Counter[int] = Counter()
        for runs in per_coder:
            for start, end in runs:
                edges[start] += 1
                edges[end] -= 1
        level, previous = 0, 0
        for at in sorted(edges):
            if level:
                levels[level] += at - previous
            level += edges[at]
            previous = at
    return levels
