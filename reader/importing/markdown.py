"""Markdown files: YAML front matter becomes metadata, the rest is the body.

`keywords:` are the source's own subject words and go to `keywords`; `tags:` are the
user's and stay tags. Authors get the same cleaning as a web page's (authors.py): front
matter is often written by a web clipper, which copies "By Ana Ruiz" or "Staff" as it is.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from reader.importing.article_source import ImportedArticle

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_FIRST_HEADING = re.compile(r"^#{1,2}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)

_KEYS = {
    "title": "title",
    "author": "authors",
    "authors": "authors",
    "creator": "authors",
    "site": "site",
    "publication": "site",
    "publisher": "site",
    "source": "site",
    "date": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "accessed": "accessed",
    "language": "language",
    "lang": "language",
    "tags": "tags",
    "keywords": "keywords",
    "keyword": "keywords",
    "type": "type",
    "doi": "doi",
}


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter mapping (empty when there is none or it is not YAML) and the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError:
        return {}, text  # not front matter after all: keep every line as text
    if not isinstance(data, dict):
        return {}, text
    # The blank lines that set the front matter apart are not part of the article.
    return data, _LEADING_BLANK_LINES.sub("", text[match.end() :])


def import_markdown(text: str, source: str, fallback_title: str) -> ImportedArticle:
    meta, body = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    article = ImportedArticle(body=body, format="markdown", source=source)
    for key, value in meta.items():
        field_name = _KEYS.get(str(key).lower())
        if field_name is None or value is None:
            continue
        if field_name in ("authors", "tags"):
            setattr(article, field_name, as_list(value))
        elif field_name == "keywords":
            from reader.importing.html import split_keywords

            article.keywords = split_keywords(as_list(value))
        else:
            setattr(article, field_name, as_text(value))
    if article.authors:
        from reader.importing.authors import clean_authors

        article.authors = clean_authors(article.authors, [article.site, article.url])
    if not article.title:
        heading = _FIRST_HEADING.search(body)
        article.title = heading.group(1).strip() if heading else fallback_title
    return article


def as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]
    if isinstance(value, list | tuple):
        return [as_text(v) for v in value if as_text(v)]
    return [as_text(value)]


def as_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())
