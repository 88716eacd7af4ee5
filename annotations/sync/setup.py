"""Making a library folder a git repository (`sync init`), cloning a teammate's
(`sync clone`), and the settings every clone needs, checked again by every sync: the
merge driver in the repository's config (not shared by git, so a plain `git clone` lacks
it until the first sync), and the two files that are shared:

- `.gitignore` lists what is shared rather than what is not: only the library's own files
  (those a snapshot holds, annotations/backup/snapshots.py). Derived caches, backups,
  journals, undo logs and the lock stay on each machine, and so does any cache a later
  glossator adds, which a list of exclusions would start sharing (and conflicting on).
- `.gitattributes` keeps every file byte for byte (no line-ending conversion on any
  platform), merges the JSON files with `glossator merge-file`, and bodies as binary
  (one side or the other, never conflict markers in an article's text).

Each file's glossator part sits between two marker lines and is rewritten when it is not
what this glossator writes; lines outside the markers are the user's and are kept.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

from annotations.errors import GlossatorError
from annotations.sync.git import Git, GitError, git_program
from annotations.sync.remote import Target, check_out, local_path, remote_branches

BEGIN = "# glossator: begin (written by `glossator sync`; lines outside begin/end are yours)"
END = "# glossator: end"
DRIVER_NAME = "glossator: the library's records, merged by id"

IGNORE_BLOCK = """\
# Only the library's own files are shared: everything else stays on this machine, the
# derived caches (counts-cache.json, citations-cache.json, views-cache.json,
# tallies-*.json, search-index.sqlite, articles/*/document.cache), backups/, journal/,
# undo/ (undo is of this machine's own changes), library.lock and library.lock.owner.
/*
!/.gitignore
!/.gitattributes
!/library.json
!/actors.json
!/codebook.json
!/articles/
/articles/*/*
!/articles/*/body.md
!/articles/*/body.txt
!/articles/*/body.pages.json
!/articles/*/annotations.json
!/articles/*/versions.json
!/articles/*/rejected.json
!/articles/*/versions/
/articles/*/versions/.*.tmp
"""

ATTRIBUTES_BLOCK = """\
# Files are kept byte for byte (LF, as glossator writes them, on every platform); the
# JSON files merge record by record (glossator merge-file), bodies one side or the other.
* -text
/library.json merge=glossator
/actors.json merge=glossator
/codebook.json merge=glossator
/articles/*/annotations.json merge=glossator
/articles/*/versions.json merge=glossator
/articles/*/rejected.json merge=glossator
/articles/*/body.* merge=binary
/articles/*/versions/* merge=binary
"""

SETTINGS_FILES = {".gitignore": IGNORE_BLOCK, ".gitattributes": ATTRIBUTES_BLOCK}
TOP_FILES = frozenset({"library.json", "actors.json", "codebook.json", *SETTINGS_FILES})
ARTICLE_FILES = frozenset({"body.md", "body.txt", "body.pages.json", "annotations.json",
                           "versions.json", "rejected.json"})


def is_library_path(path: str) -> bool:
    """Whether `path` (relative, `/`-separated) is a file a synced library shares."""
    parts = path.split("/")
    if len(parts) == 1:
        return parts[0] in TOP_FILES
    if parts[0] != "articles" or len(parts) < 3:
        return False
    return (len(parts) == 3 and parts[2] in ARTICLE_FILES) or \
        (len(parts) == 4 and parts[2] == "versions")


def driver_command() -> str:
    """How git runs our merge driver: this Python, so the driver is this glossator."""
    return f"{shlex.quote(sys.executable)} -m reader merge-file %O %A %B %P"


# -- the repository -------------------------------------------------------------------------

def repository_top(git: Git) -> Path | None:
    """The top of the git repository the library folder is in; None when it is in none."""
    done = git.run("rev-parse", "--show-toplevel", check=False)
    if done.code != 0 or not done.text.strip():
        return None
    return Path(done.text.strip()).resolve()


def check_own_repository(git: Git, folder: Path) -> None:
    """GlossatorError when the library folder is not a repository of its own: inside
    another repository, or one that tracks other files than the library's."""
    top = repository_top(git)
    if top is None:
        return
    if top != folder.resolve():
        raise GlossatorError(
            f"the library {folder} is inside the git repository {top}; a synced library is a "
            "repository of its own: move the library out of it (or choose another folder with "
            "--library), then run `glossator sync init` again")
    tracked = git.run("ls-files", "-z", what="listing the tracked files").out.split(b"\0")
    others = [p.decode("utf-8", "replace") for p in tracked
              if p and not is_library_path(p.decode("utf-8", "replace"))]
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        raise GlossatorError(
            f"{folder} is already a git repository holding other files than the library's "
            f"({shown}); glossator shares a library in a repository of its own: choose another "
            "library folder, or take those files out of git there")


def init_repository(git: Git, folder: Path) -> bool:
    """Make the folder a repository (on branch main) unless it is one; whether it was made."""
    check_own_repository(git, folder)
    if repository_top(git) is not None:
        return False
    git.run("init", "-q", "-b", "main", what="git init")
    return True


def install_settings(git: Git, folder: Path) -> list[str]:
    """The driver in the config, the two shared files as this glossator writes them; the
    shared files that were (re)written."""
    install_driver(git)
    written = []
    for name, block in SETTINGS_FILES.items():
        if write_block(folder / name, block):
            written.append(name)
    return written


def install_driver(git: Git) -> bool:
    """Set the merge driver (and no line-ending conversion) in the repository's config,
    where a clone made with plain `git clone` has none; whether anything changed."""
    wanted = {"merge.glossator.driver": driver_command(), "merge.glossator.name": DRIVER_NAME,
              "core.autocrlf": "false"}
    changed = False
    for key, value in wanted.items():
        if git.config(key) != value:
            git.run("config", "--local", key, value, what=f"setting {key}")
            changed = True
    return changed


def write_block(path: Path, block: str) -> bool:
    """Put our block in the file (between the markers), keeping the user's lines; whether
    the file changed."""
    from annotations.atomic import write_atomically

    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = ""
    except (OSError, UnicodeDecodeError) as error:
        raise GlossatorError(f"cannot read {path}: {error}; fix or remove it, then sync again") \
            from None
    wanted = _with_block(current, block)
    if wanted == current:
        return False
    write_atomically(path, wanted.encode("utf-8"))
    return True


def _with_block(text: str, block: str) -> str:
    ours = f"{BEGIN}\n{block}{END}\n"
    pattern = re.compile(rf"^{re.escape(BEGIN)}\n.*?^{re.escape(END)}\n?", re.S | re.M)
    if pattern.search(text):
        return pattern.sub(lambda _: ours, text, count=1)
    rest = text if not text or text.endswith("\n") else text + "\n"
    return ours + rest


# -- remotes --------------------------------------------------------------------------------

def check_url(url: str) -> str:
    """A remote's address, refused when it could pass for an option to git."""
    url = url.strip()
    if not url:
        raise GlossatorError("the remote's address is empty; give a URL or a path, e.g. "
                             "git@example.org:team/library.git or /srv/git/library.git")
    if url.startswith("-") or "\n" in url:
        raise GlossatorError(f"{url!r} is not a remote's address; give a URL or a path")
    if url.lower().startswith("ext::"):
        raise GlossatorError(f"{url!r} runs a command rather than naming a remote; glossator "
                             "does not use ext:: remotes")
    return url


def remote_address(url: str) -> str:
    """The address to give git for a remote the user typed: checked (`check_url`), and a
    path made absolute (the user meant it from where they are, git would take it from the
    library folder). A path with nothing there is refused: git would only fail at the
    push, and the sync would call a typo "offline"; a URL that cannot be reached now
    stays a remote whose push is pending."""
    url = check_url(url)
    path = local_path(url, Path.cwd())
    if path is None:
        return url
    if not path.exists():
        raise GlossatorError(f"there is no repository at {path}; give the path of the team's "
                             f"bare repository, or make one with `git init --bare {path}`, "
                             "then run this again")
    return str(path.resolve()) if not url.startswith("file://") else url


def set_remote(git: Git, url: str, name: str = "origin") -> str:
    """Point `name` at `url` (added, or changed); what was done, in words."""
    url = remote_address(url)
    current = git.config(f"remote.{name}.url")
    if current == url:
        return f"remote {name} is {url}"
    if current is None:
        git.run("remote", "add", name, "--", url, what="adding the remote")
        return f"remote {name} added: {url}"
    git.run("remote", "set-url", name, "--", url, what="changing the remote")
    return f"remote {name} changed from {current} to {url}"


def clone(url: str, folder: Path) -> None:
    """`git clone URL FOLDER`, then this glossator's settings; the folder is removed again
    when the clone fails or holds no library, so a failed clone leaves nothing behind."""
    git_program()
    url = remote_address(url)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise GlossatorError(f"{folder} already exists and is not empty; clone into a new folder: "
                             "`glossator sync clone URL DIR`")
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GlossatorError(f"cannot create {folder}: {error.strerror}; choose another folder") \
            from None
    try:
        Git(folder).run("clone", "--quiet", "--", url, ".", network=True,
                        what=f"cloning {url}")
        git = Git(folder)
        has_commits = git.revision("HEAD") is not None or _check_out_a_branch(git)
        if has_commits and not (folder / "library.json").is_file():
            raise GlossatorError(f"{url} holds no glossator library (no library.json at its top); "
                                 "nothing was kept")
        if has_commits:
            _check_cloned_files(git, url)
        install_settings(git, folder)
    except (GitError, GlossatorError):
        _remove_clone(folder, made)
        raise


def _check_cloned_files(git: Git, url: str) -> None:
    """GlossatorError, naming the file and the commit that wrote it, when a shared JSON file
    of the clone would not open (a teammate's commit cut it short, or a hand edit)."""
    from annotations.sync.git import ask_to_mend, last_change
    from annotations.sync.shapes import SHARED_JSON, shared_json_problem

    listed = git.run("ls-files", "-z", what="listing the cloned files").out.split(b"\0")
    for path in sorted(p.decode("utf-8", "replace") for p in listed if p):
        if path.rsplit("/", 1)[-1] not in SHARED_JSON or not is_library_path(path):
            continue
        try:
            why = shared_json_problem(path, (git.folder / path).read_bytes())
        except OSError as error:
            why = f"it cannot be read: {error.strerror}"
        if why:
            commit, who = last_change(git, path)
            raise GlossatorError(
                f"{path} in {url} is damaged ({why}), as commit {commit} by {who} left it; "
                f"nothing was kept: {ask_to_mend(who, commit)}, then clone again")


def _check_out_a_branch(git: Git) -> bool:
    """A clone whose remote HEAD names no branch (a bare repository made with `git init
    --bare` names `master`, where the library was pushed as `main`) checks nothing out:
    check out its `main`, else its only branch. Whether there was one."""
    names = remote_branches(git, "origin")
    if not names:
        return False
    chosen = "main" if "main" in names else "master" if "master" in names else names[0]
    check_out(git, Target("origin", chosen))
    return True


def _remove_clone(folder: Path, made: bool) -> None:
    if made:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for entry in folder.iterdir():  # the folder was the user's (empty): only what we put in
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
