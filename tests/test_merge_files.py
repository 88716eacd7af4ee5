"""`glossator merge-file`: whole files merged as git's driver merges them, what it refuses
(leaving the file to git), and its exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.atomic import NONCE_KEY, database_bytes, dump_json
from annotations.store import SCHEMA_VERSION
from annotations.sync.merge import merge_bytes
from annotations.sync.shapes import MergeRefused, schema_of
from tests.conftest import REPO

T1, T2 = "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z"


def driver(tmp_path: Path, path: str, ancestor: bytes, ours: bytes, theirs: bytes,
           env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], bytes]:
    """Run the driver as git does: three temp files, the result written over the second."""
    files = []
    for name, content in (("O", ancestor), ("A", ours), ("B", theirs)):
        file = tmp_path / f".merge_file_{name}"
        file.write_bytes(content)
        files.append(str(file))
    done = subprocess.run([sys.executable, "-m", "reader", "merge-file", *files, path],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60,
                          env={**os.environ, **(env or {})})
    return done, Path(files[1]).read_bytes()


def mark(mark_id: str, **fields) -> dict:
    return {"id": mark_id, "article": "tram", "kind": "claim", "exact": "x", "start": 0,
            "end": 1, "note": "", "updated": T1, **fields}


def test_the_driver_merges_into_ours_and_exits_0(tmp_path):
    base = database_bytes({"annotations": {"m1": mark("m1")}})
    ours = database_bytes({"annotations": {"m1": mark("m1"), "m2": mark("m2")}})
    theirs = database_bytes({"annotations": {"m1": mark("m1", note="checked", updated=T2)}})
    done, result = driver(tmp_path, "articles/tram/annotations.json", base, ours, theirs)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    data = json.loads(result)
    assert set(data["annotations"]) == {"m1", "m2"} and data["annotations"]["m1"]["note"] == "checked"
    assert result == database_bytes({k: v for k, v in data.items() if k != NONCE_KEY})


def test_the_write_token_is_made_from_the_merged_content_not_taken_from_a_side():
    base = database_bytes({"annotations": {"m1": mark("m1")}})
    ours = database_bytes({"annotations": {"m1": mark("m1", note="a", updated=T2)}})
    theirs = database_bytes({"annotations": {"m1": mark("m1"), "m2": mark("m2")}})
    merged = merge_bytes("articles/tram/annotations.json", base, ours, theirs)
    expected = {"annotations": {"m1": mark("m1", note="a", updated=T2), "m2": mark("m2")}}
    assert merged == database_bytes(expected)
    assert merged[:40] not in (ours[:40], theirs[:40])


def test_a_file_added_on_both_sides_merges_from_an_empty_ancestor():
    ours = database_bytes({"annotations": {"m1": mark("m1")}})
    theirs = database_bytes({"annotations": {"m2": mark("m2")}})
    merged = json.loads(merge_bytes("articles/new/annotations.json", b"", ours, theirs))
    assert set(merged["annotations"]) == {"m1", "m2"}


def test_versions_merge_by_number_and_two_different_bodies_under_one_number_are_both_kept():
    first = {"number": 1, "content_hash": "h1", "saved": T1, "file": "1.md"}
    mine = {"number": 2, "content_hash": "h2", "saved": T2, "file": "2.md"}
    yours = {"number": 2, "content_hash": "h3", "saved": T2, "file": "2.md"}
    path = "articles/tram/versions.json"
    base = json.dumps([first], indent=1).encode()  # as versions.py writes it today
    one = merge_bytes(path, base, dump_json([first, mine]), dump_json([first, yours]))
    two = merge_bytes(path, base, dump_json([first, yours]), dump_json([first, mine]))
    assert one == two
    merged = json.loads(one)
    assert [v["number"] for v in merged] == [1, 2, 3]
    assert {v["content_hash"] for v in merged} == {"h1", "h2", "h3"}
    same = merge_bytes(path, base, dump_json([first, mine]),
                       dump_json([first, {**mine, "saved": T1}]))
    assert len(json.loads(same)) == 2  # both refreshed into the same body: one version


def test_a_file_that_is_not_a_library_file_is_refused(tmp_path):
    with pytest.raises(MergeRefused, match="not a library file"):
        merge_bytes("articles/tram/body.pages.json", b"{}", b"{}", b"{}")
    done, result = driver(tmp_path, "counts-cache.json", b"{}", b'{"a": 1}', b'{"a": 2}')
    assert done.returncode == 1 and result == b'{"a": 1}'  # ours untouched: git keeps the conflict
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("glossator: error: ")


@pytest.mark.parametrize("damaged", [b'{"annotations": {"m1": {"id": "m1"', b"\xff\xfe", b"[]",
                                     b'{"annotations": []}', b'{"annotations": {"m1": 7}}'])
def test_a_damaged_side_is_refused_in_one_line_and_ours_is_left_as_it_was(tmp_path, damaged):
    good = database_bytes({"annotations": {"m1": mark("m1")}})
    done, result = driver(tmp_path, "articles/tram/annotations.json", good, good, damaged)
    assert done.returncode == 1 and result == good
    assert done.stderr.startswith("glossator: error: articles/tram/annotations.json: ")
    assert done.stderr.count("\n") == 1 and "git keeps both sides" in done.stderr


def test_a_library_of_a_newer_schema_is_refused(tmp_path):
    newer = {"meta": {"schema": {"version": SCHEMA_VERSION + 1}}, "articles": {}}
    current = {"meta": {"schema": {"version": SCHEMA_VERSION}}, "articles": {}}
    done, result = driver(tmp_path, "library.json", database_bytes(current),
                          database_bytes(current), database_bytes(newer))
    assert done.returncode == 1 and result == database_bytes(current)
    assert f"schema {SCHEMA_VERSION + 1}" in done.stderr and "upgrade glossator" in done.stderr
    assert schema_of(database_bytes(newer)) == SCHEMA_VERSION + 1
    assert schema_of(b"not json") is None


def test_a_record_shape_it_does_not_know_is_refused_when_both_sides_changed_it():
    base = database_bytes({"annotations": {"m1": mark("m1")}})
    ours = database_bytes({"annotations": {"m1": mark("m1", note="a", updated=T2)}})
    newer = database_bytes({"annotations": {"m1": mark("m1", start={"code_point": 0})}})
    with pytest.raises(MergeRefused, match="'start' of another kind"):
        merge_bytes("articles/tram/annotations.json", base, ours, newer)
    bad_list = database_bytes({"annotations": {"m1": mark("m1", conflicts="none")}})
    with pytest.raises(MergeRefused, match="'conflicts'"):
        merge_bytes("articles/tram/annotations.json", base, ours, bad_list)


def test_a_missing_file_is_refused_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "reader", "merge-file", str(tmp_path / "O"),
                           str(tmp_path / "A"), str(tmp_path / "B"), "library.json"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 1 and "cannot be read" in done.stderr
    assert done.stderr.count("\n") == 1


def test_the_names_given_around_git_merge_say_who_made_each_value(tmp_path):
    base = database_bytes({"annotations": {"m1": mark("m1")}})
    ours = database_bytes({"annotations": {"m1": mark("m1", note="mine", updated=T2)}})
    theirs = database_bytes({"annotations": {"m1": mark("m1", note="theirs", updated=T1)}})
    done, result = driver(tmp_path, "articles/tram/annotations.json", base, ours, theirs,
                          env={"GLOSSATOR_MERGE_OURS": "ana", "GLOSSATOR_MERGE_THEIRS": "ben"})
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(result)["annotations"]["m1"]["conflicts"]
    assert (entry["value"], entry["author"], entry["kept_by"]) == ("theirs", "ben", "ana")
