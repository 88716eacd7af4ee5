"""`glossator suggest`: claims with their speakers, actors and open questions the rules
find in an article, offered, never marked; and what the reader and the TUI share for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from reader.cli.main import emit, emit_json, library_option, main, open_library

KINDS = ("claim", "actor", "question")


def reads_english(language: str) -> bool:
    """The rules read English: articles in English, or of no stated language."""
    code = (language or "en").split("-")[0].strip().lower()
    return code in ("en", "eng", "")


def why_none(article, text: str) -> str:
    """Why the rules offer nothing for this article, as the end of a sentence; "" when
    they read it: an article in another language, or one that states none and does not
    read as English (a pasted German story)."""
    from annotations.suggestions.english import reads_as_english

    if not reads_english(article.language):
        return (f"it is in {article.language!r}, and glossator's rules read English only "
                "(wrong ones would cost more than none)")
    if not (article.language or "").strip() and not reads_as_english(text):
        return ("its text does not read as English and it states no language; glossator's "
                "rules read English only. If it is English, say so: "
                f"`glossator meta {article.id} --set language=en`")
    return ""


def offered(library, article, document) -> list:
    """The article's suggestions worth offering: found by the rules, not rejected, not
    marked already. Empty for an article not in English."""
    from annotations.suggested import unrejected
    from annotations.suggestions import suggest

    if why_none(article, document.text):
        return []
    blocks = [(b.start, b.end, b.kind) for b in document.text_blocks]
    found = suggest(document.text, blocks, language=article.language or "en")
    return unrejected(library, article.id, found, library.annotations(article.id))


def suggestion_record(library, suggestion) -> dict[str, Any]:
    from annotations.model import ACTOR, CLAIM

    record: dict[str, Any] = {"kind": suggestion.kind, "quote": suggestion.quote,
                              "start": suggestion.start, "end": suggestion.end,
                              "cue": suggestion.cue, "rule": suggestion.rule,
                              "description": suggestion.description}
    if suggestion.kind == CLAIM:
        actor = library.find_actor(suggestion.speaker) if suggestion.speaker else None
        record["speaker"] = ({"name": suggestion.speaker, "actor_id": actor.id if actor else None}
                             if suggestion.speaker else None)
    if suggestion.kind == ACTOR:
        name = suggestion.name or suggestion.quote
        actor = library.find_actor(name)
        record["actor"] = {"name": name, "type": suggestion.actor_type or "person",
                           "aliases": list(suggestion.aliases),
                           "actor_id": actor.id if actor else None}
    return record


@main.command()
@click.argument("article")
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def suggest(ctx: click.Context, article: str, kind: str | None, as_json: bool,
            library: Path | None) -> None:
    """Claims (with their speakers), actors and open questions found in ARTICLE by rules,
    offered, never marked: accept them in the reader (S shows them, A accepts, R rejects)."""
    from reader.document.cache import load_document

    lib = open_library(ctx)
    found = lib.resolve(article)
    document = load_document(lib, found)
    reason = why_none(found, document.text)
    if reason:
        click.echo(f"no suggestions for {found.id}: {reason}", err=True)
        if as_json:
            emit_json([])
        return
    suggestions = [s for s in offered(lib, found, document) if not kind or s.kind == kind]
    if as_json:
        emit_json([suggestion_record(lib, s) for s in suggestions])
        return
    from annotations.textsafety import excerpt

    for s in suggestions:
        who = f" — {s.speaker}" if s.kind == "claim" and s.speaker else ""
        cue = f" [{s.cue}]" if s.cue else ""
        emit(f"{s.kind:<8} {s.start}-{s.end}  \"{excerpt(s.quote, 70)}\"{who}{cue}  ({s.rule})")
    if not suggestions:
        emit(f"no suggestions for {found.id}")
