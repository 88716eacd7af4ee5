"""What the reader does with suggestions (annotations/suggestions finds them): offer only
new ones, accept one as a mark (`origin: suggested`, its speaker an actor), reject one for
good.

Rejections are the reader's decisions, kept beside the article's marks:

    articles/<id>/rejected.json     {"rejected": {"claim:<words>": {"at": …, "kind": …,
                                                 "quote": …}}}

A rejection names the suggestion by its kind and its words (case and spacing aside), not
by its offsets: it stays rejected when a refresh moves the text around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from annotations.atomic import dump_json, load_json, write_atomically
from annotations.errors import CorruptFileError
from annotations.marking import build_annotation
from annotations.mentions import actor_for_mention
from annotations.model import ACTOR, CLAIM, Actor, Annotation, Article, normalise_name, now_iso
from annotations.places import TextPlaces
from annotations.store import Library

REJECTED_NAME = "rejected.json"
SUGGESTED = "suggested"
OVERLAP = 0.5
"""A suggestion overlapping an existing mark of its kind by this much of the shorter span is
not offered: the reader has marked it already (the matching rule of issue 11)."""


class SuggestionLike(Protocol):
    kind: str
    start: int
    end: int
    quote: str
    speaker: str
    description: str
    actor_type: str
    name: str
    aliases: tuple[str, ...]


def rejection_key(kind: str, quote: str) -> str:
    return f"{kind}:{normalise_name(quote)}"


def rejected(library: Library, article_id: str) -> dict[str, Any]:
    path = library.article_folder(article_id) / REJECTED_NAME
    data = load_json(path) or {}
    table = data.get("rejected", {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise CorruptFileError(f"{path} does not hold rejected suggestions; it was left "
                               "untouched: run `glossator doctor --repair`")
    return table


def reject(library: Library, article_id: str, suggestion: SuggestionLike) -> None:
    """Never offer this suggestion again for this article."""
    with library.writing("glossator reject"):
        table = dict(rejected(library, article_id))
        table[rejection_key(suggestion.kind, suggestion.quote)] = {
            "at": now_iso(), "kind": suggestion.kind, "quote": suggestion.quote}
        library.about_to_change()
        write_atomically(library.article_folder(article_id) / REJECTED_NAME,
                         dump_json({"rejected": table}))


def unrejected(library: Library, article_id: str, suggestions: Sequence[SuggestionLike],
               marks: Iterable[Annotation]) -> list[SuggestionLike]:
    """The suggestions still worth offering: not rejected, not marked already."""
    refused = rejected(library, article_id)
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for mark in marks:
        if not mark.orphaned:
            by_kind.setdefault(mark.kind, []).append((mark.start, mark.end))
    return [s for s in suggestions if rejection_key(s.kind, s.quote) not in refused
            and not any(_overlaps(s.start, s.end, a, b) for a, b in by_kind.get(s.kind, ()))]


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    shared = min(end, other_end) - max(start, other_start)
    shorter = min(end - start, other_end - other_start)
    return shorter > 0 and shared >= OVERLAP * shorter


def speaker_actor(library: Library, article: Article, suggestion: SuggestionLike) -> Actor | None:
    """The actor a suggestion's speaker (or an actor suggestion's name) is, when the library
    has one already (by name, alias, or surname within the article); None otherwise."""
    name = suggestion.speaker if suggestion.kind == CLAIM else (suggestion.name or suggestion.quote)
    if not name:
        return None
    return library.find_actor(name)


def accept(library: Library, article: Article, text: str, places: TextPlaces,
           suggestion: SuggestionLike) -> Annotation:
    """The suggestion as a new mark (not yet saved: the caller saves it, as an undoable
    change): `origin: suggested`; a claim's speaker and an actor mention become actors
    (linked when the library has them, created with their type and description)."""
    mark = build_annotation(library, article, text, places, suggestion.start, suggestion.end,
                            suggestion.kind, link_actor=False)
    mark.extra["origin"] = SUGGESTED
    if suggestion.kind == CLAIM and suggestion.speaker:
        mark.speaker = _actor_for(library, article, suggestion, suggestion.speaker).id
    elif suggestion.kind == ACTOR:
        mark.actor = _actor_for(library, article, suggestion,
                                suggestion.name or suggestion.quote).id
    return mark


def _actor_for(library: Library, article: Article, suggestion: SuggestionLike,
               name: str) -> Actor:
    with library.writing("glossator accept"):
        actor, created = actor_for_mention(library, article, name,
                                           type=_actor_type(suggestion.actor_type))
        changed = False
        if created and suggestion.description and not actor.description:
            actor.description = suggestion.description
            changed = True
        for alias in suggestion.aliases:
            if not actor.answers_to(alias):
                actor.aliases.append(alias)
                changed = True
        if changed:
            library.save_actor(actor)
        return actor


def _actor_type(value: str) -> str:
    return value if value in ("person", "organisation", "place", "other") else "person"
