"""The text `cite` prints and `y` copies: a reference, or a quote with its citation."""

from __future__ import annotations

from annotations import citations
from annotations.model import Annotation, Article


def citation_text(article: Article, annotation: Annotation | None, style: str = "apa") -> str:
    reference = citations.reference(article, style=style, markup="markdown")
    if annotation is None:
        return reference
    quote = "\n".join(f"> {line}" if line.strip() else ">"
                      for line in annotation.exact.strip().split("\n"))
    locator = citations.in_text(article, style=style, paragraph=annotation.paragraph,
                                markup="markdown")
    return f"{quote}\n— {locator}\n{reference}"
