"""The search index's care of itself, as a researcher meets it: an index damaged on disk
is noticed and made again before it answers wrongly, one changed by another program but
sound is kept, a folder where the index should be is named, and the check before every
query stays cheap and still sees every change."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from annotations.model import Actor
from annotations.search import freshness
from annotations.search.index import CHECKED_SUFFIX, INDEX_NAME, SearchIndex, index_problem
from reader.document.cache import text_reader

GRID = """# Grid outages fell

Outages on the grid fell by a third, CENACE said. Prices fell 30 percent, said the ministry.

The agency will publish its figures in May.
"""

REFORM = """# Energy reform defended

Claudia Sheinbaum said the energy reform would lower prices for households.

The agency CENACE reported that outages fell by a third.
"""

PAGE = 4096


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def hits(cli, *query: str) -> list[dict]:
    return json.loads(ok(cli("search", *query, "--json")).stdout)


@pytest.fixture
def energy_library(cli, tmp_path: Path, library_dir: Path) -> Path:
    """Two articles that both name CENACE, a claim by Claudia Sheinbaum, and an index made
    with many rows (the index spans many pages, as a real one does)."""
    for name, text in (("grid.md", GRID), ("reform.md", REFORM)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ok(cli("add", str(tmp_path / name)))
    ok(cli("annotate", "energy-reform", "--kind", "claim", "--quote",
           "the energy reform would lower prices for households", "--speaker", "Claudia Sheinbaum"))
    for n in range(40):
        ok(cli("annotate", "grid-outages", "--kind", "question", "--quote", "figures",
               "--note", f"Question {n}: which figures, by which office, for which month?"))
    assert {h["article"] for h in hits(cli, "cenace")} == {"grid-outages-fell", "energy-reform-defended"}
    return library_dir / INDEX_NAME


def damage_in_place(path: Path) -> None:
    """What a failing disk does: bytes 100–400 of every page from the fourth on turned to
    garbage, and the whole first page of FTS5's lists (which every query reads); the file
    keeps its size and SQLite's header."""
    conn = sqlite3.connect(path)
    [lists] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries_data'").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    garbled = {*range((lists - 1) * PAGE, lists * PAGE)}
    garbled.update(at for page in range(3 * PAGE, len(data), PAGE)
                   for at in range(page + 100, min(page + 400, len(data))))
    for at in garbled:
        data[at] ^= 0x5A
    with open(path, "r+b") as file:
        file.write(data)


