"""Type to filter, on the library screen: every character typed goes to the filter,
wherever the focus is, and never to a binding (`a` must not run Add in the middle of
"parasite"), unless the user's keymap gave that key to one of the screen's bindings on
purpose (then it runs it from the list). Moving keys still move in the list while the
filter has the focus, and enter there opens the highlighted article.

A mixin of `LibraryScreen` (library.py), whose `#filter` Input and DataTable it uses; the
screen keeps the filter's message handlers (Textual registers `@on` on the screen only).
"""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, Input

_MOVES = {"up": "cursor_up", "down": "cursor_down", "pageup": "page_up",
          "pagedown": "page_down", "home": "scroll_top", "end": "scroll_bottom"}
"""Keys that move in the list while the filter has the focus, and the list's action."""


class TypeToFilter:
    """Keys and pastes for the filter (see the module's docstring)."""

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(DataTable).focus()

    def action_type_in_filter(self, text: str) -> None:
        field = self.query_one("#filter", Input)
        if self.focused is not field:
            self.set_focus(field)
            field.cursor_position = len(field.value)
        field.insert_text_at_cursor(text)

    def on_key(self, event: events.Key) -> None:
        """Every character typed goes to the filter, wherever the focus is.

        The filter takes the keys typed into it itself; a character reaching the screen
        was typed elsewhere (in the table), or was queued for the table before the
        first character of a quick word moved the focus to the filter. Either way it is
        the filter's, and never a binding's.
        """
        field = self.query_one("#filter", Input)
        table = self.query_one(DataTable)
        if event.is_printable and event.character and self._rebound_here(event.key):
            return  # a letter the user gave a library key on purpose: the binding's
        if event.is_printable and event.character:
            self.action_type_in_filter(event.character)
        elif self.focused is field and event.key in _MOVES:
            getattr(table, f"action_{_MOVES[event.key]}")()
        elif event.key == "backspace" and self.focused is table and field.value:
            self.set_focus(field)
            field.cursor_position = len(field.value)
            field.action_delete_left()
        else:
            return
        event.stop()
        event.prevent_default()

    def _rebound_here(self, key: str) -> bool:
        """Whether the user's keymap gives `key` to one of this screen's bindings (while
        the list, not the filter, has the focus: typed into the filter it is text)."""
        if self.focused is self.query_one("#filter", Input):
            return False
        keymap = getattr(self.app, "user_keymap", {})
        ids = {binding.id for binding in self.BINDINGS if getattr(binding, "id", None)}
        return any(key in (part.strip() for part in keys.split(","))
                   for binding_id, keys in keymap.items() if binding_id in ids)

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted onto the list is the filter's too (the filter takes its own)."""
        line = event.text.splitlines()[0] if event.text.strip() else ""
        if line:
            self.action_type_in_filter(line)
            event.stop()
