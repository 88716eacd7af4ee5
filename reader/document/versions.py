"""An article's texts across refreshes: an earlier version's, or the current one's, as
`glossator diff` compares them and the versions screen shows them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.model import Article
    from annotations.store import Library
    from annotations.versions import Version


def version_text(library: Library, article: Article, version: Version | None) -> str:
    """The plain text of `version` of the article, or of its current text when None."""
    if version is None:
        from reader.document.cache import load_document

        return load_document(library, article).text
    from annotations.versions import version_body
    from reader.document.build import build_document

    return build_document(version_body(library, article, version), version.format,
                          article.page_offset).text


def current_source(article: Article) -> str:
    """Where the current text was read from: its file, or else its page ("" when pasted)."""
    return article.source or article.url
