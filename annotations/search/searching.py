"""Running a parsed query against the index: ranked hits, with locators and snippets.

Two steps, so the costly part runs only for what is shown: first the best rows by bm25
(FTS5 scores every matching row; nothing else is read), then, for those rows alone,
their places, their articles and their snippets.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from annotations.search.entries import HIT_END, HIT_START
from annotations.search.expression import article_conditions, match_expression
from annotations.search.query import Query
from annotations.search.schema import (
    DETAILS_SNIPPET_COLUMNS,
    MARK_BASE,
    MARK_SNIPPET_COLUMNS,
    NOTE_SEPARATOR,
    NOTES,
    ROW_MASK,
    SLOT_SHIFT,
    TEXT,
    WEIGHTS,
    kind_of_row,
)

SNIPPET_TOKENS = 18
"""Words in a mark's or an article's details' snippet (FTS5's snippet())."""
BEFORE_HIT, AFTER_HIT = 60, 160
"""Code points of a passage shown before and after its first hit."""
QUOTE_CHARACTERS = 160
"""How much of a mark's quote is shown when no word of it was searched for."""


@dataclass(frozen=True)
class Hit:
    """One result. `start`/`end`: where to open the article (the first hit in a passage,
    the mark's words); None for a hit in an article's details."""

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


def run_query(conn: sqlite3.Connection, query: Query, limit: int) -> Results:
    limit = max(1, limit)
    expression = match_expression(query)
    conditions, values = article_conditions(query)
    if expression is None:
        return _articles_only(conn, query, conditions, values, limit)
    ranked = _ranked_rows(conn, query, expression, conditions, values, limit + 1)
    return Results(query, _hits(conn, query, expression, ranked[:limit]), len(ranked) > limit)


def _ranked_rows(conn: sqlite3.Connection, query: Query, expression: str, conditions: str,
                 values: list[str], wanted: int) -> list[tuple[int, float]]:
    where = "entries MATCH ?"
    if conditions:
        where += f" AND (rowid >> {SLOT_SHIFT}) IN (SELECT slot FROM articles WHERE {conditions})"
    if query.words:
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (f"SELECT rowid, bm25(entries, {weights}) AS rank FROM entries WHERE {where} "
               "ORDER BY rank LIMIT ?")
    else:
        # Filters alone: every match is as good as the next; in library and reading order.
        sql = f"SELECT rowid, 0.0 FROM entries WHERE {where} ORDER BY rowid LIMIT ?"
    return conn.execute(sql, (expression, *values, wanted)).fetchall()


def _hits(conn: sqlite3.Connection, query: Query, expression: str,
          ranked: list[tuple[int, float]]) -> list[Hit]:
    if not ranked:
        return []
    rowids = [rowid for rowid, _ in ranked]
    articles = _articles(conn, {rowid >> SLOT_SHIFT for rowid in rowids})
    if query.words:
        texts = _marked_texts(conn, expression, rowids, any(t.prefix for t in query.words))
    else:
        texts = _quotes(conn, rowids)
    hits = []
    for rowid, rank in ranked:
        article = articles.get(rowid >> SLOT_SHIFT)
        if article is not None and rowid in texts:
            hits.append(_hit(conn, rowid, -rank if rank else 0.0, article, texts[rowid]))
    return hits


def _hit(conn: sqlite3.Connection, rowid: int, score: float, article: tuple,
         texts: dict[str, str]) -> Hit:
    common = dict(zip(("article", "title", "site", "published"), article, strict=True))
    found_in = kind_of_row(rowid)
    if found_in == "details":
        snippet, highlights = marked_text(texts.get("details", ""))
        return Hit(**common, found_in="details", start=None, end=None, locator="",
                   snippet=snippet, highlights=highlights, score=round(score, 4))
    if found_in == "text" and HIT_START not in texts.get("text", "") \
            and HIT_START in texts.get("notes", ""):
        rowid, snippet_source = _noted_mark(conn, rowid, texts["notes"])
        mark_texts = {"snippet": snippet_source, "quote": _quote(conn, rowid)}
        return _mark_hit(conn, rowid, score, common, mark_texts)
    if found_in == "mark":
        return _mark_hit(conn, rowid, score, common, texts)
    return _passage_hit(conn, rowid, score, common, texts.get("text", ""))


def _passage_hit(conn: sqlite3.Connection, rowid: int, score: float, common: dict[str, Any],
                 marked: str) -> Hit:
    place = conn.execute("SELECT start, end, cited FROM places WHERE rowid = ?", (rowid,)).fetchone()
    start, end, cited = place if place else (0, 0, "[]")
    first = _first_hit(marked)
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


def _mark_hit(conn: sqlite3.Connection, rowid: int, score: float, common: dict[str, Any],
              texts: dict[str, str]) -> Hit:
    place = conn.execute("SELECT start, end, locator, mark, kind, status, speaker_name, actor_name "
                         "FROM places WHERE rowid = ?", (rowid,)).fetchone()
    start, end, locator, mark, kind, status, speaker, actor = place or (None,) * 8
    snippet, highlights = marked_text(texts.get("snippet", ""))
    return Hit(**common, found_in="mark", start=start, end=end, locator=locator or "",
               snippet=snippet, highlights=highlights, score=round(score, 4), mark=mark,
               kind=kind, status=status, speaker=speaker, actor=actor, quote=texts.get("quote"))


