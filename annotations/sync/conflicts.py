"""The conflicts a merge kept, and how a person settles them.

A conflict is one entry of a record's `conflicts` list (annotations/sync/records.py
describes the entry): one field both teammates changed, the value kept in the record and
the other beside it. It stays until someone chooses: `resolve` keeps the current value
or the other one, and drops the entry. Choosing is a change like any other, so the mark
is `updated` and the choice wins the next merge.

An article both teammates refreshed into different texts keeps one body; the repair after
the merge kept the other as a version of it (annotations/sync/refreshed_on_both.py).
Keeping the other makes that version the current text again, as a refresh would: the
current body becomes a version in its turn, and every mark is found again in the text
taken back (annotations/matching, through annotations/refreshing.py).

For the reader: `mark_conflicts(mark)` (the pane's `!`), `conflicts(library, article)`,
`resolve(library, conflict, keep)` (the resolve dialog). `glossator conflicts` lists them
all and resolves one from the command line.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from annotations.atomic import database_bytes, load_json
from annotations.errors import AmbiguousError, GlossatorError, NotFoundError
from annotations.model import Actor, Annotation, Article, Tag
from annotations.store import Library
from annotations.sync.reanchoring import TextOf
from annotations.sync.records import CONFLICTS, DELETED, MISSING, canonical_text, rules_for

Keep = Literal["current", "other"]
KEEPS: tuple[Keep, ...] = ("current", "other")


@dataclass(frozen=True)
class Conflict:
    table: str
    """Which kind of record: "annotations" (a mark), "articles", "actors" or "tags"."""
    record: str
    """The record's id: the mark's, the article's, the actor's; a tag's name."""
    article: str
    """The article of a mark, or the article itself; "" for actors and tags."""
    label: str
    """What a person recognises the record by: the mark's words, the title, the name."""
    entry: dict[str, Any]
    """The entry as the record keeps it."""
    current: Any
    """The record's value of the field now (for `deleted`: False, it is there; for a
    group: an object of its fields); None when it has no such field."""
    ref: str = ""
    """How to name it on the command line: `<short id>:<field>` (`#2`… when a record has
    two on one field)."""
    fields: tuple[str, ...] = ()
    """The record's fields the conflict covers (several for a group)."""

    @property
    def field(self) -> str:
        return str(self.entry.get("field", ""))

    @property
    def other(self) -> Any:
        """The value that did not win (None when that side had no such field)."""
        return self.entry.get("value")

    def to_json(self) -> dict[str, Any]:
        """The shape `glossator conflicts --json` prints (stable: keys are only added)."""
        return {"ref": self.ref, "table": self.table, "record": self.record,
                "article": self.article, "label": self.label, "field": self.field,
                "current": self.current, "other": self.other,
                "base": self.entry.get("base"), "updated": self.entry.get("updated", ""),
                "author": self.entry.get("author", ""), "kept_by": self.entry.get("kept_by", ""),
                "at": self.entry.get("at", "")}


def entries_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    found = record.get(CONFLICTS)
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def mark_conflicts(mark: Annotation) -> list[Conflict]:
    """The conflicts of one mark (none for most)."""
    return _of_record("annotations", mark.to_record(), mark.article, _excerpt(mark.exact))


def has_conflicts(mark: Annotation) -> bool:
    return bool(mark.extra.get(CONFLICTS))


def conflicts(library: Library, article_id: str | None = None) -> list[Conflict]:
    """Every conflict of the library (articles, their marks, actors, tags); of one article
    and its marks when `article_id` is given."""
    found: list[Conflict] = []
    articles = [library.article(article_id)] if article_id else library.articles()
    for article in articles:
        found += _of_record("articles", article.to_record(), article.id, article.title)
        if not _may_hold_conflicts(library, article.id):
            continue
        for mark in library.annotations(article.id):
            if mark.extra.get(CONFLICTS):
                found += mark_conflicts(mark)
    if article_id is None:
        for actor in library.actors():
            found += _of_record("actors", actor.to_record(), "", actor.name)
        for tag in library.codebook():
            found += _of_record("tags", tag.to_record(), "", tag.name)
    return found


def _may_hold_conflicts(library: Library, article_id: str) -> bool:
    """Whether the article's marks file names a conflict at all: a library of fifty thousand
    marks is read in a tenth of the time it takes to parse."""
    try:
        raw = (library.article_folder(article_id) / "annotations.json").read_bytes()
    except OSError:
        return False
    return f'"{CONFLICTS}":'.encode() in raw


