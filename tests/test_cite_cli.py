"""`glossator cite`: a reference, or a quote with its citation, in the configured style
and template; the researcher pastes it into a draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.citing import fill_template
from reader.config import config_path

ARTICLE = """---
title: Harbour dredging plan splits city council
authors:
  - Maria Okafor
site: Coastal Daily News
published: 2024-03-14
url: https://coastaldaily.example/news/harbour-dredging
accessed: 2024-04-02
---
# Harbour dredging plan splits city council

The council met on Tuesday.

The mayor said the harbour will be dredged in 2025.
"""

APA_REFERENCE = ("Okafor, M. (2024, March 14). *Harbour dredging plan splits city council*. "
                 "Coastal Daily News. https://coastaldaily.example/news/harbour-dredging")


@pytest.fixture
def marked(cli, tmp_path: Path) -> tuple[str, str]:
    source = tmp_path / "harbour.md"
    source.write_text(ARTICLE, encoding="utf-8")
    assert cli("add", str(source)).exit_code == 0
    article = json.loads(cli("list", "--json").stdout)[0]["id"]
    done = cli("annotate", article, "--kind", "claim", "--quote", "the harbour will be dredged")
    assert done.exit_code == 0, done.stderr
    return article, done.stdout.strip()


def write_config(text: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_cite_prints_the_reference_in_apa_markdown(cli, marked):
    article, _ = marked
    done = cli("cite", article)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == APA_REFERENCE + "\n"


def test_cite_an_annotation_gives_quote_citation_and_reference(cli, marked):
    article, annotation = marked
    done = cli("cite", article, "--annotation", annotation)
    assert done.stdout == (
        "> the harbour will be dredged\n"
        "— (Okafor, 2024, para. 2)\n"
        f"{APA_REFERENCE}\n"
    )


@pytest.mark.parametrize(("style", "citation", "reference"), [
    ("chicago", "(Okafor 2024, para. 2)",
     "Okafor, Maria. 2024. “Harbour Dredging Plan Splits City Council.” *Coastal Daily News*, "
     "March 14, 2024. https://coastaldaily.example/news/harbour-dredging."),
    ("mla", "(Okafor, par. 2)",
     "Okafor, Maria. “Harbour Dredging Plan Splits City Council.” *Coastal Daily News*, "
     "14 Mar. 2024, coastaldaily.example/news/harbour-dredging."),
])
def test_style_option_picks_the_style(cli, marked, style, citation, reference):
    article, annotation = marked
    done = cli("cite", article, "--annotation", annotation, "--style", style)
    assert done.stdout == f"> the harbour will be dredged\n— {citation}\n{reference}\n"


def test_the_config_sets_style_markup_and_template(cli, marked):
    article, annotation = marked
    write_config('[citation]\nstyle = "mla"\nmarkup = "text"\n'
                 'template = "“{quote}” {citation} [@{citekey}]"\n')
    done = cli("cite", article, "--annotation", annotation)
    assert done.stdout == "“the harbour will be dredged” (Okafor, par. 2) [@okafor2024harbour]\n"
    plain = cli("cite", article)
    assert "*" not in plain.stdout and plain.stdout.startswith("Okafor, Maria. “Harbour")


def test_the_style_option_wins_over_the_config(cli, marked):
    article, _ = marked
    write_config('[citation]\nstyle = "mla"\n')
    assert cli("cite", article, "--style", "apa").stdout == APA_REFERENCE + "\n"


def test_a_broken_config_is_one_line_and_exit_1(cli, marked):
    article, _ = marked
    write_config('[citation]\nstyle = "harvard"\n')
    done = cli("cite", article)
    assert done.exit_code == 1
    assert done.stdout == ""
    assert done.stderr == (f"glossator: error: {config_path()}: [citation] style = 'harvard' "
                           "is not one of: apa, chicago, mla\n")


def test_an_unknown_annotation_is_one_line(cli, marked):
    article, _ = marked
    done = cli("cite", article, "--annotation", "nope")
    assert done.exit_code == 1
    assert done.stderr.startswith("glossator: error: ") and done.stderr.count("\n") == 1


def test_cite_runs_as_its_own_process(cli_process, marked):
    article, annotation = marked
    done = cli_process("cite", article, "--annotation", annotation, "--style", "chicago")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1] == "— (Okafor 2024, para. 2)"


def test_every_line_of_a_long_quote_stays_in_the_block_quote():
    text = fill_template("> {quote}\n— {citation}", "first line\n\nsecond line",
                         {"citation": "(X, 2024)"})
    assert text == "> first line\n>\n> second line\n— (X, 2024)"


def test_a_template_without_a_quote_prefix_leaves_the_lines_alone():
    assert fill_template("“{quote}” {citation}", "a\nb", {"citation": "(X)"}) == "“a\nb” (X)"


@pytest.mark.parametrize(("page", "page_end", "chapter", "style", "citation"), [
    ("12", "", "", "apa", "(Okafor, 2024, p. 12)"),
    ("12", "13", "", "apa", "(Okafor, 2024, pp. 12–13)"),
    ("12", "13", "", "mla", "(Okafor 12–13)"),
    ("iv", "", "", "chicago", "(Okafor 2024, iv)"),
    ("", "", "Chapter 1", "apa", "(Okafor, 2024, Chapter 1, para. 2)"),
    ("", "", "Preface", "apa", "(Okafor, 2024, Preface section, para. 2)"),
    ("", "", "Chapter 1", "mla", "(Okafor, ch. 1, par. 2)"),
    ("", "", "Chapter 1", "chicago", "(Okafor 2024, chap. 1, para. 2)"),
])
def test_cite_an_annotation_uses_its_page_or_chapter(cli, marked, library_dir, page, page_end,
                                                     chapter, style, citation):
    from annotations.store import Library

    article, annotation = marked
    library = Library.open(library_dir)
    mark = library.annotation(article, annotation)
    mark.page, mark.page_end, mark.chapter = page, page_end, chapter
    library.save_annotation(mark)
    done = cli("cite", article, "--annotation", annotation, "--style", style)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1] == f"— {citation}"
