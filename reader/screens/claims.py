"""F3 in the library: every claim of the library, unverified first.

Filters (status, speaker, tag, article, words) narrow the list as they change. Space
selects claims, `a` selects every claim shown; `s` sets the status of the selected
claims (or of the one under the cursor) across their articles in one transaction, and
`u` undoes that. Enter opens the article at the claim; `x` saves what is shown as a
Markdown table.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from annotations.model import CLAIM_STATUSES, Actor, Annotation, Article, normalise_name, now_iso
from annotations.store import Library
from annotations.textsafety import excerpt, inert
from annotations.views.claims import STATUS_ORDER, ClaimFilter, Gathered, filtered, status_rank
from annotations.views.matrix import NO_SPEAKER
from annotations.views.summary import tag_and_parents
from reader.screens.describing import claim_describer
from reader.screens.from_worker import deliver
from reader.screens.table_export import export_table
from reader.widgets.mark_list import Description, ListEntry, MarkList
from reader.widgets.quiet_footer import QuietFooter

Row = tuple[Article, Annotation]
_FILTERS = ("#status", "#speaker", "#tag", "#article")


class ClaimsScreen(Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A library-wide view: an article opened from it comes back here on escape."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="claims.back"),
        Binding("s", "set_status", "Set status", id="claims.set-status"),
        Binding("a", "select_all", "Select all shown", id="claims.select-all"),
        Binding("u", "undo", "Undo status", id="claims.undo"),
        Binding("x", "export", "Save as Markdown", id="claims.export"),
        Binding("slash", "find", "Find words", show=False, id="claims.find"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.actors: dict[str, Actor] = {}
        self.last_change: dict[tuple[str, str], str] = {}
        """The statuses the last change replaced: what `u` puts back."""

    def compose(self) -> ComposeResult:
        yield Static("Claims", classes="view-title", id="claims-title")
        with Horizontal(id="claim-filters", classes="view-filters"):
            yield Select([(s, s) for s in STATUS_ORDER], prompt="Any status", id="status")
            yield Select([], prompt="Any speaker", id="speaker")
            yield Select([], prompt="Any tag", id="tag")
            yield Select([], prompt="Any article", id="article")
            yield Input(placeholder="Words in the claim or note", id="words")
        yield MarkList(self._describe, selectable=True, id="claims")
        yield Static("Reading the claims…", id="claims-status", classes="view-status",
                     markup=False)
        yield QuietFooter()

    def _describe(self, article: Article, mark: Annotation) -> Description:
        return claim_describer(self.actors)(article, mark)

    def on_mount(self) -> None:
        self.query_one(MarkList).focus()
        self._load()

    def on_screen_resume(self) -> None:
        if self.rows:
            self._load()

    # -- reading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="claims")
    def _load(self) -> None:
        from annotations.views.claims import library_claims

        def read() -> tuple[Gathered, dict[str, Actor]]:
            return library_claims(self.library), {a.id: a for a in self.library.actors()}

        deliver(self, read, self._loaded, failed="No claims")

    def _loaded(self, found: tuple[Gathered, dict[str, Actor]]) -> None:
        gathered, self.actors = found
        self.rows = gathered.rows
        self._fill_filters()
        self._refilter()
        for line in gathered.problems:
            self.notify(inert(line), title="Left out", severity="warning", timeout=10)

    def _fill_filters(self) -> None:
        speakers = {m.speaker or NO_SPEAKER for _, m in self.rows}
        named = sorted((s for s in speakers if s in self.actors),
                       key=lambda s: normalise_name(self.actors[s].name))
        speaker_options = [(inert(self.actors[s].name), s) for s in named]
        if speakers - set(named):
            speaker_options.append(("(no speaker)", NO_SPEAKER))
        tags = sorted({c for _, m in self.rows for t in m.tags for c in tag_and_parents(t)},
                      key=str.casefold)
        articles: dict[str, Article] = {}
        for article, _ in self.rows:
            articles.setdefault(article.id, article)
        _set_options(self.query_one("#speaker", Select), speaker_options)
        _set_options(self.query_one("#tag", Select), [(inert(t), t) for t in tags])
        _set_options(self.query_one("#article", Select),
                     [(inert(excerpt(a.title, 50)), a.id) for a in articles.values()])

    # -- filtering -------------------------------------------------------------------

    def current_filter(self) -> ClaimFilter:
        def chosen(selector: str) -> frozenset[str]:
            value = self.query_one(selector, Select).value
            return frozenset() if value is Select.NULL else frozenset({str(value)})

        return ClaimFilter(statuses=chosen("#status"), speakers=chosen("#speaker"),
                           tags=chosen("#tag"), articles=chosen("#article"),
                           words=self.query_one("#words", Input).value.strip())

    @on(Select.Changed)
    @on(Input.Changed, "#words")
    def _filters_changed(self) -> None:
        if self.rows:
            self._refilter()

    @on(Input.Submitted, "#words")
    def _words_done(self) -> None:
        self.query_one(MarkList).focus()

    def _refilter(self) -> None:
        # Statuses may have changed since the rows were sorted: sorted again (stable).
        self.rows.sort(key=lambda row: status_rank(row[1]))
        self.shown = filtered(self.rows, self.current_filter())
        self.query_one(MarkList).show([ListEntry("", a, m) for a, m in self.shown])
        self._update_status()

    def _update_status(self) -> None:
        marks = self.query_one(MarkList)
        counts = {s: sum(1 for _, m in self.shown if m.status == s) for s in STATUS_ORDER}
        mix = " · ".join(f"{n} {s}" for s, n in counts.items() if n)
        selected = f" · {len(marks.selected)} selected (s sets their status)" if marks.selected else ""
        self.query_one("#claims-title", Static).update(
            f"Claims · {len(self.shown)} of {len(self.rows)} shown")
        text = f"{mix or 'no claims match'}{selected}"
        self.query_one("#claims-status", Static).update(text)

    @on(MarkList.SelectionChanged)
    def _selection_changed(self) -> None:
        self._update_status()

    # -- actions ---------------------------------------------------------------------

    @on(MarkList.Chosen)
    def _chosen(self, event: MarkList.Chosen) -> None:
        self.app.open_article(event.article.id, at=event.mark.start)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        if self.query_one(MarkList).clear_selection():
            return
        self.app.pop_screen()

    def action_find(self) -> None:
        self.query_one("#words", Input).focus()

    def action_select_all(self) -> None:
        self.query_one(MarkList).select_all()

    def action_set_status(self) -> None:
        from reader.screens.status_picker import StatusPicker

        chosen = self.query_one(MarkList).chosen_items()
        if not chosen:
            self.notify("No claim here to set.", timeout=2)
            return

        def picked(status: str | None) -> None:
            if status:
                self._set_statuses({(a.id, m.id): status for a, m in chosen}, "Set")

        self.app.push_screen(StatusPicker(CLAIM_STATUSES, len(chosen)), picked)

    def action_undo(self) -> None:
        if not self.last_change:
            self.notify("No status change to undo.", timeout=2)
            return
        self._set_statuses(dict(self.last_change), "Undid:", undoing=True)

    @work(thread=True, exclusive=True, group="set-status")
    def _set_statuses(self, wanted: dict[tuple[str, str], str], verb: str,
                      undoing: bool = False) -> None:
        from annotations.views.statuses import set_statuses

        deliver(self, lambda: set_statuses(self.library, wanted),
                lambda before: self._statuses_set(wanted, before, verb, undoing),
                failed="Nothing changed")

    def _statuses_set(self, wanted: dict[tuple[str, str], str], before: dict[tuple[str, str], str],
                      verb: str, undoing: bool) -> None:
        stamp = now_iso()
        for article, mark in self.rows:
            status = wanted.get((article.id, mark.id))
            if status is not None and (article.id, mark.id) in before:
                mark.status, mark.updated = status, stamp
        self.last_change = {} if undoing else before
        marks = self.query_one(MarkList)
        marks.clear_selection()
        marks.redescribe()
        self._update_status()
        statuses = sorted(set(wanted.values()))
        articles = len({a for a, _ in before})
        what = f"{len(before)} claim{'s' if len(before) != 1 else ''} in {articles} " \
               f"article{'s' if articles != 1 else ''}"
        if undoing:
            self.notify(f"{verb} {what} back as they were.", timeout=3)
        else:
            self.notify(f"{verb} {what} to {', '.join(statuses)} (u undoes)", timeout=3)

    def action_export(self) -> None:
        rows = list(self.shown)
        if not rows:
            self.notify("No claims shown to save.", timeout=2)
            return

        def markdown() -> str:
            from annotations.views.tables import claims_markdown

            return claims_markdown(rows, self.actors)

        export_table(self, f"{len(rows)} claims", Path.home() / "glossator-claims.md", markdown,
                     saved=f"Saved {len(rows)} claims")


def _set_options(select: Select, options: Iterable[tuple[str, str]]) -> None:
    """New options, keeping the choice when it is still among them."""
    value = select.value
    options = list(options)
    select.set_options(options)
    if value is not Select.NULL and any(v == value for _, v in options):
        select.value = value
