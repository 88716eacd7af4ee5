"""Bringing the index up to date with the library: find what changed, then index it.

`plan` only reads (the library's files and the index): what each article needs — its
details (library.json changed and so did its record), its text (its body or what its
text is made from changed), its marks (its annotation file changed, or an actor its marks
name was renamed) — and which articles are gone. `apply` then writes one article at a
time. Every stamp is read before the file it stamps, so a write landing in between
makes the index read the file once more next time, never miss it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.atomic import load_json
from annotations.errors import CorruptFileError, GlossatorError
from annotations.model import Actor, Annotation, Article
from annotations.search.entries import (
    Row,
    actor_names,
    details_row,
    mark_rows,
    passage_notes,
    passage_rows,
)
from annotations.search.expression import site_key
from annotations.search.freshness import folder_stamp, folder_unchanged, now_ns, stamp_text
from annotations.search.passages import passages
from annotations.search.query import published_range
from annotations.search.schema import (
    DETAILS,
    FIRST_PASSAGE,
    MARK_BASE,
    MARK_COLUMNS,
    MARKS,
    ROW_MASK,
    SLOT_SHIFT,
    TEXT_COLUMNS,
    TEXTS,
    chunks,
    rows_of,
)
from annotations.store import BODY_FILES, Library

TextOf = Callable[[Article], tuple[str, Any]]
"""An article's text and its places (`annotations.places.TextPlaces`): the reader's
document model builds them (`reader.document.cache.text_reader`), the domain does not."""

_INSERT_TEXT = (f"INSERT INTO {TEXTS}(rowid, {', '.join(TEXT_COLUMNS)}) "
                f"VALUES (?{', ?' * len(TEXT_COLUMNS)})")
_INSERT_MARK = (f"INSERT INTO {MARKS}(rowid, {', '.join(MARK_COLUMNS)}) "
                f"VALUES (?{', ?' * len(MARK_COLUMNS)})")
_INSERT_PLACE = "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


@dataclass
class Work:
    """What one article needs, and the stamps to keep once it is done."""

    article_id: str
    slot: int | None
    details: bool = False
    text: bool = False
    marks: bool = False
    article: Article | None = None
    folder: str = ""
    body_stamp: str | None = None
    marks_stamp: str | None = None

    @property
    def indexes_anything(self) -> bool:
        return self.details or self.text or self.marks


@dataclass
class Plan:
    work: list[Work] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    """Slots of articles no longer in the library."""
    meta: dict[str, str] = field(default_factory=dict)
    """The library-wide stamps to keep once every article is done."""
    actors: dict[str, str] | None = None
    """Every actor's names as they are now, when actors.json changed."""

    @property
    def to_index(self) -> list[Work]:
        return [w for w in self.work if w.indexes_anything]


def record_of(article: Article) -> str:
    """What an article's details row is made from."""
    return json.dumps([article.title, article.authors, article.site, article.keywords,
                       article.tags, article.published], ensure_ascii=False)


def text_key_of(article: Article) -> str:
    """What an article's passages are made from: its body, how it is written, its page
    offset, and its title (a first heading that repeats it is left out)."""
    return f"{article.content_hash}|{article.format}|{article.page_offset}|{article.title}"


_ROW = "SELECT slot, id, record, text_key, folder, body_stamp, marks_stamp, body FROM articles"


def plan(conn: sqlite3.Connection, library: Library, dirty: Iterable[str],
         check_every_folder: bool, suspects: set[str] | None = None) -> Plan:
    """What the index must do to match the library. `dirty`: articles this process changed
    (the store's listeners said so): checked file by file whatever their folder says.
    `suspects`: when the folders were looked at already (`freshness.changed_folders`), the
    articles whose folder may have changed; the others are not looked at again, and while
    library.json and actors.json are as they were, only these articles' rows are read."""
    result = Plan()
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    result.meta["library"] = stamp_text(library.folder / "library.json")
    result.meta["actors"] = stamp_text(library.folder / "actors.json")
    dirty = set(dirty)
    library_changed = result.meta["library"] != meta.get("library")
    actors_changed = result.meta["actors"] != meta.get("actors")
    if suspects is None or library_changed or actors_changed or check_every_folder:
        known = {row[1]: row for row in conn.execute(_ROW)}
    else:
        known = _rows_of(conn, suspects | dirty)
    articles: dict[str, Article] | None = None
    if library_changed:
        articles = {a.id: a for a in library.articles()}
        result.removed = [row[0] for article_id, row in known.items() if article_id not in articles]
    renamed_slots = _slots_of_renamed_actors(conn, library, result) if actors_changed else set()
    root = os.fspath(library.folder / "articles")
    for article_id in (articles if articles is not None else known):
        row = known.get(article_id)
        work = Work(article_id, row[0] if row else None)
        if articles is not None:
            work.article = articles[article_id]
            _compare_record(work, row)
        check = check_every_folder or article_id in dirty or row is None
        if check or suspects is None or article_id in suspects:
            _compare_files(work, f"{root}{os.sep}{article_id}", row, check)
        work.marks = work.marks or work.text or (row is not None and row[0] in renamed_slots)
        result.work.append(work)
    return result


