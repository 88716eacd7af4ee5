"""The search index's tables, and how its rows are numbered and its filters spelled.

Two FTS5 tables hold three kinds of row. `entries`: an article's details (title,
authors, site, keywords, tags), and its text a passage (a few paragraphs) at a time with
the notes of the marks in it; `mark_entries`: its marks. A query of words reads the first
alone, a query with a mark filter the second alone: a common word's list in either holds
only the rows that query can match (in one table with marks, a word's list also held
every quote it is in, read and skipped: a fifth of a word's query, half of a phrase's, in
the bench library). A row's number, the same in both, says which article and which kind of
row it is:

    rowid = slot << 24 | n     slot: the article's number in `articles`
                               n = 0: its details; 1 …: its passages; MARK_BASE …: its marks

so "this article's marks" is one rowid range (deleted in one statement) and an article
filter is a test on the rowid, which FTS5 has in hand without reading the row.

The mark filters (kind, tag, status) are words in the `facets` column: one word for each
kind, tag and status (a hash of it, `facet_token`), a kind's or a tag's word beside the
words of those above it, so `tag:actor` and `kind:actor` find `actor/government` too, as a
filter on a hierarchy should (a name and those under it). A mark's kind is among its tags
here, the built-in ones too: `tag:actor` finds the plain mentions as well as the tagged
ones. A filter's prefix (`tag:fund*`) is looked for in the same values
written out as phrases: `glkind claim glend gltag actor government glend`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import TypeVar

INDEX_VERSION = 3
"""Bump when the tables or what goes into them change: an older index is rebuilt."""

TOKENIZERS = ("unicode61 remove_diacritics 2", "unicode61 remove_diacritics 1")
"""`2` also folds letters with more than one diacritic (ǘ, ṩ), which `1` leaves as they
are; it needs SQLite 3.27 (2019). An older SQLite gets `1`."""

SLOT_SHIFT = 24
ROW_MASK = (1 << SLOT_SHIFT) - 1
DETAILS = 0
FIRST_PASSAGE = 1
MARK_BASE = 1 << 23
"""Up to 8 million passages and 8 million marks an article."""

TEXTS, MARKS = "entries", "mark_entries"
"""The two FTS5 tables."""
TEXT_COLUMNS = ("text", "notes", "title", "about")
"""`entries`'s. A passage's: text, and notes (what the researcher wrote on the marks in
it: notes, answers, speakers' and actors' names, tags). An article's details: title, about
(authors, site, keywords, tags). Plain words are looked for in all of them: a mark's quote
is in its passage's text and its notes in the passage's notes, so one row answers for a
passage and the marks in it; a common word then ranks a passage once, not once more per
mark."""
MARK_COLUMNS = ("quote", "note", "names", "tags", "author", "facets")
"""`mark_entries`'s: a mark's quote, note, names, tags, author and facets."""
MARK_WORD_COLUMNS = ("quote", "note", "names", "tags")
"""Where the words of a query with a mark filter are looked for."""
TEXT_WEIGHTS = (1.0, 1.0, 4.0, 2.0)
"""bm25 weights, in TEXT_COLUMNS order: a word in a title counts four times one in a passage."""
MARK_WEIGHTS = (1.0, 1.0, 2.0, 1.0, 0.0, 0.0)
"""bm25 weights, in MARK_COLUMNS order."""
TEXT, NOTES, TITLE, ABOUT = range(len(TEXT_COLUMNS))
QUOTE, NOTE, NAMES, TAGS = range(len(MARK_WORD_COLUMNS))
NOTE_SEPARATOR = "\nglnote\n"
"""Between two marks' notes in a passage's notes: a word of its own, so that no phrase is
found across two notes."""

FACET_END = "glend"
FACET_WORDS = {"kind": "glkind", "tag": "gltag", "status": "glstatus"}


def facet_token(key: str, value: str) -> str:
    """One word that stands for a kind, a tag or a status exactly (case aside): a filter on
    it is a single word's list to read, where a phrase needs every word's positions."""
    digest = hashlib.blake2b(" ".join(value.casefold().split()).encode(), digest_size=8).hexdigest()
    return f"{FACET_WORDS[key]}{digest}"


def with_parents(names: Iterable[str]) -> set[str]:
    """Each name and the names above it in the hierarchy: `actor/government/local` gives
    `actor`, `actor/government` and itself."""
    return {"/".join(name.split("/")[:depth]) for name in names
            for depth in range(1, name.count("/") + 2)}


def facets(kind: str, tags: Iterable[str], status: str | None) -> str:
    """The `facets` text of a mark. Its kind and the kinds above it (`kind:actor/government`
    finds a mark of kind `actor/government/ministry`, as `tag:` does), each of its tags and
    its kind, built in or not, with the tags above them (`tag:actor` finds the mentions of
    kind `actor` and those of `actor/government`), and its status, each as one word
    (`facet_token`); and the same as phrases between a filter word and the end word, which
    a filter's prefix (`tag:fund*`) is looked for in."""
    tags = list(dict.fromkeys([kind, *tags]))
    words = [facet_token("kind", k) for k in sorted(with_parents([kind]))]
    words += [facet_token("tag", t) for t in sorted(with_parents(tags))]
    phrases = [f"{FACET_WORDS['kind']} {kind} {FACET_END}"]
    phrases += [f"{FACET_WORDS['tag']} {tag} {FACET_END}" for tag in tags]
    if status:
        words.append(facet_token("status", status))
        phrases.append(f"{FACET_WORDS['status']} {status} {FACET_END}")
    return " ".join(words + phrases)


