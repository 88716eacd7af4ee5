"""CSL items: an article's metadata as the Citation Style Language data model has it.

The one mapping from our fields to CSL variables. glossator's own citations
(annotations/citation/render.py) and the CSL-JSON export both use it.
"""

from __future__ import annotations

import re
from typing import Any

from annotations.citation.organisations import cited_names
from annotations.metadata import (
    BOOK,
    CHAPTER,
    JOURNAL,
    NEWSPAPER,
    REPORT,
    article_type,
    bare_doi,
    fields_for_type,
)
from annotations.model import Article
from annotations.names import parse_name

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SCHOLARLY = {"volume": "volume", "issue": "issue", "pages": "page", "edition": "edition",
              "number": "number", "publisher": "publisher", "place": "publisher-place"}
"""Our scholarly fields and the CSL variables they fill, for the types cited with them."""
UNCONTAINED = (REPORT, BOOK)
"""Types that stand alone: a report or a book is not published in a site or journal."""
CSL_TYPES = {NEWSPAPER: "article-newspaper", JOURNAL: "article-journal", REPORT: "report",
             BOOK: "book", CHAPTER: "chapter"}
"""Our types to CSL's; the rest (news, webpage) are `webpage`."""


def csl_type(article: Article) -> str:
    """`article-newspaper` for newspaper and magazine articles, `article-journal`, `report`,
    `book`, `chapter` for scholarly works, else `webpage`.

    A news site article is a `webpage` whose `container-title` is the site: that is
    how APA (news websites) and MLA (a website as container) treat it.
    """
    return CSL_TYPES.get(article_type(article), "webpage")


def csl_date(value: str) -> dict[str, Any] | None:
    """`{"date-parts": [[2024, 3, 14]]}` for "2024-03-14"; a literal for anything else."""
    value = value.strip()
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        return {"literal": value}
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def csl_names(names: list[str]) -> list[dict[str, str]]:
    return [parse_name(name).to_csl() for name in names]


def csl_item(article: Article) -> dict[str, Any]:
    """The article as a CSL item: the fields every work has, and those its type is cited
    with. A value kept from another type (the news site of an article since set to be a
    book) stays in the record but is not cited: "In *Coastal Daily News*" for a book."""
    kind = article_type(article)
    cited = set(fields_for_type(kind))
    item: dict[str, Any] = {"id": article.citekey or article.id, "type": csl_type(article),
                            "title": article.title}
    # An author that is the site or publisher is the organisation ("Welle, D." never),
    # however late the site was set and whatever the record says.
    names = cited_names(article)
    if article.authors:
        item["author"] = csl_names(names.authors)
    if article.editors and "editors" in cited:
        item["editor"] = csl_names(names.editors)
    optional = {
        "container-title": article.site if kind not in UNCONTAINED else "",
        "issued": csl_date(article.published),
        "accessed": csl_date(article.accessed),
        **{variable: getattr(article, name) for name, variable in _SCHOLARLY.items()
           if name in cited},
        "DOI": bare_doi(article.doi),  # the styles write https://doi.org/ before it
        "URL": article.url,
        "language": article.language,
        # CSL has one `keyword` variable: the source's keywords, then the user's tags.
        "keyword": ", ".join(dict.fromkeys([*article.keywords, *article.tags])),
    }
    if "page" in optional:
        # CSL-JSON writes ranges with a hyphen (Zotero does); styles print the en dash.
        optional["page"] = optional["page"].replace("–", "-")
    item.update({key: value for key, value in optional.items() if value})
    return item
