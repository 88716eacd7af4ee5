"""What changed between two versions of a library's files, record by record, in words: the
message of a sync's commit ("3 marks added to “Tram extension…”, 1 claim status
changed") and what came in from each teammate ("ana: 12 marks in 3 articles; 1 conflict").

Only the JSON files that hold records are read (library.json, actors.json, codebook.json,
articles/<id>/annotations.json); a body that changed shows as its article's
`content_hash`, a refresh.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from annotations.atomic import NONCE_KEY
from annotations.database_files import RECORD_TABLES
from annotations.sync.records import CONFLICTS, PLACE, UPDATED, canonical_text

MARKS_FILE = "annotations.json"
RECORD_FILES = {name: records.table for name, records in RECORD_TABLES.items()
                if name != MARKS_FILE}
"""The library's own database files (each article has its marks file) → their table."""
FILE_OF_TABLE = {table: name for name, table in RECORD_FILES.items()}
_QUIET = frozenset({UPDATED, CONFLICTS, "history"})
"""Fields whose change alone says nothing a teammate needs told (a mark re-saved)."""


@dataclass(frozen=True)
class RecordChange:
    table: str
    """"annotations" (a mark), "articles", "actors" or "tags"."""
    key: str
    article: str
    """The mark's article (its folder), or the article itself; "" for actors and tags."""
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"

    @property
    def fields(self) -> set[str]:
        """The fields that differ (for a change), every field of an addition or removal."""
        one, other = self.before or {}, self.after or {}
        return {k for k in set(one) | set(other) if one.get(k) != other.get(k)}

    @property
    def telling(self) -> bool:
        """Whether it is worth a word: more than a re-save or a conflict kept."""
        return self.kind != "changed" or bool(self.fields - _QUIET)

    @property
    def new_conflicts(self) -> int:
        before = {canonical_text(e) for e in _entries(self.before)}
        return sum(1 for e in _entries(self.after) if canonical_text(e) not in before)

    @property
    def settled_conflicts(self) -> int:
        after = {canonical_text(e) for e in _entries(self.after)}
        return sum(1 for e in _entries(self.before) if canonical_text(e) not in after)

    @property
    def record(self) -> dict[str, Any]:
        return self.after if self.after is not None else self.before or {}


def _entries(record: dict[str, Any] | None) -> list[Any]:
    found = (record or {}).get(CONFLICTS)
    return found if isinstance(found, list) else []


def is_record_file(path: str) -> bool:
    name = PurePosixPath(path).name
    return path in RECORD_FILES or (name == MARKS_FILE and path.startswith("articles/")
                                    and path.count("/") == 2)


def tables(raw: bytes | None) -> dict[str, dict[str, Any]]:
    """The tables of a database file; {} for none, or for one that does not parse (the
    caller checks files it commits, annotations/sync/committing.py)."""
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return {}
    return tables_in(data)


def tables_in(data: Any) -> dict[str, dict[str, Any]]:
    """The tables of a parsed database file; {} for anything else."""
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k != NONCE_KEY and isinstance(v, dict)}


def record_changes(path: str, before: bytes | None, after: bytes | None) -> list[RecordChange]:
    """The records of one library file that differ between two versions of it."""
    if not is_record_file(path):
        return []
    return record_changes_between(path, tables(before), tables(after))


def record_changes_between(path: str, before: dict[str, dict[str, Any]],
                           after: dict[str, dict[str, Any]]) -> list[RecordChange]:
    """`record_changes` of a record file (`is_record_file`) from its tables, parsed."""
    if path in RECORD_FILES:
        table, article = RECORD_FILES[path], ""
    else:
        table, article = "annotations", path.split("/")[1]
    one = before.get(table, {})
    other = after.get(table, {})
    found = []
    for key in sorted(set(one) | set(other)):
        old, new = one.get(key), other.get(key)
        if old == new:
            continue
        old = old if isinstance(old, dict) else None
        new = new if isinstance(new, dict) else None
        found.append(RecordChange(table, key, key if table == "articles" else article, old, new))
    return found


# -- in words -------------------------------------------------------------------------------

