"""Whose marks the reader shows (`@`: everyone's, only mine, one teammate's) and colours by
author (`C`).

The choice lives on the annotation pane and the article views follow it: a mark by an
author not shown is neither listed nor drawn, and `e`, `x`, `]` pass it by. That is how a
coder codes an article blind, before comparing with a teammate (`K`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from textual.app import App
from textual.widgets.option_list import Option

from annotations.authors import current_author
from annotations.textsafety import inert
from reader.screens.picker import FilteredPicker
from reader.widgets.annotation_pane import AnnotationPane
from reader.widgets.article_view import ArticleView
from reader.widgets.author_colours import author_colours, colour_name

EVERYONE = "everyone"
MINE = "mine"
AUTHOR = "author:"
NO_AUTHOR = "(no author)"
"""How marks with no author (made before authors, or imported without one) are listed."""


class AuthorPicker(FilteredPicker):
    """Everyone, only mine, or one author; the first option is the other of everyone and
    mine, so `@ enter` switches between the two."""

    TITLE_TEXT = "Show the marks of…"
    PLACEHOLDER = "Type to narrow the authors"
    HINT = "enter shows them · escape keeps what is shown"

    def __init__(self, counts: Counter[str], showing_everyone: bool, me: str) -> None:
        super().__init__()
        self.counts = counts
        self.showing_everyone = showing_everyone
        self.me = me

    def options_for(self, typed: str) -> list[Option]:
        total = sum(self.counts.values())
        mine = Option(f"Only mine ({inert(self.me or '?')}: {self.counts.get(self.me, 0)})", id=MINE)
        everyone = Option(f"Everyone's ({total})", id=EVERYONE)
        options = [mine, everyone] if self.showing_everyone else [everyone, mine]
        for author, count in sorted(self.counts.items(), key=lambda item: item[0].casefold()):
            options.append(Option(f"{inert(author or NO_AUTHOR)} ({count})", id=AUTHOR + author))
        typed = typed.strip().casefold()
        return [o for o in options if typed in str(o.prompt).casefold()] if typed else options


def authors_counted(views: Sequence[ArticleView]) -> Counter[str]:
    return Counter(m.author for view in views for m in view.marks)


def pick_authors(app: App, pane: AnnotationPane, views: Sequence[ArticleView],
                 refresh: Callable[[], None]) -> None:
    """Ask whose marks to show, then show them."""
    counts = authors_counted(views)
    me = current_author()

    def chosen(choice: str | None) -> None:
        if choice is None:
            return
        pane.shown_authors = _shown_for(choice, me)
        refresh()
        app.notify(_shown_message(pane.shown_authors, counts, me), timeout=3, markup=False)

    app.push_screen(AuthorPicker(counts, pane.shown_authors is None, me), chosen)


def _shown_for(choice: str, me: str) -> frozenset[str] | None:
    if choice == EVERYONE:
        return None
    if choice == MINE:
        return frozenset({me})
    return frozenset({choice.removeprefix(AUTHOR)})


def _shown_message(shown: frozenset[str] | None, counts: Counter[str], me: str) -> str:
    total = sum(counts.values())
    if shown is None:
        return f"Everyone's marks ({total})."
    count = sum(counts.get(a, 0) for a in shown)
    whose = f"your marks ({me})" if shown == {me} else f"{', '.join(sorted(shown)) or NO_AUTHOR}'s marks"
    return f"Only {whose}: {count} of {total} (@ shows everyone's again)."


def toggle_author_colours(app: App, pane: AnnotationPane, views: Sequence[ArticleView],
                          refresh: Callable[[], None]) -> None:
    """Colours by author on or off; says which colour is whose."""
    pane.colour_by_author = not pane.colour_by_author
    refresh()
    if not pane.colour_by_author:
        app.notify("Colours by kind.", timeout=2)
        return
    authors = sorted({a for a in authors_counted(views) if a}, key=str.casefold)
    legend = ", ".join(f"{a}: {colour_name(authors, a)}" for a in authors) or "no authors yet"
    app.notify(f"Colours by author: {legend} (C turns them off).", timeout=5, markup=False)


def follow_authors(pane: AnnotationPane, views: Sequence[ArticleView], dark: bool) -> None:
    """Put the pane's choice of authors and colours on the views (before the pane is
    rebuilt: its own rebuild reads them)."""
    colours: dict[str, str] = {}
    if pane.colour_by_author:
        colours = author_colours({m.author for view in views for m in view.marks if m.author}, dark)
    pane.author_colours = colours
    for view in views:
        if view.shown_authors != pane.shown_authors or view.author_colours != colours:
            view.set_authors(pane.shown_authors, colours)
