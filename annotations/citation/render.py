"""Citations: a reference entry and an in-text citation with a paragraph locator.

APA 7, Chicago 17 author-date and MLA 9, rendered by citeproc-py from the CSL styles
bundled in annotations/citation/styles/, in plain text or Markdown (italics as `*…*`).

citeproc-py gets parts of these styles wrong. Faults in its processor are patched in
annotations/citation/cslfixes.py; here the item data are shaped per style where a style's rule
is beyond CSL (`_style_item`), and the output text is mended where citeproc-py drops a
locale rule (`_polish`). Each fix names its fault. The tests in tests/test_citations.py
hold the published rules as exact strings.

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

from annotations.citation.csl import csl_item
from annotations.errors import GlossatorError
from annotations.metadata import WEBPAGE, article_type
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


def in_text(article: Article, style: str = "apa", paragraph: int = 0, markup: str = "text") -> str:
    """The parenthetical citation: "(Okafor, 2024, para. 3)", "(Okafor, par. 3)"."""
    _check(style, markup)
    return _render_cite(_item_key(article, style, markup), style, max(paragraph, 0), markup)


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


def _escape_item(item: dict[str, Any]) -> None:
    # citeproc-py passes variables through unescaped (its formatters' `preformat`
    # reaches only terms), so a "*" in a title would open Markdown emphasis.
    for key in ("title", "container-title"):
        if key in item:
            item[key] = _escape_markdown(item[key])
    item["author"] = [{part: _escape_markdown(value) for part, value in name.items()}
                      for name in item.get("author", [])]
    if not item["author"]:
        del item["author"]


def _style_item(article: Article, style: str) -> dict[str, Any]:
    item = csl_item(article)
    item["id"] = "item"
    item.pop("keyword", None)
    kind = article_type(article)
    if style == "apa":
        _shape_for_apa(item, kind)
    elif style == "chicago":
        _shape_for_chicago(item, kind)
    else:
        _shape_for_mla(item)
    return item


def _site_is_author(item: dict[str, Any]) -> bool:
    authors = item.get("author", [])
    site = item.get("container-title", "")
    return (len(authors) == 1 and bool(site)
            and authors[0].get("literal", "").casefold() == site.casefold())


def _shape_for_apa(item: dict[str, Any], kind: str) -> None:
    # APA 9.16: a retrieval date only for pages designed to change; the APA style
    # adds "Retrieved …, from" to every undated web page, news articles included.
    if kind != WEBPAGE and "issued" not in item:
        item.pop("accessed", None)
    # APA 7 (webpages): when the author and the site name are the same, the site
    # name is omitted; the CSL style prints both.
    if _site_is_author(item):
        item.pop("container-title")


def _shape_for_chicago(item: dict[str, Any], kind: str) -> None:
    if kind != WEBPAGE:
        # CMOS 17 (author-date): articles from news sites are cited like newspaper articles
        # (site in italics, full date), so news sites get the newspaper form.
        item["type"] = "article-newspaper"
        # CMOS 17: an initial "The" in an English-language newspaper's name is
        # omitted; CSL data keeps names whole (APA and MLA keep it).
        if "container-title" in item:
            item["container-title"] = _LEADING_THE.sub("", item["container-title"])
    # CMOS 17 (websites): a site owned by the author is not named again ("Yale University.
    # n.d. “About Yale: Yale Facts.” Accessed …").
    if _site_is_author(item):
        item.pop("container-title")


def _shape_for_mla(item: dict[str, Any]) -> None:
    # MLA 9, 5.95: "you can usually omit http:// or https:// from URLs"; the MLA
    # examples do. The style prints the URL whole.
    if "URL" in item:
        item["URL"] = _PROTOCOL.sub("", item["URL"])
    # MLA 9: a work by an organization that also publishes it begins with the
    # title; the organization stays as the website. The style keeps it as author.
    if _site_is_author(item):
        item.pop("author")


# Rendering ----------------------------------------------------------------------------

_LOCATOR_STAND_IN = 918273645
"""Rendered in place of a paragraph number, then replaced by it: one render serves every
paragraph of an article (a Markdown note cites each of its marks)."""


def _render_cite(item_key: str, style: str, paragraph: int, markup: str) -> str:
    if not paragraph:
        return _render_cite_with(item_key, style, 0, markup)
    shape = _render_cite_with(item_key, style, _LOCATOR_STAND_IN, markup)
    if shape.count(str(_LOCATOR_STAND_IN)) == 1:
        return shape.replace(str(_LOCATOR_STAND_IN), str(paragraph))
    return _render_cite_with(item_key, style, paragraph, markup)


@lru_cache(maxsize=4096)
def _render_cite_with(item_key: str, style: str, paragraph: int, markup: str) -> str:
    from citeproc import Citation, CitationItem, Locator

    item = (CitationItem("item", locator=Locator("paragraph", str(paragraph))) if paragraph
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
