"""Two glossator processes on one library: nothing lost, and a clear word when it is busy."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotations.errors import LibraryError
from annotations.locking import LibraryLock
from annotations.store import Library
from tests.conftest import FIXTURES, REPO
from tests.helpers.library import add_sample, snapshot, write_sample


def writer(library_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.helpers.writer", str(library_dir), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


@pytest.fixture
def two_articles(library_dir: Path, tmp_path: Path) -> Library:
    library = Library.open(library_dir)
    add_sample(library, tmp_path / "src")
    add_sample(library, tmp_path / "src", "b.md", "# Second story\n\n" + " ".join(
        f"Line {i} of the second story." for i in range(80)))
    return library


def test_two_processes_marking_at_once_lose_nothing(two_articles, library_dir):
    per_writer = 60
    writers = [writer(library_dir, "mark", str(per_writer), str(seed)) for seed in (1, 2)]
    printed = []
    for process in writers:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        printed.append(out.split())
    assert [len(ids) for ids in printed] == [per_writer, per_writer]
    reopened = Library.open(library_dir)
    stored = {a.id: a for a in reopened.all_annotations()}
    assert set(printed[0]) | set(printed[1]) == set(stored)
    assert len(stored) == 2 * per_writer
    notes = sorted(a.note for a in stored.values())
    assert notes == sorted([f"note 1 {i}" for i in range(per_writer)]
                           + [f"note 2 {i}" for i in range(per_writer)])
    actor_names = [a.name for a in reopened.actors()]
    assert actor_names.count("Dana Whitlock") == 1  # made once, found by the other process


def test_adding_and_marking_from_parallel_commands_loses_nothing(cli_process, two_articles,
                                                                 library_dir, tmp_path):
    sources = [write_sample(tmp_path / "new", f"n{i}.txt", f"Story {i}\n\nBody of story {i}.\n")
               for i in range(3)]
    results: list = []

    def run(*args: str) -> None:
        results.append(cli_process(*args))

    jobs = [threading.Thread(target=run, args=("add", str(s))) for s in sources]
    jobs += [threading.Thread(target=run, args=(
        "annotate", "tram-ext", "--kind", "claim", "--quote", quote))
        for quote in ("wildly optimistic", "the bus network", "Who will pay")]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(120)
    assert [r.exit_code for r in results] == [0] * 6, [r.stderr for r in results]
    listed = json.loads(cli_process("list", "--json").stdout)
    assert len(listed) == 5
    assert {a["quote"] for a in json.loads(cli_process("annotations", "--json").stdout)} == {
        "wildly optimistic", "the bus network", "Who will pay"}


def test_a_busy_library_makes_a_writer_wait_then_name_the_holder(cli_process, two_articles,
                                                                 library_dir):
    holder = writer(library_dir, "hold", "30")
    try:
        assert holder.stdout.readline().strip() == "holding"
        before = snapshot(library_dir)
        began = time.monotonic()
        result = cli_process("annotate", "tram-ext", "--kind", "claim", "--quote",
                             "wildly optimistic", env={"GLOSSATOR_LOCK_WAIT": "1"})
        waited = time.monotonic() - began
        lines = result.stderr.splitlines()
        assert result.exit_code == 1 and len(lines) == 1, result.stderr
        assert f"process {holder.pid} (glossator annotate, since " in lines[0]
        assert "busy" in lines[0] and str(library_dir) in lines[0] and "1 s" in lines[0]
        assert 1 <= waited < 10
        assert snapshot(library_dir) == before
        # reading needs no lock
        listed = cli_process("list", env={"GLOSSATOR_LOCK_WAIT": "1"})
        assert listed.exit_code == 0 and "tram-extension-splits" in listed.stdout
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_that_waits_long_enough_gets_its_turn(cli_process, two_articles, library_dir):
    holder = writer(library_dir, "hold", "1")
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = cli_process("annotate", "tram-ext", "--kind", "claim", "--quote",
                             "wildly optimistic", env={"GLOSSATOR_LOCK_WAIT": "20"})
        assert result.exit_code == 0, result.stderr
        assert holder.wait(10) == 0  # the holder finished first, then the writer went
    finally:
        holder.kill()
        holder.wait()
    assert [a.exact for a in Library.open(library_dir).all_annotations()] == ["wildly optimistic"]


def test_the_lock_says_who_holds_it_within_one_process_too(library_dir):
    library = Library.open(library_dir)
    with (library.writing("glossator meta"), pytest.raises(LibraryError) as raised,
          LibraryLock(library_dir, wait_seconds=0.05).hold()):
        pass
    assert "(glossator meta, since" in str(raised.value)
    with library.writing(), library.writing():  # the library's own lock is reentrant
        assert library.lock.held
    assert not library.lock.held


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_nonsense_lock_wait_setting_is_a_clear_error(cli, library_dir, monkeypatch, value):
    monkeypatch.setenv("GLOSSATOR_LOCK_WAIT", value)
    result = cli("add", str(FIXTURES / "allotment-minutes.txt"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"glossator: error: GLOSSATOR_LOCK_WAIT={value!r} is not a number of seconds; "
        "set it to e.g. 10"]
