"""A damaged library.json, actors.json or annotations.json: every other command sends the
reader to `glossator doctor --repair`, and the doctor and restore open the library all the
same, say what is wrong in one line each, and mend it from a snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.store import Library
from tests.helpers.library import add_sample, mark


@pytest.fixture
def backed_up(library_dir: Path, tmp_path: Path, cli) -> Library:
    """A library with one article, two marks (one with a speaker) and a snapshot of it."""
    library = Library.open(library_dir)
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "wildly optimistic", speaker="Dana Whitlock")
    mark(library, article, "Who will pay", kind="question")
    assert cli("backup").exit_code == 0
    return library


def marks_file(library: Library) -> Path:
    return library.article_folder(library.articles()[0].id) / "annotations.json"


def edit_json(path: Path, change) -> None:
    """Change a library file the way another program would: parse, change, write back."""
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))


def assert_one_clean_line(result, *words: str) -> list[str]:
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines  # the problem, then the count and the way out
    for word in words:
        assert word in lines[0]
    assert "doctor --repair" in lines[-1]
    return lines


def test_a_damaged_library_json_is_reported_and_restored(cli, backed_up, library_dir):
    (library_dir / "library.json").write_text('{"articles": {')
    listing = cli("list")
    assert listing.exit_code == 1 and "glossator doctor --repair" in listing.stderr
    # The doctor names the one damaged file: not every article folder as one nobody owns.
    assert_one_clean_line(cli("doctor"), "library.json", "is damaged")
    assert "backup" in cli("restore", "--list").stdout
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    assert repaired.stdout.startswith("library.json: restored from the snapshot of")
    assert "(1 article)" in repaired.stdout and "the library is healthy" in repaired.stdout
    article = Library.open(library_dir).articles()[0]
    assert len(Library.open(library_dir).annotations(article.id)) == 2


def test_a_whole_snapshot_can_be_restored_over_a_damaged_library_json(cli, backed_up,
                                                                      library_dir):
    (library_dir / "library.json").write_bytes(b"")
    result = cli("restore")
    assert result.exit_code == 0, result.stderr
    assert cli("doctor").exit_code == 0
    assert [a.title for a in Library.open(library_dir).articles()] == [
        "Tram extension splits the valley towns"]


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d.update(articles={"r": {"id": "r"}}),
     ("the article record 'r' is not whole", "has no title")),
    (lambda d: d.update(articles=[]), ("does not hold a glossator database",)),
    (lambda d: next(iter(d["articles"].values())).update(title=5),
     ("the article record 'tram-", "is not whole", "title of the wrong kind (int)")),
])
def test_an_article_record_of_the_wrong_shape_is_one_line_and_restored(cli, backed_up,
                                                                      library_dir, change,
                                                                      words):
    edit_json(library_dir / "library.json", change)
    lines = cli("doctor").stdout.splitlines()
    assert lines[0].startswith("library.json: ") and all(w in lines[0] for w in words)
    assert cli("doctor").exit_code == 1
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    assert Library.open(library_dir).articles()[0].title.startswith("Tram extension")


@pytest.mark.parametrize(("change", "words"), [
    (lambda record: record.pop("start"), "has no start"),
    (lambda record: record.update(exact=["a", "list"]), "exact of the wrong kind (list)"),
])
def test_a_mark_of_the_wrong_shape_is_one_line_and_restored(cli, backed_up, library_dir,
                                                            change, words):
    edit_json(marks_file(backed_up), lambda d: change(next(iter(d["annotations"].values()))))
    assert_one_clean_line(cli("doctor"), "/annotations.json: the mark", words)
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    # What the restored copy holds is said, so the reader knows what came back.
    assert "(2 marks); any change made to it since then is lost" in repaired.stdout
    article = Library.open(library_dir).articles()[0]
    assert len(Library.open(library_dir).annotations(article.id)) == 2


def test_a_damaged_actors_json_is_one_line_not_one_per_mark(cli, backed_up, library_dir):
    (library_dir / "actors.json").write_text('{"actors": {"x": ')
    assert_one_clean_line(cli("doctor"), "actors.json: is damaged")
    assert cli("doctor", "--repair").exit_code == 0
    assert [a.name for a in Library.open(library_dir).actors()] == ["Dana Whitlock"]


def test_a_mark_naming_an_actor_that_is_gone_says_so_in_good_english(cli, backed_up,
                                                                   library_dir):
    edit_json(marks_file(backed_up),
              lambda d: next(iter(d["annotations"].values())).update(actor="nobody"))
    assert_one_clean_line(cli("doctor"), "names an actor that is not in actors.json")
