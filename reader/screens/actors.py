"""F2: every actor of the library with its type, aliases and counts, and a bar chart of
the claims attributed to each; filter by typing, sort with s, open one with enter; merge,
rename, split an alias off, set type and description, undo, each with its counts first.

The counts come from the tallies cache (annotations/tallies.py), so 5,000 actors and
50,000 marks open in a blink; the list is a Line-API table that draws only what shows.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Static

from annotations.collection_pause import collection_paused
from annotations.errors import GlossatorError
from annotations.model import CLAIM_STATUSES, Actor, normalise_name
from annotations.store import Library
from annotations.textsafety import inert
from reader.screens.reloading import ReloadedOnResume
from reader.widgets.actor_dialogs import ChangeFlow
from reader.widgets.actor_table import SORTS, ActorRow, ActorTable
from reader.widgets.bar_chart import Bar, BarChart
from reader.widgets.quiet_footer import QuietFooter

CHART_SERIES = ("supported", "disputed", "false", "unverified")
"""Claim statuses in the chart's order: the settled ones first, the open ones last."""
_STATUS_INDEX = [CLAIM_STATUSES.index(s) for s in CHART_SERIES]


_KEPT_ROWS: dict[str, tuple[Any, list[ActorRow]]] = {}
"""The rows last counted, by library folder, with the stamps of the files they came from:
F2 after F2 finds them again while no file changed (5,000 rows are a tenth of a second of
JSON and counting; the stamps of a thousand files a fiftieth)."""


def actor_rows(library: Library) -> list[ActorRow]:
    """Every actor with its counts, from the tallies, by name."""
    from annotations.atomic import file_stamp
    from annotations.tallies import marks_stamps

    # What changes when any file the rows are counted from does: the actors, and every
    # article's marks (taken once, and handed to the tallies if they must be read).
    marks = marks_stamps(library)
    stamps = (file_stamp(library.folder / "actors.json"), marks)
    kept = _KEPT_ROWS.get(str(library.folder))
    if kept is not None and kept[0] == stamps:
        return list(kept[1])
    with collection_paused():
        rows = _counted_rows(library, marks)
    _KEPT_ROWS[str(library.folder)] = (stamps, rows)
    return list(rows)


def _counted_rows(library: Library, stamps: dict[str, Any]) -> list[ActorRow]:
    from annotations.tallies import actor_records, read_tallies

    tallies = read_tallies(library, stamps)
    mentions, articles = tallies.mentions, tallies.actor_articles
    statuses = tallies.claim_statuses
    rows = []
    for record in actor_records(library):
        actor_id = record["id"]
        by_status = statuses.get(actor_id)
        if by_status:  # most actors never speak: no tuple for them
            counts = tuple([by_status.get(s, 0) for s in CLAIM_STATUSES])
            rows.append(ActorRow(record, mentions.get(actor_id, 0), sum(by_status.values()),
                                 articles.get(actor_id, 0), counts))
        else:
            rows.append(ActorRow(record, mentions.get(actor_id, 0), 0, articles.get(actor_id, 0)))
    rows.sort(key=lambda r: r.key)
    return rows


def matches(row: ActorRow, key: str) -> bool:
    if not key:
        return True
    record = row.record
    haystack = normalise_name(" ".join([row.name, *row.aliases, row.type,
                                        str(record.get("description", ""))]))
    return all(word in haystack for word in key.split())


_SORT_KEYS = {
    "name": lambda r: r.key,
    "mentions": lambda r: (-r.mentions, r.key),
    "claims": lambda r: (-r.claims, r.key),
    "articles": lambda r: (-r.articles, r.key),
    "type": lambda r: (r.type, r.key),
}


