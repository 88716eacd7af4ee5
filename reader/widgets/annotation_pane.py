"""The annotation pane: an article's marks grouped by kind, with counts.

A Line-API list like the article view, so an article with 10,000 marks opens as fast as
one with ten: every item is two rows (the quote excerpt; speaker, status and the first
line of the note), every group header one row, and only the visible rows are drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.markup import escape
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.authors import current_author
from annotations.model import (
    ACTOR,
    BUILTIN_KINDS,
    CLAIM,
    QUESTION,
    Actor,
    Annotation,
    normalise_name,
    section_title,
)
from annotations.textsafety import inert
from reader.widgets.styling import component_style

ITEM_ROWS = 2
ORPHANED = "\0orphaned"
"""The group of marks whose words are no longer in the article (not a kind: a tag may be
called "orphaned")."""
SUGGESTED = "\0suggested"
"""The group of suggestions on show: offered, not marks (enter accepts, x rejects)."""
_GROUP_TITLES = {ORPHANED: "Orphaned", SUGGESTED: "Suggestions"}


def suggestion_entry(suggestion: object, number: int) -> Annotation:
    """A suggestion dressed as a mark for the pane's list (never saved): the pane draws and
    reports it like the others, and the screen knows it by `extra["suggestion"]`."""
    return Annotation(article="", kind=getattr(suggestion, "kind", ""), id=f"suggestion:{number}",
                      exact=getattr(suggestion, "quote", ""), start=getattr(suggestion, "start", 0),
                      end=getattr(suggestion, "end", 0), extra={"suggestion": suggestion})


class _Entry(NamedTuple):
    """A group header (no annotation) or one mark. A tuple: 10,000 are made per rebuild."""

    kind: str
    annotation: Annotation | None = None
    count: int = 0


class AnnotationPane(ScrollView, can_focus=True, inherit_bindings=False):
    COMPONENT_CLASSES = {
        "annotation-pane--header",
        "annotation-pane--highlight",
        "annotation-pane--detail",
        "annotation-pane--claim",
        "annotation-pane--actor",
        "annotation-pane--question",
        "annotation-pane--tag",
        "annotation-pane--conflict",
    }

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="pane.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="pane.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="pane.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="pane.page-down"),
        Binding("home,g", "edge(-1)", "First", show=False, id="pane.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="pane.last"),
        Binding("enter", "choose", "Edit / fold", id="pane.choose"),
        Binding("space", "fold", "Fold group", show=False, id="pane.fold"),
        Binding("x", "delete", "Delete", show=False, id="pane.delete"),
    ]

    highlighted: reactive[int] = reactive(0, init=False)

    @dataclass
    class Highlighted(Message):
        pane: AnnotationPane
        annotation: Annotation

    @dataclass
    class Chosen(Message):
        pane: AnnotationPane
        annotation: Annotation

    @dataclass
    class DeleteRequested(Message):
        pane: AnnotationPane
        annotation: Annotation

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.entries: list[_Entry] = []
        self._entry_rows: list[int] = []
        self._row_count = 0
        self._index_of: dict[str, int] = {}
        """Entry index of each mark's id: the pane follows the cursor without a search."""
        self.collapsed: set[str] = set()
        self.actors: dict[str, Actor] = {}
        self._marks: list[Annotation] = []
        self._entries_made: dict[int, Annotation] = {}
        """Suggestion entries by the id of their suggestion (each entry holds its suggestion,
        so the id is not reused while the entry is kept)."""
        self._entries_numbered = 0
        self._row_strips: LRUCache[int, Strip] = LRUCache(512)
        self._part_styles: dict[str, Style] = {}
        self.shown_authors: frozenset[str] | None = None
        """Only these authors' marks are listed (`@`: "my marks only", one teammate's); None:
        everyone's. Suggestions are nobody's and always listed."""
        self.colour_by_author = False
        """`C`: each item's bar in its author's colour (`author_colours`), not its kind's."""
        self.author_colours: dict[str, str] = {}
        """Author → colour of the item's bar, while `colour_by_author`."""
        self._with_authors = False

    # -- content ---------------------------------------------------------------------------

    def show(self, marks: Iterable[Annotation], actors: dict[str, Actor],
             keep: str | None = None, suggestions: Iterable[object] = ()) -> None:
        """Show these marks (and suggestions, in their own group); keep the highlight on the
        mark with id `keep` if given."""
        self._marks = list(marks) + self._suggestion_entries(suggestions)
        self.actors = actors
        self._rebuild(keep)

    def _suggestion_entries(self, suggestions: Iterable[object]) -> list[Annotation]:
        """The suggestions dressed as entries, each made once: a book offers 80,000, and
        making them anew at every refresh held the screen for two seconds."""
        made, fresh, entries = self._entries_made, {}, []
        for suggestion in suggestions:
            entry = made.get(id(suggestion))
            if entry is None or entry.extra["suggestion"] is not suggestion:
                entry = suggestion_entry(suggestion, self._entries_numbered)
                self._entries_numbered += 1
            fresh[id(suggestion)] = entry
            entries.append(entry)
        if entries:  # hidden for a moment: kept for when they show again
            self._entries_made = fresh
        return entries

    def _listed(self) -> list[Annotation]:
        shown = self.shown_authors
        listed = self._marks if shown is None else [
            m for m in self._marks if m.author in shown or "suggestion" in m.extra]
        # Whose a mark is goes unsaid while every mark is the reader's own.
        me = current_author().casefold()
        self._with_authors = bool(self.author_colours) or any(
            m.author.casefold() != me for m in listed if m.author)
        return listed

    def _rebuild(self, keep: str | None = None) -> None:
        current = self.highlighted_annotation
        keep = keep or (current.id if current else None)
        groups: dict[str, list[Annotation]] = defaultdict(list)
        listed = self._listed()
        for mark in listed:
            group = SUGGESTED if "suggestion" in mark.extra else (
                ORPHANED if mark.orphaned else mark.kind)
            groups[group].append(mark)
        special = set(BUILTIN_KINDS) | {ORPHANED, SUGGESTED}
        order = [k for k in BUILTIN_KINDS if k in groups] + sorted(set(groups) - special)
        order += [k for k in (SUGGESTED, ORPHANED) if k in groups]
        entries: list[_Entry] = []
        rows: list[int] = []
        row = 0
        for kind in order:
            group = groups[kind]
            entries.append(_Entry(kind, None, len(group)))
            rows.append(row)
            row += 1
            if kind not in self.collapsed:
                entries.extend([_Entry(kind, mark, 0) for mark in group])
                rows.extend(range(row, row + ITEM_ROWS * len(group), ITEM_ROWS))
                row += ITEM_ROWS * len(group)
        self.entries = entries
        self._entry_rows, self._row_count = rows, row
        self._index_of = {e.annotation.id: i for i, e in enumerate(entries) if e.annotation}
        self.virtual_size = Size(self.scrollable_content_region.width, row)
        marks = sum(1 for m in self._marks if "suggestion" not in m.extra)
        offered = len(self._marks) - marks
        title = f"Marks ({marks})"
        if self.shown_authors is not None:
            names = ", ".join(sorted(self.shown_authors, key=str.casefold)) or "nobody"
            title = f"Marks by {escape(inert(names))} ({len(listed) - offered} of {marks})"
        self.border_title = title + (f" · {offered} suggested" if offered else "")
        self._row_strips.clear()
        index = self._index_of.get(keep) if keep else None
        if index is None:
            index = min(self.highlighted, max(0, len(entries) - 1))
        self.set_reactive(AnnotationPane.highlighted, index)
        self.refresh()

    @property
    def highlighted_annotation(self) -> Annotation | None:
        if 0 <= self.highlighted < len(self.entries):
            return self.entries[self.highlighted].annotation
        return None

    def highlight_mark(self, annotation_id: str) -> None:
        """Highlight a mark without telling anyone (the article moved, the pane follows)."""
        i = self._index_of.get(annotation_id)
        if i is not None and i != self.highlighted:
            self.set_reactive(AnnotationPane.highlighted, i)
            self._row_strips.clear()
            self.refresh()
            self._scroll_to_highlight()

    # -- keys ------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.entries:
            self.highlighted = max(0, min(len(self.entries) - 1, self.highlighted + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, (self.size.height or 2) // ITEM_ROWS))

    def action_edge(self, direction: int) -> None:
        if self.entries:
            self.highlighted = 0 if direction < 0 else len(self.entries) - 1

    def action_choose(self) -> None:
        entry = self._current()
        if entry is None:
            return
        if entry.annotation is None:
            self.action_fold()
        else:
            self.post_message(self.Chosen(self, entry.annotation))

    def action_fold(self) -> None:
        entry = self._current()
        if entry is None:
            return
        kind = entry.kind
        self.collapsed.symmetric_difference_update({kind})
        self._rebuild()
        header = next(i for i, e in enumerate(self.entries) if e.kind == kind and e.annotation is None)
        self.highlighted = header

    def action_delete(self) -> None:
        entry = self._current()
        if entry is not None and entry.annotation is not None:
            self.post_message(self.DeleteRequested(self, entry.annotation))

    def _current(self) -> _Entry | None:
        return self.entries[self.highlighted] if 0 <= self.highlighted < len(self.entries) else None

    def watch_highlighted(self, old: int, new: int) -> None:
        self._row_strips.clear()
        self.refresh()
        self._scroll_to_highlight()
        entry = self._current()
        if entry is not None and entry.annotation is not None:
            self.post_message(self.Highlighted(self, entry.annotation))

    def _scroll_to_highlight(self) -> None:
        if not self.entries:
            return
        top = self._entry_rows[self.highlighted]
        bottom = top + (1 if self.entries[self.highlighted].annotation is None else ITEM_ROWS)
        view_top, height = self.scroll_offset.y, self.scrollable_content_region.height or 1
        if top < view_top:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > view_top + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def on_click(self, event) -> None:
        row = self.scroll_offset.y + event.y
        index = bisect_right(self._entry_rows, row) - 1
        if 0 <= index < len(self.entries):
            self.highlighted = index
            if event.chain == 2:
                self.action_choose()

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._part_styles.clear()
        self._row_strips.clear()

    def on_resize(self) -> None:
        self._row_strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._row_count)

    def on_focus(self) -> None:
        self._row_strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._row_strips.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        """A part's style ("" for the pane's own), kept: each walks the DOM to work out."""
        if name not in self._part_styles:
            self._part_styles[name] = (component_style(self, f"annotation-pane--{name}")
                                       if name else self.rich_style)
        return self._part_styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        cached = self._row_strips.get(row)
        if cached is not None:
            return cached
        strip = self._render_row(row, width)
        self._row_strips[row] = strip
        return strip

    def _render_row(self, row: int, width: int) -> Strip:
        base = self._style("")
        if row >= self._row_count or width <= 0:
            return Strip.blank(width, base)
        index = bisect_right(self._entry_rows, row) - 1
        entry = self.entries[index]
        line = row - self._entry_rows[index]
        style = base
        if index == self.highlighted:
            style = base + self._style("highlight")
        if entry.annotation is None:
            fold = "▸" if entry.kind in self.collapsed else "▾"
            title = _GROUP_TITLES.get(entry.kind) or section_title(entry.kind)
            text = f"{fold} {title} ({entry.count})"
            return _strip(text, width, style + self._style("header"))
        mark = entry.annotation
        if line == 0:
            colour = self.author_colours.get(mark.author)
            bar_style = style + (Style(color=colour) if colour else
                                 self._style(_KIND_STYLE.get(mark.kind, "tag")))
            excerpt = inert(" ".join(mark.exact.split()))
            if mark.extra.get("conflicts"):  # a teammate's change clashed with another (issue 13)
                flag = Segment("!", style + self._style("conflict"))
                return Strip([Segment("▍", bar_style), flag,
                              *_strip(" " + excerpt, width - 2, style)], width)
            return Strip([Segment("▍", bar_style), *_strip(" " + excerpt, width - 1, style)], width)
        return _strip("  " + self._detail(mark), width, style + self._style("detail"))

    def _detail(self, mark: Annotation) -> str:
        suggestion = mark.extra.get("suggestion")
        if suggestion is not None:
            return inert(_suggestion_detail(suggestion))
        parts = []
        clashes = mark.extra.get("conflicts")
        if isinstance(clashes, list) and clashes:
            fields = ", ".join(dict.fromkeys(str(c.get("field", "")) for c in clashes
                                             if isinstance(c, dict)))
            parts.append(f"! conflict: {fields} (enter settles)")
        if mark.orphaned:
            parts.append(f"{mark.kind}: its words are gone; select where they are now, r")
        elif mark.anchor_score is not None:
            parts.append(f"≈{mark.anchor_score:.2f}")
        speaker = self.actors.get(mark.speaker)
        if speaker:
            parts.append(f"— {speaker.name}")
        if mark.kind == ACTOR and mark.actor in self.actors:
            actor = self.actors[mark.actor]
            same = normalise_name(actor.name) == normalise_name(mark.exact)
            parts.append(actor.type if same else f"{actor.name} ({actor.type})")
        if mark.kind in (CLAIM, QUESTION) and mark.status:
            parts.append(mark.status)
        if mark.tags:
            parts.append(" ".join(f"#{t}" for t in mark.tags))
        if self._with_authors and mark.author:
            parts.append(f"by {mark.author}")
        note = next((line.strip() for line in mark.note.splitlines() if line.strip()), "")
        if note:
            parts.append(note)
        return inert(" · ".join(parts)) or "—"


_KIND_STYLE = {CLAIM: "claim", ACTOR: "actor", QUESTION: "question"}


def _strip(text: str, width: int, style: Style) -> Strip:
    """One row of `text`, cut to `width` cells with an ellipsis, padded."""
    from rich.cells import cell_len, set_cell_size

    if width <= 0:
        return Strip([], 0)
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    return Strip([Segment(set_cell_size(text, width), style)], width)


def _suggestion_detail(suggestion: object) -> str:
    kind = getattr(suggestion, "kind", "")
    parts = [f"suggested {kind}"]
    speaker = getattr(suggestion, "speaker", "")
    if speaker:
        parts.append(f"— {speaker}")
    name = getattr(suggestion, "name", "")
    if kind == ACTOR and name and name != getattr(suggestion, "quote", ""):
        parts.append(name)
    cue = getattr(suggestion, "cue", "")
    if cue:
        parts.append(cue)
    parts.append("enter or A accepts · x or R rejects")
    return " · ".join(parts)
