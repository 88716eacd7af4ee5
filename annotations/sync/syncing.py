"""One sync of a library shared through git (`glossator sync`), and sharing it first
(`glossator sync init`).

    0. clear the locks a git killed half-way left in the repository
    1. fetch the remote                       no library lock: the reader keeps saving
    2. under the library lock:
       finish what a killed sync left (its journal, its merge)
       check the settings (the driver, .gitignore, .gitattributes)
       commit what changed here              "3 marks added to “…”, 1 claim status changed"
       merge what came in                    annotations/sync/merging.py
    3. push                                   no library lock
       a teammate pushed first: fetch, merge, push again (3 tries)
       the remote cannot be reached: the push is pending; the next sync makes it
       the remote refuses: its reason, in one line; everything stays committed here
       git fails in the library's own repository (a lock, a damaged ref, permissions):
         what and where, in one line, and the sync fails; everything stays committed here

Only one sync of a library runs at a time (a lock in its .git folder). Nothing a sync does
loses work: every change is committed before anything else happens, a merge is computed
whole before a file is written, and written all at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from annotations.authors import current_author
from annotations.errors import GlossatorError
from annotations.store import Library
from annotations.sync.changes import RECORD_FILES
from annotations.sync.committing import commit_local
from annotations.sync.git import BlobReader, Git, identity
from annotations.sync.merging import MergeStopped, finish_interrupted, merge_commit
from annotations.sync.reanchoring import TextOf
from annotations.sync.remote import (
    Fetched,
    Target,
    check_out,
    current_branch,
    fetch,
    follow,
    followed,
    push,
    settle_branch,
    settle_remote_head,
    waiting,
)
from annotations.sync.report import SyncReport
from annotations.sync.setup import (
    check_own_repository,
    init_repository,
    install_settings,
    remote_address,
    repository_top,
    set_remote,
)

PUSH_TRIES = 3
LOCK_NAME = "glossator-sync.lock"
STALE_LOCK_SECONDS = 2.0
Progress = Callable[[str], None]


def share(library: Library, remote: str | None = None, progress: Progress | None = None,
          text_of: TextOf | None = None) -> tuple[list[str], SyncReport]:
    """`sync init`: make the library a repository of its own (with the settings), point it at
    `remote` if given, and sync once; what was set up, and the sync's report."""
    git = Git(library.folder, env=identity())
    if remote:
        remote = remote_address(remote)  # refused before the folder is made a repository
    lines = []
    if init_repository(git, library.folder):
        lines.append(f"the library {library.folder} is now a git repository")
    install_settings(git, library.folder)
    if remote:
        lines.append(set_remote(git, remote))
    return lines, sync(library, progress, text_of)


