"""Two coders' marks on one article, side by side, where they differ highlighted (`K`).

The article twice, each column one coder's marks: what the other coder also coded with
the same code is tinted softly (agreed), what only this coder coded strongly (differs).
One code at a time (`o` / `O` go through them) or every code at once, where a character
agrees when both coded it with the same codes. The header has the code's percentage
agreement, kappa and alpha (annotations/agreement). The two columns keep their cursors
and scrolling in step; `d` / `D` go to the next / previous difference; `enter` goes back
to the reader at the cursor, `escape` back where it was.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from annotations.agreement.coding import coders_of, codes_of, codes_used, coding_of, countable
from annotations.agreement.differences import differences, split_by_agreement
from annotations.agreement.report import ArticleText, CodeAgreement, compare
from annotations.model import Annotation, Article
from annotations.store import Library
from annotations.textsafety import inert
from reader.cli.agreement_table import coefficient, percent
from reader.document.mark_index import MarkIndex
from reader.document.model import Document
from reader.screens.picker import FilteredPicker
from reader.widgets.article_view import ArticleView

AGREED = "\0agreed"
ONLY = "\0only"
"""The kinds of the stretches drawn (not codebook tags: those cannot start with NUL)."""
COLOURS = {AGREED: "#3fa06a", ONLY: "#e8703a"}
ALL_CODES = None


class ComparedView(ArticleView, inherit_bindings=False):
    """An article view that reads and moves but marks nothing: what it shows are the two
    coders' marks compared, not marks to change (the reader is one `enter` away)."""

    BINDINGS = [b for b in ArticleView.BINDINGS
                if b.action.startswith(("move", "toggle_selection", "jump_mark"))]


class CodersScreen(Screen[int | None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="coders.back"),
        Binding("enter", "go_to_cursor", "Read here", id="coders.read-here"),
        Binding("o", "code(1)", "Next code", id="coders.next-code"),
        Binding("O", "code(-1)", "Previous code", show=False, id="coders.previous-code"),
        Binding("d", "difference(1)", "Next difference", id="coders.next-difference"),
        Binding("D", "difference(-1)", "Previous difference", show=False,
                id="coders.previous-difference"),
    ]

    def __init__(self, article: Article, document: Document, marks: list[Annotation],
                 coders: tuple[str, str]) -> None:
        super().__init__()
        self.article = article
        self.document = document
        self.coders = coders
        self.length = len(document.text)
        self.marks = [m for m in marks if countable(m) and m.author in coders]
        self.coding = coding_of(self.marks, self.length, coders)
        used = codes_used(self.marks, coders)
        report = compare([ArticleText(article.id, self.length, self.marks)], coders, used)
        self.figures: dict[str, CodeAgreement] = {c.code: c for c in report.codes}
        self.codes: list[str | None] = [ALL_CODES, *used]
        self.code_index = 0
        self.differences: list[tuple[int, int]] = []
        self.views = (ComparedView(document, tag_colours=COLOURS, id="coder-a"),
                      ComparedView(document, tag_colours=COLOURS, id="coder-b"))

    @classmethod
    def for_article(cls, library: Library, article_id: str, coders: tuple[str, str]) -> CodersScreen:
        from reader.document.cache import load_document

        article = library.article(article_id)
        return cls(article, load_document(library, article), library.annotations(article.id), coders)

    @property
    def code(self) -> str | None:
        return self.codes[self.code_index]

    def compose(self) -> ComposeResult:
        yield Static(inert(self.article.title), classes="view-title", markup=False)
        yield Static("", id="coders-figures", markup=False)
        yield Static(f"[on {COLOURS[AGREED]}]  [/] both coded it alike   "
                     f"[on {COLOURS[ONLY]}]  [/] only this coder (or with another code)",
                     id="coders-legend")
        with Horizontal(id="coders-columns"):
            for coder, view in zip(self.coders, self.views, strict=True):
                with Vertical(classes="coder-column"):
                    yield Static("", classes="title", markup=False, name=coder)
                    yield view
        yield Footer()

    def on_mount(self) -> None:
        self._show_code()
        self.views[0].focus()

    # -- what is drawn ---------------------------------------------------------------------

    def _show_code(self) -> None:
        code = self.code
        for view, coder, other in ((self.views[0], *self.coders), (self.views[1], *self.coders[::-1])):
            agreed, only = split_by_agreement(self.coding, code, coder, other, self.length)
            view.marks = MarkIndex(_stretches(self.article.id, agreed, AGREED)
                                   + _stretches(self.article.id, only, ONLY))
            view.refresh_marks()
        for title, coder in zip(self.query(".coder-column > .title").results(Static), self.coders,
                                strict=True):
            count = sum(1 for m in self.marks if m.author == coder and (code is None
                                                                     or code in codes_of(m)))
            title.update(inert(f"{coder} — {count} mark{'s' if count != 1 else ''}"))
        self.differences = differences(self.coding, code, *self.coders, self.length)
        self.query_one("#coders-figures", Static).update(self._figures_line())

    def _figures_line(self) -> str:
        a, b = self.coders
        position = f"({self.code_index + 1} of {len(self.codes)})"
        differ = sum(end - start for start, end in self.differences)
        if self.code is None:
            return (f"{a} ↔ {b} · every code {position} · {differ:,} of {self.length:,} characters "
                    "coded differently")
        figures = self.figures[self.code]
        return (f"{a} ↔ {b} · {self.code} {position} · agreement {percent(figures.agreement)} · "
                f"kappa {coefficient(figures.kappa)} · alpha {coefficient(figures.alpha)} · "
                f"{differ:,} characters differ")

    # -- keys ------------------------------------------------------------------------------

    def action_code(self, step: int) -> None:
        self.code_index = (self.code_index + step) % len(self.codes)
        self._show_code()

    def action_difference(self, step: int) -> None:
        view = self._focused_view()
        starts = [start for start, _ in self.differences]
        if not starts:
            self.notify("No differences: the two coders agree here.", timeout=2)
            return
        if step > 0:
            i = bisect_right(starts, view.cursor)
            target = starts[i] if i < len(starts) else starts[0]
        else:
            i = bisect_left(starts, view.cursor) - 1
            target = starts[i]
        view.go_to(target)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_go_to_cursor(self) -> None:
        self.dismiss(self._focused_view().cursor)

    def _focused_view(self) -> ArticleView:
        return self.views[1] if self.focused is self.views[1] else self.views[0]

    @on(ArticleView.CursorMoved)
    def _keep_in_step(self, event: ArticleView.CursorMoved) -> None:
        other = self.views[1] if event.view is self.views[0] else self.views[0]
        if other.cursor != event.offset:
            other.cursor = event.offset
        if other.scroll_offset.y != event.view.scroll_offset.y:
            other.scroll_to(y=event.view.scroll_offset.y, animate=False, immediate=True)


