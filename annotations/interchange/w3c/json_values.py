"""Reading the values of annotation files, which write one item or a list of them alike
and may hold anything where a string belongs: shared by the W3C and Hypothesis readers and
the range selectors. (Not in incoming.py: that module imports ranges.py.)"""

from __future__ import annotations

from typing import Any


def as_list(value: Any) -> list:
    """A JSON value that may be one item or a list of them (as JSON-LD writes either) as a
    list; nothing as an empty list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_value(value: Any) -> str:
    """`value` when it is a string, else ""."""
    return value if isinstance(value, str) else ""


def type_names(node: dict) -> set[str]:
    """The names a JSON-LD node gives its type (`type`, else `@type`; one or a list)."""
    kinds = node.get("type", node.get("@type"))
    return {t for t in as_list(kinds) if isinstance(t, str)}
