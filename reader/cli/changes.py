"""Commands about articles that change: refresh, versions, diff."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.cli.main import emit, library_option, main, open_library, read_stdin, say_warning


@main.command()
@click.argument("article")
@click.argument("source", required=False)
@library_option
@click.pass_context
def refresh(ctx: click.Context, article: str, source: str | None, library: Path | None) -> None:
    """Read ARTICLE's page or file again (or SOURCE: a new file, a URL, or - for standard
    input); the earlier text is kept as a version and every mark is found again."""
    from reader.cli.refreshing import refresh as refresh_article
    from reader.cli.refreshing import refresh_line

    lib = open_library(ctx)
    found = lib.resolve(article)
    pasted = None
    if source == "-":
        from annotations.errors import SourceError
        from reader.cli.refreshing import refusal_for_refresh

        try:
            pasted, source = read_stdin(), None
        except SourceError as error:
            raise refusal_for_refresh(error, found) from None
    report = refresh_article(lib, found, source, pasted)
    emit(refresh_line(report))
    for warning in report.warnings:
        say_warning(warning)


@main.command()
@click.argument("article")
@library_option
@click.pass_context
def versions(ctx: click.Context, article: str, library: Path | None) -> None:
    """The earlier texts of ARTICLE, oldest first, and the current one."""
    from annotations.versions import versions as versions_of
    from reader.document.versions import current_source

    lib = open_library(ctx)
    found = lib.resolve(article)
    every = versions_of(lib, found.id)
    for version in every:
        emit(f"{version.number:>3}  {version.added} – {version.saved}  {version.source}")
    since = str(found.extra.get("body_added") or found.added)
    emit(f"{'current':>3}  {since} –  {current_source(found)}")
    if not every:
        emit(f"({found.id} has not changed since it was added)")


@main.command()
@click.argument("article")
@click.argument("older", required=False)
@click.argument("newer", required=False)
@click.option("--context", default=6, show_default=True, help="Unchanged words shown around a change.")
@library_option
@click.pass_context
def diff(ctx: click.Context, article: str, older: str | None, newer: str | None, context: int,
         library: Path | None) -> None:
    """Word-level changes of ARTICLE's text, from the version before to the current one, or
    from version OLDER to NEWER (numbers from `glossator versions`, or `current`)."""
    from annotations.errors import GlossatorError
    from annotations.textdiff import word_diff
    from annotations.versions import resolve_version
    from annotations.versions import versions as versions_of
    from reader.document.versions import version_text

    lib = open_library(ctx)
    found = lib.resolve(article)
    every = versions_of(lib, found.id)
    if older is None:
        if not every:
            raise GlossatorError(f"{found.id!r} has not changed since it was added: there is "
                                 "nothing to compare (`glossator refresh` reads it again)")
        older = str(every[-1].number)
    before = resolve_version(lib, found, older)
    after = resolve_version(lib, found, newer or "current")
    changes = word_diff(version_text(lib, found, before), version_text(lib, found, after),
                        context=context)
    name = lambda v: f"version {v.number}" if v else "current"  # noqa: E731
    emit(f"{found.id}: {name(before)} → {name(after)}, {len(changes)} change(s)")
    colour = sys.stdout.isatty()
    for change in changes:
        emit(f"@@ para. {change.old_paragraph} → para. {change.new_paragraph} @@")
        # Each piece is made inert first; only the colours added here reach the terminal.
        click.echo(" ".join(_shown(piece, colour) for piece in change.pieces))


def _shown(piece, colour: bool) -> str:
    from annotations.textsafety import inert

    text = inert(piece.text)
    if piece.kind == "same":
        return text
    marker = ("[-", "-]") if piece.kind == "removed" else ("{+", "+}")
    shown = f"{marker[0]}{text}{marker[1]}"
    if colour:
        return click.style(shown, fg="red" if piece.kind == "removed" else "green")
    return shown
