"""After a merge: what no single file's merge can see, mended across files.

git merges each file by itself (with `glossator merge-file` for the JSON ones), and
takes a file changed on one side only as that side has it, so some changes of one side
meet the other side's only in the merged folder:

- an article deleted on one side while the other marked it: its marks are there, its
  record (and its body) are not. The article comes back, from the side that kept it,
  with every mark. (git reports the marks file as deleted by one side and changed by the
  other; the sync keeps the changed file, then calls this.)
- the same source added on both sides under two ids (the same content hash): one
  article, the one added first (then the smaller id), with the marks of both (their
  `article` set to it), its tags with the other's, fields it lacked filled from the
  other, and the other's differing values kept in its `conflicts`; the other's folder
  goes.
- a mark naming an actor the other side merged away follows it to the actor it went
  into (`merged_ids`); one naming an actor the other side deleted brings the actor back.
- a name or alias two actors answer to (one side merged "Regulators" into "The
  company", the other renamed it "The regulators" keeping the alias) is left to one of
  them, the other's kept in its `conflicts`; two actors of one name become one, their
  marks with it (annotations/backup/actor_names.py, which `doctor --repair` uses too).
- a mark whose kind or tag the other side removed from the codebook brings the tag back
  (made anew if no version has it).
- an article folder left holding only derived data (a parsed-document cache) after the
  other side deleted the article is removed.
- an article both sides refreshed into different texts: the body the merge set aside is
  kept as a version of it, and the marks' places follow the body kept, without a
  conflict for each (refreshed_on_both.py).
- marks placed in a body the merge did not keep (made offline while the other side
  refreshed the article) are found again in the body it kept, as a refresh finds them
  (merged_reanchoring.py); this needs the article text, which the caller builds (`text_of`).

A record brought back (an article, an actor) lists its deletion in its `conflicts`, naming
who deleted it and who still used it: the same entry on both machines, so in names, never
"this side" or "the other".

It never touches `updated`, and reads the sides symmetrically, so both teammates' repairs
of the same merged folder write the same bytes. It is a transaction: all of it or none.

When to call it: after `git merge` has run (with its conflicts of deleted-and-changed
files settled by keeping the changed file), before the merge is committed; the caller
holds the library lock. `sides` are the two merged commits (trees.py), `base` their
common ancestor: records and bodies are brought back from them.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotations.atomic import dump_json
from annotations.backup.actor_names import follow_folded, settle_shared_names
from annotations.model import BUILTIN_KINDS
from annotations.store import BODY_FILES
from annotations.sync.merged_files import (
    ACTORS_FILE,
    CODEBOOK_FILE,
    LIBRARY_FILE,
    MARKS_FILE,
    REJECTED_FILE,
    VERSIONS_FILE,
    MergedFiles,
    bytes_of,
    holds_library_files,
    parsed_json,
    read_tables,
    table_in,
    tables_in,
)
from annotations.sync.merged_reanchoring import Who, reanchor_marks
from annotations.sync.reanchoring import TextOf
from annotations.sync.records import CONFLICTS, DELETED, EARLIEST, SET_FIELDS, canonical_text
from annotations.sync.refreshed_on_both import keep_set_aside_bodies, places_follow_bodies
from annotations.sync.trees import Tree

_NOT_FOLDED = frozenset({"id", "added", "content_hash", "text_hash", "format", CONFLICTS})



def repair_after_merge(library_folder: Path, sides: Sequence[Tree] = (),
                       base: Tree | None = None, text_of: TextOf | None = None,
                       me: str = "", who: Who | None = None) -> list[str]:
    """Make the merged library whole again; one line per thing mended (none: nothing to).
    `text_of` builds an article's text, to find marks again that were placed in a body
    the merge did not keep; without it they are only listed. `me` (whoever merges) and
    `who` name the teammates in the words, and in the conflicts of a record brought back."""
    work = _Merged(Path(library_folder), list(sides), base, me, who)
    done = work.split_collisions()
    done += work.restore_articles()
    done += work.settle_bodies(found_again=text_of is not None)
    done += work.settle_versions()
    done += keep_set_aside_bodies(work)
    places_follow_bodies(work)
    done += work.fold_duplicates()
    done += reanchor_marks(work, text_of, me, who or (lambda _side, _path: ""))
    done += work.settle_mark_articles()
    done += work.settle_actors()
    done += work.settle_actor_names()
    done += work.settle_tags()
    work.commit()
    return done


class _Merged(MergedFiles):
    """The steps of the repair, each mending one kind of thing in the merged files."""

    def __init__(self, folder: Path, sides: list[Tree], base: Tree | None, me: str = "",
                 who: Who | None = None) -> None:
        super().__init__(folder, sides, base)
        self.me, self.who = me, who or (lambda _side, _path: "")

    def name_of(self, side: int | None, path: str) -> str:
        """Who changed `path` on a side, by name ("" when not known): the same name on
        both machines, whichever side is ours."""
        if side is None:
            return ""
        return self.me if side == 0 else self.who(side, path)

    def side_of(self, tree: Tree | None) -> int | None:
        return next((n for n, side in enumerate(self.sides) if side is tree), None)

    def deleted_and_kept_by(self, kept_in: Tree | None, deleted_path: str,
                            kept_path: str) -> tuple[str, str]:
        """Who deleted a record the repair brings back, and who still used it: the side
        without it, the side `kept_in` (two sides only; else nobody is named)."""
        kept = self.side_of(kept_in)
        if kept is None or len(self.sides) != 2:
            return "", ""
        return self.name_of(1 - kept, deleted_path), self.name_of(kept, kept_path)

    # -- articles ------------------------------------------------------------------------

    def restore_articles(self) -> list[str]:
        done = []
        articles = self.table(LIBRARY_FILE)
        for article_id in sorted(self.folders):
            if article_id in articles:
                continue
            base = self.folder / "articles" / article_id
            if not self.marks_of(article_id) and not holds_library_files(base):
                self.removed.append(f"articles/{article_id}")
                done.append(f"articles/{article_id}: removed (it held only derived data of an "
                            "article the other side deleted)")
                continue
            found = self.earlier_record(LIBRARY_FILE, article_id)
            if found is None:
                done.append(f"articles/{article_id}: its marks are kept, but no version holds "
                            "its article any more; run `glossator doctor`")
                continue
            record, tree = found
            tree = self.keeping_side(article_id, tree)
            articles[article_id] = _with_deleted_conflict(record, *self.deleted_and_kept_by(
                tree, LIBRARY_FILE, f"articles/{article_id}/{MARKS_FILE}"))
            self.touch(LIBRARY_FILE)
            restored = self.restore_files(article_id, record, tree)
            count = len(self.marks_of(article_id))
            done.append(f"articles/{article_id}: the article was deleted on one side while the "
                        f"other still had it; it is back with its {count} mark(s)"
                        + (f" and {restored} file(s)" if restored else ""))
        for article_id in sorted(articles):
            # Kept by the merge (deleted on one side, changed on the other), but git took the
            # deletion of the files the other side had not changed.
            body = BODY_FILES.get(str(articles[article_id].get("format")), "body.md")
            if (self.folder / "articles" / article_id / body).exists():
                continue
            found = self.earlier_record(LIBRARY_FILE, article_id)
            restored = self.restore_files(article_id, articles[article_id],
                                          found[1] if found else None)
            if restored:
                done.append(f"articles/{article_id}: kept, as one side changed it while the "
                            f"other deleted it; its {restored} file(s) are back")
        return done

    def keeping_side(self, article_id: str, tree: Tree) -> Tree:
        """The side that still used the article: the one whose marks of it changed (the
        side `tree` holding its record otherwise)."""
        marks_path = f"articles/{article_id}/{MARKS_FILE}"
        if self.base is None or len(self.sides) != 2:
            return tree
        before = self.base(marks_path)
        changed = [side for side in self.sides if side(marks_path) not in (None, before)]
        return changed[0] if len(changed) == 1 else tree

    def restore_files(self, article_id: str, record: dict[str, Any], tree: Tree | None) -> int:
        """Bring back the article's body, marks, versions and rejections where they are
        missing, from `tree` first; how many files."""
        folder = f"articles/{article_id}"
        trees = [*([tree] if tree else []), *self.trees()]
        wanted = [BODY_FILES.get(str(record.get("format")), "body.md"), MARKS_FILE,
                  VERSIONS_FILE, REJECTED_FILE]
        versions = parsed_json(next((c for c in (t(f"{folder}/{VERSIONS_FILE}") for t in trees)
                                 if c is not None), None))
        if isinstance(versions, list):
            wanted += [f"versions/{v['file']}" for v in versions
                       if isinstance(v, dict) and isinstance(v.get("file"), str)]
        count = 0
        for name in wanted:
            relative = f"{folder}/{name}"
            if (self.folder / relative).exists() or relative in self.writes:
                continue
            content = next((c for c in (t(relative) for t in trees) if c is not None), None)
            if content is None:
                continue
            count += 1
            if name == MARKS_FILE:
                self.marks[article_id] = tables_in(content)
                self.touch(relative)
            else:
                self.writes[relative] = content
        return count

    def split_collisions(self) -> list[str]:
        """Two different articles added under one id, one on each side (two outlets' copies
        of one headline make the same slug): the one added first keeps the id, the other
        takes the next free one, each with its own body and marks, as its side had them."""
        if len(self.sides) < 2:
            return []
        done = []
        articles = self.table(LIBRARY_FILE)
        base = self.earlier_table(self.base, LIBRARY_FILE, "articles") if self.base else {}
        for article_id in sorted(articles):
            found = [(self.earlier_article(side, article_id), side) for side in self.sides]
            records = [(r, side) for r, side in found if isinstance(r, dict)]
            if article_id in base or len(records) < 2 or len(
                    {str(r.get("content_hash", "")) for r, _ in records}) < 2:
                continue
            (first, first_side), (second, second_side) = sorted(
                ((copy.deepcopy(r), side) for r, side in records),
                key=lambda pair: (str(pair[0].get("added", "")), canonical_text(pair[0])))
            new_id = self.free_article_id(article_id)
            articles[article_id] = first
            articles[new_id] = {**second, "id": new_id}
            self.touch(LIBRARY_FILE)
            moved = self.move_marks_of_side(article_id, new_id, second_side, first_side)
            self.take_files(article_id, article_id, first, first_side)
            self.take_files(article_id, new_id, second, second_side)
            done.append(f"articles/{article_id}: two different articles were added under this id, "
                        f"one on each side; the one added later is now {new_id}, with its "
                        f"{moved} mark(s)")
        return done

    def free_article_id(self, wanted: str) -> str:
        taken = set(self.table(LIBRARY_FILE)) | set(self.folders)
        n = 2
        while f"{wanted}-{n}" in taken:
            n += 1
        self.folders.append(f"{wanted}-{n}")
        return f"{wanted}-{n}"

    def move_marks_of_side(self, article_id: str, new_id: str, side: Tree, other: Tree) -> int:
        theirs = set(table_in(side(f"articles/{article_id}/{MARKS_FILE}"), "annotations"))
        mine = set(table_in(other(f"articles/{article_id}/{MARKS_FILE}"), "annotations"))
        current, target = self.marks_of(article_id), self.marks_of(new_id)
        for mark_id in sorted(theirs - mine):
            if mark_id in current:
                target[mark_id] = {**current.pop(mark_id), "article": new_id}
        self.touch(f"articles/{article_id}/{MARKS_FILE}")
        self.touch(f"articles/{new_id}/{MARKS_FILE}")
        return len(target)

    def take_files(self, article_id: str, into: str, record: dict[str, Any], tree: Tree) -> None:
        """The article's body, versions and rejections in `into` as `tree` has them under
        `article_id` (whatever git's merge of the two left there)."""
        body = BODY_FILES.get(str(record.get("format")), "body.md")
        versions = parsed_json(tree(f"articles/{article_id}/{VERSIONS_FILE}"))
        names = [body, VERSIONS_FILE, REJECTED_FILE]
        if isinstance(versions, list):
            names += [f"versions/{v['file']}" for v in versions
                      if isinstance(v, dict) and isinstance(v.get("file"), str)]
        for name in names:
            content, target = tree(f"articles/{article_id}/{name}"), f"articles/{into}/{name}"
            if content is not None:
                self.writes[target] = content
            elif (self.folder / target).exists():
                self.dropped.append(target)

    def settle_bodies(self, found_again: bool = False) -> list[str]:
        """Every article's body is the one its record names (by hash): git merges bodies as
        text, and two sides that changed one body leave both in it, marked."""
        done = []
        articles = self.table(LIBRARY_FILE)
        for article_id in sorted(articles):
            record = articles[article_id]
            wanted = str(record.get("content_hash") or "")
            relative = f"articles/{article_id}/{BODY_FILES.get(str(record.get('format')), 'body.md')}"
            current = self.writes.get(relative) or bytes_of(self.folder / relative)
            if not wanted or current is None or _sha256(current) == wanted:
                continue
            right = next((c for c in (t(relative) for t in self.trees())
                          if c is not None and _sha256(c) == wanted), None)
            if right is None:
                done.append(f"{relative}: not the body its article names, and no version holds "
                            "that one; run `glossator doctor`")
                continue
            self.writes[relative] = right
            done.append(f"{relative}: the body its article names (the one the merge kept) is "
                        "back" + ("" if found_again else "; marks made on the other body are "
                                  "found again by `glossator doctor --repair`"))
        return done

    def settle_versions(self) -> list[str]:
        """Every earlier body is the one its version names (by hash). Both sides refreshed
        an article into different bodies under one version number: the merge of
        versions.json keeps both versions, the second numbered after the last, but both
        name the same file in versions/, which holds one side's body. Each gets its file
        back from the side that had it, the second under a name of its own."""
        done = []
        for article_id in sorted(self.table(LIBRARY_FILE)):
            relative = f"articles/{article_id}/{VERSIONS_FILE}"
            if relative not in self.writes and not (self.folder / relative).exists():
                continue  # never refreshed: the usual case, seen without reading a side
            if len({t(relative) for t in self.sides}) < 2:
                continue  # not changed on both sides: as one side has it, whole
            merged = parsed_json(self.writes.get(relative) or bytes_of(self.folder / relative))
            if not isinstance(merged, list):
                continue
            fixed = self.settle_version_files(article_id, merged)
            if fixed:
                self.writes[relative] = dump_json(merged)
                done.append(f"articles/{article_id}/versions: both sides refreshed it into "
                            f"different bodies; {fixed} earlier body(ies) back in files of "
                            "their own")
        return done

    def settle_version_files(self, article_id: str, versions: list[Any]) -> int:
        folder = f"articles/{article_id}/versions"
        named: dict[str, int] = {}
        for version in versions:
            if isinstance(version, dict) and isinstance(version.get("file"), str):
                named[version["file"]] = named.get(version["file"], 0) + 1
        taken, fixed = set(named), 0
        first_of: set[str] = set()
        for version in sorted((v for v in versions if isinstance(v, dict)), key=_by_number):
            name, wanted = version.get("file"), str(version.get("content_hash") or "")
            if not isinstance(name, str) or not wanted:
                continue
            shared = named[name] > 1 and name in first_of
            first_of.add(name)
            current = self.writes.get(f"{folder}/{name}") or bytes_of(self.folder / folder / name)
            if not shared and current is not None and _sha256(current) == wanted:
                continue
            content = self.earlier_version_body(article_id, wanted)
            if content is None:
                continue
            if shared:
                _stem, dot, suffix = name.partition(".")
                name = f"{version.get('number')}{dot}{suffix}"
                n = 2
                while name in taken:
                    name, n = f"{version.get('number')}-{n}{dot}{suffix}", n + 1
                taken.add(name)
                version["file"] = name
            self.writes[f"{folder}/{name}"] = content
            fixed += 1
        return fixed

    def earlier_version_body(self, article_id: str, content_hash: str) -> bytes | None:
        """The earlier body of this hash, as a side (or the common ancestor) keeps it."""
        for tree in self.trees():
            versions = parsed_json(tree(f"articles/{article_id}/{VERSIONS_FILE}"))
            for version in versions if isinstance(versions, list) else []:
                if isinstance(version, dict) and version.get("content_hash") == content_hash \
                        and isinstance(version.get("file"), str):
                    content = tree(f"articles/{article_id}/versions/{version['file']}")
                    if content is not None and _sha256(content) == content_hash:
                        return content
        return None

    def fold_duplicates(self) -> list[str]:
        done = []
        articles = self.table(LIBRARY_FILE)
        by_hash: dict[tuple[str, str], list[str]] = {}
        for article_id, record in articles.items():
            if record.get("content_hash"):
                key = (str(record["content_hash"]), str(record.get("format", "")))
                by_hash.setdefault(key, []).append(article_id)
        for ids in by_hash.values():
            if len(ids) < 2:
                continue
            kept, *others = sorted(ids, key=lambda i: (str(articles[i].get("added", "")), i))
            for other in others:
                done.append(self.fold(kept, other))
        return [line for line in done if line]

    def fold(self, kept: str, other: str) -> str:
        articles = self.table(LIBRARY_FILE)
        if parsed_json(bytes_of(self.folder / "articles" / other / VERSIONS_FILE)):
            return (f"articles/{other}: the same source as {kept}, but with earlier versions of "
                    "its own; both are kept (remove one with `glossator rm`)")
        articles[kept] = _folded_record(articles[kept], articles.pop(other))
        moved = self.marks_of(other)
        target = self.marks_of(kept)
        for mark_id in sorted(moved):
            record = dict(moved[mark_id], article=kept)
            target.setdefault(mark_id, record)
        rejected = read_tables(self.folder / "articles" / other / REJECTED_FILE).get("rejected")
        if rejected:
            path = self.folder / "articles" / kept / REJECTED_FILE
            mine = read_tables(path)
            mine["rejected"] = {**rejected, **mine.get("rejected", {})}
            self.writes[f"articles/{kept}/{REJECTED_FILE}"] = dump_json(mine)
        self.touch(LIBRARY_FILE)
        self.touch(f"articles/{kept}/{MARKS_FILE}")
        self.marks.pop(other, None)
        self.removed.append(f"articles/{other}")
        return (f"articles/{other}: the same source as {kept} (added on both sides); one "
                f"article now, with the marks of both ({len(moved)} moved)")

    def settle_mark_articles(self) -> list[str]:
        """Every mark says the article it is filed under."""
        fixed = 0
        for article_id in sorted(self.marks):
            for record in self.marks_of(article_id).values():
                if record.get("article") != article_id:
                    record["article"] = article_id
                    self.touch(f"articles/{article_id}/{MARKS_FILE}")
                    fixed += 1
        return [f"{fixed} mark(s) now say the article they are in"] if fixed else []

    # -- actors and tags -----------------------------------------------------------------

    def settle_actors(self) -> list[str]:
        actors = self.table(ACTORS_FILE)
        merged_into = {}
        for actor_id in sorted(actors):
            for old in actors[actor_id].get("merged_ids") or []:
                merged_into.setdefault(old, actor_id)
        followed, restored, missing = 0, set(), set()
        for article_id in sorted(self.marks):
            for record in self.marks_of(article_id).values():
                for role in ("speaker", "actor"):
                    actor_id = record.get(role)
                    if not actor_id or actor_id in actors:
                        continue
                    if actor_id in merged_into:
                        record[role] = merged_into[actor_id]
                        self.touch(f"articles/{article_id}/{MARKS_FILE}")
                        followed += 1
                        continue
                    found = self.earlier_record(ACTORS_FILE, actor_id)
                    if found is None:
                        missing.add(actor_id)
                        continue
                    deleted_by = next((self.name_of(n, ACTORS_FILE)
                                       for n, side in enumerate(self.sides)
                                       if actor_id not in self.earlier_table(
                                           side, ACTORS_FILE, "actors")), "")
                    kept_by = next((self.name_of(n, f"articles/{article_id}/{MARKS_FILE}")
                                    for n, side in enumerate(self.sides)
                                    if actor_id in self.earlier_table(side, ACTORS_FILE,
                                                                      "actors")), "")
                    actors[actor_id] = _with_deleted_conflict(found[0], deleted_by, kept_by)
                    restored.add(actor_id)
                    self.touch(ACTORS_FILE)
        done = []
        if followed:
            done.append(f"{followed} mark(s) follow the actor theirs was merged into")
        if restored:
            done.append(f"{len(restored)} actor(s) deleted on one side are back: marks of the "
                        "other side name them")
        if missing:
            done.append(f"{len(missing)} actor(s) named by marks are in no version; run "
                        "`glossator doctor`")
        return done

    def settle_actor_names(self) -> list[str]:
        """No name or alias answered to by two actors (after `settle_actors`, which may
        bring one back); the marks of an actor taken into another follow it."""
        actors = self.table(ACTORS_FILE)
        settled = settle_shared_names(actors)
        if not settled.lines:
            return []
        actors.clear()
        actors.update(settled.actors)
        self.touch(ACTORS_FILE)
        followed = 0
        for article_id in sorted(self.marks) if settled.folded else []:
            for record in self.marks_of(article_id).values():
                if follow_folded(record, settled.folded):
                    self.touch(f"articles/{article_id}/{MARKS_FILE}")
                    followed += 1
        return [*settled.lines,
                *([f"{followed} mark(s) follow the actor theirs became one with"] if followed
                  else [])]

    def settle_tags(self) -> list[str]:
        tags = self.table(CODEBOOK_FILE)
        used = set()
        for article_id in self.marks:
            for record in self.marks_of(article_id).values():
                used.add(record.get("kind"))
                used.update(t for t in record.get("tags") or [] if isinstance(t, str))
        back = 0
        for name in sorted(n for n in used if isinstance(n, str) and n):
            if name in tags or name in BUILTIN_KINDS:
                continue
            found = self.earlier_record(CODEBOOK_FILE, name)
            tags[name] = found[0] if found else {"name": name, "colour": "", "description": ""}
            self.touch(CODEBOOK_FILE)
            back += 1
        return [f"{back} tag(s) used by marks are back in the codebook"] if back else []


def _by_number(version: dict[str, Any]) -> tuple[int, str]:
    number = version.get("number")
    return (number if type(number) is int else 1 << 62), canonical_text(version)


def _with_deleted_conflict(record: dict[str, Any], deleted_by: str = "",
                           kept_by: str = "") -> dict[str, Any]:
    """A record one side deleted, back because the other still used it: the deletion is
    listed, as the merge lists it for a record deleted on one side and changed on the other
    (`author`: who deleted it; `kept_by`: who still used it)."""
    entry: dict[str, Any] = {"field": DELETED, "value": True}
    if deleted_by:
        entry["author"] = deleted_by
    if kept_by:
        entry["kept_by"] = kept_by
    entries = [e for e in record.get(CONFLICTS) or [] if e != entry]
    return {**record, CONFLICTS: [*entries, entry]}


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _folded_record(kept: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """`kept` with what `other` adds: its tags, the fields `kept` left empty, and its other
    values in `conflicts` (nothing of either is lost)."""
    merged = dict(kept)
    entries = list(kept.get(CONFLICTS) or [])
    for key in sorted(other):
        mine, theirs = kept.get(key), other[key]
        if key in _NOT_FOLDED or theirs == mine or theirs in ("", [], None):
            continue
        if key in EARLIEST:
            merged[key] = min(str(mine or theirs), str(theirs))
        elif key in SET_FIELDS and isinstance(mine, list) and isinstance(theirs, list):
            merged[key] = [*mine, *(t for t in theirs if t not in mine)]
        elif mine in ("", [], None):
            merged[key] = theirs
        else:
            entries.append({"field": key, "value": theirs})
    if entries:
        unique = {canonical_text(e): e for e in entries}
        merged[CONFLICTS] = [unique[k] for k in sorted(unique)]
    return merged
