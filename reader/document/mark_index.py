"""Fast questions about an article's marks: which cover this row, which is next.

Marks are kept sorted by start, and bucketed by the stretch of text they cover, so the
reading view finds the marks of a visible row without looking at the other 10,000.
Orphaned marks (their words are gone from the text) are kept aside: listed, found by id,
never drawn or jumped to at offsets that no longer hold them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

from annotations.model import Annotation

_BUCKET = 1024


class MarkIndex:
    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        self._marks: list[Annotation] = []
        self._keys: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._buckets: dict[int, list[Annotation]] = defaultdict(list)
        self._by_id: dict[str, Annotation] = {}
        self.orphans: dict[str, Annotation] = {}
        for annotation in sorted(annotations, key=_order):
            if annotation.orphaned:
                self.orphans[annotation.id] = annotation
            else:
                self._append(annotation)

    def __len__(self) -> int:
        return len(self._marks) + len(self.orphans)

    def __iter__(self):
        yield from self._marks
        yield from self.orphans.values()

    def __contains__(self, annotation_id: str) -> bool:
        return annotation_id in self._by_id or annotation_id in self.orphans

    def get(self, annotation_id: str) -> Annotation | None:
        return self._by_id.get(annotation_id) or self.orphans.get(annotation_id)

    @property
    def placed(self) -> int:
        """How many marks are drawn in the text (all but the orphans)."""
        return len(self._marks)

    def _append(self, annotation: Annotation) -> None:
        self._marks.append(annotation)
        self._keys.append(_order(annotation))
        self._starts.append(annotation.start)
        self._bucket_add(annotation)
        self._by_id[annotation.id] = annotation

    def _bucket_add(self, annotation: Annotation) -> None:
        for bucket in _buckets_of(annotation.start, annotation.end):
            self._buckets[bucket].append(annotation)

    def _bucket_remove(self, annotation: Annotation) -> None:
        for bucket in _buckets_of(annotation.start, annotation.end):
            items = self._buckets.get(bucket, [])
            self._buckets[bucket] = [a for a in items if a.id != annotation.id]

    def add(self, annotation: Annotation) -> None:
        """Insert or replace a mark."""
        if annotation.id in self:
            self.remove(annotation.id)
        if annotation.orphaned:
            self.orphans[annotation.id] = annotation
            return
        i = bisect_left(self._keys, _order(annotation))
        self._marks.insert(i, annotation)
        self._keys.insert(i, _order(annotation))
        self._starts.insert(i, annotation.start)
        self._bucket_add(annotation)
        self._by_id[annotation.id] = annotation

    def remove(self, annotation_id: str) -> Annotation | None:
        if annotation_id in self.orphans:
            return self.orphans.pop(annotation_id)
        annotation = self._by_id.pop(annotation_id, None)
        if annotation is None:
            return None
        i = bisect_left(self._keys, _order(annotation))
        del self._marks[i], self._keys[i], self._starts[i]
        self._bucket_remove(annotation)
        return annotation

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Marks covering any of `start..end`, in reading order."""
        found: dict[str, Annotation] = {}
        for bucket in _buckets_of(start, end):
            for annotation in self._buckets.get(bucket, ()):
                if annotation.start < end and annotation.end > start:
                    found[annotation.id] = annotation
        return sorted(found.values(), key=_order)

    def at(self, offset: int) -> list[Annotation]:
        """Marks covering `offset`, innermost (shortest) first."""
        return sorted(self.overlapping(offset, offset + 1), key=lambda a: (a.end - a.start, a.id))

    def next_after(self, offset: int) -> Annotation | None:
        i = bisect_right(self._starts, offset)
        return self._marks[i] if i < len(self._marks) else None

    def previous_before(self, offset: int) -> Annotation | None:
        i = bisect_left(self._starts, offset)
        return self._marks[i - 1] if i > 0 else None


def _order(annotation: Annotation) -> tuple[int, int, str]:
    return (annotation.start, annotation.end, annotation.id)


def _buckets_of(start: int, end: int) -> range:
    return range(start // _BUCKET, (max(end, start + 1) - 1) // _BUCKET + 1)
