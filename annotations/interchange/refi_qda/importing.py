"""`glossator import PROJECT.qdpx`: a REFI-QDA project's codings become marks.

The project is read and checked whole first (reading.py): a damaged or unsafe file is
refused before the library is touched. Then, source by source:

- the source goes into an article: `--article`, or the one it is (by our export's kept
  record, its text, or its address; a title alone never decides), or a new one
  (articles.py);
- each PlainTextSelection becomes a mark. Its codes give the kind and tags: a code named
  claim, actor or question is the kind (nested codes are tags `parent/child`); with none
  of those, the first code is the kind (a mark of that tag) and the rest are its tags; a
  selection with no code at all (a memo on a passage) is of the default kind. Its
  Description is the note, its creating user the author, a Case it belongs to the
  speaker (or, for an actor mark, the actor; an actor mark in no Case names its actor by
  its words, found or made as interchange/actors.py does for every import). What our own
  export kept in Notes comes back on top: status, answer, and every other field;
- each mark is placed in the article's text in issue 9's order (placing.place): exact at
  the source's offsets, else where its words are, else fuzzily, else kept as an orphan;
- a mark already there (the same id; or, from an earlier import or made here, the same
  quote, note, kind and tags, Hypothesis' rule) is skipped;
- the article's marks, the actors and tags they bring, go in one transaction
  (committing.py): all or nothing per article. A new article whose marks cannot be
  written is removed again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotations.interchange.actors import Actors
from annotations.interchange.committing import commit_article_import
from annotations.interchange.placing import place
from annotations.interchange.refi_qda.articles import (
    ArticleIndex,
    add_source_article,
    kept_article,
    text_hash,
)
from annotations.interchange.refi_qda.kept import kept_data
from annotations.interchange.refi_qda.parsed import Project, Selection, Source
from annotations.interchange.refi_qda.reading import read_project
from annotations.interchange.refi_qda.xmltext import is_datetime
from annotations.interchange.report import ImportReport
from annotations.model import (
    ACTOR,
    ACTOR_TYPES,
    BUILTIN_KINDS,
    SELECTOR_CONTEXT,
    Actor,
    Annotation,
    Article,
    Tag,
    new_id,
    now_iso,
)
from annotations.places import as_places
from annotations.store import Library

TextOf = Callable[[Article], tuple[str, Any]]
FORMAT = "REFI-QDA project"


def import_project(library: Library, path: Path, text_of: TextOf, article_id: str | None = None,
                   default_kind: str = "claim") -> ImportReport:
    """Import the project at `path` into `library`; `article_id` puts every source's marks
    into that article."""
    project = read_project(path)
    return _Import(library, project, text_of, article_id, default_kind).run()


def our_name(name: str) -> str:
    """A code's tag name, its root spelled as our kind when it names one ("Claim" → claim)."""
    root, slash, rest = name.partition("/")
    return (root.casefold() if root.casefold() in BUILTIN_KINDS else root) + slash + rest


