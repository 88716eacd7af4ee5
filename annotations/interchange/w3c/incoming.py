"""What an import read from a file, before it knows which article each mark belongs to.

A reader (W3C JSON-LD, a Hypothesis export, Hypothesis API rows) turns each annotation it
can use into an `Incoming`: a mark not yet placed (kind, tags, note, author, dates, its id),
the page addresses it names, its quote and position hint, the actors it names. A reply
whose annotation the file lacks becomes a `LooseReply`: an earlier import may have brought
that annotation, and only the intake can look. What a reader cannot use it counts, by
reason, in `Batch.skipped`; the intake does the rest.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from annotations.interchange.w3c.ranges import TextRange
from annotations.interchange.w3c.vocabulary import NAMESPACE
from annotations.model import BUILTIN_KINDS, Annotation, new_id, now_iso


@dataclass
class AgentRef:
    """An actor as a file names it: by id when the file is ours, else by name."""

    id: str = ""
    name: str = ""
    type: str = "person"
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    created: str = ""
    """When the actor was made, as our own export says ("": now, if the import makes it)."""


@dataclass
class Incoming:
    mark: Annotation
    """Kind, quote, tags, note, author, dates and id are set; article and offsets are not."""
    addresses: list[str]
    """The page's addresses as the file gives them, best first."""
    title: str = ""
    start: int | None = None
    end: int | None = None
    """The other tool's position of the quote: a hint, not a promise."""
    utf16: bool = False
    """Whether `start`/`end` count UTF-16 code units (Hypothesis) rather than code points."""
    text_range: TextRange | None = None
    """A RangeSelector with words at an end, to be found in the article's text when there
    is no `start`/`end` (ranges.py)."""
    ours: bool = False
    """Read from a glossator export: its id is the mark's own, and an orphan stays one."""
    their_key: str = ""
    """Another tool's name for it (`their_key`): the mark's id is made from it and the
    article's, once the article is known."""
    speaker: AgentRef | None = None
    actor: AgentRef | None = None
    own_note: str | None = None
    """The annotation's own text when the mark's note holds more (Hypothesis replies
    folded in): what makes two copies of one annotation duplicates. None: the note."""
    replies: list[tuple[str, str]] = field(default_factory=list)
    """The replies folded into the note, as (when, quoted paragraph), oldest first."""
    own_updated: str = ""
    """When the annotation itself was last edited, its replies aside ("": `mark.updated`):
    what says whether its text is newer than a change made in glossator."""

    @property
    def edited(self) -> str:
        return self.own_updated or self.mark.updated

    @property
    def duplicate_note(self) -> str:
        return self.mark.note if self.own_note is None else self.own_note

    def join_replies(self, other: Incoming) -> None:
        """Take into this mark's note the replies a duplicate of it carries that it lacks."""
        new = [reply for reply in other.replies if reply not in self.replies]
        if not new:
            return
        self.replies = sorted([*self.replies, *new])
        self.mark.note = note_with_replies(self.duplicate_note, [r for _, r in self.replies])
        self.mark.updated = max(self.mark.updated, other.mark.updated)


@dataclass
class LooseReply:
    """A reply to an annotation that is not in the file (a newer export, filtered, or one
    thread's answers alone): it joins the note of the mark an earlier import made of that
    annotation, when there is one."""

    addresses: list[str]
    """The page's addresses, as for an `Incoming`."""
    parent_key: str
    """`their_key` of the annotation its thread starts from."""
    reply: tuple[str, str]
    """(what it sorts by, the quoted paragraph with its author and date), as in
    `Incoming.replies`."""
    updated: str


@dataclass
class Batch:
    format: str
    """What the file was read as, for the report's first line."""
    incoming: list[Incoming] = field(default_factory=list)
    replies: list[LooseReply] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    """Why annotations were not taken (one line each in the report) → how many."""
    notes: list[str] = field(default_factory=list)
    """Other lines for the report: what the file points to but does not hold."""
    seen: int = 0
    """Annotations the file holds, used or not."""
    other_kinds: Counter[str] = field(default_factory=Counter)
    """Kind tags left out of annotations tagged with more than one kind → how many."""

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def lines(self) -> list[str]:
        kinds = ""
        if self.other_kinds:
            left = ", ".join(sorted(self.other_kinds))
            kinds = (f"{self.other_kinds.total()} kind tag(s) left out ({left}): an annotation "
                     "tagged with more than one kind is of the first it names")
        return [*(f"{count} annotation(s) skipped: {reason}" for reason, count in self.skipped.items()),
                *self.notes, *([kinds] if kinds else [])]


REPLY_HEAD = re.compile(r"> \*\*.*?\*\* \(\d{4}-\d{2}-\d{2}\):")
"""How a reply folded into a note begins: `> **kofi@hypothes.is** (2026-03-02): `."""


