"""Split an alias off an actor into an actor of its own: "Phoenix" was the city, not the
actor.

An alias that came with a merge brings back the actor merged in: its id, type,
description and other names, and every mark it brought (each remembers it,
merge_actors.py). For the rest, and for an alias that was never an actor of its own, the
words decide: the mentions whose words are the alias follow it; so do the actor's claims
whose attribution, the words around the quote ("…," said Jorge Ramírez), names it and
none of the names the actor keeps, and every claim in an article that names the actor
only by the alias (elsewhere there is nothing to say which of the two spoke).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from annotations.errors import GlossatorError
from annotations.library_changes.actor_records import existing_actor, other_actor_named
from annotations.library_changes.draft import Draft
from annotations.library_changes.merge_actors import MERGED_ACTORS, MERGED_FROM
from annotations.library_changes.plan import Plan, agreeing, counted, marks_in_articles, quoted
from annotations.model import ACTOR, CLAIM, Actor, normalise_name
from annotations.store import Library


@dataclass
class SplitAlias:
    actor: str
    """The id of the actor the alias belongs to."""
    alias: str
    group = "actors"
    action = "split"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        actor = existing_actor(draft, self.actor)
        alias = _the_alias(actor, self.alias)
        origin = _merged_origin(actor, alias)
        new = _come_back(origin, actor) if origin else Actor(name=alias, type=actor.type)
        for name in new.names():
            other = other_actor_named(draft, name, besides=actor.id)
            if other is not None and other.id != new.id:
                raise GlossatorError(f"{quoted(name)} also names {quoted(other.name)}; merge "
                                     "the mentions into it instead, or rename that actor first")
        came_with = _merged_ids(origin) if origin else set()
        leaving = {normalise_name(n) for n in new.names()}
        kept = _kept(actor, origin, leaving)
        moves = _Moves()
        for article_id in draft.tallies.articles_naming(actor.id):
            moves.article(draft, article_id, actor.id, new.id, came_with,
                          [_words(n) for n in new.names()], [_words(n) for n in kept.names()])
        draft.put_actor(kept)
        draft.put_actor(new)
        summary = (f"split {quoted(alias)} off {quoted(actor.name)} as an actor of its own: "
                   f"{marks_in_articles(moves.mentions, moves.claims, len(draft.articles))} "
                   f"{agreeing(moves.mentions + moves.claims, 'follows', 'follow')} it")
        notes = _notes(origin is not None, new, actor, moves)
        return draft.plan(self, summary, mentions=moves.mentions, claims=moves.claims,
                          marks=moves.mentions + moves.claims, notes=notes, result=new.id)


class _Moves:
    """The marks moved to the new actor, counted by why."""

    def __init__(self) -> None:
        self.mentions = self.claims = 0
        self.brought = 0
        """Marks that came with the actor in a merge."""
        self.by_words = 0
        """Claims whose attribution names the alias."""
        self.by_article = 0
        """Claims in articles that name the actor only by the alias."""

    def article(self, draft: Draft, article_id: str, old: str, new: str, came_with: set[str],
                names: list[str], kept_names: list[str]) -> None:
        records = list(draft.marks(article_id).values())
        named = [r for r in records if r.get("kind") == ACTOR and r.get("actor") == old]
        moving = [r for r in named if r.get(MERGED_FROM) in came_with
                  or _words(str(r.get("exact", ""))) in names]
        only_alias = bool(moving) and len(moving) == len(named)
        for record in moving:
            self.brought += record.get(MERGED_FROM) in came_with
            _move(draft, article_id, record, "actor", new)
        self.mentions += len(moving)
        for record in records:
            if record.get("kind") != CLAIM or record.get("speaker") != old:
                continue
            if record.get(MERGED_FROM) in came_with:
                self.brought += 1
            elif _attributed(record, names, kept_names):
                self.by_words += 1
            elif only_alias:
                self.by_article += 1
            else:
                continue
            _move(draft, article_id, record, "speaker", new)
            self.claims += 1


def _move(draft: Draft, article_id: str, record: dict[str, Any], field: str, new: str) -> None:
    record[field] = new
    if record.get(MERGED_FROM) == new:
        del record[MERGED_FROM]  # back with the actor it named before the merge
    draft.touched(article_id, record)


def _words(text: str) -> str:
    """Words only, folded: "Min. Trevilla" and "min trevilla" are the same words."""
    return " ".join(re.findall(r"\w+", normalise_name(text)))


def _attributed(record: dict[str, Any], names: list[str], kept_names: list[str]) -> bool:
    """Whether the words around a claim's quote name the new actor and none of the names
    the old one keeps."""
    around = f" {_words(str(record.get('prefix', '')))} | {_words(str(record.get('suffix', '')))} "

    def said(name: str) -> bool:
        return bool(name) and f" {name} " in around

    return any(said(n) for n in names) and not any(said(n) for n in kept_names
                                                  if n not in names)


def _merged_origin(actor: Actor, alias: str) -> dict[str, Any] | None:
    """The record of the actor merged into `actor` (or into one merged into it) that was
    named `alias`; failing that, the one that had it among its aliases."""
    key = normalise_name(alias)
    records = list(_merged_records(actor.extra))
    for wanted in ([record["name"]] for record in records), (
            record.get("aliases") or [] for record in records):
        for record, names in zip(records, wanted, strict=True):
            if any(normalise_name(str(n)) == key for n in names):
                return record
    return None


def _merged_records(holder: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The records of the actors merged into the one whose fields are `holder`, the latest
    merge first, each followed by those merged into it."""
    merged = holder.get(MERGED_ACTORS)
    if not isinstance(merged, dict):
        return
    for record in reversed(list(merged.values())):
        if isinstance(record, dict) and record.get("id") and record.get("name"):
            yield record
            yield from _merged_records(record)


