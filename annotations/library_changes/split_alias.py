"""Split an alias off an actor into an actor of its own: "Phoenix" was the city, not the
actor. The mentions whose words are that alias follow it; so do the actor's claims in
the articles where it was named only by that alias (elsewhere there is nothing to say
which of the two spoke)."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.actor_records import existing_actor, other_actor_named
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, marks_in_articles, quoted
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
        other = other_actor_named(draft, alias, besides=actor.id)
        if other is not None:
            raise GlossatorError(f"{quoted(alias)} also names {quoted(other.name)}; merge the "
                                 "mentions into it instead, or rename that actor first")
        new = Actor(name=alias, type=actor.type)
        key = normalise_name(alias)
        mentions = claims = 0
        for article_id in draft.tallies.articles_naming(actor.id):
            marks = draft.marks(article_id).values()
            named = [r for r in marks if r.get("kind") == ACTOR and r.get("actor") == actor.id]
            moving = [r for r in named if normalise_name(str(r.get("exact", ""))) == key]
            for record in moving:
                record["actor"] = new.id
                draft.touched(article_id, record)
            mentions += len(moving)
            if moving and len(moving) == len(named):
                for record in marks:
                    if record.get("kind") == CLAIM and record.get("speaker") == actor.id:
                        record["speaker"] = new.id
                        draft.touched(article_id, record)
                        claims += 1
        actor.aliases = [a for a in actor.aliases if normalise_name(a) != key]
        draft.put_actor(actor)
        draft.put_actor(new)
        summary = (f"split {quoted(alias)} off {quoted(actor.name)} as an actor of its own: "
                   f"{marks_in_articles(mentions, claims, len(draft.articles))} follow it")
        notes = ["claims follow it only in articles that name "
                 f"{quoted(actor.name)} by {quoted(alias)} alone"]
        return draft.plan(self, summary, mentions=mentions, claims=claims,
                          marks=mentions + claims, notes=notes)


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