class _Import:
    def __init__(self, library: Library, project: Project, text_of: TextOf,
                 article_id: str | None, default_kind: str) -> None:
        self.library = library
        self.project = project
        self.text_of = text_of
        self.target = library.article(article_id) if article_id else None
        self.default_kind = default_kind
        self.report = ImportReport(FORMAT, skipped=list(project.skipped), notes=list(project.read_outside))
        self.tag_of = {g: our_name(c.name) for g, c in project.codes.items()
                       if c.codable and g not in project.cases}
        self.case_of: dict[str, str] = {}
        for case in project.cases.values():
            for selection in case.selections:
                self.case_of.setdefault(selection, case.guid)
        self.kept = {g: kept_data(n.text) for g, n in project.notes.items()}
        self.actor_ids: dict[str, str] = {}
        """Case GUID → the id of the actor it became."""
        self.actors = Actors(library)
        """The library's actors, and those this import adds until they are committed."""
        # The codebook's tags, looked up once: a project names hundreds.
        self.tag_names = {t.name for t in library.codebook()}
        self.new_tags: dict[str, Tag] = self._tags_to_add()
        self.ids_seen: set[str] = set()
        self.empty = 0

    def run(self) -> ImportReport:
        articles = self.library.articles()
        self.citekeys = {a.citekey for a in articles}
        index = None if self.target else ArticleIndex(articles, self.text_of)
        for source in self.project.sources:
            self._import_source(source, index)
        if self.empty:
            self.report.skipped.append(f"skipped {self.empty} empty selection(s): they mark no words")
        return self.report

    # -- one source, one article -----------------------------------------------------------

    def _import_source(self, source: Source, index: ArticleIndex | None) -> None:
        kept = next((d for g in source.notes if (d := self.kept.get(g)) and "article" in d), None)
        record = kept.get("article") if kept else None
        body = kept.get("body") if kept and isinstance(kept.get("body"), str) else None
        marks = [self._mark(selection, source) for selection in source.selections
                 if selection.end > selection.start or self._count_empty()]
        orphans = [o for g in source.notes if (o := self._orphan(self.kept.get(g)))]
        article = self.target or (index.match(source.text, record, source.name)
                                  if index else None)
        created = article is None
        if article is None:
            article = add_source_article(self.library, source.text, source.name,
                                         kept_article(record), body, self.citekeys)
            self.report.added.append(article.id)
        try:
            text, places = self.text_of(article)
            chosen = self._placed(article, text, as_places(places), marks) + \
                self._kept_orphans(article, orphans)
            if created:
                article.text_hash = text_hash(text)
            self._commit(article, chosen, article.text_hash if created else "")
        except BaseException:
            if created:
                self.library.remove_article(article.id)
                self.report.added.remove(article.id)
            raise

    def _count_empty(self) -> bool:
        self.empty += 1
        return False

    def _placed(self, article: Article, text: str, places: Any,
                marks: list[tuple[Annotation, Selection]]) -> list[Annotation]:
        existing = self.library.annotations(article.id)
        ids = {m.id for m in existing}
        keys = {_key(m) for m in existing}
        chosen = []
        for mark, selection in marks:
            mark.article = article.id
            if mark.id in ids:
                self.report.duplicates += 1
                continue
            outcome = place(mark, text, places, selection.start, selection.end)
            if _key(mark) in keys:
                self.report.duplicates += 1
                continue
            # Two marks of one project are two marks, however alike: only a mark already in
            # the article before this import makes one a duplicate by its content.
            ids.add(mark.id)
            if outcome.outcome == "exact":
                self.report.exact += 1
            elif outcome.outcome == "fuzzy":
                self.report.count_fuzzy(outcome.score)
            else:
                self.report.orphaned += 1
            chosen.append(mark)
        return chosen

    def _kept_orphans(self, article: Article, orphans: list[Annotation]) -> list[Annotation]:
        ids = {m.id for m in self.library.annotations(article.id)}
        chosen = []
        for orphan in orphans:
            if orphan.id in ids:
                self.report.duplicates += 1
                continue
            orphan.article = article.id
            self.report.orphaned += 1
            chosen.append(orphan)
        return chosen

    def _commit(self, article: Article, marks: list[Annotation], hash_: str) -> None:
        named = {i for m in marks for i in (m.speaker, m.actor) if i}
        actors = [a for a in self.actors.pending if a.id in named]
        used = {n for m in marks for n in (m.kind, *m.tags)}
        tags = list(self.new_tags.values()) + [
            Tag(n) for n in sorted(used)
            if n not in self.tag_names and n not in self.new_tags]
        if marks:
            commit_article_import(self.library, article, marks, actors, tags, text_hash=hash_)
        elif hash_:
            current = self.library.article(article.id)
            current.text_hash = hash_
            self.library.update_article(current)
        if marks:
            committed = {a.id for a in actors}
            self.actors.pending = [a for a in self.actors.pending if a.id not in committed]
            self.tag_names.update(t.name for t in tags)
            self.new_tags = {}
            self.report.articles[article.id] = self.report.articles.get(article.id, 0) + len(marks)

    # -- marks -----------------------------------------------------------------------------

    def _mark(self, selection: Selection, source: Source) -> tuple[Annotation, Selection]:
        data = self._mark_data(selection)
        names = [self.tag_of[c] for c in selection.codes if c in self.tag_of]
        kind = data.get("kind") if isinstance(data.get("kind"), str) else None
        kind = kind or next((n for n in names if n in BUILTIN_KINDS), None) or \
            (names[0] if names else self.default_kind)
        tags = data.get("tags") if isinstance(data.get("tags"), list) else \
            [n for n in dict.fromkeys(names) if n != kind]
        text, start, end = source.text, selection.start, selection.end
        created = _date(data.get("created"), selection.created, now_iso())
        mark = Annotation(
            article="", kind=kind, exact=text[start:end], start=start, end=end,
            prefix=text[max(0, start - SELECTOR_CONTEXT):start],
            suffix=text[end:end + SELECTOR_CONTEXT],
            id=self._mark_id(data.get("id"), selection.guid),
            note=self._note(selection), tags=[str(t) for t in tags],
            author=self.project.users.get(selection.user, ""), created=created,
            updated=_date(data.get("updated"), selection.modified, created))
        case = self.case_of.get(selection.guid)
        if case:
            setattr(mark, "actor" if kind == ACTOR else "speaker", self._actor_id(case))
        elif kind == ACTOR and not isinstance(data.get("actor"), str):
            # Another tool codes a mention without a Case: its words name the actor.
            # (Our own export says which actor, if any, and _restore puts that back.)
            mark.actor = self.actors.mentioned(mark.exact)
        _restore(mark, data, self._actor_id)
        return mark, selection

    def _mark_id(self, kept: Any, guid: str) -> str:
        wanted = kept if isinstance(kept, str) and kept else guid
        chosen = wanted if wanted and wanted not in self.ids_seen else new_id()
        self.ids_seen.add(chosen)
        return chosen

    def _mark_data(self, selection: Selection) -> dict[str, Any]:
        for guid in selection.notes:
            data = self.kept.get(guid)
            if data is not None and "orphan" not in data and "article" not in data:
                return data
        return {}

    def _note(self, selection: Selection) -> str:
        """The selection's Description, then the text of any other tool's notes on it."""
        parts = [selection.description.strip()] if selection.description.strip() else []
        for guid in selection.notes:
            note = self.project.notes.get(guid)
            if note is not None and self.kept.get(guid) is None and note.text.strip():
                parts.append(note.text.strip())
        return "\n\n".join(parts)

    def _orphan(self, data: dict[str, Any] | None) -> Annotation | None:
        record = data.get("orphan") if data else None
        if not isinstance(record, dict):
            return None
        try:
            orphan = Annotation.from_record({**record, "article": ""})
        except (TypeError, ValueError):
            self.report.skipped.append("skipped an orphaned mark whose kept details are damaged")
            return None
        for key in ("speaker", "actor"):
            value = getattr(orphan, key)
            if isinstance(value, str) and value:
                setattr(orphan, key, self._actor_id(value))
        orphan.orphaned = True
        orphan.id = self._mark_id(orphan.id, "")
        return orphan

    # -- actors and tags -------------------------------------------------------------------

    def _actor_id(self, reference: str) -> str:
        """The actor a Case GUID stands for (found in the library or made for the import);
        any other reference (an actor our export could not name) as it is."""
        case = self.project.cases.get(reference)
        if case is None:
            return reference
        if case.guid in self.actor_ids:
            return self.actor_ids[case.guid]
        found = self.actors.known.get(case.guid) or self.actors.named(case.name)
        if found is None:
            found = _actor_of(case)
            self.actors.add(found)
        self.actor_ids[case.guid] = found.id
        return found.id

    def _tags_to_add(self) -> dict[str, Tag]:
        tags: dict[str, Tag] = {}
        for guid, name in self.tag_of.items():
            if name in self.tag_names or name in tags:
                continue
            code = self.project.codes[guid]
            tags[name] = Tag(name, code.colour, code.description)
        return tags


