"""Bodies and earlier versions: the doctor checks each against the hash recorded for it,
and `--repair` brings back only that very body, never another one a snapshot happens to
hold (the text from before a refresh, or one already changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.store import Library
from tests.test_refresh import FIRST, SECOND


@pytest.fixture
def refreshed(cli, tmp_path: Path) -> str:
    """An article with marks, refreshed once: its first text is version 1. The day's
    snapshot was taken before the refresh, so it holds the first text as body.md."""
    source = tmp_path / "ferry.md"
    source.write_text(FIRST, encoding="utf-8")
    article = cli("add", str(source)).stdout.split()[1]
    assert cli("annotate", article, "--kind", "claim", "--quote", "run four crossings a day") \
        .exit_code == 0
    source.write_text(SECOND, encoding="utf-8")
    assert cli("refresh", article).exit_code == 0
    return article


def folder_of(library_dir: Path, article: str) -> Path:
    return library_dir / "articles" / article


def replace_file(path: Path, data: bytes) -> None:
    """What an editor that saves by renaming does: a new file, the old one untouched."""
    path.unlink()
    path.write_bytes(data)


def test_a_refreshed_library_is_healthy(cli, refreshed):
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout


def test_a_body_edited_in_place_is_not_swapped_for_the_text_before_the_refresh(
        cli, refreshed, library_dir):
    body = folder_of(library_dir, refreshed) / "body.md"
    with open(body, "a", encoding="utf-8") as file:
        file.write("x\n")  # `echo x >> body.md`: every hard-linked copy changes with it
    edited = body.read_bytes()
    result = cli("doctor", "--repair")
    assert result.exit_code == 1
    assert f"no snapshot holds it as it was added; `glossator refresh {refreshed}` reads it " \
           "again from its source" in result.stdout
    assert "restored" not in result.stdout
    assert body.read_bytes() == edited  # not the daily snapshot's text from before the refresh
    assert "£85,000" in cli("text", refreshed).stdout
    assert cli("refresh", refreshed).exit_code == 0  # the advice works
    assert cli("doctor").exit_code == 0


def test_a_replaced_body_comes_back_as_recorded_and_its_document_is_built_again(
        cli, refreshed, library_dir):
    assert cli("backup").exit_code == 0  # holds the body as refreshed
    folder = folder_of(library_dir, refreshed)
    recorded = (folder / "body.md").read_bytes()
    assert cli("text", refreshed).exit_code == 0 and (folder / "document.cache").exists()
    replace_file(folder / "body.md", b"Someone else's notes.\n")
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    assert "exactly as the library recorded it: nothing is lost" in result.stdout
    assert (folder / "body.md").read_bytes() == recorded
    assert not (folder / "document.cache").exists()  # derived from the old body: rebuilt
    assert "£85,000" in cli("text", refreshed).stdout


def test_damaged_versions_json_is_reported_and_restored(cli, refreshed, library_dir):
    assert cli("backup").exit_code == 0
    versions = folder_of(library_dir, refreshed) / "versions.json"
    versions.write_text("garbage")
    listing = cli("versions", refreshed)
    assert listing.exit_code == 1 and "doctor --repair" in listing.stderr
    lines = cli("doctor").stdout.splitlines()
    assert lines[0] == f"articles/{refreshed}/versions.json: is damaged (JSONDecodeError at byte 0)"
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    assert "(1 version)" in repaired.stdout
    assert cli("versions", refreshed).exit_code == 0


@pytest.mark.parametrize(("records", "words"), [
    ([{"number": "x"}], "version at position 1 is not whole: has no added, content_hash, "
                        "file, format, saved, source, text_hash"),
    (None, "version 1 is not whole: names the file '../../library.json', which is not a "
           "file in versions/"),
])
def test_a_version_record_of_the_wrong_shape_is_one_line(cli, refreshed, library_dir,
                                                         records, words):
    versions = folder_of(library_dir, refreshed) / "versions.json"
    if records is None:
        records = json.loads(versions.read_bytes())
        records[0]["file"] = "../../library.json"
    versions.write_text(json.dumps(records))
    result = cli("doctor")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"articles/{refreshed}/versions.json: {words}"


def test_a_replaced_version_comes_back_from_the_snapshot_that_held_it_as_the_body(
        cli, refreshed, library_dir):
    # No snapshot holds versions/1.md under that name: the day's snapshot was taken before
    # the refresh, when that text was the body. Its hash finds it all the same.
    version = folder_of(library_dir, refreshed) / "versions" / "1.md"
    kept = version.read_bytes()
    replace_file(version, b"garbage\n")
    assert "does not match the hash recorded for version 1" in cli("doctor").stdout
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    assert version.read_bytes() == kept
    assert "£80,000" in cli("diff", refreshed).stdout


def test_a_version_edited_in_place_cannot_be_mended_and_says_so(cli, refreshed, library_dir):
    version = folder_of(library_dir, refreshed) / "versions" / "1.md"
    with open(version, "r+b") as file:
        file.write(b"XX")  # in place: the snapshots' linked copies change too
    result = cli("doctor", "--repair")
    assert result.exit_code == 1
    assert "no snapshot holds version 1 as it was kept; it cannot be mended" in result.stdout


def test_a_damaged_rejections_file_is_reported_and_restored(cli, refreshed, library_dir):
    rejected = folder_of(library_dir, refreshed) / "rejected.json"
    rejected.write_text(json.dumps({"rejected": {"claim:x": {"kind": "claim", "quote": "x"}}}))
    assert cli("backup").exit_code == 0
    rejected.write_text(json.dumps({"rejected": ["claim:x"]}))
    lines = cli("doctor").stdout.splitlines()
    assert lines[0].startswith(f"articles/{refreshed}/rejected.json: does not hold")
    assert cli("doctor", "--repair").exit_code == 0
    assert "claim:x" in json.loads(rejected.read_bytes())["rejected"]
    assert Library.open(library_dir).articles()  # and the library still opens
