"""`glossator conflicts`: what a merge kept for a person to settle, listed with both values,
who and when; settled by keeping one of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotations.model import Actor
from annotations.store import Library
from annotations.sync.conflicts import conflicts, find_conflict, has_conflicts, mark_conflicts, resolve
from reader.cli import main
from tests.helpers.library import add_sample, mark
from tests.test_merge_repair import merge_folders

T1, T2 = "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z"


@pytest.fixture
def merged(tmp_path: Path) -> Library:
    """Ana and Ben changed one claim's status differently, and one actor's name."""
    base = tmp_path / "base"
    library = Library.open(base)
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day")
    library.save_actor(Actor(name="Dana Whitlock", id="dana"))
    for name in ("ana", "ben"):
        shutil.copytree(base, tmp_path / name)
    for name, status, when, actor_name in (("ana", "false", T1, "Councillor Whitlock"),
                                           ("ben", "disputed", T2, "Dana M. Whitlock")):
        side = Library.open(tmp_path / name)
        mine = side.annotation(article.id, claim.id)
        mine.status, mine.updated = status, when
        side.save_annotation(mine, touch=False)
        actor = side.actor("dana")
        actor.name = actor_name
        side.save_actor(actor)
    merge_folders(base, tmp_path / "ana", tmp_path / "ben", tmp_path / "library", ("ana", "ben"))
    return Library.open(tmp_path / "library")


def test_the_merge_s_conflicts_are_listed_with_both_values_who_and_when(merged, cli_process):
    found = {c.field: c for c in conflicts(merged)}
    assert set(found) == {"status", "name"}
    status = found["status"]
    assert (status.current, status.other, status.table) == ("disputed", "false", "annotations")
    assert (status.entry["author"], status.entry["kept_by"]) == ("ana", "ben")
    assert (status.entry["updated"], status.entry["at"]) == (T1, T2)
    mark_ = merged.annotation(status.article, status.record)
    assert has_conflicts(mark_) and [c.field for c in mark_conflicts(mark_)] == ["status"]

    done = cli_process("conflicts", "--library", str(merged.folder))
    assert done.exit_code == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if ":status" in line)
    assert status.ref in line and '"disputed"' in line and '"false"' in line
    assert f'now "disputed" · set aside "false" (ana, {T1}), when ben\'s value won ({T2})' in line
    assert done.stdout.splitlines()[-1].startswith("2 conflict(s)")


def test_conflicts_json_has_its_documented_shape(merged, cli):
    done = cli("--library", str(merged.folder), "conflicts", "--json")
    items = json.loads(done.stdout)
    assert done.exit_code == 0 and len(items) == 2
    for item in items:
        assert set(item) == {"ref", "table", "record", "article", "label", "field", "current",
                             "other", "base", "updated", "author", "kept_by", "at"}
    actor = next(i for i in items if i["table"] == "actors")
    assert {actor["current"], actor["other"]} == {"Councillor Whitlock", "Dana M. Whitlock"}
    assert actor["base"] == "Dana Whitlock" and actor["article"] == ""


def test_keeping_the_other_value_sets_it_and_clears_the_conflict(merged, cli):
    status = find_conflict(merged, next(c.ref for c in conflicts(merged) if c.field == "status"))
    done = cli("--library", str(merged.folder), "conflicts", "--resolve", status.ref, "--keep",
               "other")
    assert done.exit_code == 0 and "status settled, the other value kept" in done.stdout
    reopened = Library.open(merged.folder)
    settled = reopened.annotation(status.article, status.record)
    assert settled.status == "false" and "conflicts" not in settled.extra
    assert settled.updated > T2  # a choice made now: it wins the next merge
    assert [c.field for c in conflicts(reopened)] == ["name"]


def test_keeping_the_current_value_only_clears_the_conflict(merged):
    name = next(c for c in conflicts(merged) if c.field == "name")
    line = resolve(merged, name, "current")
    assert line == "actor dana: name settled, the current value kept"
    assert merged.actor("dana").name == name.current and "conflicts" not in merged.actor("dana").extra
    with pytest.raises(Exception, match="settled already"):
        resolve(merged, name, "other")


def test_a_deleted_conflict_kept_as_other_deletes_the_mark(tmp_path, library):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day")
    claim.extra["conflicts"] = [{"field": "deleted", "value": True, "at": T2}]
    library.save_annotation(claim, touch=False)
    (conflict,) = conflicts(library)
    assert (conflict.current, conflict.other) == (False, True)
    done = CliRunner().invoke(main, ["--library", str(library.folder), "conflicts"])
    assert "deleted by a teammate, kept because another teammate changed it" in done.output
    assert "this side" not in done.output and "other side" not in done.output
    assert "deleted, as the teammate who deleted it had it" in resolve(library, conflict, "other")
    assert library.annotations(article.id) == []


def test_a_place_conflict_kept_as_other_moves_the_whole_mark(tmp_path, library):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day")
    elsewhere = mark(library, article, "wildly optimistic")
    library.delete_annotation(article.id, elsewhere.id)
    place = {k: v for k, v in elsewhere.to_record().items()
             if k in ("exact", "prefix", "suffix", "start", "end", "paragraph", "orphaned")}
    claim.extra["conflicts"] = [{"field": "place", "value": place, "at": T2}]
    library.save_annotation(claim, touch=False)
    (conflict,) = conflicts(library, article.id)
    assert conflict.current["exact"] == "9,000 passengers a day"
    resolve(library, conflict, "other")
    moved = library.annotation(article.id, claim.id)
    assert (moved.exact, moved.start, moved.end) == (elsewhere.exact, elsewhere.start, elsewhere.end)


def test_an_actor_still_named_by_marks_is_not_deleted_by_a_choice(tmp_path, library):
    article = add_sample(library, tmp_path / "src")
    dana = Actor(name="Dana", id="dana", extra={"conflicts": [{"field": "deleted", "value": True}]})
    library.save_actor(dana)
    mark(library, article, "wildly optimistic", speaker="dana")
    (conflict,) = conflicts(library)
    with pytest.raises(Exception, match="still used by 1 mark"):
        resolve(library, conflict, "other")
    assert library.actor("dana") is not None


def test_the_command_line_asks_for_both_halves_and_names_unknown_refs(merged, cli):
    done = cli("--library", str(merged.folder), "conflicts", "--resolve", "nope:status")
    assert done.exit_code == 1 and "needs --keep" in done.stderr
    done = cli("--library", str(merged.folder), "conflicts", "--resolve", "nope:status", "--keep",
               "other")
    assert done.exit_code == 1 and "no conflict 'nope:status'" in done.stderr


def test_a_library_without_conflicts_says_so(library, cli):
    done = cli("conflicts")
    assert (done.exit_code, done.stdout) == (0, "no conflicts\n")
    assert json.loads(cli("conflicts", "--json").stdout) == []


def test_one_mark_shown_says_its_conflicts(tmp_path, library):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day")
    claim.extra["conflicts"] = [{"field": "status", "value": "false", "author": "ana",
                                 "updated": T1, "kept_by": "ben", "at": T2}]
    library.save_annotation(claim, touch=False)
    done = CliRunner().invoke(main, ["--library", str(library.folder), "annotation", claim.id])
    assert done.exit_code == 0, done.output
    assert f"conflict: status: set aside 'false' (ana, {T1}); `glossator conflicts`" in done.output
