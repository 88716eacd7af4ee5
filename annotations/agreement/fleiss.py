"""Fleiss' kappa, and the percentage agreement it starts from, for three coders or more:
the group's figures where Cohen's kappa (kappa.py) is a pair's.

Each of the N characters is coded (1) or not (0) by each of the m coders; k_u coders
coded unit u. Of its m(m − 1) ordered pairs of coders, k(k − 1) + (m − k)(m − k − 1)
agree on it, so over every unit

    P̄   = Σ [k(k − 1) + (m − k)(m − k − 1)] / (N·m(m − 1))      observed agreement
    p_1 = Σ k / (N·m),  p_0 = 1 − p_1,  P̄_e = p_0² + p_1²        by chance
    κ   = (P̄ − P̄_e) / (1 − P̄_e)

(Fleiss 1971, "Measuring nominal scale agreement among many raters"). P̄ is also the mean,
over every pair of coders, of their percentage agreement: each pair's agreement counts
the units where that pair agrees, and P̄ counts them for all pairs at once. It is
reported as the group's percentage agreement.

Computed in whole numbers, so "undefined" is exact: when nobody used the code, or
everybody coded every character, P̄_e = 1 and κ is 0/0 (None). Characters are counted by
how many coders coded them (alpha.py), never one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from annotations.agreement.alpha import Text, characters_by_coders


def fleiss_kappa(texts: Sequence[Text], coders: int) -> float | None:
    """Fleiss' kappa over the characters of every text taken together; None when it is not
    defined (fewer than two coders, no characters, or one value only)."""
    total = sum(length for length, _ in texts)
    if coders < 2 or total == 0:
        return None
    levels = characters_by_coders(texts)
    m = coders
    pairs = m * (m - 1)
    agreeing = sum(count * (k * (k - 1) + (m - k) * (m - k - 1)) for k, count in levels.items())
    agreeing += (total - sum(levels.values())) * pairs  # characters nobody coded
    values = total * m
    coded = sum(k * count for k, count in levels.items())
    uncoded = values - coded
    if coded == 0 or uncoded == 0:
        return None
    observed = Fraction(agreeing, total * pairs)
    chance = Fraction(coded * coded + uncoded * uncoded, values * values)
    return float((observed - chance) / (1 - chance))
