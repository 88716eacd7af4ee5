"""Snapshots: one on the first change of each day, `glossator backup`, `glossator restore`.

Real libraries on disk; each test changes the library through the CLI or the store and
checks the files that result.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotations.backup.snapshots import snapshots, take_snapshot
from annotations.store import SCHEMA_VERSION, Library
from tests.helpers.library import add_sample, mark, snapshot
from tests.test_bad_input import assert_refused


@pytest.fixture
def marked(library_dir: Path, tmp_path: Path) -> Library:
    """A library with one article and one mark, made by one process (no snapshot yet)."""
    library = Library.open(library_dir)
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "wildly optimistic", speaker="Dana Whitlock")
    return library


def test_the_first_change_of_the_day_snapshots_the_library_first(marked, library_dir, cli):
    assert snapshots(library_dir) == []  # a new library has nothing to keep yet
    before = {p: library_dir.joinpath(p).read_bytes() for p in ("library.json", "actors.json")}
    assert cli("annotate", "tram", "--kind", "question", "--quote", "Who will pay").exit_code == 0
    [daily] = snapshots(library_dir)
    assert daily.reason == "daily"
    # It holds the library as it was before the change: one mark, not two.
    held = json.loads(daily.file(f"articles/{marked.articles()[0].id}/annotations.json")
                      .read_bytes())["annotations"]
    assert len(held) == 1
    assert {p: daily.file(p).read_bytes() for p in before} == before
    assert cli("annotate", "tram", "--kind", "claim", "--quote", "9,000 passengers").exit_code == 0
    assert len(snapshots(library_dir)) == 1  # once a day


def test_bodies_are_linked_and_unchanged_json_shares_the_last_copy(marked, library_dir):
    article = marked.articles()[0]
    body = f"articles/{article.id}/body.md"
    marks = f"articles/{article.id}/annotations.json"
    with marked.writing():
        first = take_snapshot(library_dir, SCHEMA_VERSION, "backup")
    mark(marked, article, "Who will pay", kind="question")
    with marked.writing():
        second = take_snapshot(library_dir, SCHEMA_VERSION, "backup")
    inode = lambda p: os.stat(p).st_ino  # noqa: E731
    assert inode(first.file(body)) == inode(second.file(body)) == inode(library_dir / body)
    assert inode(first.file("actors.json")) == inode(second.file("actors.json"))
    assert inode(first.file("actors.json")) != inode(library_dir / "actors.json")  # a copy
    assert inode(first.file(marks)) != inode(second.file(marks))  # changed: copied anew
    assert first.file(marks).read_bytes() != second.file(marks).read_bytes()


def test_only_the_newest_snapshots_are_kept(marked, library_dir):
    with marked.writing():
        for _ in range(5):
            take_snapshot(library_dir, SCHEMA_VERSION, "backup", keep=3)
    assert len(snapshots(library_dir)) == 3


def test_backup_to_another_folder(cli, marked, library_dir, tmp_path):
    result = cli("backup", "--to", str(tmp_path / "usb"))
    assert result.exit_code == 0, result.stderr
    [made] = [p for p in (tmp_path / "usb").iterdir()]
    assert (made / "snapshot.json").exists() and (made / "library.json").exists()
    assert result.stdout.startswith(f"snapshot {made.name}:")


def test_restore_brings_a_deleted_mark_back_and_can_itself_be_undone(cli, marked, library_dir):
    article = marked.articles()[0]
    assert cli("backup").exit_code == 0
    [claim] = marked.annotations(article.id)
    marked.delete_annotation(article.id, claim.id)
    extra = mark(marked, article, "Who will pay", kind="question")
    result = cli("restore")
    assert result.exit_code == 0, result.stderr
    restored = Library.open(library_dir).annotations(article.id)
    assert [a.id for a in restored] == [claim.id]
    undo = result.stdout.split("`glossator restore ")[1].split("`")[0]
    assert cli("restore", undo).exit_code == 0
    assert {a.id for a in Library.open(library_dir).annotations(article.id)} == {extra.id}


def test_restore_removes_an_article_added_since(cli, marked, library_dir, tmp_path):
    assert cli("backup").exit_code == 0
    added = add_sample(marked, tmp_path / "src", "late.md", "# Late news\n\nIt came in late.\n")
    assert cli("restore").exit_code == 0
    assert [a.id for a in Library.open(library_dir).articles()] != []
    assert added.id not in [a.id for a in Library.open(library_dir).articles()]
    assert not (library_dir / "articles" / added.id).exists()


def test_restore_lists_snapshots(cli, marked):
    cli("backup")
    listed = cli("restore", "--list")
    assert listed.exit_code == 0 and "backup" in listed.stdout


def _replace(path: Path, text: str) -> None:
    path.unlink()  # a new file, not the linked one rewritten
    path.write_text(text)


@pytest.mark.parametrize(("damage", "words"), [
    (lambda s: _rewrite_manifest(s, schema=SCHEMA_VERSION + 1), "newer glossator"),
    (lambda s: (s.path / "snapshot.json").write_text("{broken"), "damaged"),
    (lambda s: (s.path / "snapshot.json").unlink(), "incomplete"),
    (lambda s: s.file("actors.json").unlink(), "actors.json is missing"),
    (lambda s: _replace(s.file("library.json"), "{}"), "library.json has changed"),
])
def test_a_snapshot_that_cannot_be_restored_is_refused(cli, marked, library_dir, damage, words):
    cli("backup")
    damage(snapshots(library_dir)[-1])
    before = snapshot(library_dir)
    assert_refused(cli("restore"), library_dir, before, words)


def test_a_missing_snapshot_name_is_refused(cli, marked, library_dir):
    cli("backup")
    before = snapshot(library_dir)
    assert_refused(cli("restore", "1999-01-01"), library_dir, before, "no snapshot")


def _rewrite_manifest(snapshot, **changes) -> None:
    path = snapshot.path / "snapshot.json"
    data = json.loads(path.read_bytes())
    data.update(changes)
    os.chmod(path, 0o644)
    path.unlink()
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("inside", [".", "articles", "backups", "notes/usb"])
def test_a_backup_into_the_library_itself_is_refused(cli, marked, library_dir, inside):
    before = snapshot(library_dir)
    assert_refused(cli("backup", "--to", str(library_dir / inside)), library_dir, before,
                   "the library", "choose a folder elsewhere")


@pytest.fixture
def config(tmp_path, monkeypatch):
    """Write the user's config file."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("GLOSSATOR_CONFIG", str(path))
    return path