def plural(count: int, word: str, many: str = "") -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def quoted(title: str, width: int = 40) -> str:
    title = " ".join(title.split()) or "untitled"
    return f"“{title if len(title) <= width else title[: width - 1] + '…'}”"


def summary(changes: Iterable[RecordChange], titles: dict[str, str]) -> list[str]:
    """The changes in words, most telling first: "3 marks added to “…”", "1 claim status
    changed", "1 article added: “…”"."""
    changes = [c for c in changes if c.telling or c.settled_conflicts]
    by_table: dict[str, list[RecordChange]] = defaultdict(list)
    for change in changes:
        by_table[change.table].append(change)
    return [*_marks(by_table["annotations"], titles), *_articles(by_table["articles"]),
            *_actors(by_table["actors"]), *_tags(by_table["tags"]), *_settled(changes)]


def _marks(changes: list[RecordChange], titles: dict[str, str]) -> list[str]:
    lines = []
    for kind, verb, preposition in (("added", "added", "to"), ("removed", "deleted", "from")):
        per_article = Counter(c.article for c in changes if c.kind == kind)
        if not per_article:
            continue
        if len(per_article) <= 2:
            lines += [f"{plural(n, 'mark')} {verb} {preposition} {quoted(titles.get(a, a))}"
                      for a, n in sorted(per_article.items(), key=lambda item: -item[1])]
        else:
            total = sum(per_article.values())
            lines.append(f"{plural(total, 'mark')} {verb} {preposition} "
                         f"{plural(len(per_article), 'article')}")
    edits: Counter[str] = Counter()
    for change in (c for c in changes if c.kind == "changed"):
        for label in _mark_edits(change):
            edits[label] += 1
    lines += [_edit_line(label, n) for label, n in edits.items()]
    return lines


def _mark_edits(change: RecordChange) -> list[str]:
    fields = change.fields - _QUIET
    kind = str(change.record.get("kind") or "mark")
    found = []
    if "status" in fields:
        found.append(f"{kind} status")
    for name in ("note", "speaker", "answer", "tags", "actor", "kind"):
        if name in fields:
            found.append(name)
    if fields & set(PLACE):
        found.append("place")
    rest = fields - set(PLACE) - {"status", "note", "speaker", "answer", "tags", "actor", "kind"}
    if rest and not found:
        found.append("other")
    return found


def _edit_line(label: str, count: int) -> str:
    if label.endswith(" status"):
        return f"{plural(count, label, label + 'es')} changed"
    words = {"note": ("note", "edited"), "speaker": ("speaker", "changed"),
             "answer": ("answer", "written"), "tags": ("mark", "re-tagged"),
             "actor": ("mention", "linked to another actor"), "kind": ("mark", "given another kind"),
             "place": ("mark", "moved"), "other": ("mark", "changed")}
    noun, verb = words[label]
    return f"{plural(count, noun)} {verb}"


def _articles(changes: list[RecordChange]) -> list[str]:
    lines = []
    for kind, verb in (("added", "added"), ("removed", "removed")):
        chosen = [c for c in changes if c.kind == kind]
        if len(chosen) == 1:
            lines.append(f"1 article {verb}: {quoted(str(chosen[0].record.get('title', '')))}")
        elif chosen:
            lines.append(f"{len(chosen)} articles {verb}")
    edited = [c for c in changes if c.kind == "changed" and c.telling]
    refreshed = sum(1 for c in edited if "content_hash" in c.fields)
    if refreshed:
        lines.append(f"{plural(refreshed, 'article')} refreshed")
    if len(edited) - refreshed:
        lines.append(f"details of {plural(len(edited) - refreshed, 'article')} changed")
    return lines


def _actors(changes: list[RecordChange]) -> list[str]:
    merged_away = {i for c in changes if c.after for i in c.after.get("merged_ids") or []}
    counts: Counter[str] = Counter()
    for change in changes:
        if change.kind == "removed" and change.key in merged_away:
            counts["merged into another"] += 1
        elif change.kind == "removed":
            counts["removed"] += 1
        elif change.kind == "added":
            counts["added"] += 1
        elif change.telling:
            counts["edited"] += 1
    return [f"{plural(n, 'actor')} {what}" for what, n in counts.items()]


