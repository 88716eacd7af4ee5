"""Commands of a library shared through git: `sync` (commit, fetch, merge, push, and what
came in), `sync init [REMOTE]` (share this library) and `sync clone URL [DIR]` (start
from a teammate's)."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.main import (
    emit,
    emit_json,
    library_folder,
    library_option,
    main,
    open_library,
    pass_library_down,
)


@main.group("sync", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (documented shape).")
@library_option
@click.pass_context
def sync_command(ctx: click.Context, as_json: bool, library: Path | None) -> None:
    """Share the library with the team through git: commit what changed here (saying what),
    fetch, merge record by record, push, and report what came in from whom.

    No remote: commit only. A remote that cannot be reached: commit, and the push waits
    for the next sync. The library must be shared first: `glossator sync init [REMOTE]`,
    or `glossator sync clone URL [DIR]` for a teammate's.
    """
    pass_library_down(ctx, library)
    if ctx.invoked_subcommand is not None:
        return
    from annotations.sync.git import git_program
    from annotations.sync.syncing import sync

    git_program()
    _show(sync(open_library(ctx), text_of=article_text), as_json)


@sync_command.command("init")
@click.argument("remote", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@library_option
@click.pass_context
def init_command(ctx: click.Context, remote: str | None, as_json: bool,
                 library: Path | None) -> None:
    """Make the library a git repository (with the merge driver, .gitattributes and
    .gitignore), set REMOTE (a URL or the path of a bare repository) as `origin`, and sync
    once: commit the library, and push it when there is a remote."""
    from annotations.sync.git import git_program
    from annotations.sync.setup import remote_address
    from annotations.sync.syncing import share

    git_program()  # before the library folder is made: no git, no folder
    if remote:
        remote = remote_address(remote)
    lines, report = share(open_library(ctx), remote, text_of=article_text)
    if not as_json:
        for line in lines:
            emit(line)
    _show(report, as_json, setup=lines)


@sync_command.command("clone")
@click.argument("url")
@click.argument("folder", metavar="[DIR]", required=False,
                type=click.Path(file_okay=False, path_type=Path))
@library_option
@click.pass_context
def clone_command(ctx: click.Context, url: str, folder: Path | None, library: Path | None) -> None:
    """Clone a teammate's library from URL into DIR (default: the library folder, which
    must not hold a library yet), set it up for syncing, and say how to open it."""
    from annotations.store import Library
    from annotations.sync.setup import clone

    target = folder or library_folder(ctx)
    clone(url, target)
    cloned = Library.open(target)
    counts = cloned.all_counts()
    articles, marks = len(counts), sum(sum(c.values()) for c in counts.values())
    emit(f"cloned {url} into {target}: {articles} article(s), {marks} mark(s)")
    if folder is not None and folder.resolve() != library_folder(ctx).resolve():
        emit(f"open it with `glossator --library {target}`; `glossator --library {target} sync` "
             "shares your changes")


def article_text(body: bytes, record: dict) -> tuple[str, object]:
    """The text (and its places) of an article's body as another version of the library
    holds it, for the sync to find marks again in a body a teammate refreshed."""
    from annotations.errors import LibraryError
    from annotations.model import Article
    from reader.document.cache import document_of

    try:
        # As the store reads a body: UTF-8, universal newlines.
        text = body.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        article = Article.from_record(record)
    except (UnicodeDecodeError, TypeError) as error:
        raise LibraryError(f"the body of {record.get('id')!r} cannot be read ({error})") from None
    document = document_of(text, article)
    return document.text, document.places


def _show(report, as_json: bool, setup: list[str] | None = None) -> None:
    from annotations.errors import GlossatorError

    if as_json:
        record = report.record()
        if setup is not None:
            record["setup"] = setup
        emit_json(record)
    else:
        for line in report.lines():
            if not (report.error and line.startswith("not pushed:")):
                emit(line)
    if report.error:
        raise GlossatorError(f"not pushed: {report.error}")
