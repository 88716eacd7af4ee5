"""`glossator doctor --repair`: damaged files brought back from snapshots; then what
needs no snapshot, a name two actors share, left to one (actor_names.py).

Each file comes from the newest snapshot holding a sound copy of it: intact since the
snapshot was taken, a JSON file of the right shape (annotations/backup/shapes.py), and a
body exactly the one the library records (its SHA-256 is the article's `content_hash`,
or the version's). A daily snapshot may hold a body that had already changed, or the
text from before a refresh; bringing that back would only swap one wrong body for
another, and the marks would no longer fit it.

JSON files are copied in, never linked to the snapshot's copy (see
annotations/backup/restore.py); bodies are linked, as snapshots keep them. A restored
body's derived files (the document model) are removed, to be built again from it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from annotations.backup.actor_names import mend_shared_names
from annotations.backup.doctor import Problem, examine
from annotations.backup.shapes import Reading, count_of, read_file
from annotations.backup.snapshots import Snapshot, is_data_file, snapshots
from annotations.transaction import Transaction

DERIVED_FILES = ("document.cache", "document.json")
"""What an article's folder keeps that is built from its body (reader/document/cache.py:
the document model, and its older name): safe to delete, wrong once the body changes."""

_ROUNDS = 3
"""How often the library is examined again for what a repair brought to light: with
library.json restored, its articles' own files can be checked, and mended, at last."""


def mend_from_snapshots(folder: Path, schema: int) -> list[str]:
    """Restore every damaged file a snapshot holds a sound copy of, then leave each name
    two actors share to one of them; what was done and what could not be, one line each.
    The caller holds the lock."""
    done: list[str] = []
    tried: set[str] = set()
    for _ in range(_ROUNDS):
        wanted = {}
        # No article text: what is restored is found without it (doctor.py).
        for problem in examine(folder, None).problems:
            if problem.repair == "restore" and problem.path not in tried:
                wanted.setdefault(problem.path, problem)
        if not wanted:
            break
        tried.update(wanted)
        done += restore_files(folder, list(wanted.values()), schema)
    return done + mend_shared_names(folder)


def restore_files(folder: Path, problems: list[Problem], schema: int) -> list[str]:
    """Restore each problem's file from the newest sound copy, in one transaction; one
    line each, for the restored and for those no snapshot could mend."""
    done = []
    with Transaction(folder, "doctor --repair") as change:
        for problem in problems:
            relative = problem.path
            found = sound_copy(folder, relative, problem.sha256, schema)
            if found is None:
                done.append(f"{relative}: {problem.unmended}")
                continue
            snapshot, target = found.snapshot, folder / relative
            if found.reading is not None:
                change.write(target, found.data)
                held = count_of(PurePosixPath(relative).name, found.reading)
                done.append(f"{relative}: restored from the snapshot of {snapshot.created} "
                            f"({held}){_unlisted(folder, relative, found.reading)}; any change "
                            "made to it since then is lost")
                continue
            change.write_from(target, found.path)
            if problem.article and "/versions/" not in relative:
                for name in DERIVED_FILES:
                    change.remove(folder / "articles" / problem.article / name)
            done.append(f"{relative}: restored from the snapshot of {snapshot.created}, "
                        + ("exactly as the library recorded it: nothing is lost" if problem.sha256
                           else "as it was then (no hash was recorded to check it by)"))
    return done


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
