"""`glossator doctor`: every file of the library checked, each problem one line.

Checked: JSON that parses and has the shape of a glossator file (annotations/backup/
shapes.py: every record whole); record ids that agree with their keys and folders; marks
that point at existing actors and whose offsets fit their article's text (and hold their
words, unless orphaned); no name or alias that two actors answer to (actor_names.py);
bodies, and the bodies of earlier versions, whose hash is the one recorded; folders and
journals left behind.

Each problem says how `--repair` can mend it (annotations/backup/repair.py: a damaged
file from a snapshot; an id or article that disagrees with its key or folder set to
theirs; misplaced marks found again by their words; a name two actors share left to one)
and, for a file, what to do when no snapshot holds a sound copy.

A check that needs a file that cannot be read is skipped rather than made against
nothing: with library.json unreadable, every article folder would look like one no
article owns; with actors.json unreadable, every speaker would look unknown.

The article text comes from the caller (`text_of`): the domain does not build documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.backup.actor_names import shared_name_lines
from annotations.backup.shapes import VERSIONS_FILE, Reading, read_file
from annotations.errors import GlossatorError
from annotations.model import Annotation, Article
from annotations.transaction import pending

_NO_INTACT_COPY = ("no snapshot holds an intact copy; mend it in a text editor, or bring "
                   "back a backup kept elsewhere with `glossator restore FOLDER`")


@dataclass
class Problem:
    path: str
    """The file, relative to the library."""
    text: str
    repair: str = ""
    """How `--repair` mends it: "restore" (from a snapshot), "reanchor", "journal",
    "names" (a name two actors share, left to one), "ids" (a record whose id or article
    disagrees with its key or folder: the key and the folder are right), "derived" (the
    search index, removed), or "" (it cannot)."""
    article: str = ""
    sha256: str = ""
    """For a body to restore: the hash a snapshot's copy must have (the one recorded)."""
    unmended: str = _NO_INTACT_COPY
    """What to do when no snapshot holds a sound copy."""

    def line(self) -> str:
        return f"{self.path}: {self.text}"


@dataclass
class Checkup:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    """How many files were looked at."""

    def add(self, path: str, text: str, repair: str = "", article: str = "",
            **more: str) -> None:
        self.problems.append(Problem(path, text, repair, article, **more))


def examine(folder: Path, text_of: Callable[[Article], str] | None) -> Checkup:
    """Every problem of the library in `folder`; reads only, changes nothing. Without
    `text_of` no article text is built and marks' offsets go unchecked (a repair round
    wants only the files to restore, which no offset check finds)."""
    checkup = Checkup()
    articles = _read_top_file(folder, "library.json", checkup)
    actors = _read_top_file(folder, "actors.json", checkup)
    if actors is not None:
        for line in shared_name_lines(actors.good):
            checkup.add("actors.json", line, repair="names")
    _read_top_file(folder, "codebook.json", checkup)
    for name in pending(folder):
        checkup.add(f"journal/{name.name}", "a change was cut short; the next glossator command "
                    "finishes it (or run `glossator doctor --repair`)", repair="journal")
    if articles is None:
        return checkup  # which folders are articles is unknown until library.json is mended
    for key, record in articles.good.items():
        if record.get("id") != key:
            checkup.add("library.json", f"the article record {key!r} has another id "
                        f"({record.get('id')!r})", repair="ids")
            continue
        _check_article(folder, Article.from_record(record),
                       actors.records if actors is not None else None, text_of, checkup)
    _check_unowned_folders(folder, set(articles.records), checkup)
    return checkup


def _read_top_file(folder: Path, name: str, checkup: Checkup) -> Reading | None:
    """library.json, actors.json or codebook.json as read; None when it cannot be used."""
    path = folder / name
    if not path.exists():
        if name == "library.json" and (folder / "articles").is_dir():
            checkup.add(name, "is missing", repair="restore")
            return None
        return read_file(name, b"{}")  # a library that has none yet
    return _read(path, name, name, checkup)


def _read(path: Path, relative: str, name: str, checkup: Checkup,
          article: str = "") -> Reading | None:
    checkup.checked += 1
    try:
        reading = read_file(name, path.read_bytes())
    except OSError as error:
        checkup.add(relative, f"cannot be read ({error.strerror})")
        return None
    for text in reading.lines(name):
        checkup.add(relative, text, repair="restore", article=article)
    return reading if reading.records is not None else None


def _check_article(folder: Path, article: Article, actors: dict[str, Any] | None,
                   text_of: Callable[[Article], str] | None, checkup: Checkup) -> None:
    base = folder / "articles" / article.id
    body_ok = _check_body(folder, article, checkup)
    versions = base / VERSIONS_FILE
    if versions.exists():
        reading = _read(versions, f"articles/{article.id}/{VERSIONS_FILE}", VERSIONS_FILE,
                        checkup, article.id)
        if reading is not None:
            _check_version_bodies(folder, article, reading.good, checkup)
    rejected = base / "rejected.json"
    if rejected.exists():
        _read(rejected, f"articles/{article.id}/rejected.json", "rejected.json", checkup,
              article.id)
    if (base / "annotations.json").exists():
        _check_marks(folder, article, actors, body_ok, text_of, checkup)


