"""Where in a work a quote is: the locator of an in-text citation, each style's way.

A mark on a paged source (a PDF) is cited by its printed page, "p. 12" or "pp. 12–13"; a
mark in a book without fixed pages (an EPUB) by its chapter and the paragraph within it,
"Chapter 1, para. 3" (APA 7, 8.28); anything else by its paragraph.

    style    page          pages            chapter                      heading
    APA 7    p. 12         pp. 112–118      Chapter 1, para. 3           Preface section, para. 2
    Chicago  12            112–18           chap. 1, para. 3             under “Preface,” para. 2
    MLA 9    12            112–18           ch. 1, par. 3                Preface, par. 2

Page and paragraph locators are rendered by citeproc-py with the style's own labels; the
chapter forms are written here, from the manuals' rules (citeproc takes one locator, and
these are two). Either way an in-text citation is rendered once per article with a
stand-in number where the locator goes (a *shape*), and the stand-in is then replaced:
one render serves every mark of an article (annotations/citation/cache.py keeps them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from annotations.model import Annotation

NONE = ""
PARAGRAPH = "paragraph"
PAGE = "page"
PAGES = "pages"
CHAPTER = "chapter"
KINDS = (NONE, PARAGRAPH, PAGE, PAGES, CHAPTER)
"""The shapes an in-text citation takes: one render of each serves every mark."""

STAND_IN = "918273645"
STAND_IN_END = "918273646"
"""Rendered where the locator goes (and where a page range ends), then replaced."""

_DIVISION_LABEL = "division"
"""Not a CSL locator type: the styles find no term for it and print the locator bare, with
the delimiter a non-page locator takes ("(Melville, 1851, X)", "(Melville, X)")."""

_NUMBERED = re.compile(r"^(chapter|chap\.?|ch\.?|part|pt\.?|book|bk\.?|section|sec\.?)\s+"
                       r"([0-9]+|[ivxlcdm]+)\b", re.IGNORECASE)
_DIVISIONS = {"ch": "chapter", "chap": "chapter", "pt": "part", "bk": "book", "sec": "section"}
_ABBREVIATIONS = {
    # CMOS 17, 10.43; MLA 9's list of abbreviations. APA 7 (8.28) writes the word out.
    "chicago": {"chapter": "chap.", "part": "pt.", "book": "bk.", "section": "sec."},
    "mla": {"chapter": "ch.", "part": "pt.", "book": "bk.", "section": "sec."},
}
_PARAGRAPH_LABEL = {"apa": "para.", "chicago": "para.", "mla": "par."}
"""APA 7 (8.28) and CMOS 17 abbreviate paragraph "para.", MLA 9 "par." (as the styles'
paragraph locators do)."""


@dataclass(frozen=True)
class Locator:
    """Where a quote is: its page (and the page it ends on), or its chapter, and paragraph."""

    page: str = ""
    page_end: str = ""
    chapter: str = ""
    paragraph: int = 0

    @property
    def kind(self) -> str:
        """Which shape cites it: a page wins over a chapter, a chapter over a paragraph."""
        if self.page:
            return PAGES if self.page_end and self.page_end != self.page else PAGE
        if self.chapter:
            return CHAPTER
        return PARAGRAPH if self.paragraph > 0 else NONE


def locator_of(annotation: Annotation) -> Locator:
    """The locator of a mark: what the reader stored when it was made."""
    return Locator(page=annotation.page.strip(), page_end=annotation.page_end.strip(),
                   chapter=" ".join(annotation.chapter.split()),
                   paragraph=max(annotation.paragraph, 0))


def stand_in(kind: str) -> tuple[str, str] | None:
    """The CSL locator (label, value) a shape is rendered with; None for no locator."""
    if kind == PARAGRAPH:
        return PARAGRAPH, STAND_IN
    if kind == PAGE:
        return PAGE, STAND_IN
    if kind == PAGES:
        return PAGE, f"{STAND_IN}-{STAND_IN_END}"  # a range: the styles' plural label
    if kind == CHAPTER:
        return _DIVISION_LABEL, STAND_IN
    return None


def csl_locator(locator: Locator, style: str, escape: Callable[[str], str] = str
                ) -> tuple[str, str] | None:
    """The CSL locator (label, value) that cites `locator` itself, for a style whose
    output cannot be filled in from a shape."""
    kind = locator.kind
    if kind == NONE:
        return None
    if kind == CHAPTER:
        return _DIVISION_LABEL, chapter_text(locator, style, escape)
    if kind == PARAGRAPH:
        return PARAGRAPH, str(locator.paragraph)
    if kind == PAGES:
        return PAGE, f"{locator.page}-{locator.page_end}"
    return PAGE, locator.page


def fill(shape: str, locator: Locator, style: str, escape: Callable[[str], str] = str
         ) -> str | None:
    """The in-text citation: `shape` (rendered for `locator.kind`) with the stand-in
    replaced; None when the shape does not hold it exactly once."""
    kind = locator.kind
    if kind == NONE:
        return shape
    if kind == PAGES:
        target, value = f"{STAND_IN}–{STAND_IN_END}", page_range(
            escape(locator.page), escape(locator.page_end), style)
    elif kind == CHAPTER:
        target, value = STAND_IN, chapter_text(locator, style, escape)
    elif kind == PAGE:
        target, value = STAND_IN, escape(locator.page)
    else:
        target, value = STAND_IN, str(locator.paragraph)
    if shape.count(target) != 1 or (kind == PAGES and shape.count(STAND_IN) != 1):
        return None
    return shape.replace(target, value)


def chapter_text(locator: Locator, style: str, escape: Callable[[str], str] = str) -> str:
    """"Chapter 1, para. 3" (APA), "chap. 1, para. 3" (Chicago), "ch. 1, par. 3" (MLA);
    a chapter known by a heading: "Preface section, para. 2" (APA 7, 8.28), "under
    “Preface,” para. 2" (CMOS 17, 14.21: a heading cited with "under"), "Preface, par. 2"."""
    numbered = _NUMBERED.match(locator.chapter)
    paragraph = (f"{_PARAGRAPH_LABEL.get(style, 'para.')} {locator.paragraph}"
                 if locator.paragraph > 0 else "")
    if numbered:
        division = numbered.group(1).lower().rstrip(".")
        division = _DIVISIONS.get(division, division)
        word = _ABBREVIATIONS.get(style, {}).get(division, division.capitalize())
        return ", ".join(part for part in (f"{word} {numbered.group(2)}", paragraph) if part)
    heading = escape(locator.chapter.rstrip(".:"))
    if style == "chicago":
        # CMOS 6.9: the comma goes inside the closing quotation mark.
        return f"under “{heading},” {paragraph}" if paragraph else f"under “{heading}”"
    if style == "apa":
        heading = f"{heading} section"
    return f"{heading}, {paragraph}" if paragraph else heading


def page_range(first: str, last: str, style: str) -> str:
    """"112–18" from 112 and 118, as the style abbreviates ranges; roman ones in full."""
    return f"{first}–{abbreviated_last(first, last, style)}"


def abbreviated_last(first: str, last: str, style: str) -> str:
    """The second number of a range as the style writes it.

    APA 7 gives page ranges in full. CMOS 17 (9.61): in full below 100 and from a
    multiple of 100; from 101–109 (in each hundred) only the changed part ("101–8",
    "1103–4"); otherwise at least two digits ("321–28", "1496–500"). MLA 9 (numbers in
    a range): in full through 99, else the last two digits unless more are needed
    ("103–04", "1,608–774").
    """
    if style not in ("chicago", "mla") or not (first.isdigit() and last.isdigit()):
        return last
    if len(first) != len(last) or int(last) <= int(first) or int(first) < 100:
        return last
    common = next((i for i, (a, b) in enumerate(zip(first, last, strict=True)) if a != b), len(first))
    if style == "chicago":
        if int(first) % 100 == 0:
            return last
        if int(first) % 100 < 10:
            return last[common:]
    return last[min(common, len(first) - 2):]
