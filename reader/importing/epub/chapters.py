"""One content document of an EPUB to Markdown whose level-1 headings are its chapters.

The rules, so that a locator's "Chapter 3" is the book's chapter 3:
- The first heading of a file is its chapter heading, when at most a line or two of text
  (an epigraph, a "ONE" label) comes before it; it is moved to the top. Every later
  heading of that level (or a higher one) starts a chapter too: Project Gutenberg files
  hold several chapters each. Deeper headings keep their distance below it, so only
  chapters are `#`. A first heading that repeats the book's title is a title page: a
  chapter of its own, with the chapter level taken from the heading after it. Two
  chapter headings with no text between ("Chapter 1", "The Storm") are one chapter.
- A file with no such heading gets one: its `<title>` (unless that is just the book's
  title or a file name), else its table-of-contents label, and its headings move below
  it. A file the table of contents does not list, or one that repeats the previous
  file's `<title>` (calibre splits long chapters so), continues the previous chapter. A
  book with no table of contents at all numbers its unnamed files "Chapter N".
- A file with no text (a cover image) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import SourceError
from reader.importing.clean_html import HEADING, parse_html, tidy, to_markdown

if TYPE_CHECKING:
    from bs4 import Tag

_PREAMBLE_CHARS = 200
_FILE_NAME = re.compile(r"\.(?:x?html?|xml)$|^[\W\d_]*$", re.I)
_ENDS_IN_PUNCTUATION = re.compile(r"[.:;!?—–-]$")


@dataclass
class Context:
    """What naming a chapter needs to know about the book and the files before this one."""

    book_title: str
    has_toc: bool
    chapters: int = 0
    previous_title: str = ""


def chapter_markdown(html: str, label: str, context: Context) -> str:
    """The Markdown of one content document, starting with a `#` heading unless it
    continues the previous chapter; "" when it holds no text."""
    soup = parse_html(html)
    page_title = " ".join(soup.title.get_text().split()) if soup.title else ""
    body = soup.body or soup
    tidy(body)
    if not body.get_text(strip=True):
        return ""
    previous_title, context.previous_title = context.previous_title, page_title
    headings = body.find_all(HEADING)
    first = headings[0] if headings and _text_before(headings[0], body) <= _PREAMBLE_CHARS else None
    if first is not None:
        _promote_chapter_headings(body, first, headings, context.book_title)
        context.chapters += body_chapters(body)
        return to_markdown(body)
    _demote_below_one(headings)
    name = chapter_name(page_title, label, previous_title, context)
    if name:
        heading = soup.new_tag("h1")
        heading.string = name
        body.insert(0, heading)
        context.chapters += 1
    return to_markdown(body)


def chapter_name(page_title: str, label: str, previous_title: str, context: Context) -> str:
    """The heading for a file without one; "" when it continues the previous chapter."""
    sensible_title = (page_title and page_title.casefold() != context.book_title.casefold()
                      and not _FILE_NAME.search(page_title) and page_title != previous_title)
    if sensible_title:
        return page_title
    if label:
        return label
    if context.chapters and (context.has_toc or (page_title and page_title == previous_title)):
        return ""
    if not context.chapters and context.has_toc and context.book_title:
        return context.book_title  # front matter the table of contents leaves out
    return f"Chapter {context.chapters + 1}"


def _text_before(heading: Tag, body: Tag) -> int:
    return sum(len(s.strip()) for s in heading.find_all_previous(string=True)
               if body in s.parents)


def _promote_chapter_headings(body: Tag, first: Tag, headings: list[Tag], book_title: str) -> None:
    first.extract()
    body.insert(0, first)
    chapters = headings
    if len(headings) > 1 and _same_words(first.get_text(), book_title):
        # A title page: the book's title is a chapter of its own (the front matter), and
        # the next heading shows the level the chapters are at.
        first.name, chapters = "h1", headings[1:]
    level = int(chapters[0].name[1])
    for heading in chapters:
        heading.name = f"h{max(1, min(6, int(heading.name[1]) - level + 1))}"
    _merge_adjacent_chapter_headings(chapters)


def _same_words(a: str, b: str) -> bool:
    words = re.compile(r"\w+")
    return bool(b) and words.findall(a.casefold()) == words.findall(b.casefold())


def _merge_adjacent_chapter_headings(headings: list[Tag]) -> None:
    """`<h1>Chapter 1</h1><h1>The Storm</h1>` is one chapter, "Chapter 1: The Storm"."""
    for heading in headings:
        if heading.name != "h1" or heading.parent is None:
            continue
        following = heading.find_next_sibling()
        if following is None or following.name != "h1" or _text_between(heading, following):
            continue
        joiner = " " if _ENDS_IN_PUNCTUATION.search(heading.get_text(strip=True)) else ": "
        heading.append(joiner)
        for node in list(following.contents):
            heading.append(node.extract())
        following.decompose()


def _text_between(first: Tag, second: Tag) -> bool:
    node = first.next_sibling
    while node is not None and node is not second:
        text = node.get_text() if hasattr(node, "get_text") else str(node)
        if text.strip():
            return True
        node = node.next_sibling
    return False


def _demote_below_one(headings: list[Tag]) -> None:
    if not headings:
        return
    top = min(int(h.name[1]) for h in headings)
    for heading in headings:
        heading.name = f"h{max(2, min(6, int(heading.name[1]) - top + 2))}"


def body_chapters(body: Tag) -> int:
    return len(body.find_all("h1"))


def decode_xhtml(data: bytes, path: Path, name: str) -> str:
    """A content document's text, in the encoding it declares (XML declaration or meta
    charset), else UTF-8 with the usual fallbacks."""
    from reader.importing.encoding import decode_markup

    try:
        return decode_markup(data, f"{path} ({name})")
    except SourceError:
        raise SourceError(
            f"{path} has a chapter ({name}) that is not readable text (encrypted or damaged); "
            "export the book again as a DRM-free EPUB"
        ) from None