def _check_marks(folder: Path, article: Article, actors: dict[str, Any] | None, body_ok: bool,
                 text_of: Callable[[Article], str] | None, checkup: Checkup) -> None:
    where = f"articles/{article.id}/annotations.json"
    reading = _read(folder / where, where, "annotations.json", checkup, article.id)
    if reading is None:
        return
    text = None
    if body_ok and text_of is not None:
        try:
            text = text_of(article)
        except GlossatorError as error:
            checkup.add(f"articles/{article.id}/body", str(error))
    misplaced = 0
    for key, record in reading.good.items():
        mark = Annotation.from_record(record)
        if mark.id != key:
            checkup.add(where, f"the mark {key!r} says its id is {mark.id!r}", repair="ids",
                        article=article.id)
        if mark.article != article.id:
            checkup.add(where, f"the mark {mark.short_id} says it belongs to {mark.article!r}",
                        repair="ids", article=article.id)
        for role, actor_id in (("a speaker", mark.speaker), ("an actor", mark.actor)):
            if actors is not None and actor_id and actor_id not in actors:
                checkup.add(where, f"the mark {mark.short_id} names {role} that is not in "
                            "actors.json")
        if text is not None and not mark.orphaned and not _fits(mark, text):
            misplaced += 1
    if misplaced:
        checkup.add(where, f"{misplaced} mark(s) whose offsets no longer hold their words",
                    repair="reanchor", article=article.id)


def _fits(mark: Annotation, text: str) -> bool:
    return 0 <= mark.start < mark.end <= len(text) and text[mark.start:mark.end] == mark.exact


def _check_body(folder: Path, article: Article, checkup: Checkup) -> bool:
    from annotations.store import BODY_FILES

    name = BODY_FILES.get(article.format, "body.md")
    relative = f"articles/{article.id}/{name}"
    path = folder / relative
    checkup.checked += 1
    mend = {"repair": "restore", "article": article.id, "sha256": article.content_hash,
            "unmended": f"no snapshot holds it as it was added; `glossator refresh "
                        f"{article.id}` reads it again from its source"}
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        checkup.add(relative, "is missing", **mend)
        return False
    except OSError as error:
        checkup.add(relative, f"cannot be read ({error.strerror})")
        return False
    try:
        digest = hashlib.sha256(body.decode("utf-8").encode("utf-8", "surrogatepass")).hexdigest()
    except UnicodeDecodeError:
        checkup.add(relative, "is not UTF-8 text", **mend)
        return False
    if article.content_hash and digest != article.content_hash:
        checkup.add(relative, "does not match the hash recorded when it was added (changed "
                    "outside glossator?)", **mend)
        return False
    return True


def _check_version_bodies(folder: Path, article: Article, versions: list[dict[str, Any]],
                          checkup: Checkup) -> None:
    """Each earlier body versions.json lists: there, and the one it recorded."""
    for version in versions:
        number, recorded = version["number"], version["content_hash"]
        relative = f"articles/{article.id}/versions/{version['file']}"
        checkup.checked += 1
        mend = {"repair": "restore", "article": article.id, "sha256": recorded,
                "unmended": f"no snapshot holds version {number} as it was kept; it cannot be "
                            "mended (the article's current text and marks do not need it)"}
        try:
            data = (folder / relative).read_bytes()
        except FileNotFoundError:
            checkup.add(relative, f"version {number} is missing", **mend)
            continue
        except OSError as error:
            checkup.add(relative, f"cannot be read ({error.strerror})")
            continue
        # A body is written as UTF-8 and its hash taken of those bytes: the hash of the
        # file as it is tells whether it is still that body.
        if recorded and hashlib.sha256(data).hexdigest() != recorded:
            checkup.add(relative, f"does not match the hash recorded for version {number} "
                        "(changed outside glossator?)", **mend)


def _check_unowned_folders(folder: Path, known: set[str], checkup: Checkup) -> None:
    root = folder / "articles"
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir()):
        if not entry.is_dir() or entry.name in known:
            continue
        held = sorted(p.name for p in entry.iterdir()
                      if p.name.startswith("body") or p.name == "annotations.json")
        if held:
            checkup.add(f"articles/{entry.name}", f"a folder no article in library.json owns, "
                        f"yet it holds {', '.join(held)} (its record lost with an older or damaged "
                        "library.json, or a removal cut short); keep it while you may need "
                        "them: `glossator restore --list` may show a snapshot that lists it")
        else:
            checkup.add(f"articles/{entry.name}", "a folder no article owns (left by a "
                        "removal that was cut short); remove it if you don't need it")
