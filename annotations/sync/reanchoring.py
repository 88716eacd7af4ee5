"""After a merge: marks placed in a body the merge did not keep, found again in the one it
kept.

One teammate refreshes an article (a paragraph added at the top) while another marks it
offline. The merge keeps the refreshed record and body, and the marks the other side made
hold offsets into a body that is no longer there: they would sit on other words. Each
file merged on its own cannot see it (the marks file, the article record and the body
changed on different sides), so the repair after the merge (repair.py) asks here.

A mark's place (its quote, surroundings and offsets: one value to the merge) comes whole
from one version: a side, or the common ancestor, that has the mark at that very place.
When that version's article text is not the merged one, the mark is found again from
that text into the merged one exactly as a refresh finds marks (annotations/matching,
with the old text known): kept, moved, fuzzy (its earlier words kept in its history), or
orphaned (kept as it was, listed, never deleted). A place no version holds (a mark moved
in from another article) is looked for by its words alone.

The article text is the reader's to build from a body (`TextOf`); the domain does not
build documents. Both teammates compute the same marks: the versions are read the same
way whichever side is "ours", and a history entry is dated by the merged body (when it
was added), not by the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotations.sync.records import PLACE

TextOf = Callable[[bytes, dict[str, Any]], tuple[str, Any]]
"""An article's text and its places (paragraphs, pages, chapters) from the bytes of a body
and the article's record; GlossatorError for a body that cannot be read."""


@dataclass(frozen=True)
class Version:
    """The article as one version (a side of the merge, or their common ancestor) has it."""

    record: dict[str, Any] | None
    """Its article record; None when this version has no such article."""
    marks: dict[str, Any]
    """Its marks of the article, by id."""
    body: Callable[[], bytes | None]
    """Its body, read when needed."""
    side: int | None
    """Which side of the merge it is (0 ours, 1 theirs); None for the common ancestor."""


@dataclass
class Found:
    """What finding one article's marks again did."""

    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0
    authors: set[str] = field(default_factory=set)
    """Who made the marks that were found elsewhere (or not at all)."""
    sides: set[int] = field(default_factory=set)
    """The sides whose body the merge kept: whose refresh the marks now follow."""
    unread: str = ""
    """Why a body could not be read ("" when every one could)."""

    @property
    def changed(self) -> int:
        return self.moved + self.fuzzy + self.orphaned


def same_text(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two records of an article hold the same text (by the hash of the text the
    marks were anchored in when both know it, else by the body's)."""
    if one.get("text_hash") and other.get("text_hash"):
        return one["text_hash"] == other["text_hash"]
    return one.get("content_hash") == other.get("content_hash")


def stale_versions(record: dict[str, Any], versions: Sequence[Version]) -> bool:
    """Whether some version holds the article with another text than the merged one."""
    return any(v.record is not None and not same_text(v.record, record) for v in versions)


def placed_elsewhere(record: dict[str, Any], marks: dict[str, Any],
                     versions: Sequence[Version]) -> dict[int | None, list[str]]:
    """The marks (ids) whose place comes from a version with another text, by the index
    of that version in `versions`; under None, those whose place no version holds."""
    found: dict[int | None, list[str]] = {}
    for mark_id in sorted(marks):
        place = _place(marks[mark_id])
        holding = [n for n, v in enumerate(versions)
                   if v.record is not None and _place(v.marks.get(mark_id)) == place]
        if any(same_text(versions[n].record or {}, record) for n in holding):
            continue  # placed in the merged text already
        if holding:
            # Two versions with other texts holding one place: the same one on both
            # machines, whichever side is ours.
            chosen = min(holding, key=lambda n: str((versions[n].record or {}).get(
                "content_hash", "")))
            found.setdefault(chosen, []).append(mark_id)
        else:
            found.setdefault(None, []).append(mark_id)
    return found


def find_marks_again(record: dict[str, Any], body: bytes, marks: dict[str, Any],
                     versions: Sequence[Version], text_of: TextOf) -> Found:
    """Find the marks placed in another text than the merged article's (`record`, whose
    body is `body`) again in the merged text; `marks` is changed in place."""
    from annotations.errors import GlossatorError

    result = Found(sides={v.side for v in versions if v.side is not None and v.record
                          is not None and same_text(v.record, record)})
    groups = placed_elsewhere(record, marks, versions)
    if not groups:
        return result
    try:
        text, places = text_of(body, record)
    except GlossatorError as error:
        result.unread = str(error)
        return result
    when = str(record.get("body_added") or record.get("added") or "")
    for index in sorted(groups, key=lambda n: -1 if n is None else n):
        old_text = None
        if index is not None:
            version = versions[index]
            old_body = version.body()
            if old_body is None:
                continue
            try:
                old_text, _ = text_of(old_body, version.record or {})
            except GlossatorError as error:
                result.unread = str(error)
                continue
            if old_text == text:
                continue
        _find_again([marks[k] for k in groups[index]], text, places, old_text, when, result)
    return result


def _find_again(records: list[dict[str, Any]], text: str, places: Any, old_text: str | None,
                when: str, result: Found) -> None:
    """The records put where their words are in `text`, as a refresh puts its marks."""
    from annotations.anchoring import place_on
    from annotations.matching import FUZZY, ORPHANED, Quote, find_all_again
    from annotations.model import Annotation

    marks = [Annotation.from_record(r) for r in records]
    found = find_all_again(text, [Quote.of(m) for m in marks], old_text=old_text)
    for record, mark, where in zip(records, marks, found, strict=True):
        before = _place(record)
        if where.outcome == ORPHANED:
            mark.orphaned, mark.anchor_score = True, None
        else:
            moved = (where.start, where.end) != (mark.start, mark.end)
            if moved or where.outcome == FUZZY:
                mark.history.append({"at": when, "quote": mark.exact, "start": mark.start,
                                     "end": mark.end, "why": "refresh"})
            mark.anchor_score = round(where.score, 3) if where.outcome == FUZZY else None
            place_on(mark, text, where.start, where.end, places)
        for name in (*PLACE, "history"):
            record[name] = getattr(mark, name)
        if _place(record) == before:
            continue
        if where.outcome == ORPHANED:
            result.orphaned += 1
        elif where.outcome == FUZZY:
            result.fuzzy += 1
        else:
            result.moved += 1
        result.authors.add(str(record.get("author") or ""))


def _place(record: Any) -> tuple[Any, ...] | None:
    if not isinstance(record, dict):
        return None
    return tuple(record.get(name) for name in PLACE)
