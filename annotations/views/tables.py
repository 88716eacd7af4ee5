"""The views as Markdown tables, for notes (matrix_data.py has the matrix for scripts).

A Markdown cell holds article text literally: whitespace folded to one line (a line
break would end the row), and everything Markdown or Obsidian reads as markup escaped
(`escape_inline`), a `|` among it, so a quote with a `|` in it stays in its cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from annotations.export.markdown import escape_inline
from annotations.export.records import annotation_record
from annotations.export.vault_links import place_label
from annotations.model import Actor, Annotation, Article
from annotations.textsafety import dumps_json
from annotations.views.matrix import STATUS_LETTERS, Matrix, status_mix

Row = tuple[Article, Annotation]


def table_cell(text: str) -> str:
    """`text` as one Markdown table cell."""
    return escape_inline(" ".join(text.split()))


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]],
                   numeric: Sequence[int] = ()) -> str:
    """A GitHub/Obsidian table of cells already made safe (`table_cell`); the columns at
    `numeric` right-aligned."""
    rule = ["---:" if i in numeric else "---" for i in range(len(headers))]
    lines = [_row(headers), _row(rule)] + [_row(r) for r in rows]
    return "\n".join(lines) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _speaker(mark: Annotation, actors: dict[str, Actor]) -> str:
    actor = actors.get(mark.speaker)
    return actor.name if actor else ""


def claims_markdown(rows: Iterable[Row], actors: dict[str, Actor]) -> str:
    headers = ["Status", "Claim", "Speaker", "Article", "Published", "Where", "Tags", "Note"]
    body = [[table_cell(mark.status or ""), table_cell(mark.exact),
             table_cell(_speaker(mark, actors)), table_cell(article.title),
             table_cell(article.published), table_cell(place_label(mark)),
             table_cell(", ".join(mark.tags)), table_cell(mark.note)]
            for article, mark in rows]
    return markdown_table(headers, body)


def questions_markdown(rows: Iterable[Row]) -> str:
    headers = ["Status", "Question", "Answer", "Article", "Published", "Where", "Note"]
    body = [[table_cell(mark.status or ""), table_cell(mark.exact), table_cell(mark.answer),
             table_cell(article.title), table_cell(article.published),
             table_cell(place_label(mark)), table_cell(mark.note)]
            for article, mark in rows]
    return markdown_table(headers, body)


def marks_json(rows: Iterable[Row], actors: dict[str, Actor]) -> str:
    """The `annotations --json` shape, with each mark's article title added."""
    records = [{**annotation_record(mark, actors), "article_title": article.title}
               for article, mark in rows]
    return dumps_json(records) + "\n"


def matrix_markdown(matrix: Matrix) -> str:
    """Actors down, articles (or tags) across; each cell its status mix (`2S 1D`)."""
    headers = ["Actor", *(table_cell(c.label) for c in matrix.columns), "Total"]
    body = []
    for row in matrix.rows:
        cells = [status_mix(matrix.counts.get((row.id, c.id))) for c in matrix.columns]
        body.append([table_cell(row.label), *cells, _total_cell(matrix.row_totals[row.id])])
    legend = ", ".join(f"{letter} {status}" for status, letter in STATUS_LETTERS.items())
    counted = "each claim once in each tag it carries or is under" if matrix.by == "tag" \
        else "each claim once"
    return (markdown_table(headers, body, numeric=range(1, len(headers))) +
            f"\nClaims by status: {legend}; {counted}.\n")


def _total_cell(counts: Any) -> str:
    total = sum(counts.values())
    return f"{total} ({status_mix(counts)})" if total else ""
