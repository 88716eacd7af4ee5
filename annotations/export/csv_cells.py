"""CSV cells a spreadsheet shows as text, never runs: the OWASP advice on CSV injection.

An actor named `=HYPERLINK("http://…","click")`, or a quote that begins with `+` or `@`,
is a formula to Excel, LibreOffice and Google Sheets when the CSV is opened; some reach
the network or other files. Every text cell glossator writes to a CSV that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front, which
spreadsheets take as "this is text" and do not show. Numbers stay numbers: only text
cells are changed, so a count of -1 (there is none) would stay a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: Any) -> Any:
    """`value` as a CSV cell a spreadsheet will not evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_cells(values: Iterable[Any]) -> list[Any]:
    return [text_cell(v) for v in values]
