"""Pick the status to give one or several marks (claims, or questions)."""

from __future__ import annotations

from textual.widgets.option_list import Option

from reader.screens.picker import FilteredPicker


class StatusPicker(FilteredPicker):
    PLACEHOLDER = "Type to filter"
    HINT = "enter sets it · escape cancels"

    def __init__(self, statuses: tuple[str, ...], how_many: int) -> None:
        super().__init__()
        self.statuses = statuses
        self.TITLE_TEXT = f"Set the status of {how_many} mark{'s' if how_many != 1 else ''}"

    def options_for(self, typed: str) -> list[Option]:
        key = typed.strip().casefold()
        return [Option(s, id=s) for s in self.statuses if key in s]
