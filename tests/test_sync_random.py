"""The issue's property: two clones of one library and a bare remote on disk; each clone,
offline, makes 200 random changes (marks added, edited, deleted, tagged, their status and
speaker set; actors renamed, described, merged; articles retitled, added, removed), some
through the library's API and some through `glossator` commands; then they sync both
ways, with `glossator sync` as a process.

Both end with the same library, byte for byte. Nothing either side kept is lost, and every
field both changed differently is listed as a conflict: checked against the same oracle as
the merge of two folders (tests/test_merge_property.py), on the very commits the sync
merged."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.store import Library
from reader.cli import main
from tests.sync_support import git, glossator, no_conflict_markers, ok, shared_files
from tests.test_merge_property import apply, build_base, check_kept, check_library, operations

CHANGES = 200
by_command = st.one_of(
    st.tuples(st.just("cli_set"), st.integers(0, 60),
              st.sampled_from(["status=disputed", "status=supported", "note=from the shell",
                               "tags=funding", "note="])),
    st.tuples(st.just("cli_delete"), st.integers(0, 60)),
)
change = st.one_of(operations, by_command)
side = st.lists(change, min_size=CHANGES, max_size=CHANGES)


def run_command(folder: Path, op: tuple[Any, ...]) -> None:
    """A change through the command line, as a script of a teammate's would make it."""
    library = Library.open(folder)
    marks = sorted((m for a in library.articles() for m in library.annotations(a.id)),
                   key=lambda m: m.id)
    if not marks:
        return
    chosen = marks[op[1] % len(marks)]
    args = ["annotation", chosen.id, "--delete"] if op[0] == "cli_delete" else \
        ["annotation", chosen.id, "--set", op[2]]
    result = CliRunner().invoke(main, ["--library", str(folder), *args])
    # A status the mark's kind does not have is refused, as it should be: no change then.
    assert result.exit_code in (0, 1), result.output


def make_changes(folder: Path, ops: list[tuple[Any, ...]], sources: Path, author: str) -> None:
    previous = os.environ.get("GLOSSATOR_AUTHOR")
    os.environ["GLOSSATOR_AUTHOR"] = author
    try:
        for op in ops:
            if op[0].startswith("cli_"):
                run_command(folder, op)
            else:
                apply(Library.open(folder), op, sources)
    finally:
        os.environ["GLOSSATOR_AUTHOR"] = previous or ""


def export(repository: Path, revision: str, into: Path) -> Path:
    """The library as commit `revision` holds it, in a folder of its own."""
    into.mkdir(parents=True)
    done = subprocess.run(["git", "archive", "--format=tar", revision], cwd=repository,
                          capture_output=True, check=True, timeout=120)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def run_team(ana_changes: list, ben_changes: list) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        sources, remote, ana, ben = root / "sources", root / "remote.git", root / "ana", root / "ben"
        git(root, "init", "-q", "--bare", str(remote))
        build_base(ana, sources)
        ok(glossator(ana, "sync", "init", str(remote)))
        ok(glossator(ben, "sync", "clone", str(remote), str(ben), author="ben"))
        base = git(ana, "rev-parse", "HEAD").stdout.strip()

        make_changes(ana, ana_changes, sources, "ana")
        make_changes(ben, ben_changes, sources, "ben")
        ok(glossator(ana, "sync"))
        theirs = git(ana, "rev-parse", "HEAD").stdout.strip()
        ok(glossator(ben, "sync", author="ben"))
        ours = git(ben, "rev-parse", "HEAD^1").stdout.strip() if \
            git(ben, "rev-list", "--parents", "-n1", "HEAD").stdout.count(" ") == 2 else \
            git(ben, "rev-parse", "HEAD").stdout.strip()
        ok(glossator(ana, "sync"))

        assert shared_files(ana) == shared_files(ben)
        assert git(ana, "rev-parse", "HEAD").stdout == git(ben, "rev-parse", "HEAD").stdout
        assert no_conflict_markers(ben)
        check_library(ben)
        folders = [export(ben, rev, root / name)
                   for rev, name in ((base, "base"), (ours, "ours"), (theirs, "theirs"))]
        for kind in ("marks", "articles", "actors"):
            check_kept(kind, *folders, ben)


QUICK = settings(max_examples=2, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.large_base_example])
THOROUGH = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


@QUICK
@given(side, side)
def test_two_clones_making_200_changes_each_offline_sync_to_the_same_library(ana, ben):
    run_team(ana, ben)


@pytest.mark.slow
@THOROUGH
@given(side, side)
def test_two_clones_making_200_changes_each_offline_sync_to_the_same_library_thoroughly(ana, ben):
    run_team(ana, ben)