def quick_check(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:  # damaged where the check itself must read
        return [str(error)]
    finally:
        conn.close()


def test_an_index_damaged_on_disk_is_made_again_before_it_answers(cli, energy_library):
    damage_in_place(energy_library)
    assert quick_check(energy_library) != ["ok"]
    result = ok(cli("search", "CENACE", "--json"))
    assert {h["article"] for h in json.loads(result.stdout)} == {"grid-outages-fell",
                                                                 "energy-reform-defended"}
    assert "the search index was damaged; it was made again" in result.stderr
    assert quick_check(energy_library) == ["ok"]
    again = ok(cli("search", "CENACE"))
    assert "damaged" not in again.stderr  # vouched for: not checked again


def test_doctor_can_tell_a_damaged_index_without_changing_it(energy_library, library_dir):
    assert index_problem(library_dir) == ""
    damage_in_place(energy_library)
    before = energy_library.read_bytes()
    problem = index_problem(library_dir)
    assert problem.startswith(f"the search index {energy_library} is damaged (")
    assert problem.endswith("); the next search makes it again, or delete it") and "\n" not in problem
    assert energy_library.read_bytes() == before


def test_doctor_reports_a_damaged_index_and_repair_removes_it(cli, energy_library):
    damage_in_place(energy_library)
    checked = cli("doctor")
    assert checked.exit_code == 1
    assert f"{INDEX_NAME}: the search index {energy_library} is damaged" in checked.stdout
    repaired = cli("doctor", "--repair")
    assert f"{INDEX_NAME}: removed (derived data)" in repaired.stdout
    assert repaired.exit_code == 0, repaired.stdout
    assert not energy_library.exists()
    assert len(hits(cli, "CENACE")) == 2  # made again by the next search


def test_damage_the_check_cannot_see_is_made_again_when_a_query_meets_it(cli, energy_library):
    """FTS5's own lists garbled, the file's times put back as glossator left them: the pages
    are sound (quick_check passes) and the stamp is the one vouched for, so only a query can
    tell, when SQLite says the lists are damaged; it does not answer "nothing found"."""
    before = os.stat(energy_library)
    conn = sqlite3.connect(energy_library)
    # Garbled the same way every run (a fixed seed): SQLite's randomblob() would now and
    # then garble the lists into ones that read as empty, which no reader can tell.
    garbling = random.Random(20261201)
    rows = conn.execute("SELECT id, length(block) FROM entries_data WHERE id > 10").fetchall()
    for row_id, size in rows:
        conn.execute("UPDATE entries_data SET block = ? WHERE id = ?",
                     (garbling.randbytes(size), row_id))
    conn.commit()
    conn.close()
    os.utime(energy_library, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert quick_check(energy_library) == ["ok"] and os.stat(energy_library).st_size == before.st_size
    result = ok(cli("search", "CENACE", "--json"))
    assert {h["article"] for h in json.loads(result.stdout)} == {"grid-outages-fell",
                                                                 "energy-reform-defended"}
    assert "the search index was damaged; it was made again" in result.stderr


def test_an_index_another_program_changed_soundly_is_kept(library, energy_library):
    conn = sqlite3.connect(energy_library)
    conn.execute("VACUUM")  # a sound index, rewritten by something other than glossator
    conn.close()
    index = SearchIndex.open(library)
    caught = index.catch_up(text_reader(library))
    assert caught.rebuilt == "" and caught.indexed == 0
    assert len(index.search("cenace").hits) == 2
    checked = Path(f"{energy_library}{CHECKED_SUFFIX}").read_text(encoding="ascii").split()
    assert checked == [str(v) for v in (os.stat(energy_library).st_ino, os.stat(energy_library).st_size,
                                        os.stat(energy_library).st_mtime_ns)]


def test_an_open_index_notices_damage_done_while_it_is_open(library, energy_library):
    index = SearchIndex.open(library)
    text_of = text_reader(library)
    index.catch_up(text_of)
    damage_in_place(energy_library)
    told: list[tuple[int, int]] = []
    caught = index.catch_up(text_of, progress=lambda done, total: told.append((done, total)))
    assert caught.rebuilt == "damaged" and told[-1] == (2, 2)
    assert len(index.search("cenace").hits) == 2


def test_a_folder_where_the_index_should_be_is_named_and_search_goes_on(cli, energy_library,
                                                                       library_dir):
    for suffix in ("", CHECKED_SUFFIX):
        Path(f"{energy_library}{suffix}").unlink()
    energy_library.mkdir()
    result = ok(cli("search", "cenace", "--json"))
    assert len(json.loads(result.stdout)) == 2
    assert f"{energy_library} is a folder, not glossator's search index" in result.stderr
    assert "nor in a temporary folder" not in result.stderr
    assert energy_library.is_dir() and not any(energy_library.iterdir())  # left as it was


def test_one_result_shown_is_said_so(cli, energy_library):
    result = ok(cli("search", "cenace", "--limit", "1"))
    assert "glossator: 1 result shown; more with --limit" in result.stderr


def test_what_another_process_indexes_and_changes_next_is_seen(library, energy_library,
                                                               cli_process, tmp_path):
    """Another glossator writes the index (what this process knew of it is then out of
    date), then changes a mark it has not indexed: this process indexes that mark."""
    index = SearchIndex.open(library)
    text_of = text_reader(library)
    index.catch_up(text_of)
    (tmp_path / "tariff.md").write_text("# Tariffs\n\nThe tariff rose in June.\n", encoding="utf-8")
    ok(cli_process("add", str(tmp_path / "tariff.md")))
    ok(cli_process("search", "tariff"))  # the other process indexes it
    ok(cli_process("annotate", "tariffs", "--kind", "claim", "--quote", "The tariff rose",
                   "--note", "check the gazette"))
    caught = index.catch_up(text_of)
    assert caught.indexed == 1
    [hit] = index.search("gazette").hits
    assert hit.article == "tariffs" and hit.kind == "claim"


def test_an_actor_renamed_when_no_article_changed_of_late_is_found_by_its_new_name(
        library, energy_library, monkeypatch):
    """The articles' folders have long settled (no article is looked at file by file): the
    rename alone says which articles' marks to index again."""
    monkeypatch.setattr(freshness, "SETTLE_NS", 0)  # what a few seconds' wait would do
    index = SearchIndex.open(library)
    text_of = text_reader(library)
    index.catch_up(text_of)
    sheinbaum = library.find_actor("Claudia Sheinbaum")
    assert isinstance(sheinbaum, Actor)
    sheinbaum.aliases = ["la presidenta"]
    library.save_actor(sheinbaum)
    caught = index.catch_up(text_of)
    assert caught.indexed == 1
    [hit] = index.search("kind:claim presidenta").hits
    assert hit.quote == "the energy reform would lower prices for households"
