"""How the command line lays out articles and annotations for people (not for scripts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from annotations.model import ACTOR, BUILTIN_KINDS, CLAIM, QUESTION, Actor, Annotation, Article
from annotations.textsafety import excerpt

_KIND_LETTERS = {CLAIM: "c", ACTOR: "a", QUESTION: "q"}


def counts_summary(counts: Counter[str]) -> str:
    parts = [f"{counts[k]}{_KIND_LETTERS[k]}" for k in BUILTIN_KINDS if counts[k]]
    tagged = sum(v for k, v in counts.items() if k not in BUILTIN_KINDS)
    if tagged:
        parts.append(f"{tagged}t")
    return " ".join(parts) or "-"


def article_table(rows: list[tuple[Article, Counter[str]]]) -> Iterator[str]:
    id_width = max(len(a.id) for a, _ in rows)
    yield f"{'ID':<{id_width}}  {'MARKS':<12} {'DATE':<10}  {'SITE':<20}  TITLE"
    for article, counts in rows:
        yield (f"{article.id:<{id_width}}  {counts_summary(counts):<12} "
               f"{article.published:<10}  {excerpt(article.site, 20):<20}  {excerpt(article.title, 70)}")


def annotation_line(annotation: Annotation, actors: dict[str, Actor], with_article: bool) -> str:
    where = f"{annotation.article} " if with_article else ""
    extra = []
    speaker = actors.get(annotation.speaker)
    if speaker:
        extra.append(f"speaker: {speaker.name}")
    if annotation.kind == ACTOR and annotation.actor in actors:
        extra.append(f"actor: {actors[annotation.actor].name}")
    if annotation.status and annotation.kind in (CLAIM, QUESTION):
        extra.append(annotation.status)
    if annotation.tags:
        extra.append("tags: " + ", ".join(annotation.tags))
    if annotation.orphaned:
        extra.append("orphaned")
    elif annotation.anchor_score is not None:
        extra.append(f"fuzzy {annotation.anchor_score:.2f}")
    tail = f"  [{'; '.join(extra)}]" if extra else ""
    # An orphan's offsets are where its words were, not a place in the text as it is now.
    span = f"{annotation.start}-{annotation.end}"
    place = f"(was {span})" if annotation.orphaned else span
    return (f"{annotation.short_id}  {where}{annotation.kind:<8} {place}"
            f"  \"{excerpt(annotation.exact, 60)}\"{tail}")
