"""Annotations whose only way to the words is a position that names none: reversed, not
numbers, negative, empty, or outside the article's text.

A file of nothing else is refused, as one of XPath selectors alone is, with the reason
that fits; one with usable annotations too imports those, and lists the others with
theirs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotations.store import Library
from reader.document.cache import load_document
from tests.helpers.annotation_files import hypothesis_row, w3c_annotation, write_json
from tests.helpers.library import add_sample, snapshot
from tests.test_bad_input import assert_refused

TRAM = "https://valley-courier.example/tram-extension"
REVERSED = "they have no quote, and their position is reversed (its start is after its end)"
NOT_NUMBERS = ("they have no quote, and their position is not two whole numbers (its start or "
               "end is missing, or not a number)")


@pytest.fixture
def populated(library_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    add_sample(Library.open(library_dir), tmp_path / "src")
    return snapshot(library_dir)


def at(start: Any, end: Any = None, **more: Any) -> dict:
    """Another tool's annotation of the tram article with a position and no quote."""
    selector: dict[str, Any] = {"type": "TextPositionSelector", "start": start, "end": end}
    if end is None:
        del selector["end"]
    return w3c_annotation(TRAM, selectors=[selector], **more)


UNUSABLE = {
    "reversed": (at(50, 10), REVERSED),
    "a start that is no number": (at("x", 10), NOT_NUMBERS),
    "an end that is a fraction": (at(10, 20.5), NOT_NUMBERS),
    "no end": (at(10), NOT_NUMBERS),
    "negative": (at(-3, 10), "their position is negative (a start or end below 0)"),
    "empty": (at(40, 40), "their position selects no text (its start is its end)"),
    "outside the text": (at(50_000, 50_010), "their position lies outside the article's text"),
    "a range of two positions, reversed": (
        w3c_annotation(TRAM, selectors=[{"type": "RangeSelector",
                                         "startSelector": {"type": "TextPositionSelector", "start": 60},
                                         "endSelector": {"type": "TextPositionSelector", "start": 20}}]),
        REVERSED),
}


@pytest.mark.parametrize("case", list(UNUSABLE), ids=list(UNUSABLE))
def test_a_file_of_positions_that_name_no_words_is_refused_and_says_why(case, cli, populated,
                                                                        library_dir, tmp_path):
    annotation, why = UNUSABLE[case]
    path = write_json(tmp_path / "rev.json", annotation)
    done = cli("import", str(path))
    assert_refused(done, library_dir, populated, f"none of the annotations in {path} can be "
                   "imported (1: ", why, "nothing was imported")


def test_usable_annotations_are_imported_and_the_others_listed_with_their_reasons(
        cli, populated, library_dir, tmp_path):
    text = load_document(Library.open(library_dir), Library.open(library_dir).articles()[0]).text
    start = text.index("wildly optimistic")
    usable = [w3c_annotation(TRAM, start=start, end=start + len("wildly optimistic")),
              w3c_annotation(TRAM, "the bus network", selectors=[{"type": "TextPositionSelector",
                                                                  "start": 90, "end": 3}])]
    unusable = [at(50, 10), at(70, 20), at("x", 10), at(50_000, 50_010)]
    done = cli("import", str(write_json(tmp_path / "mixed.json", [*unusable, *usable])))
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("W3C Web Annotation: 2 anchored exactly")
    assert f"2 annotation(s) skipped: {REVERSED}" in lines
    assert f"1 annotation(s) skipped: {NOT_NUMBERS}" in lines
    assert ("1 annotation(s) skipped: they have no quote, and their position lies outside the "
            "article's text") in lines
    marks = Library.open(library_dir).all_annotations()
    assert sorted(m.exact for m in marks) == ["the bus network", "wildly optimistic"]


def test_a_hypothesis_row_with_a_reversed_position_is_no_page_note(cli, populated, library_dir,
                                                                   tmp_path):
    rows = [hypothesis_row(TRAM, start=50, end=10, row_id="backwards")]
    rows[0]["target"] = [{"source": TRAM, "selector": [
        {"type": "TextPositionSelector", "start": 50, "end": 10}]}]
    path = write_json(tmp_path / "rows.json", rows)
    assert_refused(cli("import", str(path)), library_dir, populated, "(1: ", REVERSED)
