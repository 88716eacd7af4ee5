"""Actors: names with titles out, organisations, acronyms, and what names nobody."""

from __future__ import annotations

import pytest

from annotations.suggestions import suggest


def actors(text: str) -> list[tuple[str, str, str]]:
    return [(s.quote, s.name, s.actor_type) for s in suggest(text) if s.kind == "actor"]


def test_a_title_is_kept_out_of_the_name_and_into_the_description():
    text = "Defense Secretary Ricardo Trevilla arrived on Tuesday."
    [actor] = [s for s in suggest(text) if s.kind == "actor"]
    assert (actor.quote, actor.description, actor.actor_type) == ("Ricardo Trevilla",
                                                                 "Defense Secretary", "person")


def test_titles_of_several_words():
    text = ("Secretary of State Lena Ortiz met Prime Minister Jonas Keller and Chief Executive "
            "Officer Mara Lind.")
    assert [a[0] for a in actors(text)] == ["Lena Ortiz", "Jonas Keller", "Mara Lind"]


def test_an_organisation_before_a_title_is_an_actor_of_its_own():
    text = "Port Authority Director Ana Ruiz spoke first."
    assert actors(text) == [("Port Authority", "Port Authority", "organisation"),
                            ("Ana Ruiz", "Ana Ruiz", "person")]


def test_organisation_words_make_organisations():
    text = ("The Valley Water Trust, Calder Shipping Group, Brennan Holdings Inc. and the "
            "Ministry of Health and Social Care all objected.")
    assert [(a[0], a[2]) for a in actors(text)] == [
        ("Valley Water Trust", "organisation"), ("Calder Shipping Group", "organisation"),
        ("Brennan Holdings Inc.", "organisation"), ("Ministry of Health and Social Care", "organisation")]


def test_an_acronym_in_parentheses_is_an_alias_and_later_the_same_actor():
    text = ("The National Transportation Safety Board (NTSB) opened an inquiry. "
            "The NTSB will report in May.")
    found = [s for s in suggest(text) if s.kind == "actor"]
    assert [(s.quote, s.name, s.aliases) for s in found] == [
        ("National Transportation Safety Board", "National Transportation Safety Board", ("NTSB",)),
        ("NTSB", "National Transportation Safety Board", ())]


def test_a_later_surname_carries_the_full_name():
    text = "Ilona Varga leads the union. On Friday Varga met the mediator."
    assert actors(text) == [("Ilona Varga", "Ilona Varga", "person"), ("Varga", "Ilona Varga", "person")]


def test_places_months_weekdays_and_demonyms_are_no_actors():
    text = ("Mexican officials met in Mexico City on Tuesday in March, then flew to Texas, "
            "Germany and the Middle East. Residents of Valdemoro were not told.")
    assert actors(text) == []


def test_the_second_word_of_a_place_name_is_no_actor():
    text = ("Port Aldwick's council met on Tuesday. Ferries from Port Aldwick stopped at Mount "
            "Kesting and Lake Orrin, the mayor, Helen Achterberg, said.")
    assert [a[0] for a in actors(text)] == ["Helen Achterberg"]


def test_two_names_joined_by_and_are_two_actors():
    text = "Talks between Sarn Ferries and the Maritime Transport Union broke down."
    assert [a[0] for a in actors(text)] == ["Sarn Ferries", "Maritime Transport Union"]


def test_a_firm_with_an_ampersand_is_one_organisation():
    assert actors("The audit was done by Dunmore & Pratt last year.") == [
        ("Dunmore & Pratt", "Dunmore & Pratt", "organisation")]


def test_a_plural_possessive_inside_an_organisation_name():
    text = "The Fernley Residents’ Association delivered a petition."
    assert [a[0] for a in actors(text)] == ["Fernley Residents’ Association"]


def test_titles_of_works_in_quotes_are_no_actors():
    text = "The board published “Room for the River” and staged “The Winter’s Tale” in June."
    assert actors(text) == []


def test_capitalised_sentence_openers_are_no_actors():
    text = "Critics say the plan is late. Officials disagree. Everyone waits. Asked why, nobody knew."
    assert actors(text) == []


def test_an_unknown_single_name_called_it_is_an_organisation():
    text = "The pipeline was shut on Monday. Pemex said repairs would take a week. Its engineers agreed."
    assert ("Pemex", "Pemex", "organisation") in actors(text)


def test_a_surname_alone_that_speaks_is_a_person():
    text = "Okafor said: “The bridge stays shut until the engineers are done.”"
    assert actors(text) == [("Okafor", "Okafor", "person")]


@pytest.mark.parametrize("name, later", [
    ("Marit van der Meer", "Van der Meer"),
    ("Lucía de la Vega", "De la Vega"),
    ("Karim al-Hassan", "Al-Hassan"),
    ("Piet van Dam", "Van Dam"),
])
def test_surname_particles_stay_inside_the_name(name, later):
    text = (f"“We lose money on every night train,” {name} told reporters. "
            f"{later} added that the timetable would change.")
    found = suggest(text)
    assert {(s.quote, s.name, s.actor_type) for s in found if s.kind == "actor"} == {
        (name, name, "person"), (later, name, "person")}
    assert [s.speaker for s in found if s.kind == "claim"] == [name, name]


def test_a_title_before_a_name_with_particles():
    text = "Harbour Commissioner Luis de la Vega said the pier would reopen in May."
    [claim] = [s for s in suggest(text) if s.kind == "claim"]
    assert (claim.speaker, claim.description) == ("Luis de la Vega", "Harbour Commissioner")
    assert [a[0] for a in actors(text)] == ["Luis de la Vega"]


def test_capitalised_nouns_inside_a_foreign_quote_are_no_actors():
    text = ("The operator Nordbahn Ost GmbH agreed. „Wir verlieren Geld mit jedem Zug“, its chief, "
            "Henrike Lang, told the paper.")
    assert [a[0] for a in actors(text)] == ["Nordbahn Ost GmbH", "Henrike Lang"]


def test_a_name_in_a_quote_that_the_article_names_outside_is_an_actor():
    text = ("Voss runs the yard. “Only Voss knows the pumps,” said Tom Hardy. Voss said the yard "
            "would stay open.")
    assert [a[0] for a in actors(text)].count("Voss") == 3


def test_a_courtesy_title_is_no_description():
    found = suggest("Ms Ada Lee said the ferry would run. Mayor Ana Ruiz agreed.")
    assert [(s.quote, s.description) for s in found if s.kind == "actor"] == [
        ("Ada Lee", ""), ("Ana Ruiz", "Mayor")]
    assert [s.description for s in found if s.kind == "claim"] == [""]


def test_a_datelines_place_is_no_actor_and_its_agency_is():
    text = "PORT ELVIN, May 2 (Northline) - The harbour will close for a week, Ruth Okonjo said."
    assert [a[0] for a in actors(text)] == ["Northline", "Ruth Okonjo"]


def test_an_elided_word_is_no_name():
    text = "‘’Tis the season for floods,’ said Cormac O’Leary."
    assert [a[0] for a in actors(text)] == ["Cormac O’Leary"]
