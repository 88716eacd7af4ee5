"""Article metadata: checking and changing it field by field (`glossator meta --set`)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from annotations.errors import GlossatorError
from annotations.model import Article

NEWS = "news"
NEWSPAPER = "newspaper"
WEBPAGE = "webpage"
ARTICLE_TYPES = (NEWS, NEWSPAPER, WEBPAGE)
"""What an article is, for citation styles that tell them apart: `news`, an article on a
news website (the default); `newspaper`, an article of a newspaper or magazine, in
print or on its site; `webpage`, any other page."""

FIELDS = ("title", "authors", "site", "published", "url", "accessed", "language", "tags",
          "citekey", "type")
LIST_FIELDS = ("authors", "tags")
DATE_FIELDS = ("published", "accessed")
_ALIASES = {"author": "authors", "date": "published", "tag": "tags", "publication": "site",
            "lang": "language", "kind": "type"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CITEKEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://\S+$")


def article_type(article: Article) -> str:
    """The article's type; `news` when none was set.

    Kept in the record's extra keys until the model has a `type` field: a record
    written either way reads back the same.
    """
    value = getattr(article, "type", "") or article.extra.get("type", "")
    return value if value in ARTICLE_TYPES else NEWS


def set_article_type(article: Article, value: str) -> None:
    if "type" in getattr(article, "__dataclass_fields__", {}):
        article.type = value  # type: ignore[attr-defined]
    elif value:
        article.extra["type"] = value
    else:
        article.extra.pop("type", None)


def check_date(value: str, field: str = "date") -> str:
    value = value.strip()
    if not _DATE.match(value):
        raise GlossatorError(f"{field} {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise GlossatorError(f"{field} {value!r} is not a real date") from None
    return value


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def metadata_record(article: Article) -> dict[str, Any]:
    record = {"id": article.id}
    for name in FIELDS:
        value = article_type(article) if name == "type" else getattr(article, name)
        record[name] = list(value) if isinstance(value, list) else value
    record.update(added=article.added, source=article.source)
    return record


def parse_assignment(assignment: str) -> tuple[str, Any]:
    """`("authors", ["Maria Okafor", "{City Council}"])` from "authors=Maria Okafor; {City
    Council}": the field and its checked value. Raises GlossatorError, one line."""
    key, sep, value = assignment.partition("=")
    key = _ALIASES.get(key.strip().lower(), key.strip().lower())
    if not sep:
        raise GlossatorError(f"{assignment!r} is not KEY=VALUE; e.g. --set title='New title'")
    if key not in FIELDS:
        raise GlossatorError(f"{key!r} is not a metadata field; use one of: {', '.join(FIELDS)}")
    if key in LIST_FIELDS:
        return key, split_list(value)
    return key, _checked(key, " ".join(value.split()))


def _checked(key: str, value: str) -> str:
    if key in DATE_FIELDS and value:
        return check_date(value, key)
    if key == "title" and not value:
        raise GlossatorError("the title cannot be empty")
    if key == "type" and value and value not in ARTICLE_TYPES:
        raise GlossatorError(f"type {value!r} is not one of: {', '.join(ARTICLE_TYPES)}")
    if key == "language" and value and not _LANGUAGE.match(value):
        raise GlossatorError(f"language {value!r} is not a language tag; write e.g. en, en-GB, de")
    if key == "url" and value and not _URL.match(value):
        raise GlossatorError(f"url {value!r} is not a web address; write it with http:// or https://")
    if key == "citekey" and value and not _CITEKEY.match(value):
        raise GlossatorError(
            f"citekey {value!r} must start with a letter and hold only letters, digits and _ : . -"
        )
    return value
