"""Running a parsed query against the index: ranked hits, with locators and snippets.

Two steps, so the costly part runs only for what is shown: first the best rows by bm25
(FTS5 scores every matching row; nothing else is read), then, for those rows alone,
their places, their articles and their snippets.
"""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from annotations.search.clusters import best_cluster
from annotations.search.entries import HIT_END, HIT_START
from annotations.search.expression import article_conditions, mark_filter, match_expression, table_of
from annotations.search.query import Filter, Query, Term, check_names
from annotations.search.schema import (
    ABOUT,
    MARK_BASE,
    MARK_COLUMNS,
    MARK_WEIGHTS,
    MARKS,
    NAMES,
    NOTE,
    NOTE_SEPARATOR,
    NOTES,
    QUOTE,
    ROW_MASK,
    SLOT_SHIFT,
    TAGS,
    TEXT,
    TEXT_COLUMNS,
    TEXT_WEIGHTS,
    TITLE,
    TOKENIZERS,
    chunks,
    kind_of_row,
)

_MARKERS = re.compile(f"[{HIT_START}{HIT_END}]")
_WORD_RUN = re.compile(r"\S+")

SNIPPET_TOKENS = 18
"""Words in a mark's or an article's details' snippet (FTS5's snippet())."""
BEFORE_HIT, AFTER_HIT = 60, 160
"""Code points of a passage shown before and after its hit (clusters.py: where the words
of the query are closest together)."""
QUOTE_CHARACTERS = 160
"""How much of a mark's quote is shown when no word of it was searched for."""


@dataclass(frozen=True)
class Hit:
    """One result. `start`/`end`: where to open the article (in a passage, its best cluster
    of hits, clusters.py; the mark's words); None for a hit in an article's details."""

    article: str
    title: str
    site: str
    published: str
    found_in: str
    """"text" (a passage), "mark" or "details" (title, authors, site, keywords, tags)."""
    start: int | None
    end: int | None
    locator: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    """Where the hits are in `snippet`: (start, end) code-point offsets."""
    score: float
    """bm25, higher is better; 0 when the query had no words (filters only)."""
    mark: str | None = None
    kind: str | None = None
    status: str | None = None
    speaker: str | None = None
    """The claim's speaker, by name."""
    actor: str | None = None
    """The actor an actor mark mentions, by name."""
    quote: str | None = None

    @property
    def label(self) -> str:
        """What the hit is, in a few words: "text", "details", "claim, disputed, Ana Pereira"."""
        if self.found_in != "mark":
            return self.found_in
        parts = [self.kind or "mark"]
        if self.status and self.kind in ("claim", "question"):
            parts.append(self.status)
        if self.speaker or self.actor:
            parts.append(self.speaker or self.actor or "")
        return ", ".join(parts)

    def record(self) -> dict[str, Any]:
        """The `search --json` shape (documented in the README)."""
        return {"article": self.article, "title": self.title, "site": self.site,
                "published": self.published, "in": self.found_in, "start": self.start,
                "end": self.end, "locator": self.locator, "snippet": self.snippet,
                "highlights": [list(h) for h in self.highlights], "score": self.score,
                "mark": self.mark, "kind": self.kind, "status": self.status,
                "speaker": self.speaker, "actor": self.actor, "quote": self.quote}


@dataclass(frozen=True)
class Results:
    query: Query
    hits: list[Hit]
    more: bool
    """Whether the limit left hits out."""
    damaged: bool = False
    """The index was found damaged while searching: it is made again by the next
    `catch_up`, after which the query is worth running again."""


def run_query(conn: sqlite3.Connection, query: Query, limit: int,
              codebook: Sequence[str] | None = None) -> Results:
    """The query's hits; with the `codebook`'s tag names, a kind or a tag filter naming
    nothing in the library is refused first (`check_names`)."""
    limit = max(1, limit)
    expression = match_expression(query)
    conditions, values = article_conditions(query)
    if codebook is not None:
        check_names(query, codebook, lambda found: _on_a_mark(conn, found))
    if expression is None:
        return _articles_only(conn, query, conditions, values, limit)
    table = table_of(query)
    ranked = _ranked_rows(conn, query, table, expression, conditions, values, limit + 1)
    return Results(query, _hits(conn, query, table, expression, ranked[:limit]),
                   len(ranked) > limit)


