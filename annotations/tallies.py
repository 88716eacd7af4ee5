"""Marks per actor and per tag across the library: what the Actors and Codebook views count.

Counting them means reading every article's marks: in a library of a thousand articles
with 50,000 marks that is most of a second, too slow for a screen that should open at
once. So each article's tally is kept in a small cache file beside the index, with the
stamp (write token, inode, size, mtime) of the annotation file it was counted from, as
`Library.all_counts` keeps its counts: only files written since are read again. The sums
over the library are kept too, in a smaller file of their own, so a screen that shows
them parses a few hundred kilobytes instead of every article's tally:

    tallies-cache.json           {"version": 2, "key": digest of every article's stamp,
                                  "totals": {"statuses": [claim statuses], "actors": {id:
                                  [mentions, articles, claims of each status…]}, "tags":
                                  {tag: [marks, articles]}}}
    tallies-articles-cache.json  {"version": 2, "articles": {article id: {"stamp": [...],
                                  "mentions": {actor id: n}, "claims": {actor id: {status:
                                  n}}, "others": {actor id: n}, "tags": {tag: n}}}}

The sums hold while the digest of the stamps is the one they were summed from; each article's entry
while its own stamp holds. Both files are derived and safe to delete: unreadable, they
are rebuilt; unwritable (a busy or read-only library), skipped. The articles' tallies
also say which articles mention an actor or use a tag, so a library-wide change reads
only those files (`marks_naming` reads an actor's marks that way).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from annotations.atomic import file_stamp, load_json, write_atomically
from annotations.errors import CorruptFileError, LibraryError
from annotations.locking import LibraryLock
from annotations.model import ACTOR, CLAIM, CLAIM_STATUSES, Annotation, Article
from annotations.store import Library

TALLIES_CACHE = "tallies-cache.json"
DETAILS_CACHE = "tallies-articles-cache.json"
MARKS_FILE = "annotations.json"
_VERSION = 2


@dataclass
class ArticleTally:
    """What one article's marks say about actors and tags."""

    mentions: dict[str, int] = field(default_factory=dict)
    """Actor id → actor marks naming it."""
    claims: dict[str, dict[str, int]] = field(default_factory=dict)
    """Speaker id → claim status → claims attributed to it."""
    others: dict[str, int] = field(default_factory=dict)
    """Actor id → marks of another kind that still name it (a claim turned into a tag
    keeps its speaker): not counted, but a merge must rewrite them too."""
    tags: dict[str, int] = field(default_factory=dict)
    """Tag or kind → marks that carry it (as their kind or among their tags), once each."""

    def record(self) -> dict[str, Any]:
        return {"mentions": self.mentions, "claims": self.claims, "others": self.others,
                "tags": self.tags}

    @classmethod
    def from_cache(cls, entry: dict[str, Any]) -> ArticleTally:
        return cls(dict(entry.get("mentions", {})), dict(entry.get("claims", {})),
                   dict(entry.get("others", {})), dict(entry.get("tags", {})))

    def names(self, actor_id: str) -> bool:
        return actor_id in self.mentions or actor_id in self.claims or actor_id in self.others


def tally_records(records: Iterable[dict[str, Any]]) -> ArticleTally:
    """Count one article's raw mark records."""
    mentions: Counter[str] = Counter()
    claims: dict[str, Counter[str]] = {}
    others: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for record in records:
        if not isinstance(record, dict):
            continue
        kind = record.get("kind", "")
        actor, speaker = record.get("actor") or "", record.get("speaker") or ""
        if actor:
            (mentions if kind == ACTOR else others)[actor] += 1
        if speaker:
            if kind == CLAIM:
                status = record.get("status") or CLAIM_STATUSES[0]
                claims.setdefault(speaker, Counter())[status] += 1
            elif speaker != actor:
                others[speaker] += 1
        tags.update({kind, *(record.get("tags") or ())} - {""})
    return ArticleTally(dict(mentions), {k: dict(v) for k, v in claims.items()}, dict(others),
                        dict(tags))


