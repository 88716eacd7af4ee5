"""Hypothesis annotations → incoming marks: the client's export file, or API rows.

    export     {"export_date", "export_userid", "client_version", "annotations": [row…]}
    API rows   a JSON list of rows, the API's search answer {"total", "rows": [row…]},
               or JSON Lines, one row a line

A row: `uri`, `target` [{source, selector: [RangeSelector, TextPositionSelector,
TextQuoteSelector]}] (a target or a selector written as one object, not a list, is read
too), `text` (Markdown: the mark's note), `tags`, `user` (`acct:name@host`: the mark's
author, `name@host`), `created`, `updated`, `document` (`title` a string, a list, or
missing), `references` (set on replies).

How they come in:
- positions are UTF-16 code units of the page's text (`Incoming.utf16`): a hint;
- a reply (it has `references`, and no selector) joins the note of the annotation its
  thread starts from, as a quoted paragraph with its author and date, in the order they
  were written; a reply whose annotation is not in the file joins the mark an earlier
  import made of it, and is skipped and counted when there is none; a reply a mark's
  note already holds (the same author, date and text) is not added again;
- a page note (an annotation with no selector: the page, not a passage) is skipped and
  counted, with its replies: glossator marks passages;
- the mark's id is made from the Hypothesis id, so importing the file again adds nothing,
  and a newer export's edit of an annotation (its text, its tags) updates its mark;
  a duplicate by Hypothesis' own rule (the same quote, text and tags) is skipped too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from annotations.interchange.w3c.incoming import (
    EMPTY_QUOTE,
    AgentRef,
    Batch,
    Incoming,
    LooseReply,
    author_of_account,
    kind_and_tags,
    note_with_replies,
    position,
    their_key,
    timestamp,
    wordless_position,
)
from annotations.interchange.w3c.json_values import as_list, text_value
from annotations.model import ACTOR, Annotation

EXPORT = "Hypothesis export"
ROWS = "Hypothesis API rows"
PAGE_NOTES = "they are page notes (about the whole page, no quoted passage); glossator marks passages"
ORPHAN_REPLIES = ("they are replies to an annotation that is not in the file, and that no "
                  "earlier import brought")
NOT_A_ROW = "not a Hypothesis annotation (no uri, or no target)"


def is_export(data: Any) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("annotations"), list)
            and any(k in data for k in ("export_date", "export_userid", "client_version")))


def rows_of(data: Any) -> list | None:
    """The rows of API rows (a list, or a search answer), or None when `data` is not that."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list) and "total" in data:
        return data["rows"]
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data[:1]):
        first = data[0]
        if "uri" in first and ("target" in first or "text" in first) and "type" not in first:
            return data
    return None


def read_export(data: dict, default_kind: str) -> Batch:
    return read_rows(data["annotations"], default_kind, EXPORT)


def read_rows(rows: list, default_kind: str, format_name: str = ROWS) -> Batch:
    batch = Batch(format_name)
    batch.seen = len(rows)
    roots: list[dict] = []
    replies: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if not _is_row(row):
            batch.skip(NOT_A_ROW)
        elif _references(row):
            replies[_references(row)[0]].append(row)
        else:
            roots.append(row)
    ids = {row.get("id") for row in roots}
    for root_id, thread in replies.items():
        if root_id not in ids:
            batch.replies.extend(_loose(root_id, thread))
    for row in roots:
        thread = replies.get(row.get("id"), [])  # type: ignore[arg-type]
        why = _why_unusable(row)
        if why is not None:
            batch.skip(why, 1 + len(thread))
        else:
            batch.incoming.append(_incoming(row, thread, default_kind, batch))
    return batch


def _is_row(row: Any) -> bool:
    return isinstance(row, dict) and isinstance(row.get("uri"), str) and (
        "target" in row or _references(row))


def _references(row: dict) -> list[str]:
    found = row.get("references")
    return [r for r in found if isinstance(r, str)] if isinstance(found, list) else []


