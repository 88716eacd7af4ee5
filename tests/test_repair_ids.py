"""A record whose id disagrees with its key, or a mark that names another article than the
one whose folder holds it (a record copied by hand): `doctor` says so and `--repair`
mends it, the key and the folder being right, rather than advising `--repair` forever."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.store import Library
from tests.helpers.library import add_sample, mark


@pytest.fixture
def two_articles(library: Library, tmp_path: Path) -> tuple[str, str]:
    first = add_sample(library, tmp_path / "src")
    mark(library, first, "wildly optimistic")
    mark(library, first, "Who will pay", kind="question")
    second = add_sample(library, tmp_path / "src", "notes.md", "# Notes\n\nA second article.\n")
    return first.id, second.id


def edit_json(path: Path, change) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_marks_whose_id_or_article_disagree_are_mended(cli, library, two_articles):
    first, second = two_articles
    path = library.article_folder(first) / "annotations.json"
    keys = sorted(json.loads(path.read_bytes())["annotations"])

    def copied_by_hand(data) -> None:
        data["annotations"][keys[0]]["id"] = "someone-elses-id"
        data["annotations"][keys[1]]["article"] = second

    edit_json(path, copied_by_hand)
    found = cli("doctor")
    assert found.exit_code == 1
    assert f"the mark {keys[0]!r} says its id is 'someone-elses-id'" in found.stdout
    assert f"says it belongs to {second!r}" in found.stdout
    assert found.stdout.splitlines()[-1].endswith("`glossator doctor --repair` mends what it can")
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    assert f"articles/{first}/annotations.json: 2 mark(s) set to agree with their keys and " \
           f"their folder's article ({first!r})" in repaired.stdout
    records = json.loads(path.read_bytes())["annotations"]
    assert all(record["id"] == key and record["article"] == first
               for key, record in records.items())
    assert cli("doctor").exit_code == 0
    assert len(Library.open(library.folder).annotations(first)) == 2


def test_an_article_record_whose_id_disagrees_is_mended(cli, library, two_articles):
    _, second = two_articles
    edit_json(library.folder / "library.json",
              lambda data: data["articles"][second].update(id="not-its-key"))
    found = cli("doctor")
    assert f"the article record {second!r} has another id ('not-its-key')" in found.stdout
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 0, repaired.stdout
    assert "library.json: 1 record(s) set to agree with their keys" in repaired.stdout
    assert Library.open(library.folder).article(second).id == second
    assert cli("doctor").exit_code == 0


def test_what_repair_cannot_mend_is_not_advised_to_it(cli, library, two_articles):
    """A folder no article owns is the user's to decide about: the doctor says so, and does
    not send them to `--repair`, which would only say it again."""
    (library.folder / "articles" / "left-behind").mkdir()
    found = cli("doctor")
    assert found.exit_code == 1
    assert found.stdout.splitlines()[-1].endswith(
        "none of them can be mended by `glossator doctor --repair`")
    assert "--repair` mends" not in found.stdout


def test_a_damaged_file_no_snapshot_holds_is_not_advised_to_repair(cli, library, two_articles):
    """Without a sound copy anywhere, `--repair` cannot mend it: the doctor says what can
    be done instead, and a repair that mends nothing leaves no snapshot behind."""
    import shutil

    from annotations.backup.snapshots import BACKUPS_FOLDER

    shutil.rmtree(library.folder / BACKUPS_FOLDER, ignore_errors=True)  # the day's snapshot
    (library.folder / "codebook.json").write_text('{"tags": {', encoding="utf-8")
    found = cli("doctor")
    assert found.exit_code == 1
    first, last = found.stdout.splitlines()
    assert first.startswith("codebook.json: is damaged")
    assert last.endswith("none of them can be mended by `glossator doctor --repair`; "
                         "codebook.json: no snapshot holds an intact copy; mend it in a text "
                         "editor, or bring back a backup kept elsewhere with `glossator "
                         "restore FOLDER`")
    repaired = cli("doctor", "--repair")
    assert repaired.exit_code == 1
    assert "undoes this repair" not in repaired.stdout
    assert not any((library.folder / BACKUPS_FOLDER).iterdir())
