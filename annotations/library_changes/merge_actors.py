"""Merge actor A into actor B: every mention and claim of A follows B; A's names become
B's aliases; both descriptions are kept; A is gone.

What A was is kept with B (`merged_actors` in B's record: A's record as it stood), and
each mark that moved remembers it came from A (`merged_from`, A's id, among the mark's
other fields): a split of A's name off B later (split_alias.py) brings A back, with its
id, and takes back exactly A's marks.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.actor_records import existing_actor, unique_names
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, marks_in_articles, quoted
from annotations.model import ACTOR, CLAIM, Actor
from annotations.store import Library

MERGED_FROM = "merged_from"
"""A mark's field: the id of the actor it named before a merge moved it."""
MERGED_ACTORS = "merged_actors"
"""An actor's field: the records of the actors merged into it, by id, as they stood."""


@dataclass
class MergeActors:
    source: str
    """The id of the actor merged away."""
    target: str
    """The id of the actor kept."""
    group = "actors"
    action = "merge"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        source = existing_actor(draft, self.source)
        target = existing_actor(draft, self.target)
        if source.id == target.id:
            raise GlossatorError(f"{quoted(source.name)} and {quoted(target.name)} are the same "
                                 "actor; name two different actors")
        mentions = claims = marks = 0
        for article_id in draft.tallies.articles_naming(source.id):
            for record in draft.marks(article_id).values():
                moved = False
                if record.get("actor") == source.id:
                    record["actor"], moved = target.id, True
                    mentions += record.get("kind") == ACTOR
                if record.get("speaker") == source.id:
                    record["speaker"], moved = target.id, True
                    claims += record.get("kind") == CLAIM
                if moved:
                    marks += 1
                    # An earlier merge's origin stays: the mark is that actor's first.
                    record.setdefault(MERGED_FROM, source.id)
                    draft.touched(article_id, record)
        merged = merged_actor(target, source)
        draft.put_actor(merged)
        draft.drop_actor(source.id)
        summary = (f"merge {quoted(source.name)} into {quoted(target.name)}: "
                   f"{marks_in_articles(mentions, claims, len(draft.articles))}")
        return draft.plan(self, summary, mentions=mentions, claims=claims, marks=marks,
                          notes=_notes(source, target, merged), result=target.id)


def merged_actor(target: Actor, source: Actor) -> Actor:
    """B with A's names as aliases, A's description after its own, and A's id remembered."""
    merged = copy.deepcopy(target)
    merged.aliases = unique_names([*target.aliases, source.name, *source.aliases],
                                  leaving_out=[target.name])
    descriptions = [d.strip() for d in (target.description, source.description) if d.strip()]
    merged.description = "\n\n".join(dict.fromkeys(descriptions))
    merged.extra["merged_ids"] = list(dict.fromkeys(
        [*target.extra.get("merged_ids", []), source.id, *source.extra.get("merged_ids", [])]))
    merged.extra[MERGED_ACTORS] = {**target.extra.get(MERGED_ACTORS, {}),
                                   source.id: source.to_record()}
    return merged


def _notes(source: Actor, target: Actor, merged: Actor) -> list[str]:
    gained = [a for a in merged.aliases if a not in target.aliases]
    notes = []
    if gained:
        notes.append(f"{quoted(target.name)} gains the alias(es) "
                     + ", ".join(quoted(a) for a in gained))
    if source.type != target.type:
        notes.append(f"{quoted(target.name)} stays a {target.type} "
                     f"({quoted(source.name)} was a {source.type})")
    if source.description.strip() and source.description.strip() not in target.description:
        notes.append(f"{quoted(source.name)}'s description is kept after "
                     f"{quoted(target.name)}'s")
    return notes
