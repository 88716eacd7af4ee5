"""A teammate's commit merged into the library folder: file by file, the JSON ones record
by record, in this process, written all at once, then committed.

    for every file the teammate changed since the common ancestor:
      changed by them only          their version
      changed by both, the same     as it is
      a library JSON file           merged by records (annotations/sync/merge.py, the very
                                    code of `glossator merge-file`)
      deleted by one, changed by    the changed version (the repair brings its article back)
        the other
      a body both changed           the one the merged article record names (its hash)
      an earlier body both changed  ours; the repair gives each version its file back
      anything else both changed    ours, and a line saying where theirs is

First, every shared JSON file that comes in is checked (`check_incoming`): git takes a file
changed on one side only as it is, so a teammate's damaged file would reach the library
with no merge to refuse it. One such file stops the sync, naming it, its commit and its
author, with the library as it was.

This is what `git merge` with our driver computes, without its price: git would start the
driver once per file changed on both sides, a new Python each time (a fifth of a second),
where a sync of a busy week touches hundreds of files. Nothing is written until every file
is merged, so a file the merge refuses (a newer glossator's) stops the sync with the
library as it was. Then the results go to disk in one transaction (annotations/
transaction.py) that also writes a note of the merge under way (`.git/glossator-merge.json`);
the repair across files follows (annotations/sync/repair.py), and the commit. A process
killed in between leaves the note: the next sync finds it, lets the journal finish what
was decided, and completes the same merge (`finish_interrupted`). The caller holds the
library lock throughout.

What came in, and the conflicts it left, are read from the merged files once repaired,
just before the commit (came_in.py): the repair may keep an article a teammate deleted,
or fold two copies of one source, and the report says what the library holds after it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from annotations.atomic import write_atomically
from annotations.errors import GlossatorError
from annotations.store import SCHEMA_VERSION, Library
from annotations.sync.came_in import Authors, came_in, file_authors
from annotations.sync.changes import Incoming, plural, tables
from annotations.sync.collisions import colliding_ids, free_id, rename_article
from annotations.sync.git import (
    BlobReader,
    FileChange,
    Git,
    ask_to_mend,
    changed_files,
    empty_tree,
    git_message,
    identity,
    last_change,
)
from annotations.sync.merge import merge_bytes
from annotations.sync.reanchoring import TextOf
from annotations.sync.repair import repair_after_merge
from annotations.sync.setup import SETTINGS_FILES, is_library_path
from annotations.sync.shapes import (
    SHARED_JSON,
    TABLE_FILES,
    VERSIONS_FILE,
    MergeRefused,
    schema_of,
    shared_json,
)

STATE_NAME = "glossator-merge.json"


class MergeStopped(GlossatorError):
    """The teammates' changes cannot be merged here; nothing was changed."""


@dataclass
class Merged:
    """What a merge did."""

    kind: str
    """"up to date" (nothing new), "fast-forward" (nothing of ours to merge) or "merge"."""
    theirs: str
    commit: str = ""
    incoming: list[Incoming] = field(default_factory=list)
    conflicts: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    base: str | None
    ours: str | None
    theirs: str
    kind: str
    writes: dict[str, bytes] = field(default_factory=dict)
    removes: set[str] = field(default_factory=set)
    folders_gone: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    checked: Checked = field(default_factory=lambda: Checked())

    def read(self, blobs: BlobReader, blob: str | None) -> bytes | None:
        if blob is None:
            return None
        found = self.checked.raw.get(blob)
        return found if found is not None else blobs.read(blob)


