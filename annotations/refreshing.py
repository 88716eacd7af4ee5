"""A new body for an article (the page again, the file again, or a new file): the old one
kept as a version, every mark found again in the new text, in one transaction.

Marks are found again in the order of annotations/matching: where they were, word for
word (kept); elsewhere, word for word (moved); approximately (fuzzy: the mark takes the
new words, keeps the old ones in its history, and stores how sure the match was); or not
at all (orphaned: kept as it was, listed, re-attachable, never deleted).

Metadata the user edited (`meta --set`, the details dialog) stays as it is; the rest
takes what the new source says, where it says anything.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annotations.anchoring import place_on
from annotations.found_again import place_where_found
from annotations.model import Annotation, Article, now_iso
from annotations.places import TextPlaces
from annotations.store import BODY_FILES, Library
from annotations.versions import (
    VERSIONS_FOLDER,
    Version,
    next_version,
    versions,
    versions_bytes,
    versions_path,
)

REFRESHED_FIELDS = ("title", "authors", "editors", "site", "published", "url", "accessed", "language",
                    "keywords", "doi", "publisher")
"""What a refresh may take from the new source, for fields the user has not edited. A page
read again from its address says it was accessed today (reader/importing/url.py): the
date a citation of its new text gives."""


@dataclass
class RefreshReport:
    article: Article
    changed: bool
    """False when the source's text was the same as before: nothing was written (but the
    body itself, when the library's copy had been changed by another program)."""
    kept: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0
    lowest_score: float | None = None
    version: Version | None = None
    """The earlier body, kept as this version."""
    fields: list[str] = field(default_factory=list)
    """Metadata fields the new source changed."""
    warnings: list[str] = field(default_factory=list)
    """What the source's importer warned of (pages of a damaged PDF that gave no text)."""
    same_text: bool = False
    """The body changed but not its text (markup, spacing): no version is kept, since the
    text every mark and citation rests on is the one there was."""

    def summary(self) -> str:
        lowest = f" (lowest score {self.lowest_score:.2f})" if self.lowest_score is not None else ""
        return (f"{self.kept} kept, {self.moved} moved, {self.fuzzy} fuzzy{lowest}, "
                f"{self.orphaned} orphaned")


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def refresh_article(library: Library, article: Article, body: str, format: str, text: str,
                    text_hash: str, places: TextPlaces, old_text: str,
                    metadata: Mapping[str, Any] | None = None, source: str = "") -> RefreshReport:
    """Replace the article's body with `body` (whose article text is `text`) unless it is
    the same; keep the old body as a version and find every mark again."""
    with library.writing("glossator refresh"):
        current = library.article(article.id)
        if body_hash(body) == current.content_hash:
            if not _library_copy_is_recorded(library, current):
                _put_body_back(library, current, body)
            return RefreshReport(current, changed=False)
        marks = library.annotations(current.id)
        report = RefreshReport(current, changed=True, same_text=text_hash == current.text_hash)
        moved = _find_again(marks, text, places, old_text, report)
        saved = now_iso()
        version = None if report.same_text else next_version(library, current, saved)
        updated = _updated_article(current, body, format, text_hash, metadata or {}, source,
                                   saved, report)
        folder = library.article_folder(current.id)
        old_body = library.body_path(current)
        with library.transaction(f"refresh {current.id}") as change:
            if version is not None:
                change.write_from(folder / VERSIONS_FOLDER / version.file, old_body)
                change.write(versions_path(library, current.id),
                             versions_bytes([*versions(library, current.id), version]))
            new_body = folder / BODY_FILES.get(format, "body.md")
            change.write(new_body, body.encode("utf-8"))
            if new_body != old_body:
                change.remove(old_body)
            change.remove(folder / "document.cache")  # derived: rebuilt from the new body
            library.stage_article(change, updated, moved)
        report.article, report.version = updated, version
    return report


def _library_copy_is_recorded(library: Library, article: Article) -> bool:
    try:
        return hashlib.sha256(library.body_path(article).read_bytes()).hexdigest() \
            == article.content_hash
    except OSError:
        return False


def _put_body_back(library: Library, article: Article, body: str) -> None:
    """The source still has the recorded body, the library's copy is another (edited in
    place, cut short): put the recorded one back. This is what `glossator doctor` advises
    for a body no snapshot holds as it was."""
    with library.transaction(f"refresh {article.id}") as change:
        change.write(library.body_path(article), body.encode("utf-8"))
        change.remove(library.article_folder(article.id) / "document.cache")  # derived


def _find_again(marks: list[Annotation], text: str, places: TextPlaces, old_text: str,
                report: RefreshReport) -> list[Annotation]:
    """The marks as they are in the new text; counts go to `report`."""
    from annotations.matching import FUZZY, KEPT, MOVED, ORPHANED, Quote, find_all_again

    found = find_all_again(text, [Quote.of(m) for m in marks], old_text=old_text)
    # The marks were just read from the store as new objects: changed in place, not copied
    # (copying 10,000 marks took longer than finding them all again).
    for mark, where in zip(marks, found, strict=True):
        place_where_found(mark, where, text, places, "refresh")
        report.orphaned += where.outcome == ORPHANED
        report.kept += where.outcome == KEPT
        report.moved += where.outcome == MOVED
        if where.outcome == FUZZY:
            report.fuzzy += 1
            # The stored score, not the raw one: the summary and every listing of the mark
            # then print the same figure.
            report.lowest_score = min(mark.anchor_score, report.lowest_score or 1.0)
    return list(marks)


def place_mark(mark: Annotation, text: str, start: int, end: int, places: TextPlaces) -> None:
    """Put `mark` on text[start:end] (annotations/anchoring.py, `place_on`)."""
    place_on(mark, text, start, end, places)


def _updated_article(current: Article, body: str, format: str, text_hash: str,
                     metadata: Mapping[str, Any], source: str, saved: str,
                     report: RefreshReport) -> Article:
    updated = copy.deepcopy(current)
    edited = set(current.extra.get("edited", []))
    for name in REFRESHED_FIELDS:
        value = metadata.get(name)
        if name in edited or not value or value == getattr(updated, name):
            continue
        setattr(updated, name, list(value) if isinstance(value, list) else value)
        report.fields.append(name)
    updated.content_hash = body_hash(body)
    updated.text_hash = text_hash
    updated.format = format
    if source:
        updated.source = source
    if not report.same_text:
        updated.extra["body_added"] = saved  # since when the text is the one it is
    return updated