def _stretches(article_id: str, runs: list[tuple[int, int]], kind: str) -> list[Annotation]:
    return [Annotation(article=article_id, kind=kind, exact="", start=start, end=end,
                       id=f"{kind}:{start}") for start, end in runs]


class CoderPairPicker(FilteredPicker):
    """Which two of the article's coders to compare."""

    TITLE_TEXT = "Compare which two coders?"
    PLACEHOLDER = "Type a name"

    def __init__(self, coders: list[str]) -> None:
        super().__init__()
        self.pairs = [(a, b) for i, a in enumerate(coders) for b in coders[i + 1:]]

    def options_for(self, typed: str) -> list[Option]:
        typed = typed.strip().casefold()
        return [Option(inert(f"{a} ↔ {b}"), id=str(i)) for i, (a, b) in enumerate(self.pairs)
                if typed in f"{a} {b}".casefold()]


def compare_coders(app: App, session, go: Callable[[int], None]) -> None:
    """From the reader: the comparison of this article's two coders (asking which two when
    more have marked it); `go` takes the reader to where `enter` left the comparison."""
    marks = list(session.marks)
    coders = coders_of(marks)
    if len(coders) < 2:
        who = f"only {coders[0]}" if coders else "nobody with a name"
        app.notify(f"Nothing to compare: {who} has marked this article. Each coder marks it under "
                   "their own name ([user] name in config.toml).", timeout=5, markup=False)
        return

    def back(offset: int | None) -> None:
        if offset is not None:
            go(offset)

    def open_pair(pair: tuple[str, str]) -> None:
        app.push_screen(CodersScreen(session.article, session.document, marks, pair), back)

    if len(coders) == 2:
        open_pair((coders[0], coders[1]))
        return
    picker = CoderPairPicker(coders)
    app.push_screen(picker, lambda chosen: open_pair(picker.pairs[int(chosen)]) if chosen else None)


def run_with_coders(library: Library, article_id: str, coders: tuple[str, str]) -> None:
    """`glossator agreement ARTICLE --show`: the reader on the article, the comparison on top."""
    coders_app(library, article_id, coders).run()


def coders_app(library: Library, article_id: str, coders: tuple[str, str]) -> App:
    from reader.app import GlossatorApp

    class CodersApp(GlossatorApp):
        # Textual finds CSS_PATH beside the module of the class that names it: the app's.
        CSS_PATH = Path(sys.modules[GlossatorApp.__module__].__file__).parent / GlossatorApp.CSS_PATH

        compared = False

        def open_article(self, article_id: str, at: int | None = None) -> None:
            super().open_article(article_id, at)
            if not self.compared:  # the first article the app opens: this one
                self.compared = True
                self.push_screen(CodersScreen.for_article(library, article_id, coders), self._back)

        def _back(self, offset: int | None) -> None:
            view = getattr(self.screen, "view", None)
            if offset is not None and view is not None:
                view.go_to(offset)

    return CodersApp(library, article_id=article_id)
