"""Which article a project's source goes into: one the library has, or one added for it.

A source goes into an article the library held before the import only when it is that
article, in this order:

1. the article our own export kept in the project (its record in a Note): the same id and
   the same `added` time, however its text has changed since;
2. the article whose text is the source's text (the same text hash: a project exported
   from glossator, or one that went through another tool and kept the words), or whose
   body is (the same content hash: the plain-text article an earlier import of the
   project added), or whose body is the body our export kept;
3. the article at the address our export kept (its web address or its file);
4. an article of the same title (case, spacing and Unicode normalisation ignored) whose
   text has the same words, spaced differently (another tool re-wrapped the lines).

A title alone never decides: "Interview 1" in a QDA project and "Interview 1" in the
library are often two interviews, and three articles called "Café" are three articles.
Otherwise the source becomes a new article: the article as our export kept it (its record
and body: Markdown, a PDF's pages) when the project has that, else the source's text as a
plain-text article. Articles this import adds are never matched by a later source: two
sources are two articles, as they were in the project.

`add_source_article` is the domain's own small `add`: `reader/cli/adding.py` builds the
document to check the text and hash it, which the domain cannot; here the text is known
to be text, and its hash is recorded when the import's marks are committed.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from annotations.citation.citekeys import assign_citekey
from annotations.interchange.urls import normalise_url
from annotations.model import Article, normalise_name
from annotations.naming import article_slug
from annotations.store import BODY_FILES, Library

TextOf = Callable[[Article], tuple[str, Any]]
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
    """The library's articles as they were before the import, for matching sources."""

    def __init__(self, articles: Iterable[Article], text_of: TextOf) -> None:
        self.text_of = text_of
        self.by_id: dict[str, Article] = {}
        self.by_hash: dict[str, Article] = {}
        self.by_content: dict[str, Article] = {}
        self.by_address: dict[str, Article] = {}
        self.by_title: dict[str, list[Article]] = {}
        for article in articles:
            self.by_id[article.id] = article
            if article.text_hash:
                self.by_hash.setdefault(article.text_hash, article)
            if article.content_hash:
                self.by_content.setdefault(article.content_hash, article)
            for address in (article.url, article.source):
                if address:
                    self.by_address.setdefault(normalise_url(address), article)
            self.by_title.setdefault(title_key(article.title), []).append(article)

    def match(self, text: str, record: dict[str, Any] | None, name: str) -> Article | None:
        """The article the source of `text` (named `name`, with the article record our
        export kept, if any) is, or None for a source the library does not hold."""
        record = record or {}
        kept_id, kept_added = record.get("id"), record.get("added")
        same = self.by_id.get(kept_id) if isinstance(kept_id, str) else None
        if same is not None and isinstance(kept_added, str) and same.added == kept_added:
            return same
        # The source's text is the article's text, or its body (a plain-text article an
        # earlier import of the project added), or the body our export kept is its body.
        hashed = text_hash(text)
        found = self.by_hash.get(hashed) or self.by_content.get(hashed)
        content = record.get("content_hash")
        if found is None and isinstance(content, str) and content:
            found = self.by_content.get(content)
        for key in ("url", "source"):
            address = record.get(key)
            if found is None and isinstance(address, str) and address:
                found = self.by_address.get(normalise_url(address))
        return found or self._same_words(text, record.get("title"), name)

    def _same_words(self, text: str, kept_title: Any, name: str) -> Article | None:
        title = kept_title if isinstance(kept_title, str) and kept_title else title_of(name)
        words = text.split()
        for article in self.by_title.get(title_key(title), []):
            if self.text_of(article)[0].split() == words:
                return article
        return None


def title_key(title: str) -> str:
    """A key equal for one title written in other cases, spacings or Unicode forms."""
    return normalise_name(unicodedata.normalize("NFC", title))


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
