"""Commands about marks: annotate, annotations (actors and the codebook: actors.py, codebook.py)."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.main import emit, emit_json, library_option, main, open_library


@main.command()
@click.argument("article")
@click.option("--kind", required=True, help="claim, actor, question or a codebook tag.")
@click.option("--quote", required=True, help="The words to mark (whitespace-insensitive).")
@click.option("--occurrence", type=click.IntRange(min=1), help="Which occurrence, from 1.")
@click.option("--note", default="", help="A note (Markdown).")
@click.option("--speaker", default="", help="Who made the claim: an actor's name, alias or id.")
@click.option("--tag", "tags", multiple=True, help="An extra tag; repeat for several.")
@click.option("--closest", is_flag=True,
              help="When the quote is not in the text as given, mark the closest stretch "
                   "(as offered by the error) instead of refusing.")
@library_option
@click.pass_context
def annotate(ctx: click.Context, article: str, kind: str, quote: str, occurrence: int | None,
             note: str, speaker: str, tags: tuple[str, ...], closest: bool,
             library: Path | None) -> None:
    """Mark a quote of ARTICLE; prints the new annotation's id."""
    from annotations.anchoring import choose_occurrence, find_quote
    from annotations.marking import check_kind, new_annotation
    from reader.document.cache import load_document

    lib = open_library(ctx)
    found = lib.resolve(article)
    check_kind(lib, kind)
    document = load_document(lib, found)
    spans = find_quote(document.text, quote)
    if not spans:
        spans = _closest_or_refuse(document.text, quote, found.id, closest, occurrence)
    start, end = choose_occurrence(spans, quote, occurrence, f"article {found.id!r}")
    known = lib.find_actor(speaker) if speaker.strip() else True
    annotation = new_annotation(lib, found, document.text, document.places, start, end,
                                kind, note=note, speaker=speaker, tags=tags)
    click.echo(annotation.id)
    if not known:
        from reader.cli.mark_command import note_new_speaker

        note_new_speaker(lib, speaker, annotation.speaker)


def _closest_or_refuse(text: str, quote: str, article_id: str, take_it: bool,
                       occurrence: int | None) -> list[tuple[int, int]]:
    """Every place of the closest stretch to a quote not in the text as typed, when asked
    for with --closest; else one line offering it. Never a silent guess: when those words
    occur more than once, which one is meant must be said with --occurrence."""
    import re

    from annotations.errors import QuoteNotFoundError
    from annotations.matching import ORPHANED, best_match
    from annotations.textsafety import excerpt

    match = best_match(text, quote)
    shown = excerpt(quote, 60)
    if match.outcome == ORPHANED:
        raise QuoteNotFoundError(f'"{shown}" does not occur in article {article_id!r}, nor '
                                 "anything close; check the words with `glossator text`")
    start, end = _whole_words(text, match.start, match.end)
    # The closest words, wherever they occur (case aside: the match ignores it), in order.
    words = r"\s+".join(map(re.escape, text[start:end].split()))
    spans = [m.span() for m in re.finditer(words, text, re.IGNORECASE)] or [(start, end)]
    if take_it and (len(spans) == 1 or occurrence is not None):
        return spans
    near = excerpt(text[start:end], 80)
    if len(spans) > 1:
        places = ", ".join(f"{a}–{b}" for a, b in spans[:5]) + (", …" if len(spans) > 5 else "")
        raise QuoteNotFoundError(
            f'"{shown}" does not occur in article {article_id!r}; the closest is "{near}" '
            f"({match.score:.0%} alike), which occurs {len(spans)} times (at {places}); add "
            f"--closest --occurrence N (1 to {len(spans)}) to mark one"
        )
    raise QuoteNotFoundError(
        f'"{shown}" does not occur in article {article_id!r}; the closest is "{near}" '
        f"({match.score:.0%} alike, at {start}–{end}): give those words, or add "
        "--closest to mark it"
    )


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A closest stretch that starts or ends inside a word ("over the wint") grown to the
    whole word: what was meant is the word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


@main.command("annotations")
@click.argument("article", required=False)
@click.option("--kind", help="Only this kind.")
@click.option("--orphaned", is_flag=True,
              help="Only marks whose words are no longer in their article (re-attach them in "
                   "the reader with r).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def annotations_command(ctx: click.Context, article: str | None, kind: str | None,
                        orphaned: bool, as_json: bool, library: Path | None) -> None:
    """Annotations of one article, or of the whole library."""
    from annotations.export.records import annotation_record
    from annotations.marking import check_kind

    lib = open_library(ctx)
    if kind:
        check_kind(lib, kind)
    found = lib.annotations(lib.resolve(article).id) if article else list(lib.all_annotations())
    found = [a for a in found if (not kind or a.kind == kind) and (not orphaned or a.orphaned)]
    actors = {a.id: a for a in lib.actors()}
    if as_json:
        emit_json([annotation_record(a, actors) for a in found])
        return
    from reader.cli.formatting import annotation_line

    for annotation in found:
        emit(annotation_line(annotation, actors, with_article=article is None))
