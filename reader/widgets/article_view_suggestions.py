"""Suggestions as the article view draws them: dim dotted underlines, the innermost one
under the cursor for `A` and `R`.

`Offered` is made where the suggestions are found, in the reader's worker thread: sorted,
with their starts for bisection and the length of the longest, so a book's 80,000 cost the
main thread nothing when they arrive. The view swaps it in, and each row it draws asks only
for the few suggestions touching that row; hiding and showing them again flips a flag.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

REBUILD_AFTER = 64
"""Dropping more suggestions than this makes a new list in one pass, rather than taking
each out where it stands."""


class Offered(Sequence):
    """The suggestions on offer in one article, by start (then end), ready to draw."""

    def __init__(self, suggestions: Iterable[Any] = ()) -> None:
        # suggest() returns them sorted already: timsort makes that one pass
        self._items: list[Any] = sorted(suggestions, key=_span)
        self._starts = [s.start for s in self._items]
        self._reach = max((s.end - s.start for s in self._items), default=0)
        self.counts: Counter[str] = Counter(s.kind for s in self._items)
        """How many of each kind: for the notice when they are shown."""

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):  # type: ignore[override]
        return self._items[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    def touching(self, start: int, end: int) -> list[Any]:
        """The suggestions overlapping `start..end`: only those starting within the longest
        one's reach before it are looked at, however many the article has."""
        items = self._items
        i = bisect_left(self._starts, end) - 1
        floor = start - self._reach
        found = []
        while i >= 0 and items[i].start >= floor:
            if items[i].end > start:
                found.append(items[i])
            i -= 1
        return found

    def innermost_at(self, offset: int) -> Any | None:
        """The shortest suggestion covering `offset`, or None."""
        here = [s for s in self.touching(offset, offset + 1) if s.start <= offset < s.end]
        return min(here, key=lambda s: s.end - s.start) if here else None

    def without(self, gone: Iterable[Any]) -> Offered:
        """These suggestions less `gone` (accepted or rejected), the same objects kept."""
        gone = list(gone)
        rest = Offered.__new__(Offered)
        if len(gone) > REBUILD_AFTER:
            ids = {id(s) for s in gone}
            rest._items = [s for s in self._items if id(s) not in ids]
            rest._starts = [s.start for s in rest._items]
            rest.counts = Counter(s.kind for s in rest._items)
        else:
            rest._items, rest._starts = list(self._items), list(self._starts)
            rest.counts = Counter(self.counts)
            for suggestion in gone:
                i = bisect_left(rest._starts, suggestion.start)
                while i < len(rest._items) and rest._starts[i] == suggestion.start:
                    if rest._items[i] is suggestion:
                        del rest._items[i], rest._starts[i]
                        rest.counts[suggestion.kind] -= 1
                        break
                    i += 1
        rest._reach = self._reach  # still an upper bound when the longest is gone
        return rest

def _span(suggestion: Any) -> tuple[int, int]:
    return suggestion.start, suggestion.end
