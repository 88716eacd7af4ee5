"""Rename an actor; the old name becomes an alias (unless told not to), so the words
already marked still find it."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.actor_records import (
    existing_actor,
    other_actor_named,
    reach,
    unique_names,
)
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, marks_in_articles, quoted
from annotations.library_changes.printable import refuse_unprintable
from annotations.model import normalise_name
from annotations.store import Library


@dataclass
class RenameActor:
    actor: str
    """The actor's id."""
    name: str
    keep_alias: bool = True
    """Whether the old name stays as an alias."""
    group = "actors"
    action = "rename"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        actor = existing_actor(draft, self.actor)
        refuse_unprintable(self.name, "an actor's name")
        name = " ".join(self.name.split())
        if not name:
            raise GlossatorError("an actor needs a name; give the new name")
        other = other_actor_named(draft, name, besides=actor.id)
        if other is not None:
            raise GlossatorError(f"{quoted(name)} is already {quoted(other.name)}'s name or alias; "
                                 f"to make them one actor use `glossator actors merge`")
        renamed = copy.deepcopy(actor)
        renamed.name = name
        old = [actor.name] if self.keep_alias else []
        renamed.aliases = unique_names([*actor.aliases, *old], leaving_out=[name])
        if renamed.to_record() == actor.to_record():
            return draft.plan(self, f"{quoted(name)} is already the name")
        mentions, claims, articles = reach(draft.tallies, actor.id)
        summary = (f"rename {quoted(actor.name)} to {quoted(name)}: "
                   f"{marks_in_articles(mentions, claims, articles)} show the new name")
        draft.put_actor(renamed)
        notes = []
        if self.keep_alias and normalise_name(actor.name) != normalise_name(name):
            notes.append(f"{quoted(actor.name)} stays as an alias")
        return draft.plan(self, summary, mentions=mentions, claims=claims, notes=notes)
