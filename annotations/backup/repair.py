"""`glossator doctor --repair`: damaged files brought back from snapshots; records whose id
or article disagrees with their key or folder set to agree; then what needs no snapshot,
a name two actors share, left to one (actor_names.py).

Each file comes from the newest snapshot holding a sound copy of it: intact since the
snapshot was taken, a JSON file of the right shape (annotations/backup/shapes.py), and a
body exactly the one the library records (its SHA-256 is the article's `content_hash`,
or the version's). A daily snapshot may hold a body that had already changed, or the
text from before a refresh; bringing that back would only swap one wrong body for
another, and the marks would no longer fit it.

Only a damaged file is replaced. A library.json brought back from a snapshot is older
than every other file: a body that changed since (a refresh) is not damaged, the
restored record is out of date. So an article's intact body, and the versions beside it,
stay as they are and the restored record takes their hash (text_hash left empty: the
reader, which builds the text, fills it in); what the old record cannot know (details a
refresh or an edit changed since) is said to be lost. library.json is brought back alone,
in a round of its own, so that its articles' files are judged against it afterwards.

The damaged file is never thrown away: it is kept beside the restored one, as
`<name>.damaged-<time>` (a version's body in the article's folder, since versions/ is
shared and snapshotted whole). Neither a snapshot (annotations/backup/snapshots.py,
`library_files`) nor a sync (the .gitignore of annotations/sync/setup.py) takes such a
file: each lists the library's files by name.

JSON files are copied in, never linked to the snapshot's copy (see
annotations/backup/restore.py); bodies are linked, as snapshots keep them. A restored
body's derived files (the document model) are removed, to be built again from it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from annotations.atomic import database_bytes
from annotations.backup.actor_names import mend_shared_names
from annotations.backup.doctor import Problem, examine
from annotations.backup.shapes import VERSIONS_FILE, Reading, count_of, read_file
from annotations.backup.snapshots import (
    Snapshot,
    is_data_file,
    library_files,
    snapshots,
    take_snapshot,
)
from annotations.errors import LibraryError
from annotations.transaction import Transaction

DERIVED_FILES = ("document.cache", "document.json")
"""What an article's folder keeps that is built from its body (reader/document/cache.py:
the document model, and its older name): safe to delete, wrong once the body changes."""

DAMAGED_MARK = ".damaged-"
"""What the name of a damaged file kept beside its restored copy holds."""

_ROUNDS = 4
"""How often the library is examined again for what a repair brought to light: with
library.json restored (a round of its own), its articles' own files can be checked, and
mended, at last."""

_BODY_NAMES = (("body.md", "markdown"), ("body.txt", "text"), ("body.pages.json", "pages"))
"""Each body file's name and the format it holds (annotations/store.py, BODY_FILES)."""

_MENDABLE = frozenset({"restore", "reanchor", "names", "ids"})
"""The repairs that change the library's own files: a snapshot is taken before them."""


@dataclass(frozen=True)
class Undo:
    """The snapshot a repair took of the library as it was, so the repair can be undone."""

    snapshot: Snapshot | None
    failure: str = ""
    """Why none could be taken ("" when one was, or none was needed)."""

    def lines(self, folder: Path) -> list[str]:
        """What to say once the repair is done: how to undo it. A repair that changed no
        library file (nothing it could mend) leaves no snapshot behind."""
        if self.failure:
            return [f"no snapshot could be taken first ({self.failure}); each file replaced "
                    f"is kept beside it as <name>{DAMAGED_MARK}<time>"]
        if self.snapshot is None:
            return []
        if _unchanged_since(folder, self.snapshot):
            shutil.rmtree(self.snapshot.path, ignore_errors=True)
            return []
        name = self.snapshot.name
        return [f"the library as it was is kept as the snapshot {name}: `glossator restore "
                f"{name}` undoes this repair"]


