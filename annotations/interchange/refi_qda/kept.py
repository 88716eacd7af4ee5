"""What glossator keeps in a project's Notes for its own import: readable, then exact.

A note's text is a few lines a researcher can read in any QDA tool ("Speaker: Dana
Whitlock", "Status: disputed"), then one line `glossator-data: {…}` holding the same and
more as JSON, which is what an import reads. Only the last such line counts, so a note
someone added to in another tool still comes back.
"""

from __future__ import annotations

import json
from typing import Any

from annotations.interchange.refi_qda.xmltext import json_safe

DATA_PREFIX = "glossator-data: "

ARTICLE_NOTE = "glossator: article details"
MARK_NOTE = "glossator: mark details"
ORPHAN_NOTE = "glossator: orphaned mark"


def kept_text(readable: list[str], data: dict[str, Any]) -> str:
    """A note's text: the readable lines, then the data line."""
    line = DATA_PREFIX + json_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return "\n".join([*readable, line])


def kept_data(note_text: str) -> dict[str, Any] | None:
    """The data a note keeps for glossator; None for anyone else's note (or a damaged one)."""
    # JSON never holds a raw line break, so the data line is one line of the note.
    line = next((line for line in reversed(note_text.split("\n"))
                 if line.startswith(DATA_PREFIX)), None)
    if line is None:
        return None
    try:
        data = json.loads(line[len(DATA_PREFIX):])
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def readable_value(value: str, limit: int = 300) -> str:
    """A value on one readable line (an answer can run to paragraphs)."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"
