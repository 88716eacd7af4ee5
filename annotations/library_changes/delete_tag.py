"""Delete a tag (and its sub-tags) from the codebook and from every mark.

A mark that carries it among its tags keeps its other tags. A mark whose *kind* it is
must be some kind: the person says which (`--kind`, or the dialog's choice) and those
marks take it; without one the deletion is refused with the count, rather than guessing
from the mark's other tags. Built-in kinds cannot be deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.errors import GlossatorError
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import Plan, agreeing, counted, marks_in, quoted
from annotations.library_changes.tag_tree import (
    clean_tag_name,
    every_tag_name,
    in_subtree,
    listed,
    rewrite_marks,
    subtree,
    user_tag,
)
from annotations.store import Library


class KindNeededError(GlossatorError):
    """Marks have the tag being deleted as their kind, and no kind was given for them.
    `plan` is the deletion's counts all the same, for a dry run to show; it cannot be made."""

    def __init__(self, message: str, count: int, tag: str, plan: Plan | None = None) -> None:
        super().__init__(message)
        self.count = count
        self.tag = tag
        self.plan = plan


@dataclass
class DeleteTag:
    name: str
    kind: str = ""
    """The kind marks take whose kind is the deleted tag (or one of its sub-tags)."""
    group = "codebook"
    action = "delete"

    def plan(self, library: Library) -> Plan:
        draft = Draft(library)
        names = every_tag_name(draft)
        name = user_tag(self.name, names, "deleted")
        members = subtree(names, name)
        as_kind = _marks_of_kinds(draft, members)
        if as_kind and not self.kind:
            raise self._kind_needed(name, as_kind, self._counts(draft, name, members, ""))
        kind = self._replacement(names, name, as_kind)
        return self._counts(draft, name, members, kind)

    def _counts(self, draft: Draft, name: str, members: list[str], kind: str) -> Plan:
        """The deletion as `draft` holds it, marks of the tag's kind taking `kind` (with
        none, only counted: a plan to show, never to make)."""
        for member in members:
            draft.drop_tag(member)
        counts = rewrite_marks(draft, dict.fromkeys(members), replacement_kind=kind)
        notes = []
        if len(members) > 1:
            n = len(members) - 1
            notes.append(f"its {agreeing(n, 'sub-tag goes', f'{n} sub-tags go')} too: "
                         f"{listed(members[1:])}")
        if counts.marks > counts.as_kind:
            notes.append("marks keep their other tags")
        if counts.as_kind and kind:
            n = counts.as_kind
            notes.append(f"{counted(n, 'mark')} had it as {agreeing(n, 'its', 'their')} kind: "
                         f"{agreeing(n, 'it becomes', 'they become')} {quoted(kind)}")
        elif counts.as_kind:
            n = counts.as_kind
            notes.append(f"{counted(n, 'mark')} {agreeing(n, 'has', 'have')} it as "
                         f"{agreeing(n, 'its', 'their')} kind: --kind KIND says which kind "
                         f"{agreeing(n, 'it takes', 'they take')} instead")
        return draft.plan(self, f"delete tag {quoted(name)}: "
                          f"{marks_in(counts.marks, len(draft.articles))} lose it",
                          marks=counts.marks, notes=notes)

    @staticmethod
    def _kind_needed(name: str, as_kind: int, plan: Plan) -> KindNeededError:
        return KindNeededError(
            f"{counted(as_kind, 'mark')} {agreeing(as_kind, 'has', 'have')} {quoted(name)} "
            f"(or a sub-tag) as {agreeing(as_kind, 'its', 'their')} kind; "
            "say which kind they take instead with --kind KIND (claim, actor, question or "
            f"another tag), or merge the tag into another with `glossator codebook merge`",
            as_kind, name, plan)

    def _replacement(self, names: set[str], name: str, as_kind: int) -> str:
        if not as_kind:
            return ""
        kind = clean_tag_name(self.kind)
        if in_subtree(kind, name):
            raise GlossatorError(f"{quoted(kind)} is being deleted too; choose a kind outside "
                                 f"{quoted(name)}")
        if kind not in names:
            raise GlossatorError(f"no kind {quoted(kind)}; use claim, actor, question or a tag "
                                 "from `glossator codebook`")
        return kind


def _marks_of_kinds(draft: Draft, kinds: list[str]) -> int:
    wanted = set(kinds)
    return sum(1 for article_id in draft.tallies.articles_tagged(wanted)
               for record in draft.marks(article_id).values() if record.get("kind") in wanted)
