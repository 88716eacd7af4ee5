"""What an import did, for the command line and the TUI: one line per fact."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportReport:
    format: str
    """What the file was read as: "W3C Web Annotation", "Hypothesis export", "REFI-QDA"…"""
    exact: int = 0
    """Placed where their words are, word for word."""
    fuzzy: int = 0
    """Placed where their words nearly are (annotations/matching)."""
    orphaned: int = 0
    """Kept, listed and re-attachable, but not found in the article's text."""
    duplicates: int = 0
    """Skipped: the same quote, note and tags were already there."""
    updated: int = 0
    """Marks an earlier import made whose text or tags the file gives anew: the file's
    edit taken in."""
    edited_here: int = 0
    """Marks an earlier import made whose text or tags the file gives otherwise, left as
    they are: they were changed in glossator after the file's last edit of them."""
    replies_joined: int = 0
    """Replies added to the notes of marks already in the library."""
    lowest_score: float | None = None
    articles: dict[str, int] = field(default_factory=dict)
    """Article id → marks added to it."""
    unmatched: dict[str, int] = field(default_factory=dict)
    """Addresses (or titles) of pages not in the library → how many annotations were left."""
    titles: dict[str, str] = field(default_factory=dict)
    """Address of a page not in the library → its title, when the file gave one."""
    skipped: list[str] = field(default_factory=list)
    """One line for each thing not imported, and why (a PDF source in a QDA project…)."""
    added: list[str] = field(default_factory=list)
    """Ids of the articles the import added (a QDA project's sources not in the library)."""
    notes: list[str] = field(default_factory=list)
    """Other things to know, a line each: a character no file can hold replaced on the way
    in, a source's text read from a file outside the project."""

    def count_fuzzy(self, score: float) -> None:
        self.fuzzy += 1
        self.lowest_score = score if self.lowest_score is None else min(score, self.lowest_score)

    @property
    def imported(self) -> int:
        """What the import brought: marks added, marks updated, replies joined."""
        return self.exact + self.fuzzy + self.orphaned + self.updated + self.replies_joined

    def lines(self) -> list[str]:
        lowest = f" (lowest score {self.lowest_score:.2f})" if self.lowest_score is not None else ""
        where = f" into {len(self.articles)} article(s)" if self.articles else ""
        lines = [f"{self.format}: {self.exact} anchored exactly, {self.fuzzy} fuzzy{lowest}, "
                 f"{self.orphaned} orphaned, {self.duplicates} duplicate(s) skipped{where}"]
        if self.updated:
            lines.append(f"{self.updated} updated: marks already here whose text or tags the "
                         "file changed")
        if self.edited_here:
            lines.append(f"{self.edited_here} left as edited here: marks whose text or tags the "
                         "file gives otherwise, changed in glossator after the file's last edit")
        if self.replies_joined:
            replies = "reply" if self.replies_joined == 1 else "replies"
            lines.append(f"{self.replies_joined} {replies} added to marks already here")
        for address, count in sorted(self.unmatched.items()):
            title = f" \"{self.titles[address]}\"" if self.titles.get(address) else ""
            lines.append(f"not in the library: {address}{title} ({count} annotation(s)); add it "
                         f"with `glossator add {address}`, then import again")
        if self.added:
            shown = ", ".join(self.added[:5]) + (", …" if len(self.added) > 5 else "")
            lines.append(f"added {len(self.added)} article(s) for sources not in the library: {shown}")
        lines.extend(self.skipped)
        lines.extend(self.notes)
        if self.orphaned:
            lines.append("orphaned marks are listed by `glossator annotations --orphaned`; "
                         "re-attach them in the reader with r")
        return lines
