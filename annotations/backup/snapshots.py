"""Snapshots of the library: taken on the first write of each day, by `glossator backup`,
and before a restore; brought back by `glossator restore`.

    backups/2026-12-01T064753Z/          one snapshot
      snapshot.json                      what it holds, with each file's SHA-256; written
                                         last, so a snapshot without it is incomplete
      library.json, actors.json, codebook.json
      articles/<id>/annotations.json, articles/<id>/body.md, articles/<id>/versions/…

A snapshot costs almost no space. Every library file is replaced whole, never changed in
place (annotations/atomic.py), so a hard link keeps the old content when the library
moves on: bodies and versions are hard-linked from the library (never copied), and a
JSON file unchanged since the last snapshot is hard-linked to that snapshot's copy. Only
JSON files that changed are copied. Where hard links are not possible (another drive,
some network shares), files are copied.

Another program may still change a file in place (an editor, `echo >>`), and then every
hard-linked copy changes with it. So a restore copies JSON files back rather than
linking them (the library's next edit in place must not reach the snapshots), refuses a
snapshot whose JSON no longer matches its manifest, and leaves a body whose copy has
changed as the library has it (annotations/backup/restore.py).

Derived data (caches, the search index), the lock, journals and snapshots themselves
are never part of a snapshot.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotations.atomic import fsync_folder, write_atomically
from annotations.errors import LibraryError

BACKUPS_FOLDER = "backups"
MANIFEST_NAME = "snapshot.json"
DEFAULT_KEEP = 14
"""Snapshots kept when the config does not say (`[backup] keep = N`)."""

_TOP_FILES = ("library.json", "actors.json", "codebook.json")
_ARTICLE_JSON = ("annotations.json", "versions.json", "rejected.json")
_ARTICLE_BODIES = ("body.md", "body.txt", "body.pages.json")
_VERSIONS = "versions"


@dataclass(frozen=True)
class Snapshot:
    path: Path
    created: str
    reason: str
    schema: int
    files: dict[str, dict[str, Any]]
    """Relative path → {"sha256", "size"} of every file it holds."""

    @property
    def name(self) -> str:
        return self.path.name

    def file(self, relative: str) -> Path:
        return self.path / relative


class SnapshotError(LibraryError):
    """A snapshot that is missing, incomplete or damaged."""


def library_files(folder: Path) -> Iterator[tuple[str, bool]]:
    """Every file a snapshot holds, relative to the library, and whether it is JSON data
    (copied when changed) rather than a body (always linked)."""
    for name in _TOP_FILES:
        if (folder / name).is_file():
            yield name, True
    articles = folder / "articles"
    if not articles.is_dir():
        return
    for entry in sorted(os.scandir(articles), key=lambda e: e.name):
        if not entry.is_dir():
            continue
        base = Path(entry.path)
        for name in _ARTICLE_JSON:
            if (base / name).is_file():
                yield f"articles/{entry.name}/{name}", True
        for name in _ARTICLE_BODIES:
            if (base / name).is_file():
                yield f"articles/{entry.name}/{name}", False
        versions = base / _VERSIONS
        if versions.is_dir():
            for version in sorted(os.listdir(versions)):
                if (versions / version).is_file() and not version.startswith("."):
                    yield f"articles/{entry.name}/{_VERSIONS}/{version}", False


def snapshots(folder: Path) -> list[Snapshot]:
    """The library's complete snapshots, oldest first (incomplete ones are left out)."""
    return snapshots_in(folder / BACKUPS_FOLDER)


