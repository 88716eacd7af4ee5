"""How many code points two texts begin, or end, with alike: how well a mark's stored
surroundings fit an occurrence (annotations/anchoring.py), and what two changed
sentences keep at their ends (annotations/matching/offsets.py).

A binary search over slices compared in C: quicker than a loop over characters once the
shared part is longer than a few words.
"""

from __future__ import annotations


def common_prefix(a: str, b: str) -> int:
    """How many code points `a` and `b` begin with alike."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: str, b: str, longest: int | None = None) -> int:
    """How many code points (at most `longest`) `a` and `b` end with alike."""
    low, high = 0, min(len(a), len(b)) if longest is None else longest
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low
