"""Set a tag's colour, description or parent (a move in the hierarchy, as a rename with
the same last part). The built-in kinds can be recoloured and described, not moved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, marks_in, quoted
from annotations.library_changes.rename_tag import move_subtree
from annotations.library_changes.tag_tree import (
    check_colour,
    clean_tag_name,
    every_tag_name,
    followers_note,
    new_tag_name,
    tag_entry,
    user_tag,
)
from annotations.model import BUILTIN_KINDS
from annotations.store import Library

SETTABLE = ("colour", "description", "parent")
_ALIASES = {"color": "colour"}


@dataclass
class SetTag:
    name: str
    colour: str | None = None
    description: str | None = None
    parent: str | None = None
    """The new parent ("" for the top level), or None to stay where it is."""
    group = "codebook"
    action = "set"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        names = every_tag_name(draft)
        name = clean_tag_name(self.name)
        if name not in BUILTIN_KINDS:
            name = user_tag(name, names, "changed")
        said, notes, marks, fields = [], [], 0, []
        if self.parent is not None:
            new = _moved_to(name, self.parent)
            if new != name:
                counts, followers = move_subtree(draft, name, new)
                marks = counts.marks
                said.append(f"move to {quoted(new)}: {marks_in(marks, len(draft.articles))}")
                if followers:
                    notes.append(followers_note(followers))
                name = new
                fields.append("parent")
        entry = tag_entry(draft, name)
        before = entry.to_record()
        if self.colour is not None:
            colour = check_colour(self.colour)
            if colour != entry.colour:
                said.append(f"colour {colour or 'none'} (was {entry.colour or 'none'})")
                entry.colour = colour
                fields.append("colour")
        if self.description is not None and self.description.strip() != entry.description:
            entry.description = self.description.strip()
            said.append("a new description" if entry.description else "no description")
            fields.append("description")
        if entry.to_record() != before:
            draft.put_tag(entry)
        if not said:
            return draft.plan(self, f"{quoted(name)} is already so; nothing to change")
        action = "move" if "parent" in fields else "recolour" if fields == ["colour"] else "set"
        label = quoted(clean_tag_name(self.name))
        return draft.plan(self, f"set tag {label}: " + "; ".join(said), action=action,
                          marks=marks, notes=notes, result=name)


def _moved_to(name: str, parent: str) -> str:
    if name in BUILTIN_KINDS:
        raise GlossatorError(f"{quoted(name)} is a built-in kind and stays at the top; it can be "
                             "recoloured and described")
    leaf = name.rpartition("/")[2]
    return f"{new_tag_name(parent)}/{leaf}" if parent.strip().strip("/") else leaf


def parse_tag_assignments(assignments: Iterable[str]) -> dict[str, str]:
    """`colour=#d08050`, `description=…`, `parent=actor/state` → a dict by key."""
    found: dict[str, str] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        key = _ALIASES.get(key.strip().lower(), key.strip().lower())
        if not sep or key not in SETTABLE:
            raise GlossatorError(f"{item!r} is not KEY=VALUE with KEY one of: {', '.join(SETTABLE)} "
                                 "(to change the name use `glossator codebook rename`)")
        found[key] = value
    return found
