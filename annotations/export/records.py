"""The documented JSON shapes of `list --json`, `annotations --json` and `actors --json`.

These are a stable interface for scripts: add keys, never rename or remove them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from annotations.model import Actor, Annotation, Article


def annotation_record(annotation: Annotation, actors: dict[str, Actor]) -> dict[str, Any]:
    speaker = actors.get(annotation.speaker)
    actor = actors.get(annotation.actor)
    return {
        "id": annotation.id,
        "article": annotation.article,
        "kind": annotation.kind,
        "quote": annotation.exact,
        "prefix": annotation.prefix,
        "suffix": annotation.suffix,
        "start": annotation.start,
        "end": annotation.end,
        "paragraph": annotation.paragraph,
        "page": annotation.page,
        "page_end": annotation.page_end,
        "chapter": annotation.chapter,
        "note": annotation.note,
        "tags": list(annotation.tags),
        "speaker": speaker.name if speaker else None,
        "speaker_id": annotation.speaker or None,
        "actor": actor.name if actor else None,
        "actor_id": annotation.actor or None,
        "status": annotation.status,
        "answer": annotation.answer,
        "author": annotation.author,
        "created": annotation.created,
        "updated": annotation.updated,
        "orphaned": annotation.orphaned,
        "anchor_score": annotation.anchor_score,
        "origin": annotation.origin,
    }


def article_record(article: Article, counts: Counter[str]) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "authors": list(article.authors),
        "site": article.site,
        "published": article.published,
        "url": article.url,
        "accessed": article.accessed,
        "language": article.language,
        "tags": list(article.tags),
        "citekey": article.citekey,
        "type": article.type or "news",
        "doi": article.doi,
        "keywords": list(article.keywords),
        "added": article.added,
        "annotations": sum(counts.values()),
        "counts": dict(sorted(counts.items())),
    }


def actor_record(actor: Actor, mentions: list[Annotation], claims: list[Annotation]) -> dict:
    return {
        "id": actor.id,
        "name": actor.name,
        "aliases": list(actor.aliases),
        "type": actor.type,
        "description": actor.description,
        "mentions": [
            {"article": m.article, "annotation": m.id, "quote": m.exact, "start": m.start,
             "end": m.end}
            for m in mentions
        ],
        "claims": [{"article": c.article, "annotation": c.id, "quote": c.exact} for c in claims],
        "articles": sorted({m.article for m in mentions} | {c.article for c in claims}),
    }
