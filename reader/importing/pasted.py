"""Pasted text (`glossator add -`, the add dialog's paste field): its format is sniffed.

- **HTML** when it starts with a tag or a doctype, or is mostly markup. A whole page goes
  through trafilatura like a saved page, and so does a fragment that carries a page's
  furniture (<nav>, <header>, <footer>, <aside>, menus, comments, share bars: a "select
  all" copy). A plain selection is what the user chose, every word of it, so it is
  converted whole (clean_html), as is any fragment where trafilatura finds no article.
- **Markdown** on clear signs only: front matter, a `#` heading, a fenced code block, a
  `[link](…)`, or two other kinds of Markdown (lists, emphasis, quotes, tables). Plain
  text read as Markdown would lose its one-paragraph-per-line paragraphs.
- **Plain text** otherwise.

The title is the one given, else what the content says (front matter, <title>, the first
heading, a short first line), else the first line cut to a title's length.
"""

from __future__ import annotations

import re

from annotations.errors import SourceError
from annotations.textsafety import plain_metadata
from reader.importing.article_source import ImportedArticle

PASTED = "pasted text"
_HTML_START = re.compile(
    r"\A\s*(?:<!doctype\s+html|<\?xml|<!--|<(?:html|head|body|article|main|section|div|p|span|"
    r"h[1-6]|ul|ol|li|table|blockquote|a|b|i|em|strong|meta|title|header|figure|pre|font|"
    r"style|br|hr|img|dl|tr|td)\b[^<>]*>)", re.I)
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>")
_MARKUP_SHARE = 0.3
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_FENCE = re.compile(r"^(?:```|~~~)", re.M)
_LINK = re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)")
_ITEM = r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S"
_SIGNS = {
    "list": re.compile(rf"^{_ITEM}.*\n{_ITEM}", re.M),  # two items in a row
    "emphasis": re.compile(r"(?<![\w*])(?:\*\*|__)\S(?:.*?\S)?(?:\*\*|__)(?![\w*])"
                           r"|(?<![\w*])\*\S[^*\n]*\S\*(?![\w*])"),
    "quote": re.compile(r"^>[ \t]?\S", re.M),
    "table": re.compile(r"^\|.*\|[ \t]*\n\|[ \t:|-]+\|[ \t]*$", re.M),
    "setext": re.compile(r"^\S.*\n(?:=+|-{3,})[ \t]*$", re.M),
}
_MAX_TITLE = 120
_PAGE_FURNITURE = re.compile(
    r"<(?:nav|header|footer|aside|form)\b|<[^>]+\b(?:class|id|role)\s*=\s*[\"'][^\"']*"
    r"(?:nav|menu|comment|footer|sidebar|share|advert|banner|cookie|related|newsletter)", re.I)


def import_pasted(text: str, title: str | None = None, source: str = PASTED) -> ImportedArticle:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(f"the {source} is empty; paste an article's text (or give a file or URL)")
    kind = sniff(text)
    if kind == "html":
        article = pasted_html(text, source)
    elif kind == "markdown":
        from reader.importing.markdown import import_markdown

        article = import_markdown(text, source, "")
        if not article.body.strip():
            raise SourceError(f"the {source} has front matter but no text; paste the article below it")
    else:
        from reader.importing.text import import_text

        article = import_text(text, source, "")
    given = " ".join((title or "").split())
    article.made_plain()
    article.title = plain_metadata(given) or article.title or plain_metadata(first_line_title(article))
    return article


def sniff(text: str) -> str:
    """"html", "markdown" or "text"."""
    if _HTML_START.match(text):
        return "html"
    tags = _TAG.findall(text)
    if len(tags) >= 3 and sum(map(len, tags)) >= _MARKUP_SHARE * len(text.strip()):
        return "html"
    if _FRONT_MATTER.match(text) or _ATX_HEADING.search(text) or _FENCE.search(text) \
            or _LINK.search(text):
        return "markdown"
    if sum(bool(sign.search(text)) for sign in _SIGNS.values()) >= 2:
        return "markdown"
    return "text"


def pasted_html(html: str, source: str) -> ImportedArticle:
    from reader.importing.html import import_html

    whole_page = bool(re.match(r"\A\s*(?:<!doctype|<\?xml|<html)", html, re.I))
    if not whole_page and not _PAGE_FURNITURE.search(html):
        return fragment_article(html, source)
    try:
        article = import_html(html, source=source, where=f"the {source}")
    except SourceError:
        if whole_page:
            raise SourceError(
                f"the {source} is a web page with no article text glossator can find; copy "
                "just the article (or its reader view) and paste that"
            ) from None
        return fragment_article(html, source)
    article.source = source
    return article


def fragment_article(html: str, source: str) -> ImportedArticle:
    """A fragment of HTML, converted whole; its head (if any) still gives the metadata."""
    from reader.importing.clean_html import markdown_from_html
    from reader.importing.html import fill_page_metadata, read_head

    body = markdown_from_html(html)
    if not body.strip():
        raise SourceError(f"the {source} is HTML with no text in it; paste the article's text")
    article = ImportedArticle(body=body, format="markdown", source=source)
    head = read_head(html)
    fill_page_metadata(article, head, None, "")
    if not article.title and head.headline:
        article.title = head.headline
    return article


def first_line_title(article: ImportedArticle) -> str:
    """The first line as the reader shows it (no markup), cut at a word before
    `_MAX_TITLE` characters."""
    from reader.document.build import build_document

    text = build_document(article.body, article.format).text
    line = next((" ".join(part.split()) for part in text.split("\n") if part.strip()), "")
    if len(line) <= _MAX_TITLE:
        return line
    return line[:_MAX_TITLE].rsplit(" ", 1)[0].rstrip(",;:-–—") + "…"