def _tags(changes: list[RecordChange]) -> list[str]:
    counts = Counter(c.kind for c in changes if c.telling)
    words = {"added": "added to the codebook", "removed": "removed from the codebook",
             "changed": "changed"}
    return [f"{plural(n, 'tag')} {words[kind]}" for kind, n in counts.items()]


def _settled(changes: list[RecordChange]) -> list[str]:
    settled = sum(c.settled_conflicts for c in changes if c.kind == "changed")
    return [f"{plural(settled, 'conflict')} settled"] if settled else []


def commit_message(lines: list[str], width: int = 72) -> tuple[str, int]:
    """A subject of the first lines that fit, and every line in the body below it; and
    how many of the lines the subject holds."""
    if not lines:
        return "glossator sync", 0
    subject, shown = lines[0], 1
    for line in lines[1:]:
        if len(subject) + 2 + len(line) > width:
            break
        subject += f", {line}"
        shown += 1
    body = "\n".join(f"- {line}" for line in lines)
    return (subject if shown == len(lines) else f"{subject}\n\n{body}"), shown


# -- what came in, per teammate -------------------------------------------------------------

@dataclass
class Incoming:
    """What one teammate's changes brought in."""

    author: str
    marks: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    other: Counter[str] = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)
    """Articles one side removed and the merge kept, the other side still having marked
    them: in words ("article “…” kept (you removed it; they had marked it)")."""
    conflicts: int = 0

    def line(self) -> str:
        parts = []
        if self.marks:
            parts.append(f"{plural(len(self.marks), 'mark')} in "
                         f"{plural(len(self.articles), 'article')}")
        parts += [plural(n, *_OTHER[what]) for what, n in self.other.items()]
        parts += self.kept
        said = ", ".join(parts)
        if self.conflicts:
            counted = plural(self.conflicts, "conflict")
            said = f"{said}; {counted}" if said else counted
        return f"{self.author or 'a teammate'}: {said or 'changes'}"

    def record(self) -> dict[str, Any]:
        """The `sync --json` shape of one teammate's changes."""
        return {"author": self.author, "marks": len(self.marks), "articles": len(self.articles),
                "other": dict(self.other), "kept": list(self.kept), "conflicts": self.conflicts,
                "line": self.line()}


_OTHER = {f"{noun} {verb}": (f"{noun} {verb}", f"{noun}s {verb}")
          for noun in ("article", "actor", "tag")
          for verb in ("added", "removed", "changed", "refreshed")}
_OTHER["mark deleted"] = ("mark deleted", "marks deleted")


def incoming(changes: Iterable[RecordChange], author_of: Callable[[RecordChange], str],
             kept: Callable[[RecordChange], str] | None = None) -> list[Incoming]:
    """The changes grouped by who made them (`author_of`), the busiest first. `kept` says
    in words an article the merge kept although one side removed it ("" for any other
    change)."""
    found: dict[str, Incoming] = {}
    for change in changes:
        if not change.telling and not change.new_conflicts:
            continue
        who = author_of(change)
        entry = found.setdefault(who, Incoming(who))
        entry.conflicts += change.new_conflicts
        words = kept(change) if kept is not None else ""
        if words:
            entry.kept.append(words)
        elif change.table == "annotations" and change.kind != "removed":
            # A mark whose change clashed with ours is one of theirs all the same.
            entry.marks.add(change.key)
            entry.articles.add(change.article)
        elif not change.telling:
            continue
        elif change.table == "annotations":
            entry.other["mark deleted"] += 1
        elif change.table == "articles":
            refreshed = change.kind == "changed" and "content_hash" in change.fields
            entry.other[f"article {'refreshed' if refreshed else change.kind}"] += 1
        else:
            entry.other[f"{'actor' if change.table == 'actors' else 'tag'} {change.kind}"] += 1
    return sorted(found.values(), key=lambda e: (-len(e.marks), -sum(e.other.values()) - len(e.kept),
                                                 e.author))
