"""Citations: a reference entry and an in-text citation with its locator.

APA 7, Chicago 17 author-date and MLA 9, rendered by citeproc-py from the CSL styles
bundled in annotations/citation/styles/, in plain text or Markdown (italics as `*…*`),
for news and web pages, journal articles, reports, books and book chapters. The
locator (page, chapter or paragraph) is annotations/citation/locators.py's.

citeproc-py gets parts of these styles wrong. Faults in its processor are patched in
annotations/citation/cslfixes.py; here the item data are shaped per style where a style's rule
is beyond CSL (`_style_item`), and the output text is mended where citeproc-py drops a
locale rule (`_polish`). Each fix names its fault. The tests in tests/test_citations.py,
tests/test_references.py and tests/test_locators.py hold the manuals' rules as exact
strings.

citeproc is imported only when a citation is first rendered: start-up stays fast.
"""

from __future__ import annotations

import json
import re
import warnings
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from annotations.citation import locators
from annotations.citation.csl import csl_item
from annotations.citation.locators import Locator
from annotations.citation.organisations import same_organisation
from annotations.errors import GlossatorError
from annotations.metadata import JOURNAL, NEWS, NEWSPAPER, REPORT, WEBPAGE, article_type
from annotations.model import Article

STYLES = ("apa", "chicago", "mla")
STYLE_NAMES = {"apa": "APA 7", "chicago": "Chicago 17 author-date", "mla": "MLA 9"}
MARKUPS = ("text", "markdown")

_STYLES_DIR = Path(__file__).parent / "styles"
_STYLE_FILES = {
    "apa": "apa.csl",
    "chicago": "chicago-author-date-17th-edition.csl",
    "mla": "modern-language-association.csl",
}
_PROTOCOL = re.compile(r"^https?://", re.IGNORECASE)
_LEADING_THE = re.compile(r"^The\s+(?=\S)")
WEB_TYPES = (NEWS, NEWSPAPER, WEBPAGE)


def in_text(article: Article, style: str = "apa", locator: Locator | None = None,
            markup: str = "text", *, paragraph: int = 0) -> str:
    """The parenthetical citation: "(Okafor, 2024, p. 12)", "(Okafor, par. 3)",
    "(Melville, 1851, Chapter 1, para. 3)". `paragraph=N` is short for a paragraph locator."""
    _check(style, markup)
    if locator is None:
        locator = Locator(paragraph=max(paragraph, 0))
    item_key = _item_key(article, style, markup)
    shape = _render_shape(item_key, style, locator.kind, markup)
    return fill_locator(shape, locator, style, markup) or _render_cite_with(
        item_key, style, locators.csl_locator(locator, style, _escaper(markup)), markup)


def citation_shape(article: Article, kind: str, style: str = "apa", markup: str = "text") -> str:
    """The in-text citation with a stand-in locator of `kind` (annotations/citation/locators.py),
    to be filled in by `fill_locator` for each mark."""
    _check(style, markup)
    return _render_shape(_item_key(article, style, markup), style, kind, markup)


def fill_locator(shape: str, locator: Locator, style: str = "apa", markup: str = "text") -> str | None:
    """`shape` with the locator in place of its stand-in; None when a style wrote the
    stand-in in a way that cannot be filled in (then render `in_text` itself)."""
    return locators.fill(shape, locator, style, _escaper(markup))


def reference(article: Article, style: str = "apa", markup: str = "text") -> str:
    """The reference-list (works-cited) entry."""
    _check(style, markup)
    return _render_entry(_item_key(article, style, markup), style, markup)


def check_style(style: str) -> str:
    if style not in STYLES:
        raise GlossatorError(f"unknown citation style {style!r}; use one of: {', '.join(STYLES)}")
    return style


def _check(style: str, markup: str) -> None:
    check_style(style)
    if markup not in MARKUPS:
        raise GlossatorError(f"unknown citation markup {markup!r}; use one of: {', '.join(MARKUPS)}")


# The item each style is given -------------------------------------------------------

def _item_key(article: Article, style: str, markup: str) -> str:
    """The style's CSL item as canonical JSON: hashable, so renders can be cached."""
    item = _style_item(article, style)
    if markup == "markdown":
        _escape_item(item)
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


_ESCAPED = ("title", "container-title", "publisher", "publisher-place", "volume", "issue",
            "page", "edition", "number", "genre")


