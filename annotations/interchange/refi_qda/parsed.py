"""A REFI-QDA project as read, before any of it becomes glossator's: plain data.

Everything here has been checked (reading.py): every CodeRef names a code, every selection
lies inside its source's text, and every source's text is read, with its offsets counted
in that text as glossator keeps it (line feeds only).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Code:
    guid: str
    name: str
    """The tag name: the names from the root down, joined by `/`."""
    codable: bool = True
    colour: str = ""
    description: str = ""


@dataclass
class Case:
    guid: str
    name: str
    description: str = ""
    values: dict[str, str] = field(default_factory=dict)
    """Variable name → value."""
    selections: list[str] = field(default_factory=list)
    """GUIDs of the selections that belong to it (SelectionRef, or a coding of its GUID)."""


@dataclass
class Note:
    guid: str
    name: str
    text: str
    user: str = ""
    created: str = ""


@dataclass
class Selection:
    guid: str
    start: int
    end: int
    """Code points in the source's text (as `Source.text` holds it), end exclusive."""
    description: str = ""
    codes: list[str] = field(default_factory=list)
    """GUIDs of the codes of its Codings, in order (case GUIDs are moved to the case)."""
    notes: list[str] = field(default_factory=list)
    user: str = ""
    created: str = ""
    modified: str = ""
    modifying_user: str = ""


@dataclass
class Source:
    guid: str
    name: str
    text: str
    """Line feeds only; offsets of `selections` count code points of it."""
    selections: list[Selection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """GUIDs of the Notes the source refers to."""


@dataclass
class Project:
    origin: str = ""
    users: dict[str, str] = field(default_factory=dict)
    """GUID → name."""
    codes: dict[str, Code] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    """One line for each thing not read, and why."""
    read_outside: list[str] = field(default_factory=list)
    """One line for each source whose text was read from a folder the project names
    (its `basePath`), outside the folder holding the .qdpx."""
