"""What every importer returns: the body to store and the metadata found with it."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotations.textsafety import plain_metadata

_TEXT_FIELDS = ("title", "site", "published", "url", "accessed", "language", "type", "doi",
                "publisher")
_LIST_FIELDS = ("authors", "editors", "tags", "keywords")


@dataclass
class ImportedArticle:
    body: str
    format: str  # "markdown", "text", "pages" or "chapters" (see Article.format)
    source: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    """A book's editors (an EPUB's), kept apart from its authors."""
    site: str = ""
    published: str = ""
    url: str = ""
    accessed: str = ""
    language: str = ""
    tags: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    type: str = ""
    doi: str = ""
    publisher: str = ""
    warnings: list[str] = field(default_factory=list)
    """What the user should know about the import that did not stop it, one line each;
    not stored. (A PDF that damage cost text of is refused, not warned of: damage.py.)"""

    def made_plain(self) -> ImportedArticle:
        """The article with its metadata rid of control characters and of the invisible
        ones that can disguise a title or a name (a PDF's Info title "Report\u202e…", an
        EPUB's dc:title): a value a list prints, a citation quotes. The body is left as
        it is: marks point into it by offset, and the reader shows it safely."""
        for name in _TEXT_FIELDS:
            setattr(self, name, plain_metadata(getattr(self, name)))
        for name in _LIST_FIELDS:
            setattr(self, name, [v for v in map(plain_metadata, getattr(self, name)) if v])
        return self