class ActorsScreen(ReloadedOnResume, Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A library-wide view: an article opened from it comes back here on escape."""

    AUTO_FOCUS = "#actors"
    """The table, not the filter above it: focus moving on at once would publish the
    bindings twice more."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="actors.open"),
        Binding("m", "merge", "Merge into…", id="actors.merge"),
        Binding("r", "rename", "Rename", id="actors.rename"),
        Binding("a", "split", "Split alias", id="actors.split"),
        Binding("e", "edit", "Type/description", id="actors.edit"),
        Binding("s", "sort", "Sort", id="actors.sort"),
        Binding("u", "undo", "Undo", id="actors.undo"),
        Binding("slash", "filter", "Filter", id="actors.filter"),
        Binding("escape", "back", "Back", id="actors.back"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.rows: list[ActorRow] = []
        self.shown: list[ActorRow] = []
        self.sorted_by = "name"
        self.flow = ChangeFlow(self, library, "actors", self._changed)
        from reader.screens.actor import ActorActions

        self.actions = ActorActions(self, library, self.flow)

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: type a name, an alias or a type", id="filter",
                    select_on_focus=False)
        with Horizontal(id="actors-body"):
            yield ActorTable(id="actors")
            yield BarChart(CHART_SERIES, empty="No claims are attributed to these actors yet.",
                           id="claims-chart")
        yield Static("", id="status")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        """Read the actors and their counts again (a change here, or another process)."""
        try:
            self.rows = actor_rows(self.library)
        except GlossatorError as error:
            self.rows = []
            self.notify(inert(str(error)), title="Cannot count the marks", severity="error",
                        timeout=10)
        self._fill(keep)

    def _fill(self, keep: str | None = None, top: bool = False) -> None:
        key = normalise_name(self.query_one("#filter", Input).value)
        shown = [r for r in self.rows if matches(r, key)] if key else list(self.rows)
        if self.sorted_by != "name":  # the rows come by name
            shown.sort(key=_SORT_KEYS[self.sorted_by])
        self.shown = shown
        table = self.query_one(ActorTable)
        table.sorted_by = self.sorted_by
        table.show(shown, keep, top=top)
        self._chart(shown)
        marks = sum(r.mentions + r.claims for r in self.rows)
        self.query_one("#status", Static).update(inert(
            f"{len(shown):,} of {len(self.rows):,} actors · {marks:,} mentions and claims · "
            f"sorted by {SORTS[self.sorted_by].lower()}"))

    def _chart(self, rows: list[ActorRow]) -> None:
        quoted = sorted((r for r in rows if r.claims), key=lambda r: -r.claims)[:60]
        bars = [Bar(r.name, tuple(r.statuses[i] for i in _STATUS_INDEX) if r.statuses
                    else (0, 0, 0, r.claims)) for r in quoted]
        self.query_one(BarChart).show(bars, title="Claims per actor")

    @property
    def highlighted(self) -> Actor | None:
        row = self.query_one(ActorTable).highlighted_row
        return row.actor if row else None

    # -- filter and sort ---------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(ActorTable).focus()
        self.action_open()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
            self.query_one(ActorTable).focus()
        else:
            self.app.pop_screen()

    def on_key(self, event) -> None:
        """Typing a letter in the table starts filtering, as in the library (the keys bound
        here, m r a e s u, act instead); the filter keeps what is typed quickly after."""
        character = event.character
        if not character or not character.isprintable():
            return
        table = self.query_one(ActorTable)
        field = self.query_one("#filter", Input)
        starts = self.focused is table and character.isalnum() \
            and event.key not in self.active_bindings
        if starts or self.focused is field:
            self.set_focus(field)
            field.insert_text_at_cursor(character)
            event.stop()
            event.prevent_default()

    @on(ActorTable.Chosen)
    def _chosen(self) -> None:
        self.action_open()

    def action_sort(self) -> None:
        keys = list(SORTS)
        self.sorted_by = keys[(keys.index(self.sorted_by) + 1) % len(keys)]
        self._fill(top=True)  # a new order is read from its top

    # -- actions -------------------------------------------------------------------------------

    def action_open(self) -> None:
        actor = self.highlighted
        if actor is not None:
            from reader.screens.actor import ActorScreen

            self.app.push_screen(ActorScreen(self.library, actor.id))

    def action_merge(self) -> None:
        actor = self.highlighted
        if actor is not None:
            self.actions.merge(actor, [r.actor for r in self.rows],
                               {r.id: r.mentions + r.claims for r in self.rows})

    def action_rename(self) -> None:
        if self.highlighted is not None:
            self.actions.rename(self.highlighted)

    def action_split(self) -> None:
        if self.highlighted is not None:
            self.actions.split(self.highlighted)

    def action_edit(self) -> None:
        if self.highlighted is not None:
            self.actions.edit(self.highlighted)

    def action_undo(self) -> None:
        self.flow.undo()

    def _changed(self, done: object) -> None:
        keep = self.actions.follow(done, self.highlighted.id if self.highlighted else None)
        self.reload(keep)
