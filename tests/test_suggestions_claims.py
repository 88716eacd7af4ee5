"""Claims: direct quotation, reported speech, "according to", studies, with their speakers."""

from __future__ import annotations

import pytest

from annotations.suggestions import suggest


def claims(text: str) -> list[tuple[str, str, str]]:
    return [(s.quote, s.speaker, s.rule) for s in suggest(text) if s.kind == "claim"]


def test_a_quote_then_the_speaker_and_the_verb():
    text = "“The costs are going to be enormous,” Trevor Houser said on Monday."
    assert claims(text) == [("The costs are going to be enormous,", "Trevor Houser", "quote-then-said")]


def test_a_quote_then_the_verb_and_the_speaker_with_an_appositive():
    text = "“The costs are going to be enormous,” said Trevor Houser, a partner at Rhodium Group."
    [claim] = [s for s in suggest(text) if s.kind == "claim"]
    assert (claim.speaker, claim.cue, claim.description) == ("Trevor Houser", "said",
                                                            "a partner at Rhodium Group")


def test_the_speaker_before_a_colon_and_the_quote():
    text = "Mayor Ines Calloway said: “We will reopen the bridge before winter.”"
    assert claims(text) == [("We will reopen the bridge before winter.", "Ines Calloway", "said-then-quote")]


def test_a_title_is_kept_out_of_the_speaker_and_given_as_the_description():
    text = "“We are ready,” Defense Secretary Ricardo Trevilla told reporters."
    [claim] = [s for s in suggest(text) if s.kind == "claim"]
    assert (claim.speaker, claim.description, claim.actor_type) == ("Ricardo Trevilla",
                                                                   "Defense Secretary", "person")


def test_reporting_verbs_in_other_forms():
    for verb in ("warned", "insisted", "acknowledged", "has argued", "added", "says"):
        text = f"“The reservoir will not last another summer,” Dana Whitlock {verb}."
        assert claims(text)[0][1] == "Dana Whitlock", verb


def test_a_floating_quote_takes_the_speaker_before_it():
    text = ("“The reservoir will not last another summer,” Dana Whitlock said. "
            "“We have told the council this for three years.”")
    assert [c[1:] for c in claims(text)] == [("Dana Whitlock", "quote-then-said"),
                                             ("Dana Whitlock", "floating-quote")]


def test_a_split_quote_is_two_claims_of_one_speaker():
    text = "“The water is rising,” Kofi Mensah said, “and nobody is listening to us.”"
    assert [(c[0], c[1]) for c in claims(text)] == [("The water is rising,", "Kofi Mensah"),
                                                   ("and nobody is listening to us.", "Kofi Mensah")]


def test_a_quote_running_on_across_paragraphs_is_a_claim_per_paragraph():
    text = ("“We lost the first harvest in June,” said Marta Quispe. “Then we lost the second.\n\n"
            "“Now the bank wants its money back.”")
    found = claims(text)
    assert [c[1] for c in found] == ["Marta Quispe"] * 3
    assert found[-1][0] == "Now the bank wants its money back."


def test_reported_speech_spans_the_clause_after_that():
    text = "Harbour master Ana Pereira said on Tuesday that the dredging would create 420 jobs."
    assert claims(text) == [("the dredging would create 420 jobs", "Ana Pereira", "reported-that")]


def test_reported_speech_without_that():
    text = "Ana Pereira told reporters the dredging would create 420 jobs."
    assert claims(text) == [("the dredging would create 420 jobs", "Ana Pereira", "reported-that")]


def test_a_clause_then_its_speaker():
    text = ("The Valley Water Trust said reserves were low. "
            "Rationing would begin in July, the trust said.")
    assert [(c[0], c[1]) for c in claims(text)] == [("reserves were low", "Valley Water Trust"),
                                                   ("Rationing would begin in July", "Valley Water Trust")]


def test_adding_that_is_a_second_claim():
    text = "Kofi Mensah said the pumps had failed twice, adding that spare parts were on order."
    assert [c[0] for c in claims(text)] == ["the pumps had failed twice", "spare parts were on order"]


def test_according_to_at_either_end():
    first = "According to the National Weather Bureau (NWB), the storm will reach the coast on Friday."
    last = "The storm will reach the coast on Friday, according to the NWB."
    assert claims(first) == [("the storm will reach the coast on Friday", "National Weather Bureau",
                              "according-to")]
    assert claims(last) == [("The storm will reach the coast on Friday", "NWB", "according-to")]


def test_a_study_by_and_a_possessive_report():
    by = "A study by the Orrin Institute found that two in five bridges need repair."
    owned = "The Orrin Institute’s latest report shows that two in five bridges need repair."
    assert claims(by) == [("two in five bridges need repair", "Orrin Institute", "study-found")]
    assert claims(owned) == [("two in five bridges need repair", "Orrin Institute", "study-found")]


def test_scare_quotes_and_titles_of_works_are_no_claims():
    text = ("The council’s so-called “bin reset” starts in May. Residents watched “The Long Road” "
            "at the Regal on Friday.")
    assert claims(text) == []


def test_narration_and_headings_are_no_claims():
    text = "Minister says “we will win the vote tomorrow”\n\nThe vote is on Thursday."
    assert claims(text) == [] or all(c[0] != "we will win the vote tomorrow" for c in claims(text))
    assert [s for s in suggest(text, blocks=[(0, 44, "heading"), (46, len(text), "paragraph")])
            if s.kind == "claim"] == []


def test_a_quoted_statement_after_a_colon_without_a_reporting_verb():
    text = "Denise Arkwright, wearing a grey coat, read a short statement: “I am sorry for what I did.”"
    assert claims(text) == [("I am sorry for what I did.", "Denise Arkwright", "colon-quote")]


