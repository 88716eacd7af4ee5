"""Who claims what: actors × articles, or actors × tags, claims counted by status.

Rows are the claims' speakers (the actor a claim is attributed to), most claims first,
with the claims that name nobody last, as "(no speaker)". Columns are the articles with
claims, in the library's order, or the tags: every tag a claim carries and each of its
parents, since a tag is hierarchical by `/` and `funding/state` is a kind of `funding`.
A claim counts once in every column it belongs to: under `funding/state` and under
`funding`, once in `funding` even when it also carries `funding/private`. Claims without
a tag are the "(no tag)" column. A row's total counts each claim once.

Built from the cached counts (summary.py): the files of the articles changed since the
last matrix are the only ones read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotations.model import CLAIM, CLAIM_STATUSES, Actor, Annotation, Article, normalise_name
from annotations.store import Library
from annotations.views.reading import Problems, marks_of_kinds
from annotations.views.summary import (
    VIEWS_CACHE,
    ArticleClaims,
    StatusCounts,
    claim_counts,
    tag_columns,
)

BY_ARTICLE, BY_TAG = "article", "tag"
MATRIX_AXES = (BY_ARTICLE, BY_TAG)
NO_SPEAKER = ""
"""The row of claims attributed to nobody."""
NO_TAG = ""
"""The column of claims without a tag (by tag)."""
NO_SPEAKER_LABEL = "(no speaker)"
NO_TAG_LABEL = "(no tag)"
STATUS_LETTERS = {"supported": "S", "disputed": "D", "false": "F", "unverified": "U"}
"""How a cell shows its mix in text: `2S 1D` is two supported claims and one disputed."""

Key = tuple[str, str]
"""(row id, column id)"""


@dataclass(frozen=True)
class Axis:
    """One row (an actor) or column (an article, a tag) of the matrix."""

    id: str
    label: str
    detail: str = ""
    """More about it, where the label is short: an article's site and date."""


@dataclass
class Matrix:
    by: str
    rows: list[Axis]
    columns: list[Axis]
    counts: dict[Key, StatusCounts]
    """Claims per status (in `CLAIM_STATUSES` order) in each cell that has any: lists,
    not Counters, as the bench library's matrix has 16,000 cells; `cell` gives one."""
    row_totals: dict[str, Counter[str]]
    """Each actor's claims by status, each claim once (by tag, a claim is in several
    columns)."""
    column_totals: dict[str, Counter[str]]
    sources: dict[Key, set[str]] = field(default_factory=dict)
    """By tag: the articles whose claims are in each cell (what to read to list them). By
    article a cell's claims are in its column's article."""
    problems: list[str] = field(default_factory=list)
    """Articles whose marks could not be read, one line each (`glossator doctor`)."""

    def cell(self, row: str, column: str) -> Counter[str]:
        return as_counter(self.counts.get((row, column)))

    def filled(self) -> list[tuple[Axis, Axis, StatusCounts]]:
        """The cells with claims, row by row in the rows' order, each row's in the columns'
        order: what an export lists, without looking at the 300,000 empty ones."""
        row_at = {r.id: i for i, r in enumerate(self.rows)}
        column_at = {c.id: i for i, c in enumerate(self.columns)}
        keys = sorted(self.counts, key=lambda k: (row_at[k[0]], column_at[k[1]]))
        return [(self.rows[row_at[r]], self.columns[column_at[c]], self.counts[(r, c)])
                for r, c in keys]

    def articles_of(self, row: str, column: str) -> set[str]:
        if self.by == BY_ARTICLE:
            return {column} if (row, column) in self.counts else set()
        return self.sources.get((row, column), set())

    @property
    def claims(self) -> int:
        return sum(sum(c.values()) for c in self.row_totals.values())


def as_counter(counts: StatusCounts | None) -> Counter[str]:
    if not counts:
        return Counter()
    return Counter({s: n for s, n in zip(CLAIM_STATUSES, counts, strict=False) if n})


def _add(into: dict, key: object, counts: StatusCounts) -> None:
    """Add `counts` into `into[key]`, never changing the list it was given (the cache's)."""
    found = into.get(key)
    if found is None:
        into[key] = list(counts)
    else:
        for i, n in enumerate(counts):
            found[i] += n


