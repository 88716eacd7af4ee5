"""`glossator annotation ID`: a teammate without the reader at hand looks at one mark,
changes its note, status, speaker, answer or tags, or deletes it, from a script."""

from __future__ import annotations

import json

import pytest

from annotations.model import Annotation
from annotations.store import Library

TEXT = ("The council said the harbour will be dredged next spring. Critics say the cost is "
        "too high. Who pays for it remains unclear.")


@pytest.fixture
def marks(cli, tmp_path):
    source = tmp_path / "dredging.txt"
    source.write_text(TEXT + "\n", encoding="utf-8")
    assert cli("add", str(source), "--title", "Dredging").exit_code == 0
    claim = cli("annotate", "dredging", "--kind", "claim", "--quote",
                "the harbour will be dredged next spring").stdout.strip()
    question = cli("annotate", "dredging", "--kind", "question", "--quote",
                   "Who pays for it remains unclear").stdout.strip()
    return {"claim": claim, "question": question}


def record(cli, reference: str) -> dict:
    result = cli("annotation", reference, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_shows_one_mark_by_the_short_id_annotations_lists(cli, marks):
    short = marks["claim"].replace("-", "")[:8]
    assert short in cli("annotations").stdout
    result = cli("annotation", short)
    assert result.exit_code == 0, result.stderr
    assert f"id:       {marks['claim']}" in result.stdout
    assert "quote:    the harbour will be dredged next spring" in result.stdout
    assert "status:   unverified" in result.stdout
    assert "author:   tester" in result.stdout


def test_json_is_the_annotations_record(cli, marks):
    listed = json.loads(cli("annotations", "--json").stdout)
    one = record(cli, marks["claim"])
    assert one == next(r for r in listed if r["id"] == marks["claim"])


def test_article_colon_id_names_a_mark_of_that_article(cli, marks):
    assert record(cli, f"dred:{marks['question'][:6]}")["kind"] == "question"


def test_set_changes_note_status_speaker_and_tags_at_once(cli, marks):
    result = cli("annotation", marks["claim"][:8], "--set", "status=disputed",
                 "--set", "speaker=The council", "--set", "note=Check the minutes",
                 "--set", "tags=funding; port; funding")
    assert result.exit_code == 0, result.stderr
    assert "speaker:  The council" in result.stdout
    after = record(cli, marks["claim"])
    assert after["status"] == "disputed"
    assert after["speaker"] == "The council" and after["speaker_id"]
    assert after["note"] == "Check the minutes"
    assert after["tags"] == ["funding", "port"]
    assert after["updated"] >= after["created"]
    assert after["author"] == "tester"  # the mark stays its maker's
    codebook = json.loads(cli("codebook", "--json").stdout)
    assert {"funding", "port"} <= {t["name"] for t in codebook}
    # The speaker is an actor now, found again by name the next time.
    cli("annotation", marks["claim"], "--set", "speaker=the  council")
    assert record(cli, marks["claim"])["speaker_id"] == after["speaker_id"]
    assert len(json.loads(cli("actors", "--json").stdout)) == 1


def test_an_answer_and_a_status_for_a_question(cli, marks):
    cli("annotation", marks["question"], "--set", "answer=The port authority",
        "--set", "status=answered")
    after = record(cli, marks["question"])
    assert (after["answer"], after["status"]) == ("The port authority", "answered")


def test_empty_values_clear(cli, marks):
    cli("annotation", marks["claim"], "--set", "speaker=Ana Ruiz", "--set", "tags=a")
    cli("annotation", marks["claim"], "--set", "speaker=", "--set", "tags=")
    after = record(cli, marks["claim"])
    assert after["speaker"] is None and after["tags"] == []


def test_delete(cli, marks):
    result = cli("annotation", marks["claim"], "--delete")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"deleted {marks['claim'][:8]} claim")
    assert marks["claim"] not in cli("annotations", "--json").stdout
    assert cli("annotation", marks["claim"]).exit_code == 1


@pytest.mark.parametrize(("args", "message"), [
    (("zzzz",), "no mark 'zzzz' in the library"),
    (("nosuch:abc",), "no article 'nosuch'"),
    (("CLAIM", "--set", "colour=red"), "a mark has no setting 'colour'; use one of: note, status"),
    (("CLAIM", "--set", "status"), "'status' is not KEY=VALUE"),
    (("CLAIM", "--set", "status=open"), "'open' is not a status of a claim; use one of: unverified"),
    (("QUESTION", "--set", "speaker=Ana"), "only a claim has a speaker"),
    (("CLAIM", "--set", "answer=yes"), "only a question has an answer"),
    (("CLAIM", "--set", "note=x", "--delete"), "--set or --delete, not both"),
])
def test_bad_ids_keys_and_values_are_one_line_and_change_nothing(cli, marks, args, message):
    args = tuple(marks["claim"] if a == "CLAIM" else marks["question"] if a == "QUESTION" else a
                 for a in args)
    before = cli("annotations", "--json").stdout
    result = cli("annotation", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert cli("annotations", "--json").stdout == before
    assert json.loads(cli("actors", "--json").stdout) == []


def test_a_prefix_two_marks_share_is_ambiguous(cli, marks, library_dir):
    library = Library.open(library_dir)
    for tail in ("1111", "2222"):
        library.save_annotation(Annotation(article="dredging", kind="claim", exact="Critics",
                                           start=58, end=65, id=f"abcd{tail}-0000-4000-8000-000000000000"))
    result = cli("annotation", "abcd")
    assert result.exit_code == 1
    assert "'abcd' matches 2 marks (in dredging); type more of the id, or give ARTICLE:ID" in result.stderr
    assert record(cli, "abcd1")["id"].startswith("abcd1111")


def test_a_new_speaker_like_a_known_actor_is_pointed_out(cli, marks):
    """"Harbour council" is known; "Harbour board" makes a second actor: it does (it may
    be another body), and the user is told which actor they may have meant."""
    cli("annotation", marks["claim"], "--set", "speaker=Harbour council")
    result = cli("annotation", marks["claim"], "--set", "speaker=Harbour board")
    assert result.exit_code == 0, result.stderr
    assert ('note: "Harbour board" is a new actor; the library also has "Harbour council"'
            in result.stderr)
    again = cli("annotate", "dredging", "--kind", "claim", "--quote", "the cost is too high",
                "--speaker", "Harbour users")
    assert '"Harbour board"' in again.stderr and '"Harbour council"' in again.stderr
    known = cli("annotation", marks["claim"], "--set", "speaker=Harbour council")
    assert known.exit_code == 0 and "note:" not in known.stderr
