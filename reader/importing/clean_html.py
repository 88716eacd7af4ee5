"""Clean HTML (mammoth's output, an EPUB chapter, a pasted fragment) to Markdown, whole.

Unlike reader/importing/html.py, which has trafilatura pick the article out of a web page
full of navigation and adverts, this keeps every word: the HTML is known to be the
document itself. markdownify (MIT) does the conversion; the soup is tidied first so that
what reaches the Markdown is text and structure only — no scripts, styles or images, no
raw HTML (Markdown specials in the text are escaped, `<` included), links only to the
web, and footnotes kept as a numbered "Notes" list their references point to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

DROPPED = ("head", "title", "meta", "link", "base", "script", "style", "noscript", "template",
           "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "img",
           "picture", "source", "track", "video", "audio", "canvas", "map", "area", "input",
           "select", "textarea", "button", "option")
"""Elements with no readable text, or whose text is code (scripts, styles)."""
BLOCKS = ("header", "footer", "main", "nav", "address", "hgroup", "details", "summary",
          "center", "figure", "aside", "fieldset", "legend", "body", "html")
"""Block elements markdownify would run into the text around them; read as <div>."""
_WEB_LINK = re.compile(r"^(?:https?:|mailto:)", re.I)
_NOTE_ID = re.compile(r"^(?:footnote|endnote)-\d+$")
_NOTE_BACKLINK = re.compile(r"^#(?:footnote|endnote)-ref-\d+$")
_BACKLINK_TEXT = re.compile(r"^[\s↑↩︎^⤴]*$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
HEADING = re.compile(r"^h[1-6]$")


def parse_html(html: str) -> BeautifulSoup:
    """A lenient soup of `html`: the stdlib parser never reads a DTD or expands entities."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def markdown_from_html(html: str) -> str:
    """All of `html`'s text as Markdown; "" when it holds none."""
    return markdown_from_soup(parse_html(html))


def markdown_from_soup(root: BeautifulSoup | Tag) -> str:
    """The Markdown of a soup (or of one element of it); the soup is tidied in place."""
    tidy(root)
    return to_markdown(root)


def to_markdown(root: BeautifulSoup | Tag) -> str:
    """The Markdown of a soup already tidied (see `tidy`), blank lines folded, "" if empty."""
    from markdownify import MarkdownConverter

    converter = MarkdownConverter(
        heading_style="ATX",
        bullets="-",
        escape_misc=True,
        escape_asterisks=True,
        escape_underscores=True,
        newline_style="backslash",
        table_infer_header=True,
        strip_document="strip",
    )
    return normalise_markdown(converter.convert_soup(root))


def tidy(root: BeautifulSoup | Tag) -> None:
    """Leave only text and structure markdownify turns into readable Markdown."""
    for element in root.find_all(DROPPED):
        element.decompose()
    mark_mammoth_notes(root)
    for element in root.find_all("a"):
        tidy_link(element)
    for element in root.find_all(BLOCKS):
        element.name = "div"
    for element in root.find_all("dt"):
        # CommonMark has no definition lists: the term becomes a bold line of its own.
        element.name = "strong"
        element.wrap(root_soup(root).new_tag("p"))
    for element in root.find_all("dd"):
        element.name = "p"
    for element in root.find_all("dl"):
        element.name = "div"
    for element in root.find_all(HEADING):
        if not element.get_text(strip=True):
            element.decompose()


def root_soup(element: BeautifulSoup | Tag) -> BeautifulSoup:
    while element.parent is not None:
        element = element.parent
    return element  # type: ignore[return-value]


def mark_mammoth_notes(root: BeautifulSoup | Tag) -> None:
    """mammoth ends the document with its footnotes and endnotes as one <ol>: give it a
    "Notes" heading, one level below the document's top headings, and drop the "↑" links."""
    for note_list in root.find_all("ol"):
        items = note_list.find_all("li", recursive=False)
        if not items or not all(_NOTE_ID.match(str(item.get("id", ""))) for item in items):
            continue
        for link in note_list.find_all("a", href=_NOTE_BACKLINK):
            link.decompose()
        levels = [int(h.name[1]) for h in root.find_all(HEADING)]
        heading = root_soup(root).new_tag(f"h{min(6, min(levels, default=1) + 1)}")
        heading.string = "Notes"
        note_list.insert_before(heading)


def tidy_link(link: Tag) -> None:
    """Web links stay links; links within the document (notes, chapters) become text."""
    href = str(link.get("href", "")).strip()
    kinds = set(str(link.get("epub:type", "")).split()) | set(str(link.get("role", "")).split())
    if kinds & {"backlink", "doc-backlink"} and _BACKLINK_TEXT.match(link.get_text()):
        link.decompose()
        return
    if kinds & {"noteref", "doc-noteref"} or href.startswith("#footnote-") or href.startswith("#endnote-"):
        text = link.get_text(strip=True)
        if text and not text.startswith("["):
            link.string = f"[{text}]"
        if link.parent is not None and link.parent.name == "sup":
            link.parent.unwrap()
        link.unwrap()
        return
    if _WEB_LINK.match(href):
        # A space or a bracket would end the Markdown link early.
        link["href"] = quote(href, safe=":/?#[]@!$&'*+,;=%~")
    else:
        link.unwrap()


def normalise_markdown(markdown: str) -> str:
    markdown = _TRAILING_SPACE.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n"))
    markdown = _BLANK_LINES.sub("\n\n", markdown).strip()
    return markdown + "\n" if markdown else ""