def _escape_item(item: dict[str, Any]) -> None:
    # citeproc-py passes variables through unescaped (its formatters' `preformat`
    # reaches only terms), so a "*" in a title would open Markdown emphasis.
    for key in _ESCAPED:
        if key in item:
            item[key] = _escape_markdown(item[key])
    for role in ("author", "editor"):
        item[role] = [{part: _escape_markdown(value) for part, value in name.items()}
                      for name in item.get(role, [])]
        if not item[role]:
            del item[role]


def _style_item(article: Article, style: str) -> dict[str, Any]:
    item = csl_item(article)
    item["id"] = "item"
    item.pop("keyword", None)
    kind = article_type(article)
    if kind == REPORT and "number" in item:
        # Our records hold no genre, and the styles print a report's number bare without
        # one: "(22-07)". The manuals name it: APA 7 (10.4) "(Report No. 22-07)", MLA 9
        # "Report no. 22-07", and Chicago "Report No. 22-07".
        item.setdefault("genre", "Report")
    if kind == JOURNAL and "container-title" not in item:
        # A journal article whose journal is not known (a PDF with a DOI, typed before
        # anyone named its journal): the styles' journal forms hang the date, volume and
        # pages on the journal's name, and without it Chicago printed the date twice,
        # "*Title*. 2024. March 5, 2024.", and APA a bare italic volume. Cited as the
        # work on its own, as a report is, until the journal is set.
        item["type"] = "report"
        for variable in ("volume", "issue", "page"):
            item.pop(variable, None)
    if style == "apa":
        _shape_for_apa(item, kind)
    elif style == "chicago":
        _shape_for_chicago(item, kind)
    else:
        _shape_for_mla(item, kind)
    return item


def _site_is_author(item: dict[str, Any], kind: str) -> bool:
    # One organisation under two of its names counts too: {Deutsche Welle} on DW.
    authors = item.get("author", [])
    site = item.get("container-title", "")
    return (kind in WEB_TYPES and len(authors) == 1
            and same_organisation(authors[0].get("literal", ""), site))


def _publisher_is_author(item: dict[str, Any]) -> bool:
    authors = item.get("author", [])
    publisher = item.get("publisher", "")
    return len(authors) == 1 and same_organisation(authors[0].get("literal", ""), publisher)


def _shape_for_apa(item: dict[str, Any], kind: str) -> None:
    # APA 9.16: a retrieval date only for pages designed to change; the APA style
    # adds "Retrieved …, from" to every undated web page, news articles included.
    if kind != WEBPAGE and "issued" not in item:
        item.pop("accessed", None)
    # APA 7 (webpages): when the author and the site name are the same, the site
    # name is omitted; the CSL style prints both.
    if _site_is_author(item, kind):
        item.pop("container-title")
    # APA 7 (9.29, 10.4): when the author and the publisher are the same (an agency's
    # own report), the publisher is omitted; the style prints both.
    if _publisher_is_author(item):
        item.pop("publisher")


def _shape_for_chicago(item: dict[str, Any], kind: str) -> None:
    if kind in (NEWS, NEWSPAPER):
        # CMOS 17 (author-date): articles from news sites are cited like newspaper articles
        # (site in italics, full date), so news sites get the newspaper form.
        item["type"] = "article-newspaper"
        # CMOS 17: an initial "The" in an English-language newspaper's name is
        # omitted; CSL data keeps names whole (APA and MLA keep it).
        if "container-title" in item:
            item["container-title"] = _LEADING_THE.sub("", item["container-title"])
    # CMOS 17 (websites): a site owned by the author is not named again ("Yale University.
    # n.d. “About Yale: Yale Facts.” Accessed …").
    if _site_is_author(item, kind):
        item.pop("container-title")


def _shape_for_mla(item: dict[str, Any], kind: str) -> None:
    # MLA 9, 5.95: "you can usually omit http:// or https:// from URLs"; the MLA
    # examples do. The style prints the URL whole.
    if "URL" in item:
        item["URL"] = _PROTOCOL.sub("", item["URL"])
    # MLA 9: a work by an organization that also publishes it begins with the
    # title; the organization stays as the website (or publisher). The style keeps it as
    # author.
    if _site_is_author(item, kind) or _publisher_is_author(item):
        item.pop("author")


# Rendering ----------------------------------------------------------------------------

