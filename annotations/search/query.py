"""The search query language, parsed by hand into parts the index can run safely.

    harbour dredging          words: every one must be there (in any order)
    "harbour board"           an exact phrase
    dredg*                    a word's beginning: dredge, dredging, dredged
    -ferry  -"ferry fares"    leave out what holds this word or phrase
    kind:claim                marks of a kind (claim, actor, question, or a tag used as kind)
    tag:funding               marks tagged funding, or funding/… (a tag and the tags under it)
    actor:"Sheinbaum"         marks whose speaker or mentioned actor has this name or alias
    status:disputed           claims (or questions) with this status
    author:ana                marks made by an author with this name
    site:reuters              articles whose site or address holds this
    after:2025-01 before:2025-06   articles published in or after / in or before (YYYY[-MM[-DD]])

Words and filters combine with AND; a filter can be left out too (`-status:supported`).

A word, a colon and more (`title:reform`) is a filter, so a name that is not one is an
error that lists them, not a silent search for two words; `"title:reform"` in quotes
finds the words. Only a name of letters reads as a filter: `10:30`, `covid-19:x` and
`https://…` are words. Whether a kind or a tag exists is for the library to say
(`check_names`).

Nothing the user types reaches FTS5's MATCH as syntax: every word, phrase and filter value
becomes a quoted FTS5 string, so quotes, `-`, `:`, `NEAR`, `AND`, column names and stray
`*` are plain text or a one-line `QueryError`, never an SQLite error.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from annotations.errors import GlossatorError
from annotations.model import BUILTIN_KINDS, CLAIM_STATUSES, QUESTION_STATUSES

MARK_FILTERS = ("kind", "tag", "actor", "status", "author")
ARTICLE_FILTERS = ("site", "after", "before")
FILTERS = MARK_FILTERS + ARTICLE_FILTERS
STATUSES = CLAIM_STATUSES + QUESTION_STATUSES

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_EXAMPLE = 'type a word, a "phrase", a prefix* or a filter such as kind:claim'


class QueryError(GlossatorError):
    """A query that cannot be understood; the message says what and how to write it."""


@dataclass(frozen=True)
class Term:
    """A word or phrase (FTS5 tokenizes both the same way), maybe a prefix, maybe left out."""

    text: str
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Filter:
    key: str
    """One of FILTERS."""
    value: str
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = ()

    @property
    def words(self) -> tuple[Term, ...]:
        """The terms that must be there."""
        return tuple(t for t in self.terms if not t.negated)

    @property
    def mark_filters(self) -> tuple[Filter, ...]:
        return tuple(f for f in self.filters if f.key in MARK_FILTERS)

    @property
    def article_filters(self) -> tuple[Filter, ...]:
        return tuple(f for f in self.filters if f.key in ARTICLE_FILTERS)

    @property
    def only_marks(self) -> bool:
        """Whether only marks can match (a mark filter is there)."""
        return any(not f.negated for f in self.mark_filters)


@dataclass
class _Scanner:
    text: str
    at: int = 0
    found: list[Term | Filter] = field(default_factory=list)

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def quoted(self) -> tuple[str, bool]:
        """A phrase from the opening quote to the closing one (or the end: an unbalanced
        quote is taken as running to the end of the query); and whether a * follows."""
        self.at += 1
        end = self.text.find('"', self.at)
        end = len(self.text) if end < 0 else end
        phrase = self.text[self.at:end]
        self.at = min(len(self.text), end + 1)
        star = self.peek() == "*"
        while self.peek() == "*":
            self.at += 1
        if phrase.rstrip().endswith("*"):  # "harbour coun*": the star inside the quotes
            phrase, star = phrase.rstrip().rstrip("*"), True
        return phrase, star

    def bare(self) -> str:
        start = self.at
        while self.at < len(self.text) and not self.text[self.at].isspace():
            if self.text[self.at] == '"' and self.at > start and self.text[self.at - 1] == ":":
                break  # key:"a value in quotes"
            self.at += 1
        return self.text[start:self.at]


def parse_query(text: str) -> Query:
    """The query's terms and filters; `QueryError` (one line) for what cannot be understood."""
    # SQLite ends a string at NUL: it would cut a quoted term short, so it is a space here.
    scanner = _Scanner(text.replace("\x00", " "))
    while True:
        while scanner.peek().isspace():
            scanner.at += 1
        if not scanner.peek():
            break
        negated = scanner.peek() == "-"
        if negated:
            scanner.at += 1
            if not scanner.peek() or scanner.peek().isspace():
                continue  # a lone "-": nothing to leave out
        item = _item(scanner, negated)
        if item is not None:
            scanner.found.append(item)
    terms = tuple(i for i in scanner.found if isinstance(i, Term))
    filters = tuple(i for i in scanner.found if isinstance(i, Filter))
    query = Query(text, terms, filters)
    _check_whole(query)
    return query


