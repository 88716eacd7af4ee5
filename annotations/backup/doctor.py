"""`glossator doctor`: every file of the library checked, each problem one line; and
`--repair`: what can be mended, mended.

Checked: JSON that parses and has the shape of a glossator database; record ids that
agree with their keys and folders; marks that point at existing actors and whose offsets
fit their article's text (and hold their words, unless orphaned); bodies whose hash is
the one recorded at import; folders and journals left behind.

Repaired: a damaged or missing JSON file is restored from the newest snapshot holding an
intact copy (and what was lost since is said); a body likewise; marks whose offsets no
longer fit are found again by their words (or kept as orphans, never deleted). What
cannot be repaired is said, with what to do.

The article text comes from the caller (`text_of`): the domain does not build documents.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.backup.snapshots import newest_holding
from annotations.errors import GlossatorError
from annotations.model import Annotation, Article
from annotations.transaction import Transaction, pending

DATABASE_TABLES = {"library.json": "articles", "actors.json": "actors", "codebook.json": "tags"}


@dataclass
class Problem:
    path: str
    """The file, relative to the library."""
    text: str
    repair: str = ""
    """How `--repair` mends it: "restore" (from a snapshot), "reanchor", or "" (it cannot)."""
    article: str = ""

    def line(self) -> str:
        return f"{self.path}: {self.text}"


@dataclass
class Checkup:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    """How many files were looked at."""

    def add(self, path: str, text: str, repair: str = "", article: str = "") -> None:
        self.problems.append(Problem(path, text, repair, article))


def examine(folder: Path, text_of: Callable[[Article], str]) -> Checkup:
    """Every problem of the library in `folder`; reads only, changes nothing."""
    checkup = Checkup()
    tables = {name: _read_database(folder, name, checkup) for name in DATABASE_TABLES}
    for name in pending(folder):
        checkup.add(f"journal/{name.name}", "a change was cut short; the next glossator command "
                    "finishes it (or run `glossator doctor --repair`)", repair="journal")
    articles = tables.get("library.json") or {}
    actors = tables.get("actors.json") or {}
    for key, record in articles.items():
        if not isinstance(record, dict) or record.get("id", key) != key:
            checkup.add("library.json", f"the article record {key!r} has another id "
                        f"({record.get('id') if isinstance(record, dict) else record!r})")
            continue
        _check_article(folder, Article.from_record(record), actors, text_of, checkup)
    known = set(articles)
    root = folder / "articles"
    if root.is_dir():
        for entry in sorted(root.iterdir()):
            if entry.is_dir() and entry.name not in known:
                checkup.add(f"articles/{entry.name}", "a folder no article owns (left by a "
                            "removal that was cut short); remove it if you don't need it")
    return checkup


def _read_database(folder: Path, name: str, checkup: Checkup) -> dict[str, Any] | None:
    path = folder / name
    if not path.exists():
        if name == "library.json" and (folder / "articles").is_dir():
            checkup.add(name, "is missing", repair="restore")
        return None
    checkup.checked += 1
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        checkup.add(name, f"is damaged ({error.__class__.__name__})", repair="restore")
        return None
    table = data.get(DATABASE_TABLES[name], {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        checkup.add(name, "does not hold a glossator database", repair="restore")
        return None
    return table


def _check_article(folder: Path, article: Article, actors: dict[str, Any],
                   text_of: Callable[[Article], str], checkup: Checkup) -> None:
    base = f"articles/{article.id}"
    body_ok = _check_body(folder, article, checkup)
    path = folder / base / "annotations.json"
    if not path.exists():
        return
    checkup.checked += 1
    try:
        data = json.loads(path.read_bytes())
        records = data.get("annotations", {}) if isinstance(data, dict) else None
        if not isinstance(records, dict):
            raise ValueError("no annotations table")
    except (OSError, ValueError) as error:
        checkup.add(f"{base}/annotations.json", f"is damaged ({error})", repair="restore",
                    article=article.id)
        return
    text = None
    if body_ok:
        try:
            text = text_of(article)
        except GlossatorError as error:
            checkup.add(f"{base}/body", str(error))
    misplaced = 0
    for key, record in records.items():
        if not isinstance(record, dict):
            checkup.add(f"{base}/annotations.json", f"the mark {key!r} is not a record")
            continue
        mark = Annotation.from_record(record)
        where = f"{base}/annotations.json"
        if mark.id != key:
            checkup.add(where, f"the mark {key!r} says its id is {mark.id!r}")
        if mark.article != article.id:
            checkup.add(where, f"the mark {mark.short_id} says it belongs to {mark.article!r}")
        for role, actor_id in (("speaker", mark.speaker), ("actor", mark.actor)):
            if actor_id and actor_id not in actors:
                checkup.add(where, f"the mark {mark.short_id} names a {role} that is not in "
                            "actors.json")
        if text is not None and not mark.orphaned and not _fits(mark, text):
            misplaced += 1
    if misplaced:
        checkup.add(f"{base}/annotations.json", f"{misplaced} mark(s) whose offsets no longer "
                    "hold their words", repair="reanchor", article=article.id)


def _fits(mark: Annotation, text: str) -> bool:
    return 0 <= mark.start < mark.end <= len(text) and text[mark.start:mark.end] == mark.exact


def _check_body(folder: Path, article: Article, checkup: Checkup) -> bool:
    from annotations.store import BODY_FILES

    name = BODY_FILES.get(article.format, "body.md")
    relative = f"articles/{article.id}/{name}"
    path = folder / relative
    checkup.checked += 1
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        checkup.add(relative, "is missing", repair="restore", article=article.id)
        return False
    except OSError as error:
        checkup.add(relative, f"cannot be read ({error.strerror})")
        return False
    try:
        digest = hashlib.sha256(body.decode("utf-8").encode("utf-8", "surrogatepass")).hexdigest()
    except UnicodeDecodeError:
        checkup.add(relative, "is not UTF-8 text", repair="restore", article=article.id)
        return False
    if article.content_hash and digest != article.content_hash:
        checkup.add(relative, "does not match the hash recorded when it was added (changed "
                    "outside glossator?)", repair="restore", article=article.id)
        return False
    return True


def restore_files(folder: Path, problems: list[Problem]) -> tuple[list[str], list[Problem]]:
    """Restore each damaged file from the newest snapshot with an intact copy, in one
    transaction; what was done (one line each), and the problems no snapshot could mend.
    The caller holds the lock."""
    done, left = [], []
    with Transaction(folder, "doctor --repair") as change:
        for problem in problems:
            relative = problem.path
            snapshot = newest_holding(folder, relative)
            if snapshot is None:
                left.append(problem)
                continue
            change.write_from(folder / relative, snapshot.file(relative))
            done.append(f"{relative}: restored from the snapshot of {snapshot.created}; any "
                        "change made to it since then is lost")
    return done, left
