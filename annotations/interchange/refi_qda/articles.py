"""Which article a project's source goes into: one the library has, or one added for it.

A source is matched, in this order, to the article whose text is the source's text (the
same text hash: a project exported from glossator, or one that went through another tool
and kept the words), then to the article at the same address (what our export kept of
it), then to the one article of the same title. Otherwise it becomes a new article: the
article as our export kept it (its record and body: Markdown, a PDF's pages) when the
project has that, else the source's text as a plain-text article.

`add_source_article` is the domain's own small `add`: `reader/cli/adding.py` builds the
document to check the text and hash it, which the domain cannot; here the text is known
to be text, and its hash is recorded when the import's marks are committed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from annotations.citation.citekeys import assign_citekey
from annotations.interchange.urls import normalise_url
from annotations.model import Article, normalise_name
from annotations.naming import article_slug
from annotations.store import BODY_FILES, Library

_FILE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx", ".doc", ".rtf", ".odt", ".pdf",
                  ".html", ".htm")


def text_hash(text: str) -> str:
    """The hash of an article text, as the reader's document model computes it."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def title_of(source_name: str) -> str:
    """A title for a source another tool named after its file: "Interview 3.docx" →
    "Interview 3"."""
    name = " ".join(source_name.split())
    for suffix in _FILE_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)].rstrip()
    return name or "Untitled"


class ArticleIndex:
    """The library's articles by text hash, address and title, for matching sources."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.by_hash: dict[str, Article] = {}
        self.by_address: dict[str, Article] = {}
        self.by_title: dict[str, list[Article]] = {}
        for article in articles:
            self.add(article)

    def add(self, article: Article) -> None:
        if article.text_hash:
            self.by_hash.setdefault(article.text_hash, article)
        for address in (article.url, article.source):
            if address:
                self.by_address.setdefault(normalise_url(address), article)
        self.by_title.setdefault(normalise_name(article.title), []).append(article)

    def match(self, hash_: str, record: dict[str, Any] | None, name: str) -> Article | None:
        found = self.by_hash.get(hash_)
        if found is not None:
            return found
        if record:
            for key in ("url", "source"):
                address = record.get(key)
                if isinstance(address, str) and address:
                    found = self.by_address.get(normalise_url(address))
                    if found is not None:
                        return found
        title = record.get("title") if record and isinstance(record.get("title"), str) else None
        same = self.by_title.get(normalise_name(title or title_of(name)), [])
        return same[0] if len(same) == 1 else None


def kept_article(record: Any) -> Article | None:
    """The article record our export kept, if it is one."""
    if not isinstance(record, dict) or not isinstance(record.get("title"), str):
        return None
    try:
        return Article.from_record({"id": "article", **record})
    except (TypeError, ValueError):
        return None


def add_source_article(library: Library, source_text: str, name: str,
                       kept: Article | None, body: str | None,
                       citekeys: set[str] | None = None) -> Article:
    """Add an article for a source: as our export kept it, else as its plain text.

    `citekeys`, the citekeys the library's articles have, saves reading every article
    again for each of a thousand sources; the new article's is added to it."""
    if kept is not None:
        article = kept
    else:
        title = title_of(name)
        article = Article(id=article_slug(title), title=title)
    if kept is None or body is None or article.format not in BODY_FILES:
        body, article.format = source_text, "text"
    article.id = article.id or article_slug(article.title)
    article.content_hash = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    article.text_hash = ""  # recorded with the marks, once the text is built from the body
    with library.writing("glossator import"):
        taken = citekeys if citekeys is not None else {a.citekey for a in library.articles()}
        if not article.citekey or article.citekey in taken:
            article.citekey = assign_citekey(library, article, taken)
        added = library.add_article(article, body)
    taken.add(added.citekey)
    return added
