"""Marks per kind for the library screen, a damaged marks file included.

`Library.all_counts` stops at the first file it cannot read. The library screen still
lists every article: the counts of those it can read, and for each one it cannot, the
one line that says which file is damaged and that `glossator doctor --repair` mends it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annotations.counts import count_kinds
from annotations.errors import GlossatorError
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
    """Every article's counts: from the counts cache while every file reads; once one does
    not, each file on its own (slower, but only until the damage is repaired)."""
    try:
        return LibraryCounts(library.all_counts())
    except GlossatorError:
        pass
    found = LibraryCounts()
    for article_id in library.article_ids():
        try:
            found.counts[article_id] = count_kinds(
                library.article_folder(article_id) / "annotations.json")
        except GlossatorError as error:
            found.damaged[article_id] = " ".join(str(error).split())
    return found
