"""Another tool's W3C annotation naming its passage with a RangeSelector: where it starts
and where it ends, each a position or the words there (Web Annotation Data Model 4.2.9:
from the beginning of the start selector's selection to the beginning of the end's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.model import Annotation
from annotations.store import Library
from reader.document.cache import load_document
from tests.helpers.annotation_files import w3c_annotation, write_json
from tests.helpers.library import add_sample

TRAM = "https://valley-courier.example/tram-extension"


@pytest.fixture
def tram_text(library_dir: Path, tmp_path: Path) -> str:
    library = Library.open(library_dir)
    article = add_sample(library, tmp_path / "src")
    return load_document(library, article).text


def position(start: int, end: int | None = None) -> dict:
    return {"type": "TextPositionSelector", "start": start, "end": start if end is None else end}


def quote(words: str, prefix: str = "", suffix: str = "") -> dict:
    return {"type": "TextQuoteSelector", "exact": words, "prefix": prefix, "suffix": suffix}


def ranged(start: dict, end: dict, note: str = "") -> dict:
    return w3c_annotation(TRAM, note=note, selectors=[{"type": "RangeSelector", "startSelector": start,
                                                       "endSelector": end}])


def imported(cli, library_dir: Path, tmp_path: Path, *annotations: dict) -> tuple[str, list[Annotation]]:
    page = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage",
            "items": list(annotations)}
    done = cli("import", str(write_json(tmp_path / "ranges.jsonld", page)))
    assert done.exit_code == 0, done.stderr
    return done.stdout, list(Library.open(library_dir).all_annotations())


def test_a_range_between_two_points_marks_the_words_between_them(cli, library_dir, tmp_path, tram_text):
    start = tram_text.index("Councillor Dana Whitlock")
    end = start + len("Councillor Dana Whitlock")
    report, [mention] = imported(cli, library_dir, tmp_path,
                                 ranged(position(start), position(end), note="Who is she?"))
    assert report.startswith("W3C Web Annotation: 1 anchored exactly, 0 fuzzy, 0 orphaned")
    assert "cannot read" not in report
    assert (mention.exact, mention.start, mention.end, mention.note) == (
        "Councillor Dana Whitlock", start, end, "Who is she?")


def test_a_range_ends_where_its_end_selector_begins(cli, library_dir, tmp_path, tram_text):
    """The end selector's own span is not part of the passage: it says where it stops."""
    start = tram_text.index("the bus network")
    stop = tram_text.index(" already loses money")
    _, [claim] = imported(cli, library_dir, tmp_path,
                          ranged(position(start, start + 3), position(stop, stop + 20)))
    assert claim.exact == "the bus network"


def test_a_range_between_words_is_found_in_the_text_and_placed_there(cli, library_dir, tmp_path,
                                                                       tram_text):
    """From "the" (one of many, told apart by what follows it) to where "already" begins."""
    range_of_words = ranged(quote("the", suffix=" bus network"), quote("already", prefix="network "))
    report, [claim] = imported(cli, library_dir, tmp_path, range_of_words)
    assert report.startswith("W3C Web Annotation: 1 anchored exactly")
    assert claim.exact == "the bus network"
    assert tram_text[claim.start:claim.end] == claim.exact
    assert claim.start == tram_text.index("the bus network")


def test_the_range_is_the_position_a_quote_is_placed_by(cli, library_dir, tmp_path, tram_text):
    """A quote that occurs twice goes where the range says, as with a position."""
    second = tram_text.index("9,000", tram_text.index("9,000") + 1)
    annotation = ranged(position(second), position(second + 5))
    annotation["target"]["selector"].append(quote("9,000"))
    _, [mark] = imported(cli, library_dir, tmp_path, annotation)
    assert (mark.exact, mark.start) == ("9,000", second)


def test_a_range_whose_words_are_not_in_the_text_is_skipped_and_said(cli, library_dir, tmp_path,
                                                                      tram_text):
    found = ranged(quote("The regional authority"), quote("on Monday"))
    lost = ranged(quote("The harbour board"), quote("on Monday"))
    report, [mark] = imported(cli, library_dir, tmp_path, found, lost)
    assert mark.exact == "The regional authority approved a tram extension to Millbrook"
    assert ("1 annotation(s) skipped: they have no quote, and the words their range starts or "
            "ends at are not in the article's text") in report.splitlines()
