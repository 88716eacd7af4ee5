"""The annotation domain: articles, annotations, actors and the codebook.

Plain dataclasses with `to_record` / `from_record` so the store can keep them as JSON.
Every offset counts Unicode code points in the article text, 0-based, end exclusive.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

CLAIM = "claim"
ACTOR = "actor"
QUESTION = "question"
BUILTIN_KINDS: tuple[str, ...] = (CLAIM, ACTOR, QUESTION)

CLAIM_STATUSES: tuple[str, ...] = ("unverified", "supported", "disputed", "false")
QUESTION_STATUSES: tuple[str, ...] = ("open", "answered")
ACTOR_TYPES: tuple[str, ...] = ("person", "organisation", "place", "other")

SELECTOR_CONTEXT = 32
"""How many code points of prefix and suffix a quote selector keeps."""


def now_iso() -> str:
    """The current UTC time, to the second, as ISO 8601 with a `Z`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso_precise() -> str:
    """The current UTC time to the microsecond: for orders that must hold within a second
    (articles added one after another), which no file's record order can keep."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_id() -> str:
    return str(uuid.uuid4())


def default_status(kind: str) -> str | None:
    if kind == CLAIM:
        return CLAIM_STATUSES[0]
    if kind == QUESTION:
        return QUESTION_STATUSES[0]
    return None


def statuses_for(kind: str) -> tuple[str, ...]:
    if kind == CLAIM:
        return CLAIM_STATUSES
    if kind == QUESTION:
        return QUESTION_STATUSES
    return ()


def normalise_name(name: str) -> str:
    """A key that matches names regardless of case and spacing."""
    return " ".join(name.casefold().split())


class _Record:
    """`to_record` / `from_record` for the dataclasses below; unknown keys are kept.

    Hand-rolled rather than `dataclasses.asdict`, which deep-copies every value and
    costs ten times as much: a save of a 10,000-mark article converts every mark.
    """

    extra: dict[str, Any]
    _field_names: ClassVar[tuple[str, ...]] = ()
    _field_set: ClassVar[frozenset[str]] = frozenset()
    _field_types: ClassVar[dict[str, frozenset[type]]] = {}
    _required: ClassVar[frozenset[str]] = frozenset()
    _sound_shapes: ClassVar[set[tuple[tuple[str, ...], tuple[type, ...]]]] = set()
    _list_fields: ClassVar[tuple[str, ...] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._field_names = ()
        cls._field_set = frozenset()
        cls._field_types = {}
        cls._required = frozenset()
        cls._sound_shapes = set()
        cls._list_fields = None

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        if not cls._field_names:
            cls._field_names = tuple(f.name for f in fields(cls) if f.name != "extra")  # type: ignore[arg-type]
            cls._field_set = frozenset(cls._field_names)
        return cls._field_names

    @classmethod
    def _name_set(cls) -> frozenset[str]:
        cls._names()
        return cls._field_set

    @classmethod
    def record_problem(cls, record: Any) -> str:
        """What makes `record` not one of these, in a few words ("" when it is one): a
        file edited by hand or by another program must be refused with a clear line, not
        fail deep inside whatever reads it next."""
        if not isinstance(record, dict):
            return f"is {type(record).__name__}, not a record"
        cls._types()
        # Nearly every record of a file has one of a few shapes (the same keys, a status
        # or a score set or not): a shape found sound once is sound again, and looking it
        # up costs a tenth of checking each field, which 10,000 marks felt.
        shape = (tuple(record), tuple(map(type, record.values())))
        if shape in cls._sound_shapes:
            return ""
        wrong = cls._shape_problem(record)
        if not wrong and len(cls._sound_shapes) < _MOST_SOUND_SHAPES:
            cls._sound_shapes.add(shape)
        return wrong

    @classmethod
    def _shape_problem(cls, record: dict[str, Any]) -> str:
        missing = cls._required.difference(record)
        if missing:
            return f"has no {', '.join(sorted(missing))}"
        get = cls._field_types.get
        for key, value in record.items():
            allowed = get(key)
            if allowed is not None and type(value) not in allowed:
                return f"has a {key} of the wrong kind ({type(value).__name__})"
        return ""

    def to_record(self) -> dict[str, Any]:
        # The instance's own dict, copied: a third of the cost of reading each field by
        # name, which a save of 10,000 marks felt. Anything else set on the object (not a
        # field) would show up there, so then the fields are read one by one.
        record = self.__dict__.copy()
        extra = record.pop("extra", None)
        if len(record) != len(self._names()):
            record = {name: getattr(self, name) for name in self._field_names}
        for name in self._list_names():
            value = record[name]
            if type(value) is list:
                record[name] = list(value)
        return {**extra, **record} if extra else record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Self:
        # The store hands out its cached records: copy every list (and whatever a newer
        # version kept in `extra`), or changing a loaded object would change the cache
        # and reach the disk with the next unrelated save.
        names = cls._name_set()
        if len(record) == len(names) and record.keys() <= names:
            return cls._from_whole_record(record)
        known = {k: list(v) if type(v) is list else v for k, v in record.items() if k in names}
        if len(known) == len(record):
            return cls(**known, extra={})
        extra = {k: copy.deepcopy(v) for k, v in record.items() if k not in names}
        return cls(**known, extra=extra)

    @classmethod
    def _from_whole_record(cls, record: dict[str, Any]) -> Self:
        """A record with every field and nothing else (what the store writes), made into
        an object without the dataclass's `__init__`: filling its dict directly costs a
        third, which opening or refreshing an article of 10,000 marks feels."""
        made = cls.__new__(cls)
        state = dict(record)
        for name in cls._list_names():
            value = state[name]
            if type(value) is list:
                state[name] = list(value)
        state["extra"] = {}
        made.__dict__ = state
        post_init = getattr(cls, "__post_init__", None)
        if post_init is not None:
            post_init(made)
        return made

    @classmethod
    def _list_names(cls) -> tuple[str, ...]:
        """The fields that may hold a list (each copied when a record is read)."""
        if cls._list_fields is None:
            cls._list_fields = tuple(name for name, allowed in cls._types().items()
                                     if list in allowed)
        return cls._list_fields

    @classmethod
    def _types(cls) -> dict[str, frozenset[type]]:
        """The types each field may hold (and, alongside, the required fields), read once
        from the annotations."""
        if not cls._field_types:
            cls._field_types, cls._required = _shape_of(cls)  # type: ignore[arg-type]
        return cls._field_types


_MOST_SOUND_SHAPES = 512
"""How many sound record shapes each model remembers (see `record_problem`)."""

_TYPE_NAMES: dict[str, tuple[type, ...]] = {
    "str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
    "list": (list,), "dict": (dict,), "None": (type(None),),
}


def _shape_of(cls: type) -> tuple[dict[str, frozenset[type]], frozenset[str]]:
    """The Python types each field may hold, read from its annotation ("str | None",
    "list[str]"), and the fields without a default."""
    from dataclasses import MISSING

    types: dict[str, frozenset[type]] = {}
    required = set()
    for item in fields(cls):
        if item.name == "extra":
            continue
        allowed: tuple[type, ...] = ()
        for part in str(item.type).split("|"):
            allowed += _TYPE_NAMES.get(part.strip().split("[")[0], ())
        if allowed:
            types[item.name] = frozenset(allowed)
        if item.default is MISSING and item.default_factory is MISSING:
            required.add(item.name)
    return types, frozenset(required)


@dataclass
class Article(_Record):
    """One document in the library: its metadata. The body lives in the library too."""

    id: str
    title: str
    authors: list[str] = field(default_factory=list)
    site: str = ""
    published: str = ""
    url: str = ""
    accessed: str = ""
    language: str = ""
    tags: list[str] = field(default_factory=list)
    """The user's own tags (`--tag`, the TUI); never taken from the source."""
    keywords: list[str] = field(default_factory=list)
    """The source's own subject keywords (a page's meta keywords, a PDF's Keywords)."""
    citekey: str = ""
    type: str = ""
    """What the work is, for citation styles (annotations/metadata.py, ARTICLE_TYPES);
    `news` when empty."""
    doi: str = ""
    """The DOI alone, without `https://doi.org/`: `10.1234/abcd`."""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    """The work's page range in its container: `112–130` for a journal article."""
    publisher: str = ""
    """Publisher, or the institution that issued a report."""
    place: str = ""
    """Where the publisher is."""
    edition: str = ""
    number: str = ""
    """A report's number."""
    editors: list[str] = field(default_factory=list)
    """A book's (or, for a chapter, the containing book's) editors."""
    page_offset: int | None = None
    """For paged sources: printed page = PDF page number + this; None to use the page
    numbers found in the source."""
    format: str = "markdown"
    """How the body is written: `markdown`, `text`, `pages` (a PDF's text, page by page,
    as JSON) or `chapters` (an EPUB's text as Markdown, a level-1 heading per chapter)."""
    source: str = ""
    """Where the body came from: an absolute path or a URL."""
    content_hash: str = ""
    """SHA-256 of the body, so adding the same source twice is noticed."""
    text_hash: str = ""
    """SHA-256 of the article text the annotations were anchored in."""
    added: str = field(default_factory=now_iso_precise)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> str:
        return self.published[:4] if self.published[:4].isdigit() else ""


