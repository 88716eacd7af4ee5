"""Percentage agreement and Cohen's kappa of two coders on one code, as NVivo computes them.

Over the N characters of the text, each coded by both (a), by the first only (b), by the
second only (c) or by neither (d):

    agreement  p_o = (a + d) / N
    by chance  p_e = ((a + b)(a + c) + (c + d)(b + d)) / N²
    kappa      κ   = (p_o − p_e) / (1 − p_e)

NVivo writes the same with expected frequencies: ΣEF = [(a+b)(a+c) + (c+d)(b+d)] / N,
κ = (a + d − ΣEF) / (N − ΣEF). Kappa is computed here in whole numbers,
(N(a+d) − E) / (N² − E) with E = N²·p_e, so "undefined" is exact: when E = N², both coders
coded nothing (or everything) and κ is 0/0, reported as None, never a division error.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.agreement.intervals import Runs, overlap, size


@dataclass(frozen=True)
class PairTable:
    """The 2×2 table of two coders on one code."""

    first: str
    second: str
    both: int
    only_first: int
    only_second: int
    neither: int

    @property
    def total(self) -> int:
        return self.both + self.only_first + self.only_second + self.neither

    @property
    def agreement(self) -> float | None:
        """p_o, 0–1; None for a text of no characters."""
        return (self.both + self.neither) / self.total if self.total else None

    @property
    def expected(self) -> float | None:
        """p_e, the agreement two coders coding at these rates would reach by chance."""
        if not self.total:
            return None
        return self._chance() / self.total ** 2

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when undefined (p_e = 1: neither coder used the code, or
        both coded every character)."""
        n, chance = self.total, self._chance()
        if n == 0 or chance == n * n:
            return None
        return (n * (self.both + self.neither) - chance) / (n * n - chance)

    def _chance(self) -> int:
        a, b, c, d = self.both, self.only_first, self.only_second, self.neither
        return (a + b) * (a + c) + (c + d) * (b + d)

    def __add__(self, other: PairTable) -> PairTable:
        """Two texts' tables as one: their characters taken together."""
        return PairTable(self.first, self.second, self.both + other.both,
                         self.only_first + other.only_first,
                         self.only_second + other.only_second, self.neither + other.neither)


def pair_table(first: str, second: str, first_runs: Runs, second_runs: Runs,
               length: int) -> PairTable:
    both = overlap(first_runs, second_runs)
    only_first = size(first_runs) - both
    only_second = size(second_runs) - both
    return PairTable(first, second, both, only_first, only_second,
                     length - both - only_first - only_second)
