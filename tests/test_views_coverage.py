"""Two articles' coverage compared: actors by id, claims by the likeness of their words.

The labelled pairs below are how the bar (`SAME_CLAIM`) was chosen: ten claims as two
outlets word them, and ten pairs from one story that share its words but are two claims.
"""

from __future__ import annotations

import json

import pytest

from annotations.model import Annotation
from annotations.store import Library
from annotations.views.coverage import compare_coverage, paired_claims
from annotations.views.similarity import SAME_CLAIM, claim_similarity, claim_words, opposed
from tests.helpers.library import add_sample, mark
from tests.helpers.views_library import ViewsSample, views_sample

SAME = [
    ("the work would cost 14 million and take two winters", "the dredging will cost €14m in all"),
    ("the island would keep a crossing all winter", "islanders will keep their winter crossing"),
    ("the last dredging ran three years late", "the previous dredging finished three years late"),
    ("unemployment fell to 4.2 percent in March", "the unemployment rate dropped to 4.2% in March"),
    ("the new line would carry 9,000 passengers a day within three years",
     "the line will carry 9000 passengers daily within three years"),
    ("the hospital will close its maternity ward in June",
     "the maternity ward at the hospital is to close in June"),
    ("the vaccine was 95 percent effective in trials", "trials showed the vaccine to be 95% effective"),
    ("police arrested 12 protesters outside the parliament",
     "12 protesters were arrested by police outside parliament"),
    ("the company cut 3,000 jobs last year", "last year the firm cut 3000 jobs"),
    ("the dam has never failed an inspection", "the dam has never once failed a safety inspection"),
]
DIFFERENT = [
    ("the last dredging ran three years late", "the dredging of the north channel was approved"),
    ("the timetable has already lost two sailings a day", "the ferry will keep its timetable"),
    ("the work would cost 14 million", "the work will not start before 2027"),
    ("unemployment fell to 4.2 percent in March", "inflation rose to 3.1 percent in March"),
    ("the hospital will close its maternity ward in June", "the hospital will open a new cancer ward"),
    ("police arrested 12 protesters outside the parliament",
     "protesters blocked the road outside the parliament"),
    ("the company cut 3,000 jobs last year", "the company reported record profits last year"),
    ("the dam has never failed an inspection", "the bridge failed its inspection in 2019"),
    ("a fantasy", "the figure was disputed by his office"),
    ("the vaccine was 95 percent effective in trials", "the trials enrolled 30,000 volunteers"),
]

OPPOSITE = [
    ("the reform will lower prices for households", "the reform will not lower prices for households"),
    ("crime rose in the north", "crime fell in the north"),
    ("the budget will increase next year", "the budget will decrease next year"),
    ("turnout was higher than in 2019", "turnout was lower than in 2019"),
    ("prices will go up", "prices won't go up"),
    ("more families can afford a home", "less families can afford a home"),
    ("the strike will end on Monday", "the strike will never end on Monday"),
    ("the council can pay for the bridge", "the council cannot pay for the bridge"),
]
"""A claim and its denial, or its trend the other way: the same words, two claims."""


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_claim_in_other_words_is_the_same_claim(a, b):
    assert claim_similarity(a, b) >= SAME_CLAIM


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_two_claims_of_one_story_are_two_claims(a, b):
    assert claim_similarity(a, b) < SAME_CLAIM


@pytest.mark.parametrize(("a", "b"), OPPOSITE)
def test_a_claim_and_its_denial_are_two_claims_even_from_one_speaker(a, b):
    assert opposed(a, b)
    assert claim_similarity(a, b, "ana", "ana") < SAME_CLAIM


def test_a_trend_both_ways_or_a_denial_on_both_sides_is_not_an_opposite():
    assert not opposed("prices rose and wages fell", "wages fell while prices rose")
    assert not opposed("the dam has never failed", "the dam never once failed an inspection")
    assert not opposed("unemployment fell to 4.2 percent", "unemployment dropped to 4.2%")


def test_only_the_same_text_scores_one_even_with_the_same_speaker():
    a = "the energy reform would lower prices for households"
    b = "the energy reform will lower prices for households across the country"
    assert SAME_CLAIM < claim_similarity(a, b, "ana", "ana") < 1.0
    assert claim_similarity(a, b) < claim_similarity(a, b, "ana", "ana")
    assert claim_similarity(a, a.upper(), "ana", "ana") == 1.0
    scores = {round(claim_similarity(x, y, "ana", "ana"), 2) for x, y in SAME}
    assert 1.0 not in scores and len(scores) > 5  # paraphrases are told apart


