"""A page's site is a name, never the date at the end of its title: "Headline | DW |
19.01.2020" is on DW, not on "19.01.2020", whether or not its head names the site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.importing.html import import_html

TITLE = "Harbour towns count the cost of the winter storms"
ARTICLE = (
    f"<article><h1>{TITLE}</h1><p>Three harbour towns on the north coast have asked the "
    "regional government for help after the January storms broke two sea walls.</p>"
    "<p>The mayors said repairs would take the whole summer and most of the year's "
    "budget for roads.</p></article>"
)


def page(suffix: str, head: str = "") -> str:
    return (f"<html><head><title>{TITLE}{suffix}</title>{head}"
            '<meta name="author" content="Tidewire Staff"></head>'
            f"<body>{ARTICLE}</body></html>")


@pytest.mark.parametrize(("suffix", "site"), [
    (" | DW | 19.01.2020", "DW"),
    (" - Tidewire - 3 March 2025", "Tidewire"),
    (" | Coast | Tidewire", "Tidewire"),
])
def test_a_saved_page_without_a_site_name_takes_the_suffix_that_is_no_date(suffix, site):
    article = import_html(page(suffix), source="x", where="x")
    assert (article.title, article.site) == (TITLE, site)


def test_the_heads_site_name_still_comes_first():
    head = '<meta property="og:site_name" content="Tidewire News">'
    assert import_html(page(" | DW | 19.01.2020", head), source="x", where="x").site == \
        "Tidewire News"


def test_with_the_address_known_the_suffix_that_names_the_host_is_the_site():
    article = import_html(page(" | DW | 19.01.2020"), source="x", where="x",
                          url="https://www.dw.com/en/harbours/a-1")
    assert article.site == "DW"


def test_add_with_url_shows_and_cites_the_site_not_the_date(cli, tmp_path: Path):
    path = tmp_path / "storms.html"
    path.write_text(page(" | DW | 19.01.2020"), encoding="utf-8")
    done = cli("add", str(path), "--url", "https://www.dw.com/en/harbours/a-1")
    assert done.exit_code == 0, done.stderr
    article_id = done.stdout.split()[1]
    record = json.loads(cli("meta", article_id, "--json").stdout)
    assert record["site"] == "DW"
    for style in ("apa", "chicago", "mla"):
        cited = cli("cite", article_id, "--style", style).stdout
        assert "19.01.2020" not in cited and "DW" in cited, style


@pytest.mark.parametrize(("full", "title", "expected"), [
    (f"{TITLE} | DW | 19.01.2020", TITLE, "DW"),
    (f"{TITLE} | 19.01.2020", TITLE, ""),        # only a date: no site
    (TITLE, TITLE, ""),                          # no suffix
    ("Another headline | DW", TITLE, ""),        # not this title's suffix
])
def test_the_site_in_a_titles_suffix(full, title, expected):
    from reader.importing.titles import suffix_site

    assert suffix_site(full, title) == expected
