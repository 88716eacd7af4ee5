"""`y` / `Y`: put a quote with its citation (or the reference) on the clipboard.

OSC 52 goes to the terminal through Textual (it cannot be confirmed), and the clipboard
chain in `annotations.clipboard` tries the system helpers and, failing those, a file.
"""

from __future__ import annotations

from textual.app import App

from annotations.model import Annotation, Article


def copy_citation(app: App, article: Article, quote: Annotation | None,
                  reference_only: bool) -> str:
    """Copy, and return the one line that says where the text went."""
    from reader.citing import citation_text

    text = citation_text(article, None if reference_only else quote)
    app.copy_to_clipboard(text)
    from annotations.clipboard import copy_text

    outcome = copy_text(text)
    return outcome.message
