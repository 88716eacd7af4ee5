"""The command line: parses, calls the library, prints. Errors are one line and exit 1."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Any

import click

from annotations.errors import GlossatorError
from annotations.textsafety import dumps_json, inert

LIBRARY_ENV = "GLOSSATOR_LIBRARY"


def default_library_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("glossator", appauthor=False) / "library"


def library_folder(ctx: click.Context) -> Path:
    chosen = ctx.params.get("library") or (ctx.obj or {}).get("library")
    if chosen:
        return Path(chosen)
    if os.environ.get(LIBRARY_ENV):
        return Path(os.environ[LIBRARY_ENV])
    return default_library_folder()


def pass_library_down(ctx: click.Context, library: Path | None) -> None:
    """A command group's --library, for its subcommands too: `actors --library L merge A B`."""
    if library:
        ctx.obj = {**(ctx.obj or {}), "library": library}


def open_library(ctx: click.Context, mending: bool = False):
    """The command's library; `mending` (doctor, restore, backup) opens one whose
    library.json is damaged too."""
    from annotations.store import Library

    library = Library.open(library_folder(ctx), mending=mending)
    library.snapshots_to_keep = _snapshots_to_keep()  # type: ignore[assignment]
    from reader.config import use_configured_author

    problem = use_configured_author()  # who new marks are by: [user] name (annotations/authors.py)
    if problem:
        from annotations.authors import current_author

        say_warning(f"{problem}; new marks are by {current_author()!r} until it is mended")
    return library


def _snapshots_to_keep() -> int | None:
    """`[backup] keep` for the daily snapshot; None (none pruned) while that setting is
    wrong. A guess would delete snapshots the user meant to keep, and a change should not
    fail for a setting it does not need; `backup` and `restore` say what is wrong. A
    mistake elsewhere in the config is reported by what reads it (cite, the reader)."""
    from reader.config import backup_config

    try:
        return backup_config().keep
    except GlossatorError:
        return None


def read_stdin() -> str:
    """An article piped in (`add -`, `refresh ID -`), refused with one line when a terminal,
    empty or too big."""
    from annotations.errors import SourceError
    from reader.importing.encoding import decode_markup
    from reader.importing.sources import MAX_SOURCE_BYTES

    stream = sys.stdin.buffer
    if stream.isatty():
        raise SourceError("`add -` reads the article from standard input; pipe or paste it in "
                          "(e.g. `pbpaste | glossator add -`), ending with ctrl+d")
    data = stream.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"standard input holds more than {MAX_SOURCE_BYTES // 1024 // 1024} MB, "
                          "over the size limit; save the article to a file and add that")
    if not data.strip():
        raise SourceError("standard input is empty; pipe the article's text into `glossator add -`")
    # Pasted or piped HTML says its charset as a saved page does; text has no meta tag.
    return decode_markup(data, "standard input")


def emit(text: str = "") -> None:
    """Print article-derived text: control characters shown, never obeyed."""
    click.echo(inert(text))


def emit_json(data: Any) -> None:
    click.echo(dumps_json(data))


library_option = click.option(
    "--library",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Library folder (default: ${LIBRARY_ENV} or the user data folder).",
)


class GlossatorGroup(click.Group):
    """Turns every expected failure into one line on stderr and exit status 1."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        _collect_less()
        try:
            return super().main(*args, **kwargs)
        except GlossatorError as error:
            fail(str(error))
        except click.exceptions.Abort:
            fail("interrupted")
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as error:
            hint = ""
            if isinstance(error, click.UsageError) and error.ctx is not None:
                hint = f" (see `{error.ctx.command_path} --help`)"
            fail(f"{error.format_message()}{hint}")
        except BrokenPipeError:
            _silence_broken_pipe()
        except KeyboardInterrupt:
            fail("interrupted")
        except Exception as error:  # a bug: still one line, with a way to see more
            if os.environ.get("GLOSSATOR_DEBUG"):
                raise
            fail(f"internal error: {error.__class__.__name__}: {error} "
                 "(run with GLOSSATOR_DEBUG=1 for details, and please report it)")


_USUAL_COLLECTION = gc.get_threshold()


def _collect_less() -> None:
    """Python's cycle collector, tuned for glossator: what was imported at start is frozen
    out of its passes, and a pass comes after 50,000 new objects rather than 700. Reading
    and saving 10,000 marks makes millions of objects and no garbage cycles; with the
    defaults a refresh spent a tenth of its time (400 passes) collecting nothing."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def fail(message: str) -> None:
    say_error(message)
    sys.exit(1)


def say_error(message: str) -> None:
    # One line, whatever a path, title or library error carried in it.
    line = " ".join(message.splitlines())
    click.echo(f"glossator: error: {inert(line)}", err=True)


def say_warning(message: str) -> None:
    """One warning on stderr; its control characters made harmless, its lines kept."""
    click.echo(f"glossator: warning: {inert(message)}", err=True)


def _silence_broken_pipe() -> None:
    # Output piped into `head` closed early: not an error worth a word.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


@click.group(cls=GlossatorGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@library_option
@click.version_option(package_name="glossator")
@click.pass_context
def main(ctx: click.Context, library: Path | None) -> None:
    """Read articles, mark claims, actors and open questions, cite and export them.

    With no command, opens the reader on the library.
    """
    ctx.obj = {"library": library}
    if ctx.invoked_subcommand is None:
        run_tui(ctx, None)


def run_tui(ctx: click.Context, article_ref: str | None) -> None:
    library = open_library(ctx)
    article = library.resolve(article_ref) if article_ref else None
    from reader.app import GlossatorApp

    # Everything imported so far lives as long as the app: out of the garbage collector's
    # sight, a full collection while a book loads takes a few milliseconds, not 25. The
    # app keeps Python's usual pace of collection (a command's is for a short run).
    gc.freeze()
    gc.set_threshold(*_USUAL_COLLECTION)
    GlossatorApp(library, article_id=article.id if article else None).run()


@main.command("open")
@click.argument("article", required=False)
@library_option
@click.pass_context
def open_command(ctx: click.Context, article: str | None, library: Path | None) -> None:
    """Open the reader, straight into ARTICLE when given."""
    run_tui(ctx, article)
