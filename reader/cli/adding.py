"""Adding a source to the library: import, metadata overrides, duplicates, the document."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from annotations.errors import SourceError
from annotations.model import Article
from annotations.naming import article_slug
from annotations.store import Library
from reader.document.cache import content_hash, save_document
from reader.importing import ImportedArticle, import_source

OVERRIDABLE = ("title", "authors", "site", "published", "url", "tags", "language", "accessed")


@dataclass
class Added:
    article: Article
    existed: bool
    """True when the same source or content was already in the library."""
    warnings: list[str] = field(default_factory=list)
    """The importer's lines for the user (pages of a damaged PDF that gave no text)."""


def add_source(library: Library, source: str, overrides: dict | None = None) -> Added:
    """Import `source` and store it, unless the library already holds it."""
    imported = import_source(source)
    for key, value in (overrides or {}).items():
        if key in OVERRIDABLE and value:
            setattr(imported, key, value)
    return add_imported(library, imported)


def import_for_refresh(source: str, pasted: str | None = None) -> ImportedArticle:
    """The new body of an article being refreshed: from `source`, or from pasted text."""
    if pasted is not None:
        from reader.importing.pasted import import_pasted

        imported = import_pasted(pasted)
        imported.source = ""
        return imported
    return import_source(source)


def add_pasted(library: Library, text: str, overrides: dict | None = None) -> Added:
    """Store pasted text (HTML, Markdown or plain text, sniffed) as an article."""
    from reader.importing.pasted import import_pasted

    title = (overrides or {}).get("title") or None
    imported = import_pasted(text, title=title)
    # Pasted text has no file or address: it is a duplicate only by its content, and
    # there is nothing to read again on refresh.
    imported.source = ""
    for key, value in (overrides or {}).items():
        if key in OVERRIDABLE and value:
            setattr(imported, key, value)
    return add_imported(library, imported)


def add_imported(library: Library, imported: ImportedArticle) -> Added:
    from reader.document.build import build_document

    digest = content_hash(imported.body)
    existing = library.find_duplicate(digest, imported.source)
    if existing is not None:
        return Added(existing, existed=True)
    document = build_document(imported.body, imported.format)
    if not document.text.strip():
        raise SourceError(f"{imported.source} has no readable text once its markup is removed")
    values = {f.name: getattr(imported, f.name) for f in fields(imported)}
    values.pop("body")
    warnings = values.pop("warnings")
    from annotations.metadata import ARTICLE_TYPES

    if values["type"] not in ARTICLE_TYPES:
        values["type"] = ""  # an unknown type in front matter: the default (news)
    title = " ".join(imported.title.split()) or "Untitled"
    values["title"] = title
    article = Article(id=article_slug(title), content_hash=digest,
                      text_hash=document.text_hash, **{k: v for k, v in values.items()
                                                       if k != "title"}, title=title)
    from annotations.citation.citekeys import assign_citekey

    with library.writing("glossator add"):
        existing = library.find_duplicate(digest, imported.source)
        if existing is not None:
            return Added(existing, existed=True)
        article.citekey = assign_citekey(library, article)
        library.add_article(article, imported.body)
        save_document(library, article, document)
    from annotations.citation.cache import keep_citations

    keep_citations(library.folder, article)  # after the lock: the cache takes it itself
    return Added(article, existed=False, warnings=warnings)
