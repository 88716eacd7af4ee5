"""An article whose text changed outside a refresh (its body edited by hand) finds its marks
again when it is opened, with the matcher a refresh uses: a corrected word inside a quote
makes a fuzzy match with its score, never an orphan; and `doctor --repair` finds
misplaced marks the same way."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotations.model import Annotation
from annotations.store import Library
from reader.document.cache import load_document
from reader.session import ArticleSession
from tests.helpers.library import add_sample, mark

REPORT = """\
---
title: Prices in the valley
---

The office said prices rose by two percent last year, less than the council feared.

Rents in the north of the valley rose fastest, the office added.

Bus fares stayed the same for the third year running.
"""


@pytest.fixture
def report(library: Library, tmp_path: Path) -> str:
    article = add_sample(library, tmp_path / "src", "prices.md", REPORT)
    mark(library, article, "prices rose by two percent last year")
    mark(library, article, "Bus fares stayed the same")
    return article.id


def edit_body_by_hand(library: Library, article: str, old: str, new: str) -> None:
    """The body changed in an editor, which knows nothing of the kept document model: the
    model stays, built from the body as it was, and the body's stamp tells it is stale."""
    folder = library.article_folder(article)
    load_document(library, library.article(article))  # the article read once: its model kept
    assert (folder / "document.cache").exists()
    body = folder / "body.md"
    before = body.stat()
    body.write_text(body.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    # Saved a second later, as an editor would: within one tick of the clock a same-size
    # edit would keep the file's modification time.
    os.utime(body, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))


def marks_by_words(library: Library, article: str) -> dict[str, Annotation]:
    return {m.history[-1]["quote"] if m.history else m.exact: m
            for m in library.annotations(article)}


def test_a_typo_made_in_a_quote_by_hand_is_a_fuzzy_match_when_the_article_is_opened(
        library, report):
    edit_body_by_hand(library, report, "two percent", "tow percent")
    session = ArticleSession(library, library.article(report))
    marks = marks_by_words(library, report)
    changed = marks["prices rose by two percent last year"]
    assert not changed.orphaned
    assert changed.exact == "prices rose by tow percent last year"
    assert session.document.text[changed.start:changed.end] == changed.exact
    assert changed.anchor_score is not None and 0.85 <= changed.anchor_score < 1
    assert changed.history[-1]["quote"] == "prices rose by two percent last year"
    untouched = marks["Bus fares stayed the same"]
    assert untouched.anchor_score is None and not untouched.history
    # Opening it again finds nothing new to do: the text is the one the marks were found in.
    stamp = (library.article_folder(report) / "annotations.json").stat().st_mtime_ns
    ArticleSession(library, library.article(report))
    assert (library.article_folder(report) / "annotations.json").stat().st_mtime_ns == stamp


def test_a_quote_whose_words_are_gone_is_kept_as_an_orphan_never_dropped(library, report):
    edit_body_by_hand(library, report, "Bus fares stayed the same for the third year running.",
                      "Ferry timetables were cut.")
    ArticleSession(library, library.article(report))
    marks = library.annotations(report)
    assert len(marks) == 2
    [orphan] = [m for m in marks if m.orphaned]
    assert orphan.exact == "Bus fares stayed the same"
    assert [m.exact for m in marks if not m.orphaned] == ["prices rose by two percent last year"]


def test_a_paragraph_moved_by_hand_takes_its_mark_with_it(library, report):
    body = library.article_folder(report) / "body.md"
    text = body.read_text(encoding="utf-8")
    moved = "Bus fares stayed the same for the third year running.\n\n"
    edit_body_by_hand(library, report, text[text.index("The office"):],
                      moved + text[text.index("The office"):].replace("\n\n" + moved.strip(), ""))
    session = ArticleSession(library, library.article(report))
    fares = marks_by_words(library, report)["Bus fares stayed the same"]
    assert not fares.orphaned and fares.anchor_score is None
    assert fares.start == session.document.text.index("Bus fares")


def test_doctor_repair_finds_a_mark_whose_words_were_mistyped_by_their_closest_match(
        cli, library, report):
    marks_path = library.article_folder(report) / "annotations.json"
    data = json.loads(marks_path.read_bytes())
    record = next(r for r in data["annotations"].values() if r["exact"].startswith("prices"))
    record["exact"] = "prices rose by too percent last year"  # a file edited by hand
    marks_path.write_text(json.dumps(data), encoding="utf-8")
    assert "1 mark(s) whose offsets no longer hold their words" in cli("doctor").stdout
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    assert "1 mark(s) found again" in repaired.stdout
    found = next(m for m in Library.open(library.folder).annotations(report) if m.history)
    assert found.exact == "prices rose by two percent last year" and not found.orphaned
    assert found.anchor_score is not None and found.anchor_score < 1
    assert found.history[-1] == {**found.history[-1], "quote": "prices rose by too percent last "
                                 "year", "why": "repair"}