@dataclass
class Annotation(_Record):
    """A marked span of one article."""

    article: str
    kind: str
    exact: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""
    paragraph: int = 0
    """1-based number of the paragraph the span starts in (within its chapter, for a
    source in chapters); 0 when unknown."""
    page: str = ""
    """For paged sources: the printed label of the page the span starts on."""
    page_end: str = ""
    """The page it ends on, when that is another page."""
    chapter: str = ""
    """For sources in chapters: the chapter the span starts in ("Chapter 3", "Preface")."""
    id: str = field(default_factory=new_id)
    note: str = ""
    tags: list[str] = field(default_factory=list)
    speaker: str = ""
    """For claims: the id of the actor who made the claim."""
    actor: str = ""
    """For actor mentions: the id of the actor mentioned."""
    status: str | None = None
    answer: str = ""
    author: str = ""
    created: str = field(default_factory=now_iso)
    updated: str = ""
    orphaned: bool = False
    """Its words are no longer in the article: kept, listed, re-attachable; never deleted."""
    anchor_score: float | None = None
    """How sure the last re-anchoring was, 0–1, when it found the words only approximately
    (a fuzzy match); None when they were found exactly."""
    history: list[dict[str, Any]] = field(default_factory=list)
    """Earlier quotes and places of the mark, newest last: {"at", "quote", "start", "end",
    "why"} with why one of "refresh", "reattach", "repair"."""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status is None:
            self.status = default_status(self.kind)
        if not self.updated:
            self.updated = self.created

    @property
    def origin(self) -> str:
        """How the mark was made: "" by hand, "suggested" (a suggestion the reader
        accepted), "imported" (from another tool). Kept in `extra` under "origin", so
        records written before it existed read the same."""
        return str(self.extra.get("origin", "") or "")

    @property
    def short_id(self) -> str:
        return self.id.replace("-", "")[:8]

    @property
    def block_id(self) -> str:
        """A stable Obsidian block id for notes: `gl-` and the first 8 hex digits."""
        return f"gl-{self.short_id}"


