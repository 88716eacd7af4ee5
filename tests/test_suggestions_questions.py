"""Open questions: hedges and the article's own questions (annotations/suggestions/questions)."""

from __future__ import annotations

import pytest

from annotations.suggestions import suggest


def questions(text: str) -> list[tuple[str, str]]:
    return [(s.quote, s.rule) for s in suggest(text) if s.kind == "question"]


@pytest.mark.parametrize("sentence, rule", [
    ("It was not immediately clear how many sailings were cancelled.", "hedge:not-yet-known"),
    ("It remains unclear whether the bridge will reopen.", "hedge:unclear"),
    ("The ministry declined to comment.", "hedge:declined"),
    ("The company did not respond to a request for comment.", "hedge:no-response"),
    ("Whether the money can be found remains to be seen.", "hedge:not-yet-known"),
    ("The cause of the fire was not immediately known.", "hedge:not-yet-known"),
    ("A ruling is expected next month.", "hedge:expected"),
    ("The vote was postponed until November.", "hedge:pending"),
    ("The union has not said whether a second strike will go ahead.", "hedge:could-not-say"),
    ("Police could not say how the driver lost control.", "hedge:could-not-say"),
    ("A ruling is expected on May 4.", "hedge:expected"),
    ("The inquiry's findings are due on Friday.", "hedge:expected"),
    ("The trust has not yet decided whether to sell.", "hedge:not-yet-known"),
    ("The investigation is ongoing.", "hedge:pending"),
])
def test_hedges_are_open_questions(sentence, rule):
    assert questions("The harbour reopened on Monday. " + sentence) == [(sentence, rule)]


def test_the_articles_own_question_is_one():
    text = "Fares rose again in May. Can the ferry survive another winter? Nobody knows yet."
    assert ("Can the ferry survive another winter?", "question-sentence") in questions(text)


def test_a_question_inside_a_quotation_is_not_the_articles():
    text = "“Why would we sell now?” Ruth Ambler asked."
    assert questions(text) == []


def test_plain_narration_has_no_open_question():
    assert questions("The ferry left at six. It carried 212 passengers and arrived on time.") == []


def test_an_interviewers_questions_are_no_open_questions():
    text = ("Renn chairs the board.\n\nQuill: Why now?\n\nRenn: We ran out of luck.\n\n"
            "Quill: Is that wrong?\n\nRenn: The number is wrong.")
    assert questions(text) == []
