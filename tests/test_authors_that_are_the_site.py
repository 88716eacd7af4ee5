"""An author that is the site or publisher is the organisation: "Deutsche Welle" on DW is
cited as {Deutsche Welle}, never "Welle, D.", whether the page said so, `add --site` or
`meta --set` said it later, or only the URL says which site it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.citation import render as citations
from annotations.model import Article

TITLE = "Berlin confronts its colonial past with a new initiative"
PARAGRAPHS = (
    "<p>The city government has opened a project on the colonial era, officials said on "
    "Sunday, with a budget for archives, street names and a new memorial site.</p>"
    "<p>Historians welcomed the plan but asked for the descendants of those affected to "
    "have a say in it from the start.</p>"
)


def dw_page(tmp_path: Path, site_name: str = "DW", author: str = "Deutsche Welle") -> str:
    """A saved page as DW's look: the site's initials and the date after the headline."""
    site_meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    path = tmp_path / "colonial.html"
    path.write_text(
        f"<html><head><title>{TITLE} | DW | 19.01.2020</title>{site_meta}"
        f'<meta name="author" content="{author}">'
        '<meta property="article:published_time" content="2020-01-19T10:00:00Z"></head>'
        f"<body><article><h1>{TITLE}</h1>{PARAGRAPHS}</article></body></html>",
        encoding="utf-8")
    return str(path)


def added(cli, path: str, *options: str) -> str:
    done = cli("add", path, *options)
    assert done.exit_code == 0, done.stderr
    return done.stdout.split()[1]


def record(cli, article_id: str, *sets: str) -> dict:
    done = cli("meta", article_id, *[a for s in sets for a in ("--set", s)], "--json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def bibtex_author(cli, article_id: str) -> str:
    exported = cli("export", article_id, "--format", "bibtex").stdout
    return next(line.strip() for line in exported.splitlines() if line.strip().startswith("author"))


def test_the_sites_long_name_on_a_page_that_calls_itself_dw_is_the_organisation(cli, tmp_path):
    article_id = added(cli, dw_page(tmp_path))
    assert record(cli, article_id)["authors"] == ["{Deutsche Welle}"]
    assert cli("cite", article_id).stdout.startswith("Deutsche Welle. (2020, January 19).")
    assert bibtex_author(cli, article_id) == "author = {{Deutsche Welle}},"


def test_add_with_the_site_given_cites_the_organisation(cli, tmp_path):
    # The page names no site at all: only --site, applied after the import, says whose it is.
    article_id = added(cli, dw_page(tmp_path, site_name=""), "--site", "Deutsche Welle")
    apa = cli("cite", article_id).stdout
    assert apa.startswith("Deutsche Welle. (2020, January 19). *Berlin confronts")
    assert "Welle, D." not in apa
    # MLA: a work by the organisation that publishes it begins with its title.
    assert cli("cite", article_id, "--style", "mla").stdout.startswith("“Berlin Confronts")
    # And the BibTeX export, which reads the record, says the same.
    assert bibtex_author(cli, article_id) == "author = {{Deutsche Welle}},"


def test_meta_set_authors_to_the_sites_name_makes_it_the_organisation(cli, tmp_path):
    article_id = added(cli, dw_page(tmp_path, author="Lena Hoffmann"), "--site", "Deutsche Welle")
    assert record(cli, article_id, "authors=Deutsche Welle")["authors"] == ["{Deutsche Welle}"]
    assert "authors:    {Deutsche Welle}\n" in cli("meta", article_id).stdout
    assert bibtex_author(cli, article_id) == "author = {{Deutsche Welle}},"
    assert cli("cite", article_id, "--style", "chicago").stdout.startswith("Deutsche Welle. 2020.")


@pytest.mark.parametrize("later", ["site=DW", "url=https://www.dw.com/en/berlin/a-52052030",
                                   "publisher=Deutsche Welle"])
def test_a_site_set_after_the_authors_still_counts(cli, tmp_path, later):
    article_id = added(cli, dw_page(tmp_path, site_name="", author="Lena Hoffmann"))
    record(cli, article_id, "authors=Deutsche Welle; Lena Hoffmann", "site=")
    assert record(cli, article_id, later)["authors"] == ["{Deutsche Welle}", "Lena Hoffmann"]
    assert cli("cite", article_id).stdout.startswith("Deutsche Welle, & Hoffmann, L. (2020")


def test_apa_leaves_out_the_site_when_the_author_is_the_site_by_another_name(cli, tmp_path):
    article_id = added(cli, dw_page(tmp_path))
    record(cli, article_id, "url=https://www.dw.com/en/berlin/a-52052030")
    assert cli("cite", article_id).stdout == (
        f"Deutsche Welle. (2020, January 19). *{TITLE}*. "
        "https://www.dw.com/en/berlin/a-52052030\n")


def test_a_record_written_before_the_rule_is_cited_as_the_organisation():
    article = Article(id="a", title=TITLE, authors=["Deutsche Welle"], site="DW",
                      published="2020-01-19", url="https://www.dw.com/en/berlin/a-52052030")
    assert citations.reference(article, "apa").startswith("Deutsche Welle. (2020, January 19).")
    assert citations.in_text(article, "apa") == "(Deutsche Welle, 2020)"


def test_people_whose_initials_are_the_sites_stay_people(cli, tmp_path):
    article_id = added(cli, dw_page(tmp_path, author="Daniel Weber"))
    assert record(cli, article_id)["authors"] == ["Daniel Weber"]
    record(cli, article_id, "url=https://www.dw.com/en/berlin/a-52052030")
    assert cli("cite", article_id).stdout.startswith("Weber, D. (2020, January 19).")


def test_a_name_turned_round_is_a_person_even_when_it_is_the_sites(cli, tmp_path):
    article_id = added(cli, dw_page(tmp_path, site_name="", author="Lena Hoffmann"),
                       "--site", "Lena Hoffmann")
    assert record(cli, article_id, "authors=Hoffmann, Lena")["authors"] == ["Hoffmann, Lena"]
    assert cli("cite", article_id).stdout.startswith("Hoffmann, L. (2020, January 19).")


@pytest.mark.parametrize(("name", "sites", "expected"), [
    ("Deutsche Welle", ["DW"], True),                       # the initials of the site's name
    ("Deutsche Welle", ["https://www.dw.com/en/x"], True),  # the site's host name
    ("Deutsche Welle", ["Deutsche Welle"], True),
    ("Reuters Agency", ["reuters.com"], False),             # more than the site's name
    ("BBC News", ["BBC"], True),                            # "News" is what sites add
    ("Valley Courier", ["valley-courier.example"], True),
    ("The Saltmarsh Gazette", ["Saltmarsh Gazette"], True),
    ("Daniel Weber", ["DW", "https://www.dw.com/x"], False),  # a given name first
    ("Peter N. A. Smith", ["PNAS"], False),                  # an initial in it
    ("Martin Fowler", ["https://martinfowler.com/articles/x"], False),
    ("Lena Hoffmann", ["Lena Hoffmann"], True),             # the site's own spelled-out name
    ("Hoffmann, Lena", ["Lena Hoffmann"], False),           # turned round: a person
    ("Maria Okafor", ["Northport Herald"], False),
    ("Deutsche Welle", [], False),
])
def test_which_authors_are_the_site(name, sites, expected):
    from annotations.citation.organisations import is_site_author

    assert is_site_author(name, sites) is expected
