"""W3C Web Annotation documents → incoming marks: ours, or another tool's.

A document is one annotation, an AnnotationPage (`items`), an AnnotationCollection (its
embedded `first` page, and `next` pages when they are embedded too), or a JSON array of
any of these. An annotation whose `@context` (its own or its container's) holds our
namespace is ours: its `glossator:` keys give back every field of the mark, and its id
is kept. Another tool's annotation becomes a mark of the kind its tags (or motivation)
name; its id is turned into a mark id of its own, the same on every import.

Bodies: tagging bodies are tags; every other textual body is the note, an HTML one (other
tools write comments as `text/html`) turned into Markdown first (html_text.py).

Selectors: a TextQuoteSelector gives the words, a TextPositionSelector (code points, as
the model says) where they were; either may sit in another selector's `refinedBy`. A
RangeSelector whose ends are position or quote selectors (ranges.py) is where they were
too. Annotations that hold none of these (XPath, CSS, fragment selectors alone) or target
a whole page are counted as skipped, with why; so are those with no quote whose position
can name no words in any text (reversed, negative, not numbers, empty): a file of nothing
else is refused, as one of XPath selectors alone is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from annotations.interchange.w3c import vocabulary as v
from annotations.interchange.w3c.html_text import html_to_markdown
from annotations.interchange.w3c.incoming import (
    EMPTY_QUOTE,
    AgentRef,
    Batch,
    Incoming,
    kind_and_tags,
    position,
    their_key,
    timestamp,
    wordless_position,
)
from annotations.interchange.w3c.json_values import as_list, text_value, type_names
from annotations.interchange.w3c.ranges import TextRange, text_range
from annotations.model import ACTOR_TYPES, Annotation, new_id

ANNOTATION_TYPES = frozenset({"Annotation", "AnnotationPage", "AnnotationCollection", "oa:Annotation"})
FORMAT = "W3C Web Annotation"
MOST_PAGES = 10_000
"""Embedded `next` pages followed at most: a file, not a crawl."""
DEEPEST_SELECTOR = 8
"""How deep `refinedBy` chains are followed for a text selector."""
DEEPEST_KEPT = 32
"""How deeply nested a value kept whole (history, extra fields) may be."""
NO_SELECTOR = "they target a whole page, not a passage (a page note); glossator marks passages"
UNREADABLE = ("their only selectors are ones glossator cannot read (XPath, CSS, fragment…) "
              "and they hold no quote")
NOT_AN_ANNOTATION = "not a W3C annotation (no type Annotation, or no target)"
HYPOTHESIS_W3C = "https://hypothes.is/a/"
"""The ids Hypothesis gives the W3C form of its annotations: their positions count UTF-16
code units, as in its own rows."""
LINKED_ITEMS = "their page only links to them (an address), they are not in the file"


def is_w3c(data: Any) -> bool:
    """Whether `data` looks like a W3C annotation document (or a list of them)."""
    first = data[0] if isinstance(data, list) and data else data
    return isinstance(first, dict) and bool(type_names(first) & ANNOTATION_TYPES)


def read_w3c(data: Any, default_kind: str) -> Batch:
    batch = Batch(FORMAT)
    for node, ours, label, article in _annotations(data, batch):
        batch.seen += 1
        found = _incoming(node, ours, default_kind, batch)
        if found is not None:
            found.title = label
            if ours:
                found.mark.article = article  # where it came from (`--article` may move it)
            batch.incoming.append(found)
    return batch


# -- walking the document -----------------------------------------------------------------

def _annotations(data: Any, batch: Batch) -> Iterator[tuple[dict, bool, str, str]]:
    """Every annotation object in the document, with whether it is ours, the label of the
    collection holding it (the page's title, for the report) and, in ours, its article."""
    stack: list[tuple[Any, bool, str, str]] = [(item, False, "", "")
                                               for item in reversed(as_list(data))]
    pages = 0
    while stack:
        node, ours, label, article = stack.pop()
        if not isinstance(node, dict):
            batch.seen += 1
            batch.skip(LINKED_ITEMS if isinstance(node, str) else NOT_AN_ANNOTATION)
            continue
        ours = ours or _is_ours(node.get("@context"))
        types = type_names(node)
        if not types & {"AnnotationCollection", "AnnotationPage"}:
            yield node, ours, label, article
            continue
        pages += 1
        if pages > MOST_PAGES:
            continue
        label = label or _label(node)
        article = article or text_value(node.get(v.ARTICLE))
        if "AnnotationPage" in types:
            inner, further = as_list(node.get("items")), node.get("next")
        else:  # a collection: its first page (some tools put the items on it directly)
            inner, further = as_list(node.get("items")), node.get("first")
        if isinstance(further, str):
            batch.notes.append(f"a page of annotations is only linked ({further}), not in the "
                               "file: fetch it and import it too")
        elif further is not None:
            inner = [*inner, further]
        stack.extend((item, ours, label, article) for item in reversed(inner))


def _label(node: dict) -> str:
    label = next((t for t in as_list(node.get("label")) if isinstance(t, str)), "")
    return " ".join(label.split())


def _is_ours(context: Any) -> bool:
    return any(isinstance(c, dict) and v.NAMESPACE in c.values() for c in as_list(context)) or \
        any(c == v.NAMESPACE for c in as_list(context))


# -- one annotation -----------------------------------------------------------------------

def _incoming(node: dict, ours: bool, default_kind: str, batch: Batch) -> Incoming | None:
    is_annotation = bool(type_names(node) & {"Annotation", "oa:Annotation"})
    if not is_annotation or "target" not in node:
        batch.skip(NOT_AN_ANNOTATION)
        return None
    target = _target(node.get("target"))
    if target is None:
        batch.skip(NO_SELECTOR)
        return None
    quote, where, spanned = _text_selectors(target.get("selector"))
    if quote is None and where is None and spanned is None:
        batch.skip(UNREADABLE if target.get("selector") is not None else NO_SELECTOR)
        return None
    quote = quote or {}
    ends = (where.get("start"), where.get("end")) if where is not None else None
    if where is not None:
        spanned = None  # a position selector says where, and a range is not looked at
    elif spanned is not None and not spanned.has_words():
        ends = spanned.start.at, spanned.end.at
        spanned = None  # two positions: a position like any other
    why = _wordless(text_value(quote.get("exact")), ends, spanned)
    if why is not None:
        batch.skip(why)
        return None
    start, end = position(*ends) if ends is not None else (None, None)
    tags, note = _bodies(node)
    motivation = next((m for m in as_list(node.get("motivation")) if isinstance(m, str)), "")
    if ours:
        kind = text_value(node.get(v.KIND)) or (tags[0] if tags else default_kind)
        tags = [t for t in tags if t != kind]
    else:
        kind, tags, dropped = kind_and_tags(tags, default_kind,
                                            v.KIND_OF_MOTIVATION.get(motivation))
        batch.other_kinds.update(dropped)
    created = text_value(node.get("created"))
    modified = text_value(node.get("modified"))
    mark = Annotation(
        article="", kind=kind, exact=text_value(quote.get("exact")), start=start or 0, end=end or 0,
        prefix=text_value(quote.get("prefix")), suffix=text_value(quote.get("suffix")), note=note,
        tags=tags,
        author=_creator(node.get("creator")),
        created=created if ours and created else timestamp(created),
        updated=modified if ours and modified else timestamp(modified or created),
        id=_own_mark_id(node) if ours else new_id(),
    )
    their_id = node.get("id", node.get("@id"))
    found = Incoming(mark, _addresses(target), start=start, end=end, ours=ours,
                     utf16=isinstance(their_id, str) and their_id.startswith(HYPOTHESIS_W3C),
                     their_key="" if ours else their_key("w3c", their_id),
                     text_range=spanned)
    if ours:
        _restore(found, node)
    elif kind == "actor":
        found.actor = AgentRef()  # named after its words, once they are placed
    return found


def _wordless(words: str, ends: tuple[object, object] | None, spanned: TextRange | None
              ) -> str | None:
    """Why an annotation names no words whatever the article's text, or None when it may:
    a quote, a range with words at an end, or a position that selects some (in the text or
    not, as the intake sees)."""
    if words or spanned is not None:
        return None
    return wordless_position(*ends) if ends is not None else EMPTY_QUOTE


def _target(value: Any) -> dict | None:
    """The target to place the mark by: the first with a selector (a string target, or one
    without selectors, is a whole page)."""
    targets = [t for t in as_list(value) if isinstance(t, dict)]
    with_selector = [t for t in targets if t.get("selector") is not None]
    return with_selector[0] if with_selector else None


def _text_selectors(value: Any) -> tuple[dict | None, dict | None, TextRange | None]:
    """The first TextQuoteSelector among the alternatives, looking into `refinedBy` a few
    levels down (a quote is the words wherever it is refined from), and the first
    TextPositionSelector and text RangeSelector of the alternatives themselves (one
    refining another selector counts within what that one selects, not within the text)."""
    quote = where = spanned = None
    stack = [(s, 0) for s in reversed(as_list(value))]
    while stack:
        selector, depth = stack.pop()
        if not isinstance(selector, dict):
            continue
        kinds = type_names(selector)
        if quote is None and "TextQuoteSelector" in kinds and isinstance(selector.get("exact"), str):
            quote = selector
        if where is None and depth == 0 and "TextPositionSelector" in kinds:
            where = selector
        if spanned is None and depth == 0 and "RangeSelector" in kinds:
            spanned = text_range(selector)
        if depth < DEEPEST_SELECTOR:
            stack.extend((s, depth + 1) for s in reversed(as_list(selector.get("refinedBy"))))
    return quote, where, spanned


def _addresses(target: dict) -> list[str]:
    source = target.get("source")
    if isinstance(source, dict):
        source = source.get("id", source.get("@id"))
    found = [source] if isinstance(source, str) and source.strip() else []
    if isinstance(target.get(v.FILE), str) and target[v.FILE].strip():
        found.insert(0, target[v.FILE])  # first: the file to add is what a user can act on
    return found


def _bodies(node: dict) -> tuple[list[str], str]:
    """Tagging bodies' values, and every other textual body's value as the note."""
    tags: list[str] = []
    notes: list[str] = []
    if isinstance(node.get("bodyValue"), str):
        notes.append(node["bodyValue"])
    bodies = as_list(node.get("body"))
    for body in bodies:
        for item in [body, *(as_list(body.get("items")) if isinstance(body, dict) else [])]:
            if isinstance(item, str) and item.strip():
                notes.append(item.strip())  # a link to the body: kept as its address
            elif isinstance(item, dict) and isinstance(item.get("value"), str):
                purposes = {p for p in as_list(item.get("purpose")) if isinstance(p, str)}
                if "tagging" in purposes:
                    tags.append(item["value"])
                elif item["value"].strip():
                    notes.append(html_to_markdown(item["value"]) if _is_html(item)
                                 else item["value"])
    return tags, "\n\n".join(n for n in notes if n)


def _is_html(body: dict) -> bool:
    """Whether a textual body is HTML (`text/html`, XHTML), which the note keeps as Markdown."""
    formats = [f.split(";")[0].strip().lower() for f in as_list(body.get("format"))
               if isinstance(f, str)]
    return any(f in ("text/html", "application/xhtml+xml") for f in formats)


def _creator(value: Any) -> str:
    for creator in as_list(value):
        if isinstance(creator, str) and creator.strip():
            return creator.strip().removeprefix("acct:")
        if isinstance(creator, dict):
            for key in ("name", "nickname", "id"):
                named = next((n for n in as_list(creator.get(key)) if isinstance(n, str)), "")
                if named:
                    return named.removeprefix("acct:")
    return ""


def _own_mark_id(node: dict) -> str:
    """Our mark's id: `glossator:id` when it is not a UUID, else the one in its IRI."""
    if isinstance(node.get(v.ID), str) and node[v.ID]:
        return node[v.ID]
    iri = node.get("id", node.get("@id"))
    return (v.own_id(iri) if isinstance(iri, str) else None) or new_id()


# -- our own keys ---------------------------------------------------------------------------

def _restore(found: Incoming, node: dict) -> None:
    """The fields only glossator knows, from the `glossator:` keys of our own export."""
    mark = found.mark
    if isinstance(node.get(v.STATUS), str):
        mark.status = node[v.STATUS]
    mark.answer = text_value(node.get(v.ANSWER))
    mark.page, mark.page_end = text_value(node.get(v.PAGE)), text_value(node.get(v.PAGE_END))
    mark.chapter = text_value(node.get(v.CHAPTER))
    if type(node.get(v.PARAGRAPH)) is int:
        mark.paragraph = node[v.PARAGRAPH]
    score = node.get(v.FUZZY_SCORE)
    if isinstance(score, int | float) and not isinstance(score, bool):
        mark.anchor_score = float(score)
    if node.get(v.ORPHANED) is True:
        mark.orphaned = True
        start, end = position(node.get(v.START), node.get(v.END))
        mark.start, mark.end = start or 0, end or 0
    history = node.get(v.HISTORY)
    if isinstance(history, list) and _shallow(history):
        mark.history = [{k.removeprefix(f"{v.PREFIX}:"): value for k, value in entry.items()}
                        for entry in history if isinstance(entry, dict)]
    mark.extra = _extra(node)
    found.speaker = _agent(node.get(v.SPEAKER))
    found.actor = _agent(node.get(v.ACTOR_KEY))


def _extra(node: dict) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if isinstance(node.get(v.EXTRA), str):
        try:
            parsed = json.loads(node[v.EXTRA])
        except (ValueError, RecursionError):
            parsed = None
        if isinstance(parsed, dict) and _shallow(parsed):
            extra.update(parsed)
    if v.ORIGIN in node and _shallow(node[v.ORIGIN]):
        extra["origin"] = node[v.ORIGIN]
    return extra


def _agent(value: Any) -> AgentRef | None:
    if not isinstance(value, dict):
        return None
    iri = text_value(value.get("id"))
    own = text_value(value.get(v.ID)) or v.own_id(iri) or ""
    kind = text_value(value.get(v.ACTOR_TYPE))
    aliases = [a for a in as_list(value.get(v.ALIASES)) if isinstance(a, str)]
    return AgentRef(id=own, name=" ".join(text_value(value.get("name")).split()),
                    type=kind if kind in ACTOR_TYPES else "person", aliases=aliases,
                    description=text_value(value.get(v.DESCRIPTION)),
                    created=_time(value.get(v.CREATED)))


def _time(value: Any) -> str:
    """A time of our own export as it was written, when it is an ISO 8601 time; else ""."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return ""
    return value


def _shallow(value: Any) -> bool:
    """Whether `value` nests no deeper than `DEEPEST_KEPT` levels (it is stored as it is)."""
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > DEEPEST_KEPT:
            return False
        if isinstance(node, dict):
            stack.extend((item, depth + 1) for item in node.values())
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)
    return True