def snapshot_before_repair(folder: Path, schema: int, problems: list[Problem]) -> Undo:
    """Snapshot the library as it is, damage and all, before a repair changes its files
    (as a restore does), so the repair can be undone. The caller holds the lock. A
    snapshot that cannot be taken (an unreadable file) does not stop the repair: each
    file it replaces is kept beside it anyway."""
    if not any(problem.repair in _MENDABLE for problem in problems):
        return Undo(None)
    try:
        return Undo(take_snapshot(folder, schema, reason="before doctor --repair", keep=None))
    except LibraryError as error:
        return Undo(None, str(error))


def _unchanged_since(folder: Path, snapshot: Snapshot) -> bool:
    """Whether the library's files are the very ones `snapshot` took: the same names, each
    with the same inode, size and time (a snapshot's stamp; os.stat alone, no file read)."""
    now = {}
    for relative, _ in library_files(folder):
        try:
            info = (folder / relative).stat()
        except OSError:
            return False
        now[relative] = [info.st_ino, info.st_size, info.st_mtime_ns]
    return now == {relative: facts.get("stamp") for relative, facts in snapshot.files.items()}


def mend_from_snapshots(folder: Path, schema: int) -> list[str]:
    """Restore every damaged file a snapshot holds a sound copy of, set ids that disagree
    with their keys to agree, then leave each name two actors share to one of them; what
    was done and what could not be, one line each. The caller holds the lock."""
    done: list[str] = []
    tried: set[str] = set()
    for _ in range(_ROUNDS):
        # No article text: what is restored is found without it (doctor.py).
        problems = examine(folder, None).problems
        wanted: dict[str, Problem] = {}
        ids: dict[str, Problem] = {}
        for problem in problems:
            if problem.path in tried:
                continue
            if problem.repair == "restore":
                wanted.setdefault(problem.path, problem)
            elif problem.repair == "ids":
                ids.setdefault(problem.path, problem)
        if "library.json" in wanted:
            # Alone: the other files are judged against the records it brings back.
            wanted, ids = {"library.json": wanted["library.json"]}, {}
        if not wanted and not ids:
            break
        tried.update(wanted, ids)
        done += restore_files(folder, list(wanted.values()), schema)
        done += mend_ids(folder, list(ids.values()))
    return done + mend_shared_names(folder)


def restore_files(folder: Path, problems: list[Problem], schema: int) -> list[str]:
    """Restore each problem's file from the newest sound copy, in one transaction, keeping
    the damaged file beside it; one line each, for the restored and for those no snapshot
    could mend (and, with library.json, for each body kept as it is)."""
    done = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with Transaction(folder, "doctor --repair") as change:
        for problem in problems:
            relative = problem.path
            found = sound_copy(folder, relative, problem.sha256, schema)
            if found is None:
                done.append(f"{relative}: {problem.unmended}")
                continue
            snapshot, target = found.snapshot, folder / relative
            kept = _keep_damaged(change, folder, relative, stamp)
            if found.reading is not None:
                data, bodies = found.data, []
                if relative == "library.json":
                    bodies = _bodies_kept(folder, found.reading.records)
                    if bodies:
                        data = database_bytes(found.reading.data)
                change.write(target, data)
                held = count_of(PurePosixPath(relative).name, found.reading)
                done.append(f"{relative}: restored from the snapshot of {snapshot.created} "
                            f"({held}){_unlisted(folder, relative, found.reading)}; "
                            f"{_lost_since(snapshot, kept, relative)}{_kept_as(kept)}")
                done += bodies
                continue
            missing_folder = problem.article and not (folder / "articles" / problem.article).is_dir()
            change.write_from(target, found.path)
            if problem.article and "/versions/" not in relative:
                for name in DERIVED_FILES:
                    change.remove(folder / "articles" / problem.article / name)
            done.append(f"{relative}: restored from the snapshot of {snapshot.created}, "
                        + ("exactly as the library recorded it: nothing is lost" if problem.sha256
                           else "as it was then (no hash was recorded to check it by)")
                        + _kept_as(kept)
                        + (f"; its folder was gone (the article removed since the snapshot?): "
                           f"`glossator rm {problem.article}` removes it again"
                           if missing_folder else ""))
    return done


