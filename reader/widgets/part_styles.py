"""A Line-API widget's component styles by part name, each worked out once and kept.

Working a style out walks the DOM, and a row is drawn from several: `styles("header")`
is the style of the widget's `<prefix>--header` component class, `styles("")` the
widget's own. The widget clears them when its styles change (`notify_style_update`).
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

from reader.widgets.styling import component_style


class PartStyles:
    def __init__(self, widget: Widget, prefix: str) -> None:
        self._widget = widget
        self._prefix = prefix
        self._kept: dict[str, Style] = {}

    def __call__(self, name: str) -> Style:
        style = self._kept.get(name)
        if style is None:
            style = self._kept[name] = (component_style(self._widget, f"{self._prefix}--{name}")
                                        if name else self._widget.rich_style)
        return style

    def clear(self) -> None:
        self._kept.clear()
