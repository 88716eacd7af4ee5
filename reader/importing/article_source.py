"""What every importer returns: the body to store and the metadata found with it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportedArticle:
    body: str
    format: str  # "markdown", "text", "pages" or "chapters" (see Article.format)
    source: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
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