def merge_commit(library: Library, git: Git, blobs: BlobReader, theirs: str, me: str,
                 label: str, text_of: TextOf | None = None) -> Merged:
    """Merge commit `theirs` (what `label`, e.g. origin/main, points at) into HEAD and the
    library folder; `text_of` builds article texts, to find marks again in a body the
    other side refreshed (annotations/sync/reanchoring.py)."""
    ours = git.revision("HEAD")
    if ours and git.succeeds("merge-base", "--is-ancestor", theirs, ours):
        return Merged("up to date", theirs)
    check_theirs(git, blobs, theirs, label)
    base = merge_base(git, ours, theirs)
    checked = check_incoming(git, blobs, base, ours, theirs, label)
    notes = []
    if ours:
        renamed = settle_collisions(library, git, blobs, base, ours, theirs, me)
        if renamed:
            notes += renamed
            ours = git.revision("HEAD")
    authors = file_authors(git, ours, theirs)
    plan = plan_merge(git, blobs, base, ours, theirs, me, authors, checked)
    state = _state(plan, label)
    apply(library, git, plan, state)
    done = finish(library, git, blobs, state, text_of, me, authors, checked.parsed)
    conflicts = sum(e.conflicts for e in done.incoming)
    return Merged(plan.kind, theirs, done.commit, done.incoming, conflicts,
                  notes + plan.notes + done.repaired)


# -- before anything is written -------------------------------------------------------------

def check_theirs(git: Git, blobs: BlobReader, theirs: str, label: str) -> None:
    """MergeStopped when `theirs` is not a library this glossator can merge."""
    listed = git.run("ls-tree", "-r", "-z", "--name-only", theirs, what="reading the teammates' "
                     "files").out.split(b"\0")
    others = [p.decode("utf-8", "replace") for p in listed
              if p and not is_library_path(p.decode("utf-8", "replace"))]
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        raise MergeStopped(f"{label} is not a glossator library's repository (it holds {shown}); "
                           "nothing was merged: point the remote at the team's library "
                           "(`git remote -v` in the library folder shows it)")
    version = schema_of(blobs.read(f"{theirs}:library.json") or b"")
    if version is not None and version > SCHEMA_VERSION:
        raise MergeStopped(f"the teammates' library ({label}) was written by a newer glossator "
                           f"(schema {version}, this one knows {SCHEMA_VERSION}); nothing was "
                           "merged and your library is as it was: upgrade glossator, then sync "
                           "again")


@dataclass
class Checked:
    """The teammates' JSON files `check_incoming` read: by blob, its bytes and its parsed
    content, which the merge then takes rather than reading and parsing them again; and
    the files they changed since the common ancestor, which the merge goes through."""

    raw: dict[str, bytes] = field(default_factory=dict)
    parsed: dict[str, Any] = field(default_factory=dict)
    changed: dict[str, FileChange] | None = None


def check_incoming(git: Git, blobs: BlobReader, base: str | None, ours: str | None, theirs: str,
                   label: str) -> Checked:
    """MergeStopped, naming the file, the commit that wrote it and its author, when a shared
    JSON file the teammates changed would not open here (cut short, edited by hand): git
    takes a file changed on one side only as it is, with no merge to refuse it, and a
    damaged file taken in breaks the library. Checked before anything is written."""
    other = changed_files(git, base or empty_tree(git), theirs)
    checked = Checked(changed=other)
    wanted = {path: change.after for path, change in other.items() if change.after is not None
              and PurePosixPath(path).name in SHARED_JSON and is_library_path(path)}
    have = changed_files(git, ours, theirs) if ours and wanted else None
    for path, blob in sorted(wanted.items()):
        if have is not None and path not in have:
            continue  # we have it as they do
        raw = blobs.read(blob) or b""
        parsed, why = shared_json(path, raw)
        if why:
            raise MergeStopped(_damaged(git, path, why, ours, theirs, label))
        checked.raw[blob], checked.parsed[blob] = raw, parsed
    return checked


def _damaged(git: Git, path: str, why: str, ours: str | None, theirs: str, label: str) -> str:
    commit, who = last_change(git, path, f"{ours}..{theirs}" if ours else theirs)
    commit = commit or theirs[:10]
    return (f"{path} from {label} is damaged ({why}), as commit {commit} by {who} left it; "
            "nothing was merged and your library is as it was: "
            + ask_to_mend(who, commit, mend="mend it in their library", doctor="there")
            + ", then sync again")


