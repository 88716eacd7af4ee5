"""Set an actor's type and description."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.actor_records import existing_actor
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, quoted
from annotations.model import ACTOR_TYPES
from annotations.store import Library

SETTABLE = ("type", "description")


@dataclass
class SetActor:
    actor: str
    """The actor's id."""
    type: str | None = None
    description: str | None = None
    group = "actors"
    action = "set"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        actor = existing_actor(draft, self.actor)
        changed = copy.deepcopy(actor)
        said = []
        if self.type is not None:
            changed.type = checked_type(self.type)
            if changed.type != actor.type:
                said.append(f"type {changed.type} (was {actor.type})")
        if self.description is not None:
            changed.description = self.description.strip()
            if changed.description != actor.description:
                said.append("a new description" if changed.description else "no description")
        if not said:
            return draft.plan(self, f"{quoted(actor.name)} is already so; nothing to change")
        draft.put_actor(changed)
        return draft.plan(self, f"set {quoted(actor.name)}: " + ", ".join(said))


def checked_type(value: str) -> str:
    kind = value.strip().lower()
    if kind == "organization":
        kind = "organisation"  # both spellings are what people type
    if kind not in ACTOR_TYPES:
        raise GlossatorError(f"unknown actor type {value!r}; use one of: {', '.join(ACTOR_TYPES)}")
    return kind


def parse_actor_assignments(assignments: Iterable[str]) -> dict[str, str]:
    """`type=organisation`, `description=…` → {"type": …, "description": …}."""
    found: dict[str, str] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        key = key.strip().lower()
        if not sep or key not in SETTABLE:
            raise GlossatorError(f"{item!r} is not KEY=VALUE with KEY one of: {', '.join(SETTABLE)} "
                                 "(to change the name use `glossator actors rename`)")
        found[key] = value
    return found