def test_an_interview_answer_is_one_claim_of_the_interviewee():
    text = ("Tobias Renn chairs the flood board. He spoke to Dana Quill.\n\n"
            "Quill: Why now?\n\nRenn: Because we ran out of luck.\n\n"
            "Quill: Will it pass?\n\nRenn: The board votes in October. I have the numbers.")
    found = claims(text)
    assert [c[1] for c in found] == ["Tobias Renn", "Tobias Renn"]
    assert found[0][0] == "Because we ran out of luck."


def test_according_to_a_source_and_its_appositive_gives_the_claim_after_both():
    text = ("According to the Halden Water Forum, a charity that tracks tariffs, household bills "
            "have doubled since 2019.")
    [claim] = [s for s in suggest(text) if s.kind == "claim"]
    assert (claim.quote, claim.speaker, claim.description) == (
        "household bills have doubled since 2019", "Halden Water Forum", "a charity that tracks tariffs")


def test_according_to_a_person_the_claim_is_no_description_of_them():
    text = "According to Priya Anand, the smelter will shut in August."
    [claim] = [s for s in suggest(text) if s.kind == "claim"]
    assert (claim.quote, claim.speaker, claim.description) == (
        "the smelter will shut in August", "Priya Anand", "")


def test_a_claim_with_a_clause_between_commas_is_not_taken_for_an_appositive():
    text = "According to the Orrin Institute, the tunnel, which opened in May, will cost twice as much."
    assert claims(text) == [("the tunnel, which opened in May, will cost twice as much",
                             "Orrin Institute", "according-to")]


def test_two_word_claims_are_kept_when_the_clause_is_plain():
    assert claims("Brennan Holdings Inc. said profits fell.") == [
        ("profits fell", "Brennan Holdings Inc.", "reported-that")]
    assert claims("A study by the University of Kessler shows that moths navigate.") == [
        ("moths navigate", "University of Kessler", "study-found")]
    assert claims("Ines Calloway told the committee.") == []  # an object, no clause
    assert claims("Ines Calloway said it was.") == []  # a pronoun and a verb claim nothing


def test_a_two_word_quote_with_its_speaker_is_a_claim():
    text = "Ferrer said: «Todo sigue». Later she left."
    assert claims(text) == [("Todo sigue", "Ferrer", "said-then-quote")]
    assert claims("“Never again,” Jonas Keller said.") == [
        ("Never again,", "Jonas Keller", "quote-then-said")]


def test_a_noun_after_a_reporting_verb_is_no_claim():
    text = "Mr Okonjo acknowledged the trust’s money troubles. He denied the charges."
    assert claims(text) == []


def test_a_verb_of_opinion_gives_no_reported_claim():
    text = "Her brother, Owen Gallagher, thinks the mill can be saved. He believes it will reopen."
    assert claims(text) == []


def test_a_second_reporting_verb_in_the_sentence_is_a_second_claim():
    text = ("Hanna Roos conceded that the survey had missed two cracks but said nothing pointed to "
            "a collapse. Tomasz Wójcik recalled that he had asked twice, and contended that the "
            "board had refused to pay.")
    assert claims(text) == [
        ("the survey had missed two cracks", "Hanna Roos", "reported-that"),
        ("nothing pointed to a collapse", "Hanna Roos", "adding-that"),
        ("he had asked twice", "Tomasz Wójcik", "reported-that"),
        ("the board had refused to pay", "Tomasz Wójcik", "adding-that"),
    ]


def test_mused_attributes_a_quote():
    assert claims("“The tide always wins,” mused Lucía Ferrer.") == [
        ("The tide always wins,", "Lucía Ferrer", "quote-then-said")]


def test_a_dateline_is_no_part_of_the_claim():
    text = ("KESSOCK FALLS, April 9 (Lowland Wire) - The county will close two libraries in June, "
            "Mayor Ruth Okonjo announced on Thursday.")
    assert claims(text) == [("The county will close two libraries in June", "Ruth Okonjo",
                             "clause-then-said")]


def test_apostrophes_inside_single_quotes_keep_the_quote_whole():
    text = "‘In the ’80s we danced to rock ’n’ roll till dawn,’ said Cormac O’Leary."
    assert claims(text) == [("In the ’80s we danced to rock ’n’ roll till dawn,", "Cormac O’Leary",
                             "quote-then-said")]


def test_a_quote_running_on_takes_the_speaker_its_continuation_names():
    text = ("“We will not sign,” Ines Calloway told reporters.\n\n"
            "“If the board will not move, we will strike. We have the votes and it knows it.\n\n"
            "“This is no bluff,” Marcus Felloway said later.")
    assert [c[1] for c in claims(text)] == ["Ines Calloway", "Marcus Felloway", "Marcus Felloway"]


@pytest.mark.parametrize("text", [
    "Marta Quill denied the charges and resigned.",
    "Marta Quill acknowledged the crowd and walked off.",
    "Marta Quill announced her resignation in a video posted on Monday.",
    "Marta Quill added a second clause to the contract.",
    "Marta Quill noted the time and left.",
    "Marta Quill was told the depot would close.",
    "Marta Quill, who was told the news on Friday, cancelled her trip.",
])
def test_a_noun_phrase_or_a_passive_after_a_reporting_verb_is_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize("text, claim", [
    ("Marta Quill denied the depot would close.", "the depot would close"),
    ("Marta Quill added the depot had been sold.", "the depot had been sold"),
    ("Marta Quill announced the depot closed in March.", "the depot closed in March"),
    ("Marta Quill told the court she was innocent.", "she was innocent"),
])
def test_a_clause_after_a_reporting_verb_is_still_a_claim(text, claim):
    assert claims(text) == [(claim, "Marta Quill", "reported-that")]
