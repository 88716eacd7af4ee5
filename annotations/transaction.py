"""Changes that span files, made all together or not at all: a redo journal.

A refresh rewrites an article's body, keeps the old one as a version and moves its
marks; a restore replaces the whole library; a merge of two actors touches every
article that mentions them. A kill half-way through must not leave half of it done.

    journal/<id>/0, 1, …     the new content of each file, staged and fsynced first
    journal/<id>/plan.json   what goes where; written last, atomically: the commit point

The staged files are fsynced together, several at a time, just before the plan is
written, and so are the folders the change renamed into: the file system commits
concurrent fsyncs together (ext4's journal takes them in one commit), so a merge that
rewrites 200 files waits for a few disk flushes rather than 400 in turn.

Once the plan is on disk the change is decided: it is applied (each staged file renamed
over its target, or the target removed), then the journal folder goes. A process that
finds a plan left by a killed one applies what is left of it (`recover`): a renamed
file is no longer staged, so applying twice changes nothing. A journal folder without a
plan was never committed and is simply removed. The caller holds the library lock.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Collection
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from annotations.atomic import describe_os_error, fsync_folder, write_atomically
from annotations.errors import LibraryError

JOURNAL_FOLDER = "journal"
PLAN_NAME = "plan.json"


@dataclass
class _Step:
    target: str
    """Path relative to the library folder, with `/` separators."""
    staged: str | None
    """Name of the staged file in the journal folder; None to remove the target."""
    tree: bool = False
    """Remove a whole folder (an article's) rather than one file."""


@dataclass
class Transaction:
    """Stage writes and removals; `commit` makes them all happen, or none."""

    library_folder: Path
    purpose: str = ""
    before_commit: Callable[[], None] | None = None
    after_commit: Callable[[], None] | None = None
    steps: list[_Step] = field(default_factory=list)
    _folder: Path | None = None
    _unsynced: list[Path] = field(default_factory=list)
    """Staged files written but not yet fsynced: all of them are before the plan is."""

    def _journal(self) -> Path:
        if self._folder is None:
            folder = self.library_folder / JOURNAL_FOLDER / uuid.uuid4().hex
            try:
                folder.mkdir(parents=True)
            except OSError as error:
                raise LibraryError(f"cannot write {folder.parent}: {describe_os_error(error)}") \
                    from None
            self._folder = folder
        return self._folder

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.library_folder.resolve()).as_posix()
        except ValueError:
            raise LibraryError(f"{path} is outside the library {self.library_folder}") from None

    def write(self, path: Path, data: bytes) -> None:
        """Replace (or create) `path` with `data` when the transaction commits."""
        name = str(len(self.steps))
        staged = self._journal() / name
        _write_staged(staged, data)
        self._unsynced.append(staged)
        self.steps.append(_Step(self._relative(path), name))

    def write_from(self, path: Path, source: Path) -> None:
        """Replace `path` with the file `source` when the transaction commits: hard-linked
        into the journal where the file system allows (a body is never copied), else
        copied."""
        name = str(len(self.steps))
        staged = self._journal() / name
        try:
            os.link(source, staged)
        except OSError:
            shutil.copyfile(source, staged)
            self._unsynced.append(staged)  # a link shares data already on disk; a copy does not
        self.steps.append(_Step(self._relative(path), name))

    def remove(self, path: Path, tree: bool = False) -> None:
        """Remove the file (or, with `tree`, the folder) `path` when the transaction commits."""
        self.steps.append(_Step(self._relative(path), None, tree))

    def commit(self) -> None:
        if not self.steps:
            self.discard()
            return
        if self.before_commit is not None:
            self.before_commit()
        folder = self._journal()
        # The staged files' content, then (one fsync of the journal folder) their names, are
        # on disk before the plan that refers to them is written.
        try:
            _fsync_all(self._unsynced)
            fsync_folder(folder)
        except (LibraryError, OSError):
            self.discard()  # not committed: nothing of it may stay
            raise
        self._unsynced.clear()
        plan = {"purpose": self.purpose,
                "steps": [{"target": s.target, "staged": s.staged, "tree": s.tree}
                          for s in self.steps]}
        write_atomically(folder / PLAN_NAME, json.dumps(plan, ensure_ascii=False).encode())
        _apply(self.library_folder, folder)
        if self.after_commit is not None:
            self.after_commit()

    def discard(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self.steps.clear()
        self._unsynced.clear()

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        # Only a block that ended normally commits; an error discards what was staged.
        if kind is None:
            self.commit()
        else:
            self.discard()


def _write_staged(path: Path, data: bytes) -> None:
    """A staged file: new, in a folder no one else writes, so written in place (fsynced at
    commit with the others, and the folder once for all of them)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError as error:
        path.unlink(missing_ok=True)
        raise LibraryError(f"cannot write {path}: {describe_os_error(error)}") from None


_SYNC_THREADS = 16
"""fsyncs in flight at once: past a dozen or so the disk's commits are already shared."""
_SYNC_ALONE = 4
"""Fewer paths than this are fsynced in turn: a thread pool costs more than it saves."""


def _fsync_all(paths: Collection[Path]) -> None:
    """fsync every file or folder in `paths`, several at once (fsync lets go of the GIL);
    the first failure is raised once all have been tried."""
    if len(paths) < _SYNC_ALONE:
        for path in paths:
            _fsync_one(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(_SYNC_THREADS, len(paths))) as pool:
        for _ in pool.map(_fsync_one, paths):
            pass


def _fsync_one(path: Path) -> None:
    try:
        fsync_folder(path)  # opened read-only and fsynced: a file or a folder alike
    except OSError as error:
        raise LibraryError(f"cannot write {path}: {describe_os_error(error)}") from None


def pending(library_folder: Path) -> list[Path]:
    """Journal folders left by a process that stopped before it finished."""
    root = library_folder / JOURNAL_FOLDER
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir())


def recover(library_folder: Path) -> list[str]:
    """Finish every committed change a killed process left, drop uncommitted ones; the
    purposes of the changes finished. The caller holds the library lock."""
    finished = []
    for folder in pending(library_folder):
        plan_path = folder / PLAN_NAME
        if plan_path.exists():
            try:
                purpose = json.loads(plan_path.read_bytes()).get("purpose", "")
            except (OSError, ValueError):
                purpose = ""  # the plan is written atomically: unreadable means not ours
                shutil.rmtree(folder, ignore_errors=True)
                continue
            _apply(library_folder, folder)
            finished.append(purpose or "a change")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    with suppress(OSError):
        (library_folder / JOURNAL_FOLDER).rmdir()
    return finished


def _apply(library_folder: Path, folder: Path) -> None:
    plan = json.loads((folder / PLAN_NAME).read_bytes())
    touched: set[Path] = set()
    for step in plan["steps"]:
        target = library_folder / step["target"]
        if step["staged"] is None:
            if step.get("tree"):
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
            touched.add(target.parent)
            continue
        staged = folder / step["staged"]
        if not staged.exists():
            continue  # moved into place before the process stopped
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        touched.add(target.parent)
    with suppress(LibraryError):
        _fsync_all(touched)
    (folder / PLAN_NAME).unlink()
    shutil.rmtree(folder, ignore_errors=True)