def _item(scanner: _Scanner, negated: bool) -> Term | Filter | None:
    if scanner.peek() == '"':
        phrase, star = scanner.quoted()
        return _term(phrase, star, negated)
    token = scanner.bare()
    key, colon, rest = token.partition(":")
    quoted_value = colon and not rest and scanner.peek() == '"'
    if colon and key.casefold() in FILTERS:
        if quoted_value:
            value, star = scanner.quoted()
        else:
            value, star = _unstarred(rest)
        return _filter(key.casefold(), value, star, negated)
    if colon and _names_a_filter(key, rest, bool(quoted_value)):
        words = f"{key}:{scanner.quoted()[0] if quoted_value else rest}"
        raise QueryError(f"{key}: is not a filter; the filters are {', '.join(f + ':' for f in FILTERS)} "
                         f'(to find the words, put them in quotes: "{words}")')
    # Anything else, `10:30` and `https://…` included, is words.
    word, star = _unstarred(token)
    return _term(word, star, negated)


def _names_a_filter(key: str, rest: str, quoted_value: bool) -> bool:
    """Whether `key:rest` was meant as a filter: a name of letters before a value (a time,
    `10:30`, or an address, `https://…`, is words)."""
    return key.isalpha() and (quoted_value or bool(rest)) and not rest.startswith("/")


def _unstarred(token: str) -> tuple[str, bool]:
    """The token without its closing `*`s, and whether it had any; a `*` elsewhere is refused:
    the index finds the beginnings of words, not their ends or middles."""
    stripped = token.rstrip("*")
    if "*" in stripped or (token and not stripped):
        raise QueryError(f"cannot search for {token!r}: a * goes at the end of a word's beginning "
                         "(dredg* finds dredge, dredging, dredged)")
    return stripped, stripped != token


def _term(text: str, prefix: bool, negated: bool) -> Term | None:
    if not has_words(text):
        return None  # punctuation alone ("(", "—", "''") holds nothing the index knows
    return Term(" ".join(text.split()), prefix, negated)


def has_words(text: str) -> bool:
    """Whether `text` holds a letter or digit: what the tokenizer makes tokens of."""
    return any(ch.isalnum() for ch in text)


def _filter(key: str, value: str, prefix: bool, negated: bool) -> Filter:
    value = " ".join(value.split())
    if not has_words(value):
        raise QueryError(f"{key}: needs a value, e.g. {_FILTER_EXAMPLES[key]}")
    if key == "status":
        value = value.casefold()
        if value not in STATUSES:
            raise QueryError(f"status:{value} is not a status; claims are "
                             f"{', '.join(CLAIM_STATUSES)}, questions {', '.join(QUESTION_STATUSES)}")
    if key in ("after", "before"):
        if prefix:
            raise QueryError(f"{key}: takes a date, YYYY, YYYY-MM or YYYY-MM-DD, without *")
        date_range(value, key)  # refused now, with the key in the message
    return Filter(key, value, prefix, negated)


