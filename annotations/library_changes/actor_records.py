"""Helpers the actor changes share: the actor as the draft holds it, names, counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from annotations.errors import NotFoundError
from annotations.library_changes.draft import Draft
from annotations.model import Actor, normalise_name
from annotations.tallies import Tallies


def existing_actor(draft: Draft, actor_id: str) -> Actor:
    actor = draft.actor(actor_id)
    if actor is None:
        raise NotFoundError(f"the actor {actor_id!r} is no longer in the library; "
                            "`glossator actors` lists them")
    return actor


def unique_names(names: Iterable[str], leaving_out: Iterable[str] = ()) -> list[str]:
    """Names in order, each once (by case and spacing), none of `leaving_out`."""
    seen = {normalise_name(n) for n in leaving_out}
    kept = []
    for name in names:
        key = normalise_name(name)
        if key and key not in seen:
            seen.add(key)
            kept.append(" ".join(name.split()))
    return kept


class HasActors(Protocol):
    """Whatever lists the actors: a change's draft, or the library itself."""

    def actors(self) -> list[Actor]: ...


def other_actor_named(draft: HasActors, name: str, besides: str) -> Actor | None:
    """Another actor (not `besides`) that answers to `name`."""
    return next((a for a in draft.actors() if a.id != besides and a.answers_to(name)), None)


def reach(tallies: Tallies, actor_id: str) -> tuple[int, int, int]:
    """(mentions, claims, articles) of an actor, library-wide."""
    return (tallies.mentions[actor_id], tallies.claims[actor_id],
            tallies.actor_articles[actor_id])
