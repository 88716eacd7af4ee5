"""Claims and questions library-wide: filters, order, and a status set on many claims of
many articles at once, all of it or none."""

from __future__ import annotations

import json

import pytest

from annotations.errors import GlossatorError, NotFoundError
from annotations.store import Library
from annotations.views.claims import ClaimFilter, filtered, find_marks, library_claims
from annotations.views.matrix import NO_SPEAKER
from annotations.views.questions import library_questions
from annotations.views.statuses import set_statuses
from tests.helpers.library import snapshot
from tests.helpers.views_library import ViewsSample, views_sample


@pytest.fixture
def sample(library: Library, tmp_path) -> ViewsSample:
    return views_sample(library, tmp_path / "src")


def quotes(rows) -> list[str]:
    return [" ".join(m.exact.split()) for _, m in rows]


def test_every_claim_unverified_first_then_disputed_false_supported(sample):
    rows = library_claims(sample.library).rows
    assert [m.status for _, m in rows] == ["unverified"] * 5 + ["disputed", "false", "supported"]
    # Within a status: the library's order of articles, each in reading order.
    assert quotes(rows)[:3] == ["the work would cost 14 million and take two winters",
                                "the dredging will cost €14m in all",
                                "the island would keep a crossing all winter"]


def test_filters_by_status_speaker_tag_article_and_words(sample):
    lib = sample.library
    rows = library_claims(lib).rows
    pereira = lib.find_actor("Ines Pereira").id
    assert len(filtered(rows, ClaimFilter(statuses=frozenset({"false", "supported"})))) == 2
    assert len(filtered(rows, ClaimFilter(speakers=frozenset({pereira})))) == 3
    assert quotes(filtered(rows, ClaimFilter(speakers=frozenset({NO_SPEAKER})))) == [
        "cargo would move by road instead", "The quay lights have been out since May"]
    # A tag takes the tags under it.
    assert len(filtered(rows, ClaimFilter(tags=frozenset({"funding"})))) == 3
    assert len(filtered(rows, ClaimFilter(tags=frozenset({"funding/private"})))) == 1
    both = ClaimFilter(speakers=frozenset({pereira}), articles=frozenset({sample.herald.id}))
    assert quotes(filtered(rows, both)) == ["the dredging will cost €14m in all"]
    assert quotes(filtered(rows, ClaimFilter(words="COST 14"))) == [
        "the work would cost 14 million and take two winters",
        "the dredging will cost €14m in all"]
    assert quotes(filtered(rows, ClaimFilter(words="winters cost"))) == [
        "the work would cost 14 million and take two winters"]


def test_a_status_set_on_claims_of_several_articles_at_once(sample):
    lib = sample.library
    chosen = {(sample.coastal.id, sample.marks["cost"].id): "supported",
              (sample.herald.id, sample.marks["herald-cost"].id): "supported",
              (sample.ferry.id, sample.marks["crossing"].id): "disputed",
              (sample.coastal.id, sample.marks["late"].id): "supported"}  # already supported
    before = set_statuses(lib, chosen)
    assert before == {(sample.coastal.id, sample.marks["cost"].id): "unverified",
                      (sample.herald.id, sample.marks["herald-cost"].id): "unverified",
                      (sample.ferry.id, sample.marks["crossing"].id): "unverified"}
    reopened = Library.open(lib.folder)
    assert reopened.annotation(sample.herald.id, sample.marks["herald-cost"].id).status == "supported"
    assert reopened.annotation(sample.ferry.id, sample.marks["crossing"].id).status == "disputed"
    cost = reopened.annotation(sample.coastal.id, sample.marks["cost"].id)
    assert cost.status == "supported" and cost.updated >= sample.marks["cost"].updated
    assert cost.tags == ["funding/state"] and cost.speaker == sample.marks["cost"].speaker
    # What it returned undoes it.
    set_statuses(lib, before)
    assert Library.open(lib.folder).annotation(sample.ferry.id,
                                               sample.marks["crossing"].id).status == "unverified"