def _actor_of(case: Any) -> Actor:
    kind = case.values.get("Actor type", "").strip()
    aliases = [a.strip() for a in case.values.get("Aliases", "").split("\n") if a.strip()]
    added = case.values.get("Added", "")
    return Actor(name=case.name or "Unnamed actor", id=case.guid, aliases=aliases,
                 type=kind if kind in ACTOR_TYPES else "person", description=case.description,
                 **({"created": added} if is_datetime(added) else {}))


def _restore(mark: Annotation, data: dict[str, Any], actor_id: Callable[[str], str]) -> None:
    """Put back what our own export kept of a mark beyond the standard's fields."""
    if isinstance(data.get("status"), str) or data.get("status", "") is None:
        mark.status = data["status"]
    if isinstance(data.get("answer"), str):
        mark.answer = data["answer"]
    if isinstance(data.get("note"), str):
        mark.note = data["note"]
    for key in ("speaker", "actor"):
        if isinstance(data.get(key), str):
            setattr(mark, key, actor_id(data[key]))
    if isinstance(data.get("anchor_score"), int | float):
        mark.anchor_score = float(data["anchor_score"])
    if isinstance(data.get("history"), list):
        mark.history = list(data["history"])
    if isinstance(data.get("extra"), dict):
        mark.extra = dict(data["extra"])


def _date(kept: Any, given: str, fallback: str) -> str:
    if isinstance(kept, str) and kept:
        return kept
    return given if is_datetime(given) else fallback


def _key(mark: Annotation) -> tuple:
    """Hypothesis' rule for a duplicate: the same quote, text and tags."""
    return (mark.exact, mark.note, mark.kind, tuple(sorted(mark.tags)))
