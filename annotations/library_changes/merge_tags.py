"""Merge tag A into tag B: every mark with A (as its kind or a tag) has B instead, A's
sub-tags join B's (`A/x` → `B/x`), and A leaves the codebook. B keeps its colour."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import GlossatorError, NotFoundError
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, agreeing, counted
from annotations.library_changes.rename_tag import followers_note
from annotations.library_changes.tag_tree import (
    clean_tag_name,
    every_tag_name,
    in_subtree,
    moved,
    quoted,
    rewrite_marks,
    subtree,
    tag_entry,
    user_tag,
)
from annotations.model import BUILTIN_KINDS
from annotations.store import Library
from annotations.tallies import read_tallies


@dataclass
class MergeTags:
    source: str
    target: str
    group = "codebook"
    action = "merge"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        tallies = read_tallies(library)
        names = every_tag_name(draft, tallies)
        source = user_tag(self.source, names, "merged into another")
        target = clean_tag_name(self.target)
        if target not in names:
            raise NotFoundError(f"no tag {quoted(target)} to merge into; to give "
                                f"{quoted(source)} that name use `glossator codebook rename`")
        if in_subtree(target, source):
            raise GlossatorError(f"{quoted(source)} cannot be merged into its own sub-tag "
                                 f"{quoted(target)}")
        members = subtree(names, source)
        mapping = {n: moved(n, source, target) for n in members}
        stored = draft.stored_tags()
        for name in members:
            _join(draft, stored, name, mapping[name])
        counts = rewrite_marks(draft, tallies, mapping)
        notes = []
        followers = [f"{n} → {mapping[n]}" for n in members if n != source]
        if followers:
            notes.append(followers_note(followers))
        if counts.as_kind:
            n = counts.as_kind
            notes.append(f"{counted(n, 'mark')} {agreeing(n, 'has it as its', 'have it as their')} "
                         f"kind: {agreeing(n, 'it becomes', 'they become')} {quoted(target)}")
        return Plan("codebook", "merge", f"merge tag {quoted(source)} into {quoted(target)}: "
                    f"{counted(counts.marks, 'mark')} in {counted(len(draft.articles), 'article')}",
                    marks=counts.marks, articles=set(draft.articles), notes=notes,
                    writes=draft.writes(), result=target)


def _join(draft: Draft, stored: dict, name: str, into: str) -> None:
    """Move the codebook entry `name` to `into`: a tag already there keeps its own colour
    and description (taking the other's description when it has none)."""
    entry = stored.get(name)
    if entry is None:
        return
    draft.drop_tag(name)
    if into in stored or into in BUILTIN_KINDS:
        kept = tag_entry(draft, into)
        if not kept.description and entry.description:
            kept.description = entry.description
            draft.put_tag(kept)
        return
    entry.name = into
    draft.put_tag(entry)
