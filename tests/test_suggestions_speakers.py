"""Speakers: pronouns, surnames, titles, "the ministry", appositives (annotations/suggestions/speakers)."""

from __future__ import annotations

from annotations.suggestions import suggest


def speakers(text: str) -> list[str]:
    return [s.speaker for s in suggest(text) if s.kind == "claim"]


def test_a_pronoun_takes_the_person_who_spoke_last():
    text = ("“The pumps failed twice,” said Ana Pereira, the harbour master. "
            "She said the council had been warned in March.")
    assert speakers(text) == ["Ana Pereira", "Ana Pereira"]


def test_a_pronoun_chain_stays_with_its_speaker_past_another_name():
    text = ("Ana Pereira said the council had met Kofi Mensah in March. "
            "She added that no money had been offered.")
    assert speakers(text) == ["Ana Pereira", "Ana Pereira"]


def test_a_pronoun_with_no_speaker_yet_takes_the_nearest_person():
    text = "Kofi Mensah runs the ferry. He said the timetable would change in June."
    assert speakers(text) == ["Kofi Mensah"]


def test_a_later_surname_is_the_same_person():
    text = ("Defense Secretary Ricardo Trevilla visited the port. "
            "“The navy is ready,” Trevilla said.")
    assert speakers(text) == ["Ricardo Trevilla"]


def test_a_title_and_surname_is_the_same_person():
    text = "Ricardo Trevilla visited the port. “The navy is ready,” Mr. Trevilla said."
    assert speakers(text) == ["Ricardo Trevilla"]


def test_the_organisation_a_noun_phrase_points_back_to():
    text = ("The Maritime Transport Union (MTU) called the strike. "
            "The union said the stoppage would last 48 hours.")
    assert speakers(text) == ["Maritime Transport Union"]


def test_an_acronym_speaks_for_its_organisation():
    text = ("The National Maritime Authority (NMA) licenses the routes. "
            "Two vessels would cover the crossing, the NMA said.")
    assert speakers(text) == ["National Maritime Authority"]


def test_a_spokesperson_for_an_organisation_speaks_for_it():
    text = "A spokesperson for the Port Authority said the berths would reopen on Monday."
    assert speakers(text) == ["Port Authority"]


def test_a_subject_with_a_relative_clause_between_it_and_the_verb():
    text = ("Sarn Ferries, which carries about 1.8 million passengers a year, said in a statement "
            "that the rosters had been agreed.")
    assert speakers(text) == ["Sarn Ferries"]


def test_an_appositive_that_is_the_name():
    text = "The residents’ group delivered a petition. Its chair, Priya Sandhu, said the plan was rushed."
    assert speakers(text) == ["Priya Sandhu"]


def test_a_person_of_an_organisation_is_the_person():
    text = "Judge Carla Mendez of the Harlan County Circuit Court told her that the sentence was fair."
    assert speakers(text) == ["Carla Mendez"]


def test_she_takes_the_woman_a_sentence_is_about_not_the_man_named_after_her():
    text = "Ines Calloway met Marcus Felloway on Friday. She said the talks had gone well."
    assert speakers(text) == ["Ines Calloway"]


def test_a_title_says_which_person_a_pronoun_can_be():
    text = ("Mr Jonas Keller chaired the meeting, and Ms Hanna Roos spoke first. "
            "“We need the money by June,” she said. He said the board would decide on Friday.")
    assert speakers(text) == ["Hanna Roos", "Jonas Keller"]


def test_he_does_not_take_the_person_she_meant():
    text = ("Priya Anand and Tomasz Wójcik inspected the dam. She said the cracks were new. "
            "He said they were old.")
    assert speakers(text) == ["Priya Anand", "Tomasz Wójcik"]
