"""Citekeys: author + year + first title word, unique in the library, assigned once."""

from __future__ import annotations

from string import ascii_lowercase

from annotations.model import Article
from annotations.names import parse_name
from annotations.naming import ascii_words
from annotations.store import Library

_TITLE_STOPWORDS = frozenset("a an the of on in at to for and or is are how why what".split())


def base_citekey(article: Article) -> str:
    """`okafor2026harbour`: first author's family name, year, first significant title word."""
    author = ""
    if article.authors:
        name = parse_name(article.authors[0])
        author = "".join(ascii_words(name.family or name.literal)[:1 if name.literal else 3])
    if not author:
        author = "".join(ascii_words(article.site)[:1]) or "anon"
    words = [w for w in ascii_words(article.title) if w not in _TITLE_STOPWORDS]
    return f"{author}{article.year}{words[0] if words else ''}"


def assign_citekey(library: Library, article: Article, taken: set[str] | None = None) -> str:
    """A citekey no other article has: the base, then the base with a, b, … z, aa, …"""
    if taken is None:
        taken = {a.citekey for a in library.articles() if a.id != article.id}
    base = base_citekey(article)
    if base not in taken:
        return base
    for suffix in _suffixes():
        if base + suffix not in taken:
            return base + suffix
    raise AssertionError("unreachable")


def _suffixes():
    yield from ascii_lowercase
    for first in ascii_lowercase:
        for second in ascii_lowercase:
            yield first + second
    n = 1
    while True:
        yield str(n)
        n += 1
