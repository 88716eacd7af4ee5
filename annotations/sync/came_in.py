"""What a merge brought in, per teammate, in words ("ana: 12 marks in 3 articles; 1
conflict"), read from the merged library as it is committed: after the repair.

The teammates' commits alone do not say it. The repair after the merge (repair.py)
changes what came in: an article a teammate deleted is kept because you marked it, two
copies of one source become one article, an alias two actors share goes to one of them;
and each of those may leave a conflict. Read from the result, the report says what the
library holds now that it did not before, and counts the very conflicts `glossator
conflicts` lists.

Who made each change is read from git's log of the commits that came in: the author of
the commit that last changed the file (a mark says its own author). A merge commit of a
teammate counts for the files it changed itself (`git log -c`: what differs from every
parent, which is what its repair did), after the plain commits, so the article a
teammate's merge kept for you is theirs, not "a teammate"'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotations.sync.changes import (
    FILE_OF_TABLE,
    Incoming,
    RecordChange,
    incoming,
    is_record_file,
    plural,
    quoted,
    record_changes_between,
    tables,
    tables_in,
)
from annotations.sync.git import AUTHOR_FORMAT, BlobReader, Git, author_in, changed_files, empty_tree
from annotations.sync.records import CONFLICTS, DELETED, canonical_text

Authors = dict[str, list[str]]
"""Who changed each file in the commits coming in, the latest first."""


def file_authors(git: Git, ours: str | None, theirs: str) -> Authors:
    """Who changed each file in the commits coming in (`ours..theirs`), the latest first:
    the authors of plain commits, then of the merges that changed the file themselves."""
    span = f"{ours}..{theirs}" if ours else theirs
    done = git.run("log", "-c", "--no-renames", f"--format=%x01%P%x03{AUTHOR_FORMAT}",
                   "--name-only", span, what="reading who changed what")
    plain: Authors = {}
    merges: Authors = {}
    found, author = plain, ""
    for line in done.text.splitlines():
        if line.startswith("\x01"):
            parents, _, logged = line[1:].partition("\x03")
            author = author_in(logged)
            found = merges if len(parents.split()) > 1 else plain
        elif line and author not in found.setdefault(line, []):
            found[line].append(author)
    for path, names in merges.items():
        listed = plain.setdefault(path, [])
        listed += [name for name in names if name not in listed]
    return plain


def author_of(change: RecordChange, authors: Authors) -> str:
    """Who made a change: a new mark's own author; else whoever changed its file."""
    path = FILE_OF_TABLE.get(change.table, f"articles/{change.article}/annotations.json")
    who = authors.get(path, [])
    marked_by = str(change.record.get("author") or "") if change.table == "annotations" else ""
    if change.kind == "added" and marked_by:
        return marked_by
    if len(who) == 1 or (who and marked_by not in who):
        return who[0]
    return marked_by or (who[0] if who else "")


@dataclass
class TakenIn(Incoming):
    """A library with no history in common with ours, taken in whole (`sync init` of a
    library of one's own against the team's remote): its records are the team's, not
    changes anyone made to ours, and its old conflicts are not this merge's."""

    def line(self) -> str:
        said = f"took in the team's library: {plural(len(self.articles), 'article')}, " \
               f"{plural(len(self.marks), 'mark')}"
        return said + (f"; {plural(self.conflicts, 'conflict')}" if self.conflicts else "")


def came_in(git: Git, blobs: BlobReader, ours: str | None, theirs: str, base: str | None,
            tree: str, authors: Authors, parsed: dict[str, Any] | None = None) -> list[Incoming]:
    """What the merged `tree` holds that `ours` did not, by teammate, the busiest first.
    `parsed`: JSON files already parsed, by blob (the teammates' files the merge checked).
    With no common ancestor, what came in is the team's library, taken in (`TakenIn`)."""
    changes = changes_to(git, blobs, ours, tree, parsed or {})
    if base is None:
        return [taken_in(changes, changes_to(git, blobs, theirs, tree, parsed or {}))]

    def kept(change: RecordChange) -> str:
        return _kept_words(git, change, ours, theirs, base)

    return incoming(changes, lambda change: author_of(change, authors), kept)