def _rows_of(conn: sqlite3.Connection, ids: set[str]) -> dict[str, tuple]:
    found: dict[str, tuple] = {}
    for chunk in chunks(sorted(ids)):
        found.update((row[1], row) for row in conn.execute(
            f"{_ROW} WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def _compare_record(work: Work, row: tuple | None) -> None:
    article = work.article
    assert article is not None
    if row is None:
        work.details = work.text = work.marks = True
        return
    work.details = record_of(article) != row[2]
    work.text = text_key_of(article) != row[3]


def _compare_files(work: Work, folder: str, row: tuple | None, check: bool) -> None:
    if not check and row is not None and folder_unchanged(folder, row[4]):
        return
    checked = now_ns()
    work.folder = folder_stamp(folder, checked)  # before the files it vouches for
    body_name = BODY_FILES.get(work.article.format, "body.md") if work.article else row[7]
    work.body_stamp = stamp_text(Path(folder, body_name))
    work.marks_stamp = stamp_text(Path(folder, "annotations.json"))
    if row is not None:
        work.text = work.text or work.body_stamp != row[5]
        work.marks = work.marks or work.marks_stamp != row[6]
    else:
        work.text = work.marks = True


def _slots_of_renamed_actors(conn: sqlite3.Connection, library: Library, result: Plan) -> set[int]:
    """Articles with marks naming an actor whose names changed (renamed, given an alias,
    merged away), whose rows must be made again."""
    now = {actor.id: actor_names(actor) for actor in library.actors()}
    before = dict(conn.execute("SELECT id, names FROM actors").fetchall())
    result.actors = now
    changed = [i for i in set(now) | set(before) if now.get(i) != before.get(i)]
    if not changed:
        return set()
    slots: set[int] = set()
    for chunk in chunks(changed):
        marks = ", ".join("?" * len(chunk))
        slots.update(rowid >> SLOT_SHIFT for (rowid,) in conn.execute(
            f"SELECT rowid FROM places WHERE speaker IN ({marks}) OR actor IN ({marks})",
            [*chunk, *chunk]))
    return slots


# -- writing ------------------------------------------------------------------------------


def remove(conn: sqlite3.Connection, slot: int) -> None:
    _delete_rows(conn, slot, DETAILS, ROW_MASK)
    conn.execute("DELETE FROM articles WHERE slot = ?", (slot,))


def apply(conn: sqlite3.Connection, library: Library, work: Work, text_of: TextOf,
          actors: Callable[[], dict[str, Actor]]) -> list[str]:
    """Index what `work` says the article needs (inside the caller's transaction); the
    problems met (a body or an annotation file that cannot be read), one line each."""
    problems: list[str] = []
    if work.slot is None:
        # OR IGNORE: another process may have indexed it since the plan was made.
        conn.execute("INSERT OR IGNORE INTO articles(id) VALUES (?)", (work.article_id,))
        work.slot = conn.execute("SELECT slot FROM articles WHERE id = ?",
                                 (work.article_id,)).fetchone()[0]
    article = work.article
    if article is None and (work.details or work.text):
        article = work.article = library.article(work.article_id)
    if work.details:
        assert article is not None
        _index_details(conn, work.slot, article)
    if work.text or work.marks:
        marks = _marks_of(library, work, problems)
        if work.text:
            assert article is not None
            _index_text(conn, work, article, text_of, marks, actors(), problems)
        else:
            _index_notes(conn, work.slot, marks, actors())
        _delete_rows(conn, work.slot, MARK_BASE, ROW_MASK)
        _insert(conn, work.slot, mark_rows(marks, actors()))
    _keep_stamps(conn, work)
    return problems


def _marks_of(library: Library, work: Work, problems: list[str]) -> list[Annotation]:
    try:
        return read_marks(library.article_folder(work.article_id) / "annotations.json")
    except GlossatorError as error:
        problems.append(str(error))
        work.marks_stamp = ""  # tried again next time
        return []


def _index_details(conn: sqlite3.Connection, slot: int, article: Article) -> None:
    row = details_row(article)
    rowid = slot << SLOT_SHIFT | DETAILS
    conn.execute(f"DELETE FROM {TEXTS} WHERE rowid = ?", (rowid,))
    conn.execute(_INSERT_TEXT, (rowid, *row.values))
    days = published_range(article.published)
    key = site_key(" ".join(part for part in (article.site, _host(article.url)) if part))
    conn.execute("UPDATE articles SET record = ?, title = ?, site = ?, published = ?, site_key = ?, "
                 "first_day = ?, last_day = ?, body = ? WHERE slot = ?",
                 (record_of(article), article.title, article.site, article.published, key,
                  days[0] if days else None, days[1] if days else None,
                  BODY_FILES.get(article.format, "body.md"), slot))


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _index_text(conn: sqlite3.Connection, work: Work, article: Article, text_of: TextOf,
                marks: list[Annotation], actors: dict[str, Actor], problems: list[str]) -> None:
    assert work.slot is not None
    _delete_rows(conn, work.slot, FIRST_PASSAGE, MARK_BASE - 1)
    try:
        text, places = text_of(article)
    except GlossatorError as error:
        problems.append(str(error))
        work.body_stamp = ""  # tried again next time
        return
    _insert(conn, work.slot, passage_rows(text, passages(text, places, skip=article.title),
                                          marks, actors))
    conn.execute("UPDATE articles SET text_key = ? WHERE slot = ?",
                 (text_key_of(article), work.slot))


def _index_notes(conn: sqlite3.Connection, slot: int, marks: list[Annotation],
                 actors: dict[str, Actor]) -> None:
    """The marks changed, the text did not: give each passage its marks' notes again,
    rewriting only the passages whose notes changed (a book's thousands stay as they are)."""
    low, high = rows_of(slot, FIRST_PASSAGE, MARK_BASE - 1)
    stored = conn.execute(f"SELECT p.rowid, p.start, e.notes FROM places AS p JOIN {TEXTS} AS e "
                          "ON e.rowid = p.rowid WHERE p.rowid BETWEEN ? AND ? ORDER BY p.rowid",
                          (low, high)).fetchall()
    fresh = passage_notes([start for _, start, _ in stored], marks, actors)
    for (rowid, _, old), (notes, notes_map) in zip(stored, fresh, strict=True):
        if notes != old:
            conn.execute(f"UPDATE {TEXTS} SET notes = ? WHERE rowid = ?", (notes, rowid))
            conn.execute("UPDATE places SET notes_map = ? WHERE rowid = ?", (notes_map, rowid))


def read_marks(path: Path) -> list[Annotation]:
    """An article's marks in reading order, parsed straight from their file: through the
    store, every parsed file of the library would stay in memory as long as it is open."""
    data = load_json(path) or {}
    table = data.get("annotations", {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise CorruptFileError(f"{path} does not hold a glossator database; it was left untouched: "
                               "run `glossator doctor --repair`")
    marks = [Annotation.from_record(dict(r)) for r in table.values() if isinstance(r, dict)]
    return sorted(marks, key=lambda a: (a.start, a.end, a.created, a.id))


def _delete_rows(conn: sqlite3.Connection, slot: int, first: int, last: int) -> None:
    """Rows `first` to `last` of an article, from whichever table holds them."""
    for table, low_n, high_n in ((TEXTS, first, min(last, MARK_BASE - 1)),
                                 (MARKS, max(first, MARK_BASE), last)):
        if low_n <= high_n:
            conn.execute(f"DELETE FROM {table} WHERE rowid BETWEEN ? AND ?",
                         rows_of(slot, low_n, high_n))
    conn.execute("DELETE FROM places WHERE rowid BETWEEN ? AND ?", rows_of(slot, first, last))


def _insert(conn: sqlite3.Connection, slot: int, rows: list[Row]) -> None:
    base = slot << SLOT_SHIFT
    conn.executemany(_INSERT_TEXT, [(base | row.n, *row.values) for row in rows
                                    if row.n < MARK_BASE])
    conn.executemany(_INSERT_MARK, [(base | row.n, *row.values) for row in rows
                                    if row.n >= MARK_BASE])
    conn.executemany(_INSERT_PLACE, [(base | row.n, *row.place) for row in rows
                                     if row.place is not None])


def _keep_stamps(conn: sqlite3.Connection, work: Work) -> None:
    updates = {"folder": work.folder, "body_stamp": work.body_stamp, "marks_stamp": work.marks_stamp}
    for column, value in updates.items():
        if value is not None and (column != "folder" or value):
            conn.execute(f"UPDATE articles SET {column} = ? WHERE slot = ?", (value, work.slot))


def keep_folder_stamp(conn: sqlite3.Connection, work: Work) -> None:
    """For an article found unchanged file by file: its folder's new stamp, so the next check
    trusts the folder again."""
    if work.slot is not None and work.folder:
        conn.execute("UPDATE articles SET folder = ?, body_stamp = coalesce(?, body_stamp), "
                     "marks_stamp = coalesce(?, marks_stamp) WHERE slot = ?",
                     (work.folder, work.body_stamp, work.marks_stamp, work.slot))


def keep_meta(conn: sqlite3.Connection, finished: Plan) -> None:
    for key, value in finished.meta.items():
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
    if finished.actors is not None:
        conn.execute("DELETE FROM actors")
        conn.executemany("INSERT INTO actors(id, names) VALUES (?, ?)", finished.actors.items())
