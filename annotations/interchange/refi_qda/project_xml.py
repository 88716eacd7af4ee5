"""The .qde of an export: glossator's articles, marks, actors and codebook as QDA-XML 1.0.

Written as text in the schema's element order (Users, CodeBook, Variables, Cases,
Sources, Notes); `tests/test_refi_qda.py` validates it against the published Project.xsd.
Where each of our things goes is in this package's docstring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from annotations.anchoring import relocate
from annotations.interchange.refi_qda import xmltext
from annotations.interchange.refi_qda.codes import code_guid, code_tree, codebook_xml
from annotations.interchange.refi_qda.guids import derived_guid, guid_for_id, named_guid
from annotations.interchange.refi_qda.kept import (
    ARTICLE_NOTE,
    MARK_NOTE,
    ORPHAN_NOTE,
    kept_text,
    readable_value,
)
from annotations.model import ACTOR, BUILTIN_KINDS, Actor, Annotation, Article, Tag, default_status
from annotations.textsafety import excerpt

NAMESPACE = "urn:QDA-XML:project:1.0"
EPOCH = "1970-01-01T00:00:00Z"
"""A Note's date when its mark's own is unusable: QualCoder cannot read a Note without one."""

SOURCE_VARIABLES = ("Authors", "Site", "Published", "URL")
"""Article details other tools show beside a source (its attributes in QualCoder)."""
ACTOR_TYPE, ALIASES, ADDED = "Actor type", "Aliases", "Added"
"""An actor's details, as the variables of its Case."""


@dataclass
class ExportedArticle:
    article: Article
    text: str
    """The article text as the source file holds it."""
    marks: list[Annotation]
    body: str | None = None
    """The body as stored, to restore the article whole on import; None to leave it out."""
    selections: list[Annotation] = field(default_factory=list)
    orphans: list[Annotation] = field(default_factory=list)

    @cached_property
    def guid(self) -> str:
        return derived_guid("article", self.article.id)

    def sort_marks(self) -> None:
        """Selections: the marks whose words are at their offsets (or found again nearby,
        when the text changed since they were placed); orphans: the rest."""
        for mark in self.marks:
            (self.selections if _placed(mark, self.text) else self.orphans).append(mark)


def _placed(mark: Annotation, text: str) -> bool:
    if mark.orphaned or not mark.exact:
        return False
    if 0 <= mark.start < mark.end <= len(text) and text[mark.start:mark.end] == mark.exact:
        return True
    span = relocate(text, mark.exact, mark.prefix, mark.suffix, mark.start)
    if span is None or span[0] >= span[1]:
        return False
    mark.start, mark.end = span
    mark.exact = text[mark.start:mark.end]
    return True


def mark_guid(mark: Annotation) -> str:
    return guid_for_id("mark", mark.id)


def actor_guid(actor_id: str) -> str:
    return guid_for_id("actor", actor_id)


def user_guid(name: str) -> str:
    return named_guid("user", name)


def variable_guid(name: str) -> str:
    return named_guid("variable", name)


def project_xml(name: str, exported: Sequence[ExportedArticle], actors: dict[str, Actor],
                codebook: Sequence[Tag]) -> str:
    for item in exported:
        item.sort_marks()
    return _Project(name, exported, actors, codebook).xml()


