"""What the index holds of one article, as rows: its details, its passages, its marks.

Each row is its number within the article (see schema: 0 details, then passages, then
marks), its column values in its table's order (`schema.TEXT_COLUMNS` for details and
passages, `schema.MARK_COLUMNS` for marks), and for passages and marks its place: where it
is and what a hit on it shows. A passage carries the notes of the marks
that start in it, with a map from each note's offset to its mark's row.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from annotations.citation.locators import locator_of
from annotations.model import BUILTIN_KINDS, Actor, Annotation, Article
from annotations.search.passages import Passage, locator_text
from annotations.search.schema import (
    DETAILS,
    FIRST_PASSAGE,
    MARK_BASE,
    MARK_COLUMNS,
    NOTE_SEPARATOR,
    TEXT_COLUMNS,
    facets,
)

HIT_START, HIT_END = "\ue000", "\ue001"
"""What FTS5 puts around a hit in a snippet: private-use characters, kept out of the
indexed text (swapped, one for one, so offsets hold) so that a hit is never mistaken."""
_NO_MARKERS = str.maketrans({HIT_START: "\ufffd", HIT_END: "\ufffd"})


class Place(NamedTuple):
    """A `places` row, in its column order."""

    start: int
    end: int
    locator: str
    cited: str | None = None
    """A passage's blocks: JSON [[offset in the passage, locator], …]."""
    notes_map: str | None = None
    """A passage's notes: JSON [[offset in its notes, mark row number], …]."""
    mark: str | None = None
    kind: str | None = None
    status: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    actor: str | None = None
    actor_name: str | None = None


class Row(NamedTuple):
    n: int
    values: tuple[str, ...]
    place: Place | None = None


def safe(text: str) -> str:
    return text.translate(_NO_MARKERS) if HIT_START in text or HIT_END in text else text


def _values(table_columns: tuple[str, ...], /, **columns: str) -> tuple[str, ...]:
    return tuple(safe(columns.get(name, "")) for name in table_columns)


def details_row(article: Article) -> Row:
    about = "\n".join(part for part in (
        "; ".join(article.authors), article.site, "; ".join(article.keywords),
        " ".join(article.tags)) if part)
    return Row(DETAILS, _values(TEXT_COLUMNS, title=article.title, about=about))


def mark_tags(mark: Annotation) -> list[str]:
    """A mark's tags, its kind among them when the kind is a tag of the codebook."""
    return ([mark.kind] if mark.kind not in BUILTIN_KINDS else []) + list(mark.tags)


def _names(mark: Annotation, actors: dict[str, Actor]) -> str:
    return "\n".join(name for who in (actors.get(mark.speaker), actors.get(mark.actor)) if who
                     for name in who.names())


def _note(mark: Annotation) -> str:
    return f"{mark.note}\n{mark.answer}" if mark.answer else mark.note


def mark_rows(marks: Sequence[Annotation], actors: dict[str, Actor]) -> list[Row]:
    """The marks' own rows (`marks` in reading order), for queries with a mark filter."""
    rows = []
    for n, mark in enumerate(marks, MARK_BASE):
        speaker, actor = actors.get(mark.speaker), actors.get(mark.actor)
        tags = mark_tags(mark)
        place = Place(mark.start, mark.end, locator_text(locator_of(mark)), mark=mark.id,
                      kind=mark.kind, status=mark.status, speaker=mark.speaker or None,
                      speaker_name=speaker.name if speaker else None, actor=mark.actor or None,
                      actor_name=actor.name if actor else None)
        rows.append(Row(n, _values(MARK_COLUMNS, quote=mark.exact, note=_note(mark),
                                   names=_names(mark, actors), tags=" ".join(tags),
                                   author=mark.author, facets=facets(mark.kind, tags, mark.status)),
                        place))
    return rows


def passage_notes(starts: Sequence[int], marks: Sequence[Annotation],
                  actors: dict[str, Actor]) -> list[tuple[str, str | None]]:
    """For each passage (by start), the notes of the marks starting in it, and the JSON map
    from each note's offset to its mark's row number (None without notes)."""
    parts: list[list[tuple[str, int]]] = [[] for _ in starts]
    for n, mark in enumerate(marks, MARK_BASE):
        text = "\n\n".join(part for part in (_note(mark), _names(mark, actors),
                                             " ".join(mark_tags(mark))) if part.strip())
        if text and starts:
            parts[max(0, bisect_right(starts, mark.start) - 1)].append((safe(text), n))
    notes = []
    for found in parts:
        offsets, at = [], 0
        for text, n in found:
            offsets.append([at, n])
            at += len(text) + len(NOTE_SEPARATOR)
        notes.append((NOTE_SEPARATOR.join(text for text, _ in found),
                      json.dumps(offsets) if offsets else None))
    return notes


def passage_rows(text: str, found: Sequence[Passage], marks: Sequence[Annotation],
                 actors: dict[str, Actor]) -> list[Row]:
    notes = passage_notes([p.start for p in found], marks, actors)
    rows = []
    for n, (passage, (note_text, notes_map)) in enumerate(zip(found, notes, strict=True),
                                                          FIRST_PASSAGE):
        place = Place(passage.start, passage.end, passage.locator,
                      json.dumps(passage.cited, ensure_ascii=False), notes_map)
        rows.append(Row(n, _values(TEXT_COLUMNS, text=text[passage.start:passage.end],
                                   notes=note_text), place))
    return rows


def actor_names(actor: Actor) -> str:
    """What the index keeps of an actor, to tell when its marks' rows must be made again."""
    return "\n".join(actor.names())