def _on_a_mark(conn: sqlite3.Connection, found: Filter) -> bool:
    """Whether any mark has the filter's kind or tag: one word's list, read up to its first row."""
    filter_alone = mark_filter(Filter(found.key, found.value, found.prefix))
    return conn.execute(f"SELECT 1 FROM {MARKS} WHERE {MARKS} MATCH ? LIMIT 1",
                        (filter_alone,)).fetchone() is not None


def _ranked_rows(conn: sqlite3.Connection, query: Query, table: str, expression: str,
                 conditions: str, values: list[str], wanted: int) -> list[tuple[int, float]]:
    where = f"{table} MATCH ?"
    if conditions:
        where += f" AND (rowid >> {SLOT_SHIFT}) IN (SELECT slot FROM articles WHERE {conditions})"
    if query.words:
        weights = ", ".join(str(w) for w in (MARK_WEIGHTS if table == MARKS else TEXT_WEIGHTS))
        sql = (f"SELECT rowid, bm25({table}, {weights}) AS rank FROM {table} WHERE {where} "
               "ORDER BY rank LIMIT ?")
    else:
        # Filters alone: every match is as good as the next; in library and reading order.
        sql = f"SELECT rowid, 0.0 FROM {table} WHERE {where} ORDER BY rowid LIMIT ?"
    return conn.execute(sql, (expression, *values, wanted)).fetchall()


class _Place(NamedTuple):
    """A `places` row, as a hit reads it."""

    start: int
    end: int
    locator: str
    cited: str | None
    notes_map: str | None
    mark: str | None
    kind: str | None
    status: str | None
    speaker: str | None
    actor: str | None


_PLACE_COLUMNS = "rowid, start, end, locator, cited, notes_map, mark, kind, status, speaker_name, actor_name"


def _places(conn: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, _Place]:
    found: dict[int, _Place] = {}
    for chunk in chunks(list(rowids)):
        marks = ", ".join("?" * len(chunk))
        for rowid, *place in conn.execute(f"SELECT {_PLACE_COLUMNS} FROM places "
                                          f"WHERE rowid IN ({marks})", chunk):
            found[rowid] = _Place(*place)
    return found


def _hits(conn: sqlite3.Connection, query: Query, table: str, expression: str,
          ranked: list[tuple[int, float]]) -> list[Hit]:
    if not ranked:
        return []
    rowids = [rowid for rowid, _ in ranked]
    articles = _articles(conn, {rowid >> SLOT_SHIFT for rowid in rowids})
    places = _places(conn, rowids)
    texts = _marked_texts(conn, table, expression, rowids) if query.words \
        else _quotes(conn, rowids)
    hits = []
    for rowid, rank in ranked:
        article = articles.get(rowid >> SLOT_SHIFT)
        if article is not None and rowid in texts:
            hits.append(_hit(conn, rowid, -rank if rank else 0.0, article, texts[rowid],
                             places.get(rowid), query.words))
    return hits


def _hit(conn: sqlite3.Connection, rowid: int, score: float, article: tuple,
         texts: dict[str, str], place: _Place | None, terms: Sequence[Term]) -> Hit:
    common = dict(zip(("article", "title", "site", "published"), article, strict=True))
    found_in = kind_of_row(rowid)
    if found_in == "details":
        snippet, highlights = marked_text(texts.get("details", ""))
        return Hit(**common, found_in="details", start=None, end=None, locator="",
                   snippet=snippet, highlights=highlights, score=round(score, 4))
    if found_in == "text" and HIT_START not in texts.get("text", "") \
            and HIT_START in texts.get("notes", ""):
        mark_rowid, mark_texts = _noted_mark(conn, rowid, texts["notes"], place, terms)
        return _mark_hit(score, common, mark_texts, _places(conn, [mark_rowid]).get(mark_rowid))
    if found_in == "mark":
        return _mark_hit(score, common, texts, place)
    return _passage_hit(score, common, texts.get("text", ""), place, terms)


def _passage_hit(score: float, common: dict[str, Any], marked: str, place: _Place | None,
                 terms: Sequence[Term]) -> Hit:
    start, end, cited = (place.start, place.end, place.cited) if place else (0, 0, "[]")
    first = _best_hit(marked, terms)
    at, until = (start + first[0], start + first[1]) if first else (start, end)
    blocks = json.loads(cited or "[]")
    index = max(0, bisect_right([offset for offset, _ in blocks], at - start) - 1)
    block_start = blocks[index][0] if blocks else 0
    block_end = blocks[index + 1][0] if index + 1 < len(blocks) else None
    window = _window(marked, at - start, block_start, block_end)
    snippet, highlights = marked_text(window)
    return Hit(**common, found_in="text", start=at, end=until,
               locator=blocks[index][1] if blocks else "", snippet=snippet,
               highlights=highlights, score=round(score, 4))


