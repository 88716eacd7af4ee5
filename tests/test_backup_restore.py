"""`glossator restore` when files were changed in place by another program: bodies are
hard-linked into every snapshot, so one edit of a body reaches them all. The marks and
metadata still come back; the body is left as it is and said so. And what a restore puts
back is a copy, so the library's next edit in place cannot reach the snapshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from annotations.backup.snapshots import snapshots, verify
from annotations.store import Library
from tests.helpers.library import add_sample, mark, snapshot
from tests.test_bad_input import assert_refused


@pytest.fixture
def marked(library_dir: Path, tmp_path: Path, cli) -> Library:
    """One article with one mark, and a snapshot of it."""
    library = Library.open(library_dir)
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "wildly optimistic", speaker="Dana Whitlock")
    assert cli("backup").exit_code == 0
    return library


def append_in_place(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as file:  # `echo … >> file`: the same inode
        file.write(text)


def test_a_body_edited_in_place_does_not_stop_the_marks_coming_back(cli, marked, library_dir):
    article = marked.articles()[0]
    [claim] = marked.annotations(article.id)
    marked.delete_annotation(article.id, claim.id)
    body = marked.body_path(article)
    append_in_place(body, "A line added in another editor.\n")
    edited = body.read_bytes()
    result = cli("restore")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"articles/{article.id}/body.md: its copy in the snapshot has "
                               "changed since the snapshot was taken")
    assert f"`glossator refresh {article.id}` reads it again from its source" in lines[0]
    assert lines[1].startswith("restored ")
    assert [a.id for a in Library.open(library_dir).annotations(article.id)] == [claim.id]
    assert body.read_bytes() == edited  # left as the library has it


def test_a_snapshot_whose_json_was_changed_in_place_is_still_refused(cli, marked,
                                                                     library_dir):
    append_in_place(snapshots(library_dir)[-1].file("actors.json"), " ")
    before = snapshot(library_dir)
    assert_refused(cli("restore"), library_dir, before, "is damaged",
                   "actors.json has changed since the snapshot was taken")


def test_restored_json_is_a_copy_so_a_later_edit_in_place_spares_the_snapshots(
        cli, marked, library_dir):
    assert cli("restore").exit_code == 0
    actors = library_dir / "actors.json"
    assert os.stat(actors).st_nlink == 1  # its own file, not the snapshot's linked back
    append_in_place(actors, " ")  # still JSON: glossator reads on
    assert all(verify(s) == {} for s in snapshots(library_dir))
    assert cli("restore").exit_code == 0  # so every snapshot can still be restored


def test_a_repaired_json_file_is_a_copy_too(cli, marked, library_dir):
    marks = marked.article_folder(marked.articles()[0].id) / "annotations.json"
    marks.write_text("{")
    assert cli("doctor", "--repair").exit_code == 0
    assert os.stat(marks).st_nlink == 1
    append_in_place(marks, " ")
    assert all(verify(s) == {} for s in snapshots(library_dir))


def test_a_restore_that_fails_leaves_no_snapshot_behind(cli, marked, library_dir):
    journal = library_dir / "journal"
    shutil.rmtree(journal, ignore_errors=True)
    journal.write_text("")  # nowhere to stage the change: it fails after its checks
    taken = [s.name for s in snapshots(library_dir)]
    before = snapshot(library_dir)
    assert_refused(cli("restore"), library_dir, before, "cannot write")
    assert [s.name for s in snapshots(library_dir)] == taken


@pytest.mark.parametrize(("damage", "words"), [
    ("missing", "is incomplete (no snapshot.json)"),
    ("damaged", "is damaged (snapshot.json"),
])
def test_restoring_a_named_snapshot_whose_manifest_is_gone_says_it_is_damaged(
        cli, marked, library_dir, damage, words):
    [named] = [s for s in snapshots(library_dir) if s.reason == "backup"]
    manifest = named.path / "snapshot.json"
    if damage == "missing":
        manifest.unlink()
    else:
        manifest.write_text('{"created": ')
    before = snapshot(library_dir)
    result = cli("restore", named.name)
    assert_refused(result, library_dir, before, named.name, words)
    assert "no snapshot '" not in result.stderr
    assert_refused(cli("restore", "1999-"), library_dir, before, "no snapshot '1999-'")