def mend_ids(folder: Path, problems: list[Problem]) -> list[str]:
    """Set every record's id to its key, and every mark's article to the article whose
    folder holds it, in each problem's file (one transaction); one line each file. The key
    is what the library finds a record by, and the folder what it finds a mark by: the
    copy inside the record is the one that went wrong (a record copied by hand)."""
    done = []
    with Transaction(folder, "doctor --repair") as change:
        for problem in problems:
            relative, target = problem.path, folder / problem.path
            try:
                reading = read_file(PurePosixPath(relative).name, target.read_bytes())
            except OSError as error:
                done.append(f"{relative}: cannot be read ({error.strerror}); its ids cannot be "
                            "set to agree: mend them in a text editor")
                continue
            if reading.records is None or not isinstance(reading.data, dict):
                continue  # damaged as a whole: a restore's, not this
            article = problem.article if relative.startswith("articles/") else ""
            mended = _agreeing_ids(reading.records, article)
            if not mended:
                continue
            change.write(target, database_bytes(reading.data))
            what = "mark" if article else "record"
            done.append(f"{relative}: {mended} {what}(s) set to agree with their "
                        + (f"keys and their folder's article ({article!r})" if article
                           else "keys") + "; nothing else was changed")
    return done


def _agreeing_ids(records: dict[str, Any], article: str) -> int:
    """Set each record's id to its key (and, for marks, its article to `article`); how many
    records changed."""
    mended = 0
    for key, record in records.items():
        if not isinstance(record, dict):
            continue
        wrong = record.get("id") != key or (bool(article) and record.get("article") != article)
        if wrong:
            record["id"] = key
            if article:
                record["article"] = article
            mended += 1
    return mended


@dataclass(frozen=True)
class _Damaged:
    """A damaged file kept beside its restored copy."""

    name: str
    """Its name, relative to the library."""
    changed: str
    """When it was last changed (its modification time), as snapshots write times."""


