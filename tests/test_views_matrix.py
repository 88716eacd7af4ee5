"""Who claims what: the matrix of claims per speaker and article (or tag), by status."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotations.store import Library
from annotations.views.matrix import BY_ARTICLE, BY_TAG, NO_SPEAKER, NO_TAG, build_matrix, claims_in_cell
from annotations.views.summary import VIEWS_CACHE
from tests.helpers.views_library import ViewsSample, views_sample


@pytest.fixture
def sample(library: Library, tmp_path) -> ViewsSample:
    return views_sample(library, tmp_path / "src")


def actor_id(library: Library, name: str) -> str:
    found = library.find_actor(name)
    assert found is not None
    return found.id


def test_each_cell_counts_a_speakers_claims_in_an_article_by_status(sample):
    lib = sample.library
    matrix = build_matrix(lib, BY_ARTICLE)
    pereira, mensah = actor_id(lib, "Ines Pereira"), actor_id(lib, "Kofi Mensah")
    assert matrix.cell(mensah, sample.coastal.id) == {"false": 1, "supported": 1}
    assert matrix.cell(pereira, sample.coastal.id) == {"unverified": 1}
    assert matrix.cell(pereira, sample.herald.id) == {"unverified": 1}
    assert matrix.cell(pereira, sample.ferry.id) == {"unverified": 1}
    assert not matrix.cell(mensah, sample.herald.id)
    assert matrix.cell(actor_id(lib, "Marcus Felloway"), sample.herald.id) == {"disputed": 1}
    assert matrix.claims == 8


def test_rows_go_by_claims_the_unattributed_last_and_columns_by_the_library(sample):
    matrix = build_matrix(sample.library)
    assert [r.label for r in matrix.rows] == ["Ines Pereira", "Kofi Mensah", "Marcus Felloway",
                                              "(no speaker)"]
    assert matrix.rows[-1].id == NO_SPEAKER
    assert matrix.cell(NO_SPEAKER, sample.letter.id) == {"unverified": 1}
    assert [c.id for c in matrix.columns] == [sample.coastal.id, sample.herald.id,
                                              sample.ferry.id, sample.letter.id]
    assert matrix.columns[0].detail == "The Coastal Record · 2025-03-14"


def test_by_tag_a_claim_counts_under_its_tags_and_once_under_their_parent(sample):
    lib = sample.library
    matrix = build_matrix(lib, BY_TAG)
    pereira = actor_id(lib, "Ines Pereira")
    assert [c.id for c in matrix.columns] == ["funding", "funding/private", "funding/state", NO_TAG]
    # herald-cost carries funding/state and funding/private: once under funding.
    assert matrix.cell(pereira, "funding") == {"unverified": 2}
    assert matrix.cell(pereira, "funding/state") == {"unverified": 2}
    assert matrix.cell(pereira, "funding/private") == {"unverified": 1}
    assert matrix.cell(pereira, NO_TAG) == {"unverified": 1}
    assert matrix.cell(actor_id(lib, "Marcus Felloway"), "funding") == {"disputed": 1}
    # A row's total counts each claim once, however many columns it is in.
    assert sum(matrix.row_totals[pereira].values()) == 3


def test_a_cell_opens_exactly_its_claims(sample):
    lib = sample.library
    matrix = build_matrix(lib, BY_TAG)
    pereira = actor_id(lib, "Ines Pereira")
    found = claims_in_cell(lib, matrix, pereira, "funding")
    assert [m.id for _, m in found] == [sample.marks["cost"].id, sample.marks["herald-cost"].id]
    by_article = build_matrix(lib)
    found = claims_in_cell(lib, by_article, actor_id(lib, "Kofi Mensah"), sample.coastal.id)
    assert [m.exact for _, m in found] == ["a fantasy | a fairy tale",
                                           "the last dredging ran three years late"]
    assert [m.exact for _, m in claims_in_cell(lib, by_article, NO_SPEAKER, sample.ferry.id)] == [
        "cargo would move by road instead"]


def test_the_tallies_are_cached_and_a_changed_article_is_read_again(sample):
    lib = sample.library
    build_matrix(lib)
    cache = lib.folder / VIEWS_CACHE
    assert cache.exists()
    before = cache.read_bytes()
    assert build_matrix(lib).claims == 8
    assert cache.read_bytes() == before  # nothing changed: the cache is not written again
    mark = sample.marks["crossing"]
    mark.status = "disputed"
    lib.save_annotation(mark)
    matrix = build_matrix(lib)
    assert matrix.cell(actor_id(lib, "Ines Pereira"), sample.ferry.id) == {"disputed": 1}
    cache.write_text("{not json", "utf-8")  # derived data: damaged, it is rebuilt
    assert build_matrix(lib).claims == 8
    cache.unlink()
    assert build_matrix(lib).claims == 8


def test_a_damaged_article_is_left_out_and_named_the_rest_is_shown(sample):
    lib = sample.library
    (lib.article_folder(sample.ferry.id) / "annotations.json").write_text("{oops", "utf-8")
    matrix = build_matrix(lib)
    assert matrix.claims == 6  # the ferry's two claims are not among them
    assert len(matrix.problems) == 1 and "annotations.json" in matrix.problems[0]


def test_matrix_command_prints_markdown_csv_and_json(cli, sample, tmp_path):
    result = cli("matrix")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| Actor | Harbour dredging plan approved despite protests |")
    assert any(line.startswith("| Kofi Mensah | 1S 1F |") for line in lines)
    assert "S supported, D disputed, F false, U unverified" in result.stdout

    result = cli("matrix", "--by", "tag", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) == {"actor_id", "actor", "tag_id", "tag", "claims", "unverified",
                            "supported", "disputed", "false"}
    funding = [r for r in rows if r["tag_id"] == "funding" and r["actor"] == "Ines Pereira"]
    assert funding[0]["claims"] == "2" and funding[0]["unverified"] == "2"

    result = cli("matrix", "--format", "json")
    data = json.loads(result.stdout)
    assert data["by"] == "article" and data["claims"] == 8
    assert data["actors"][-1] == {"id": None, "name": "(no speaker)", "claims": 2,
                                  "statuses": {"unverified": 2, "supported": 0, "disputed": 0,
                                               "false": 0}}
    assert {c["column"] for c in data["cells"]} == {sample.coastal.id, sample.herald.id,
                                                    sample.ferry.id, sample.letter.id}

    out = tmp_path / "matrix.md"
    result = cli("matrix", "-o", str(out))
    assert result.exit_code == 0 and out.read_text("utf-8").startswith("| Actor |")
    assert f"wrote {out}" in result.stderr


def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(cli, sample):
    """The OWASP advice on CSV injection: a cell that starts with = + - @, a tab or a carriage
    return gets a single quote in front, in the matrix and in the annotations export."""
    lib = sample.library
    mensah = lib.find_actor("Kofi Mensah")
    mensah.name = '=HYPERLINK("http://example.com/?leak","click")'
    lib.save_actor(mensah)
    rows = list(csv.DictReader(io.StringIO(cli("matrix", "--format", "csv").stdout)))
    names = {r["actor"] for r in rows}
    assert "'=HYPERLINK(\"http://example.com/?leak\",\"click\")" in names
    assert not any(n.startswith(("=", "+", "-", "@")) for r in rows for n in r.values())
    exported = list(csv.DictReader(io.StringIO(cli("export", "--all", "--format", "csv").stdout)))
    speakers = {r["speaker"] for r in exported}
    assert "'=HYPERLINK(\"http://example.com/?leak\",\"click\")" in speakers
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in exported
                   for v in r.values())
    assert {r["start"] for r in exported} <= {str(n) for n in range(100_000)}  # numbers stay


def test_an_empty_library_has_an_empty_matrix(cli):
    result = cli("matrix", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["cells"] == []
