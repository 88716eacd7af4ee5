"""Hypothesis' positions as code points.

The Hypothesis client counts a TextPositionSelector's `start` and `end` in UTF-16 code
units of the page's `textContent`, as JavaScript strings do: a character beyond the
Basic Multilingual Plane (an emoji, a CJK Extension B ideograph) is two units. glossator
counts code points. The page's textContent is not in the file, so the article text
stands in for it: the code point at which the article text has the given number of
UTF-16 units before it. Where the two texts agree, that is exact; where they do not, the
position was only ever a hint.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Code point offsets of a text for UTF-16 offsets into it."""

    def __init__(self, text: str) -> None:
        # After the k-th character beyond the BMP (at code point a), UTF-16 has counted
        # a + k + 2 units: a before it, k extra for the earlier ones, two for itself.
        self._ends = [match.start() + k + 2 for k, match in enumerate(_ASTRAL.finditer(text))]

    def code_point(self, units: int) -> int:
        """The code point offset `units` UTF-16 code units in (an offset inside a
        surrogate pair rounds up, past the character)."""
        return units - bisect_right(self._ends, units) if self._ends else units
