"""BibLaTeX for pandoc, Zotero and LaTeX: one entry per article, keyed by its citekey.

Entry types. A newspaper or magazine article is `@article` with `entrysubtype =
{newspaper}` and the paper as `journaltitle`: biblatex's documented form for a
newspaper, which pandoc reads back as CSL `article-newspaper` and Zotero as an
article with its publication. A news site's article or a web page is `@online` with
the site as `journaltitle`: pandoc reads `@online` as a CSL `webpage` and takes
`journaltitle` as its container title, and Zotero as the website title; `url` and
`urldate` (the accessed date) are the fields all three read.

Scholarly works take biblatex's own types and fields: a journal article `@article`
(journaltitle, volume, number for the issue, pages, doi); a report `@report` (type,
number, institution, location); a book `@book` (editor, edition, publisher, location);
a chapter `@incollection` (booktitle, editor, pages, publisher, location). Page ranges
are written with `--`, LaTeX's en dash.

Text is kept in Unicode (biber, pandoc and Zotero read UTF-8) with LaTeX's special
characters escaped. A corporate author is braced as one name: `{{City Council}}`.
Capitals after a title's first word are braced, `{Northport}`, because pandoc and
biblatex styles lowercase unprotected words when they put an English title in
sentence case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotations.citation.organisations import cited_names
from annotations.metadata import BOOK, CHAPTER, JOURNAL, NEWSPAPER, REPORT, article_type, bare_doi
from annotations.model import Article
from annotations.names import Name, parse_name

_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_SPECIAL = re.compile("|".join(re.escape(c) for c in _SPECIALS))
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

LANGIDS = {
    "en": "english", "en-US": "american", "en-GB": "british", "en-AU": "australian",
    "en-CA": "canadian", "en-NZ": "newzealand", "de": "ngerman", "de-AT": "naustrian",
    "de-CH": "nswissgerman", "fr": "french", "es": "spanish", "it": "italian", "nl": "dutch",
    "pt": "portuguese", "pt-BR": "brazilian", "sv": "swedish", "da": "danish", "nb": "norsk",
    "fi": "finnish", "pl": "polish", "cs": "czech", "ru": "russian", "tr": "turkish",
}
"""Language tags (BCP 47) to the babel names biblatex's `langid` takes; pandoc maps
them back. A tag not listed is written as it is."""


def export_bibtex(articles: Iterable[Article]) -> str:
    return "\n".join(bibtex_entry(article) for article in articles)


ENTRY_TYPES = {NEWSPAPER: "article", JOURNAL: "article", REPORT: "report", BOOK: "book",
               CHAPTER: "incollection"}
"""biblatex entry types of our types; news and web pages are `@online`."""


def bibtex_entry(article: Article) -> str:
    kind = article_type(article)
    # As the citations do (annotations/citation/csl.py): an author that is the site or
    # publisher is the organisation, however late the site was set.
    names = cited_names(article)
    fields = [
        ("author", _names(names.authors)),
        ("editor", _names(names.editors) if kind in (BOOK, CHAPTER) else ""),
        ("title", protect_capitals(escape(article.title))),
        *_container_fields(article, kind),
        ("edition", escape(article.edition) if kind in (BOOK, CHAPTER) else ""),
        ("date", article.published if _DATE.match(article.published) else ""),
        ("note", "" if _DATE.match(article.published) or not article.published
         else escape(f"Published {article.published}")),
        ("doi", _verbatim(bare_doi(article.doi))),
        ("url", _verbatim(article.url)),
        ("urldate", article.accessed if _DATE.match(article.accessed) else ""),
        ("langid", LANGIDS.get(article.language, escape(article.language))),
        ("keywords", escape(", ".join(dict.fromkeys([*article.keywords, *article.tags])))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    entry_type = ENTRY_TYPES.get(kind, "online")
    return f"@{entry_type}{{{article.citekey or article.id},\n{body}\n}}\n"


def _container_fields(article: Article, kind: str) -> list[tuple[str, str]]:
    """Where the work appeared, in the fields biblatex gives its entry type."""
    pages = escape(article.pages).replace("–", "--")
    if kind == REPORT:
        return [("type", "Report"), ("number", escape(article.number)),
                ("institution", escape(article.publisher)), ("location", escape(article.place))]
    if kind in (BOOK, CHAPTER):
        return [("booktitle", escape(article.site) if kind == CHAPTER else ""),
                ("pages", pages if kind == CHAPTER else ""),
                ("publisher", escape(article.publisher)), ("location", escape(article.place))]
    return [("journaltitle", escape(article.site)),
            ("entrysubtype", "newspaper" if kind == NEWSPAPER else ""),
            ("volume", escape(article.volume) if kind in (JOURNAL, NEWSPAPER) else ""),
            ("number", escape(article.issue) if kind in (JOURNAL, NEWSPAPER) else ""),
            ("pages", pages if kind in (JOURNAL, NEWSPAPER) else "")]


def escape(text: str) -> str:
    """`text` with LaTeX's special characters escaped; everything else kept as Unicode."""
    return _SPECIAL.sub(lambda m: _SPECIALS[m.group()], " ".join(text.split()))


def protect_capitals(title: str) -> str:
    """Brace each word after the first that holds a capital: "{Northport} harbour"."""
    words = title.split(" ")
    return " ".join(
        [words[0]] + [f"{{{w}}}" if _has_capital(w) and "\\" not in w else w for w in words[1:]]
    )


def _has_capital(word: str) -> bool:
    return any(c.isupper() for c in word)


def _name(name: Name) -> str:
    if name.literal:
        # Braced whole: BibTeX would otherwise read "City Council" as given "City",
        # family "Council", and split at any " and " inside it.
        return f"{{{escape(name.literal)}}}"
    family = " ".join(p for p in (name.particle, name.family) if p)
    parts = [escape(family)]
    if name.suffix:
        parts.append(escape(name.suffix))
    if name.given:
        parts.append(escape(name.given))
    return ", ".join(parts)


def _names(names: list[str]) -> str:
    return " and ".join(_name(parse_name(n)) for n in names)


def _verbatim(value: str) -> str:
    # biblatex reads url and doi verbatim; only braces would end the field early.
    return value.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")
