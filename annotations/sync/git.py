"""Running the `git` command line for a synced library: never a prompt, never a pager or an
editor, no line-ending conversion, bounded in time, and every failure one line.

Every command runs with `GIT_TERMINAL_PROMPT=0` (a missing password is a failure, not a
question nobody sees in the reader), standard input closed, `LC_ALL=C` (the messages the
sync reads are git's own English ones), and `-c core.autocrlf=false` so library files
stay byte for byte what glossator wrote (LF), whatever the machine's git says. Commands
that talk to a remote are given `GLOSSATOR_SYNC_TIMEOUT` seconds (default 60); local
ones are given ten minutes, as a last resort against a hung process.

Commits need no git identity: `identity()` gives the author glossator knows
(annotations/authors.py) as git's author and committer for one command: cleaned as git
keeps a name, so the commit is by the very name the marks carry; every message has its
terminal controls made inert (`git_message`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from annotations.authors import clean_name, current_author
from annotations.errors import GlossatorError
from annotations.textsafety import inert

TIMEOUT_ENV = "GLOSSATOR_SYNC_TIMEOUT"
DEFAULT_NETWORK_SECONDS = 60.0
LOCAL_SECONDS = 600.0
CONFIG = ("-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "-c", "core.quotepath=false",
          "-c", "color.ui=false", "-c", "commit.gpgSign=false", "-c", "protocol.ext.allow=never",
          "-c", "advice.detachedHead=false", "-c", "core.hooksPath=" + os.devnull)
"""For every command. Hooks are off: a library's commits are glossator's, and a hook that
asks something would hang the sync."""
EMAIL_DOMAIN = "glossator.invalid"


class GitError(GlossatorError):
    """A git command that failed; the message is one line saying what to do."""


class GitMissing(GitError):
    """No `git` on the PATH."""


class GitTimeout(GitError):
    """A git command that took longer than it was given."""


def git_program() -> str:
    """The `git` to run; GitMissing, in one line, when there is none."""
    found = shutil.which("git")
    if not found:
        raise GitMissing("git is not installed (no `git` on the PATH); glossator syncs a library "
                         "through git: install it (https://git-scm.com/downloads) and try again")
    return found


def network_seconds() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_NETWORK_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise GitError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds; set it to e.g. 60")
    return seconds


def quiet_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GCM_INTERACTIVE": "never", "LC_ALL": "C",
                "LANGUAGE": "C", "GIT_PAGER": "cat", "PAGER": "cat", "GIT_EDITOR": "true",
                "GIT_MERGE_AUTOEDIT": "no"})
    if not env.get("GIT_SSH_COMMAND") and not env.get("GIT_SSH"):
        # ssh asks for a passphrase or a host key on the terminal; in batch mode it fails
        # instead, and the sync says the push is pending. (A configured core.sshCommand
        # is overridden only for the sync's own commands.)
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=20"
    if extra:
        env.update(extra)
    return env


def identity(author: str | None = None, email: str = "") -> dict[str, str]:
    """The environment that makes `author` git's author and committer, as git can take
    them (`git_name`)."""
    name = git_name(author or current_author() or "")
    address = git_name(email or os.environ.get("GIT_AUTHOR_EMAIL", ""), "") or \
        f"{_slug(name)}@{EMAIL_DOMAIN}"
    return {"GIT_AUTHOR_NAME": name, "GIT_COMMITTER_NAME": name,
            "GIT_AUTHOR_EMAIL": address, "GIT_COMMITTER_EMAIL": address}


def git_name(name: str, fallback: str = "glossator") -> str:
    """`name` as git keeps it in a commit (annotations/authors.py's `clean_name`, which
    a mark's author is too); `fallback` when that leaves nothing."""
    return clean_name(name) or fallback


def git_message(message: str) -> str:
    """A commit's message as git is given it: terminal controls made inert (titles and
    names come from articles and teammates)."""
    return inert(message)


AUTHOR_TRAILER = "Glossator-Author"
AUTHOR_FORMAT = f"%an%x02%(trailers:key={AUTHOR_TRAILER},valueonly,separator=%x02)"
"""A `git log --format` of a commit's author: git's name, then the author's own name
when the commit kept it in a trailer (glossator did, before mark and commit authors were
cleaned alike, for a name git could not take as it was); read with `author_in`."""


def author_in(logged: str) -> str:
    """The author of a commit from its `AUTHOR_FORMAT`."""
    name, _, trailer = logged.partition("\x02")
    if trailer.startswith("%(trailers"):
        return name  # a git before 2.22 prints the placeholder: git's name is all there is
    return trailer.split("\x02")[0].strip() or name


def last_change(git: Git, path: str, span: str | None = None) -> tuple[str, str]:
    """The last commit (short hash) that changed `path`, within `span` when given, and its
    author ("a teammate" when git names none); the commit is "" when there is none."""
    done = git.run("log", "-1", f"--format=%h%x00{AUTHOR_FORMAT}", *([span] if span else []),
                   "--", path, check=False)
    commit, _, author = done.text.strip().partition("\0")
    return commit, author_in(author) or "a teammate"


def ask_to_mend(who: str, commit: str, mend: str = "mend it",
                doctor: str = "in their library") -> str:
    """What a teammate's damaged file calls for: `who` to mend it, by `glossator doctor
    --repair` (run `doctor`) or by reverting `commit`, and to push."""
    return (f"ask {who} to {mend} (`glossator doctor --repair` {doctor}, or `git revert "
            f"{commit}`) and push")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", name.casefold()).strip("-.") or "glossator"


@dataclass(frozen=True)
class Done:
    code: int
    out: bytes
    err: bytes

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace")

    @property
    def error_line(self) -> str:
        """git's most telling line of what went wrong ("fatal: …", "error: …")."""
        return last_line(self.err.decode("utf-8", "replace") or self.text)


def last_line(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    telling = [line for line in lines if line.startswith(("fatal:", "error:", "remote:", "!"))]
    chosen = (telling or lines or ["git failed without saying why"])[-1]
    return re.sub(r"^(fatal|error): ", "", chosen)


class Git:
    """git in one working folder (the library)."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.program = git_program()
        self.env = quiet_environment(env)

    def run(self, *args: str, check: bool = True, network: bool = False, input: bytes | None = None,
            env: dict[str, str] | None = None, what: str = "") -> Done:
        """Run `git ARGS`; GitError (one line, saying `what` failed) when it fails and `check`."""
        timeout = network_seconds() if network else LOCAL_SECONDS
        try:
            done = subprocess.run([self.program, *CONFIG, *args], cwd=self.folder,
                                  input=input, stdin=None if input is not None else subprocess.DEVNULL,
                                  capture_output=True, env={**self.env, **(env or {})},
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise GitTimeout(f"git {args[0]} in {self.folder} took over {timeout:g} s and was "
                             f"stopped; check the connection (or set {TIMEOUT_ENV}), then sync "
                             "again") from None
        except OSError as error:
            raise GitError(f"cannot run git in {self.folder}: {error.strerror or error}") from None
        result = Done(done.returncode, done.stdout, done.stderr)
        if check and result.code != 0:
            raise GitError(f"{what or 'git ' + args[0]} failed in {self.folder}: "
                           f"{result.error_line}")
        return result

    def output(self, *args: str, what: str = "") -> str:
        return self.run(*args, what=what).text.strip()

    def succeeds(self, *args: str) -> bool:
        return self.run(*args, check=False).code == 0

    def revision(self, name: str) -> str | None:
        """The commit `name` points at; None when there is none."""
        done = self.run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False)
        return (done.text.strip() or None) if done.code == 0 else None

    def config(self, key: str) -> str | None:
        done = self.run("config", "--get", key, check=False)
        return done.text.strip() if done.code == 0 else None

    def git_dir(self) -> Path:
        path = Path(self.output("rev-parse", "--git-dir"))
        return path if path.is_absolute() else self.folder / path

    @contextmanager
    def blobs(self) -> Iterator[BlobReader]:
        reader = BlobReader(self)
        try:
            yield reader
        finally:
            reader.close()


_CACHED = 64


class BlobReader:
    """Objects read through one `git cat-file --batch`: thousands of files of a commit in
    one process rather than one process each."""

    def __init__(self, git: Git) -> None:
        self._process = subprocess.Popen([git.program, *CONFIG, "cat-file", "--batch"],
                                         cwd=git.folder, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         env=git.env)
        self._cache: dict[str, bytes | None] = {}

    def read(self, name: str) -> bytes | None:
        """The object `name` (a blob's hash, or `<commit>:<path>`); None when missing."""
        if name in self._cache:
            return self._cache[name]
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        if "\n" in name:
            return None
        stdin.write(name.encode("utf-8") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            if len(header) == 3:  # not a blob (a tree): its content is there all the same
                stdout.read(int(header[2]) + 1)
            found = None
        else:
            found = stdout.read(int(header[2]))
            stdout.read(1)
        if ":" in name and len(self._cache) < _CACHED:
            # A file of a commit asked for again and again (the repair reads each side's
            # library.json once per record it looks for); a blob by hash is read once.
            self._cache[name] = found
        return found

    def tree(self, revision: str | None):
        """A `Tree` (annotations/sync/trees.py) of the commit: a path's bytes in it."""

        def read(relative: str) -> bytes | None:
            return self.read(f"{revision}:{relative}") if revision else None

        return read

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        if self._process.stdout:
            self._process.stdout.close()


@dataclass(frozen=True)
class FileChange:
    """One path that differs between two commits: its blob before and after (None: absent)."""

    path: str
    before: str | None
    after: str | None


ZERO = re.compile(r"^0+$")


def changed_files(git: Git, before: str, after: str | None, paths: Sequence[str] = ()) -> \
        dict[str, FileChange]:
    """Paths that differ from `before` (a commit or tree) to `after` (a commit; None: the
    index), each with its blobs."""
    args = ["diff", "--raw", "-z", "--no-renames", "--no-abbrev", "--no-ext-diff"]
    args += ["--cached", before] if after is None else [before, after]
    done = git.run(*args, "--", *paths, what="listing the changes")
    fields = done.out.split(b"\0")
    changes: dict[str, FileChange] = {}
    for i in range(0, len(fields) - 1, 2):
        meta, path = fields[i].decode(), fields[i + 1].decode("utf-8", "surrogateescape")
        parts = meta.lstrip(":").split()
        if len(parts) < 5:
            continue
        old_mode, new_mode, old, new = parts[:4]
        if "160000" in (old_mode, new_mode):  # a submodule: not the library's
            continue
        changes[path] = FileChange(path, None if ZERO.match(old) else old,
                                   None if ZERO.match(new) else new)
    return changes


def empty_tree(git: Git) -> str:
    """The empty tree's hash (differs between SHA-1 and SHA-256 repositories)."""
    return git.run("hash-object", "-t", "tree", "-w", "--stdin", input=b"").text.strip()