def without_replies(note: str) -> str:
    """A note as the annotation itself wrote it: the replies an import folded in after it
    (quoted paragraphs, each beginning with its author and date) taken off."""
    return split_replies(note)[0]


def split_replies(note: str) -> tuple[str, list[str]]:
    """The annotation's own text, and the replies an import folded in after it, a quoted
    paragraph each."""
    parts = note.split("\n\n")
    own = len(parts)
    while own and REPLY_HEAD.match(parts[own - 1]) and all(
            line.startswith(">") for line in parts[own - 1].split("\n")):
        own -= 1
    return "\n\n".join(parts[:own]), parts[own:]


def note_with_replies(own: str, replies: list[str]) -> str:
    """The annotation's own text, then its replies: the note an import writes."""
    return "\n\n".join([*([own.strip()] if own.strip() else []), *replies])


_IMPORTED = uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE + "imported")


def their_key(tool: str, their_id: object) -> str:
    """What names another tool's annotation ("hypothesis Ab3dEf"), "" when it has no id."""
    return f"{tool} {their_id.strip()}" if isinstance(their_id, str) and their_id.strip() else ""


def imported_id(key: str, article_id: str) -> str:
    """The mark id for another tool's annotation (`their_key`) in an article: the same
    every time it is imported there (so importing a file twice brings nothing new), new
    when it has no id."""
    return str(uuid.uuid5(_IMPORTED, f"{key} in {article_id}")) if key else new_id()


def clean_tag(tag: object) -> str:
    """A tag as the codebook keeps it: words single-spaced, `/` between levels, no empty
    level ("actor / government/" → "actor/government"); "" for what is no tag."""
    if not isinstance(tag, str):
        return ""
    levels = (" ".join(level.split()) for level in tag.split("/"))
    return "/".join(level for level in levels if level)


def kind_and_tags(tags: Iterable[object], default_kind: str, fallback: str | None = None
                  ) -> tuple[str, list[str], list[str]]:
    """The mark's kind, its other tags, and the kind tags left out.

    The first tag naming a built-in kind (claim, actor, question, any case) sets it: the
    tag the annotator wrote first, as Hypothesis keeps them in order. Other tags naming a
    kind are left out (a mark is of one kind, and a tag "claim" on a question would be
    read as the kind on the next export): they are returned, for the report to say.
    With no such tag: `fallback` (what the annotation's motivation says), else
    `default_kind`."""
    kind, kept, dropped = None, [], []
    for tag in tags:
        name = clean_tag(tag)
        if not name:
            continue
        if name.casefold() in BUILTIN_KINDS:
            if kind is None:
                kind = name.casefold()
            elif name.casefold() != kind:
                dropped.append(name.casefold())
            continue
        if name not in kept:
            kept.append(name)
    kind = kind or fallback or default_kind
    return kind, [t for t in kept if t != kind], dropped


def timestamp(value: object) -> str:
    """An ISO 8601 time from another tool ("2026-03-01T10:15:30.123456+00:00") as glossator
    writes times: UTC, to the second, with a `Z`; now when there is none or it is garbage."""
    if not isinstance(value, str) or not value.strip():
        return now_iso()
    try:
        moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return now_iso()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def author_of_account(user: object) -> str:
    """`acct:orla@hypothes.is` → `orla@hypothes.is`: the account without its URI scheme. The
    host stays: names on two annotation servers are two people."""
    if not isinstance(user, str):
        return ""
    user = " ".join(user.split())
    return user[len("acct:"):] if user.lower().startswith("acct:") else user


def position(start: object, end: object) -> tuple[int | None, int | None]:
    """A position selector's offsets when they make a span (whole, 0 ≤ start ≤ end)."""
    if type(start) is int and type(end) is int and 0 <= start <= end:
        return start, end
    return None, None


EMPTY_QUOTE = "their quote is empty, and they have no position to find words by"
NOT_NUMBERS = ("they have no quote, and their position is not two whole numbers (its start "
               "or end is missing, or not a number)")
NEGATIVE = "they have no quote, and their position is negative (a start or end below 0)"
REVERSED = "they have no quote, and their position is reversed (its start is after its end)"
COLLAPSED = "they have no quote, and their position selects no text (its start is its end)"


def wordless_position(start: object, end: object) -> str | None:
    """Why a position alone, with no quote, names no words whatever the article's text
    (a reason for the report), or None when it may: whether it lies in the text is for
    the intake to see."""
    if type(start) is not int or type(end) is not int:
        return NOT_NUMBERS
    if start < 0 or end < 0:
        return NEGATIVE
    if start > end:
        return REVERSED
    return COLLAPSED if start == end else None

