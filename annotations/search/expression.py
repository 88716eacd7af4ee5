"""A parsed query as an FTS5 MATCH expression, and its article filters as SQL.

Every piece of user text goes in as an FTS5 string ("…", inner quotes doubled), so FTS5
reads it as words to tokenize, never as operators or column names. The expression's
shape is ours alone: column filters, AND, NOT, and `*` after a string for a prefix.
"""

from __future__ import annotations

import unicodedata

from annotations.search.query import Filter, Query, Term, date_range
from annotations.search.schema import MARK_WORD_COLUMNS, MARKS, TEXTS, facet_phrase

_MARK_WORDS = "{" + " ".join(MARK_WORD_COLUMNS) + "}"
_FILTER_COLUMNS = {"actor": "names", "author": "author"}


def fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _phrase(columns: str, text: str, prefix: bool) -> str:
    """`text` as an FTS5 string, in `columns` ("" for every column of the table)."""
    string = f"{fts_string(text)}{' *' if prefix else ''}"
    return f"({columns} : {string})" if columns else f"({string})"


def _term(term: Term, columns: str) -> str:
    return _phrase(columns, term.text, term.prefix)


def table_of(query: Query) -> str:
    """The FTS5 table the query is run on: the marks' with a mark filter (only marks can
    match), else the texts' (passages and details)."""
    return MARKS if query.only_marks else TEXTS


def mark_filter(found: Filter) -> str:
    """A kind, tag, actor, status or author filter as a MATCH expression."""
    if found.key in _FILTER_COLUMNS:
        return _phrase(_FILTER_COLUMNS[found.key], found.value, found.prefix)
    return _phrase("facets", facet_phrase(found.key, found.value, found.prefix), found.prefix)


def match_expression(query: Query) -> str | None:
    """The MATCH expression of the query's words and mark filters, for the table
    `table_of(query)`; None when it has neither (only article filters: no text to match).
    With a mark filter, only marks can match, and words are looked for in their quotes,
    notes, names and tags; without, in every column of the texts' table (a mark filter
    left out, `-kind:claim`, then leaves out nothing: no passage is a mark)."""
    marks = query.only_marks
    columns = _MARK_WORDS if marks else ""
    wanted = [_term(t, columns) for t in query.terms if not t.negated]
    wanted += [mark_filter(f) for f in query.mark_filters if not f.negated]
    unwanted = [_term(t, columns) for t in query.terms if t.negated]
    unwanted += [mark_filter(f) for f in query.mark_filters if f.negated and marks]
    if not wanted:
        return None
    expression = " AND ".join(wanted)
    for part in unwanted:
        expression = f"({expression}) NOT {part}"
    return expression


def article_conditions(query: Query) -> tuple[str, list[str]]:
    """SQL conditions on the `articles` table for the article filters, and their values;
    ("", []) without article filters.

    A date filter keeps an article whose date may fall in the range: one published "2025"
    (any day of it) is kept by after:2025-06 and by before:2025-06. An article without
    a date is left out by any date filter: nothing says it belongs.
    """
    conditions: list[str] = []
    values: list[str] = []
    for found in query.article_filters:
        if found.key == "site":
            condition = "instr(site_key, ?) > 0"
            values.append(site_key(found.value))
        elif found.key == "after":
            condition = "last_day >= ?"
            values.append(date_range(found.value, "after")[0])
        else:
            condition = "first_day <= ?"
            values.append(date_range(found.value, "before")[1])
        conditions.append(f"NOT ({condition})" if found.negated and found.key == "site"
                          else f"NOT coalesce({condition}, 0)" if found.negated else condition)
    return " AND ".join(conditions), values


def site_key(text: str) -> str:
    """What a site filter compares: case and accents folded, spaces squeezed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
