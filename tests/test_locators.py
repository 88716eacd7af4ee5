"""Locators: a mark on a PDF cites its printed page, a mark in an EPUB its chapter and
paragraph, anything else its paragraph, each the way its style writes it.

Expected strings worked by hand from the rules: APA 7 (8.13 "p." and "pp.", 8.28 "Chapter 1,
para. 3", a heading as "Preface section"), MLA 9 (a page number alone after the author, no
comma; "ch." and "par." after a comma), CMOS 17 author-date (15.22 a page after a comma,
"chap.", "para.", a heading cited with "under"; 9.61 inclusive numbers).
"""

from __future__ import annotations

import json

import pytest

from annotations.citation import locators
from annotations.citation import render as citations
from annotations.citation.cache import CACHE_NAME, CitationCache
from annotations.citation.locators import Locator, abbreviated_last, locator_of
from annotations.model import Annotation, Article

PAPER = Article(id="okafor", type="journal", title="Harbour silt and the council",
                authors=["Maria Okafor"], site="Journal of Coastal Planning", published="2024",
                volume="3", issue="1", pages="1–40")
NOVEL = Article(id="moby", type="book", title="Moby-Dick; or, The whale",
                authors=["Herman Melville"], published="1851", publisher="Harper & Brothers",
                place="New York")

CASES = [
    # (locator, APA, MLA, Chicago)
    (Locator(page="12"), "(Okafor, 2024, p. 12)", "(Okafor 12)", "(Okafor 2024, 12)"),
    (Locator(page="12", page_end="13"), "(Okafor, 2024, pp. 12–13)", "(Okafor 12–13)",
     "(Okafor 2024, 12–13)"),
    (Locator(page="iv"), "(Okafor, 2024, p. iv)", "(Okafor iv)", "(Okafor 2024, iv)"),
    (Locator(page="iv", page_end="vi"), "(Okafor, 2024, pp. iv–vi)", "(Okafor iv–vi)",
     "(Okafor 2024, iv–vi)"),
    # APA gives ranges in full; MLA and Chicago shorten them past 99.
    (Locator(page="112", page_end="118"), "(Okafor, 2024, pp. 112–118)", "(Okafor 112–18)",
     "(Okafor 2024, 112–18)"),
    (Locator(page="103", page_end="104"), "(Okafor, 2024, pp. 103–104)", "(Okafor 103–04)",
     "(Okafor 2024, 103–4)"),
    # A page wins over the paragraph that is also known.
    (Locator(page="7", paragraph=3), "(Okafor, 2024, p. 7)", "(Okafor 7)", "(Okafor 2024, 7)"),
    # The same page at both ends is one page.
    (Locator(page="7", page_end="7"), "(Okafor, 2024, p. 7)", "(Okafor 7)", "(Okafor 2024, 7)"),
    (Locator(paragraph=4), "(Okafor, 2024, para. 4)", "(Okafor, par. 4)", "(Okafor 2024, para. 4)"),
    (Locator(), "(Okafor, 2024)", "(Okafor)", "(Okafor 2024)"),
]
BOOK_CASES = [
    (Locator(chapter="Chapter 1", paragraph=3), "(Melville, 1851, Chapter 1, para. 3)",
     "(Melville, ch. 1, par. 3)", "(Melville 1851, chap. 1, para. 3)"),
    (Locator(chapter="CHAPTER 42. The Whiteness of the Whale", paragraph=7),
     "(Melville, 1851, Chapter 42, para. 7)", "(Melville, ch. 42, par. 7)",
     "(Melville 1851, chap. 42, para. 7)"),
    (Locator(chapter="Preface", paragraph=2), "(Melville, 1851, Preface section, para. 2)",
     "(Melville, Preface, par. 2)", "(Melville 1851, under “Preface,” para. 2)"),
    (Locator(chapter="Etymology"), "(Melville, 1851, Etymology section)", "(Melville, Etymology)",
     "(Melville 1851, under “Etymology”)"),
    (Locator(chapter="Part 2", paragraph=1), "(Melville, 1851, Part 2, para. 1)",
     "(Melville, pt. 2, par. 1)", "(Melville 1851, pt. 2, para. 1)"),
]


