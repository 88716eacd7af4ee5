"""Helpers for the TUI tests: a library holding the sample article, and screen geometry."""

from __future__ import annotations

from pathlib import Path

from annotations.store import Library
from reader.cli.adding import add_source
from reader.demo import sample_path
from reader.widgets.article_view import ArticleView

SIZE = (120, 40)
SETTLE = 0.2
"""Seconds to wait after a mark for what follows its repaint (pane, toast, save)."""


def sample_library(folder: Path) -> tuple[Library, str]:
    """A library with the bundled sample article and no marks; returns it and the id."""
    library = Library.open(folder)
    article = add_source(library, str(sample_path())).article
    return library, article.id


def add_markdown(library: Library, folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return add_source(library, str(path)).article.id


def screen_point(view: ArticleView, offset: int) -> tuple[int, int]:
    """Where `offset` is drawn, relative to the view's region (for mouse events).

    Only for rows without decoration and with one cell per character before `offset`.
    """
    rows = view.rows
    assert rows is not None
    y = rows.y_of(offset)
    column = offset - rows.starts[y]
    padding_left = view.styles.padding.left
    return padding_left + column, y - view.scroll_offset.y


async def open_first_article(pilot) -> ArticleView:
    await pilot.press("enter")
    await pilot.pause()
    view = pilot.app.screen.view
    assert isinstance(view, ArticleView)
    return view


async def escape(pilot):
    """Press escape and let the app settle; the screen it leads to."""
    await pilot.press("escape")
    await pilot.pause()
    return pilot.app.screen


async def search(pilot, words: str) -> None:
    await pilot.press("slash")
    await pilot.press(*["space" if ch == " " else ch for ch in words])
    await pilot.press("enter")
    await pilot.pause()


async def wait_for(pilot, condition, tries: int = 200) -> None:
    """Let the app run until `condition()` holds (a worker done, a notice shown), or fail."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")
