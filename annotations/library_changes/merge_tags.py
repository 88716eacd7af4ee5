"""Merge tag A into tag B: every mark with A (as its kind or a tag) has B instead, A's
sub-tags join B's (`A/x` → `B/x`), and A leaves the codebook. B keeps its colour."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import GlossatorError, NotFoundError
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, marks_in, quoted
from annotations.library_changes.tag_tree import (
    clean_tag_name,
    every_tag_name,
    in_subtree,
    moved_notes,
    rewrite_marks,
    sub_tag_moves,
    subtree_moved,
    tag_entry,
    user_tag,
)
from annotations.model import BUILTIN_KINDS
from annotations.store import Library


@dataclass
class MergeTags:
    source: str
    target: str
    group = "codebook"
    action = "merge"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        names = every_tag_name(draft)
        source = user_tag(self.source, names, "merged into another")
        target = clean_tag_name(self.target)
        if target not in names:
            raise NotFoundError(f"no tag {quoted(target)} to merge into; to give "
                                f"{quoted(source)} that name use `glossator codebook rename`")
        if in_subtree(target, source):
            raise GlossatorError(f"{quoted(source)} cannot be merged into its own sub-tag "
                                 f"{quoted(target)}")
        mapping = subtree_moved(names, source, target)
        stored = draft.stored_tags()
        for name, into in mapping.items():
            _join(draft, stored, name, into)
        counts = rewrite_marks(draft, mapping)
        notes = moved_notes(counts, sub_tag_moves(mapping, source), becomes=target)
        return draft.plan(self, f"merge tag {quoted(source)} into {quoted(target)}: "
                          f"{marks_in(counts.marks, len(draft.articles))}",
                          marks=counts.marks, notes=notes, result=target)


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
