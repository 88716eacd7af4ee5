"""`enter` on a mark with `!` in the pane: its conflicts (a field two teammates changed
differently), each with the value kept and the other one, who made each and when; keep
one or the other, field by field.

Returns `(conflict, "current" | "other")`, `"edit"` (edit the mark instead) or None; the
reader settles it (annotations/sync/conflicts.py) as an undoable change.
"""

from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from annotations.authors import current_author
from annotations.model import Actor, Annotation
from annotations.textsafety import inert

_WIDTH = 44


class ResolveConflict(ModalScreen[Any]):
    BINDINGS = [
        Binding("escape", "cancel", "Later", id="dialog.cancel"),
        Binding("1", "keep(0, 'current')", "Keep the value kept", show=False,
                id="resolve.current"),
        Binding("2", "keep(0, 'other')", "Keep the other value", show=False, id="resolve.other"),
        Binding("e", "edit", "Edit the mark", show=False, id="resolve.edit"),
    ]

    def __init__(self, mark: Annotation, conflicts: list, actors: list[Actor]) -> None:
        super().__init__(classes="dialog")
        self.mark = mark
        self.conflicts = conflicts
        self.actors = {a.id: a.name for a in actors}

    def compose(self) -> ComposeResult:
        count = len(self.conflicts)
        with VerticalScroll(id="resolve"):
            yield Static(f"{count} conflict{'s' if count != 1 else ''} on this {self.mark.kind}",
                         classes="dialog-title", markup=False)
            yield Static(f"“{inert(' '.join(self.mark.exact.split()))}”", classes="quote",
                         markup=False)
            for n, conflict in enumerate(self.conflicts):
                yield Static(_heading(conflict), classes="conflict-field", markup=False)
                with Horizontal(classes="buttons conflict-choice"):
                    yield Button(self._choice(conflict, "current", n), id=f"current-{n}")
                    yield Button(self._choice(conflict, "other", n), id=f"other-{n}")
            yield Static("Either way the other value is gone; the choice syncs to the team like "
                         "any change (u undoes it here).", classes="hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Edit the mark (e)", id="edit")
                yield Button("Later (escape)", id="cancel")

    def on_mount(self) -> None:
        if self.conflicts:
            self.query_one("#current-0", Button).focus()

    def _choice(self, conflict, keep: str, n: int) -> str:
        entry = conflict.entry
        value = conflict.current if keep == "current" else conflict.other
        who = entry.get("kept_by" if keep == "current" else "author", "")
        mine = " (yours)" if who and who == current_author() else ""
        key = f" ({1 if keep == 'current' else 2})" if n == 0 else ""
        label = "Keep" if keep == "current" else "Take"
        by = f", {who}" if who else ""
        return inert(f"{label} {self._shown(conflict, value)}{by}{mine}{key}")

    def _shown(self, conflict, value: Any) -> str:
        if conflict.field == "deleted":
            return "the mark" if value is False else "the deletion"
        if conflict.field in ("speaker", "actor") and isinstance(value, str):
            value = self.actors.get(value, value)
        if isinstance(value, dict):
            value = value.get("exact", json.dumps(value, ensure_ascii=False))
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        text = " ".join(str(value).split()) if value not in (None, "") else "(nothing)"
        text = text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"
        return f"“{text}”"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        name = event.button.id or ""
        if name == "edit":
            self.dismiss("edit")
        elif name == "cancel":
            self.dismiss(None)
        else:
            keep, n = name.split("-")
            self.action_keep(int(n), keep)

    def action_keep(self, n: int, keep: str) -> None:
        if 0 <= n < len(self.conflicts):
            self.dismiss((self.conflicts[n], keep))

    def action_edit(self) -> None:
        self.dismiss("edit")

    def action_cancel(self) -> None:
        self.dismiss(None)


def _heading(conflict) -> str:
    if conflict.field == "deleted":
        return "deleted by one teammate while another changed it"
    return f"{conflict.field}: changed differently by two teammates"
