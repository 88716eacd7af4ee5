"""F8 in the library: the library's marks over time, by the articles' dates."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from annotations.store import Library
from annotations.textsafety import inert
from annotations.views.timeline import Timeline
from reader.screens.from_worker import deliver
from reader.widgets.quiet_footer import QuietFooter
from reader.widgets.timeline import TimelineChart


class TimelineScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="timeline.back")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Static("Marks over time", classes="view-title", id="timeline-title")
        yield TimelineChart(id="timeline")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(TimelineChart).focus()
        self._count()

    @work(thread=True, exclusive=True, group="timeline")
    def _count(self) -> None:
        from annotations.views.timeline import library_timeline

        deliver(self, lambda: library_timeline(self.library), self._show, failed="No chart")

    def _show(self, timeline: Timeline) -> None:
        self.query_one(TimelineChart).show(timeline)
        marks = sum(b.total for b in timeline.buckets)
        if timeline.buckets:
            span = f"{timeline.buckets[0].label.split(',')[0]} to {timeline.buckets[-1].label}"
            title = f"Marks over time · {marks} marks, {span}, by {timeline.unit}"
        else:
            title = "Marks over time · no dated articles yet"
        self.query_one("#timeline-title", Static).update(inert(title))
