"""`glossator suggest`, and what accepting and rejecting a suggestion does to the library."""

from __future__ import annotations

import json

from annotations.store import Library
from annotations.suggested import accept, reject, unrejected
from reader.cli.suggesting import offered
from reader.document.cache import load_document
from tests.helpers.library import add_sample, mark

STORY = """\
# Ferry operator cuts winter crossings

The ferry operator will run four crossings a day from November, down from seven.

"We cannot run empty boats all winter," said Harbour Minister Rosa Lind. She added that the
island's school runs would keep their morning crossing.

Tomas Berg, the chair of the island council, said the cut would hurt older residents.

It remains unclear whether the council will pay for extra sailings.
"""


def test_suggest_offers_claims_with_speakers_actors_and_questions(cli, library, tmp_path):
    article = add_sample(library, tmp_path / "src", "ferry.md", STORY)
    result = cli("suggest", article.id, "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    [direct] = [s for s in found if s["kind"] == "claim" and s["quote"].startswith("We cannot")]
    assert direct["speaker"]["name"] == "Rosa Lind" and direct["cue"] == "said"
    assert "Minister" in direct["description"]
    assert any(s["kind"] == "actor" and s["actor"]["name"] == "Tomas Berg" for s in found)
    assert any(s["kind"] == "question" and s["quote"].startswith("It remains unclear")
               for s in found)
    for s in found:
        assert {"kind", "quote", "start", "end", "cue", "rule"} <= set(s)
    text = cli("text", article.id).stdout
    assert all(text[s["start"]:s["end"]] == s["quote"] for s in found)


def test_an_article_in_another_language_gets_none_and_says_so(cli, library, tmp_path):
    article = add_sample(library, tmp_path / "src", "faehre.md",
                         "---\nlanguage: de\n---\n\n# Fähre\n\n„Wir fahren weniger“, sagte Lind.\n")
    result = cli("suggest", article.id)
    assert result.exit_code == 0
    assert "English only" in result.stderr and result.stdout == ""


GERMAN_STORY = """\
# Fähre fährt seltener

Die Fähre fährt ab November nur noch viermal am Tag, teilte der Betreiber am Montag mit.
Bisher waren es sieben Fahrten. „Wir fahren im Winter leere Schiffe“, sagte Rosa Lind, die
Sprecherin des Betreibers. Die Gemeinde auf der Insel befürchtet, dass ältere Bewohner
künftig schwerer zum Arzt auf dem Festland kommen. Noch ist unklar, wer zusätzliche
Fahrten bezahlen würde.
"""


def test_a_text_that_states_no_language_and_is_not_english_gets_none_and_says_why(
        cli, library, tmp_path):
    article = add_sample(library, tmp_path / "src", "faehre.txt", GERMAN_STORY)
    assert not article.language
    result = cli("suggest", article.id)
    assert result.exit_code == 0 and result.stdout == ""
    assert "does not read as English" in result.stderr
    assert f"glossator meta {article.id} --set language=en" in result.stderr
    assert json.loads(cli("suggest", article.id, "--json").stdout) == []
    # Said to be English, it gets what the rules find (the name, at least).
    assert cli("meta", article.id, "--set", "language=en").exit_code == 0
    result = cli("suggest", article.id, "--json")
    assert "does not read as English" not in result.stderr
    assert any(s["kind"] == "actor" and s["actor"]["name"] == "Rosa Lind"
               for s in json.loads(result.stdout))


def test_an_english_text_that_states_no_language_gets_its_suggestions(cli, library, tmp_path):
    article = add_sample(library, tmp_path / "src", "ferry.txt", STORY.replace("# ", ""))
    assert not article.language
    assert json.loads(cli("suggest", article.id, "--json").stdout)


def test_accepting_makes_a_suggested_mark_and_its_speaker_an_actor(library, tmp_path):
    article = add_sample(library, tmp_path / "src", "ferry.md", STORY)
    document = load_document(library, article)
    claim = next(s for s in offered(library, article, document)
                 if s.kind == "claim" and s.speaker == "Rosa Lind")
    made = accept(library, article, document.text, document.places, claim)
    library.save_annotation(made)
    stored = Library.open(library.folder).annotations(article.id)[0]
    assert stored.origin == "suggested"
    speaker = library.actor(stored.speaker)
    assert speaker.name == "Rosa Lind" and "Minister" in speaker.description
    # Marked now: not offered again.
    again = offered(library, article, load_document(library, article))
    assert all(not (s.kind == "claim" and s.start == claim.start) for s in again)


def test_a_rejected_suggestion_is_not_offered_again(library, tmp_path):
    article = add_sample(library, tmp_path / "src", "ferry.md", STORY)
    document = load_document(library, article)
    question = next(s for s in offered(library, article, document) if s.kind == "question")
    reject(library, article.id, question)
    again = offered(Library.open(library.folder), article, document)
    assert all(s.quote != question.quote for s in again)
    assert (library.article_folder(article.id) / "rejected.json").exists()


def test_a_suggestion_already_marked_by_hand_is_not_offered(library, tmp_path):
    article = add_sample(library, tmp_path / "src", "ferry.md", STORY)
    mark(library, article, "Tomas Berg", kind="actor")
    document = load_document(library, article)
    remaining = unrejected(library, article.id, offered(library, article, document),
                           library.annotations(article.id))
    assert all(not (s.kind == "actor" and s.quote == "Tomas Berg") for s in remaining)


def test_exports_say_which_marks_were_suggested(cli, library, tmp_path):
    article = add_sample(library, tmp_path / "src", "ferry.md", STORY)
    document = load_document(library, article)
    question = next(s for s in offered(library, article, document) if s.kind == "question")
    library.save_annotation(accept(library, article, document.text, document.places, question))
    record = json.loads(cli("annotations", article.id, "--json").stdout)[0]
    assert record["origin"] == "suggested"
    csv_text = cli("export", article.id, "--format", "csv").stdout
    assert "suggested" in csv_text
    note = cli("export", article.id, "--format", "markdown").stdout
    assert "suggested" in note.lower()