def taken_in(from_ours: list[RecordChange], from_theirs: list[RecordChange]) -> TakenIn:
    """The team's library taken into ours: the articles and marks we did not have, and the
    conflicts the merge made (in neither library before it)."""
    entry = TakenIn("")
    for change in from_ours:
        if change.kind != "added":
            continue
        if change.table == "articles":
            entry.articles.add(change.key)
        elif change.table == "annotations":
            entry.marks.add(change.key)
    ours_before = {(c.table, c.article, c.key): c.before for c in from_ours}
    for change in from_theirs:
        key = (change.table, change.article, change.key)
        if key not in ours_before:
            continue  # merged as we had it: nothing new in it
        known = {canonical_text(e) for record in (change.before, ours_before[key])
                 for e in entries_in(record)}
        entry.conflicts += sum(1 for e in entries_in(change.after) if canonical_text(e) not in known)
    return entry


def entries_in(record: dict[str, Any] | None) -> list[Any]:
    found = (record or {}).get(CONFLICTS)
    return found if isinstance(found, list) else []


def changes_to(git: Git, blobs: BlobReader, ours: str | None, tree: str,
               parsed: dict[str, Any]) -> list[RecordChange]:
    """The records that differ from `ours` to `tree`; a mark that only moved to another
    article (two copies of one source folded into one) and the copy folded away are
    none of them: nothing of theirs, nothing lost."""
    found = []
    for path, change in sorted(changed_files(git, ours or empty_tree(git), tree).items()):
        if not is_record_file(path):
            continue
        before = tables(blobs.read(change.before)) if change.before else {}
        if change.after is None:
            after = {}
        elif change.after in parsed:
            after = tables_in(parsed[change.after])
        else:
            after = tables(blobs.read(change.after))
        found += record_changes_between(path, before, after)
    return _without_folded(_moves_joined(found))


def _moves_joined(changes: list[RecordChange]) -> list[RecordChange]:
    """A mark removed from one article and added to another is one mark that moved: a
    change only in what else differs."""
    removed = {c.key: c for c in changes if c.table == "annotations" and c.kind == "removed"}
    added = {c.key for c in changes if c.table == "annotations" and c.kind == "added"}
    joined = []
    for change in changes:
        if change.table != "annotations" or change.key not in removed or change.key not in added:
            joined.append(change)
        elif change.kind == "added" and change.after is not None:
            before = {**(removed[change.key].before or {}), "article": change.after.get("article")}
            if before != change.after:
                joined.append(RecordChange("annotations", change.key, change.article, before,
                                           change.after))
    return joined


def _without_folded(changes: list[RecordChange]) -> list[RecordChange]:
    """An article gone because the same source came in under another id (the repair
    folded the two copies into one) is not one removed."""

    def body(record: dict[str, Any]) -> tuple[str, str]:
        return str(record.get("content_hash") or ""), str(record.get("format") or "")

    arrived = {body(c.after): c.key for c in changes
               if c.table == "articles" and c.after is not None and c.after.get("content_hash")}
    return [c for c in changes
            if not (c.table == "articles" and c.kind == "removed"
                    and arrived.get(body(c.record), c.key) != c.key)]


def _kept_words(git: Git, change: RecordChange, ours: str | None, theirs: str,
                base: str | None) -> str:
    """For an article one side removed while the other still had marks on it (or had
    changed it), kept by the merge: which side did what, in words; "" for any other change."""
    if change.table != "articles" or not _newly_deleted_conflict(change):
        return ""
    title = quoted(str(change.record.get("title") or change.key))
    marks = f"articles/{change.key}/annotations.json"
    if change.before is None:  # we had removed it: theirs kept it
        did = "marked" if _changed(git, base, theirs, marks) else "changed"
        return f"article {title} kept (you removed it; they had {did} it)"
    did = "marked" if ours and _changed(git, base, ours, marks) else "changed"
    return f"article {title} kept (they removed it; you had {did} it)"


def _newly_deleted_conflict(change: RecordChange) -> bool:
    entry = {"field": DELETED, "value": True}

    def has(record: dict[str, Any] | None) -> bool:
        found = (record or {}).get(CONFLICTS)
        return isinstance(found, list) and any(
            isinstance(e, dict) and {k: e.get(k) for k in entry} == entry for e in found)

    return has(change.after) and not has(change.before)


def _changed(git: Git, base: str | None, side: str, path: str) -> bool:
    """Whether `side` changed `path` since `base`."""
    done = git.run("diff", "--quiet", base or empty_tree(git), side, "--", path, check=False)
    return done.code == 1

