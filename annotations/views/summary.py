"""Each article's claims counted by speaker and status, and by speaker, tag and status:
what the matrix is made of.

A matrix of 1,000 articles would parse some 50 MB of annotation files each time it is
drawn (0.3 s on the bench library, most of the matrix's cost). The counts are small, so
they are kept in a derived cache file beside the index, as `Library.all_counts` keeps its
counts: each article's entry carries the stamp (write token, inode, size, mtime) of the
annotation file it was counted from, and only files written since are read again.
Deleting the file is safe; unreadable, it is rebuilt; unwritable (a busy or read-only
library), it is skipped.

An entry is kept in the shape the matrix adds up, so a current cache is summed as it is
read, with no object made per claim:

    {"speakers": {speaker: [unverified, supported, disputed, false]},
     "tags": {speaker: {column: [unverified, supported, disputed, false]}}}

where a claim's columns are its tags and every tag above them (matrix.py), or "" for a
claim without a tag, and speaker is the actor id, or "" for a claim that names nobody.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from annotations.atomic import file_stamp, write_atomically
from annotations.errors import LibraryError
from annotations.locking import LibraryLock
from annotations.model import CLAIM, CLAIM_STATUSES, Annotation, Article
from annotations.store import Library
from annotations.views.reading import Problems, annotations_path, raw_records

VIEWS_CACHE = "views-cache.json"
"""Derived: the claim counts of every article (see the module's docstring); safe to delete."""
_CACHE_VERSION = 2
_STATUS_INDEX = {status: i for i, status in enumerate(CLAIM_STATUSES)}
assert len(CLAIM_STATUSES) == 4  # the counts below are lists of four

StatusCounts = list[int]
"""Claims per status, in `CLAIM_STATUSES` order."""
ClaimFacts = tuple[str, str, tuple[str, ...]]
"""What the matrix needs of one claim: speaker id, status, tags."""


@dataclass(frozen=True)
class ArticleClaims:
    """One article's claims, counted."""

    article: str
    speakers: dict[str, StatusCounts]
    tags: dict[str, dict[str, StatusCounts]]


def known_status(status: object) -> str:
    """A claim's status; one left empty (or unknown to this version) reads as unverified,
    which is what a claim nobody has checked is."""
    return status if isinstance(status, str) and status in _STATUS_INDEX else CLAIM_STATUSES[0]


def tag_and_parents(tag: str) -> list[str]:
    """`a/b/c` → `a`, `a/b`, `a/b/c`: the tag columns a claim with this tag counts in."""
    parts = [p for p in tag.strip().strip("/").split("/") if p.strip()]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def tag_columns(tags: Iterable[str]) -> set[str]:
    """Every column of a claim's tags, its parents included; {""} for a claim without."""
    return {column for tag in tags for column in tag_and_parents(tag)} or {""}


def facts_of_marks(marks: Iterable[Annotation]) -> Iterator[ClaimFacts]:
    """The facts of the claims among marks."""
    for mark in marks:
        if mark.kind == CLAIM:
            yield mark.speaker or "", known_status(mark.status), tuple(mark.tags)


def counted(article_id: str, claims: Iterable[ClaimFacts]) -> ArticleClaims:
    """One article's claims counted by speaker, and by speaker and tag column."""
    speakers: dict[str, StatusCounts] = {}
    tags: dict[str, dict[str, StatusCounts]] = {}
    for speaker, status, claim_tags in claims:
        index = _STATUS_INDEX[status]
        if speaker not in speakers:
            speakers[speaker], tags[speaker] = [0, 0, 0, 0], {}
        speakers[speaker][index] += 1
        columns = tags[speaker]
        for column in tag_columns(claim_tags) if claim_tags else ("",):
            if column not in columns:
                columns[column] = [0, 0, 0, 0]
            columns[column][index] += 1
    return ArticleClaims(article_id, speakers, tags)


def counted_records(article_id: str, records: Iterable[dict[str, Any]]) -> ArticleClaims:
    """`counted` straight from stored records: one pass, no tuple per claim (the cold
    matrix of the bench library counts 25,000 claims this way)."""
    speakers: dict[str, StatusCounts] = {}
    tags: dict[str, dict[str, StatusCounts]] = {}
    index_of, unverified = _STATUS_INDEX, 0
    for record in records:
        if record.get("kind") != CLAIM:
            continue
        speaker = record.get("speaker") or ""
        if not isinstance(speaker, str):
            speaker = str(speaker)
        status = record.get("status")
        index = index_of.get(status, unverified) if isinstance(status, str) else unverified
        if speaker not in speakers:
            speakers[speaker], tags[speaker] = [0, 0, 0, 0], {}
        speakers[speaker][index] += 1
        columns = tags[speaker]
        claim_tags = record.get("tags")
        for column in tag_columns(map(str, claim_tags)) if claim_tags and isinstance(
                claim_tags, list) else ("",):
            if column not in columns:
                columns[column] = [0, 0, 0, 0]
            columns[column][index] += 1
    return ArticleClaims(article_id, speakers, tags)


def claim_counts(library: Library, problems: Problems | None = None,
                 articles: Sequence[Article] | None = None) -> list[ArticleClaims]:
    """The counts of every article of the library (or of `articles`), from the cache
    where it is current."""
    problems = problems if problems is not None else Problems()
    cached = _read_cache(library)
    fresh: dict[str, dict[str, Any]] = {}
    result: list[ArticleClaims] = []
    changed = False
    for article in library.articles() if articles is None else articles:
        path = annotations_path(library, article.id)
        try:
            stamp = file_stamp(path)
        except LibraryError as error:
            problems.add(error)
            continue
        entry = cached.get(article.id)
        found = _from_entry(article.id, entry, stamp)
        if found is None:
            try:
                records = raw_records(path).values() if stamp is not None else ()
            except LibraryError as error:
                problems.add(error)
                continue
            found = counted_records(article.id, records)
            entry = {"stamp": stamp, "speakers": found.speakers, "tags": found.tags}
            changed = True
        result.append(found)
        fresh[article.id] = entry
    if changed or fresh.keys() != cached.keys():
        _write_cache(library, fresh)
    return result


def _from_entry(article_id: str, entry: object, stamp: object) -> ArticleClaims | None:
    """The cached counts of an article whose file is as it was counted; None to read it."""
    if not isinstance(entry, dict) or entry.get("stamp") != stamp:
        return None
    speakers, tags = entry.get("speakers"), entry.get("tags")
    if not isinstance(speakers, dict) or not isinstance(tags, dict):
        return None  # a cache entry of another shape: read the file instead
    return ArticleClaims(article_id, speakers, tags)


def _read_cache(library: Library) -> dict[str, Any]:
    try:
        data = json.loads((library.folder / VIEWS_CACHE).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION:
        return {}
    articles = data.get("articles", {})
    return articles if isinstance(articles, dict) else {}


def _write_cache(library: Library, entries: dict[str, dict[str, Any]]) -> None:
    try:
        # Without waiting: a view never queues behind a writer for its cache.
        with LibraryLock(library.folder, wait_seconds=0).hold("glossator views"):
            # Compact, not the library files' canonical layout: derived, and read whole.
            data = json.dumps({"version": _CACHE_VERSION, "articles": entries},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            write_atomically(library.folder / VIEWS_CACHE, data, durable=False)
    except LibraryError:
        pass
