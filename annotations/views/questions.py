"""Every question of the library: the open ones first, then the answered, with answers."""

from __future__ import annotations

from annotations.model import QUESTION, Annotation
from annotations.store import Library
from annotations.views.claims import Gathered
from annotations.views.reading import Problems, marks_of_kinds

ANSWERED = "answered"


def is_open(mark: Annotation) -> bool:
    """Open unless answered: a question with another status (from a newer version, an
    import) still waits for its answer."""
    return mark.status != ANSWERED


def library_questions(library: Library, only_open: bool = False) -> Gathered:
    """Every question (or only the open ones): open first, then answered; within each by
    article (the library's order), each article's in reading order."""
    problems = Problems()
    rows = list(marks_of_kinds(library, library.articles(), frozenset({QUESTION}), problems))
    rows.sort(key=lambda row: not is_open(row[1]))  # stable: article and reading order stay
    if only_open:
        rows = [row for row in rows if is_open(row[1])]
    return Gathered(rows, problems.lines)
