"""Strings made safe for QDA-XML: escaped text and attributes, and valid dateTimes.

The .qde is written as text, not through a tree, so a 50,000-mark project is written in
a fraction of a second. XML 1.0 cannot hold some characters at all (NUL and most C0
controls, lone surrogates, U+FFFE/U+FFFF), not even as character references: in free
text they become U+FFFD, one code point for one. Line breaks inside attributes, and
carriage returns anywhere, are written as character references, or a parser would turn
them into spaces and line feeds.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;",
             "\r": "&#13;", "\t": "&#9;"}
_DATETIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (each one a U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def text(value: str) -> str:
    """`value` as element content."""
    value = xml_safe(value)
    return _TEXT_SPECIAL.sub(lambda m: _ENTITIES[m.group()], value) if _TEXT_SPECIAL.search(value) else value


def attr(value: str) -> str:
    """`value` as a double-quoted attribute value (the quotes not included)."""
    value = xml_safe(value)
    return _ATTR_SPECIAL.sub(lambda m: _ENTITIES[m.group()], value) if _ATTR_SPECIAL.search(value) else value


def json_safe(line: str) -> str:
    """A JSON text with XML's forbidden characters (only ever inside its strings: JSON
    escapes C0 controls itself) escaped the JSON way, so nothing is lost."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", line) if _NOT_XML.search(line) else line


def is_datetime(value: str) -> bool:
    """Whether `value` is an xsd:dateTime (ours are: `2026-05-01T09:30:00Z`)."""
    return bool(value) and _DATETIME.fullmatch(value) is not None
