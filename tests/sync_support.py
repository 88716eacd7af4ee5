"""Helpers for the sync tests: a team on disk (a bare remote and teammates' libraries), git
and glossator run as real processes, and a library's shared files to compare."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from annotations.store import Library
from annotations.sync.setup import is_library_path
from tests.conftest import REPO
from tests.helpers.library import add_sample

GIT_IDENTITY = ("-c", "user.name=Test", "-c", "user.email=test@example.invalid")


@dataclass
class Ran:
    code: int
    out: str
    err: str


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """git as a teammate runs it by hand (with an identity of its own)."""
    done = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=folder, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stdout}{done.stderr}")
    return done


def glossator(library: Path, *args: str, author: str = "ana", env: dict[str, str] | None = None,
              timeout: float = 120) -> Ran:
    """`glossator --library LIBRARY ARGS…` as its own process, marking as `author`."""
    full = {**os.environ, "GLOSSATOR_AUTHOR": author, **(env or {})}
    done = subprocess.run([sys.executable, "-m", "reader", "--library", str(library), *args],
                          capture_output=True, text=True, timeout=timeout, env=full, cwd=REPO,
                          stdin=subprocess.DEVNULL)
    return Ran(done.returncode, done.stdout, done.stderr)


def ok(ran: Ran) -> Ran:
    assert ran.code == 0, ran.out + ran.err
    return ran


@dataclass
class Team:
    root: Path
    remote: Path
    ana: Path
    ben: Path
    article: str


def make_team(root: Path) -> Team:
    """A bare remote; ana's library with the sample article, shared with `sync init`; ben's,
    a `sync clone` of it."""
    remote = root / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True, timeout=60)
    ana = root / "ana"
    article = add_sample(Library.open(ana), root / "sources").id
    ok(glossator(ana, "sync", "init", str(remote)))
    ben = root / "ben"
    ok(glossator(ben, "sync", "clone", str(remote), str(ben), author="ben"))
    return Team(root, remote, ana, ben, article)


def shared_files(folder: Path) -> dict[str, bytes]:
    """Every file of the library a sync shares, with its bytes."""
    found = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and is_library_path(relative):
            found[relative] = path.read_bytes()
    return found


def no_conflict_markers(folder: Path) -> bool:
    return not any(b"<<<<<<<" in data or b">>>>>>>" in data
                   for data in shared_files(folder).values())


def marks_hold_their_words(folder: Path) -> bool:
    """Whether every mark of the library that is not an orphan sits on its own words."""
    from reader.document.cache import load_document

    library = Library.open(folder)
    for article in library.articles():
        text = load_document(library, article).text
        if any(not m.orphaned and text[m.start:m.end] != m.exact
               for m in library.annotations(article.id)):
            return False
    return True
