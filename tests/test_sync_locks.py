"""A sync killed during its fetch or push leaves git's locks behind, on a remote branch's
ref too: the next sync clears them and completes, rather than saying forever that the
remote cannot be reached. And a git that fails in the library's own repository (a lock
that will not go, a damaged ref) is said as it is, in one line, with the file and what
to do: not as a push that is pending."""

from __future__ import annotations

import os
import shutil
import time

from annotations.store import Library
from tests.helpers.library import mark
from tests.sync_support import Team, git, glossator, make_team, ok

HOUR_AGO = time.time() - 3600


def ben_marks_and_pushes(team: Team) -> None:
    """The remote moves on: ana's next fetch has a remote branch's ref to update."""
    ok(glossator(team.ben, "annotate", team.article, "--kind", "claim", "--quote",
                 "wildly optimistic", author="ben"))
    ok(glossator(team.ben, "sync", author="ben"))


def loose_ref(folder, ref: str):
    """The ref as a file of its own (a fresh clone may keep it packed)."""
    git(folder, "update-ref", ref, git(folder, "rev-parse", ref).stdout.strip())
    path = folder / ".git" / ref
    assert path.is_file()
    return path


def test_locks_a_killed_fetch_left_are_cleared_and_the_next_sync_pushes(tmp_path):
    team = make_team(tmp_path)
    ben_marks_and_pushes(team)
    ref = loose_ref(team.ana, "refs/remotes/origin/main")
    left = [ref.with_name("main.lock"), team.ana / ".git" / "FETCH_HEAD.lock",
            team.ana / ".git" / "config.lock", team.ana / ".git" / "shallow.lock"]
    for path in left:
        shutil.copyfile(ref, path) if path.name == "main.lock" else path.write_bytes(b"")
        os.utime(path, (HOUR_AGO, HOUR_AGO))  # left by a sync killed an hour ago
    ok(glossator(team.ana, "annotate", team.article, "--kind", "claim", "--quote",
                 "9,000 passengers a day"))

    report = ok(glossator(team.ana, "sync"))
    assert "removed git's lock refs/remotes/origin/main.lock (left by a git that was stopped)" \
        in report.out
    assert "removed git's lock config.lock" in report.out
    assert "ben: 1 mark in 1 article" in report.out
    assert "pushed to origin/main" in report.out and "push pending" not in report.out
    assert not any(path.exists() for path in left)
    assert git(team.remote, "rev-parse", "main").stdout == git(team.ana, "rev-parse", "HEAD").stdout
    ok(glossator(team.ben, "sync", author="ben"))
    assert len(Library.open(team.ben).annotations(team.article)) == 2


def test_a_damaged_remote_branch_ref_is_one_line_saying_which_file_not_a_pending_push(
        tmp_path):
    team = make_team(tmp_path)
    ben_marks_and_pushes(team)
    ref = loose_ref(team.ana, "refs/remotes/origin/main")
    ref.write_text("0123456789abcdef0123456789abcdef01234567\n")  # no such commit
    anas = Library.open(team.ana)
    mark(anas, anas.article(team.article), "9,000 passengers a day")

    failed = glossator(team.ana, "sync")
    assert failed.code == 1
    assert "committed: 1 mark added" in failed.out and "push pending" not in failed.out
    (line,) = failed.err.splitlines()
    assert line.startswith("glossator: error: not pushed: git failed in the library's own "
                           "repository while fetching from origin: ")
    assert f"{ref} is damaged" in line and "delete that file, then sync again" in line

    ref.unlink()  # as the line says
    report = ok(glossator(team.ana, "sync"))
    assert "ben: 1 mark in 1 article" in report.out and "pushed to origin/main" in report.out


def test_a_lock_that_cannot_be_cleared_is_one_line_saying_which_file(tmp_path):
    team = make_team(tmp_path)
    ben_marks_and_pushes(team)
    held = team.ana / ".git" / "refs" / "remotes" / "origin" / "main.lock"
    held.mkdir()  # not a file glossator may delete: it stays in the way

    failed = glossator(team.ana, "sync")
    assert failed.code == 1 and "push pending" not in failed.out
    assert f"could not remove git's lock {held}" in failed.out
    (line,) = failed.err.splitlines()
    assert f"{held} is in the way; when no git is running in {team.ana}, delete that file" \
        in line

    held.rmdir()
    assert "ben: 1 mark in 1 article" in ok(glossator(team.ana, "sync")).out


def test_a_remote_that_is_gone_is_still_a_pending_push(tmp_path):
    team = make_team(tmp_path)
    team.remote.rename(tmp_path / "moved.git")
    ok(glossator(team.ana, "annotate", team.article, "--kind", "claim", "--quote",
                 "9,000 passengers a day"))
    report = ok(glossator(team.ana, "sync"))
    assert "push pending: cannot reach origin" in report.out
    assert "(1 commit waiting)" in report.out