def merge_base(git: Git, ours: str | None, theirs: str) -> str | None:
    if ours is None:
        return None
    done = git.run("merge-base", ours, theirs, check=False)
    return (done.text.strip() or None) if done.code == 0 else None


def settle_collisions(library: Library, git: Git, blobs: BlobReader, base: str | None, ours: str,
                      theirs: str, me: str) -> list[str]:
    """Give our articles that share an id with a different article of theirs a new id, in a
    commit of our own; what was renamed, in words."""
    indexes = [blobs.read(f"{rev}:library.json") if rev else None for rev in (base, ours, theirs)]
    clashing = colliding_ids(*indexes)
    if not clashing:
        return []
    taken = {key for raw in indexes for key in tables(raw).get("articles", {})}
    lines = []
    for old in clashing:
        new = free_id(old, taken, library.folder)
        taken.add(new)
        rename_article(library, old, new)
        lines.append(f"our article {old} is now {new}: a teammate added another article as {old}")
    git.run("add", "-A", "--", ".", what="adding the renamed articles")
    git.run("commit", "-q", "--no-verify", "-m", git_message("; ".join(lines)),
            env=identity(me), what="committing the renamed articles")
    return lines


def plan_merge(git: Git, blobs: BlobReader, base: str | None, ours: str | None, theirs: str,
               me: str, authors: Authors, checked: Checked | None = None) -> _Plan:
    empty = empty_tree(git)
    kind = "fast-forward" if ours is None or ours == base else "merge"
    plan = _Plan(base, ours, theirs, kind, checked=checked or Checked())
    mine = changed_files(git, base or empty, ours) if ours and ours != base else {}
    other = plan.checked.changed
    if other is None:
        other = changed_files(git, base or empty, theirs)
    bodies = []
    for path, their in sorted(other.items()):
        our = mine.get(path)
        current = our.after if our else their.before
        if our is not None and our.after == their.after:
            continue
        if our is None or our.after is None:
            # Theirs alone changed it, or we deleted what they changed: their version.
            _take(plan, blobs, path, current, their.after)
        elif their.after is None:
            continue  # they deleted what we changed: ours stays (the repair keeps its article)
        elif PurePosixPath(path).name in TABLE_FILES | {VERSIONS_FILE}:
            names = (me, ", ".join(authors.get(path, [])[:2]))
            _merge_records(plan, blobs, path, their.before, our.after, their.after, names)
        elif path.startswith("articles/") and PurePosixPath(path).name.startswith("body."):
            bodies.append((path, our.after, their.after))
        elif path.startswith("articles/") and PurePosixPath(path).parent.name == "versions":
            # An earlier body both refreshed into: the repair gives each version its own
            # file back (repair.py, settle_versions); ours meanwhile.
            continue
        elif path in SETTINGS_FILES:
            _put(plan, blobs, path, our.after,
                 _union(blobs.read(our.after) or b"", blobs.read(their.after) or b""))
        else:
            plan.notes.append(f"{path}: changed on both sides; ours is kept, theirs is in "
                              f"commit {theirs[:10]}")
    if bodies:  # the article records, read once for all the bodies both sides changed
        index = {side: _articles_in(blobs.read(f"{revision}:library.json"))
                 for side, revision in (("ours", plan.ours), ("theirs", theirs))}
        merged = plan.writes.get("library.json")
        index["merged"] = _articles_in(merged) if merged is not None else index["ours"]
        for path, our_blob, their_blob in bodies:
            _choose_body(plan, blobs, path, our_blob, their_blob, index)
    _folders_left_empty(git, plan)
    return plan


def _take(plan: _Plan, blobs: BlobReader, path: str, current: str | None,
          wanted: str | None) -> None:
    if wanted is None:
        plan.removes.add(path)
    else:
        _put(plan, blobs, path, current, plan.read(blobs, wanted) or b"")


