"""A sync SIGKILLed at every step that matters (a real process, killed by the signal, not
an exception) leaves a library that opens, holds every mark, has no conflict marker, and
the next sync completes: both teammates end with the same library."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations.backup.doctor import examine
from annotations.model import Actor
from annotations.store import Library
from reader.document.cache import load_document
from tests.conftest import REPO
from tests.helpers.library import mark
from tests.sync_support import git, glossator, make_team, no_conflict_markers, ok, shared_files

KILLER = '''
import os, signal, sys
from pathlib import Path

folder, point = Path(sys.argv[1]), sys.argv[2]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

import annotations.transaction as transaction
import annotations.sync.merging as merging
from annotations.sync.git import Git
from annotations.model import Actor
from annotations.store import Library
from annotations.sync.syncing import sync

if point.startswith("apply:"):
    # In the middle of writing the merged files: after N of them are in place.
    left = [int(point.split(":")[1])]
    apply, replace = transaction._apply, os.replace

    def counting(src, dst):
        if left[0] == 0:
            die()
        left[0] -= 1
        replace(src, dst)

    def patched(library_folder, journal):
        if "merge" in (journal / "plan.json").read_text():
            os.replace = counting
        apply(library_folder, journal)

    transaction._apply = patched
elif point == "after-repair":
    repair = merging.repair_after_merge
    merging.repair_after_merge = lambda *a, **k: (repair(*a, **k), die())
elif point in ("before-update-ref", "after-update-ref", "mid-commit"):
    run = Git.run

    def watched(self, *args, **kwargs):
        name = {"before-update-ref": "update-ref", "mid-commit": "commit"}.get(point)
        if args and args[0] == name:
            die()
        done = run(self, *args, **kwargs)
        if point == "after-update-ref" and args and args[0] == "update-ref":
            die()
        return done

    Git.run = watched

def step(name):
    if name == point:
        die()

sync(Library.open(folder), progress=step)
print("not killed", flush=True)
'''

POINTS = ["fetch", "commit", "merge", "apply:1", "after-repair", "before-update-ref",
          "after-update-ref", "push",
          *(pytest.param(p, marks=pytest.mark.slow)
            for p in ("recover", "apply:0", "apply:2", "mid-commit"))]
"""Where the sync is killed: before a step (the progress callback's names), after N of the
merged files are in place, around the repair and the commit of the merge."""


def killed_sync(folder: Path, point: str, script: Path, author: str) -> None:
    env = {"GLOSSATOR_AUTHOR": author}
    done = subprocess.run([sys.executable, str(script), str(folder), point], cwd=REPO,
                          capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    assert done.returncode == -signal.SIGKILL, f"{point}: {done.stdout}{done.stderr}"


def check_opens(folder: Path) -> Library:
    library = Library.open(folder)
    problems = examine(folder, lambda article: load_document(library, article).text).problems
    assert problems == [], [p.line() for p in problems]
    assert no_conflict_markers(folder)
    return library


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "killer.py"
    path.write_text(KILLER)
    return path


@pytest.mark.parametrize("point", POINTS)
def test_a_sync_killed_at_any_step_leaves_a_library_that_opens_and_the_next_sync_completes(
        tmp_path, script, point, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    bens = Library.open(team.ben)
    shared = mark(bens, bens.article(team.article), "9,000 passengers a day")
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ana, "sync"))
    ben_marks = [mark(bens, bens.article(team.article), "wildly optimistic").id]
    changed = bens.annotation(team.article, shared.id)
    changed.note = "ben's note"
    bens.save_annotation(changed)
    bens.save_actor(Actor(name="Dana Whitlock"))
    ok(glossator(team.ben, "sync", author="ben"))
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    anas = Library.open(team.ana)
    ana_marks = [mark(anas, anas.article(team.article), q).id
                 for q in ("the bus network", "Construction is due to start in spring")]

    killed_sync(team.ana, point, script, "ana")

    after_kill = check_opens(team.ana)
    present = {m.id for m in after_kill.annotations(team.article)}
    assert set(ana_marks) <= present, point  # nothing of ours lost by the kill
    report = ok(glossator(team.ana, "sync"))
    assert "pushed to origin/main" in report.out or "up to date" in report.out, report.out
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ana, "sync"))
    for folder in (team.ana, team.ben):
        library = check_opens(folder)
        marks = {m.id: m for m in library.annotations(team.article)}
        assert set(ana_marks) | set(ben_marks) | {shared.id} <= set(marks), point
        assert marks[shared.id].note == "ben's note"
        assert git(folder, "status", "--porcelain").stdout == ""
        assert [a.name for a in library.actors()] == ["Dana Whitlock"]
    assert shared_files(team.ana) == shared_files(team.ben)


def test_a_sync_process_killed_at_random_moments_never_loses_a_mark(tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    bens = Library.open(team.ben)
    ben_marks = [mark(bens, bens.article(team.article), "wildly optimistic").id]
    ok(glossator(team.ben, "sync", author="ben"))
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    anas = Library.open(team.ana)
    ana_marks = []
    for n, delay in enumerate((0.15, 0.3, 0.45, 0.6)):
        quote = ("the bus network", "Construction is due to start in spring", "9,000 passengers",
                 "has not published the cost")[n]
        ana_marks.append(mark(anas, anas.article(team.article), quote).id)
        process = subprocess.Popen([sys.executable, "-m", "reader", "--library", str(team.ana),
                                    "sync"], cwd=REPO, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        check_opens(team.ana)
    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    for folder in (team.ana, team.ben):
        present = {m.id for m in check_opens(folder).annotations(team.article)}
        assert set(ana_marks) | set(ben_marks) <= present


def test_a_lock_left_by_a_git_that_was_killed_is_cleared_by_the_next_sync(tmp_path):
    team = make_team(tmp_path)
    (team.ana / ".git" / "index.lock").write_bytes(b"")
    (team.ana / ".git" / "refs" / "heads" / "main.lock").write_bytes(b"")
    report = ok(glossator(team.ana, "sync"))
    assert "removed git's lock index.lock (left by a git that was stopped)" in report.out
    assert "removed git's lock refs/heads/main.lock" in report.out
