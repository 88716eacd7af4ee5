"""One article's column in the reader: a title line above its `ArticleView`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from annotations.model import Article
from annotations.textsafety import inert
from reader.session import ArticleSession
from reader.widgets.article_view import ArticleView


def article_heading(article: Article) -> str:
    parts = [article.title, article.site, article.published]
    return inert(" · ".join(p for p in parts if p))


class ArticleColumn(Vertical):
    def __init__(self, session: ArticleSession, tag_colours: dict[str, str]) -> None:
        super().__init__()
        self.session = session
        self.view = ArticleView(session.document, session.marks,
                                language=session.article.language or "en",
                                tag_colours=tag_colours)

    def compose(self) -> ComposeResult:
        yield Static(article_heading(self.session.article), classes="title", markup=False)
        yield self.view


class ProblemColumn(Vertical):
    """Shown instead of an article whose body cannot be read."""

    def __init__(self, title: str, problem: str) -> None:
        super().__init__()
        self.title_text = title
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Static(inert(self.title_text), classes="title", markup=False)
        yield Static(inert(self.problem), classes="problem", markup=False)
