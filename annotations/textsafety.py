"""Article text is data: its control characters must never reach a terminal.

`inert` swaps every C0/C1 control character (and DEL) for a visible stand-in, one code
point for one, so offsets still line up: ESC becomes ␛, NUL ␀, a C1 control �. Line
breaks and tabs are layout, not commands, and stay. The bidirectional embeddings,
overrides and isolates (U+202A–U+202E, U+2066–U+2069) become � too: in a terminal that
honours them, "report" + U+202E + "txt.exe" prints as "reportexe.txt", a title shows
words it does not hold, and the rest of the line is reordered after them.

`plain_metadata` takes those and the other invisible format characters that can
disguise a title or a name (zero-width spaces, word joiners, soft hyphens, fillers,
tag characters) out of a metadata value altogether: a title is not quoted by offset.
The joiners that scripts and emoji need (U+200C, U+200D) and the directional marks of
right-to-left text (U+200E, U+200F, U+061C) stay.
"""

from __future__ import annotations

import json
import re
from typing import Any

_KEEP = "\n\t"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029{_BIDI}]")
_DISGUISING = re.compile(
    f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\u00ad\\u034f\\u115f\\u1160\\u17b4\\u17b5"
    "\\u180e\\u200b\\u2060-\\u2064\\u206a-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb"
    "\\U000e0000-\\U000e007f]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    if code in (0x2028, 0x2029):
        return " "
    return "\ufffd"  # a C1 control, a bidirectional control


def inert(text: str) -> str:
    """`text` with every control character but newline and tab, and every bidirectional
    control, made visible and harmless."""
    return _CONTROL.sub(_stand_in, text) if _CONTROL.search(text) else text


def plain_metadata(text: str) -> str:
    """`text` without control characters, bidirectional controls and the invisible
    characters that can disguise it; whitespace (line breaks too) folded to one space."""
    if text.isascii() and text.isprintable():
        return text
    return " ".join(_DISGUISING.sub("", text.replace("\u2028", " ").replace("\u2029", " ")).split())


def excerpt(text: str, limit: int = 80) -> str:
    """`text` on one line, whitespace folded, cut to `limit` code points with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def is_inert(text: str) -> bool:
    return not any(ch for ch in text if _CONTROL.match(ch) and ch not in _KEEP)


def dumps_json(data: Any, indent: int | None = 2) -> str:
    """JSON for terminals and files: readable Unicode, but C1 controls escaped too.

    `json.dumps(ensure_ascii=False)` already escapes C0 controls; C1 controls (U+0080–
    U+009F) pass through raw, and some terminals act on them, so they are escaped here.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_JSON_ESCAPED = re.compile(f"[\\x7f-\\x9f\\u2028\\u2029{_BIDI}]")
