"""The network side of a sync: which remote branch the library follows, fetching it, and
pushing to it, each failure told apart: a remote that cannot be reached (the push is
pending, the next sync makes it), one that took a teammate's push first (fetch, merge,
push again), one that refuses (its reason, in one line), and a git that failed here, in
the library's own repository (a lock in the way, a damaged ref, no permission to write):
no waiting makes that one go, so it is said as it is, with the file and what to do
(`local_failure`), never as a push that is pending.

Nothing here holds the library lock: fetching and pushing touch only the repository's
own objects and refs, never the library's files, so the reader goes on saving marks while
the network is slow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from annotations.errors import GlossatorError
from annotations.sync.git import Done, Git, GitTimeout


@dataclass(frozen=True)
class Target:
    """The remote branch the library's branch follows."""

    remote: str
    branch: str
    """Its name on the remote; "" until a fetch shows which (see `settle_branch`)."""

    @property
    def ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    @property
    def label(self) -> str:
        return f"{self.remote}/{self.branch}" if self.branch else self.remote


def current_branch(git: Git) -> str:
    """The branch the library is on; GlossatorError on a detached HEAD."""
    done = git.run("symbolic-ref", "--short", "-q", "HEAD", check=False)
    if done.code != 0 or not done.text.strip():
        head = (git.revision("HEAD") or "")[:10]
        raise GlossatorError(
            f"the library's git repository ({git.folder}) is on a detached HEAD (commit {head}), "
            "not on a branch, so there is nothing to sync to: put it back on its branch "
            f"(`git -C {git.folder} switch main`, or `git switch -c NAME` to keep this "
            "commit), then sync again")
    return done.text.strip()


def followed(git: Git, branch: str) -> Target | None:
    """The remote branch `branch` follows; None when the repository has no remote."""
    remote, merge = git.config(f"branch.{branch}.remote"), git.config(f"branch.{branch}.merge")
    if remote and remote != "." and merge:
        return Target(remote, merge.removeprefix("refs/heads/"))
    remotes = git.output("remote").split()
    if not remotes:
        return None
    return Target("origin" if "origin" in remotes else remotes[0], "")


def remote_branches(git: Git, remote: str) -> list[str]:
    """The branches of `remote` as the last fetch saw them, by name, sorted."""
    prefix = f"refs/remotes/{remote}/"
    names = [r.removeprefix(prefix) for r in
             git.output("for-each-ref", "--format=%(refname)", prefix).splitlines()]
    return sorted(n for n in names if n and n != "HEAD")


def settle_branch(git: Git, target: Target, branch: str) -> Target:
    """After a fetch: the branch followed if the remote has it; else the remote's branch of
    our branch's name, else its default branch, else its only branch (a plain `git clone` of
    a bare repository whose HEAD names `master` follows a `master` that is not there, while
    the library was pushed as `main`), else a new branch of our branch's name."""
    prefix = f"refs/remotes/{target.remote}/"
    names = remote_branches(git, target.remote)
    if target.branch and (target.branch in names or not names):
        return target
    wanted = target.branch or branch
    if wanted in names or not names:
        return Target(target.remote, wanted)
    default = git.run("symbolic-ref", "-q", f"{prefix}HEAD", check=False).text.strip()
    if default.removeprefix(prefix) in names:
        return Target(target.remote, default.removeprefix(prefix))
    return Target(target.remote, names[0] if len(names) == 1 else wanted)


def check_out(git: Git, target: Target) -> None:
    """Put a branch with no commits yet on the remote branch `target`: a clone that checked
    nothing out (its remote HEAD named a branch the remote lacks) then commits on the
    team's history rather than starting one of its own. git's settings for the branch
    left behind go with it. Files in the way are replaced: the caller has made sure the
    library holds nothing of its own yet."""
    old = git.run("symbolic-ref", "--short", "-q", "HEAD", check=False).text.strip()
    git.run("checkout", "-q", "-f", "-B", target.branch, "--track",
            f"{target.remote}/{target.branch}", what=f"checking out {target.label}")
    if old and old != target.branch and git.revision(f"refs/heads/{old}") is None and \
            git.config(f"branch.{old}.remote") is not None:
        git.run("config", "--remove-section", f"branch.{old}", check=False)


