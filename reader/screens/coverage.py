"""ctrl+k in the reader with two articles side by side: how their coverage compares.

The actors found in both and in one only, and the claims found in both (alike in their
words: annotations/views/similarity.py) and in one only. Each item is one mark; a pair
found in both is two items, one per article. Enter goes back to the reader with that
article's column at the mark.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from annotations.export.vault_links import place_label
from annotations.model import Actor, Annotation, Article
from annotations.textsafety import excerpt, inert
from annotations.views.coverage import Coverage, compare_coverage
from reader.widgets.mark_list import Description, ListEntry, MarkList
from reader.widgets.quiet_footer import QuietFooter

Side = tuple[Article, list[Annotation]]
Target = tuple[str, int]
"""(article id, offset): where the reader goes when an item is chosen."""


class CoverageScreen(Screen[Target | None]):
    BINDINGS = [Binding("escape", "back", "Back to the articles", id="coverage.back")]

    def __init__(self, first: Side, second: Side, actors: dict[str, Actor]) -> None:
        super().__init__()
        self.coverage = compare_coverage(first[0], first[1], second[0], second[1], actors)
        self.actors = actors
        self._notes: dict[str, str] = {}
        """What each item says beyond its mark: the actor it stands for, its pair's score."""

    def compose(self) -> ComposeResult:
        a, b = self.coverage.a, self.coverage.b
        yield Static(inert(f"Coverage · A: {excerpt(a.title, 50)} · B: {excerpt(b.title, 50)}"),
                     classes="view-title", markup=False)
        yield MarkList(self._describe, id="coverage")
        yield Static("enter goes to the mark in its article · escape goes back", classes="view-status")
        yield QuietFooter()

    def on_mount(self) -> None:
        marks = self.query_one(MarkList)
        marks.show(coverage_entries(self.coverage, self._notes))
        marks.focus()

    def _describe(self, article: Article, mark: Annotation) -> Description:
        side = "A" if article.id == self.coverage.a.id else "B"
        note = self._notes.get(mark.id, "")
        speaker = self.actors.get(mark.speaker)
        parts = [p for p in (note, f"— {speaker.name}" if speaker else "",
                             excerpt(article.title, 50), place_label(mark)) if p]
        return Description(f"{side:<2}", side.lower(), mark.exact, " · ".join(parts))

    @on(MarkList.Chosen)
    def _chosen(self, event: MarkList.Chosen) -> None:
        self.dismiss((event.article.id, event.mark.start))

    def action_back(self) -> None:
        self.dismiss(None)


def coverage_entries(coverage: Coverage, notes: dict[str, str]) -> list[ListEntry]:
    """The comparison as a list: a header per group, an item per mark."""
    a, b = coverage.a, coverage.b
    entries = [ListEntry(f"Actors in both ({len(coverage.actors_in_both)})")]
    for shared in coverage.actors_in_both:
        notes[shared.in_a.id] = notes[shared.in_b.id] = f"actor: {shared.actor.name}"
        entries += [ListEntry("", a, shared.in_a), ListEntry("", b, shared.in_b)]
    for title, article, present in (("Actors only in A", a, coverage.actors_only_in_a),
                                    ("Actors only in B", b, coverage.actors_only_in_b)):
        entries.append(ListEntry(f"{title} ({len(present)})"))
        for p in present:
            notes[p.first.id] = f"actor: {p.actor.name}"
            entries.append(ListEntry("", article, p.first))
    entries.append(ListEntry(f"Claims in both ({len(coverage.claims_in_both)})"))
    for number, pair in enumerate(coverage.claims_in_both, 1):
        notes[pair.in_a.id] = notes[pair.in_b.id] = f"pair {number}, {pair.score:.2f} alike"
        entries += [ListEntry("", a, pair.in_a), ListEntry("", b, pair.in_b)]
    for title, article, claims in (("Claims only in A", a, coverage.claims_only_in_a),
                                   ("Claims only in B", b, coverage.claims_only_in_b)):
        entries.append(ListEntry(f"{title} ({len(claims)})"))
        entries += [ListEntry("", article, m) for m in claims]
    return entries