def _keep_damaged(change: Transaction, folder: Path, relative: str, stamp: str) -> _Damaged | None:
    """Keep the damaged file at `relative`, if there is one to keep, beside it (linked: the
    restored copy is a new file, so the link keeps the damaged bytes)."""
    target = folder / relative
    try:
        if not target.is_file() or not os.access(target, os.R_OK):
            return None
        changed = datetime.fromtimestamp(target.stat().st_mtime, UTC)
    except OSError:
        return None
    parts = relative.split("/")
    if len(parts) == 4 and parts[2] == "versions":
        # Not in versions/: that folder is snapshotted and shared whole.
        kept = f"articles/{parts[1]}/version-{parts[3]}{DAMAGED_MARK}{stamp}"
    else:
        kept = f"{relative}{DAMAGED_MARK}{stamp}"
    change.write_from(folder / kept, target)
    return _Damaged(kept, changed.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _kept_as(kept: _Damaged | None) -> str:
    return f"; the damaged file is kept as {kept.name}" if kept else ""


def _lost_since(snapshot: Snapshot, kept: _Damaged | None, relative: str) -> str:
    """Which changes the restored copy lacks: those made between the snapshot and the
    damaged file's last change (its modification time)."""
    what = (" (details edited, articles added, removed or refreshed)"
            if relative == "library.json" else "")
    window = (f": those from {snapshot.created} to its last change, at {kept.changed}"
              if kept is not None and kept.changed > snapshot.created else "")
    return f"any change made to it since then is lost{window}{what}"


def _bodies_kept(folder: Path, records: dict[str, Any]) -> list[str]:
    """For a library.json about to be restored (`records`, its articles, changed in
    place): each article whose body on disk is intact but not the one its old record
    knows takes that body's hash, format and time; one line each."""
    done = []
    for key, record in records.items():
        if isinstance(record, dict) and record.get("id") == key:
            line = _body_kept(folder, key, record)
            if line:
                done.append(line)
    return done


def _body_kept(folder: Path, article: str, record: dict[str, Any]) -> str:
    base = folder / "articles" / article
    body = _current_body(base, str(record.get("format", "")))
    if body is None:
        return ""  # missing, or not text: damaged, and restored if a snapshot holds it
    name, format, digest = body
    if digest == record.get("content_hash"):
        return ""
    record["content_hash"], record["text_hash"] = digest, ""
    if format and format != record.get("format"):
        record["format"] = format
    since = ""
    last = _last_version(base)
    if last is not None and str(last.get("saved", "")) > str(record.get("body_added") or
                                                               record.get("added") or ""):
        record["body_added"] = since = str(last["saved"])
    when = f"refreshed {since}" if since else "refreshed, or changed outside glossator"
    versions = f", and the earlier texts {VERSIONS_FILE} lists stay" if last is not None else ""
    return (f"articles/{article}/{name}: kept as it is ({when}, after the snapshot): the "
            f"restored library.json now records it{versions}; details of the article that "
            "changed since the snapshot (by that refresh or by hand) are lost")


def _current_body(base: Path, format: str) -> tuple[str, str, str] | None:
    """The article's body on disk, when it is intact text: its file name, the format it
    holds ("" when the recorded format's file), and its SHA-256 as the library takes it."""
    from annotations.store import BODY_FILES

    recorded = BODY_FILES.get(format, "body.md")
    present = [(name, kind) for name, kind in _BODY_NAMES if (base / name).is_file()]
    if (base / recorded).is_file():
        name, kind = recorded, ""
    elif len(present) == 1:
        (name, kind), = present  # a refresh since changed its format
    else:
        return None
    try:
        text = (base / name).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.strip():
        return None  # an empty body is one cut short: no article has no text
    return name, kind, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _last_version(base: Path) -> dict[str, Any] | None:
    """The newest of the article's earlier versions as its (sound) versions.json lists it."""
    try:
        reading = read_file(VERSIONS_FILE, (base / VERSIONS_FILE).read_bytes())
    except OSError:
        return None
    if not reading.sound or not reading.good:
        return None
    return max(reading.good, key=lambda version: version["number"])


@dataclass(frozen=True)
class SoundCopy:
    """A snapshot's sound copy of a file."""

    snapshot: Snapshot
    path: Path
    data: bytes
    reading: Reading | None = None
    """For a JSON file, `data` as read (annotations/backup/shapes.py); None for a body."""


def sound_copy(folder: Path, relative: str, sha256: str, schema: int) -> SoundCopy | None:
    """The newest snapshot's sound copy of `relative`.
    For a body, one whose SHA-256 is `sha256` (any intact copy when that is "": nothing
    was recorded); when no snapshot holds it under its own name, the same bytes under
    another do (version 1 is the body an older snapshot holds as body.md)."""
    every = [s for s in reversed(snapshots(folder)) if s.schema <= schema]
    for snapshot in every:
        found = _intact(snapshot, relative, sha256)
        if found is not None:
            return found
    if is_data_file(relative) or not sha256:
        return None
    for snapshot in every:
        for other, facts in snapshot.files.items():
            if facts.get("sha256") == sha256 and not is_data_file(other):
                found = _intact(snapshot, other, sha256)
                if found is not None:
                    return found
    return None


def _intact(snapshot: Snapshot, relative: str, sha256: str) -> SoundCopy | None:
    """The snapshot's copy of `relative` when it is as the snapshot took it, sound, and
    (for a body with a recorded hash) the recorded body."""
    facts = snapshot.files.get(relative)
    if facts is None:
        return None
    path = snapshot.file(relative)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data).hexdigest()
    if digest != facts.get("sha256") or (sha256 and digest != sha256):
        return None
    if not is_data_file(relative):
        return SoundCopy(snapshot, path, data)
    reading = read_file(PurePosixPath(relative).name, data)
    return SoundCopy(snapshot, path, data, reading) if reading.sound else None


def _unlisted(folder: Path, relative: str, reading: Reading) -> str:
    """For a restored library.json (`reading`: as read): the article folders it does not
    list (articles added since the snapshot), which are kept but no longer in the library."""
    if relative != "library.json":
        return ""
    listed = set(reading.records or {})
    root = folder / "articles"
    left = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in listed) \
        if root.is_dir() else []
    if not left:
        return ""
    shown = ", ".join(left[:5]) + (", …" if len(left) > 5 else "")
    return f"; it does not list {len(left)} article folder(s) added since ({shown}): " \
           "their files are kept"

