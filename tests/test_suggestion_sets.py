"""The labelled articles that suggestions are measured on: broken data fails here, not in a benchmark."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO

SETS = REPO / "tests" / "suggestions"
FOLDERS = ("dev", "heldout")
KINDS = ("claim", "actor", "question")

TOP_KEYS = {"id", "title", "outlet_style", "language", "text", "labels"}
LABEL_KEYS = {
    "claim": {"kind", "start", "end", "quote", "speaker", "cue", "form"},
    "actor": {"kind", "start", "end", "quote", "name", "type"},
    "question": {"kind", "start", "end", "quote", "form"},
}
CLAIM_FORMS = {"direct", "reported", "according-to", "study"}
ACTOR_TYPES = {"person", "organisation"}
QUESTION_FORMS = {"hedge", "question"}

OPENING_MARKS = "“\"‘«„‹"
CLOSING_MARKS = "”\"’»“›"
HONORIFICS = ("Mr ", "Mrs ", "Ms ", "Dr ", "Dr. ", "Prof ", "Cllr ", "PC ", "Judge ", "Minister ", "Mayor ")

# The least each folder must hold, so that every kind is measured on enough labels.
MINIMUMS = {
    "dev": {"articles": 6, "labels": 100, "claim": 40, "actor": 40, "question": 12},
    "heldout": {"articles": 12, "labels": 200, "claim": 80, "actor": 80, "question": 25},
}


def _articles(folder: str) -> list[tuple[Path, dict]]:
    return [(path, json.loads(path.read_text(encoding="utf-8")))
            for path in sorted((SETS / folder).glob("*.json"))]


ALL = [(folder, path, article) for folder in FOLDERS for path, article in _articles(folder)]
IDS = [f"{folder}/{path.stem}" for folder, path, _ in ALL]


def _counts(article: dict) -> Counter:
    return Counter(label["kind"] for label in article["labels"])


@pytest.mark.parametrize(("folder", "path", "article"), ALL, ids=IDS)
def test_an_article_has_the_documented_shape(folder, path, article):
    assert set(article) == TOP_KEYS
    assert article["id"] == path.stem
    assert article["language"] == "en"
    assert article["title"].strip() and article["outlet_style"].strip()
    text = article["text"]
    assert 300 <= len(text.split()) <= 1200, "an article runs to 300-1,200 words"
    for paragraph in text.split("\n\n"):
        assert paragraph and "\n" not in paragraph, "paragraphs are separated by exactly one blank line"
        assert paragraph == paragraph.strip()
    assert "{" not in text and "}" not in text, "no markup left in the text"


@pytest.mark.parametrize(("folder", "path", "article"), ALL, ids=IDS)
def test_every_label_slices_its_quote_exactly(folder, path, article):
    text = article["text"]
    for label in article["labels"]:
        kind = label.get("kind")
        assert kind in LABEL_KEYS, label
        assert set(label) == LABEL_KEYS[kind], label
        start, end = label["start"], label["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text), label
        assert text[start:end] == label["quote"], label
        assert label["quote"] == label["quote"].strip(), f"no spaces at the edges: {label}"


@pytest.mark.parametrize(("folder", "path", "article"), ALL, ids=IDS)
def test_labels_of_one_kind_never_overlap(folder, path, article):
    for kind in KINDS:
        spans = sorted((label["start"], label["end"]) for label in article["labels"] if label["kind"] == kind)
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, f"{kind} labels overlap at {start}"


@pytest.mark.parametrize(("folder", "path", "article"), ALL, ids=IDS)
def test_every_claim_has_a_speaker_who_is_an_actor_of_the_article(folder, path, article):
    actors = {label["name"] for label in article["labels"] if label["kind"] == "actor"}
    for label in article["labels"]:
        if label["kind"] != "claim":
            continue
        assert label["form"] in CLAIM_FORMS, label
        assert isinstance(label["speaker"], str) and label["speaker"].strip(), label
        assert label["speaker"] in actors, f"speaker {label['speaker']!r} is no actor's name"
        assert label["cue"] is None or (isinstance(label["cue"], str) and label["cue"].strip()), label
        if label["form"] != "direct":
            assert label["cue"], f"only a direct quotation may lack a cue: {label}"


@pytest.mark.parametrize(("folder", "path", "article"), ALL, ids=IDS)
def test_a_direct_claim_is_the_content_between_the_marks(folder, path, article):
    text = article["text"]
    for label in article["labels"]:
        if label["kind"] != "claim" or label["form"] != "direct":
            continue
        quote = label["quote"]
        assert quote[0] not in OPENING_MARKS and quote[-1] not in CLOSING_MARKS, label
        before = text[:label["start"]].rstrip(" \u00a0")
        # An opening mark, a Q&A speaker label ("Renn: "), or the start of a paragraph that goes on
        # with an answer.
        assert before == "" or before[-1] in OPENING_MARKS + ":" or before.endswith("\n\n"), label


@pytest.mark.parametrize(("folder", "path", "article"), ALL, ids=IDS)
def test_actors_are_names_with_their_canonical_form(folder, path, article):
    text = article["text"]
    actors = [label for label in article["labels"] if label["kind"] == "actor"]
    for label in actors:
        quote, name = label["quote"], label["name"]
        assert label["type"] in ACTOR_TYPES, label
        assert not quote.startswith(HONORIFICS) and not quote.lower().startswith("the "), label
        assert not quote.endswith(("’s", "'s")), f"a possessive is not part of the name: {label}"
        # a surname's particle is capitalised when it opens a sentence ("Van der Meer said")
        is_part = set(quote.casefold().split()) <= set(name.casefold().split())
        is_acronym = f"{name} ({quote})" in text
        assert quote == name or is_part or is_acronym, f"{quote!r} is no form of {name!r}"
    names = {(label["name"], label["type"]) for label in actors}
    for name, kind in names:
        for other, other_kind in names:
            assert not (kind == other_kind and set(name.split()) < set(other.split())), (
                f"{name!r} and {other!r} look like one actor with two names")


@pytest.mark.parametrize(("folder", "path", "article"), ALL, ids=IDS)
def test_questions_are_whole_sentences(folder, path, article):
    for label in article["labels"]:
        if label["kind"] != "question":
            continue
        assert label["form"] in QUESTION_FORMS, label
        assert label["quote"][-1] in ".?", f"a question label spans its whole sentence: {label}"
        if label["form"] == "question":
            assert label["quote"].endswith("?"), label


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_holds_enough_labels_of_every_kind(folder):
    articles = [article for path, article in _articles(folder)]
    totals = sum((_counts(article) for article in articles), Counter())
    least = MINIMUMS[folder]
    assert len(articles) >= least["articles"]
    assert sum(totals.values()) >= least["labels"]
    for kind in KINDS:
        assert totals[kind] >= least[kind], f"{folder} has {totals[kind]} {kind} labels"
    for article in articles:
        assert all(_counts(article)[kind] for kind in KINDS), f"{article['id']} lacks a kind"


def test_the_two_folders_together_hold_at_least_300_labels():
    assert sum(len(article["labels"]) for _, _, article in ALL) >= 300


def test_no_article_is_in_both_folders():
    ids = [article["id"] for _, _, article in ALL]
    texts = [article["text"] for _, _, article in ALL]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_quotation_mark_style_opens_a_claim_in_each_folder(folder):
    opened = set()
    for _, article in _articles(folder):
        text = article["text"]
        for label in article["labels"]:
            if label["kind"] == "claim" and label["form"] == "direct":
                before = text[:label["start"]].rstrip(" \u00a0")
                if before:
                    opened.add(before[-1])
    assert set("“\"‘«„") <= opened


def test_the_readme_lists_every_article_with_its_counts():
    readme = (SETS / "README.md").read_text(encoding="utf-8")
    rows, totals = {}, {}
    for line in readme.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and cells[1] in FOLDERS and re.fullmatch(r"\d+", cells[3]):
            rows[cells[0]] = (cells[1], int(cells[3]), int(cells[4]), int(cells[5]))
        elif len(cells) >= 5 and cells[0] in FOLDERS and re.fullmatch(r"\d+", cells[2]):
            totals[cells[0]] = (int(cells[1]), int(cells[2]), int(cells[3]), int(cells[4]))
    for folder, _, article in ALL:
        counts = _counts(article)
        assert rows.get(article["id"]) == (folder, counts["claim"], counts["actor"], counts["question"]), (
            f"README row for {article['id']}")
    assert len(rows) == len(ALL)
    for folder in FOLDERS:
        articles = [article for _, article in _articles(folder)]
        counts = sum((_counts(article) for article in articles), Counter())
        assert totals.get(folder) == (len(articles), counts["claim"], counts["actor"], counts["question"]), (
            f"README totals for {folder}")