def _mark_hit(score: float, common: dict[str, Any], texts: dict[str, str],
              place: _Place | None) -> Hit:
    snippet, highlights = marked_text(texts.get("snippet", ""))
    if place is None:
        return Hit(**common, found_in="mark", start=None, end=None, locator="", snippet=snippet,
                   highlights=highlights, score=round(score, 4), quote=texts.get("quote"))
    return Hit(**common, found_in="mark", start=place.start, end=place.end,
               locator=place.locator or "", snippet=snippet, highlights=highlights,
               score=round(score, 4), mark=place.mark, kind=place.kind, status=place.status,
               speaker=place.speaker, actor=place.actor, quote=texts.get("quote"))


def _noted_mark(conn: sqlite3.Connection, passage: int, marked_notes: str,
                place: _Place | None, terms: Sequence[Term]) -> tuple[int, dict[str, str]]:
    """The mark whose note (or names, or tags) holds a passage's best hit in its notes, and
    what its hit shows: the note with its hits marked, or the mark's quote followed by the
    name or tags that matched."""
    offsets = json.loads(place.notes_map) if place and place.notes_map else [[0, MARK_BASE]]
    plain_index = _best_hit(marked_notes, terms)
    at = plain_index[0] if plain_index else 0
    index = max(0, bisect_right([o for o, _ in offsets], at) - 1)
    begin, number = offsets[index]
    finish = offsets[index + 1][0] - len(NOTE_SEPARATOR) if index + 1 < len(offsets) else None
    note = _slice_marked(marked_notes, begin, finish)
    first = _best_hit(note, terms)
    at = first[0] if first else 0
    # Only the part of it with the hit: the note's paragraph, or the names, or the tags.
    plain = note.replace(HIT_START, "").replace(HIT_END, "")
    part_start = plain.rfind("\n\n", 0, at) + 2 if plain.rfind("\n\n", 0, at) >= 0 else 0
    part_end = plain.find("\n\n", at)
    part_end = part_end if part_end >= 0 else len(plain)
    rowid = (passage & ~ROW_MASK) | number
    row = conn.execute(f"SELECT quote, names, tags FROM {MARKS} WHERE rowid = ?", (rowid,)).fetchone()
    quote, names, tags = row if row else ("", "", "")
    part = plain[part_start:part_end]
    if part and part in (names, tags):
        marked_part = _slice_marked(note, part_start, part_end)
        return rowid, {"snippet": _quote_and(quote, marked_part, names_part=part == names),
                       "quote": quote}
    return rowid, {"snippet": _window(note, at, part_start, part_end), "quote": quote}


def _quote_and(quote: str, marked: str, names_part: bool) -> str:
    """What a mark found by its speaker's or actor's name, or by its tags, shows: its own
    words, then the name (or the tags) that matched, marked: a claim is read by what it
    says, and the name says why it was found."""
    if names_part:  # one name a line: the one with the hit
        marked = next((line for line in marked.split("\n") if HIT_START in line or HIT_END in line),
                      marked)
    words = _cut(quote)
    return f"{words} — {marked}" if words else marked


def _cut(quote: str) -> str:
    plain = " ".join(quote.split())
    return plain if len(plain) <= QUOTE_CHARACTERS else plain[:QUOTE_CHARACTERS - 1] + "…"


def _articles(conn: sqlite3.Connection, slots: set[int]) -> dict[int, tuple]:
    found: dict[int, tuple] = {}
    for chunk in chunks(sorted(slots)):
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute(f"SELECT slot, id, title, site, published FROM articles "
                                f"WHERE slot IN ({marks})", chunk):
            found[row[0]] = row[1:]
    return found


