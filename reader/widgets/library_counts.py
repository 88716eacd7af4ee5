"""Marks per kind for the library screen, a damaged marks file included.

`Library.all_counts` stops at the first file it cannot read. The library screen still
lists every article: the counts of those it can read (through the same counts cache), and
for each one it cannot, the one line that says which file is damaged and that `glossator
doctor --repair` mends it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annotations.counts import all_counts
from annotations.store import Library


@dataclass
class LibraryCounts:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    """Marks per kind, by article id (an article whose marks cannot be read has none)."""
    damaged: dict[str, str] = field(default_factory=dict)
    """Article id → why its marks cannot be read (one line, naming the file)."""

    def notice(self) -> str:
        """One line about every damaged file ("" when there is none)."""
        problems = list(self.damaged.values())
        if len(problems) <= 1:
            return problems[0] if problems else ""
        return (f"the marks of {len(problems)} articles cannot be read ({problems[0]}); "
                "`glossator doctor` lists them all")


def library_counts(library: Library) -> LibraryCounts:
    """Every article's counts, from the counts cache; a file that cannot be read is left
    out and said in `damaged` (and read again on the next reload, until it is repaired)."""
    found = LibraryCounts()
    found.counts = all_counts(library.folder, library.article_ids(), damaged=found.damaged)
    return found
