"""The first step of a sync: commit what changed in the library since the last one, with a
message that says what it was ("3 marks added to “Tram extension…”, 1 claim status
changed"), under the name of whoever marks here, the name their marks carry (no git identity
needed), with the terminal controls of titles made inert.

Everything the library shares is committed, whoever wrote it: glossator, another
glossator beside it, or a hand edit. A JSON file that no longer parses (a hand edit gone
wrong, a conflict marker pasted in) is refused before anything is committed, so a damaged
file never reaches the teammates. The caller holds the library lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from annotations.errors import GlossatorError
from annotations.sync.changes import (
    RecordChange,
    commit_message,
    is_record_file,
    plural,
    record_changes_between,
    summary,
    tables,
    tables_in,
)
from annotations.sync.git import (
    BlobReader,
    FileChange,
    Git,
    changed_files,
    empty_tree,
    git_message,
    identity,
)
from annotations.sync.setup import SETTINGS_FILES
from annotations.textsafety import inert

JSON_NAMES = frozenset({"library.json", "actors.json", "codebook.json", "annotations.json",
                        "versions.json", "rejected.json", "body.pages.json"})


@dataclass(frozen=True)
class Commit:
    sha: str
    message: str
    lines: list[str]
    """What it holds, in words (the message's lines)."""
    shown: int
    """How many of `lines` the subject holds."""

    @property
    def subject(self) -> str:
        return self.message.splitlines()[0]

    @property
    def summary(self) -> str:
        """The subject, saying how many of the changes it leaves to the message's body:
        "3 marks added to “…”, 1 claim status changed … and 2 more changes"."""
        rest = len(self.lines) - self.shown
        return self.subject + (f" … and {plural(rest, 'more change')}" if rest > 0 else "")


def commit_local(git: Git, blobs: BlobReader, author: str) -> Commit | None:
    """Commit every change to the library's shared files; None when there was none."""
    git.run("add", "-A", "--", ".", what="adding the library's changes")
    head = git.revision("HEAD")
    staged = changed_files(git, head or empty_tree(git), None)
    if not staged:
        return None
    lines = describe(blobs, staged.values(), first=head is None)
    message, shown = commit_message(lines)
    message = git_message(message)
    git.run("commit", "-q", "--no-verify", "-m", message,
            env=identity(author), what="committing the library's changes")
    return Commit(git.revision("HEAD") or "", message, [inert(line) for line in lines], shown)


def describe(blobs: BlobReader, changes, first: bool = False) -> list[str]:
    """The changes between two versions of the library's files, in words."""
    changes = list(changes)
    records = record_changes_of(blobs, changes)
    if first:
        articles = sum(1 for r in records if r.table == "articles" and r.after is not None)
        marks = sum(1 for r in records if r.table == "annotations" and r.after is not None)
        return [f"the library: {plural(articles, 'article')}, {plural(marks, 'mark')}"]
    lines = summary(records, titles_of(blobs, [":library.json", "HEAD:library.json"]))
    if any(c.path in SETTINGS_FILES for c in changes):
        lines.append("sync settings updated")
    return lines or [plural(len(changes), "library file") + " changed"]


def record_changes_of(blobs: BlobReader, changes: list[FileChange]) -> list[RecordChange]:
    """The records the changes hold, each file read and parsed once. A JSON file that no
    longer parses (a hand edit gone wrong, a conflict marker pasted in) is refused, so it
    is never committed nor reaches the teammates."""
    found = []
    for change in changes:
        if PurePosixPath(change.path).name not in JSON_NAMES:
            continue
        after = _parsed(change.path, blobs.read(change.after)) if change.after else None
        if is_record_file(change.path):
            before = tables(blobs.read(change.before)) if change.before else {}
            found += record_changes_between(change.path, before, tables_in(after))
    return found


def _parsed(path: str, raw: bytes | None):
    try:
        return json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError):
        raise GlossatorError(
            f"{path} in the library is damaged (it is not JSON: edited by hand?); nothing was "
            "committed or shared: run `glossator doctor --repair`, then sync again") from None


def titles_of(blobs: BlobReader, versions: list[str]) -> dict[str, str]:
    """Article titles by id from these versions of library.json (object names such as
    `HEAD:library.json`, `:library.json` for the index), the first that has an article."""
    titles: dict[str, str] = {}
    for name in reversed(versions):
        articles = tables(blobs.read(name)).get("articles", {})
        titles.update({key: str(record.get("title", "")) for key, record in articles.items()
                       if isinstance(record, dict)})
    return titles
