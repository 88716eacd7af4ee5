"""Every claim of the library, filtered by status, speaker, tag and article; unverified
first. And finding marks library-wide by id, as `glossator annotations` shows them.

Filters combine as a researcher reads them: any of the chosen statuses, and any of the
chosen speakers, and any of the chosen tags, and any of the chosen articles. A tag takes
the tags under it (`funding` finds `funding/state`), as the codebook's hierarchy means.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotations.errors import AmbiguousError, NotFoundError
from annotations.model import CLAIM, Annotation, Article
from annotations.store import Library
from annotations.views.matrix import NO_SPEAKER
from annotations.views.reading import Problems, marks_of_kinds
from annotations.views.summary import known_status, tag_and_parents

STATUS_ORDER = ("unverified", "disputed", "false", "supported")
"""The Claims view's order: what nobody has checked yet, then what is contested, then
what is settled."""

Row = tuple[Article, Annotation]


@dataclass(frozen=True)
class ClaimFilter:
    """What the Claims view shows; an empty field lets everything through."""

    statuses: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    """Actor ids; `NO_SPEAKER` ("") for claims that name nobody."""
    tags: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    words: str = ""
    """Words that must all be in the claim's quote or note (any case)."""

    def accepts(self, article: Article, mark: Annotation) -> bool:
        if self.statuses and known_status(mark.status) not in self.statuses:
            return False
        if self.speakers and (mark.speaker or NO_SPEAKER) not in self.speakers:
            return False
        if self.articles and article.id not in self.articles:
            return False
        if self.tags and not self.tags & _tags_with_parents(mark.tags):
            return False
        if self.words:
            haystack = f"{mark.exact} {mark.note}".casefold()
            return all(word in haystack for word in self.words.casefold().split())
        return True


def _tags_with_parents(tags: Iterable[str]) -> set[str]:
    return {column for tag in tags for column in tag_and_parents(tag)}


@dataclass
class Gathered:
    """Marks of the whole library, in the view's order, and the articles that could not
    be read."""

    rows: list[Row]
    problems: list[str] = field(default_factory=list)


def status_rank(mark: Annotation) -> int:
    return STATUS_ORDER.index(known_status(mark.status))


def library_claims(library: Library) -> Gathered:
    """Every claim: unverified first, then disputed, false, supported; within a status by
    article (the library's order), each article's in reading order."""
    problems = Problems()
    rows = list(marks_of_kinds(library, library.articles(), frozenset({CLAIM}), problems))
    rows.sort(key=lambda row: status_rank(row[1]))  # stable: article and reading order stay
    return Gathered(rows, problems.lines)


def filtered(rows: Iterable[Row], chosen: ClaimFilter) -> list[Row]:
    return [(article, mark) for article, mark in rows if chosen.accepts(article, mark)]


def find_marks(rows: Sequence[Row], references: Iterable[str]) -> list[Row]:
    """The marks these ids name: whole ids, or unique prefixes of them (with or without
    dashes, as `glossator annotations` shows the first eight hex digits). Each once."""
    chosen: dict[str, Row] = {}
    for reference in references:
        key = reference.strip().casefold()
        bare = key.replace("-", "")
        if not bare:
            raise NotFoundError("an empty annotation id; `glossator annotations` shows the ids")
        exact = [r for r in rows if r[1].id.casefold() == key]
        matches = exact or [r for r in rows if r[1].id.casefold().startswith(key)
                            or r[1].id.replace("-", "").casefold().startswith(bare)]
        if not matches:
            raise NotFoundError(f"no such mark {reference!r} among them; "
                                "`glossator annotations` shows the ids")
        if len(matches) > 1:
            raise AmbiguousError(f"{reference!r} matches {len(matches)} marks; type more of it")
        chosen.setdefault(matches[0][1].id, matches[0])
    return list(chosen.values())
