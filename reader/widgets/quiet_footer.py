"""Textual's Footer, rebuilt once for a burst of binding changes rather than once for each.

A screen that opens publishes its bindings several times in its first frames (it is
pushed, its first widget takes focus, then the widget it means; a reactive bound to the
bindings changes), and Textual's Footer answers each with a recompose: a dozen key widgets
removed, made and styled again, 40 ms to 150 ms each on a loaded machine. On the Actors
screen that was half a second after the table was drawn, in which keys went unanswered.
Every recompose reads the bindings as they are when it runs, so one that is already due
stands for the changes published before it runs. It waits for a second refresh: focus
publishes the bindings once at once and again after the next refresh. And a footer whose
screen another covers is not rebuilt (a screen covered publishes its bindings too): the
screen publishes them again when it is back on top, and the footer is rebuilt then.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._rebuild_due = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_due:
            return
        self._rebuild_due = True
        self.call_after_refresh(self.call_after_refresh, self._rebuild, screen)

    def _rebuild(self, screen: Screen) -> None:
        # Cleared before the recompose is scheduled: a change published from here on
        # needs a recompose of its own.
        self._rebuild_due = False
        if self.is_attached and self.app.screen is not self.screen:
            return  # covered: rebuilt when its screen resumes
        super().bindings_changed(screen)