def sync(library: Library, progress: Progress | None = None,
         text_of: TextOf | None = None) -> SyncReport:
    """Commit, fetch, merge, push (see the module's docstring); what happened. `text_of`
    builds an article's text from a body (the reader's documents): with it, marks made on
    a body a teammate refreshed are found again in the new one (reanchoring.py)."""
    folder = library.folder
    # Every commit of a sync (ours, a merge's, a rename's) is by whoever marks here.
    git = Git(folder, env=identity())
    _check_synced(git, folder)
    say = progress or (lambda _step: None)
    with _one_sync_at_a_time(git):
        report = SyncReport()
        # Before the fetch, which a lock left on a remote branch's ref would stop for good.
        report.notes += _remove_stale_locks(git)
        _check_no_git_operation(git)
        branch = current_branch(git)
        target = followed(git, branch)
        fetched = Fetched("fetched")
        if target is not None:
            say("fetch")
            fetched = fetch(git, target.remote)
        for attempt in range(PUSH_TRIES):
            unreachable = fetched.reason if fetched.outcome != "fetched" else ""
            try:
                target = _local_steps(library, git, report, target, branch, unreachable, say,
                                      text_of)
            except MergeStopped as error:
                report.error = str(error)  # what was committed stays: the report says it
                break
            branch = current_branch(git)  # a clone that had checked nothing out now has
            if fetched.outcome == "local":
                report.error = fetched.reason
                break
            if target is None or unreachable:
                break
            say("push")
            pushed = push(git, target)
            if pushed.outcome in ("pushed", "up to date"):
                report.pushed = pushed.outcome == "pushed"
                follow(git, branch, target)
                if report.pushed and settle_remote_head(git, target):
                    report.notes.append(f"the remote's HEAD now names {target.branch} (it named "
                                        "a branch it does not have), so a plain `git clone` "
                                        "checks the library out")
                break
            if pushed.outcome == "rejected" and attempt + 1 < PUSH_TRIES:
                say("fetch")
                fetched = fetch(git, target.remote)
                continue
            if pushed.outcome == "unreachable":
                fetched = Fetched("unreachable", f"cannot reach {target.remote} ({pushed.reason})")
            elif pushed.outcome == "local":
                report.error = pushed.reason
            elif pushed.outcome == "rejected":
                report.error = (f"{target.label} took a teammate's push each of {PUSH_TRIES} times "
                                "(several syncing at once?); sync again in a moment")
            else:
                report.error = (f"{target.remote} refused the push ({pushed.reason}); your changes "
                                "are committed here, nothing is lost: check that you may push "
                                f"to {target.label}, then sync again")
            break
        if target is not None:
            report.remote = target.label
            report.waiting = waiting(git, target) if not report.pushed else 0
            if fetched.outcome == "unreachable":
                unreachable = fetched.reason
                report.push_pending = unreachable if unreachable.startswith("cannot reach") \
                    else f"cannot reach {target.remote} ({unreachable})"
        return report


def _local_steps(library: Library, git: Git, report: SyncReport, target: Target | None,
                 branch: str, unreachable: str, say: Progress,
                 text_of: TextOf | None = None) -> Target | None:
    """Everything that touches the library's files, under its lock."""
    me = current_author()
    with library.writing("glossator sync"), git.blobs() as blobs:
        say("recover")
        report.notes += _recover(library, git, blobs, text_of, me)
        if target is not None and not unreachable and git.revision("HEAD") is None:
            target = settle_branch(git, target, branch)
            if git.revision(target.ref) is not None and _holds_nothing(library.folder):
                # A plain `git clone` that checked nothing out: start from the team's
                # history, not from a first commit of an empty library of our own.
                check_out(git, target)
                report.notes.append(f"started from {target.label} (the clone had checked "
                                    "nothing out)")
        install_settings(git, library.folder)
        say("commit")
        commit = commit_local(git, blobs, me)
        if commit is not None:
            report.commits.append(commit)
        if target is None or unreachable:
            return target
        target = settle_branch(git, target, branch)
        theirs = git.revision(target.ref)
        if theirs is not None:
            say("merge")
            merged = merge_commit(library, git, blobs, theirs, me, target.label, text_of)
            if merged.kind != "up to date" or not report.merges:
                report.merges.append(merged)
        return target


def _holds_nothing(folder: Path) -> bool:
    """Whether the library has no record of its own yet (no article, actor or tag; a file
    that does not parse is something, and is left alone)."""
    for name, table in RECORD_FILES.items():
        try:
            data = json.loads((folder / name).read_bytes())
        except FileNotFoundError:
            continue
        except (OSError, ValueError, UnicodeDecodeError):
            return False
        if not isinstance(data, dict) or data.get(table):
            return False
    articles = folder / "articles"
    return not articles.is_dir() or not any(articles.iterdir())


# -- checks and recovery --------------------------------------------------------------------

def _check_synced(git: Git, folder: Path) -> None:
    if repository_top(git) is None:
        raise GlossatorError(f"the library {folder} is not shared yet: run `glossator sync init "
                             "[REMOTE]` to share it through git (or `glossator sync clone URL` "
                             "to start from a teammate's)")
    check_own_repository(git, folder)