def _marked_texts(conn: sqlite3.Connection, table: str, expression: str,
                  rowids: list[int]) -> dict[int, dict[str, str]]:
    """For each row, its texts with every hit marked: a passage's text and notes whole (its
    best hit places it; the snippet is cut around that); details' snippet from the first
    of their columns that holds a hit; a mark's snippet (its quote, or its note, or its
    quote and the name or tags that matched) and its quote as it is.

    The hits are marked in a copy of these rows alone, in a temporary FTS5 table with the
    index's tokenizer, where highlight() and snippet() give exactly what they give in the
    index, the MATCH run over twenty rows. In the index itself FTS5 runs the MATCH again
    for each row of a `rowid IN` list: 0.3 ms a row for a phrase of three common words,
    1.5 ms for a prefix without a prefix index of its length (the bench library)."""
    shown = f"shown_{table}"

    def marked(column: int) -> str:
        return f"highlight({shown}, {column}, '{HIT_START}', '{HIT_END}')"

    def snippet(column: int) -> str:
        return f"snippet({shown}, {column}, '{HIT_START}', '{HIT_END}', '…', {SNIPPET_TOKENS})"

    if table == MARKS:
        columns = f"quote, {snippet(QUOTE)}, {snippet(NOTE)}, {marked(NAMES)}, {marked(TAGS)}"
    else:
        columns = f"{marked(TEXT)}, {marked(NOTES)}, {snippet(TITLE)}, {snippet(ABOUT)}"
    found: dict[int, dict[str, str]] = {}
    for chunk in chunks(rowids):
        try:
            _copy_to_shown(conn, table, chunk)
            rows = conn.execute(f"SELECT rowid, {columns} FROM temp.{shown} WHERE {shown} MATCH ?",
                                (expression,)).fetchall()
        finally:
            conn.execute(f"INSERT INTO temp.{shown}({shown}) VALUES ('delete-all')")
            conn.execute(f"DELETE FROM temp.{shown}_rows")
        for rowid, *texts in rows:
            if table == MARKS:
                quote, in_quote, in_note, names, tags = texts
                found[rowid] = {"quote": quote,
                                "snippet": _mark_snippet(quote, in_quote, in_note, names, tags)}
            else:
                text, notes, in_title, in_about = texts
                found[rowid] = {"text": text, "notes": notes,
                                "details": _first_with_a_hit([in_title, in_about])}
    return found


def _copy_to_shown(conn: sqlite3.Connection, table: str, rowids: list[int]) -> None:
    """The rows into this connection's temporary copy of `table` (made on first use)."""
    shown, columns = f"shown_{table}", ", ".join(MARK_COLUMNS if table == MARKS else TEXT_COLUMNS)
    copy = (f"INSERT OR REPLACE INTO temp.{shown}_rows SELECT rowid, {columns} FROM {table} "
            f"WHERE rowid IN ({', '.join('?' * len(rowids))})")
    try:
        conn.execute(copy, rowids)
    except sqlite3.OperationalError as error:
        if f"no such table: temp.{shown}_rows" not in str(error):
            raise
        _make_shown(conn, shown, columns)
        conn.execute(copy, rowids)
    conn.execute(f"INSERT INTO temp.{shown}(rowid, {columns}) "
                 f"SELECT id, {columns} FROM temp.{shown}_rows")


def _make_shown(conn: sqlite3.Connection, shown: str, columns: str) -> None:
    stored = conn.execute("SELECT value FROM meta WHERE key = 'tokenizer'").fetchone()
    tokenizer = stored[0] if stored and stored[0] in TOKENIZERS else TOKENIZERS[-1]
    conn.execute(f"CREATE TABLE IF NOT EXISTS temp.{shown}_rows (id INTEGER PRIMARY KEY, {columns})")
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{shown} USING fts5({columns}, "
                 f"tokenize='{tokenizer}', content='{shown}_rows', content_rowid='id')")


def _mark_snippet(quote: str, in_quote: str, in_note: str, names: str, tags: str) -> str:
    """A mark's snippet: where its hit is, the quote first (the note is the researcher's
    own words: shown as they are); a name or a tag after the quote it belongs to."""
    if HIT_START in in_quote:
        return in_quote
    if HIT_START in in_note:
        return in_note
    if HIT_START in names:
        return _quote_and(quote, names, names_part=True)
    if HIT_START in tags:
        return _quote_and(quote, tags, names_part=False)
    return _cut(quote)


def _first_with_a_hit(candidates: list[str]) -> str:
    return next((c for c in candidates if HIT_START in c), next((c for c in candidates if c), ""))


def _quotes(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, dict[str, str]]:
    """For a query of filters alone: the marks' words, as they are (no hit to mark)."""
    found: dict[int, dict[str, str]] = {}
    for chunk in chunks(rowids):
        marks = ", ".join("?" * len(chunk))
        for rowid, quote in conn.execute(
                f"SELECT rowid, quote FROM {MARKS} WHERE rowid IN ({marks})", chunk):
            cut = quote if len(quote) <= QUOTE_CHARACTERS else quote[:QUOTE_CHARACTERS - 1] + "…"
            found[rowid] = {"snippet": cut, "quote": quote}
    return found


