"""Where two coders differ in one article: what the side-by-side view highlights.

For one code, a coder's characters are split into those the other coder also coded with
it (agreed) and those the other did not (only this coder). Over every code at once, a
character agrees when both coded it with the very same codes.
"""

from __future__ import annotations

from annotations.agreement.coding import Coding
from annotations.agreement.intervals import Runs, difference, intersection, union


def split_by_agreement(coding: Coding, code: str | None, coder: str, other: str,
                       length: int) -> tuple[Runs, Runs]:
    """(agreed, only this coder's) characters of `coder`, for `code` or (None) every code."""
    if code is not None:
        mine = coding.get(code, {}).get(coder, [])
        theirs = coding.get(code, {}).get(other, [])
        return intersection(mine, theirs), difference(mine, theirs)
    mine = union((span for by_coder in coding.values() for span in by_coder.get(coder, [])),
                 length)
    differ = differing(coding, other, coder, length)
    return difference(mine, differ), intersection(mine, differ)


def differing(coding: Coding, first: str, second: str, length: int) -> Runs:
    """The characters some code is on for one coder and not the other."""
    spans = []
    for by_coder in coding.values():
        a, b = by_coder.get(first, []), by_coder.get(second, [])
        spans += difference(a, b) + difference(b, a)
    return union(spans, length)


def differences(coding: Coding, code: str | None, first: str, second: str, length: int) -> Runs:
    """Every stretch coded by one coder and not the other (for `code`, or any code)."""
    if code is None:
        return differing(coding, first, second, length)
    a = coding.get(code, {}).get(first, [])
    b = coding.get(code, {}).get(second, [])
    return union(difference(a, b) + difference(b, a), length)