@contextmanager
def _one_sync_at_a_time(git: Git) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(git.git_dir() / LOCK_NAME, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise GlossatorError(f"another sync of {git.folder} is running; let it finish, then sync "
                             "again if need be") from None
    try:
        yield
    finally:
        lock.release()


def _check_no_git_operation(git: Git) -> None:
    """A rebase, cherry-pick or revert someone started by hand is theirs to finish."""
    folder = git.git_dir()
    for name, what, undo in (("rebase-merge", "rebase", "git rebase --abort"),
                             ("rebase-apply", "rebase", "git rebase --abort"),
                             ("CHERRY_PICK_HEAD", "cherry-pick", "git cherry-pick --abort"),
                             ("REVERT_HEAD", "revert", "git revert --abort")):
        if (folder / name).exists():
            raise GlossatorError(f"a git {what} is under way in the library's repository "
                                 f"({git.folder}); finish it, or undo it with `{undo}`, then "
                                 "sync again")


def _recover(library: Library, git: Git, blobs: BlobReader, text_of: TextOf | None = None,
             me: str = "") -> list[str]:
    """Finish what a sync killed half-way left behind; what was done, in words."""
    notes = [f"finished a change cut short: {purpose}"
             for purpose in library.finish_interrupted_changes()]
    notes += finish_interrupted(library, git, blobs, text_of, me)
    notes += _settle_outside_merge(library, git, blobs, text_of, me)
    return notes


def _remove_stale_locks(git: Git) -> list[str]:
    """git's own locks (any `*.lock` of the repository: the index, HEAD, a branch's or a
    remote branch's ref, FETCH_HEAD, config, shallow, packed-refs…) left by a git that
    was killed. With the sync's lock held no git of ours is running, so a lock is stale
    once it has been there STALE_LOCK_SECONDS: one younger than that is given the rest
    of the time to go, as a git run by hand may be finishing. What was removed, in words."""
    folder = git.git_dir()
    found = sorted(_git_locks(folder))
    removed = []
    deadline = time.monotonic() + STALE_LOCK_SECONDS  # a clock set back makes none young for ever
    for path in found:
        while path.exists() and _age(path) < STALE_LOCK_SECONDS and time.monotonic() < deadline:
            time.sleep(0.05)
        if not path.exists():
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            removed.append(f"could not remove git's lock {path} ({error.strerror}); delete it "
                           "by hand when no git is running there")
            continue
        removed.append(f"removed git's lock {path.relative_to(folder).as_posix()} (left by a "
                       "git that was stopped)")
    return removed


def _git_locks(folder: Path) -> Iterator[Path]:
    """Every lock file git may leave in the repository `folder`; not the sync's own."""
    for path in folder.glob("*.lock"):
        if not path.name.startswith("glossator"):
            yield path
    for under in ("refs", "logs", "objects/info", "objects/pack"):
        if (folder / under).is_dir():
            yield from (folder / under).rglob("*.lock")


def _age(path: Path) -> float:
    """Seconds since the file was made; as old as can be when it is gone."""
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return float("inf")


def _settle_outside_merge(library: Library, git: Git, blobs: BlobReader,
                          text_of: TextOf | None = None, me: str = "") -> list[str]:
    """A `git merge` (or `git pull`) run by hand and left unfinished: committed when git
    merged everything (with the repair a sync makes), undone when it stopped on a conflict
    (this sync merges again, its own way)."""
    if not (git.git_dir() / "MERGE_HEAD").exists():
        return []
    if git.run("ls-files", "-u", "-z").out.strip(b"\0"):
        git.run("merge", "--abort", what="undoing the unfinished git merge")
        return ["a git merge left unfinished with conflicts was undone; this sync merged again"]
    from annotations.sync.merging import who_changed
    from annotations.sync.repair import repair_after_merge

    base = git.run("merge-base", "HEAD", "MERGE_HEAD", check=False).text.strip()
    theirs = git.revision("MERGE_HEAD") or "MERGE_HEAD"
    repaired = repair_after_merge(library.folder,
                                  sides=[blobs.tree("HEAD"), blobs.tree("MERGE_HEAD")],
                                  base=blobs.tree(base) if base else None, text_of=text_of,
                                  me=me, who=who_changed(git, git.revision("HEAD"), theirs))
    git.run("add", "-A", "--", ".", what="adding the merged library")
    git.run("commit", "-q", "--no-verify", "--no-edit",
            what="finishing the git merge left in progress")
    return ["finished the git merge left in progress", *repaired]