class _Project:
    def __init__(self, name: str, exported: Sequence[ExportedArticle], actors: dict[str, Actor],
                 codebook: Sequence[Tag]) -> None:
        self.name = name
        self.exported = exported
        self.actors = actors
        self.codebook = codebook
        self.marks = [m for item in exported for m in (*item.selections, *item.orphans)]
        self.users = sorted({m.author for m in self.marks if m.author})
        self.notes: list[str] = []
        # Actor id -> the sources and selections its Case refers to, in export order.
        self.case_sources: dict[str, list[str]] = {}
        self.case_selections: dict[str, list[str]] = {}
        for item in exported:
            for mark in (*item.selections, *item.orphans):
                for actor_id in (mark.speaker, mark.actor):
                    if actor_id in actors:
                        sources = self.case_sources.setdefault(actor_id, [])
                        if not sources or sources[-1] != item.guid:
                            sources.append(item.guid)
            for mark in item.selections:
                linked = self.case_link(mark)
                if linked:
                    self.case_selections.setdefault(linked, []).append(mark_guid(mark))

    def case_link(self, mark: Annotation) -> str:
        """The actor whose Case refers to this selection: the one an actor mark mentions,
        the one who made any other mark (its speaker)."""
        linked = mark.actor if mark.kind == ACTOR else mark.speaker
        return linked if linked in self.actors else ""

    def xml(self) -> str:
        origin = "glossator"
        creator = f' creatingUserGUID="{user_guid(self.users[0])}"' if self.users else ""
        parts = ['<?xml version="1.0" encoding="utf-8"?>\n',
                 f'<Project xmlns="{NAMESPACE}" name="{xmltext.attr(self.name)}" '
                 f'origin="{origin}"{creator}>']
        if self.users:
            parts.append("<Users>")
            parts += [f'<User guid="{user_guid(u)}" name="{xmltext.attr(u)}"/>' for u in self.users]
            parts.append("</Users>")
        used = {name for m in self.marks for name in (m.kind, *m.tags)}
        parts.append(codebook_xml(code_tree(self.codebook, used)))
        parts.append(self.variables_xml())
        parts.append(self.cases_xml())
        sources = [self.source_xml(item) for item in self.exported]
        if sources:
            parts += ["<Sources>", *sources, "</Sources>"]
        if self.notes:
            parts += ["<Notes>", *self.notes, "</Notes>"]
        parts.append("</Project>\n")
        return "".join(parts)

    # -- variables and cases -----------------------------------------------------------

    def variables_xml(self) -> str:
        names = [n for n in SOURCE_VARIABLES if any(_source_values(i.article).get(n)
                                                    for i in self.exported)]
        typed = [(n, "Text") for n in names]
        if self.case_sources:
            typed += [(ACTOR_TYPE, "Text"), (ALIASES, "Text"), (ADDED, "DateTime")]
        if not typed:
            return ""
        rows = "".join(f'<Variable guid="{variable_guid(n)}" name="{n}" typeOfVariable="{t}"/>'
                       for n, t in typed)
        return f"<Variables>{rows}</Variables>"

    def cases_xml(self) -> str:
        if not self.case_sources:
            return ""
        chosen = sorted(self.case_sources, key=lambda i: (self.actors[i].name.casefold(), i))
        return "<Cases>" + "".join(self.case_xml(self.actors[i]) for i in chosen) + "</Cases>"

    def case_xml(self, actor: Actor) -> str:
        parts = [f'<Case guid="{actor_guid(actor.id)}" name="{xmltext.attr(actor.name)}">']
        if actor.description:
            parts.append(f"<Description>{xmltext.text(actor.description)}</Description>")
        parts.append(_value(ACTOR_TYPE, actor.type))
        if actor.aliases:
            parts.append(_value(ALIASES, "\n".join(actor.aliases)))
        if xmltext.is_datetime(actor.created):
            parts.append(_value(ADDED, actor.created, "DateTimeValue"))
        parts += [f'<SourceRef targetGUID="{g}"/>' for g in self.case_sources[actor.id]]
        parts += [f'<SelectionRef targetGUID="{g}"/>' for g in self.case_selections.get(actor.id, ())]
        parts.append("</Case>")
        return "".join(parts)

    # -- sources and their selections ----------------------------------------------------

    def source_xml(self, item: ExportedArticle) -> str:
        article = item.article
        added = f' creationDateTime="{article.added}"' if xmltext.is_datetime(article.added) else ""
        parts = [f'<TextSource guid="{item.guid}" name="{xmltext.attr(article.title)}" '
                 f'plainTextPath="internal://{item.guid}.txt"{added}>']
        parts += [self.selection_xml(mark) for mark in item.selections]
        parts.append(f'<NoteRef targetGUID="{self.article_note(item)}"/>')
        parts += [f'<NoteRef targetGUID="{self.orphan_note(m)}"/>' for m in item.orphans]
        values = _source_values(article)
        parts += [_value(n, values[n]) for n in SOURCE_VARIABLES if values.get(n)]
        parts.append("</TextSource>")
        return "".join(parts)

    def selection_xml(self, mark: Annotation) -> str:
        user = user_guid(mark.author) if mark.author else ""
        by = f' creatingUser="{user}"' if user else ""
        created = f' creationDateTime="{mark.created}"' if xmltext.is_datetime(mark.created) else ""
        changed = ""
        if xmltext.is_datetime(mark.updated):
            changed = (f' modifyingUser="{user}"' if user else "") + \
                f' modifiedDateTime="{mark.updated}"'
        guid = mark_guid(mark)
        parts = [f'<PlainTextSelection guid="{guid}" name="{xmltext.attr(excerpt(mark.exact, 60))}" '
                 f'startPosition="{mark.start}" endPosition="{mark.end}"{by}{created}{changed}>']
        if mark.note:
            parts.append(f"<Description>{xmltext.text(mark.note)}</Description>")
        for tag in dict.fromkeys((mark.kind, *mark.tags)):
            parts.append(f'<Coding guid="{derived_guid("coding", f"{mark.id}:{tag}")}"{by}{created}>'
                         f'<CodeRef targetGUID="{code_guid(tag)}"/></Coding>')
        data = self.mark_data(mark)
        if data:
            note = derived_guid("note:mark", mark.id)
            self.add_note(note, MARK_NOTE, mark, self.mark_lines(mark, data), data)
            parts.append(f'<NoteRef targetGUID="{note}"/>')
        parts.append("</PlainTextSelection>")
        return "".join(parts)

    def mark_data(self, mark: Annotation) -> dict:
        """What of a placed mark the standard has no place for; empty for most marks."""
        data: dict = {}
        if mark_guid(mark) != mark.id:
            data["id"] = mark.id
        if mark.kind not in BUILTIN_KINDS and any(t in BUILTIN_KINDS for t in mark.tags):
            data["kind"] = mark.kind  # else an import would take the built-in tag for the kind
        if mark.status != default_status(mark.kind):
            data["status"] = mark.status
        if mark.answer:
            data["answer"] = mark.answer
        if xmltext.xml_safe(mark.note) != mark.note or mark.note != mark.note.strip():
            # Characters XML cannot hold, or space around it an import strips: the
            # Description loses them.
            data["note"] = mark.note
        linked = self.case_link(mark)
        for key in ("speaker", "actor"):
            value = getattr(mark, key)
            if value and value != linked:
                data[key] = actor_guid(value) if value in self.actors else value
        for key in ("created", "updated"):
            if not xmltext.is_datetime(getattr(mark, key)):
                data[key] = getattr(mark, key)
        if mark.tags != list(dict.fromkeys(t for t in mark.tags if t != mark.kind)):
            data["tags"] = mark.tags  # a repeated tag, or the kind again: kept as it was
        if mark.anchor_score is not None:
            data["anchor_score"] = mark.anchor_score
        if mark.history:
            data["history"] = mark.history
        if mark.extra:
            data["extra"] = mark.extra
        return data

    def mark_lines(self, mark: Annotation, data: dict) -> list[str]:
        lines = ["glossator keeps this mark's details here, for an import into glossator."]
        speaker = self.actors.get(mark.speaker)
        if mark.speaker:
            lines.append(f"Speaker: {speaker.name if speaker else mark.speaker}")
        if "status" in data:
            lines.append(f"Status: {mark.status}")
        if mark.answer:
            lines.append(f"Answer: {readable_value(mark.answer)}")
        origin = mark.extra.get("origin") if mark.extra else None
        if isinstance(origin, str) and origin:
            lines.append(f"Origin: {origin}")
        return lines

    # -- notes ---------------------------------------------------------------------------

    def add_note(self, guid: str, name: str, mark: Annotation | None, lines: list[str],
                 data: dict, date: str = "") -> None:
        user = user_guid(mark.author) if mark is not None and mark.author else ""
        by = f' creatingUser="{user}"' if user else ""
        date = mark.created if mark is not None else date
        date = date if xmltext.is_datetime(date) else EPOCH
        self.notes.append(f'<Note guid="{guid}" name="{name}"{by} creationDateTime="{date}">'
                          f"<PlainTextContent>{xmltext.text(kept_text(lines, data))}"
                          "</PlainTextContent></Note>")

    def article_note(self, item: ExportedArticle) -> str:
        guid = derived_guid("note:article", item.article.id)
        data: dict = {"article": item.article.to_record()}
        if item.body is not None:
            data["body"] = item.body
        lines = ["glossator keeps this article's details and its text as stored here, so that "
                 "importing the project into glossator restores the article as it was."]
        self.add_note(guid, ARTICLE_NOTE, None, lines, data, item.article.added)
        return guid

    def orphan_note(self, mark: Annotation) -> str:
        guid = derived_guid("note:orphan", mark.id)
        record = mark.to_record()
        record.pop("article", None)
        for key in ("speaker", "actor"):
            if record.get(key) in self.actors:
                record[key] = actor_guid(record[key])
        lines = [f"Orphaned {mark.kind} (its words are no longer in the article): "
                 f"\u201c{excerpt(mark.exact, 200)}\u201d"]
        if mark.note:
            lines.append(f"Note: {readable_value(mark.note)}")
        self.add_note(guid, ORPHAN_NOTE, mark, lines, {"orphan": record})
        return guid


def _source_values(article: Article) -> dict[str, str]:
    return {"Authors": "; ".join(article.authors), "Site": article.site,
            "Published": article.published, "URL": article.url}


def _value(variable: str, value: str, kind: str = "TextValue") -> str:
    return (f'<VariableValue><VariableRef targetGUID="{variable_guid(variable)}"/>'
            f"<{kind}>{xmltext.text(value)}</{kind}></VariableValue>")
