"""Quotation marks of every style, told apart from apostrophes (annotations/suggestions/quotes)."""

from __future__ import annotations

import time

import pytest

from annotations.suggestions import suggest
from annotations.suggestions.quotes import quotations
from annotations.suggestions.text import Block


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in quotations(text, Block(0, len(text), "paragraph"))]


@pytest.mark.parametrize("text, inside", [
    ("“We will not back down,” she said.", "We will not back down,"),
    ('"We will not back down," she said.', "We will not back down,"),
    ("‘We will not back down,’ she said.", "We will not back down,"),
    ("«Nous ne céderons pas», a-t-il dit.", "Nous ne céderons pas"),
    ("« Nous ne céderons pas », a-t-il dit.", "Nous ne céderons pas"),
    ("„Wir geben nicht nach“, sagte er.", "Wir geben nicht nach"),
    ("»Wir geben nicht nach«, sagte er.", "Wir geben nicht nach"),
    ("‹Non›, dit-elle.", "Non"),
])
def test_every_mark_style_opens_and_closes_a_quotation(text, inside):
    assert quoted(text) == [inside]


def test_apostrophes_inside_single_quotes_are_not_closing_marks():
    text = "‘I don’t think the council’s figures add up,’ she said."
    assert quoted(text) == ["I don’t think the council’s figures add up,"]


def test_a_plural_possessive_is_not_a_close_when_a_real_one_follows():
    text = "‘The workers’ union will not sign,’ he said."
    assert quoted(text) == ["The workers’ union will not sign,"]


def test_an_apostrophe_just_after_the_opening_mark_is_no_quote():
    assert quoted("‘It was the ‘90s,’ she said.") == ["It was the ‘90s,"]


def test_nested_quotes_belong_to_the_outer_one():
    text = "“He told me ‘never again’ and left,” she said."
    assert quoted(text) == ["He told me ‘never again’ and left,"]


def test_a_quotation_of_several_sentences_is_one():
    text = "“The door is open. It has been open since March,” Holt said."
    assert quoted(text) == ["The door is open. It has been open since March,"]


def test_a_quotation_still_open_at_the_end_of_the_block_runs_on():
    text = "“We were told to wait. We waited."
    found = quotations(text, Block(0, len(text), "paragraph"))
    assert found[0].runs_on and text[found[0].start:found[0].end] == "We were told to wait. We waited."


def test_the_next_block_opening_with_a_mark_continues_it():
    text = "“And then the letters stopped,” she said."
    found = quotations(text, Block(0, len(text), "paragraph"), continued=True)
    assert found[0].continued


def test_contractions_and_possessives_alone_make_no_quotation():
    assert quoted("The union’s members don’t agree, and it’s the workers’ call.") == []


def test_an_elision_inside_single_quotes_is_no_close():
    assert quoted("‘We sang rock ’n’ roll in the ’60s,’ he said.") == [
        "We sang rock ’n’ roll in the ’60s,"]


def test_a_quote_opening_on_an_elision():
    assert quoted("‘’Tis a long way down,’ she said.") == ["’Tis a long way down,"]


HOSTILE = {
    "opening single marks": "‘x " * 17_000,
    "every opening mark": "«„‹“‘" * 10_000,
    "plural possessives": "the workers’ " * 4_000 + "end,’",
    "straight quotes": '"a ' * 17_000,
    "closed quotes with speakers": "“No, never,” she said. " * 2_200,
    "hedges inside quotes": "‘It is not clear.’ " * 2_800,
    "one long run of names": "Dr. Ruiz and " * 4_000,
    "initials": "U.S. Navy " * 5_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_paragraph_of_50_kb_takes_no_time(text):
    # Linear work takes well under a second; the quadratic readings these replaced took
    # from 15 s to a minute, so a generous bound tells them apart on any machine.
    started = time.process_time()
    quotations(text, Block(0, len(text), "paragraph"))
    suggest(text)
    assert time.process_time() - started < 8