@pytest.mark.parametrize(("locator", "apa", "mla", "chicago"), CASES)
def test_page_and_paragraph_locators_in_each_style(locator, apa, mla, chicago):
    assert citations.in_text(PAPER, "apa", locator) == apa
    assert citations.in_text(PAPER, "mla", locator) == mla
    assert citations.in_text(PAPER, "chicago", locator) == chicago


@pytest.mark.parametrize(("locator", "apa", "mla", "chicago"), BOOK_CASES)
def test_chapter_locators_in_each_style(locator, apa, mla, chicago):
    assert citations.in_text(NOVEL, "apa", locator) == apa
    assert citations.in_text(NOVEL, "mla", locator) == mla
    assert citations.in_text(NOVEL, "chicago", locator) == chicago


def test_a_heading_with_markdown_characters_is_escaped_in_markdown_only():
    heading = Locator(chapter="The *real* preface", paragraph=1)
    assert citations.in_text(NOVEL, "apa", heading, markup="markdown") == (
        r"(Melville, 1851, The \*real\* preface section, para. 1)")
    assert citations.in_text(NOVEL, "apa", heading) == (
        "(Melville, 1851, The *real* preface section, para. 1)")


def test_the_paragraph_keyword_still_gives_a_paragraph_locator():
    assert citations.in_text(PAPER, "apa", paragraph=5) == "(Okafor, 2024, para. 5)"


def test_a_mark_carries_its_locator():
    mark = Annotation(article="okafor", kind="claim", exact="silt", start=0, end=4,
                      paragraph=2, page=" 12 ", page_end="13", chapter="")
    assert locator_of(mark) == Locator(page="12", page_end="13", paragraph=2)
    assert locator_of(mark).kind == locators.PAGES
    chapter = Annotation(article="moby", kind="claim", exact="Call me", start=0, end=7,
                         paragraph=1, chapter="Chapter  1")
    assert locator_of(chapter) == Locator(chapter="Chapter 1", paragraph=1)
    assert locator_of(chapter).kind == locators.CHAPTER


@pytest.mark.parametrize(("first", "last", "chicago", "mla"), [
    # CMOS 17, 9.61, and MLA 9 (numbers in a range), their own examples.
    ("3", "10", "10", "10"), ("71", "72", "72", "72"), ("96", "117", "117", "117"),
    ("100", "104", "104", "04"), ("1100", "1113", "1113", "13"), ("101", "108", "8", "08"),
    ("808", "833", "33", "33"), ("1103", "1104", "4", "04"), ("321", "328", "28", "28"),
    ("498", "532", "532", "532"), ("1087", "1089", "89", "89"), ("1496", "1500", "500", "500"),
    ("11564", "11615", "615", "615"), ("12991", "13001", "3001", "3001"),
    ("923", "1003", "1003", "1003"), ("1003", "1005", "5", "05"), ("1608", "1774", "774", "774"),
    ("iv", "vi", "vi", "vi"), ("12a", "14a", "14a", "14a"),
])
def test_ranges_are_shortened_as_chicago_and_mla_write_them(first, last, chicago, mla):
    assert abbreviated_last(first, last, "chicago") == chicago
    assert abbreviated_last(first, last, "mla") == mla
    assert abbreviated_last(first, last, "apa") == last


def test_kept_shapes_give_the_same_citations_as_fresh_renders(tmp_path):
    pdf = Article(id="pdf", type="report", title="Silt", authors=["Maria Okafor"],
                  published="2024", publisher="Port Office", format="pages")
    cache = CitationCache(tmp_path)
    cache.prepare(pdf)
    cache.save()
    kept_file = json.loads((tmp_path / CACHE_NAME).read_text(encoding="utf-8"))
    assert {"reference", "cite0", "cite", "cite-page", "cite-pages"} <= set(
        kept_file["articles"]["pdf"])
    kept = CitationCache(tmp_path)
    for locator in [Locator(page="9"), Locator(page="9", page_end="10"), Locator(paragraph=3),
                    Locator(chapter="Chapter 2", paragraph=4), Locator()]:
        assert kept.in_text(pdf, locator) == citations.in_text(pdf, "apa", locator,
                                                               markup="markdown")


def test_one_render_serves_every_page_of_an_article():
    citations._render_cite_with.cache_clear()
    for page in range(1, 200):
        citations.in_text(PAPER, "chicago", Locator(page=str(page), page_end=str(page + 1)))
    assert citations._render_cite_with.cache_info().misses == 1
