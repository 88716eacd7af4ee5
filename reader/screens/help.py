"""`?`: every key that works here, as currently bound (keymap changes included)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, under: Screen) -> None:
        super().__init__(classes="dialog")
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Keys (rebind them by id in config.toml, section [keys])",
                         classes="dialog-title", markup=False)
            yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Does", "Id")
        for key, description, binding_id in help_rows(self.under):
            table.add_row(key, description, binding_id or "—")
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)


def help_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, id) for every binding active on `screen`, one row per action."""
    rows: dict[tuple[str, str], list[str]] = {}
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        group = (binding.description, binding.id or "")
        rows.setdefault(group, [])
        display = screen.app.get_key_display(binding)
        if display not in rows[group]:
            rows[group].append(display)
    return [(", ".join(keys), description, binding_id)
            for (description, binding_id), keys in rows.items()]
