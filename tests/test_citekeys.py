"""Citekeys: author + year + first title word, unique in the library, and stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.citation.citekeys import assign_citekey, base_citekey
from annotations.model import Article
from reader.cli.adding import add_source


def article(**fields) -> Article:
    return Article(id=fields.pop("id", "a"), **fields)


@pytest.mark.parametrize(("fields", "key"), [
    ({"authors": ["Maria Okafor"], "published": "2024-03-14",
      "title": "Harbour dredging plan splits city council"}, "okafor2024harbour"),
    ({"authors": ["Okafor, Maria"], "published": "2024", "title": "The harbour plan"},
     "okafor2024harbour"),
    ({"authors": ["Ludwig van Beethoven"], "published": "1824", "title": "An ode to joy"},
     "beethoven1824ode"),
    ({"authors": ["Núñez, José"], "published": "2023-05", "title": "Élan vital"},
     "nunez2023elan"),
    ({"authors": ["{Northport City Council}"], "published": "2024", "title": "Tide tables"},
     "northport2024tide"),
    ({"authors": ["Mary-Jane O'Brien"], "published": "2024", "title": "Ferries"},
     "obrien2024ferries"),
    ({"site": "Northport Herald", "published": "2023-11-05", "title": "Winter ferry timetable"},
     "northport2023winter"),
    ({"title": "Untitled notes"}, "anonuntitled"),
])
def test_base_key_is_author_year_and_first_title_word(fields, key):
    assert base_citekey(article(**fields)) == key


def write(tmp_path: Path, name: str, title: str, author: str = "Maria Okafor",
          published: str = "2024-03-14", body: str = "Some words.") -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\ntitle: {title}\nauthors: [{author}]\npublished: {published}\n---\n"
                    f"{body}\n", encoding="utf-8")
    return path


def test_adding_an_article_gives_it_its_key(library, tmp_path):
    added = add_source(library, str(write(tmp_path, "one", "Harbour dredging plan")))
    assert library.article(added.article.id).citekey == "okafor2024harbour"


def test_a_second_article_with_the_same_base_key_gets_a_suffix(library, tmp_path):
    first = add_source(library, str(write(tmp_path, "one", "Harbour dredging plan", body="A.")))
    second = add_source(library, str(write(tmp_path, "two", "Harbour vote delayed", body="B.")))
    third = add_source(library, str(write(tmp_path, "three", "Harbour, again", body="C.")))
    keys = [library.article(a.article.id).citekey for a in (first, second, third)]
    assert keys == ["okafor2024harbour", "okafor2024harboura", "okafor2024harbourb"]


def test_suffixes_go_on_past_z(library):
    taken = {"okafor2024harbour"} | {f"okafor2024harbour{c}" for c in "abcdefghijklmnopqrstuvwxyz"}
    made = article(authors=["Maria Okafor"], published="2024", title="Harbour")
    assert assign_citekey(library, made, taken) == "okafor2024harbouraa"


def test_editing_metadata_keeps_the_key(cli, tmp_path):
    assert cli("add", str(write(tmp_path, "one", "Harbour dredging plan"))).exit_code == 0
    article_id = json.loads(cli("list", "--json").stdout)[0]["id"]
    done = cli("meta", article_id, "--set", "authors=Daniel Brooks", "--set", "published=2020",
               "--set", "title=Ferries", "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["citekey"] == "okafor2024harbour"


def test_an_empty_citekey_makes_a_new_one_from_the_metadata(cli, tmp_path):
    assert cli("add", str(write(tmp_path, "one", "Harbour dredging plan"))).exit_code == 0
    article_id = json.loads(cli("list", "--json").stdout)[0]["id"]
    done = cli("meta", article_id, "--set", "authors=Daniel Brooks", "--set", "citekey=", "--json")
    assert json.loads(done.stdout)["citekey"] == "brooks2024harbour"


def test_a_regenerated_key_still_avoids_the_others(cli, tmp_path):
    assert cli("add", str(write(tmp_path, "one", "Harbour dredging plan", body="A."))).exit_code == 0
    assert cli("add", str(write(tmp_path, "two", "Harbour vote", "Daniel Brooks", body="B."))).exit_code == 0
    ids = {a["title"]: a["id"] for a in json.loads(cli("list", "--json").stdout)}
    done = cli("meta", ids["Harbour vote"], "--set", "authors=Maria Okafor", "--set", "citekey=",
               "--json")
    assert json.loads(done.stdout)["citekey"] == "okafor2024harboura"


def test_a_citekey_another_article_has_is_refused(cli, tmp_path):
    assert cli("add", str(write(tmp_path, "one", "Harbour dredging plan", body="A."))).exit_code == 0
    assert cli("add", str(write(tmp_path, "two", "Harbour vote", "Daniel Brooks", body="B."))).exit_code == 0
    ids = {a["title"]: a["id"] for a in json.loads(cli("list", "--json").stdout)}
    done = cli("meta", ids["Harbour vote"], "--set", "citekey=okafor2024harbour")
    assert done.exit_code == 1
    assert done.stderr == ("glossator: error: citekey 'okafor2024harbour' is taken by another "
                           "article; choose another or set citekey= to make a new one\n")
    shown = json.loads(cli("meta", ids["Harbour vote"], "--json").stdout)
    assert shown["citekey"] == "brooks2024harbour"


def test_a_citekey_can_be_chosen_by_hand(cli, tmp_path):
    assert cli("add", str(write(tmp_path, "one", "Harbour dredging plan"))).exit_code == 0
    article_id = json.loads(cli("list", "--json").stdout)[0]["id"]
    done = cli("meta", article_id, "--set", "citekey=Okafor:harbour-2024", "--json")
    assert json.loads(done.stdout)["citekey"] == "Okafor:harbour-2024"