def _articles_only(conn: sqlite3.Connection, query: Query, conditions: str, values: list[str],
                   limit: int) -> Results:
    """Article filters alone (site:reuters after:2025): the articles, as details hits."""
    rows = conn.execute(f"SELECT slot, id, title, site, published FROM articles WHERE {conditions} "
                        "ORDER BY slot LIMIT ?", (*values, limit + 1)).fetchall()
    hits = [Hit(article_id, title, site, published, "details", None, None, "", title, (), 0.0)
            for _, article_id, title, site, published in rows]
    return Results(query, hits[:limit], len(hits) > limit)


def _best_hit(marked: str, terms: Sequence[Term]) -> tuple[int, int] | None:
    """Where the best cluster of hits is in a text FTS5 marked up, for a query of `terms`
    (offsets in the unmarked text): clusters.py."""
    if HIT_START not in marked:
        return None
    plain, spans = _split_marked(marked)
    return best_cluster(plain, spans, terms)


def _split_marked(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A marked-up text as its plain text and its hits' (start, end) in it. With the
    markers found by a regex, not a loop over every character: a passage is a thousand."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    length, last = 0, 0
    opened: int | None = None
    for marker in _MARKERS.finditer(marked):
        piece = marked[last:marker.start()]
        pieces.append(piece)
        length += len(piece)
        last = marker.end()
        if marker.group() == HIT_START:
            opened = length
        elif opened is not None:
            spans.append((opened, length))
            opened = None
    pieces.append(marked[last:])
    length += len(pieces[-1])
    if opened is not None:
        spans.append((opened, length))
    return "".join(pieces), spans


def _joined_marked(plain: str, spans: Sequence[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in spans:
        out += [plain[at:start], HIT_START, plain[start:end], HIT_END]
        at = end
    out.append(plain[at:])
    return "".join(out)


def _slice_marked(marked: str, begin: int, end: int | None) -> str:
    """The part of a marked-up text between two offsets of the unmarked text, its markers
    kept (a hit that runs over an edge is marked up to the edge)."""
    plain, spans = _split_marked(marked)
    end = len(plain) if end is None else min(end, len(plain))
    inside = [(max(start, begin) - begin, min(stop, end) - begin) for start, stop in spans
              if stop > begin and start < end]
    return _joined_marked(plain[begin:end], inside)


def _window(marked: str, first: int, lowest: int = 0, highest: int | None = None) -> str:
    """A text around its hit (at `first`), within [lowest, highest) (the paragraph of
    the hit), cut at spaces, with an ellipsis where it was cut."""
    plain = marked.replace(HIT_START, "").replace(HIT_END, "")
    top = len(plain) if highest is None else min(highest, len(plain))
    begin, end = max(lowest, first - BEFORE_HIT), min(top, first + AFTER_HIT)
    if begin > lowest:
        space = plain.find(" ", begin, first)
        begin = space + 1 if space >= 0 else begin
    if end < top:
        space = plain.rfind(" ", first, end)
        end = space if space > first else end
    piece = _slice_marked(marked, begin, end)
    return ("…" if begin > lowest else "") + piece.strip() + ("…" if end < top else "")


def marked_text(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet as FTS5 gives it (hits between markers) made one plain line, and where its
    hits are: whitespace runs (line breaks of a poem, a note's paragraphs) become one space."""
    plain, spans = _split_marked(marked)
    words = [(word.start(), word.end()) for word in _WORD_RUN.finditer(plain)]
    if not words:
        return "", ()
    placed, at = [], 0  # where each run of non-space begins in the line
    for start, stop in words:
        placed.append(at)
        at += stop - start + 1
    starts = [start for start, _ in words]

    def line_start(offset: int) -> int:  # a hit's start: in a word, or at the next word
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset < words[k][1]:
            return placed[k] + offset - words[k][0]
        return placed[k + 1] if k + 1 < len(words) else at - 1

    def line_end(offset: int) -> int:  # a hit's end: in a word, or after the word before
        k = bisect_right(starts, offset - 1) - 1
        if k < 0:
            return 0
        return placed[k] + min(offset, words[k][1]) - words[k][0]

    found = tuple((a, b) for a, b in ((line_start(s), line_end(e)) for s, e in spans) if b > a)
    return " ".join(plain[start:stop] for start, stop in words), found
