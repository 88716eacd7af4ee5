"""Importing a newer Hypothesis export over an older one: what the annotator added since
(replies, edits of text and tags) comes in; what is unchanged is a duplicate; a note
changed in glossator since is never overwritten by an older text."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from annotations.model import Annotation
from annotations.store import Library
from tests.helpers.annotation_files import hypothesis_export, hypothesis_row, utf16_offset, write_json
from tests.helpers.library import add_sample, mark, snapshot
from tests.test_bad_input import assert_refused
from tests.test_hypothesis_import import TRAM, tram_text

DRIVERS = "https://valley-courier.example/drivers"


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    library = Library.open(library_dir)
    add_sample(library, tmp_path / "src")
    return library


def tram_row(library: Library, quote: str, **details) -> dict:
    """A row on `quote` of the tram article, its position in UTF-16 units."""
    text = tram_text(library)
    start = text.index(quote)
    return hypothesis_row(TRAM, quote, start=utf16_offset(text, start),
                          end=utf16_offset(text, start + len(quote)), **details)


def reply(text: str, row_id: str, to: list[str], user: str = "acct:kofi@hypothes.is",
          created: str = "2026-03-02T09:00:00Z") -> dict:
    return hypothesis_row(TRAM, text=text, references=to, row_id=row_id, user=user, created=created)


def marks_by_id(library_dir: Path) -> dict[str, Annotation]:
    return {m.id: m for m in Library.open(library_dir).all_annotations()}


def the_mark(library_dir: Path, quote: str) -> Annotation:
    [found] = [m for m in marks_by_id(library_dir).values() if m.exact == quote]
    return found


def test_a_reply_in_a_newer_export_joins_the_mark_an_earlier_import_made(cli, library, library_dir,
                                                                          tmp_path):
    claim = tram_row(library, "wildly optimistic", text="Says who?", tags=["transport"], row_id="h1")
    first_answer = reply("The authority.", "r1", ["h1"])
    older = write_json(tmp_path / "march.json", hypothesis_export([claim, first_answer]))
    assert cli("import", str(older)).exit_code == 0
    late_answer = reply("Its 2019 study, revised in May.", "r2", ["h1", "r1"],
                        user="acct:ines@hypothes.is", created="2026-04-10T16:30:00Z")
    newer = write_json(tmp_path / "april.json", hypothesis_export([claim, first_answer, late_answer]))
    done = cli("import", str(newer))
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("Hypothesis export: 0 anchored exactly, 0 fuzzy, 0 orphaned, "
                        "1 duplicate(s) skipped")
    assert "1 reply added to marks already here" in lines
    joined = the_mark(library_dir, "wildly optimistic")
    assert joined.note == ("Says who?\n\n"
                           "> **kofi@hypothes.is** (2026-03-02): The authority.\n\n"
                           "> **ines@hypothes.is** (2026-04-10): Its 2019 study, revised in May.")
    assert joined.updated == "2026-04-10T16:30:00Z"
    before = snapshot(library_dir)
    again = cli("import", str(newer))
    assert "reply added" not in again.stdout and "replies added" not in again.stdout
    assert snapshot(library_dir) == before


def test_a_reply_whose_annotation_came_with_an_earlier_file_joins_it_from_a_file_of_its_own(
        cli, library, library_dir, tmp_path):
    claim = tram_row(library, "wildly optimistic", text="Says who?", row_id="h1")
    assert cli("import", str(write_json(tmp_path / "claim.json", [claim]))).exit_code == 0
    answers = [reply("The authority.", "r1", ["h1"]),
               reply("An answer to a thread never imported.", "r9", ["elsewhere"])]
    done = cli("import", str(write_json(tmp_path / "answers.json", answers)))
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "1 reply added to marks already here" in lines
    assert ("1 annotation(s) skipped: they are replies to an annotation that is not in the file, "
            "and that no earlier import brought") in lines
    assert the_mark(library_dir, "wildly optimistic").note == (
        "Says who?\n\n> **kofi@hypothes.is** (2026-03-02): The authority.")


def test_replies_to_no_mark_at_all_are_refused_and_nothing_is_written(cli, library, library_dir,
                                                                      tmp_path):
    before = snapshot(library_dir)
    done = cli("import", str(write_json(tmp_path / "answers.json",
                                        [reply("Nothing to answer here.", "r9", ["elsewhere"])])))
    assert done.exit_code == 1
    assert "nothing was imported" in done.stderr
    assert snapshot(library_dir) == before


def test_an_annotation_edited_since_it_was_imported_updates_its_mark(cli, library, library_dir,
                                                                     tmp_path):
    question = tram_row(library, "the bus network", text="Which routes?", tags=["question"],
                        row_id="h2")
    answer = reply("The 12 and the 14.", "r1", ["h2"])
    assert cli("import", str(write_json(tmp_path / "march.json", [question, answer]))).exit_code == 0
    edited = {**question, "text": "Which routes lose money?", "tags": ["question", "transport"],
              "updated": "2026-03-20T08:00:00Z"}
    newer = write_json(tmp_path / "april.json", [edited, answer])
    done = cli("import", str(newer))
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Hypothesis API rows: 0 anchored exactly, 0 fuzzy, 0 orphaned, 0 duplicate(s) skipped"
    assert "1 updated: marks already here whose text or tags the file changed" in lines
    updated = the_mark(library_dir, "the bus network")
    assert (updated.kind, updated.tags) == ("question", ["transport"])
    assert updated.note == ("Which routes lose money?\n\n"
                            "> **kofi@hypothes.is** (2026-03-02): The 12 and the 14.")
    assert updated.updated == "2026-03-20T08:00:00Z"
    assert "transport" in [t.name for t in Library.open(library_dir).codebook()]
    before = snapshot(library_dir)
    again = cli("import", str(newer))
    assert again.stdout.startswith("Hypothesis API rows: 0 anchored exactly, 0 fuzzy, 0 orphaned, "
                                   "1 duplicate(s) skipped")
    assert "updated" not in again.stdout
    assert snapshot(library_dir) == before


def test_a_note_rewritten_in_glossator_is_not_overwritten_by_an_older_text(cli, library, library_dir,
                                                                          tmp_path):
    claim = tram_row(library, "wildly optimistic", text="Says who?", row_id="h1")
    path = write_json(tmp_path / "march.json", [claim])
    assert cli("import", str(path)).exit_code == 0
    imported = the_mark(library_dir, "wildly optimistic")
    assert cli("annotation", imported.id, "--set", "note=Whitlock's own word; see her 2019 speech.",
               "--set", "tags=planning").exit_code == 0
    late_answer = reply("Agreed.", "r1", ["h1"], created="2026-03-03T09:00:00Z")
    done = cli("import", str(write_json(tmp_path / "later.json", [claim, late_answer])))
    assert done.exit_code == 0, done.stderr
    assert ("1 left as edited here: marks whose text or tags the file gives otherwise, changed in "
            "glossator after the file's last edit") in done.stdout.splitlines()
    kept = the_mark(library_dir, "wildly optimistic")
    assert kept.tags == ["planning"]
    assert kept.note == ("Whitlock's own word; see her 2019 speech.\n\n"
                         "> **kofi@hypothes.is** (2026-03-03): Agreed.")

    # The annotator edits it in Hypothesis after that: the file is the newer word again.
    later = datetime.fromisoformat(kept.updated) + timedelta(days=1)
    edited = {**claim, "text": "Says who, and on what figures?", "updated": later.isoformat()}
    done = cli("import", str(write_json(tmp_path / "newest.json", [edited])))
    assert "1 updated: marks already here whose text or tags the file changed" in done.stdout
    taken = the_mark(library_dir, "wildly optimistic")
    assert (taken.note, taken.tags) == ("Says who, and on what figures?\n\n"
                                        "> **kofi@hypothes.is** (2026-03-03): Agreed.", [])


def test_a_copy_that_was_a_duplicate_of_an_edited_annotation_is_a_mark_once_they_differ(
        cli, library, library_dir, tmp_path):
    """Two annotations alike (h1 and its copy h5) are one mark; once h1 is edited they are
    two, whichever comes first in the file, and a further import adds nothing."""
    first = tram_row(library, "wildly optimistic", text="Says who?", row_id="h1")
    copy = tram_row(library, "wildly optimistic", text="Says who?", row_id="h5")
    assert cli("import", str(write_json(tmp_path / "march.json", [first, copy]))).exit_code == 0
    assert len(marks_by_id(library_dir)) == 1
    edited = {**first, "text": "Says who, exactly?", "updated": "2026-03-09T10:00:00Z"}
    path = write_json(tmp_path / "april.json", [copy, edited])
    done = cli("import", str(path))
    assert done.stdout.startswith("Hypothesis API rows: 1 anchored exactly, 0 fuzzy, 0 orphaned, "
                                  "0 duplicate(s) skipped")
    assert sorted(m.note for m in marks_by_id(library_dir).values()) == ["Says who, exactly?", "Says who?"]
    before = snapshot(library_dir)
    assert "0 anchored exactly" in cli("import", str(path)).stdout
    assert snapshot(library_dir) == before


def test_an_update_waits_for_every_article_to_be_readable(cli, library, library_dir, tmp_path):
    claim = tram_row(library, "wildly optimistic", text="Says who?", row_id="h1")
    other = add_sample(library, tmp_path / "src", "drivers.md", f"---\nurl: {DRIVERS}\n---\n\n"
                       "# Tram drivers strike\n\nDrivers walked out on Friday.\n")
    assert cli("import", str(write_json(tmp_path / "march.json", [claim]))).exit_code == 0
    mark(library, other, "Drivers walked out")
    (library.article_folder(other.id) / "annotations.json").write_text("{ damaged", encoding="utf-8")
    edited = {**claim, "text": "Says who, exactly?", "updated": "2026-03-09T10:00:00Z"}
    rows = [edited, reply("The authority.", "r1", ["h1"]), hypothesis_row(DRIVERS, "on Friday")]
    before = snapshot(library_dir)
    done = cli("import", str(write_json(tmp_path / "april.json", rows)))
    assert_refused(done, library_dir, before, "annotations.json")
