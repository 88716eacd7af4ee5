"""F4 in the library: every question of the library, open first, with the answers.

Enter opens the article at the question; `o` shows the open ones only; `x` saves what is
shown as a Markdown table.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from annotations.model import Annotation, Article
from annotations.store import Library
from annotations.textsafety import inert
from annotations.views.claims import Gathered
from annotations.views.questions import is_open
from reader.screens.describing import question_describer
from reader.screens.from_worker import deliver
from reader.screens.table_export import export_table
from reader.widgets.mark_list import ListEntry, MarkList
from reader.widgets.quiet_footer import QuietFooter

Row = tuple[Article, Annotation]


class QuestionsScreen(Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A library-wide view: an article opened from it comes back here on escape."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="questions.back"),
        Binding("o", "toggle_open", "Open only / all", id="questions.open-only"),
        Binding("x", "export", "Save as Markdown", id="questions.export"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.rows: list[Row] = []
        self.only_open = False

    def compose(self) -> ComposeResult:
        yield Static("Questions", classes="view-title", id="questions-title", markup=False)
        yield MarkList(question_describer(), id="questions")
        yield Static("Reading the questions…", id="questions-status", classes="view-status",
                     markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(MarkList).focus()
        self._load()

    def on_screen_resume(self) -> None:
        if self.rows:
            self._load()

    @work(thread=True, exclusive=True, group="questions")
    def _load(self) -> None:
        from annotations.views.questions import library_questions

        deliver(self, lambda: library_questions(self.library), self._loaded, failed="No questions")

    def _loaded(self, gathered: Gathered) -> None:
        self.rows = gathered.rows
        self._fill()
        for line in gathered.problems:
            self.notify(inert(line), title="Left out", severity="warning", timeout=10)

    @property
    def shown(self) -> list[Row]:
        return [r for r in self.rows if is_open(r[1])] if self.only_open else list(self.rows)

    def _fill(self) -> None:
        still_open = [r for r in self.rows if is_open(r[1])]
        answered = [r for r in self.rows if not is_open(r[1])]
        entries = [ListEntry(f"Open ({len(still_open)})")]
        entries += [ListEntry("", a, m) for a, m in still_open]
        if not self.only_open:
            entries.append(ListEntry(f"Answered ({len(answered)})"))
            entries += [ListEntry("", a, m) for a, m in answered]
        self.query_one(MarkList).show(entries)
        self.query_one("#questions-title", Static).update(
            f"Questions · {len(still_open)} open · {len(answered)} answered")
        hint = "enter opens the article at the question · o: " + (
            "all questions" if self.only_open else "open ones only")
        self.query_one("#questions-status", Static).update(
            hint if self.rows else "No questions yet: mark one in an article with q.")

    @on(MarkList.Chosen)
    def _chosen(self, event: MarkList.Chosen) -> None:
        self.app.open_article(event.article.id, at=event.mark.start)  # type: ignore[attr-defined]

    def action_toggle_open(self) -> None:
        self.only_open = not self.only_open
        self._fill()

    def action_export(self) -> None:
        rows = self.shown
        if not rows:
            self.notify("No questions to save.", timeout=2)
            return

        def markdown() -> str:
            from annotations.views.tables import questions_markdown

            return questions_markdown(rows)

        export_table(self, f"{len(rows)} questions", Path.home() / "glossator-questions.md",
                     markdown, saved=f"Saved {len(rows)} questions")
