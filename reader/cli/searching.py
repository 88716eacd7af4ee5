"""`glossator search QUERY`: every article's text, details and marks, ranked; and how the
command line and the TUI's search screen open the index."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from reader.cli.main import emit_json, library_option, main, open_library, say_error

_FILTER_WITH_SPACES = re.compile(r"^(-?(?:kind|tag|actor|status|author|site|after|before)):(.*\s.*)$",
                                 re.IGNORECASE | re.DOTALL)


def open_search_index(library):
    """The library's search index; kept in the user's cache folder when the library cannot
    be written (a read-only disk)."""
    from platformdirs import user_cache_path

    from annotations.search.index import SearchIndex

    return SearchIndex.open(library, spare_folder=user_cache_path("glossator", appauthor=False) / "search")


def query_from_arguments(arguments: tuple[str, ...]) -> str:
    """The query the shell's words make: an argument with spaces in it was quoted, so it is
    a phrase (`actor:"Ana Pereira"` arrives as `actor:Ana Pereira`); one that still holds
    quotes is taken as written (the whole query in one argument)."""
    parts = []
    for argument in arguments:
        if '"' in argument or not any(ch.isspace() for ch in argument):
            parts.append(argument)
            continue
        filtered = _FILTER_WITH_SPACES.match(argument)
        if filtered:
            parts.append(f'{filtered[1]}:"{filtered[2].strip()}"')
        else:
            negated = argument.startswith("-")
            parts.append(('-' if negated else "") + f'"{argument.lstrip("-").strip()}"')
    return " ".join(parts)


@main.command(context_settings={
    # `-ferry` leaves a word out: a query word, not an unknown option; `-h…` too.
    "ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("query", nargs=-1, required=True, type=click.UNPROCESSED)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], limit: int, as_json: bool,
           library: Path | None) -> None:
    """Search every article's text, details and marks.

    QUERY: words (all must be there), "exact phrases", prefix* and -left-out words, and
    filters: kind: tag: actor: status: author: (marks), site: after: before: (articles,
    dates as YYYY, YYYY-MM or YYYY-MM-DD). E.g. glossator search dredging kind:claim
    actor:Pereira after:2025-01
    """
    from annotations.search.index import SearchIndexBusy
    from annotations.search.query import parse_query
    from reader.document.cache import text_reader

    parsed = parse_query(query_from_arguments(query))  # a bad query fails before any work
    lib = open_library(ctx)
    index = open_search_index(lib)
    if index.note:
        click.echo(f"glossator: note: {index.note}", err=True)
    try:
        caught = index.catch_up(text_reader(lib), progress=_progress_on_terminal())
    except SearchIndexBusy as busy:
        click.echo(f"glossator: note: {busy}; searching the index as it is", err=True)
    else:
        for problem in caught.problems:
            say_error(f"not searchable until fixed: {problem}")
    results = index.search(parsed, limit)
    if as_json:
        emit_json([hit.record() for hit in results.hits])
    else:
        _print_hits(results)
    if results.more:
        click.echo(f"glossator: {limit} results shown; more with --limit", err=True)


def _progress_on_terminal():
    if not sys.stderr.isatty():
        return None

    def progress(done: int, total: int) -> None:
        end = "\n" if done == total else "\r"
        click.echo(f"indexing the library: {done}/{total} articles", err=True, nl=False)
        click.echo(end, err=True, nl=False)

    return progress


def _print_hits(results) -> None:
    from annotations.textsafety import excerpt, inert

    if not results.hits:
        click.echo(f"glossator: nothing found for {inert(results.query.text.strip())}", err=True)
        return
    for hit in results.hits:
        where = hit.locator or "—"
        head = f"{hit.article}  {where}  {hit.label}  {excerpt(hit.title, 70)}"
        click.echo(inert(head))
        click.echo("    " + _styled_snippet(hit.snippet, hit.highlights))


def _styled_snippet(snippet: str, highlights) -> str:
    """The snippet with its hits in bold (plain where the output is not a terminal: click
    leaves the styles out)."""
    from annotations.textsafety import inert

    pieces, at = [], 0
    for start, end in highlights:
        pieces.append(inert(snippet[at:start]))
        pieces.append(click.style(inert(snippet[start:end]), bold=True, fg="yellow"))
        at = end
    pieces.append(inert(snippet[at:]))
    return "".join(pieces)