def _put(plan: _Plan, blobs: BlobReader, path: str, current: str | None, data: bytes) -> None:
    """`data` for `path`, over the blob `current`."""
    if current is not None and data == blobs.read(current):
        return
    plan.writes[path] = data


def _merge_records(plan: _Plan, blobs: BlobReader, path: str, base: str | None, ours: str,
                   theirs: str, names: tuple[str, str]) -> None:
    try:
        merged = merge_bytes(path, (blobs.read(base) or b"") if base else b"",
                             blobs.read(ours) or b"", plan.read(blobs, theirs) or b"", names,
                             theirs_parsed=plan.checked.parsed.get(theirs))
    except MergeRefused as error:
        reason = re.sub(r"[;(]?\s*\(?git keeps both sides( meanwhile)?\)?$", "", str(error))
        raise MergeStopped(f"not merged, your library is as it was: {reason.rstrip('; ')}") \
            from None
    _put(plan, blobs, path, ours, merged)


def _choose_body(plan: _Plan, blobs: BlobReader, path: str, ours: str, theirs: str,
                 index: dict[str, dict[str, Any]]) -> None:
    """The body the merged article record is the body of (both refreshed it differently);
    `index` holds the article records, "merged", "ours" and "theirs"."""
    article = path.split("/")[1]
    wanted = index["merged"].get(article, {}).get("content_hash")
    if wanted and wanted == index["theirs"].get(article, {}).get("content_hash"):
        _put(plan, blobs, path, ours, blobs.read(theirs) or b"")
    elif not wanted or index["ours"].get(article, {}).get("content_hash") != wanted:
        plan.notes.append(f"{path}: both sides changed this body; ours is kept, theirs is in "
                          f"commit {plan.theirs[:10]}")


def _articles_in(raw: bytes | None) -> dict[str, Any]:
    return tables(raw).get("articles", {})


def _union(ours: bytes, theirs: bytes) -> bytes:
    lines = ours.decode("utf-8", "replace").splitlines()
    extra = [line for line in theirs.decode("utf-8", "replace").splitlines() if line not in lines]
    return ("\n".join(lines + extra) + "\n").encode("utf-8")


def _folders_left_empty(git: Git, plan: _Plan) -> None:
    """Article folders that hold none of the library's files once the merge is written:
    removed with what is left in them (derived data, a parsed-document cache)."""
    touched = {p.split("/")[1] for p in plan.removes if p.startswith("articles/")}
    if not touched or plan.ours is None:
        return
    listed = git.run("ls-tree", "-r", "-z", "--name-only", plan.ours, "--", "articles",
                     what="listing the library's files").out.split(b"\0")
    kept = {p.decode("utf-8", "replace") for p in listed if p} - plan.removes | set(plan.writes)
    alive = {p.split("/")[1] for p in kept if p.startswith("articles/")}
    plan.folders_gone = touched - alive


def _message(label: str, found: list[Incoming]) -> str:
    """The merge commit's message: what came in, per teammate."""
    lines = [entry.line() for entry in found]
    subject = f"merge {label}" + (f": {lines[0]}" if lines else "")
    if len(lines) > 1:
        subject += f" (and {plural(len(lines) - 1, 'teammate')} more)"
    return subject + ("\n\n" + "\n".join(f"- {line}" for line in lines) if len(lines) > 1 else "")


# -- writing, committing, finishing ---------------------------------------------------------

def _state(plan: _Plan, label: str) -> dict[str, Any]:
    """The note of the merge under way: enough to finish it, should the sync be killed."""
    return {"ours": plan.ours or "", "theirs": plan.theirs, "base": plan.base or "",
            "kind": plan.kind, "label": label}


def state_path(git: Git) -> Path:
    return git.git_dir() / STATE_NAME