def _noted_mark(conn: sqlite3.Connection, passage: int, marked_notes: str) -> tuple[int, str]:
    """The mark whose note (or names, or tags) holds a passage's first hit in its notes, and
    that note with its hits marked."""
    row = conn.execute("SELECT notes_map FROM places WHERE rowid = ?", (passage,)).fetchone()
    offsets = json.loads(row[0]) if row and row[0] else [[0, MARK_BASE]]
    plain_index = _first_hit(marked_notes)
    at = plain_index[0] if plain_index else 0
    index = max(0, bisect_right([o for o, _ in offsets], at) - 1)
    begin, number = offsets[index]
    finish = offsets[index + 1][0] - len(NOTE_SEPARATOR) if index + 1 < len(offsets) else None
    note = _slice_marked(marked_notes, begin, finish)
    first = _first_hit(note)
    at = first[0] if first else 0
    # Only the part of it with the hit: the note's paragraph, or the names, or the tags.
    plain = note.replace(HIT_START, "").replace(HIT_END, "")
    part_start = plain.rfind("\n\n", 0, at) + 2 if plain.rfind("\n\n", 0, at) >= 0 else 0
    part_end = plain.find("\n\n", at)
    return (passage & ~ROW_MASK) | number, _window(note, at, part_start,
                                                   part_end if part_end >= 0 else None)


def _quote(conn: sqlite3.Connection, rowid: int) -> str | None:
    row = conn.execute("SELECT quote FROM entries WHERE rowid = ?", (rowid,)).fetchone()
    return row[0] if row else None


def _articles(conn: sqlite3.Connection, slots: set[int]) -> dict[int, tuple]:
    found: dict[int, tuple] = {}
    for chunk in _chunks(sorted(slots)):
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute(f"SELECT slot, id, title, site, published FROM articles "
                                f"WHERE slot IN ({marks})", chunk):
            found[row[0]] = row[1:]
    return found


def _marked_texts(conn: sqlite3.Connection, expression: str, rowids: list[int],
                  prefixed: bool) -> dict[int, dict[str, str]]:
    """For each row, its texts with every hit marked: a passage's text and notes whole (its
    first hit places it; the snippet is cut around that); a mark's or details' snippet
    from the first of their columns that holds a hit; a mark's quote as it is."""
    def marked(column: int) -> str:
        return f"highlight(entries, {column}, '{HIT_START}', '{HIT_END}')"

    def snippet(column: int) -> str:
        return f"snippet(entries, {column}, '{HIT_START}', '{HIT_END}', '…', {SNIPPET_TOKENS})"

    mark_columns = ", ".join(snippet(c) for c in MARK_SNIPPET_COLUMNS)
    details_columns = ", ".join(snippet(c) for c in DETAILS_SNIPPET_COLUMNS)
    # FTS5 runs the MATCH again for each rowid of an `IN` list: cheap for words, whose lists
    # it can seek in, but a prefix without a prefix index of its length is merged from
    # every word it begins each time (3 ms a time in the bench library). `+rowid` keeps the
    # list from FTS5, which then runs the MATCH once and SQLite picks the rows.
    rowid_column = "+rowid" if prefixed else "rowid"
    found: dict[int, dict[str, str]] = {}
    for chunk in _chunks(rowids):
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT rowid, {marked(TEXT)}, {marked(NOTES)}, quote, {mark_columns}, "
            f"{details_columns} FROM entries WHERE entries MATCH ? AND {rowid_column} IN ({marks})",
            (expression, *chunk))
        for rowid, text, notes, quote, *snippets in rows:
            in_mark = snippets[:len(MARK_SNIPPET_COLUMNS)]
            in_details = snippets[len(MARK_SNIPPET_COLUMNS):]
            found[rowid] = {"text": text, "notes": notes, "quote": quote,
                            "snippet": _first_with_a_hit(in_mark),
                            "details": _first_with_a_hit(in_details)}
    return found


def _first_with_a_hit(candidates: list[str]) -> str:
    return next((c for c in candidates if HIT_START in c), next((c for c in candidates if c), ""))


def _quotes(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, dict[str, str]]:
    """For a query of filters alone: the marks' words, as they are (no hit to mark)."""
    found: dict[int, dict[str, str]] = {}
    for chunk in _chunks(rowids):
        marks = ", ".join("?" * len(chunk))
        for rowid, quote in conn.execute(
                f"SELECT rowid, quote FROM entries WHERE rowid IN ({marks})", chunk):
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


def _chunks(items: list[int], size: int = 500) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _first_hit(marked: str) -> tuple[int, int] | None:
    """Where the first hit is in a text FTS5 marked up (offsets in the unmarked text)."""
    start = marked.find(HIT_START)
    if start < 0:
        return None
    end = marked.find(HIT_END, start)
    return start, (end - 1 if end > 0 else start)


def _slice_marked(marked: str, begin: int, end: int | None) -> str:
    """The part of a marked-up text between two offsets of the unmarked text, its markers
    kept (a hit that runs over an edge is marked up to the edge)."""
    out: list[str] = []
    plain = 0
    inside = False
    for ch in marked:
        if ch in (HIT_START, HIT_END):
            inside = ch == HIT_START
            if (end is None or plain < end) and plain >= begin:
                out.append(ch)
            continue
        if plain == begin and inside and not out:
            out.append(HIT_START)
        if plain >= begin and (end is None or plain < end):
            out.append(ch)
        plain += 1
    return "".join(out)


def _window(marked: str, first: int, lowest: int = 0, highest: int | None = None) -> str:
    """A text around its first hit (at `first`), within [lowest, highest) (the paragraph of
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
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    opened: int | None = None
    space = False
    for ch in marked:
        if ch == HIT_START:
            opened = length + (1 if space and length else 0)
            continue
        if ch == HIT_END:
            if opened is not None and length > opened:
                spans.append((opened, length))
            opened = None
            continue
        if ch.isspace():
            space = True
            continue
        if space and length:
            out.append(" ")
            length += 1
        space = False
        out.append(ch)
        length += 1
    if opened is not None and length > opened:
        spans.append((opened, length))
    return "".join(out), tuple(spans)