@dataclass
class Actor(_Record):
    """A person or organisation, across the library."""

    name: str
    id: str = field(default_factory=new_id)
    aliases: list[str] = field(default_factory=list)
    type: str = "person"
    description: str = ""
    created: str = field(default_factory=now_iso)
    extra: dict[str, Any] = field(default_factory=dict)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def answers_to(self, name: str) -> bool:
        key = normalise_name(name)
        return any(normalise_name(n) == key for n in self.names())


@dataclass
class Tag(_Record):
    """One entry of the codebook. Hierarchical by `/`: `actor/government`."""

    name: str
    colour: str = ""
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def builtin(self) -> bool:
        return self.name in BUILTIN_KINDS

    @property
    def parent(self) -> str:
        return self.name.rpartition("/")[0]


BUILTIN_TAGS: tuple[Tag, ...] = (
    Tag(CLAIM, "#e0a030", "A statement of fact that can be checked."),
    Tag(ACTOR, "#40a0e0", "A person or organisation mentioned."),
    Tag(QUESTION, "#c060d0", "Something still to find out."),
)


def section_title(kind: str) -> str:
    """How a kind is headed in notes and in the annotation pane."""
    return {CLAIM: "Claims", ACTOR: "Actors", QUESTION: "Open questions"}.get(kind, kind)
