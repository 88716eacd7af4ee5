"""One article's column in the reader: a title line above its `ArticleView`."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from annotations.errors import GlossatorError
from annotations.model import Article
from annotations.textsafety import inert
from reader.session import ArticleSession
from reader.widgets.article_view import ArticleView

MARKS_DELAY = 0.05
"""Seconds after mounting before the marks are read: the first paint comes first."""


def article_heading(article: Article) -> str:
    parts = [article.title, article.site, article.published]
    return inert(" · ".join(p for p in parts if p))


class ArticleColumn(Vertical):
    """The article's text shows at once; its marks are read by a worker and drawn after."""

    @dataclass
    class MarksLoaded(Message):
        column: ArticleColumn

    @dataclass
    class MarksUnreadable(Message):
        """The article's marks file cannot be read (damaged): nothing can be marked."""

        column: ArticleColumn
        problem: str
        """One line: the file, and `glossator doctor --repair`."""

    def __init__(self, session: ArticleSession, tag_colours: dict[str, str],
                 classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.session = session
        marks = session.marks if session.marks_loaded else None
        self.view = ArticleView(session.document, marks,
                                language=session.article.language or "en",
                                tag_colours=tag_colours)

    def compose(self) -> ComposeResult:
        yield Static(article_heading(self.session.article), classes="title", markup=False)
        yield self.view

    def on_mount(self) -> None:
        if not self.session.marks_loaded:
            # After the first paint (a timer: `call_after_refresh` runs before it), as
            # reading 10,000 marks holds the GIL for a while.
            self.set_timer(MARKS_DELAY, lambda: self.run_worker(
                self._read_marks, thread=True, exit_on_error=False, group="marks"))

    def _read_marks(self) -> None:
        try:
            marks = self.session.read_marks()
        except GlossatorError as error:
            problem = " ".join(str(error).split())
            self.app.call_from_thread(self.post_message, self.MarksUnreadable(self, problem))
            return
        self.app.call_from_thread(self._adopt, marks)

    def _adopt(self, marks) -> None:
        if self.session.adopt_marks(marks):
            self.sync_marks()
            self.post_message(self.MarksLoaded(self))

    def refresh_title(self) -> None:
        self.query_one(".title", Static).update(article_heading(self.session.article))

    def sync_marks(self) -> None:
        """Show the session's marks (after a change, or once they are read)."""
        self.view.marks = self.session.marks
        self.view.refresh_marks()


class ProblemColumn(Vertical):
    """Shown instead of an article whose body cannot be read."""

    def __init__(self, title: str, problem: str) -> None:
        super().__init__()
        self.title_text = title
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Static(inert(self.title_text), classes="title", markup=False)
        yield Static(inert(self.problem), classes="problem", markup=False)
