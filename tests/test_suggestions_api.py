"""`suggest` as a caller sees it: the API, the languages, the blocks, the word lists, the floor.

The floor test runs the scorer on tests/suggestions/dev (the set the rules are tuned on)
and checks figures well below the targets, so a broken engine fails the suite; the
targets themselves are judged on the held-out set by benchmarks/suggest_bench.py.
"""

from __future__ import annotations

import json

from annotations.suggestions import CLAIM, KINDS, Suggestion, suggest
from annotations.suggestions.lexicon import places, titles, verbs
from annotations.suggestions.scoring import Score, overlaps_enough, score_article
from tests.conftest import REPO

ARTICLE = ("Chief Executive Bernard Holt said the company had offered a 4.5 percent pay rise.\n\n"
           "“The door is open,” Holt said. It was not immediately clear whether talks would resume.")


def test_every_suggestion_quotes_its_own_span_and_they_come_sorted():
    found = suggest(ARTICLE)
    assert {s.kind for s in found} == set(KINDS)
    assert all(isinstance(s, Suggestion) and ARTICLE[s.start:s.end] == s.quote for s in found)
    assert [(s.start, s.end) for s in found] == sorted((s.start, s.end) for s in found)


def test_claims_say_their_cue_and_rule():
    claim = next(s for s in suggest(ARTICLE) if s.kind == CLAIM)
    assert (claim.speaker, claim.cue, claim.rule, claim.description) == (
        "Bernard Holt", "said", "reported-that", "Chief Executive")
    assert ARTICLE[claim.speaker_start:claim.speaker_end] == "Bernard Holt"


def test_other_languages_are_offered_nothing():
    assert suggest(ARTICLE, language="fr") == []
    assert suggest(ARTICLE, language="de-AT") == []
    assert suggest(ARTICLE, language="en-GB") == suggest(ARTICLE, language="") == suggest(ARTICLE)


def test_blocks_given_by_the_caller_and_headings_give_no_claims():
    text = "Holt says “the door is open to every union”\n\n" + ARTICLE
    blocks = [(0, 43, "heading"), (45, 45 + ARTICLE.index("\n\n"), "paragraph"),
              (45 + ARTICLE.index("“"), len(text), "quote")]
    found = suggest(text, blocks=blocks)
    assert not [s for s in found if s.kind == CLAIM and s.start < 43]
    assert [s for s in found if s.kind == CLAIM]


def test_an_empty_text_has_no_suggestions():
    assert suggest("") == [] and suggest("\n\n  \n") == []


def test_the_word_lists_are_the_size_the_issue_asks_for():
    assert len(verbs.REPORTING) >= 300
    assert {"said", "says", "saying", "told", "added", "announced", "confirmed", "warned", "argued",
            "denied", "noted", "claimed", "stated", "insisted", "acknowledged"} <= verbs.REPORTING
    assert len(places.PLACES) >= 500 and {"Mexico", "Texas", "Europe", "Kyiv"} <= places.PLACES
    assert {"secretary", "minister", "president", "dr", "cllr"} <= titles.HEADS


def test_the_overlap_rule_is_half_of_the_shorter_span():
    assert overlaps_enough((0, 10), (5, 100))
    assert not overlaps_enough((0, 10), (6, 100))


def test_the_dev_set_scores_above_a_floor():
    total = Score()
    for path in sorted((REPO / "tests" / "suggestions" / "dev").glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        total.add(score_article(article, suggest(article["text"], language=article["language"])))
    floor = 0.6
    for kind in KINDS:
        tally = total.kinds[kind]
        assert tally.gold > 0
        assert tally.precision >= floor and tally.recall >= floor, (kind, tally)
    assert total.speaker_accuracy >= floor
