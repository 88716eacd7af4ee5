"""`x` on a library-wide view: ask where to save its Markdown table, save it, say so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from annotations.errors import GlossatorError
from annotations.textsafety import inert


def export_table(screen: Screen, what: str, default: Path, markdown: Callable[[], str], *,
                 saved: str) -> None:
    """Ask where to save `what` (offering `default`), then write `markdown()` there; the
    notice says `saved` and the path, or why nothing was saved."""
    from reader.screens.save_table import SaveTable, save_text

    def chosen(path: Path | None) -> None:
        if path is None:
            return
        try:
            save_text(path, markdown())
        except GlossatorError as error:
            screen.notify(inert(str(error)), title="Not saved", severity="error", timeout=10)
            return
        screen.notify(inert(f"{saved} to {path}"), timeout=4)

    screen.app.push_screen(SaveTable(what, default), chosen)
