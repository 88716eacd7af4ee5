"""What a library-wide change will do: its counts for people, its new files for the disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from annotations.store import Library


@dataclass
class Plan:
    """A change worked out but not yet written."""

    group: str
    """"actors" or "codebook": which screen's and command's undo it belongs to."""
    action: str
    """"merge", "rename", "split", "set", "delete", "recolour", "move"."""
    summary: str
    """One line, counts first: "merge 'A' into 'B': 48 mentions and 12 claims in 19 articles"."""
    mentions: int = 0
    claims: int = 0
    marks: int = 0
    """Marks rewritten, of every kind."""
    articles: set[str] = field(default_factory=set)
    """Articles whose marks are rewritten."""
    notes: list[str] = field(default_factory=list)
    """Further lines: sub-tags that follow, aliases gained, what a deleted kind becomes."""
    writes: dict[Path, bytes] = field(default_factory=dict, repr=False)
    """The new content of every file the change rewrites."""
    undo_id: str = ""
    """The undo record, once applied."""
    result: str = ""
    """What the change leaves to look at: the kept actor's id, the tag's new name."""
    changes: dict[Path, list[dict[str, Any]]] | None = field(default=None, repr=False)
    """What it changes in each file, record by record (reversing.changes_of), when its
    maker knows; else the undo log finds it from the files and `writes`."""

    @property
    def changes_nothing(self) -> bool:
        return not self.writes

    @property
    def touches_marks(self) -> bool:
        return bool(self.articles)

    def lines(self) -> list[str]:
        return [self.summary, *self.notes]

    def record(self) -> dict[str, Any]:
        """The `--json` shape of a change (stable: keys are added, never removed)."""
        return {"group": self.group, "action": self.action, "summary": self.summary,
                "notes": list(self.notes), "mentions": self.mentions, "claims": self.claims,
                "marks": self.marks, "articles": sorted(self.articles),
                "files": len(self.writes), "undo": self.undo_id or None,
                "result": self.result or None}


class LibraryChange(Protocol):
    """An operation: what it changes, and how to plan it against the library as it is."""

    group: str
    action: str

    def plan(self, library: Library) -> Plan: ...


def quoted(name: str) -> str:
    return f"'{name}'"


def counted(n: int, word: str, plural: str = "") -> str:
    """"1 mention", "48 mentions", "no mentions"."""
    many = plural or f"{word}s"
    if n == 0:
        return f"no {many}"
    return f"{n:,} {word if n == 1 else many}"


def agreeing(n: int, one: str, many: str) -> str:
    """The words that go with a count: `agreeing(1, "follows", "follow")`."""
    return one if n == 1 else many


def marks_in_articles(mentions: int, claims: int, articles: int) -> str:
    """"48 mentions and 12 claims in 19 articles", "3 claims in 2 articles", "no mentions or
    claims"."""
    if not mentions and not claims:
        return "no mentions or claims"
    parts = [counted(n, word) for n, word in ((mentions, "mention"), (claims, "claim")) if n]
    return f"{' and '.join(parts)} in {counted(articles, 'article')}"


def marks_in(marks: int, articles: int) -> str:
    """"12 marks in 3 articles", "1 mark in 1 article", "no marks in no articles"."""
    return f"{counted(marks, 'mark')} in {counted(articles, 'article')}"