def snapshots_in(root: Path) -> list[Snapshot]:
    """The complete snapshots in the folder `root`, oldest first."""
    found = []
    if root.is_dir():
        for entry in sorted(os.scandir(root), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith("."):
                try:
                    found.append(read_snapshot(Path(entry.path)))
                except SnapshotError:
                    continue
    return found


def read_snapshot(path: Path) -> Snapshot:
    """The snapshot in `path`, from its manifest; SnapshotError when it has none or it is
    damaged."""
    if not path.is_dir():
        raise SnapshotError(f"there is no snapshot {path}; `glossator restore --list` shows them")
    try:
        data = json.loads((path / MANIFEST_NAME).read_bytes())
        return Snapshot(path=path, created=str(data["created"]), reason=str(data.get("reason", "")),
                        schema=int(data["schema"]), files=dict(data["files"]))
    except FileNotFoundError:
        raise SnapshotError(f"the snapshot {path} is incomplete (no {MANIFEST_NAME}): it was cut "
                            "short; choose another with `glossator restore --list`") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SnapshotError(f"the snapshot {path} is damaged ({MANIFEST_NAME}: {error}); choose "
                            "another with `glossator restore --list`") from None


def verify(snapshot: Snapshot) -> dict[str, str]:
    """What is wrong with a snapshot's files, by relative path: missing, or changed since it
    was taken (a body edited in place changes its hard-linked copies too)."""
    problems = {}
    for relative, facts in sorted(snapshot.files.items()):
        try:
            digest = _sha256(snapshot.file(relative))
        except OSError:
            problems[relative] = "is missing"
            continue
        if digest != facts.get("sha256"):
            problems[relative] = "has changed since the snapshot was taken"
    return problems


def is_data_file(relative: str) -> bool:
    """Whether the library file `relative` is JSON data (a snapshot copies it when it
    changed, and a restore copies it back) rather than a body or a version's body
    (hard-linked, never copied)."""
    parts = relative.split("/")
    if len(parts) == 1:
        return parts[0] in _TOP_FILES
    return len(parts) == 3 and parts[0] == "articles" and parts[2] in _ARTICLE_JSON


def take_snapshot(folder: Path, schema: int, reason: str, into: Path | None = None,
                  keep: int | None = None) -> Snapshot:
    """Snapshot the library now (the caller holds the lock); `into` another folder (an
    external drive: `glossator backup --to DIR`) instead of the library's backups/.
    With `keep`, only the newest `keep` snapshots of backups/ are kept afterwards."""
    root = into or folder / BACKUPS_FOLDER
    if into is not None and into.resolve().is_relative_to(folder.resolve()):
        # A backup kept inside what it backs up is lost with it (a drive, a `rm -r`),
        # and one in an article's folder goes when the article does. Inside the library,
        # snapshots belong in backups/ (no --to); --to is for somewhere else.
        where = "is the library" if into.resolve() == folder.resolve() else "is inside the library"
        raise LibraryError(f"cannot write a snapshot into {into}: it {where} {folder}; choose "
                           "a folder elsewhere (another drive), or leave out --to to snapshot "
                           "into the library's backups/")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryError(f"cannot make the backup folder {root}: {error.strerror}") from None
    previous = snapshots_in(root)
    last = previous[-1] if previous else None
    created = datetime.now(UTC)
    target = _unique_folder(root, created.strftime("%Y-%m-%dT%H%M%SZ"))
    work = target.with_name(f".{target.name}.partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    files: dict[str, dict[str, Any]] = {}
    made: set[Path] = {work}
    try:
        for relative, is_data in library_files(folder):
            kept = work / relative
            if kept.parent not in made:
                kept.parent.mkdir(parents=True, exist_ok=True)
                made.add(kept.parent)
            files[relative] = _keep_file(folder / relative, kept, relative, is_data, last)
        manifest = {"created": created.strftime("%Y-%m-%dT%H:%M:%SZ"), "reason": reason,
                    "schema": schema, "library": str(folder), "files": files}
        write_atomically(work / MANIFEST_NAME,
                         json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode())
        os.replace(work, target)
        fsync_folder(root)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise LibraryError(f"cannot write the snapshot in {root}: {error.strerror}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    snapshot = read_snapshot(target)
    if keep is not None and into is None:
        prune(folder, keep)
    return snapshot


def prune(folder: Path, keep: int) -> list[str]:
    """Remove all but the newest `keep` snapshots; the names removed."""
    every = snapshots(folder)
    doomed = every[: max(0, len(every) - max(1, keep))]
    for snapshot in doomed:
        shutil.rmtree(snapshot.path, ignore_errors=True)
    return [s.name for s in doomed]


def _keep_file(source: Path, target: Path, relative: str, is_data: bool,
               last: Snapshot | None) -> dict[str, Any]:
    """Keep `source` in the snapshot being written at `target` (its folder made); what
    the manifest says of it."""
    info = source.stat()
    stamp = [info.st_ino, info.st_size, info.st_mtime_ns]
    earlier = last.files.get(relative) if last else None
    if earlier and earlier.get("stamp") == stamp and last is not None \
            and _link(last.file(relative), target):
        return dict(earlier)  # unchanged since the last snapshot: its copy, linked
    if is_data or not _link(source, target):
        content = source.read_bytes()  # read once: copied and hashed from the same bytes
        with open(target, "xb") as file:
            file.write(content)
        return {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content),
                "stamp": stamp}
    return {"sha256": _sha256(target), "size": info.st_size, "stamp": stamp}


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES,
                           errno.ENOENT, errno.EEXIST):
            return False
        raise
    return True


def _unique_folder(root: Path, name: str) -> Path:
    candidate, n = root / name, 2
    while candidate.exists():
        candidate, n = root / f"{name}-{n}", n + 1
    return candidate


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_snapshot(folder: Path, reference: str | None) -> Snapshot:
    """The snapshot named `reference` (a name, a unique prefix of one, or a folder path);
    the newest when None."""
    if reference and (Path(reference).is_dir() or "/" in reference):
        return read_snapshot(Path(reference).expanduser().resolve())
    root = folder / BACKUPS_FOLDER
    names = sorted(p.name for p in root.iterdir() if p.is_dir()
                   and not p.name.startswith(".")) if root.is_dir() else []
    if reference is None:
        # The newest folder, even when it is damaged: restoring an older one instead
        # without a word would bring back less than asked for.
        if not names:
            raise SnapshotError(f"the library {folder} has no snapshots yet ({root}); make one "
                                "with `glossator backup`")
        return read_snapshot(root / names[-1])
    every = snapshots(folder)
    matches = [s for s in every if s.name.startswith(reference)]
    if len(matches) == 1:
        return matches[0]
    exact = [s for s in matches if s.name == reference]
    if exact:
        return exact[0]
    if not matches:
        # A folder of that name whose manifest is missing or damaged is a damaged snapshot,
        # not an unknown one: read it to say which.
        named = [name for name in names if name == reference] \
            or [name for name in names if name.startswith(reference)]
        if len(named) == 1:
            return read_snapshot(root / named[0])
        raise SnapshotError(f"no snapshot {reference!r} in {folder / BACKUPS_FOLDER}; "
                            "`glossator restore --list` shows them")
    raise SnapshotError(f"{reference!r} matches {len(matches)} snapshots; type more of the name")
