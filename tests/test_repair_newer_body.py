"""`doctor --repair` replaces only what is damaged: with library.json brought back from a
snapshot older than a refresh, the refreshed body and its versions stay, and the restored
record takes them on. The damaged file is kept beside its restored copy, the lost changes
are said with their time, and the library as it was before the repair is a snapshot, so
the repair can be undone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.backup.snapshots import snapshots
from annotations.store import Library
from tests.helpers.library import snapshot
from tests.test_refresh import FIRST, SECOND


@pytest.fixture
def refreshed_after_backup(cli, tmp_path: Path, library_dir: Path) -> str:
    """A backup, then a refresh and a new mark: every file newer than the snapshot; then
    library.json, and only it, cut short."""
    source = tmp_path / "ferry.md"
    source.write_text(FIRST, encoding="utf-8")
    article = cli("add", str(source)).stdout.split()[1]
    assert cli("annotate", article, "--kind", "claim", "--quote", "run four crossings a day") \
        .exit_code == 0
    assert cli("backup").exit_code == 0
    source.write_text(SECOND, encoding="utf-8")
    assert cli("refresh", article).exit_code == 0
    assert cli("annotate", article, "--kind", "claim", "--quote", "£85,000").exit_code == 0
    return article


def cut_short(path: Path) -> bytes:
    path.write_bytes(b"")
    return b""


def test_a_refreshed_body_is_kept_when_library_json_comes_back_from_an_older_snapshot(
        cli, refreshed_after_backup, library_dir):
    article = refreshed_after_backup
    folder = library_dir / "articles" / article
    body, versions = (folder / "body.md").read_bytes(), (folder / "versions.json").read_bytes()
    marks = (folder / "annotations.json").read_bytes()
    cut_short(library_dir / "library.json")
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    # Nothing that was sound was replaced: the refreshed body, its versions, its marks.
    assert (folder / "body.md").read_bytes() == body
    assert (folder / "versions.json").read_bytes() == versions
    assert (folder / "annotations.json").read_bytes() == marks
    assert not any("nothing is lost" in line for line in lines)
    [kept] = [line for line in lines if line.startswith(f"articles/{article}/body.md:")]
    assert "kept as it is (refreshed " in kept and "details of the article" in kept
    # The restored record knows the body it has, and the versions agree with it.
    assert cli("doctor").exit_code == 0
    text = cli("text", article).stdout
    assert "£85,000" in text and "UPDATED" in text
    listing = cli("versions", article).stdout.splitlines()
    assert len(listing) == 2
    saved = json.loads(versions)[0]["saved"]
    assert listing[0].split()[3] == saved and listing[1].split()[1] == saved
    shown = json.loads(cli("annotations", article, "--json").stdout)
    assert sorted(m["quote"] for m in shown) == ["run four crossings a day", "£85,000"]
    assert not any(m.get("orphaned") for m in shown)
    record = Library.open(library_dir).article(article)
    assert record.text_hash  # known again, from the body's text


def test_the_damaged_file_is_kept_and_the_lost_time_said(cli, refreshed_after_backup,
                                                        library_dir):
    (library_dir / "library.json").write_bytes(b'{"articles": {"ferr')
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    [line] = [line for line in result.stdout.splitlines() if line.startswith("library.json:")]
    [backup] = [s for s in snapshots(library_dir) if s.reason == "backup"]
    assert f"restored from the snapshot of {backup.created}" in line
    assert "any change made to it since then is lost" in line
    assert "details edited, articles added, removed or refreshed" in line
    [damaged] = sorted(library_dir.glob("library.json.damaged-*"))
    assert damaged.read_bytes() == b'{"articles": {"ferr'
    assert f"the damaged file is kept as {damaged.name}" in line
    # Not a library file: no snapshot takes it, and the doctor has nothing to say of it.
    assert cli("backup").exit_code == 0
    assert not any(name.startswith("library.json.") for name in snapshots(library_dir)[-1].files)
    assert cli("doctor").exit_code == 0


def test_a_damaged_marks_file_is_kept_beside_the_restored_one(cli, refreshed_after_backup,
                                                             library_dir):
    folder = library_dir / "articles" / refreshed_after_backup
    assert cli("backup").exit_code == 0  # holds both marks
    (folder / "annotations.json").write_bytes(b'{"annotations": {"x": 1}}')
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    [damaged] = sorted(folder.glob("annotations.json.damaged-*"))
    assert damaged.read_bytes() == b'{"annotations": {"x": 1}}'
    assert f"kept as articles/{refreshed_after_backup}/{damaged.name}" in result.stdout
    assert len(Library.open(library_dir).annotations(refreshed_after_backup)) == 2


def test_a_repair_can_be_undone(cli, refreshed_after_backup, library_dir):
    cut_short(library_dir / "library.json")
    before = {name: data for name, data in snapshot(library_dir).items()
              if not name.startswith(("backups/", "journal/", "library.lock"))
              and ".damaged-" not in name and not name.endswith(".cache")
              and not name.endswith("-cache.json")}
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    last = result.stdout.splitlines()[-2]  # before the healthy line
    [undo] = [s for s in snapshots(library_dir) if s.reason == "before doctor --repair"]
    assert last == (f"the library as it was is kept as the snapshot {undo.name}: "
                    f"`glossator restore {undo.name}` undoes this repair")
    assert undo.files["library.json"]["size"] == 0  # as it was: damaged
    assert cli("restore", undo.name).exit_code == 0
    after = snapshot(library_dir)
    assert {name: after[name] for name in before} == before


def test_nothing_to_mend_takes_no_snapshot(cli, refreshed_after_backup, library_dir):
    taken = [s.name for s in snapshots(library_dir)]
    assert cli("doctor", "--repair").exit_code == 0
    assert [s.name for s in snapshots(library_dir)] == taken


def test_a_body_cut_short_is_damaged_and_comes_back_even_with_library_json(
        cli, tmp_path, library_dir):
    source = tmp_path / "ferry.md"
    source.write_text(FIRST, encoding="utf-8")
    article = cli("add", str(source)).stdout.split()[1]
    assert cli("backup").exit_code == 0
    body = library_dir / "articles" / article / "body.md"
    recorded = body.read_bytes()
    body.unlink()
    body.write_bytes(b"")  # an empty body is no article's: not kept as "newer"
    cut_short(library_dir / "library.json")
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    assert body.read_bytes() == recorded
    assert f"articles/{article}/body.md: restored from the snapshot of" in result.stdout
    [damaged] = (library_dir / "articles" / article).glob("body.md.damaged-*")
    assert damaged.read_bytes() == b""
