"""Article metadata: checking and changing it field by field (`glossator meta --set`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from annotations.errors import GlossatorError
from annotations.model import Article
from annotations.store import Library

FIELDS = ("title", "authors", "site", "published", "url", "accessed", "language", "tags",
          "citekey")
LIST_FIELDS = ("authors", "tags")
DATE_FIELDS = ("published", "accessed")
_ALIASES = {"author": "authors", "date": "published", "tag": "tags", "publication": "site",
            "lang": "language"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CITEKEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]*$")


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
    return {"id": article.id, **{f: getattr(article, f) for f in FIELDS},
            "added": article.added, "source": article.source}


def apply_assignments(library: Library, article: Article, assignments: Iterable[str]) -> Article:
    """Apply `key=value` changes all at once, or none when any is wrong."""
    from annotations.citekeys import assign_citekey

    changes: dict[str, Any] = {}
    for assignment in assignments:
        key, sep, value = assignment.partition("=")
        key = _ALIASES.get(key.strip().lower(), key.strip().lower())
        if not sep:
            raise GlossatorError(f"{assignment!r} is not KEY=VALUE; e.g. --set title='New title'")
        if key not in FIELDS:
            raise GlossatorError(f"{key!r} is not a metadata field; use one of: {', '.join(FIELDS)}")
        value = " ".join(value.split()) if key not in LIST_FIELDS else value
        if key in LIST_FIELDS:
            changes[key] = split_list(value)
        elif key in DATE_FIELDS and value:
            changes[key] = check_date(value, key)
        elif key == "title" and not value:
            raise GlossatorError("the title cannot be empty")
        else:
            changes[key] = value
    with library.writing("glossator meta"):
        current = library.article(article.id)
        for key, value in changes.items():
            setattr(current, key, value)
        if "citekey" in changes:
            taken = {a.citekey for a in library.articles() if a.id != current.id}
            if not current.citekey:
                current.citekey = assign_citekey(library, current, taken)
            elif not _CITEKEY.match(current.citekey):
                raise GlossatorError(
                    f"citekey {current.citekey!r} must start with a letter and hold only "
                    "letters, digits and _ : . -"
                )
            elif current.citekey in taken:
                raise GlossatorError(f"citekey {current.citekey!r} is taken by another article")
        library.update_article(current)
    return current
