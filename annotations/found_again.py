"""A mark put where the matcher (annotations/matching) found its words again.

One way for every re-anchoring of a library's marks: a refresh (annotations/refreshing.py)
and an article whose text changed by other means, opened or repaired (`Library.reanchor`).

- orphaned: flagged and kept as it was, never dropped;
- fuzzy: on the new words, its old quote kept in its history (with why), its score stored;
- kept or moved: on its words, word for word (no score).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotations.anchoring import place_on
from annotations.model import Annotation, now_iso
from annotations.places import TextPlaces


def place_where_found(mark: Annotation, where: Any, text: str, places: TextPlaces,
                      why: str) -> None:
    """Put `mark` as the matcher's `where` (a `Found`) says, in `text`."""
    from annotations.matching import FUZZY, ORPHANED

    if where.outcome == ORPHANED:
        mark.orphaned, mark.anchor_score = True, None
        return
    if where.outcome == FUZZY:
        mark.history.append({"at": now_iso(), "quote": mark.exact, "start": mark.start,
                             "end": mark.end, "why": why})
        mark.anchor_score = round(where.score, 3)
    else:
        mark.anchor_score = None  # its words, word for word
    place_on(mark, text, where.start, where.end, places)


def marks_found_again(marks: Sequence[Annotation], text: str, places: TextPlaces, why: str
                      ) -> list[Annotation]:
    """Put each mark where its words now are in `text` (the old text unknown: only the
    marks remember it); the marks that changed. One found where it was is left as it is
    (its place, and its score from an earlier fuzzy match); an orphan already flagged so,
    too."""
    from annotations.matching import KEPT, ORPHANED, Quote, find_all_again

    changed = []
    for mark, where in zip(marks, find_all_again(text, [Quote.of(m) for m in marks]),
                           strict=True):
        if where.outcome == ORPHANED and mark.orphaned and mark.anchor_score is None:
            continue
        if where.outcome == KEPT and where.span == (mark.start, mark.end) \
                and text[where.start : where.end] == mark.exact:
            if mark.orphaned:
                mark.orphaned = False
                changed.append(mark)
            continue
        place_where_found(mark, where, text, places, why)
        changed.append(mark)
    return changed
