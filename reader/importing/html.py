"""HTML pages: trafilatura finds the article (no navigation, ads or comments) and its
metadata; the article is kept as Markdown so its headings, lists and emphasis survive."""

from __future__ import annotations

import re

from annotations.errors import SourceError
from reader.importing.article_source import ImportedArticle

_MIN_WORDS = 10
_LANG = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)


def import_html(html: str, source: str, where: str, url: str = "") -> ImportedArticle:
    import trafilatura

    body = trafilatura.extract(
        html,
        url=url or None,
        output_format="markdown",
        include_formatting=True,
        include_links=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=True,
    )
    if not body or len(body.split()) < _MIN_WORDS:
        raise SourceError(
            f"{where} holds no article text glossator can find; open the page's "
            "article (or reader) view, save that, and add it again"
        )
    # No extensive date search: it guesses from any date-like link on the page (an
    # archive link "/2023" became the publication date), and a wrong year in a
    # citation is worse than none.
    meta = trafilatura.extract_metadata(html, default_url=url or None, extensive=False)
    article = ImportedArticle(body=body.strip() + "\n", format="markdown", source=source)
    if meta is not None:
        article.title = (meta.title or "").strip()
        article.authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
        article.site = (meta.sitename or meta.hostname or "").strip()
        article.published = (meta.date or "").strip()
        article.url = (meta.url or url or "").strip()
        article.tags = [t for t in (meta.tags or []) if t]
    lang = _LANG.search(html[:5000])
    if lang:
        article.language = lang.group(1)
    if not article.url:
        article.url = url
    return article
