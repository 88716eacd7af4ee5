"""`glossator search QUERY`: every article's text, details and marks, ranked; and how the
command line and the TUI's search screen open the index."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.cli.main import emit_json, library_option, main, open_library, say_error


def open_search_index(library):
    """The library's search index; kept in the user's cache folder when the library cannot
    hold it (a read-only disk, a folder where the index should be)."""
    from platformdirs import user_cache_path

    from annotations.search.index import SearchIndex

    return SearchIndex.open(library, spare_folder=user_cache_path("glossator", appauthor=False) / "search")


def query_from_arguments(arguments: tuple[str, ...]) -> str:
    """The query the arguments make: joined, to be read as the TUI reads what is typed, so
    `glossator search kind:claim sheinbaum` and `glossator search "kind:claim sheinbaum"`
    are the same query. The shell has taken its own quotes away by then: a phrase keeps
    its quotes inside the shell's (`glossator search '"harbour board"'`)."""
    return " ".join(arguments)


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
    dates as YYYY, YYYY-MM or YYYY-MM-DD). Another name before a colon (title:reform) is
    an error; in quotes it is words ("title:reform"), and a time (10:30) is words too.

    The arguments are read as one query, as typed in the TUI. The shell takes quotes away,
    so a phrase or a filter value with spaces needs quotes inside the shell's:

    \b
      glossator search dredging kind:claim after:2025-01
      glossator search 'kind:claim actor:"Ana Pereira" "harbour board"'
    """
    from annotations.search.query import parse_query
    from reader.document.cache import text_reader

    parsed = parse_query(query_from_arguments(query))  # a bad query fails before any work
    lib = open_library(ctx)
    index = open_search_index(lib)
    if index.note:
        click.echo(f"glossator: note: {index.note}", err=True)
    text_of = text_reader(lib)
    _catch_up(index, text_of)
    results = index.search(parsed, limit)
    if results.damaged:  # found only when a query read the damaged part: made again now
        _catch_up(index, text_of)
        results = index.search(parsed, limit)
    if as_json:
        emit_json([hit.record() for hit in results.hits])
    else:
        _print_hits(results)
    if results.more:
        click.echo(f"glossator: {limit} result{'s' if limit != 1 else ''} shown; more with "
                   "--limit", err=True)


def _catch_up(index, text_of) -> None:
    from annotations.search.index import SearchIndexBusy

    try:
        caught = index.catch_up(text_of, progress=_progress_on_terminal())
    except SearchIndexBusy as busy:
        click.echo(f"glossator: note: {busy}; searching the index as it is", err=True)
        return
    if caught.rebuilt == "damaged":
        click.echo("glossator: note: the search index was damaged; it was made again", err=True)
    for problem in caught.problems:
        say_error(f"not searchable until fixed: {problem}")


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
