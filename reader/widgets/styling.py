"""Component styles for Line-API widgets, with theme colours blended as the theme meant.

`get_component_rich_style(partial=True)` drops a colour's alpha, so `$warning 40%`
would paint solid amber; the full style blends it over the widget's background, but
also carries the widget's text colour, which would repaint headings and links. This
keeps the blended colours a component sets, and only those, plus its text attributes.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    partial = widget.get_component_rich_style(name, partial=True)
    full = widget.get_component_rich_style(name)
    colours = Style(
        color=full.color if partial.color is not None else None,
        bgcolor=full.bgcolor if partial.bgcolor is not None else None,
    )
    return partial.without_color + colours