def local_path(url: str, folder: Path) -> Path | None:
    """The folder a remote's address names on this machine (a path, or a file:// URL);
    None for an address on another machine (https://, ssh://, host:path)."""
    if url.startswith("file://"):
        return Path(unquote(urlsplit(url).path))
    if "://" in url:
        return None
    if re.match(r"^[^/\\]+:", url) and not re.match(r"^[A-Za-z]:[/\\]", url):
        return None  # scp-like ssh: host:path (a Windows drive, C:\..., is a path)
    path = Path(url).expanduser()
    return path if path.is_absolute() else folder / path


def settle_remote_head(git: Git, target: Target) -> bool:
    """A bare repository on this machine or a shared drive whose HEAD names a branch it
    does not have (`git init --bare` names `master`; the library was pushed as `main`)
    is given the branch pushed as its HEAD, so that a plain `git clone` of it checks the
    library out. Whether it was."""
    path = local_path(git.config(f"remote.{target.remote}.url") or "", git.folder)
    if path is None or not target.branch or not path.is_dir():
        return False
    where = f"--git-dir={path}"
    if git.run(where, "rev-parse", "--is-bare-repository", check=False).text.strip() != "true":
        return False
    head = git.run(where, "symbolic-ref", "-q", "HEAD", check=False).text.strip()
    wanted = f"refs/heads/{target.branch}"
    if not head.startswith("refs/heads/") or head == wanted or \
            git.succeeds(where, "rev-parse", "--verify", "-q", head):
        return False
    if not git.succeeds(where, "rev-parse", "--verify", "-q", wanted):
        return False
    return git.succeeds(where, "symbolic-ref", "HEAD", wanted)


@dataclass(frozen=True)
class Fetched:
    outcome: str
    """"fetched", "unreachable" or "local" (git failed in the library's own repository)."""
    reason: str = ""
    """Why not, in one line."""


def fetch(git: Git, remote: str) -> Fetched:
    """Fetch the remote; and if that failed, whether here or there, and why (one line)."""
    try:
        done = git.run("fetch", "--quiet", "--prune", "--no-tags", remote, check=False,
                       network=True)
    except GitTimeout as error:
        return Fetched("unreachable", str(error))
    if done.code == 0:
        return Fetched("fetched")
    here = local_failure(git, done, f"fetching from {remote}")
    return Fetched("local", here) if here else Fetched("unreachable", done.error_line)


_LOCK_IN_THE_WAY = re.compile(r"Unable to create '(?P<path>[^']+\.lock)': File exists")
_BROKEN_REF = re.compile(r"(?:bad object|unable to resolve reference|cannot lock ref|"
                         r"does not point to a valid object)[^']*?'?(?P<ref>refs/[^\s':!]+)")
_LOCAL_WORDS = ("cannot lock ref", "unable to resolve reference", "bad object refs/",
                "bad object HEAD", "does not point to a valid object", "insufficient permission",
                "unable to write", "unable to create temporary", "No space left on device",
                "Read-only file system", "index file corrupt", "unable to update local ref")
"""git's words for a failure in the repository it runs in (never the remote's: those
come as "remote: …", or name the remote's address)."""