def test_one_mark_that_cannot_take_the_status_changes_nothing_anywhere(sample):
    lib = sample.library
    before = snapshot(lib.folder / "articles")
    with pytest.raises(NotFoundError, match="nothing was changed"):
        set_statuses(lib, {(sample.coastal.id, sample.marks["cost"].id): "supported",
                           (sample.herald.id, "no-such-mark"): "supported"})
    with pytest.raises(GlossatorError, match="a question takes open, answered"):
        set_statuses(lib, {(sample.coastal.id, sample.marks["cost"].id): "supported",
                           (sample.herald.id, sample.marks["dumped"].id): "supported"})
    with pytest.raises(GlossatorError, match="an actor|a actor has no status"):
        set_statuses(lib, {(sample.coastal.id, sample.marks["pereira"].id): "false"})
    assert snapshot(lib.folder / "articles") == before
    assert not (lib.folder / "journal").exists()


def test_the_change_goes_through_one_transaction_and_tells_the_listeners(sample):
    lib = sample.library
    heard: list[tuple[str, str]] = []
    lib.listeners.append(lambda what, article: heard.append((what, article)))
    set_statuses(lib, {(sample.coastal.id, sample.marks["cost"].id): "false",
                       (sample.herald.id, sample.marks["herald-cost"].id): "false"})
    assert heard == [("many", "")]


def test_marks_are_found_by_id_or_unique_prefix(sample):
    rows = library_claims(sample.library).rows
    cost = sample.marks["cost"]
    assert find_marks(rows, [cost.short_id])[0][1].id == cost.id
    assert [m.id for _, m in find_marks(rows, [cost.id, cost.id[:13]])] == [cost.id]
    with pytest.raises(NotFoundError):
        find_marks(rows, ["zzzz"])


def test_questions_open_first_with_their_answers(sample):
    rows = library_questions(sample.library).rows
    assert quotes(rows) == ["Who pays if the work runs late?",
                            "whether the silt would be dumped at sea",
                            "Where will the dredged silt go?"]
    assert rows[-1][1].answer == "At sea, | 4 km out: see the permit."
    assert len(library_questions(sample.library, only_open=True).rows) == 2


def test_claims_and_set_status_commands(cli, sample):
    result = cli("claims", "--actor", "Ines Pereira", "--tag", "funding")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all("— Ines Pereira" in line for line in lines)
    assert lines[0].startswith(sample.marks["cost"].short_id)

    result = cli("claims", sample.herald.id[:8], "--format", "json")
    data = json.loads(result.stdout)
    assert [d["quote"] for d in data] == ["the dredging will cost €14m in all",
                                         "the figure was disputed by his office"]
    assert data[0]["article_title"] == "Board backs channel dredging"

    ids = [sample.marks["cost"].short_id, sample.marks["crossing"].short_id,
           sample.marks["late"].short_id]
    result = cli("set-status", "disputed", *ids)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "set 3 mark(s) in 2 article(s) to disputed"
    assert result.stdout.splitlines()[1].startswith("`glossator undo` puts them back (record ")
    result = cli("claims", "--status", "disputed", "--format", "md")
    assert result.stdout.count("| disputed |") == 4

    result = cli("set-status", "wrong", ids[0])
    assert result.exit_code == 1 and "nothing was changed" in result.stderr
    result = cli("claims", "--actor", "Nobody Known")
    assert result.exit_code == 1 and "no actor 'Nobody Known'" in result.stderr


def test_an_unknown_tag_is_an_error_as_an_unknown_actor_is(cli, sample):
    result = cli("claims", "--tag", "nosuch")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "glossator: error: no tag 'nosuch' in the codebook or on any mark; "
        "`glossator codebook` lists them"]
    assert cli("claims", "--tag", "funding/").exit_code == 0  # a parent of funding/state
    result = cli("claims", "--tag", "funding/state", "--status", "false")
    assert result.exit_code == 0 and result.stdout.strip() == "no claims"  # known, none match


def test_set_status_from_the_command_line_is_undone_by_glossator_undo(cli, sample):
    cost = sample.marks["cost"]
    assert cli("set-status", "false", cost.short_id).exit_code == 0
    assert sample.library.annotation(sample.coastal.id, cost.id).status == "false"
    result = cli("undo", "--list")
    assert "claims    set status of 1 mark(s) in 1 article(s) to false" in result.stdout
    result = cli("undo")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "undone: set status of 1 mark(s) in 1 article(s) to false"
    assert Library.open(sample.library.folder).annotation(sample.coastal.id,
                                                          cost.id).status == "unverified"


def test_questions_command(cli, sample):
    result = cli("questions", "--open")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    result = cli("questions")
    assert "→ At sea, | 4 km out: see the permit." in result.stdout.splitlines()[-1]
