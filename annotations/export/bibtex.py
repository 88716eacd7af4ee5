"""BibLaTeX for pandoc, Zotero and LaTeX: one entry per article, keyed by its citekey.

Entry types. A newspaper or magazine article is `@article` with `entrysubtype =
{newspaper}` and the paper as `journaltitle`: biblatex's documented form for a
newspaper, which pandoc reads back as CSL `article-newspaper` and Zotero as an
article with its publication. Anything else (a news site's article, a web page) is
`@online` with the site as `journaltitle`: pandoc reads `@online` as a CSL `webpage`
and takes `journaltitle` as its container title, and Zotero as the website title;
`url` and `urldate` (the accessed date) are the fields all three read.

Text is kept in Unicode (biber, pandoc and Zotero read UTF-8) with LaTeX's special
characters escaped. A corporate author is braced as one name: `{{City Council}}`.
Capitals after a title's first word are braced, `{Northport}`, because pandoc and
biblatex styles lowercase unprotected words when they put an English title in
sentence case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotations.metadata import NEWSPAPER, article_type
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


def bibtex_entry(article: Article) -> str:
    newspaper = article_type(article) == NEWSPAPER
    fields = [
        ("author", " and ".join(_name(parse_name(a)) for a in article.authors)),
        ("title", protect_capitals(escape(article.title))),
        ("journaltitle", escape(article.site)),
        ("entrysubtype", "newspaper" if newspaper else ""),
        ("date", article.published if _DATE.match(article.published) else ""),
        ("note", "" if _DATE.match(article.published) or not article.published
         else escape(f"Published {article.published}")),
        ("url", _url(article.url)),
        ("urldate", article.accessed if _DATE.match(article.accessed) else ""),
        ("langid", LANGIDS.get(article.language, escape(article.language))),
        ("keywords", escape(", ".join(article.tags))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    entry_type = "article" if newspaper else "online"
    return f"@{entry_type}{{{article.citekey or article.id},\n{body}\n}}\n"


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


def _url(url: str) -> str:
    # biblatex reads url verbatim; only braces would end the field early.
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")