def _render_shape(item_key: str, style: str, kind: str, markup: str) -> str:
    return _render_cite_with(item_key, style, locators.stand_in(kind), markup)


@lru_cache(maxsize=4096)
def _render_cite_with(item_key: str, style: str, locator: tuple[str, str] | None,
                      markup: str) -> str:
    from citeproc import Citation, CitationItem
    from citeproc import Locator as CslLocator

    item = (CitationItem("item", locator=CslLocator(*locator)) if locator
            else CitationItem("item"))
    citation = Citation([item])
    with _rendering(item_key, style, markup) as bibliography:
        bibliography.register(citation)
        text = str(bibliography.cite(citation, lambda _item: None))
    return _polish(text, style)


@lru_cache(maxsize=1024)
def _render_entry(item_key: str, style: str, markup: str) -> str:
    from citeproc import Citation, CitationItem

    # Fault: citeproc-py renders the bibliography from the registered cites, locator
    # and all, so a cite's "para. 3" leaked into Chicago's entry as "Edition, para. 3".
    # The entry is rendered from a cite of its own, without a locator.
    with _rendering(item_key, style, markup) as bibliography:
        bibliography.register(Citation([CitationItem("item")]))
        entries = bibliography.bibliography()
    return _polish(str(entries[0]) if entries else "", style)


class _rendering:
    """A one-item bibliography, under the render lock, with citeproc's warnings off."""

    def __init__(self, item_key: str, style: str, markup: str) -> None:
        self.item_key, self.style, self.markup = item_key, style, markup

    def __enter__(self) -> Any:
        from citeproc import CitationStylesBibliography
        from citeproc.source.json import CiteProcJSON

        from annotations.citation.cslfixes import RENDER_LOCK, apply

        apply()
        RENDER_LOCK.acquire()
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("ignore")  # citeproc warns of every variable it skips
        try:
            source = CiteProcJSON([json.loads(self.item_key)])
            return CitationStylesBibliography(_load_style(self.style), source,
                                              _formatter(self.markup))
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def __exit__(self, *exc: object) -> None:
        from annotations.citation.cslfixes import RENDER_LOCK

        self._warnings.__exit__(*exc)
        RENDER_LOCK.release()


@lru_cache(maxsize=len(STYLES))
def _load_style(style: str) -> Any:
    from io import BytesIO

    from citeproc import CitationStylesStyle

    from annotations.citation.cslfixes import patch_style

    data = patch_style(style, (_STYLES_DIR / _STYLE_FILES[style]).read_bytes())
    # validate=False: the RELAX NG check costs a second per style and only warns.
    return CitationStylesStyle(BytesIO(data), validate=False)


def _escaper(markup: str) -> Any:
    return _escape_markdown if markup == "markdown" else str


def _formatter(markup: str) -> Any:
    if markup == "text":
        from citeproc.formatter import plain

        return plain
    return _MARKDOWN


def _escape_markdown(text: str) -> str:
    # Only what could start emphasis or code; titles keep their other characters.
    return re.sub(r"([\\*`])", r"\\\1", str(text))


def _italic(text: str) -> str:
    return f"*{text}*"


def _bold(text: str) -> str:
    return f"**{text}**"


_MARKDOWN = SimpleNamespace(
    preformat=_escape_markdown, Italic=_italic, Oblique=_italic, Bold=_bold,
    Light=str, Underline=str, Superscript=str, Subscript=str, SmallCaps=str,
)


# Mending the output ---------------------------------------------------------------------

def _polish(text: str, style: str) -> str:
    # Fault: citeproc-py ignores the en-US locale's punctuation-in-quote="true" (its
    # code for it is commented out), so a period or comma after a quoted title lands
    # outside the closing quote: “Title”. → “Title.” (American usage in all three).
    text = re.sub(r"”([.,])", r"\1”", text)
    # A title that ends in ? or ! takes no period after it.
    text = re.sub(r"([?!][”’*]?)\.", r"\1", text)
    if style == "apa":
        # APA 9.8: with 21 or more authors, an ellipsis of three spaced periods
        # stands between the 19th and the last; CSL writes the ellipsis character.
        text = text.replace("…", ". . .")
        # The APA style writes "Retrieved <date>, from" before the URL of any undated
        # page, taking an access date for granted; with none, "Retrieved" is left
        # dangling: "Retrieved https://…".
        text = re.sub(r"\bRetrieved (?=https?://)", "", text)
    return " ".join(text.split())