def find_conflict(library: Library, ref: str) -> Conflict:
    """The conflict named `ref` as `conflicts` lists it (or `<full id>:<field>`)."""
    wanted = ref.strip()
    matches = [c for c in conflicts(library)
               if wanted in (c.ref, f"{c.record}:{c.field}")]
    if not matches:
        raise NotFoundError(f"no conflict {ref!r}; `glossator conflicts` lists them")
    if len(matches) > 1:
        raise AmbiguousError(f"{ref!r} names {len(matches)} conflicts; use the ref "
                             "`glossator conflicts` prints")
    return matches[0]


def resolve(library: Library, conflict: Conflict, keep: Keep,
            text_of: TextOf | None = None) -> str:
    """Settle a conflict: keep the current value or the other one; the entry goes. What
    was done, in one line. `text_of` builds an article's text from a body (the reader's
    documents): keeping the other body of an article both teammates refreshed needs it, to
    find the marks again in that text."""
    if keep not in KEEPS:
        raise GlossatorError(f"keep 'current' or 'other', not {keep!r}")
    with library.writing("glossator conflicts"):
        record = _current_record(library, conflict)
        entries = entries_of(record)
        key = canonical_text(conflict.entry)
        remaining = [e for e in entries if canonical_text(e) != key]
        if len(remaining) == len(entries):
            raise NotFoundError(f"the conflict {conflict.ref} was settled already")
        if keep == "other" and conflict.field == DELETED:
            return _delete(library, conflict)
        if keep == "other" and (conflict.table, conflict.field) == ("articles", "body"):
            return _take_other_body(library, conflict, text_of)
        if keep == "other":
            _take_other(record, conflict)
            if conflict.table == "actors":
                _refuse_a_shared_name(library, record)
        if remaining:
            record[CONFLICTS] = remaining
        else:
            record.pop(CONFLICTS, None)
        _save(library, conflict.table, record)
    chosen = "the current value" if keep == "current" else "the other value"
    return f"{_what(conflict)}: {conflict.field} settled, {chosen} kept"


# -- reading -------------------------------------------------------------------------------

def _of_record(table: str, record: dict[str, Any], article: str, label: str) -> list[Conflict]:
    entries = entries_of(record)
    if not entries:
        return []
    record_id = str(record.get("id") or record.get("name") or "")
    short = _short(table, record_id)
    seen: dict[str, int] = {}
    found = []
    for entry in entries:
        name = str(entry.get("field", ""))
        seen[name] = seen.get(name, 0) + 1
        ref = f"{short}:{name}" + (f"#{seen[name]}" if seen[name] > 1 else "")
        covered = _fields(table, name)
        found.append(Conflict(table, record_id, article, label, copy.deepcopy(entry),
                              _current(record, name, covered), ref, covered))
    return found


def _fields(table: str, name: str) -> tuple[str, ...]:
    if name == DELETED:
        return ()
    return dict(rules_for(table).groups).get(name, (name,))


def _current(record: dict[str, Any], name: str, covered: tuple[str, ...]) -> Any:
    if name == DELETED:
        return False
    if covered != (name,):
        return {f: record[f] for f in covered if f in record}
    value = record.get(name, MISSING)
    return None if value is MISSING else copy.deepcopy(value)


def _short(table: str, record_id: str) -> str:
    if table in ("annotations", "actors") and len(record_id) == 36 and record_id.count("-") == 4:
        return record_id.replace("-", "")[:8]
    return record_id