def local_failure(git: Git, done: Done, doing: str) -> str:
    """When git failed in the library's own repository rather than at the remote: one
    line saying what, which file, and what to do; "" when the failure was not here."""
    git_dir = git.git_dir()
    said = [line.strip() for line in done.err.decode("utf-8", "replace").splitlines()]
    ours = [re.sub(r"^(fatal|error): ", "", line) for line in said
            if line and not line.startswith(("remote:", "hint:", "To ", "!"))]
    line = next((line for line in ours if str(git_dir) in line or "'.git/" in line
                 or any(words in line for words in _LOCAL_WORDS)), "")
    if not line:
        return ""
    start = f"git failed in the library's own repository while {doing}"
    committed = "(your changes are committed here)"
    lock = _LOCK_IN_THE_WAY.search(line)
    if lock:
        return (f"{start}: {lock['path']} is in the way; when no git is running in "
                f"{git.folder}, delete that file, then sync again {committed}")
    ref = _BROKEN_REF.search(line)
    if ref and ref["ref"].startswith("refs/remotes/") and (git_dir / ref["ref"]).is_file():
        return (f"{start}: {git_dir / ref['ref']} is damaged ({line}); it is only the copy "
                f"of a remote branch: delete that file, then sync again to fetch it anew "
                f"{committed}")
    return (f"{start}: {line}; check that you may write to {git_dir} and that the disk has "
            f"room (`git -C {git.folder} fsck` names anything damaged), then sync again "
            f"{committed}")


@dataclass(frozen=True)
class Pushed:
    outcome: str
    """"pushed", "up to date", "rejected" (a teammate pushed first), "refused" (the remote
    will not take it), "unreachable", or "local" (git failed in the library's own
    repository)."""
    reason: str = ""


_REF_LINE = re.compile(r"^(?P<flag>[ +\-*=!])\t(?P<refs>[^\t]+)\t(?P<summary>.*)$")


def push(git: Git, target: Target) -> Pushed:
    try:
        # No delta search: a sync changes a few records in each of many files, and git's
        # search for deltas among a thousand of them takes seconds (4 of a 5 s push on the
        # benchmark) to make the pack 8% smaller.
        done = git.run("-c", "pack.window=0", "push", "--porcelain", target.remote,
                       f"HEAD:refs/heads/{target.branch}", check=False, network=True)
    except GitTimeout as error:
        return Pushed("unreachable", str(error))
    lines = [m for m in map(_REF_LINE.match, done.text.splitlines()) if m]
    for line in lines:
        if line["flag"] != "!":
            continue
        summary = line["summary"]
        reason = summary[summary.find("(") + 1: summary.rfind(")")] if "(" in summary else summary
        if summary.startswith("[rejected]"):
            return Pushed("rejected", reason)
        return Pushed("refused", _refusal(reason, done.err.decode("utf-8", "replace")))
    if done.code != 0 and not lines:
        here = local_failure(git, done, f"pushing to {target.label}")
        return Pushed("local", here) if here else Pushed("unreachable", done.error_line)
    if done.code != 0:
        return Pushed("refused", done.error_line)
    if lines and all(line["flag"] == "=" for line in lines):
        return Pushed("up to date")
    return Pushed("pushed")


def _refusal(reason: str, stderr: str) -> str:
    """The remote's own words, when it said more than "pre-receive hook declined"."""
    said = [line.removeprefix("remote:").strip() for line in stderr.splitlines()
            if line.startswith("remote:") and line.removeprefix("remote:").strip()]
    return f"{reason}: {said[-1]}" if said else reason


def follow(git: Git, branch: str, target: Target) -> None:
    """Make `branch` follow the target (after its first push), as `push -u` would."""
    if git.config(f"branch.{branch}.remote") != target.remote:
        git.run("config", f"branch.{branch}.remote", target.remote)
    wanted = f"refs/heads/{target.branch}"
    if git.config(f"branch.{branch}.merge") != wanted:
        git.run("config", f"branch.{branch}.merge", wanted)


def waiting(git: Git, target: Target) -> int:
    """Commits of ours the remote does not have (as far as the last fetch knows)."""
    span = f"{target.ref}..HEAD" if target.branch and git.revision(target.ref) else "HEAD"
    if git.revision("HEAD") is None:
        return 0
    done = git.run("rev-list", "--count", span, check=False)
    return int(done.text.strip() or 0) if done.code == 0 else 0
