"""Citations: a reference entry and an in-text citation with a paragraph locator.

A plain APA-shaped formatter; the CSL-backed styles replace it.
"""

from __future__ import annotations

from annotations.model import Article
from annotations.names import parse_name

STYLES = ("apa",)


def _author_part(article: Article) -> str:
    names = [parse_name(a) for a in article.authors]
    if not names:
        return article.site or article.title
    first = names[0]
    return first.literal or first.family


def in_text(article: Article, style: str = "apa", paragraph: int = 0, markup: str = "text") -> str:
    year = article.year or "n.d."
    parts = [_author_part(article), year]
    if paragraph:
        parts.append(f"para. {paragraph}")
    return "(" + ", ".join(parts) + ")"


def reference(article: Article, style: str = "apa", markup: str = "text") -> str:
    authors = ", ".join(article.authors)
    title = article.title
    site = f"*{article.site}*" if markup == "markdown" and article.site else article.site
    bits = [b for b in (authors, f"({article.published or 'n.d.'})", title, site, article.url) if b]
    return ". ".join(bits)
