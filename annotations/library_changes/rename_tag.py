"""Rename a tag, or move it in the hierarchy (`actor/government` → `actor/state`): its
sub-tags follow (`actor/government/local` → `actor/state/local`), in the codebook and in
every mark."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, marks_in, quoted
from annotations.library_changes.tag_tree import (
    MarkRewrite,
    every_tag_name,
    in_subtree,
    moved_notes,
    new_tag_name,
    rewrite_marks,
    sub_tag_moves,
    subtree_moved,
    user_tag,
)
from annotations.model import BUILTIN_KINDS
from annotations.store import Library


@dataclass
class RenameTag:
    old: str
    new: str
    group = "codebook"
    action = "rename"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        old = user_tag(self.old, every_tag_name(draft), "renamed")
        new = new_tag_name(self.new)
        if new == old:
            return draft.plan(self, f"{quoted(old)} is already its name")
        counts, followers = move_subtree(draft, old, new)
        verb = "move" if old.rpartition("/")[0] != new.rpartition("/")[0] else "rename"
        return draft.plan(self, f"{verb} tag {quoted(old)} to {quoted(new)}: "
                          f"{marks_in(counts.marks, len(draft.articles))}", action=verb,
                          marks=counts.marks, notes=moved_notes(counts, followers), result=new)


def move_subtree(draft: Draft, old: str, new: str) -> tuple[MarkRewrite, list[str]]:
    """Give `old` and its sub-tags the name `new` (in the draft); the marks rewritten and
    "old/x → new/x" for each sub-tag that followed."""
    if new in BUILTIN_KINDS:
        raise GlossatorError(f"{quoted(new)} is a built-in kind; to put the marks of "
                             f"{quoted(old)} into it use `glossator codebook merge {old} {new}`")
    if in_subtree(new, old):
        raise GlossatorError(f"{quoted(old)} cannot move under itself ({quoted(new)})")
    names = every_tag_name(draft)
    mapping = subtree_moved(names, old, new)
    taken = sorted(set(mapping.values()) & (names - set(mapping)))
    if taken:
        raise GlossatorError(f"{quoted(taken[0])} is already a tag; to join the two use "
                             f"`glossator codebook merge {old} {new}`")
    stored = draft.stored_tags()
    for name, new_name in mapping.items():
        entry = stored.get(name)
        if entry is not None:
            draft.drop_tag(name)
            entry.name = new_name
            draft.put_tag(entry)
    return rewrite_marks(draft, mapping), sub_tag_moves(mapping, old)