@dataclass
class Totals:
    """The library-wide sums: what the Actors and Codebook screens show."""

    mentions: Counter[str] = field(default_factory=Counter)
    claim_statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    """Speaker id → claim status → claims, library-wide."""
    actor_articles: Counter[str] = field(default_factory=Counter)
    """Actor id → articles that mention it or quote it."""
    tag_marks: Counter[str] = field(default_factory=Counter)
    tag_articles: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, articles: Iterable[ArticleTally]) -> Totals:
        totals = cls()
        for tally in articles:
            totals.mentions.update(tally.mentions)
            for speaker, statuses in tally.claims.items():
                into = totals.claim_statuses.setdefault(speaker, {})
                for status, n in statuses.items():
                    into[status] = into.get(status, 0) + n
            totals.actor_articles.update(tally.mentions.keys() | tally.claims.keys())
            totals.tag_marks.update(tally.tags)
            totals.tag_articles.update(tally.tags.keys())
        return totals

    def record(self) -> dict[str, Any]:
        """Compact: per actor [mentions, articles, claims by status…], per tag [marks,
        articles] (5,000 actors parse in a few ms)."""
        actors = self.mentions.keys() | self.claim_statuses.keys()
        statuses = self._statuses()
        return {"statuses": statuses,
                "actors": {a: [self.mentions[a], self.actor_articles[a],
                               *(self.claim_statuses.get(a, {}).get(s, 0) for s in statuses)]
                           for a in actors},
                "tags": {t: [n, self.tag_articles[t]] for t, n in self.tag_marks.items()}}

    def _statuses(self) -> list[str]:
        found = {s for statuses in self.claim_statuses.values() for s in statuses}
        return [*CLAIM_STATUSES, *sorted(found - set(CLAIM_STATUSES))]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Totals:
        # Comprehensions, not a loop of Counter updates: this is on the Actors screen's way.
        actors, tags, statuses = record["actors"], record["tags"], record["statuses"]
        claims = {a: {s: n for s, n in zip(statuses, v[2:], strict=True) if n}
                  for a, v in actors.items() if any(v[2:])}
        return cls(Counter({a: v[0] for a, v in actors.items() if v[0]}), claims,
                   Counter({a: v[1] for a, v in actors.items()}),
                   Counter({t: v[0] for t, v in tags.items()}),
                   Counter({t: v[1] for t, v in tags.items()}))


class Tallies:
    """The library-wide sums, and each article's tally (read only when asked for)."""

    def __init__(self, totals: Totals, articles: Callable[[], dict[str, ArticleTally]]) -> None:
        self.totals = totals
        self._articles = articles
        self.mentions = totals.mentions
        self.claim_statuses = totals.claim_statuses
        self.actor_articles = totals.actor_articles
        self.tag_marks = totals.tag_marks
        self.tag_articles = totals.tag_articles

    @cached_property
    def articles(self) -> dict[str, ArticleTally]:
        return self._articles()

    @cached_property
    def claims(self) -> Counter[str]:
        return Counter({k: sum(v.values()) for k, v in self.claim_statuses.items()})

    def articles_naming(self, actor_id: str) -> list[str]:
        """Articles with a mark that names the actor, in any field."""
        return [a for a, tally in self.articles.items() if tally.names(actor_id)]

    def articles_tagged(self, names: Iterable[str]) -> list[str]:
        """Articles with a mark carrying any of these tags (or kinds)."""
        wanted = set(names)
        return [a for a, tally in self.articles.items() if not wanted.isdisjoint(tally.tags)]


def read_tallies(library: Library, stamps: dict[str, Any] | None = None) -> Tallies:
    """The library's tallies: the sums straight from the summary while no annotation file
    changed since it was written; otherwise each changed article counted again. `stamps`:
    the articles' `marks_stamps`, when the caller has just taken them."""
    stamps = marks_stamps(library) if stamps is None else stamps
    key = _key(stamps)
    summary = _read(library, TALLIES_CACHE)
    if summary.get("key") == key:
        try:
            totals = Totals.from_record(summary["totals"])
        except (KeyError, TypeError, ValueError):
            totals = None
        if totals is not None:
            return Tallies(totals, lambda: _article_tallies(library, stamps))
    articles = _article_tallies(library, stamps)
    totals = Totals.of(articles.values())
    _write(library, TALLIES_CACHE, {"key": key, "totals": totals.record()})
    return Tallies(totals, lambda: articles)