def apply(library: Library, git: Git, plan: _Plan, state: dict[str, Any]) -> None:
    """Write the merged files and the note of the merge under way, all or nothing."""
    folder = library.folder
    note, noted = state_path(git), json.dumps(state).encode()
    inside = note.resolve().is_relative_to(folder.resolve())
    with library.transaction("glossator sync: merge") as change:
        for path in sorted(plan.writes):
            change.write(folder / path, plan.writes[path])
        for path in sorted(plan.removes):
            change.remove(folder / path)
        for article in sorted(plan.folders_gone):
            change.remove(folder / "articles" / article, tree=True)
        if inside:
            change.write(note, noted)
    if not inside:  # a repository kept elsewhere (GIT_DIR): the note just after
        write_atomically(note, noted)


@dataclass
class Finished:
    """A merge repaired and committed."""

    commit: str
    repaired: list[str]
    """The repair's lines."""
    incoming: list[Incoming]
    """What the committed merge brought in, per teammate (came_in.py)."""


def finish(library: Library, git: Git, blobs: BlobReader, state: dict[str, Any],
           text_of: TextOf | None = None, me: str = "", authors: Authors | None = None,
           parsed: dict[str, Any] | None = None) -> Finished:
    """Repair and commit a merge whose files are written. What came in is read from the
    merged files as committed, after the repair (came_in.py)."""
    ours, theirs, base = state["ours"] or None, state["theirs"], state["base"] or None
    authors = authors if authors is not None else file_authors(git, ours, theirs)
    repaired: list[str] = []
    if state["kind"] == "merge":
        repaired = repair_after_merge(library.folder, sides=[blobs.tree(ours), blobs.tree(theirs)],
                                      base=blobs.tree(base) if base else None, text_of=text_of,
                                      me=me, who=who_changed(git, ours, theirs, authors))
    git.run("add", "-A", "--", ".", what="adding the merged library")
    tree = git.output("write-tree", what="recording the merged library")
    found = came_in(git, blobs, ours, theirs, base, tree, authors, parsed)
    if state["kind"] == "fast-forward" and tree == git.output("rev-parse", f"{theirs}^{{tree}}"):
        commit = theirs
    else:
        # A note left by an older glossator holds the message itself.
        subject = _message(state["label"], found) if "label" in state else state["message"]
        message = subject + ("\n\n" + "\n".join(f"- {line}" for line in repaired)
                             if repaired else "")
        parents = ["-p", ours] if ours else []
        commit = git.output("commit-tree", tree, *parents, "-p", theirs, "-m",
                            git_message(message), what="recording the merge")
    old = ours or "0" * len(commit)
    git.run("update-ref", "-m", "glossator sync: merge", "HEAD", commit, old,
            what="moving the branch to the merge")
    state_path(git).unlink(missing_ok=True)
    return Finished(commit, repaired, found)


def who_changed(git: Git, ours: str | None, theirs: str,
                authors: Authors | None = None) -> Callable[[int, str], str]:
    """Who changed a file on a side of the merge, for the repair's words: "you" on ours,
    the latest of the teammates who did on theirs (git's log read once, when first asked,
    unless `authors` holds it already)."""
    known = authors

    def who(side: int, path: str) -> str:
        nonlocal known
        if side == 0:
            return "you"
        if known is None:
            known = file_authors(git, ours, theirs)
        return next(iter(known.get(path, [])), "")

    return who


def finish_interrupted(library: Library, git: Git, blobs: BlobReader,
                       text_of: TextOf | None = None, me: str = "") -> list[str]:
    """Complete the merge a killed sync left written but not committed; what was done."""
    note = state_path(git)
    try:
        state = json.loads(note.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        note.unlink(missing_ok=True)  # written atomically: unreadable means not ours
        return []
    if git.revision("HEAD") != (state.get("ours") or None):
        note.unlink(missing_ok=True)  # the merge was committed before the process stopped
        return []
    done = finish(library, git, blobs, state, text_of, me)
    return [f"finished the merge of {state['theirs'][:10]} that an earlier sync left half-done",
            *done.repaired]
