"""Article metadata: checking and changing it field by field (`glossator meta --set`)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from annotations.errors import GlossatorError
from annotations.model import Article
from annotations.textsafety import plain_metadata

NEWS = "news"
NEWSPAPER = "newspaper"
WEBPAGE = "webpage"
JOURNAL = "journal"
REPORT = "report"
BOOK = "book"
CHAPTER = "chapter"
ARTICLE_TYPES = (NEWS, NEWSPAPER, WEBPAGE, JOURNAL, REPORT, BOOK, CHAPTER)
"""What an article is, for citation styles that tell them apart:

- `news`: an article on a news website (the default);
- `newspaper`: an article of a newspaper or magazine, in print or on its site;
- `webpage`: any other page;
- `journal`: a journal article (the journal is the `site`; `volume`, `issue`, `pages`, `doi`);
- `report`: a report (the institution that issued it is the `publisher`; its `number`);
- `book`: a whole book (`publisher`, `place`, `edition`; `editors` for an edited book);
- `chapter`: a chapter of an edited book (the book's title is the `site`; its `editors`, the
  chapter's `pages`, the book's `publisher`).

CSL calls them webpage, article-newspaper, article-journal, report, book and chapter.
"""
TYPE_ALIASES = {"article-journal": JOURNAL, "journal-article": JOURNAL, "article": JOURNAL,
                "article-newspaper": NEWSPAPER, "magazine": NEWSPAPER, "web": WEBPAGE,
                "book-chapter": CHAPTER, "incollection": CHAPTER, "techreport": REPORT}
"""The CSL and BibTeX names of our types, accepted as `type=` values."""

FIELDS = ("title", "authors", "site", "published", "url", "accessed", "language", "tags",
          "citekey", "type", "keywords", "doi", "volume", "issue", "pages", "publisher", "place",
          "edition", "number", "editors", "page_offset")
BASE_FIELDS = FIELDS[:10]
"""Those every article has (`meta` shows them always): title … type."""
LIST_FIELDS = ("authors", "tags", "keywords", "editors")
DATE_FIELDS = ("published", "accessed")
TYPE_FIELDS = {
    JOURNAL: ("volume", "issue", "pages", "doi"),
    REPORT: ("publisher", "number", "place", "doi"),
    BOOK: ("publisher", "place", "edition", "editors", "doi"),
    CHAPTER: ("editors", "pages", "publisher", "place", "edition", "doi"),
}
"""The fields each scholarly type is cited with, beyond those every article has."""
REFERENCE_FIELDS = ("title", "authors", "site", "published", "url", "accessed", "keywords",
                    "doi", "volume", "issue", "pages", "publisher", "place", "edition", "number",
                    "editors")
"""What a reference entry describes (`meta --from` replaces them all). The rest are
glossator's own or the user's: the id, tags, citekey, language and type (unless the entry
gives them; a language an earlier entry gave goes with it), the page offset, the source,
the added date, the hashes."""

_ALIASES = {"author": "authors", "date": "published", "tag": "tags", "publication": "site",
            "lang": "language", "kind": "type", "journal": "site", "book-title": "site",
            "booktitle": "site", "institution": "publisher", "editor": "editors",
            "keyword": "keywords", "page-offset": "page_offset", "location": "place",
            "report-number": "number"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CITEKEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://\S+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PAGES = re.compile(r"^[\w.]+(?:\s*[-‐‑‒–—]+\s*[\w.]+)?$")
_RANGE_DASH = re.compile(r"\s*[-‐‑‒–—]+\s*")
_ORDINAL_EDITION = re.compile(r"^(\d+)\s*(?:st|nd|rd|th)?\.?(?:\s*(?:ed\.?|edn\.?|edition))?$",
                              re.IGNORECASE)
_INTEGER = re.compile(r"^[+-]?\d+$")


def article_type(article: Article) -> str:
    """The article's type; `news` when none was set.

    Records written before the model had a `type` field keep it in their extra keys:
    a record written either way reads back the same.
    """
    value = getattr(article, "type", "") or article.extra.get("type", "")
    return value if value in ARTICLE_TYPES else NEWS


def set_article_type(article: Article, value: str) -> None:
    article.type = value
    article.extra.pop("type", None)


def fields_for_type(kind: str) -> tuple[str, ...]:
    """The scholarly fields a work of type `kind` is cited with (none for web pages)."""
    return TYPE_FIELDS.get(kind, ())


def fields_to_show(article: Article) -> tuple[str, ...]:
    """The fields worth showing for this article: those every article has, those its
    type is cited with, and any other that holds a value (a PDF's page offset too)."""
    wanted = set(BASE_FIELDS) | set(fields_for_type(article_type(article)))
    wanted |= {name for name in FIELDS if getattr(article, name) not in ("", [], None)}
    if article.format == "pages":
        wanted.add("page_offset")
    return tuple(name for name in FIELDS if name in wanted)


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


def is_empty(value: Any) -> bool:
    return value in ("", [], None)


def cleared_fields(before: Article, after: Article) -> list[str]:
    """The fields that held a value before and hold none after, in FIELDS order."""
    return [name for name in FIELDS
            if not is_empty(getattr(before, name)) and is_empty(getattr(after, name))]


def metadata_record(article: Article) -> dict[str, Any]:
    """Every field by name, the keys of `meta --json` (added to, never renamed)."""
    record = {"id": article.id}
    for name in FIELDS:
        value = article_type(article) if name == "type" else getattr(article, name)
        record[name] = list(value) if isinstance(value, list) else value
    record.update(added=article.added, source=article.source)
    return record


def field_key(name: str) -> str:
    """The field a `--set` key names: "journal" → "site", "page-offset" → "page_offset"."""
    key = name.strip().lower()
    return _ALIASES.get(key, key)


def parse_assignment(assignment: str) -> tuple[str, Any]:
    """`("authors", ["Maria Okafor", "{City Council}"])` from "authors=Maria Okafor; {City
    Council}": the field and its checked value. Raises GlossatorError, one line."""
    key, sep, value = assignment.partition("=")
    key = field_key(key)
    if not sep:
        raise GlossatorError(f"{assignment!r} is not KEY=VALUE; e.g. --set title='New title'")
    if key not in FIELDS:
        shown = ", ".join(f.replace("_", "-") for f in FIELDS)
        raise GlossatorError(f"{key!r} is not a metadata field; use one of: {shown}")
    # A value typed or pasted may carry what a PDF's title did: a bidirectional override
    # that shows other words than it holds (annotations/textsafety.py).
    value = plain_metadata(value)
    if key in LIST_FIELDS:
        return key, split_list(value)
    return key, checked_value(key, " ".join(value.split()))


def checked_value(key: str, value: str) -> Any:
    """`value` for field `key` as it is stored, or a one-line GlossatorError saying why not."""
    if key in DATE_FIELDS and value:
        return check_date(value, key)
    checks = {"title": _checked_title, "type": check_type, "language": _checked_language,
              "url": _checked_url, "citekey": _checked_citekey, "doi": check_doi,
              "pages": check_pages, "edition": check_edition, "page_offset": check_page_offset}
    check = checks.get(key)
    return check(value) if check else value


def _checked_title(value: str) -> str:
    if not value:
        raise GlossatorError("the title cannot be empty")
    return value


def check_type(value: str) -> str:
    value = TYPE_ALIASES.get(value.lower(), value.lower()) if value else ""
    if value and value not in ARTICLE_TYPES:
        raise GlossatorError(f"type {value!r} is not one of: {', '.join(ARTICLE_TYPES)}")
    return value


def _checked_language(value: str) -> str:
    if value and not _LANGUAGE.match(value):
        raise GlossatorError(f"language {value!r} is not a language tag; write e.g. en, en-GB, de")
    return value


def _checked_url(value: str) -> str:
    if value and not _URL.match(value):
        raise GlossatorError(f"url {value!r} is not a web address; write it with http:// or https://")
    return value


def _checked_citekey(value: str) -> str:
    if value and not _CITEKEY.match(value):
        raise GlossatorError(
            f"citekey {value!r} must start with a letter and hold only letters, digits and _ : . -"
        )
    return value


def bare_doi(value: str) -> str:
    """`10.1234/abcd` from it, `https://doi.org/10.1234/abcd` or `doi:10.1234/abcd`."""
    return _DOI_PREFIX.sub("", value.strip()).strip()


def check_doi(value: str) -> str:
    """The bare DOI (`bare_doi`), or a one-line error when it is not one."""
    bare = bare_doi(value)
    if bare and not _DOI.match(bare):
        raise GlossatorError(f"doi {value!r} is not a DOI; write it as 10.1234/abcd "
                             "or https://doi.org/10.1234/abcd")
    return bare


def check_pages(value: str) -> str:
    """A page, a range ("112–130", any dash, written with an en dash) or several, comma
    between them."""
    parts = [part.strip() for part in value.split(",")] if value.strip() else []
    for part in parts:
        if not _PAGES.match(part):
            raise GlossatorError(f"pages {value!r} is not a page range; write e.g. 112-130, "
                                 "45 or 3, 7-9")
    return ", ".join(_RANGE_DASH.sub("–", part) for part in parts)


def check_edition(value: str) -> str:
    """An edition's number ("2" from "2", "2nd" or "2nd ed."); words ("Rev. ed.") as written.

    Styles print a number as their ordinal ("2nd ed."), and BibTeX wants the bare number.
    """
    match = _ORDINAL_EDITION.match(value.strip())
    return match.group(1) if match else value.strip()


def check_page_offset(value: str) -> int | None:
    """A whole number; empty clears it (None: the source's own numbers). Whether it
    suits the article (a PDF, no page below 1) is metadata_changes.py's to say."""
    value = value.strip()
    if not value:
        return None
    if not _INTEGER.match(value):
        raise GlossatorError(f"page-offset {value!r} is not a whole number; write e.g. 10 "
                             "(printed page = PDF page + offset), or page-offset= to clear it")
    return int(value)