def matrix_of(summaries: Sequence[ArticleClaims], by: str, articles: Sequence[Article],
              actors: dict[str, Actor]) -> Matrix:
    """The matrix of these articles' claim counts."""
    if by not in MATRIX_AXES:
        raise ValueError(f"a matrix is by {' or '.join(MATRIX_AXES)}, not {by!r}")
    counts: dict[Key, StatusCounts] = {}
    sources: dict[Key, set[str]] = {}
    rows: dict[str, StatusCounts] = {}
    for summary in summaries:
        for speaker, by_status in summary.speakers.items():
            _add(rows, speaker, by_status)
            if by == BY_ARTICLE:
                counts[(speaker, summary.article)] = by_status  # one article, one column
        if by == BY_TAG:
            for speaker, columns in summary.tags.items():
                for column, by_status in columns.items():
                    _add(counts, (speaker, column), by_status)
                    sources.setdefault((speaker, column), set()).add(summary.article)
    columns: dict[str, StatusCounts] = {}
    for (_, column), by_status in counts.items():
        _add(columns, column, by_status)
    return Matrix(by, _row_axes(rows, actors), _column_axes(columns, by, articles), counts,
                  {k: as_counter(v) for k, v in rows.items()},
                  {k: as_counter(v) for k, v in columns.items()}, sources)


def _row_axes(rows: dict[str, StatusCounts], actors: dict[str, Actor]) -> list[Axis]:
    def label(actor_id: str) -> str:
        if actor_id == NO_SPEAKER:
            return NO_SPEAKER_LABEL
        actor = actors.get(actor_id)
        # A speaker whose actor was deleted: still a row, known by its id.
        return actor.name if actor else f"(unknown actor {actor_id[:8]})"

    def order(actor_id: str) -> tuple[bool, int, str, str]:
        return (actor_id == NO_SPEAKER, -sum(rows[actor_id]), normalise_name(label(actor_id)),
                actor_id)

    return [Axis(i, label(i)) for i in sorted(rows, key=order)]


def _column_axes(columns: dict[str, StatusCounts], by: str,
                 articles: Sequence[Article]) -> list[Axis]:
    if by == BY_ARTICLE:
        return [Axis(a.id, a.title, " · ".join(p for p in (a.site, a.published) if p))
                for a in articles if a.id in columns]
    tags = sorted((c for c in columns if c != NO_TAG), key=lambda t: (t.casefold(), t))
    return [Axis(t, t) for t in tags] + ([Axis(NO_TAG, NO_TAG_LABEL)] if NO_TAG in columns else [])


def build_matrix(library: Library, by: str = BY_ARTICLE) -> Matrix:
    """The library's matrix, by article or by tag."""
    problems = Problems()
    articles = library.articles()
    actors = {a.id: a for a in library.actors()}
    try:
        matrix = matrix_of(claim_counts(library, problems, articles), by, articles, actors)
    except (TypeError, ValueError, AttributeError, IndexError, KeyError):
        # A cache written by something else, in a shape the checks let through: it is
        # derived data, so read every file again.
        (library.folder / VIEWS_CACHE).unlink(missing_ok=True)
        problems = Problems()
        matrix = matrix_of(claim_counts(library, problems, articles), by, articles, actors)
    matrix.problems = problems.lines
    return matrix


def claims_in_cell(library: Library, matrix: Matrix, row: str,
                   column: str) -> list[tuple[Article, Annotation]]:
    """The claims counted in one cell, by article in the library's order, each article's
    in reading order. Only the articles the cell's claims come from are read."""
    wanted = matrix.articles_of(row, column)
    articles = [a for a in library.articles() if a.id in wanted]
    found = []
    for article, mark in marks_of_kinds(library, articles, frozenset({CLAIM}), Problems()):
        if (mark.speaker or NO_SPEAKER) != row:
            continue
        if matrix.by == BY_TAG and column not in tag_columns(mark.tags):
            continue
        found.append((article, mark))
    return found


def status_mix(counts: Counter[str] | StatusCounts | None) -> str:
    """A cell's claims as text: `2S 1D 1U`, in the statuses' order; "" when empty."""
    if not counts:
        return ""
    if isinstance(counts, list):
        counts = as_counter(counts)
    return " ".join(f"{counts[s]}{STATUS_LETTERS[s]}" for s in CLAIM_STATUSES if counts[s])