_FILTER_EXAMPLES = {"kind": "kind:claim", "tag": "tag:funding", "actor": 'actor:"Sheinbaum"',
                    "status": "status:disputed", "author": "author:ana", "site": "site:reuters",
                    "after": "after:2025-01", "before": "before:2025-06"}


def _check_whole(query: Query) -> None:
    if not query.terms and not query.filters:
        raise QueryError(f"nothing to search for in {query.text.strip()!r}; {_EXAMPLE}"
                         if query.text.strip() else f"nothing to search for; {_EXAMPLE}")
    wanted = query.words or [f for f in query.filters if not f.negated]
    if not wanted:
        raise QueryError("a query cannot only leave things out: add a word or a filter "
                         "before the -word")


def check_names(query: Query, codebook: Sequence[str], on_a_mark: Callable[[Filter], bool]) -> None:
    """Refuse a kind or tag filter that names nothing the library has: neither a tag of the
    codebook (`codebook`: its names, the built-in kinds among them) nor a kind or tag of
    any mark (`on_a_mark`, asked only then: a mark can keep a tag the codebook lost)."""
    for found in query.filters:
        if found.key not in ("kind", "tag") or _in_codebook(found, codebook) or on_a_mark(found):
            continue
        beginning = "beginning " if found.prefix else ""
        if found.key == "tag":
            raise QueryError(f"no tag {beginning}'{found.value}' in the codebook")
        tags = [name for name in codebook if name not in BUILTIN_KINDS]
        shown = ", ".join(tags[:_KINDS_SHOWN]) + (", …" if len(tags) > _KINDS_SHOWN else "")
        raise QueryError(f"no kind {beginning}'{found.value}'; the kinds are "
                         f"{', '.join(BUILTIN_KINDS)}" + (f" and the codebook's tags: {shown}"
                                                          if tags else ""))


_KINDS_SHOWN = 8


def _in_codebook(found: Filter, codebook: Sequence[str]) -> bool:
    if found.prefix:
        wanted = _words_of(found.value)
        return any(_words_of(name).startswith(wanted) for name in codebook)
    value = " ".join(found.value.strip("/").casefold().split())
    # A filter also names the tags above a tag (`money` for `money/public`): it finds
    # the marks of those under it.
    return any(" ".join("/".join(name.split("/")[:depth]).casefold().split()) == value
               for name in codebook for depth in range(1, name.count("/") + 2))


def _words_of(text: str) -> str:
    """A name as the index's tokenizer sees it, for a prefix: `money/pub` begins
    `money/public`."""
    return " ".join(folded_words(text))


def folded_words(text: str) -> list[str]:
    """Words as the index's tokenizer sees them: case, accents and punctuation aside."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else " " for ch in plain).split()


def date_range(value: str, key: str = "after") -> tuple[str, str]:
    """The first and last day (YYYY-MM-DD) a date of the year, month or day names."""
    match = _DATE.match(value)
    if not match:
        raise QueryError(f"{key}:{value} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD "
                         f"({_FILTER_EXAMPLES[key]})")
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if not 1 <= int(month) <= 12:
        raise QueryError(f"{key}:{value} has no month {month}; months run 01 to 12")
    last = calendar.monthrange(year, int(month))[1]
    if day is None:
        return f"{year:04d}-{int(month):02d}-01", f"{year:04d}-{int(month):02d}-{last:02d}"
    if not 1 <= int(day) <= last:
        raise QueryError(f"{key}:{value} is not a day of {year:04d}-{int(month):02d}")
    whole = f"{year:04d}-{int(month):02d}-{int(day):02d}"
    return whole, whole


def published_range(published: str) -> tuple[str, str] | None:
    """The days an article's published date may be (a year names twelve months of them);
    None when it has no date the filters can read."""
    try:
        return date_range(published.strip()[:10])
    except QueryError:
        return None
