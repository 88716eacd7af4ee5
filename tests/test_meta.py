"""`glossator meta`: show and change an article's metadata, all at once or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.model import Article

BODY = "---\ntitle: Harbour dredging plan\nauthors: [Maria Okafor]\npublished: 2024-03-14\n---\nWords.\n"


@pytest.fixture
def article_id(cli, tmp_path: Path) -> str:
    source = tmp_path / "harbour.md"
    source.write_text(BODY, encoding="utf-8")
    assert cli("add", str(source)).exit_code == 0
    return json.loads(cli("list", "--json").stdout)[0]["id"]


def meta_json(cli, article_id: str, *sets: str) -> dict:
    args = [a for s in sets for a in ("--set", s)]
    done = cli("meta", article_id, *args, "--json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def test_json_shows_every_field(cli, article_id):
    record = meta_json(cli, article_id)
    assert record == {
        "id": article_id, "title": "Harbour dredging plan", "authors": ["Maria Okafor"],
        "site": "", "published": "2024-03-14", "url": "", "accessed": "", "language": "",
        "tags": [], "citekey": "okafor2024harbour", "type": "news",
        "added": record["added"], "source": record["source"],
    }


def test_several_authors_personal_and_corporate(cli, article_id):
    record = meta_json(cli, article_id,
                       "authors=Okafor, Maria; Daniel Brooks; {Northport City Council}")
    assert record["authors"] == ["Okafor, Maria", "Daniel Brooks", "{Northport City Council}"]
    shown = cli("meta", article_id).stdout
    assert "authors:    Okafor, Maria; Daniel Brooks; {Northport City Council}\n" in shown
    cite = cli("cite", article_id, "--style", "chicago").stdout
    assert cite.startswith("Okafor, Maria, Daniel Brooks, and Northport City Council. 2024.")


@pytest.mark.parametrize("date", ["2024", "2024-06", "2024-06-30"])
def test_partial_dates_are_kept_as_written(cli, article_id, date):
    assert meta_json(cli, article_id, f"published={date}", f"accessed={date}")["published"] == date


def test_every_field_can_be_set_and_cleared(cli, article_id):
    record = meta_json(cli, article_id, "title=  Ferry   fares rise ", "site=Northport Herald",
                       "url=https://northportherald.example/fares", "accessed=2024-05-01",
                       "language=en-GB", "tags=ferries; prices", "type=newspaper")
    assert (record["title"], record["site"], record["url"], record["accessed"], record["language"],
            record["tags"], record["type"]) == (
        "Ferry fares rise", "Northport Herald", "https://northportherald.example/fares",
        "2024-05-01", "en-GB", ["ferries", "prices"], "newspaper")
    cleared = meta_json(cli, article_id, "site=", "published=", "tags=", "type=")
    assert (cleared["site"], cleared["published"], cleared["tags"], cleared["type"]) == ("", "", [], "news")


def test_aliases_name_the_same_fields(cli, article_id):
    record = meta_json(cli, article_id, "author=Daniel Brooks", "date=2023", "publication=Herald",
                       "lang=de", "kind=webpage")
    assert (record["authors"], record["published"], record["site"], record["language"],
            record["type"]) == (["Daniel Brooks"], "2023", "Herald", "de", "webpage")


def test_the_type_is_stored_with_the_article(cli, article_id, library_dir):
    from annotations.store import Library

    meta_json(cli, article_id, "type=newspaper")
    from annotations.metadata import article_type

    assert article_type(Library.open(library_dir).article(article_id)) == "newspaper"


@pytest.mark.parametrize(("assignment", "message"), [
    ("published=2024-13", "published '2024-13' is not a real date"),
    ("published=14 March 2024", "published '14 March 2024' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("accessed=2024-02-30", "accessed '2024-02-30' is not a real date"),
    ("title=", "the title cannot be empty"),
    ("colour=red", "'colour' is not a metadata field; use one of: title, authors"),
    ("title", "'title' is not KEY=VALUE; e.g. --set title='New title'"),
    ("type=blog", "type 'blog' is not one of: news, newspaper, webpage"),
    ("language=English", "language 'English' is not a language tag; write e.g. en, en-GB, de"),
    ("url=coastaldaily.example", "url 'coastaldaily.example' is not a web address"),
    ("citekey=2024 okafor", "citekey '2024 okafor' must start with a letter"),
])
def test_a_wrong_value_is_one_line_exit_1_and_changes_nothing(cli, article_id, assignment, message):
    before = meta_json(cli, article_id)
    done = cli("meta", article_id, "--set", "site=Changed", "--set", assignment)
    assert done.exit_code == 1
    assert done.stdout == ""
    assert done.stderr.startswith(f"glossator: error: {message}")
    assert done.stderr.count("\n") == 1
    assert meta_json(cli, article_id) == before


def test_an_unknown_article_is_one_line(cli, article_id):
    done = cli("meta", "no-such-article")
    assert done.exit_code == 1 and done.stderr.count("\n") == 1


def test_a_record_without_a_type_reads_as_news():
    from annotations.metadata import article_type

    assert article_type(Article(id="a", title="t")) == "news"
    assert article_type(Article(id="a", title="t", extra={"type": "nonsense"})) == "news"