@pytest.mark.parametrize("keep", ["0", "-3", '"many"'])
@pytest.mark.parametrize("command", [("backup",), ("restore",)])
def test_a_wrong_number_of_snapshots_to_keep_is_one_line_naming_the_setting(
        cli, marked, library_dir, config, keep, command):
    cli("backup")
    config.write_text(f"[backup]\nkeep = {keep}\n")
    before = snapshot(library_dir)
    assert_refused(cli(*command), library_dir, before, str(config), "[backup] keep = ",
                   "must be a whole number of snapshots")


def test_while_keep_is_wrong_the_daily_snapshot_deletes_none(cli, marked, library_dir, config):
    with marked.writing():
        for _ in range(15):
            take_snapshot(library_dir, SCHEMA_VERSION, "backup")
    for old in snapshots(library_dir):
        _rewrite_manifest(old, created="2000-01-01T00:00:00Z")  # so today's is still to take
    config.write_text('[backup]\nkeep = "30"\n')  # meant 30; no default may guess 14
    assert cli("annotate", "tram", "--kind", "question", "--quote", "Who will pay").exit_code == 0
    assert [s.reason for s in snapshots(library_dir)].count("daily") == 1
    assert len(snapshots(library_dir)) == 16


def test_a_mistake_elsewhere_in_the_config_does_not_change_how_many_are_kept(
        cli, marked, library_dir, config):
    config.write_text("[citation]\nstyle = 'nonesuch'\n\n[backup]\nkeep = 2\n")
    for _ in range(3):
        assert cli("backup").exit_code == 0
    assert len(snapshots(library_dir)) == 2
