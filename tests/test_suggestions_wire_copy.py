"""Wire copy: organisations whose names hold no organisation word, people "of" a body,
"a Nissan spokeswoman", and "the company" after a dateline (issue 11's audit)."""

from __future__ import annotations

import pytest

from annotations.suggestions import suggest


def actors(text: str) -> list[tuple[str, str]]:
    return [(s.quote, s.actor_type) for s in suggest(text) if s.kind == "actor"]


def claims(text: str) -> list[tuple[str, str, str]]:
    return [(s.quote, s.speaker, s.actor_type) for s in suggest(text) if s.kind == "claim"]


@pytest.mark.parametrize("name", [
    "Human Rights Watch", "Amnesty International", "Transparency International", "Fitch Ratings",
    "Halvard Logistics", "Agence France-Presse", "Goldman Sachs", "Morgan Stanley", "Al Jazeera",
    "Doctors Without Borders", "Médecins Sans Frontières", "Save the Children", "Deloitte",
])
def test_an_organisation_without_an_organisation_word_that_speaks_is_no_person(name):
    text = f"The ferry operator cut its routes on Tuesday. {name} said the cuts would cost jobs."
    assert actors(text) == [(name, "organisation")]
    assert claims(text) == [("the cuts would cost jobs", name, "organisation")]


def test_the_group_after_such_an_organisation_is_that_organisation():
    text = ("The Harbour Ministry raised port fees on Monday. Amnesty International said the fees "
            "would hurt fishermen. It added that the ministry had ignored its letters. The group "
            "also said it would appeal.")
    assert [c[1] for c in claims(text)] == ["Amnesty International"] * 3


@pytest.mark.parametrize("name", ["Moody's", "McDonald's", "Standard & Poor's", "Rio Tinto"])
def test_a_possessive_or_place_like_name_that_speaks_is_an_organisation(name):
    text = f"Markets fell on Friday. {name} said the outlook was negative."
    assert claims(text) == [("the outlook was negative", name, "organisation")]
    assert actors(text) == [(name, "organisation")]


def test_an_owners_officer_after_the_verb_is_the_speaker():
    text = "“This is over,” said Tarrow Mining's chief executive, Jakob Brenner."
    assert claims(text) == [("This is over,", "Jakob Brenner", "person")]


def test_an_owners_report_before_a_name_names_no_speaker():
    text = "According to Vantera's annual report, Olivia Hartley earned more than anyone."
    assert [c[1] for c in claims(text)] == ["Vantera"]


def test_a_name_called_it_with_no_given_name_is_an_organisation():
    text = ("The ferry routes were cut on Tuesday. Halvard Meridian said the cuts would cost jobs. "
            "It added that fares would rise.")
    assert actors(text) == [("Halvard Meridian", "organisation")]


def test_a_name_called_he_stays_a_person():
    text = ("The ferry routes were cut on Tuesday. Halvard Meridian said the cuts would cost jobs. "
            "He added that fares would rise.")
    assert actors(text) == [("Halvard Meridian", "person")]


def test_its_after_a_person_is_no_sign_of_an_organisation():
    text = "Talks stalled on Monday. Teodor Vasquez said the council had broken its promise."
    assert actors(text) == [("Teodor Vasquez", "person")]


def test_the_company_after_a_lone_speaker_named_after_a_firm_is_the_firm():
    text = "Brightplate Ltd. hired Okafor in 2019. Okafor said pay was low. The company said pay was fair."
    assert [(c[1], c[2]) for c in claims(text)] == [("Okafor", "person"),
                                                   ("Brightplate Ltd.", "organisation")]


def test_a_courtesy_title_keeps_a_person_whose_surname_is_an_organisation_word():
    assert actors("Mr Dale Watch opened the hall.") == [("Dale Watch", "person")]


@pytest.mark.parametrize("text, person, body", [
    ("“The talks have collapsed,” said Jane Doe of Amnesty International.",
     "Jane Doe", "Amnesty International"),
    ("“We expected more,” said Ana Ruiz of Greenpeace.", "Ana Ruiz", "Greenpeace"),
    ("“The talks have failed,” said Jürgen Weiss of IG Metall.", "Jürgen Weiss", "IG Metall"),
    ("“Prices will rise,” said Mark Zandi of Moody's Analytics.", "Mark Zandi", "Moody's Analytics"),
])
def test_a_person_of_an_organisation_is_two_actors(text, person, body):
    assert actors(text) == [(person, "person"), (body, "organisation")]
    assert [c[1:] for c in claims(text)] == [(person, "person")]


@pytest.mark.parametrize("text, body", [
    ("Toyota cut output on Monday. A Nissan spokeswoman said the carmaker was reviewing its options.",
     "Nissan"),
    ("The Harbour Authority raised fees. A Pentagon spokesman said the base would stay open.",
     "Pentagon"),
    ("The Harbour Authority raised fees. “We are reviewing it,” a Google spokesperson said.",
     "Google"),
])
def test_an_unnamed_voice_speaks_for_the_organisation_named_in_its_phrase(text, body):
    assert [c[1] for c in claims(text)] == [body]


def test_money_put_in_a_company_makes_it_no_place():
    text = ("Shares in Vantera fell 18 percent on Thursday. Investors who put money in Vantera "
            "were angry. The company said its plant would open late.")
    assert claims(text) == [("its plant would open late", "Vantera", "organisation")]
    assert {a for a in actors(text)} == {("Vantera", "organisation")}


def test_a_datelines_agency_is_never_the_company():
    text = ("LONDON (Reuters) — Shares in Vantera fell 18 percent on Thursday. The company said "
            "its plant would open late.")
    assert [c[1] for c in claims(text)] == ["Vantera"]


def test_the_company_after_a_dateline_with_no_company_named_has_no_speaker():
    text = "LONDON (Reuters) — Steel prices fell on Thursday. The company said demand had collapsed."
    assert [c[1] for c in claims(text)] == []
    assert actors(text) == [("Reuters", "organisation")]


def test_the_company_skips_a_public_body_named_after_it():
    text = ("The Civil Aviation Authority fined Aer Corrib Ltd. on Monday. The airline said it "
            "would appeal. The authority said the fine stood.")
    assert [c[1] for c in claims(text)] == ["Aer Corrib Ltd.", "Civil Aviation Authority"]
