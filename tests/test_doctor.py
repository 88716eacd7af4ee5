"""`glossator doctor` finds what is wrong, one line each; `--repair` mends it from snapshots.
And a change across files that is killed half-way is finished by the next command."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotations.store import Library
from tests.conftest import REPO
from tests.helpers.library import add_sample, mark


@pytest.fixture
def healthy(library_dir: Path, tmp_path: Path) -> Library:
    library = Library.open(library_dir)
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "wildly optimistic", speaker="Dana Whitlock")
    mark(library, article, "Who will pay", kind="question")
    return library


def marks_file(library: Library) -> Path:
    return library.article_folder(library.articles()[0].id) / "annotations.json"


def test_a_healthy_library_says_so(cli, healthy):
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("the library is healthy:")


def test_each_problem_is_one_line_and_the_exit_status_is_1(cli, healthy, library_dir):
    article = healthy.articles()[0]
    folder = healthy.article_folder(article.id)
    # A mark whose offsets no longer hold its words, an actor that is gone, a body changed
    # behind glossator's back, and a folder no article owns.
    data = json.loads(marks_file(healthy).read_bytes())
    first = next(iter(data["annotations"].values()))
    first["start"] += 3
    first["end"] += 3
    marks_file(healthy).write_text(json.dumps(data))
    (library_dir / "actors.json").write_text(json.dumps({"actors": {}}))
    (library_dir / "articles" / "left-behind").mkdir()
    result = cli("doctor")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any("mark(s) whose offsets no longer hold their words" in line for line in lines)
    assert any("names a speaker that is not in actors.json" in line for line in lines)
    assert any(line.startswith("articles/left-behind:") for line in lines)
    assert lines[-1].startswith("3 problem(s)") and "doctor --repair" in lines[-1]
    (folder / "body.md").write_text("rewritten by hand\n")
    assert any("does not match the hash" in line for line in cli("doctor").stdout.splitlines())


def test_repair_restores_a_damaged_file_from_the_newest_snapshot(cli, healthy, library_dir):
    assert cli("backup").exit_code == 0
    marks_file(healthy).write_bytes(b'{"annotations": {"cut sh')
    # The damage is named by every command that meets it, with the way out.
    listing = cli("annotations", "tram")
    assert listing.exit_code == 1 and "glossator doctor --repair" in listing.stderr
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    assert "restored from the snapshot of" in result.stdout and "is lost" in result.stdout
    assert len(Library.open(library_dir).annotations(healthy.articles()[0].id)) == 2


def test_repair_finds_misplaced_marks_again_by_their_words(cli, healthy):
    data = json.loads(marks_file(healthy).read_bytes())
    for record in data["annotations"].values():
        record["start"], record["end"] = record["start"] + 5, record["end"] + 5
    marks_file(healthy).write_text(json.dumps(data))
    result = cli("doctor", "--repair")
    assert result.exit_code == 0, result.stdout
    text = cli("text", "tram").stdout
    for mark_ in healthy.annotations(healthy.articles()[0].id):
        assert text[mark_.start:mark_.end] == mark_.exact


def test_a_file_no_snapshot_holds_is_said_so(cli, healthy):
    marks_file(healthy).write_bytes(b"not json at all")
    result = cli("doctor", "--repair")
    assert result.exit_code == 1
    assert "no snapshot holds an intact copy" in result.stdout


KILLED_HALF_WAY = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from annotations.store import Library
    from annotations.transaction import Transaction

    library = Library.open(sys.argv[1])
    real_replace, done = os.replace, []

    def replace_then_die(source, target):
        staged = Path(source).parent.parent.name == "journal" and Path(source).name.isdigit()
        if staged and done:
            os._exit(9)  # killed between the first and second file of the change
        real_replace(source, target)
        if staged:
            done.append(target)

    os.replace = replace_then_die
    with library.writing("test"):
        with Transaction(library.folder, "a two-file change") as change:
            change.write(library.folder / "actors.json", b'{"actors": {}}')
            change.write(library.folder / "codebook.json", b'{"tags": {"x": {"name": "x"}}}')
""")


def test_a_change_killed_half_way_is_finished_by_the_next_command(cli, healthy, library_dir):
    done = subprocess.run([sys.executable, "-c", KILLED_HALF_WAY, str(library_dir)], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    assert (library_dir / "journal").is_dir()
    assert json.loads((library_dir / "actors.json").read_bytes()) == {"actors": {}}
    assert not (library_dir / "codebook.json").exists()  # the second file: not yet
    # The next glossator finds the journal and completes the change before anything else.
    assert cli("list").exit_code == 0
    assert "x" in json.loads((library_dir / "codebook.json").read_bytes())["tags"]
    assert not (library_dir / "journal").exists()
    assert cli("doctor").stdout.count("journal") == 0


def test_a_change_killed_before_its_plan_was_written_leaves_nothing(cli, healthy, library_dir):
    before = (library_dir / "actors.json").read_bytes()
    stale = library_dir / "journal" / "abc"
    stale.mkdir(parents=True)
    (stale / "0").write_bytes(b'{"actors": {}}')  # staged, never committed
    (library_dir / "library.lock.owner").write_text("process 1 (killed)")
    assert cli("list").exit_code == 0
    assert (library_dir / "actors.json").read_bytes() == before
    assert not (library_dir / "journal").exists()