def test_the_bar_lies_between_the_labelled_sets_with_room_on_both_sides():
    lowest_same = min(claim_similarity(a, b) for a, b in SAME)
    highest_other = max(claim_similarity(a, b) for a, b in DIFFERENT)
    assert highest_other < SAME_CLAIM < lowest_same


def test_words_fold_case_numbers_and_endings_and_keep_negations():
    assert claim_words("The Work would COST €14m") == claim_words("the works cost 14 million")
    assert claim_words("14,000 homes") == {"14000", "hom"}
    assert "not" in claim_words("will not cost")


def test_the_speaker_counts_for_something():
    a, b = "the board will review the contract", "the board will look at the contract again"
    alone = claim_similarity(a, b)
    assert claim_similarity(a, b, "ana", "ana") > alone > claim_similarity(a, b, "ana", "bo")


def claim(text: str, start: int = 0, speaker: str = "") -> Annotation:
    return Annotation(article="x", kind="claim", exact=text, start=start, end=start + len(text),
                      speaker=speaker)


def test_each_claim_is_paired_once_the_most_alike_first():
    a = [claim("the dredging will cost 14 million", 0), claim("the dredging will cost 14 million pounds", 50)]
    b = [claim("dredging to cost 14 million pounds", 0)]
    pairs, only_a, only_b = paired_claims(a, b)
    assert [(p.in_a.start, p.in_b.start) for p in pairs] == [(50, 0)]
    assert [m.start for m in only_a] == [0] and only_b == []


@pytest.fixture
def sample(library: Library, tmp_path) -> ViewsSample:
    return views_sample(library, tmp_path / "src")


def test_two_outlets_compared_actors_in_both_and_in_one_only(sample):
    lib = sample.library
    actors = {a.id: a for a in lib.actors()}
    result = compare_coverage(sample.coastal, lib.annotations(sample.coastal.id), sample.herald,
                              lib.annotations(sample.herald.id), actors)
    assert [s.actor.name for s in result.actors_in_both] == ["Ines Pereira"]
    assert result.actors_in_both[0].in_a.id == sample.marks["pereira"].id  # the mention
    assert [p.actor.name for p in result.actors_only_in_a] == ["Kofi Mensah"]
    assert [p.actor.name for p in result.actors_only_in_b] == ["Marcus Felloway"]
    assert [(p.in_a.id, p.in_b.id) for p in result.claims_in_both] == [
        (sample.marks["cost"].id, sample.marks["herald-cost"].id)]
    assert [m.id for m in result.claims_only_in_a] == [sample.marks["fantasy"].id,
                                                       sample.marks["late"].id]
    assert [m.id for m in result.claims_only_in_b] == [sample.marks["disputed"].id]


def test_an_orphaned_claim_is_no_longer_covered(sample):
    lib = sample.library
    marks = lib.annotations(sample.coastal.id)
    for m in marks:
        m.orphaned = m.id == sample.marks["cost"].id
    result = compare_coverage(sample.coastal, marks, sample.herald,
                              lib.annotations(sample.herald.id), {a.id: a for a in lib.actors()})
    assert result.claims_in_both == []
    assert sample.marks["cost"].id not in {m.id for m in result.claims_only_in_a}


def test_compare_command(cli, sample):
    result = cli("compare", sample.coastal.id, sample.herald.id[:6])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Actors in both (1)\n  Ines Pereira\n" in text
    assert "Claims in both (1)" in text and "Claims only in B (1)" in text
    data = json.loads(cli("compare", sample.coastal.id, sample.herald.id, "--json").stdout)
    assert data["claims"]["both"][0]["in_b"]["annotation"] == sample.marks["herald-cost"].id
    assert data["claims"]["both"][0]["score"] >= SAME_CLAIM
    assert [a["name"] for a in data["actors"]["only_b"]] == ["Marcus Felloway"]
    result = cli("compare", sample.coastal.id, sample.coastal.id)
    assert result.exit_code == 1 and "two different articles" in result.stderr


def test_compare_keeps_a_claim_and_its_denial_apart(cli, library: Library, tmp_path):
    one = add_sample(library, tmp_path / "src", "one.md", "---\ntitle: One\n---\n\nThe reform will "
                     "lower prices for households. Crime rose in the north.\n")
    two = add_sample(library, tmp_path / "src", "two.md", "---\ntitle: Two\n---\n\nThe reform will "
                     "not lower prices for households. Crime fell in the north.\n")
    for article, quotes in ((one, ["The reform will lower prices for households", "Crime rose"]),
                            (two, ["The reform will not lower prices for households", "Crime fell"])):
        for quote in quotes:
            mark(library, article, quote, "claim")
    text = cli("compare", one.id, two.id).stdout
    assert "Claims in both (0)" in text
    assert "Claims only in A (2)" in text and "Claims only in B (2)" in text