def _incoming(row: dict, thread: list[dict], default_kind: str, batch: Batch) -> Incoming:
    target = _target(row)
    quote = _selector(target, "TextQuoteSelector")
    where = _selector(target, "TextPositionSelector")
    quote = quote or {}
    start, end = position(where.get("start"), where.get("end")) if where else (None, None)
    tags = row.get("tags") if isinstance(row.get("tags"), list) else []
    kind, kept, dropped = kind_and_tags(tags, default_kind)
    batch.other_kinds.update(dropped)
    created = timestamp(row.get("created"))
    updated = max([timestamp(row.get("updated") or row.get("created")),
                   *(timestamp(r.get("updated") or r.get("created")) for r in thread)])
    own = text_value(row.get("text")).strip()
    replies = _replies(thread)
    mark = Annotation(
        article="", kind=kind, exact=text_value(quote.get("exact")), start=0, end=0,
        prefix=text_value(quote.get("prefix")), suffix=text_value(quote.get("suffix")),
        note=note_with_replies(own, [quoted for _, quoted in replies]), tags=kept,
        author=author_of_account(row.get("user")), created=created, updated=updated,
    )
    found = Incoming(mark, _addresses(row, target), title=_title(row), start=start, end=end,
                     utf16=True, their_key=their_key("hypothesis", row.get("id")),
                     own_note=own, replies=replies,
                     own_updated=timestamp(row.get("updated") or row.get("created")))
    if kind == ACTOR:
        found.actor = AgentRef()  # named after its words, once they are placed
    return found


def _why_unusable(row: dict) -> str | None:
    """Why a row (not a reply) cannot be a mark, or None: a page note's has no selector to
    go by, and a position with no quote may name no words in any text."""
    target = _target(row)
    quote = _selector(target, "TextQuoteSelector")
    if quote is not None and text_value(quote.get("exact")):
        return None
    where = _selector(target, "TextPositionSelector")
    if where is None:
        return EMPTY_QUOTE if quote is not None else PAGE_NOTES
    return wordless_position(where.get("start"), where.get("end"))


def _loose(root_id: str, thread: list[dict]) -> list[LooseReply]:
    """The replies of a thread whose first annotation the file lacks, each to be joined to
    the mark an earlier import made of that annotation."""
    parent = their_key("hypothesis", root_id)
    return [LooseReply(_addresses(row, _target(row)), parent, _reply(row),
                       timestamp(row.get("updated") or row.get("created"))) for row in thread]


def _target(row: dict) -> dict:
    """The row's target: the first of the list the API writes, or the one object other
    writers give."""
    targets = [t for t in as_list(row.get("target")) if isinstance(t, dict)]
    return targets[0] if targets else {}


def _selector(target: dict, kind: str) -> dict | None:
    for selector in as_list(target.get("selector")):
        if isinstance(selector, dict) and selector.get("type") == kind:
            return selector
    return None


def _replies(thread: list[dict]) -> list[tuple[str, str]]:
    """Each reply as a quoted paragraph with its author and date, oldest first, with what
    it sorts by."""
    return sorted(_reply(reply) for reply in thread)


def _reply(reply: dict) -> tuple[str, str]:
    who = author_of_account(reply.get("user")) or "someone"
    created = timestamp(reply.get("created"))
    lines = text_value(reply.get("text")).strip().splitlines() or [""]
    quoted = [f"> **{who}** ({created[:10]}): {lines[0]}".rstrip(),
              *(f"> {line}".rstrip() for line in lines[1:])]
    return f"{created} {reply.get('id')}", "\n".join(quoted)


def _addresses(row: dict, target: dict) -> list[str]:
    found = [row["uri"]]
    if isinstance(target.get("source"), str):
        found.append(target["source"])
    document = row.get("document") if isinstance(row.get("document"), dict) else {}
    for link in document.get("link", []) if isinstance(document.get("link"), list) else []:
        if isinstance(link, dict) and isinstance(link.get("href"), str):
            found.append(link["href"])
    return list(dict.fromkeys(a for a in found if a.strip()))


def _title(row: dict) -> str:
    document = row.get("document") if isinstance(row.get("document"), dict) else {}
    title = document.get("title")
    if isinstance(title, list):
        title = next((t for t in title if isinstance(t, str) and t.strip()), "")
    return " ".join(title.split()) if isinstance(title, str) else ""
