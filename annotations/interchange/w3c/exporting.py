"""`export --format w3c`: the marks as W3C Web Annotations (JSON-LD).

One article is one AnnotationCollection; several (`--all`) are a JSON array of them, each
a whole document with its own `@context` (a top-level array of node objects is JSON-LD).
A collection embeds one AnnotationPage as its `first` (and only) page, holding every mark
of the article in reading order: paging is for servers, and a file has no further pages
to fetch (`next` must be a link).

Each mark is one Annotation:

- `id` `urn:uuid:<mark id>`; `motivation` from the kind (vocabulary.MOTIVATIONS);
- `body`: a `tagging` TextualBody for the kind and for each tag, a `commenting` one in
  `text/markdown` for the note;
- `target`: `source` (vocabulary.article_source) with a TextQuoteSelector and a
  TextPositionSelector (code points of `glossator text`, end exclusive). An orphan's words
  are not in the text, so it has no position selector: its last offsets are kept in
  `glossator:start` / `glossator:end`;
- `created`, `modified`, `creator` (the mark's author);
- what only glossator knows in `glossator:` keys: kind, status, answer, speaker, actor
  (each an agent: id, name, type, aliases, description, when it was made), paragraph,
  page, chapter, orphaned, fuzzy score, origin, history, extra.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from annotations.interchange.w3c import vocabulary as v
from annotations.model import Actor, Annotation, Article
from annotations.textsafety import dumps_json

AnnotationsOf = Callable[[str], Sequence[Annotation]]


def export_w3c(articles: Sequence[Article], annotations_of: AnnotationsOf,
               actors: dict[str, Actor]) -> str:
    """The W3C export of `articles`: one collection, or a JSON array of them."""
    collections = [collection(article, annotations_of(article.id), actors) for article in articles]
    document: Any = collections[0] if len(collections) == 1 else collections
    return dumps_json(document) + "\n"


def collection(article: Article, marks: Iterable[Annotation], actors: dict[str, Actor]) -> dict:
    items = [annotation(article, mark, actors) for mark in marks]
    iri = v.collection_iri(article)
    page = {"id": v.page_iri(article), "type": "AnnotationPage", "partOf": iri, "startIndex": 0,
            "items": items}
    return {"@context": v.CONTEXT, "id": iri, "type": "AnnotationCollection",
            "label": article.title or article.id, "total": len(items), v.ARTICLE: article.id,
            "first": page, "last": page["id"]}


def annotation(article: Article, mark: Annotation, actors: dict[str, Actor]) -> dict:
    record: dict[str, Any] = {
        "@context": v.CONTEXT,
        "id": v.id_iri(mark.id),
        "type": "Annotation",
        "motivation": v.MOTIVATIONS.get(mark.kind, v.TAG_MOTIVATION),
        "created": mark.created,
        "modified": mark.updated or mark.created,
    }
    if mark.author:
        record["creator"] = {"type": "Person", "name": mark.author}
    record["body"] = bodies(mark)
    record["target"] = target(article, mark)
    record.update(extensions(mark, actors))
    return record


def bodies(mark: Annotation) -> list[dict]:
    tags = [mark.kind, *(t for t in mark.tags if t != mark.kind)]
    found = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags]
    if mark.note:
        found.append({"type": "TextualBody", "purpose": "commenting", "value": mark.note,
                      "format": "text/markdown"})
    return found


def target(article: Article, mark: Annotation) -> dict:
    source = v.article_source(article)
    selectors: list[dict] = []
    if mark.exact:
        quote = {"type": "TextQuoteSelector", "exact": mark.exact}
        if mark.prefix:
            quote["prefix"] = mark.prefix
        if mark.suffix:
            quote["suffix"] = mark.suffix
        selectors.append(quote)
    if not mark.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": mark.start, "end": mark.end})
    found: dict[str, Any] = {"source": source}
    if selectors:
        found["selector"] = selectors
    if source == v.content_urn(article) and article.source:
        found[v.FILE] = article.source
    return found


def extensions(mark: Annotation, actors: dict[str, Actor]) -> dict[str, Any]:
    """The `glossator:` keys: what the W3C model has no words for."""
    found: dict[str, Any] = {v.KIND: mark.kind}
    if v.own_id(v.id_iri(mark.id)) != mark.id:
        found[v.ID] = mark.id
    if mark.status is not None:
        found[v.STATUS] = mark.status
    if mark.answer:
        found[v.ANSWER] = mark.answer
    if mark.speaker:
        found[v.SPEAKER] = agent(mark.speaker, actors)
    if mark.actor:
        found[v.ACTOR_KEY] = agent(mark.actor, actors)
    for key, value in ((v.PARAGRAPH, mark.paragraph), (v.PAGE, mark.page),
                       (v.PAGE_END, mark.page_end), (v.CHAPTER, mark.chapter)):
        if value:
            found[key] = value
    if mark.orphaned:
        found[v.ORPHANED] = True
        found[v.START], found[v.END] = mark.start, mark.end
    if mark.anchor_score is not None:
        found[v.FUZZY_SCORE] = mark.anchor_score
    extra = dict(mark.extra)
    if "origin" in extra:
        found[v.ORIGIN] = extra.pop("origin")
    if mark.history:
        found[v.HISTORY] = [{v.term(k): value for k, value in entry.items()}
                            for entry in mark.history]
    if extra:
        found[v.EXTRA] = json.dumps(extra, ensure_ascii=False, sort_keys=True)
    return found


def agent(actor_id: str, actors: dict[str, Actor]) -> dict[str, Any]:
    """A speaker or mentioned actor: enough to make the same actor in another library."""
    actor = actors.get(actor_id)
    found: dict[str, Any] = {"id": v.id_iri(actor_id)}
    if v.own_id(found["id"]) != actor_id:
        found[v.ID] = actor_id
    if actor is None:
        return found  # a link to an actor since removed: kept as the mark keeps it
    if actor.type in v.AGENT_TYPES:
        found["type"] = v.AGENT_TYPES[actor.type]
    found["name"] = actor.name
    found[v.ACTOR_TYPE] = actor.type
    if actor.aliases:
        found[v.ALIASES] = list(actor.aliases)
    if actor.description:
        found[v.DESCRIPTION] = actor.description
    if actor.created:
        found[v.CREATED] = actor.created
    return found
