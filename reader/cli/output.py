"""Commands that put notes and citations out: export, cite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from annotations.errors import GlossatorError
from annotations.textsafety import inert
from reader.cli.main import emit, library_option, main, open_library


@main.command()
@click.argument("articles", nargs=-1, metavar="[ARTICLE...]")
@click.option("--all", "everything", is_flag=True, help="Every article in the library.")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["markdown", "json", "csv", "bibtex", "csl-json", "w3c", "qdpx",
                                 "vault"]))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File; or folder for Markdown notes and a vault. Default (or -): stdout "
                   "(not for qdpx or vault).")
@library_option
@click.pass_context
def export(ctx: click.Context, articles: tuple[str, ...], everything: bool, fmt: str,
           output: Path | None, library: Path | None) -> None:
    """Export notes, annotations or references."""
    from reader.cli.exporting import run_export

    lib = open_library(ctx)
    if everything and articles:
        raise GlossatorError("give article ids or --all, not both")
    if not everything and not articles:
        raise GlossatorError("name the articles to export, or pass --all")
    if output is not None and str(output) == "-":
        if fmt in _NOT_TO_STDOUT:
            raise GlossatorError(f"{_NOT_TO_STDOUT[fmt]} cannot go to standard output (-); "
                                 f"give it with -o {'PROJECT.qdpx' if fmt == 'qdpx' else 'DIR'}")
        output = None  # `-o -`, as tools take it: standard output, not a file named "-"
    chosen = lib.articles() if everything else _resolve_all(lib, articles)
    # stdout through `emit`: a CSV or BibTeX field holds raw article text, and a terminal
    # must not obey the escape sequences in it. Files written with -o stay exact.
    for line in run_export(lib, chosen, fmt, output, emit_stdout=emit):
        click.echo(inert(line), err=True)


_NOT_TO_STDOUT = {"qdpx": "a REFI-QDA project (a zip archive)", "vault": "a vault (a folder of notes)"}


def _resolve_all(lib, refs: tuple[str, ...]) -> list:
    seen: dict[str, Any] = {}
    for ref in refs:
        article = lib.resolve(ref)
        seen.setdefault(article.id, article)
    return list(seen.values())


@main.command()
@click.argument("article")
@click.option("--annotation", "annotation_ref", help="Cite this annotation's quote.")
@click.option("--style", type=click.Choice(["apa", "chicago", "mla"]), default=None,
              help="Citation style (default: [citation] style in config.toml, else apa).")
@click.option("--copy", "copy", is_flag=True, help="Also copy the text to the clipboard.")
@library_option
@click.pass_context
def cite(ctx: click.Context, article: str, annotation_ref: str | None, style: str | None,
         copy: bool, library: Path | None) -> None:
    """Print a reference, or a quote with its citation."""
    from reader.cli.citing import citation_text

    lib = open_library(ctx)
    found = lib.resolve(article)
    annotation = lib.annotation(found.id, annotation_ref) if annotation_ref else None
    text = citation_text(found, annotation, style)
    emit(text)
    if copy:
        from annotations.clipboard import copy_text

        outcome = copy_text(text)
        click.echo(inert(outcome.message), err=True)
