"""How the library-wide lists show a claim or a question: its badge, quote and details."""

from __future__ import annotations

from annotations.export.vault_links import place_label
from annotations.model import Actor, Annotation, Article
from annotations.textsafety import excerpt
from reader.widgets.mark_list import Describe, Description

BADGE_WIDTH = 10


def _where(article: Article, mark: Annotation) -> list[str]:
    parts = [excerpt(article.title, 60)]
    if article.published:
        parts.append(article.published)
    parts.append(place_label(mark))
    if mark.orphaned:
        parts.append("orphaned: its words are gone")
    return parts


def claim_describer(actors: dict[str, Actor]) -> Describe:
    def describe(article: Article, mark: Annotation) -> Description:
        speaker = actors.get(mark.speaker)
        parts = [f"— {speaker.name}" if speaker else "— no speaker", *_where(article, mark)]
        if mark.tags:
            parts.append(" ".join(f"#{t}" for t in mark.tags))
        status = mark.status or ""
        return Description(f"{status:<{BADGE_WIDTH}}", status, mark.exact, " · ".join(parts))

    return describe


def question_describer() -> Describe:
    def describe(article: Article, mark: Annotation) -> Description:
        answer = " ".join(mark.answer.split())
        parts = [f"→ {excerpt(answer, 80)}"] if answer else []
        status = mark.status or ""
        return Description(f"{status:<{BADGE_WIDTH}}", status, mark.exact,
                           " · ".join([*parts, *_where(article, mark)]))

    return describe
