"""Rendered citations kept between exports, so `export --all` renders each article once.

They are rendered when an article is added or its details change (`keep_citations`),
so an export finds them ready; an export renders whatever is still missing.

citeproc-py takes about 15 ms for an article's reference and in-text citation; a
library of a thousand articles spent most of its export there, and the next export
rendered the same strings again. This cache keeps, per article, the reference line and
the in-text citation in each shape its marks take, a stand-in where the paragraph, page,
page range or chapter goes (annotations/citation/locators.py), in one file in the library.

An entry is used only while both the article's record and glossator's citation code
(every file of the `annotations` package, the bundled styles, and citeproc-py's
version) are exactly what they were when it was rendered; anything else renders anew.
The file is derived data: unreadable, it is ignored; unwritable, it is not written.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from annotations.atomic import dump_json, write_atomically
from annotations.citation import locators
from annotations.citation import render as citations
from annotations.citation.locators import Locator
from annotations.errors import LibraryError
from annotations.model import Article

CACHE_NAME = "citations-cache.json"
_SHAPE_NAMES = {locators.NONE: "cite0", locators.PARAGRAPH: "cite", locators.PAGE: "cite-page",
                locators.PAGES: "cite-pages", locators.CHAPTER: "cite-chapter"}
"""Where each shape is kept in an article's entry ("cite" and "cite0" as before pages)."""
_SAMPLE_LOCATORS = {locators.NONE: Locator(), locators.PARAGRAPH: Locator(paragraph=1),
                    locators.PAGE: Locator(page="1"), locators.PAGES: Locator(page="1", page_end="2"),
                    locators.CHAPTER: Locator(chapter="Chapter 1", paragraph=1)}


def _kinds_for(article: Article) -> tuple[str, ...]:
    """The shapes an article's marks take: pages for a PDF, chapters for an EPUB."""
    if article.format == "pages":
        return (locators.NONE, locators.PAGE, locators.PAGES, locators.PARAGRAPH)
    if article.format == "chapters":
        return (locators.NONE, locators.CHAPTER, locators.PARAGRAPH)
    return (locators.NONE, locators.PARAGRAPH)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of everything that shapes a citation: our code, the styles, citeproc."""
    package = Path(citations.__file__).parent
    domain = package.parent
    shaping = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    # The item data come from these too: the fields, the types, the name splitting.
    shaping += [domain / name for name in ("metadata.py", "model.py", "names.py")]
    digest = hashlib.sha256()
    for path in sorted(shaping):
        digest.update(path.relative_to(domain).as_posix().encode())
        digest.update(path.read_bytes())
    with suppress(metadata.PackageNotFoundError):
        digest.update(metadata.version("citeproc-py").encode())
    return digest.hexdigest()[:16]


def _article_key(article: Article) -> str:
    """What the article's citations are rendered from: its CSL item and its type, and
    whether it has pages or chapters (which locator shapes are kept). A refresh that
    changes only the body (its hashes) keeps the rendered citations."""
    from annotations.citation.csl import csl_item
    from annotations.metadata import article_type

    shaping = {"item": csl_item(article), "type": article_type(article), "format": article.format}
    record = json.dumps(shaping, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(record.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class CitationCache:
    """Reference lines and in-text citations (APA, Markdown) of articles, as notes use them."""

    def __init__(self, library_folder: Path | None = None) -> None:
        self.path = library_folder / CACHE_NAME if library_folder else None
        self._entries: dict[str, dict[str, Any]] = self._load()
        self._checked: dict[str, dict[str, Any]] = {}
        """Entries already matched to their article in this run (an export renders each
        article's marks one after another; hashing its record once is enough)."""
        self._changed = False

    def _load(self) -> dict[str, dict[str, Any]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("code") != code_fingerprint():
            return {}
        entries = data.get("articles")
        return entries if isinstance(entries, dict) else {}

    def _entry(self, article: Article) -> dict[str, Any]:
        checked = self._checked.get(article.id)
        if checked is not None and checked.get("article") is article:
            return checked["entry"]
        key = _article_key(article)
        entry = self._entries.get(article.id)
        if not isinstance(entry, dict) or entry.get("key") != key:
            entry = self._entries[article.id] = {"key": key}
            self._changed = True
        self._checked = {article.id: {"article": article, "entry": entry}}
        return entry

    def reference(self, article: Article) -> str:
        entry = self._entry(article)
        if not isinstance(entry.get("reference"), str):
            entry["reference"] = citations.reference(article, markup="markdown")
            self._changed = True
        return entry["reference"]

    def in_text(self, article: Article, locator: Locator) -> str:
        """The parenthetical citation with a mark's locator ("p. 12", "Chapter 1, para. 3",
        "para. 4"; none for an empty one)."""
        kind = locator.kind
        name = _SHAPE_NAMES[kind]
        entry = self._entry(article)
        shape = entry.get(name)
        if not isinstance(shape, str):
            shape = citations.citation_shape(article, kind, markup="markdown")
            entry[name] = shape
            self._changed = True
        filled = citations.fill_locator(shape, locator, markup="markdown")
        # A style that spells the number out cannot be filled in: rendered each time.
        return filled if filled is not None else citations.in_text(article, locator=locator,
                                                                   markup="markdown")

    def prepare(self, article: Article) -> None:
        """Render an article's citations now (after it is added or its details change),
        so the next export finds them kept: the shapes its marks can take."""
        self.reference(article)
        for kind in _kinds_for(article):
            self.in_text(article, _SAMPLE_LOCATORS[kind])

    def save(self, article_ids: set[str] | None = None) -> None:
        """Keep what was rendered, when the library can take it now; never an error.

        With `article_ids` (the library's articles), entries of removed articles go.
        """
        if article_ids is not None and not set(self._entries) <= article_ids:
            self._entries = {k: v for k, v in self._entries.items() if k in article_ids}
            self._changed = True
        if self.path is None or not self._changed:
            return
        from annotations.locking import LibraryLock

        try:
            with LibraryLock(self.path.parent, wait_seconds=0).hold("glossator export"):
                data = dump_json({"code": code_fingerprint(), "articles": self._entries})
                write_atomically(self.path, data, durable=False)
        except LibraryError:
            return
        self._changed = False


def keep_citations(library_folder: Path, article: Article) -> None:
    """Render and keep `article`'s citations; a cost of ~10 ms paid once, when it changes,
    not by every export. Never an error: the cache is derived data."""
    try:
        cache = CitationCache(library_folder)
        cache.prepare(article)
        cache.save()
    except Exception:  # noqa: BLE001 - a citation that cannot render now renders at export
        return