def _excerpt(words: str, width: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= width else words[: width - 1] + "…"


def _what(conflict: Conflict) -> str:
    kind = {"annotations": "mark", "articles": "article", "actors": "actor", "tags": "tag"}
    return f"{kind.get(conflict.table, conflict.table)} {_short(conflict.table, conflict.record)}"


# -- changing ------------------------------------------------------------------------------

def _current_record(library: Library, conflict: Conflict) -> dict[str, Any]:
    """The record as it is on disk now (the lock is held)."""
    try:
        if conflict.table == "annotations":
            return library.annotation(conflict.article, conflict.record).to_record()
        if conflict.table == "articles":
            return library.article(conflict.record).to_record()
        if conflict.table == "actors":
            actor = library.actor(conflict.record)
            if actor is not None:
                return actor.to_record()
        if conflict.table == "tags":
            tag = library.tag(conflict.record)
            if tag is not None:
                return tag.to_record()
    except NotFoundError:
        pass
    raise NotFoundError(f"{_what(conflict)} is gone; its conflict went with it")


def _take_other(record: dict[str, Any], conflict: Conflict) -> None:
    value = conflict.entry.get("value", MISSING)
    if len(conflict.fields) == 1 and conflict.fields[0] == conflict.field:
        if value is MISSING:
            record.pop(conflict.field, None)
        else:
            record[conflict.field] = copy.deepcopy(value)
        return
    values = value if isinstance(value, dict) else {}
    for name in conflict.fields:  # a group: every field of it from the other side
        if name in values:
            record[name] = copy.deepcopy(values[name])
        else:
            record.pop(name, None)


def _refuse_a_shared_name(library: Library, record: dict[str, Any]) -> None:
    """An actor's other value that would give it a name another actor answers to (the
    repair set an alias aside for that very reason) is refused, in one line."""
    from annotations.library_changes.actor_records import other_actor_named

    actor = Actor.from_record(record)
    for shared in actor.names():
        # The library stands in for a draft: all the lookup reads is its actors.
        other = other_actor_named(library, shared, besides=actor.id)
        if other is not None:
            raise GlossatorError(f"{shared!r} is {other.name!r}'s name or alias too, so "
                                 f"{actor.name!r} cannot have it back; keep the current value, "
                                 "or make them one actor with `glossator actors merge`")


def _save(library: Library, table: str, record: dict[str, Any]) -> None:
    if table == "annotations":
        library.save_annotation(Annotation.from_record(record), touch=True)
    elif table == "articles":
        library.update_article(Article.from_record(record))
    elif table == "actors":
        library.save_actor(Actor.from_record(record))
    else:
        library.save_tag(Tag.from_record(record))


def _delete(library: Library, conflict: Conflict) -> str:
    """Keep the deletion a teammate made (the lock is held)."""
    if conflict.table == "annotations":
        library.delete_annotation(conflict.article, conflict.record)
    elif conflict.table == "articles":
        library.remove_article(conflict.record)
    else:
        users = sum(1 for _ in _marks_naming(library, conflict))
        if users:
            raise GlossatorError(f"{_what(conflict)} is still used by {users} mark(s); keep it, "
                                 "or merge it into another first")
        _drop(library, conflict)
    by = str(conflict.entry.get("author") or "")
    return f"{_what(conflict)}: deleted, as {by or 'the teammate who deleted it'} had it"


def _take_other_body(library: Library, conflict: Conflict, text_of: TextOf | None) -> str:
    """Make the body the merge set aside the article's text again (the lock is held)."""
    import hashlib

    from annotations.refreshing import refresh_article
    from annotations.versions import VERSIONS_FOLDER, versions

    article = library.article(conflict.record)
    other = conflict.other if isinstance(conflict.other, dict) else {}
    wanted = other.get("content_hash")
    version = next((v for v in versions(library, article.id) if v.content_hash == wanted), None)
    if version is None:
        raise GlossatorError(f"{_what(conflict)}: no version of it holds the other text (a "
                             "merge of an older glossator did not keep it); `glossator refresh "
                             f"{article.id} SOURCE` reads it again from its source"
                             + (f" ({other['source']})" if other.get("source") else ""))
    if text_of is None:
        raise GlossatorError(f"{_what(conflict)}: the other text is version {version.number}; "
                             f"take it back with `glossator conflicts --resolve {conflict.ref} "
                             "--keep other`")
    try:
        body = (library.article_folder(article.id) / VERSIONS_FOLDER / version.file).read_bytes()
        current = library.body_path(article).read_bytes()
    except OSError as error:
        raise GlossatorError(f"{_what(conflict)}: version {version.number} cannot be read "
                             f"({error.strerror}); run `glossator doctor`") from None
    if hashlib.sha256(body).hexdigest() != wanted:
        raise GlossatorError(f"{_what(conflict)}: version {version.number} is not the text it "
                             "was kept as; run `glossator doctor`")
    record = {**article.to_record(), "format": version.format}
    text, places = text_of(body, record)
    old_text, _ = text_of(current, article.to_record())
    report = refresh_article(library, article, body.decode("utf-8"), version.format, text,
                             hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                             places, old_text, source=version.source)
    settled = library.article(article.id).to_record()
    key = canonical_text(conflict.entry)
    remaining = [e for e in entries_of(settled) if canonical_text(e) != key]
    if remaining:
        settled[CONFLICTS] = remaining
    else:
        settled.pop(CONFLICTS, None)
    library.update_article(Article.from_record(settled))
    kept = f"; the text it replaces is version {report.version.number}" if report.version else ""
    return (f"{_what(conflict)}: body settled, the other text kept (version {version.number}, "
            f"read from {version.source or 'its source'}){kept}; its marks: {report.summary()}")


def _marks_naming(library: Library, conflict: Conflict) -> Iterator[Annotation]:
    for mark in library.all_annotations():
        named = (mark.speaker, mark.actor) if conflict.table == "actors" else \
            (mark.kind, *mark.tags)
        if conflict.record in named:
            yield mark


def _drop(library: Library, conflict: Conflict) -> None:
    name, table = ("actors.json", "actors") if conflict.table == "actors" else \
        ("codebook.json", "tags")
    path = library.folder / name
    data = load_json(path) or {}
    data.get(table, {}).pop(conflict.record, None)
    with library.transaction(f"glossator conflicts: delete {_what(conflict)}") as change:
        change.write(path, database_bytes(data))
