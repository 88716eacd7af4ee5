"""Article text is data: its control characters must never reach a terminal.

`inert` swaps every C0/C1 control character (and DEL) for a visible stand-in, one code
point for one, so offsets still line up: ESC becomes ␛, NUL ␀, a C1 control �. Line
breaks and tabs are layout, not commands, and stay.
"""

from __future__ import annotations

import json
import re
from typing import Any

_KEEP = "\n\t"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    if code in (0x2028, 0x2029):
        return " "
    return "\ufffd"


def inert(text: str) -> str:
    """`text` with every control character but newline and tab made visible and harmless."""
    return _CONTROL.sub(_stand_in, text) if _CONTROL.search(text) else text


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
    return re.sub(r"[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)
