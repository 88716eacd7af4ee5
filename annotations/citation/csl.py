"""CSL items: an article's metadata as the Citation Style Language data model has it.

The one mapping from our fields to CSL variables. glossator's own citations
(annotations/citation/render.py) and the CSL-JSON export both use it.
"""

from __future__ import annotations

import re
from typing import Any

from annotations.metadata import NEWSPAPER, article_type
from annotations.model import Article
from annotations.names import parse_name

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def csl_type(article: Article) -> str:
    """`article-newspaper` for newspaper and magazine articles, else `webpage`.

    A news site article is a `webpage` whose `container-title` is the site: that is
    how APA (news websites) and MLA (a website as container) treat it.
    """
    return "article-newspaper" if article_type(article) == NEWSPAPER else "webpage"


def csl_date(value: str) -> dict[str, Any] | None:
    """`{"date-parts": [[2024, 3, 14]]}` for "2024-03-14"; a literal for anything else."""
    value = value.strip()
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        return {"literal": value}
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def csl_item(article: Article) -> dict[str, Any]:
    item: dict[str, Any] = {"id": article.citekey or article.id, "type": csl_type(article),
                            "title": article.title}
    if article.authors:
        item["author"] = [parse_name(name).to_csl() for name in article.authors]
    optional = {
        "container-title": article.site,
        "issued": csl_date(article.published),
        "accessed": csl_date(article.accessed),
        "URL": article.url,
        "language": article.language,
        "keyword": ", ".join(article.tags),
    }
    item.update({key: value for key, value in optional.items() if value})
    return item