def _key(stamps: dict[str, Any]) -> str:
    """One digest of every article's stamp: the sums hold while it is the same."""
    return hashlib.sha256(json.dumps(stamps, separators=(",", ":")).encode()).hexdigest()


def marks_stamps(library: Library) -> dict[str, Any]:
    """Every article's annotation-file stamp, by article id, in the index's order.

    Paths as strings and ids from the index's parsed table: with a thousand articles,
    building Article objects and Path objects cost more than the stamps themselves.
    """
    articles = os.path.join(library.folder, "articles")
    return {article_id: file_stamp(os.path.join(articles, article_id, MARKS_FILE))  # type: ignore[arg-type]
            for article_id in library.article_ids()}


def _article_tallies(library: Library, stamps: dict[str, Any]) -> dict[str, ArticleTally]:
    """Each article's tally, from the details cache where its file is unchanged."""
    cached = _read(library, DETAILS_CACHE).get("articles", {})
    if not isinstance(cached, dict):
        cached = {}
    fresh: dict[str, dict[str, Any]] = {}
    result: dict[str, ArticleTally] = {}
    for article_id, stamp in stamps.items():
        entry = cached.get(article_id)
        if stamp is None:
            tally = ArticleTally()
        elif isinstance(entry, dict) and entry.get("stamp") == stamp:
            tally = ArticleTally.from_cache(entry)
        else:
            tally = tally_records(_records(library.article_folder(article_id) / MARKS_FILE))
        result[article_id] = tally
        fresh[article_id] = {"stamp": stamp, **tally.record()}
    if fresh != cached:
        _write(library, DETAILS_CACHE, {"articles": fresh})
    return result


def _records(path: Path) -> Iterable[dict[str, Any]]:
    data = load_json(path) or {}
    table = data.get("annotations", {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise CorruptFileError(f"{path} does not hold a glossator database; it was left untouched: "
                               "run `glossator doctor --repair`")
    return table.values()


def _read(library: Library, name: str) -> dict[str, Any]:
    try:
        data = json.loads((library.folder / name).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return {}
    return data


def _write(library: Library, name: str, data: dict[str, Any]) -> None:
    if library.lock.held:
        # A change is being made (maybe by another thread of this process): it rewrites
        # the files anyway, and the next reader counts them afresh.
        return
    try:
        # Without waiting: a view never queues behind a writer for its cache.
        with LibraryLock(library.folder, wait_seconds=0).hold("glossator tallies"):
            # Compact, not the library's canonical layout: derived, never merged, and half
            # the bytes to parse on the Actors screen's way.
            payload = json.dumps({"version": _VERSION, **data}, ensure_ascii=False,
                                 separators=(",", ":")).encode("utf-8")
            write_atomically(library.folder / name, payload, durable=False)
    except LibraryError:
        pass


def marks_naming(library: Library, actor_id: str,
                 tallies: Tallies | None = None) -> list[tuple[Article, list[Annotation]]]:
    """The actor's mentions and the claims attributed to it, by article (by date), each
    article's in reading order. Only the articles the tallies name are read."""
    tallies = tallies or read_tallies(library)
    wanted = set(tallies.articles_naming(actor_id))
    groups = []
    for article in library.articles():
        if article.id not in wanted:
            continue
        path = library.article_folder(article.id) / MARKS_FILE
        marks = [Annotation.from_record(dict(r)) for r in _records(path)
                 if (r.get("kind") == ACTOR and r.get("actor") == actor_id)
                 or (r.get("kind") == CLAIM and r.get("speaker") == actor_id)]
        if marks:
            groups.append((article, sorted(marks, key=lambda m: (m.start, m.end, m.id))))
    return sorted(groups, key=lambda g: (g[0].published or g[0].added[:10], g[0].added))


def actor_records(library: Library) -> list[dict[str, Any]]:
    """Every actor's stored record, unsorted: for a listing of thousands, which needs the
    names at once and an `Actor` only for the one a person picks (`Actor.from_record`).
    Read from the file as it is now, without the store's per-record copies."""
    data = load_json(library.folder / "actors.json") or {}
    table = data.get("actors", {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise CorruptFileError(f"{library.folder / 'actors.json'} does not hold a glossator "
                               "database; it was left untouched: run `glossator doctor --repair`")
    return [r for r in table.values() if isinstance(r, dict) and r.get("id") and r.get("name")]
