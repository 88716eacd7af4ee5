"""The text `cite` prints and `y` / `Y` copy: a reference, or a quote with its citation.

The quote's layout is the user's `[citation] template` (reader/config.py); by default

    > the quote, each of its lines quoted
    — (Okafor, 2024, para. 3)            the mark's page, chapter or paragraph
    Okafor, M. (2024, March 14). *Harbour dredging plan splits city council*. …
"""

from __future__ import annotations

from annotations.citation import render as citations
from annotations.citation.locators import Locator, locator_of
from annotations.model import Annotation, Article
from reader.config import CitationConfig, current_config


def settings(style: str | None = None) -> CitationConfig:
    """The configured citation settings, with `style` (from a command line) winning."""
    configured = current_config().citation
    if style is None:
        return configured
    citations.check_style(style)
    return CitationConfig(style=style, markup=configured.markup, template=configured.template)


def reference_text(article: Article, style: str | None = None) -> str:
    chosen = settings(style)
    return citations.reference(article, style=chosen.style, markup=chosen.markup)


def quote_text(article: Article, quote: str, locator: Locator | None = None,
               style: str | None = None) -> str:
    """`quote` (a mark's or a selection's words) laid out by the template, cited at
    `locator` (its page, chapter or paragraph)."""
    chosen = settings(style)
    values = {
        "citation": citations.in_text(article, style=chosen.style, locator=locator or Locator(),
                                      markup=chosen.markup),
        "reference": citations.reference(article, style=chosen.style, markup=chosen.markup),
        "citekey": article.citekey,
        "title": article.title,
        "url": article.url,
    }
    return fill_template(chosen.template, quote, values)


def citation_text(article: Article, annotation: Annotation | None = None,
                  style: str | None = None) -> str:
    """The reference alone, or the annotation's quote with its citation."""
    if annotation is None:
        return reference_text(article, style)
    return quote_text(article, annotation.exact, locator_of(annotation), style)


def fill_template(template: str, quote: str, values: dict[str, str]) -> str:
    """`template` with its fields filled. What stands before {quote} on its line ("> ")
    starts every line of a quote of several lines, so a block quote stays one."""
    lines = quote.strip().split("\n")
    out = []
    for line in template.split("\n"):
        if "{quote}" in line:
            lead = line[: line.index("{quote}")]
            lead = lead if not lead.strip(" >") else ""
            joined = "\n".join(lines[:1] + [f"{lead}{q}".rstrip() for q in lines[1:]])
            line = line.replace("{quote}", "{_quote}", 1)
            out.append(_format(line, {**values, "_quote": joined, "quote": joined}))
        else:
            out.append(_format(line, {**values, "quote": "\n".join(lines)}))
    return "\n".join(out)


def _format(line: str, values: dict[str, str]) -> str:
    return line.format_map(values)
