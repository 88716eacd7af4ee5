"""Rename a tag, or move it in the hierarchy (`actor/government` → `actor/state`): its
sub-tags follow (`actor/government/local` → `actor/state/local`), in the codebook and in
every mark."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, agreeing, counted
from annotations.library_changes.tag_tree import (
    MarkRewrite,
    clean_tag_name,
    every_tag_name,
    in_subtree,
    listed,
    moved,
    quoted,
    rewrite_marks,
    subtree,
    user_tag,
)
from annotations.model import BUILTIN_KINDS
from annotations.store import Library
from annotations.tallies import Tallies, read_tallies


@dataclass
class RenameTag:
    old: str
    new: str
    group = "codebook"
    action = "rename"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        tallies = read_tallies(library)
        old = user_tag(self.old, every_tag_name(draft, tallies), "renamed")
        new = clean_tag_name(self.new)
        if new == old:
            return Plan("codebook", self.action, f"{quoted(old)} is already its name")
        counts, followers = move_subtree(draft, tallies, old, new)
        verb = "move" if old.rpartition("/")[0] != new.rpartition("/")[0] else "rename"
        return Plan("codebook", verb, f"{verb} tag {quoted(old)} to {quoted(new)}: "
                    f"{counted(counts.marks, 'mark')} in {counted(len(draft.articles), 'article')}",
                    marks=counts.marks, articles=set(draft.articles),
                    notes=_notes(counts, followers), writes=draft.writes(), result=new)


def move_subtree(draft: Draft, tallies: Tallies, old: str, new: str) -> tuple[MarkRewrite, list[str]]:
    """Give `old` and its sub-tags the name `new` (in the draft); the marks rewritten and
    "old/x → new/x" for each sub-tag that followed."""
    if new in BUILTIN_KINDS:
        raise GlossatorError(f"{quoted(new)} is a built-in kind; to put the marks of "
                             f"{quoted(old)} into it use `glossator codebook merge {old} {new}`")
    if in_subtree(new, old):
        raise GlossatorError(f"{quoted(old)} cannot move under itself ({quoted(new)})")
    names = every_tag_name(draft, tallies)
    members = subtree(names, old)
    mapping = {n: moved(n, old, new) for n in members}
    taken = sorted(set(mapping.values()) & (names - set(members)))
    if taken:
        raise GlossatorError(f"{quoted(taken[0])} is already a tag; to join the two use "
                             f"`glossator codebook merge {old} {new}`")
    stored = draft.stored_tags()
    for name in members:
        entry = stored.get(name)
        if entry is not None:
            draft.drop_tag(name)
            entry.name = mapping[name]
            draft.put_tag(entry)
    counts = rewrite_marks(draft, tallies, mapping)
    followers = [f"{n} → {mapping[n]}" for n in members if n != old]
    return counts, followers


def followers_note(followers: list[str]) -> str:
    n = len(followers)
    return f"{counted(n, 'sub-tag')} {agreeing(n, 'follows', 'follow')}: {listed(followers)}"


def _notes(counts: MarkRewrite, followers: list[str]) -> list[str]:
    notes = []
    if followers:
        notes.append(followers_note(followers))
    if counts.as_kind:
        n = counts.as_kind
        notes.append(f"{counted(n, 'mark')} {agreeing(n, 'has it as its', 'have it as their')} kind")
    return notes
