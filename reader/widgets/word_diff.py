"""What changed between two texts of an article, word by word, as `glossator diff` shows
it: each changed stretch under its paragraphs, removed words [-struck-], added {+words+}.

The words are the article's: they are put into a rich `Text` as they are, never read as
markup, and their control characters made visible (`inert`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from annotations.textdiff import Change
from annotations.textsafety import inert

MOST_CHANGES = 400
"""Changes drawn at once: a rewritten book has thousands, and `glossator diff` has them all."""

_MARKERS = {"removed": ("[-", "-]"), "added": ("{+", "+}"), "same": ("", "")}


class WordDiff(Static):
    COMPONENT_CLASSES = {"word-diff--place", "word-diff--removed", "word-diff--added",
                         "word-diff--same"}

    def show_changes(self, heading: str, changes: Sequence[Change]) -> None:
        place = self.get_component_rich_style("word-diff--place")
        styles = {kind: self.get_component_rich_style(f"word-diff--{kind}")
                  for kind in ("removed", "added", "same")}
        text = Text(inert(heading), style=place)
        for change in changes[:MOST_CHANGES]:
            text.append(f"\n\npara. {change.old_paragraph} → para. {change.new_paragraph}\n",
                        style=place)
            for index, piece in enumerate(change.pieces):
                if index:
                    text.append(" ")
                opening, closing = _MARKERS.get(piece.kind, ("", ""))
                text.append(f"{opening}{inert(piece.text)}{closing}",
                            style=styles.get(piece.kind, styles["same"]))
        if len(changes) > MOST_CHANGES:
            text.append(f"\n\n… and {len(changes) - MOST_CHANGES} more changes "
                        "(`glossator diff` prints them all)", style=place)
        self.update(text)

    def show_note(self, note: str) -> None:
        self.update(Text(inert(note), style=self.get_component_rich_style("word-diff--place")))