def facet_phrase(key: str, value: str, prefix: bool) -> str:
    """What a kind, tag or status filter looks for in `facets`: the value's word, or for a
    prefix (`tag:fund*`) the phrase it begins."""
    if not prefix:
        return facet_token(key, value.strip("/"))
    if key == "tag":
        return f"{FACET_WORDS['tag']} {value}"
    return f"{FACET_WORDS[key]} {value}"


def rows_of(slot: int, first: int = 0, last: int = ROW_MASK) -> tuple[int, int]:
    """The rowids of one article from row `first` to row `last`, both included."""
    return slot << SLOT_SHIFT | first, slot << SLOT_SHIFT | last


def kind_of_row(rowid: int) -> str:
    """"details", "text" or "mark"."""
    n = rowid & ROW_MASK
    return "details" if n == DETAILS else ("text" if n < MARK_BASE else "mark")


_Item = TypeVar("_Item")


def chunks(items: Sequence[_Item], size: int = 500) -> list[Sequence[_Item]]:
    """`items` in runs of `size`, one statement's bound values each: SQLite limits how
    many one statement binds."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def create_statements(tokenizer: str) -> list[str]:
    return [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # What each article's rows were made from, to tell what changed since.
        """CREATE TABLE IF NOT EXISTS articles (
            slot INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            record TEXT NOT NULL DEFAULT '',
            text_key TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            folder TEXT NOT NULL DEFAULT '',
            body_stamp TEXT NOT NULL DEFAULT '',
            marks_stamp TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            site TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            site_key TEXT NOT NULL DEFAULT '',
            first_day TEXT,
            last_day TEXT)""",
        # Where each passage and mark row is, and what a hit on it shows.
        """CREATE TABLE IF NOT EXISTS places (
            rowid INTEGER PRIMARY KEY,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            locator TEXT NOT NULL DEFAULT '',
            cited TEXT,
            notes_map TEXT,
            mark TEXT,
            kind TEXT,
            status TEXT,
            speaker TEXT,
            speaker_name TEXT,
            actor TEXT,
            actor_name TEXT)""",
        # What the check before every query reads (freshness.KnownFolders): a tenth the pages.
        "CREATE INDEX IF NOT EXISTS articles_folders ON articles(id, folder)",
        "CREATE TABLE IF NOT EXISTS actors (id TEXT PRIMARY KEY, names TEXT NOT NULL)",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TEXTS} USING fts5({', '.join(TEXT_COLUMNS)}, "
        f"tokenize='{tokenizer}', prefix='2 3')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {MARKS} USING fts5({', '.join(MARK_COLUMNS)}, "
        f"tokenize='{tokenizer}', prefix='2 3')",
    ]


def table_of_row(rowid: int) -> str:
    """The FTS5 table a row is in."""
    return MARKS if rowid & ROW_MASK >= MARK_BASE else TEXTS