def _merged_ids(origin: dict[str, Any]) -> set[str]:
    """The merged actor's id and the ids of those merged into it before: their marks are
    its marks."""
    ids = {str(origin["id"])}
    ids.update(str(i) for i in origin.get("merged_ids") or [])
    for record in (origin.get(MERGED_ACTORS) or {}).values():
        if isinstance(record, dict) and record.get("id"):
            ids |= _merged_ids(record)
    return ids


def _come_back(origin: dict[str, Any], actor: Actor) -> Actor:
    """The merged actor as it was, with those of its names the actor still has."""
    back = Actor.from_record(copy.deepcopy(origin))
    still = {normalise_name(a) for a in actor.aliases}
    back.aliases = [a for a in back.aliases if normalise_name(a) in still]
    return back


def _kept(actor: Actor, origin: dict[str, Any] | None, leaving: set[str]) -> Actor:
    """The actor without the names that leave it, and, when a merged actor comes back,
    without its record, its ids and its description (here and in the records of the actors
    it had been merged into on the way)."""
    kept = copy.deepcopy(actor)
    kept.aliases = [a for a in actor.aliases if normalise_name(a) not in leaving]
    if origin is None:
        return kept
    ids = _merged_ids(origin)
    description = str(origin.get("description", ""))
    holders: list[dict[str, Any]] = [kept.extra, *_merged_records(kept.extra)]
    for holder in holders:
        merged = holder.get(MERGED_ACTORS)
        if isinstance(merged, dict) and merged.pop(str(origin["id"]), None) is not None \
                and not merged:
            del holder[MERGED_ACTORS]
        if holder.get("merged_ids"):
            holder["merged_ids"] = [i for i in holder["merged_ids"] if i not in ids]
        if holder is not kept.extra:
            holder["aliases"] = [a for a in holder.get("aliases") or []
                                 if normalise_name(str(a)) not in leaving]
            holder["description"] = _without(str(holder.get("description", "")), description)
    kept.description = _without(kept.description, description)
    return kept


def _without(description: str, part: str) -> str:
    """`description` without the paragraph `part` a merge added to it."""
    part = part.strip()
    if not part:
        return description
    paragraphs = [p for p in description.split("\n\n") if p.strip() != part]
    return "\n\n".join(paragraphs)


def _notes(came_back: bool, new: Actor, actor: Actor, moves: _Moves) -> list[str]:
    notes = []
    if came_back:
        also = f", with {_listed(new.aliases)}" if new.aliases else ""
        notes.append(f"{quoted(new.name)} comes back as it was before it was merged into "
                     f"{quoted(actor.name)}{also}: {counted(moves.brought, 'mark')} it brought "
                     f"{agreeing(moves.brought, 'goes', 'go')} back with it")
    if moves.by_words:
        notes.append(f"{counted(moves.by_words, 'claim')} whose words name {quoted(new.name)} "
                     f"({quoted(actor.name)}'s before) {agreeing(moves.by_words, 'follows', 'follow')}")
    if moves.by_article:
        notes.append(f"{counted(moves.by_article, 'claim')} in articles that name "
                     f"{quoted(actor.name)} only as {quoted(new.name)} "
                     f"{agreeing(moves.by_article, 'follows', 'follow')}")
    notes.append(f"other claims stay with {quoted(actor.name)}")
    return notes


def _listed(names: Iterable[str]) -> str:
    return ", ".join(quoted(n) for n in names)


def _the_alias(actor: Actor, wanted: str) -> str:
    key = normalise_name(wanted)
    if key == normalise_name(actor.name):
        raise GlossatorError(f"{quoted(actor.name)} is the actor's name, not an alias; "
                             "split off one of its aliases, or rename it")
    found = next((a for a in actor.aliases if normalise_name(a) == key), None)
    if found is None:
        known = ", ".join(quoted(a) for a in actor.aliases) or "none"
        raise GlossatorError(f"{quoted(wanted)} is not an alias of {quoted(actor.name)} "
                             f"(its aliases: {known})")
    return found
