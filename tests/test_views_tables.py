"""The views as Markdown tables: whatever a quote holds, it stays in its cell."""

from __future__ import annotations

import re

import pytest

from annotations.model import Annotation, Article
from annotations.store import Library
from annotations.views.claims import library_claims
from annotations.views.matrix import build_matrix
from annotations.views.questions import library_questions
from annotations.views.tables import (
    claims_markdown,
    markdown_table,
    matrix_markdown,
    questions_markdown,
    table_cell,
)
from tests.helpers.views_library import ViewsSample, views_sample


@pytest.fixture
def sample(library: Library, tmp_path) -> ViewsSample:
    return views_sample(library, tmp_path / "src")


def cells(line: str) -> list[str]:
    """A table row's cells as a Markdown reader splits them: at `|` not escaped."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line[1:-1])]


def test_a_pipe_a_line_break_and_markup_stay_inside_their_cell():
    assert table_cell("a | b\nc *d* [e](f) #tag") == r"a \| b c \*d\* \[e\](f) \#tag"
    table = markdown_table(["Quote", "N"], [[table_cell("x | y"), "2"]], numeric=[1])
    header, rule, row = table.splitlines()
    assert rule == "| --- | ---: |"
    assert cells(row) == [r"x \| y", "2"]


def test_the_claims_table_has_a_row_per_claim_and_every_row_its_columns(sample):
    lib = sample.library
    rows = library_claims(lib).rows
    table = claims_markdown(rows, {a.id: a for a in lib.actors()}).splitlines()
    headers = cells(table[0])
    assert headers == ["Status", "Claim", "Speaker", "Article", "Published", "Where", "Tags", "Note"]
    body = table[2:]
    assert len(body) == len(rows) == 8
    assert all(len(cells(line)) == len(headers) for line in body)
    fantasy = next(cells(line) for line in body if "fantasy" in line)
    assert fantasy[:3] == ["false", r"a fantasy \| a fairy tale", "Kofi Mensah"]
    assert fantasy[5] == "para. 2"


def test_the_questions_table_carries_the_answers(sample):
    table = questions_markdown(library_questions(sample.library).rows).splitlines()
    answered = cells(table[-1])
    assert answered[:3] == ["answered", "Where will the dredged silt go?",
                            r"At sea, \| 4 km out: see the permit."]
    assert len(table) == 2 + 3


def test_the_matrix_table_has_a_column_per_article_and_a_total(sample):
    table = matrix_markdown(build_matrix(sample.library)).splitlines()
    assert len(cells(table[0])) == 1 + 4 + 1
    assert cells(table[2]) == ["Ines Pereira", "1U", "1U", "1U", "", "3 (3U)"]
    assert cells(table[3]) == ["Kofi Mensah", "1S 1F", "", "", "", "2 (1S 1F)"]


def test_a_title_with_a_pipe_is_one_column(tmp_path):
    article = Article(id="a", title="Left | right")
    mark = Annotation(article="a", kind="claim", exact="x", start=0, end=1)
    line = claims_markdown([(article, mark)], {}).splitlines()[2]
    assert cells(line)[3] == r"Left \| right"
