"""The command line: parses, calls the library, prints. Errors are one line and exit 1."""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
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


def open_library(ctx: click.Context):
    from annotations.store import Library

    return Library.open(library_folder(ctx))


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


def fail(message: str) -> None:
    say_error(message)
    sys.exit(1)


def say_error(message: str) -> None:
    # One line, whatever a path, title or library error carried in it.
    line = " ".join(message.splitlines())
    click.echo(f"glossator: error: {inert(line)}", err=True)


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
    # sight, a full collection while a book loads takes a few milliseconds, not 25.
    gc.freeze()
    GlossatorApp(library, article_id=article.id if article else None).run()


@main.command("open")
@click.argument("article", required=False)
@library_option
@click.pass_context
def open_command(ctx: click.Context, article: str | None, library: Path | None) -> None:
    """Open the reader, straight into ARTICLE when given."""
    run_tui(ctx, article)


@main.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("--title", help="Title (overrides what the source says).")
@click.option("--author", "authors", multiple=True, help="An author; repeat for several.")
@click.option("--site", help="Site or publication.")
@click.option("--date", "published", help="Published date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--url", help="The article's web address.")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for several.")
@library_option
@click.pass_context
def add(ctx: click.Context, sources: tuple[str, ...], title: str | None,
        authors: tuple[str, ...], published: str | None, site: str | None, url: str | None,
        tags: tuple[str, ...], library: Path | None) -> None:
    """Add .md, .markdown, .txt, .html or .htm files, or http(s) URLs."""
    from annotations.metadata import check_date
    from reader.adding import add_source

    if published:
        check_date(published)
    if title and len(sources) > 1:
        raise GlossatorError("--title names one article; add the sources one at a time")
    lib = open_library(ctx)
    overrides = {"title": title, "authors": list(authors), "site": site, "published": published,
                 "url": url, "tags": list(tags)}
    failures = 0
    for source in sources:
        try:
            added = add_source(lib, source, overrides)
        except GlossatorError as error:
            failures += 1
            say_error(str(error))
            continue
        verb = "exists" if added.existed else "added"
        emit(f"{verb} {added.article.id} {added.article.title}")
    if failures:
        sys.exit(1)


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool, library: Path | None) -> None:
    """The articles, with annotation counts."""
    from annotations.export.records import article_record

    lib = open_library(ctx)
    by_article = lib.all_counts()
    rows = [(a, by_article.get(a.id, Counter())) for a in lib.articles()]
    if as_json:
        emit_json([article_record(a, counts) for a, counts in rows])
        return
    if not rows:
        emit(f"no articles yet in {lib.folder}; add one with `glossator add FILE-OR-URL`")
        return
    from reader.formatting import article_table

    for line in article_table(rows):
        emit(line)


@main.command()
@click.argument("article")
@library_option
@click.pass_context
def text(ctx: click.Context, article: str, library: Path | None) -> None:
    """The article text, as the reader shows it; offsets count its code points."""
    from reader.documents import load_document

    lib = open_library(ctx)
    document = load_document(lib, lib.resolve(article))
    emit(document.text)


@main.command()
@click.argument("article")
@click.option("--kind", required=True, help="claim, actor, question or a codebook tag.")
@click.option("--quote", required=True, help="The words to mark (whitespace-insensitive).")
@click.option("--occurrence", type=click.IntRange(min=1), help="Which occurrence, from 1.")
@click.option("--note", default="", help="A note (Markdown).")
@click.option("--speaker", default="", help="Who made the claim: an actor's name, alias or id.")
@click.option("--tag", "tags", multiple=True, help="An extra tag; repeat for several.")
@library_option
@click.pass_context
def annotate(ctx: click.Context, article: str, kind: str, quote: str, occurrence: int | None,
             note: str, speaker: str, tags: tuple[str, ...], library: Path | None) -> None:
    """Mark a quote of ARTICLE; prints the new annotation's id."""
    from annotations.anchoring import choose_occurrence, find_quote
    from annotations.marking import check_kind, new_annotation
    from reader.documents import load_document

    lib = open_library(ctx)
    found = lib.resolve(article)
    check_kind(lib, kind)
    document = load_document(lib, found)
    spans = find_quote(document.text, quote)
    start, end = choose_occurrence(spans, quote, occurrence, f"article {found.id!r}")
    annotation = new_annotation(lib, found, document.text, document.paragraph_starts, start, end,
                                kind, note=note, speaker=speaker, tags=tags)
    click.echo(annotation.id)


@main.command("annotations")
@click.argument("article", required=False)
@click.option("--kind", help="Only this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def annotations_command(ctx: click.Context, article: str | None, kind: str | None,
                        as_json: bool, library: Path | None) -> None:
    """Annotations of one article, or of the whole library."""
    from annotations.export.records import annotation_record
    from annotations.marking import check_kind

    lib = open_library(ctx)
    if kind:
        check_kind(lib, kind)
    found = lib.annotations(lib.resolve(article).id) if article else list(lib.all_annotations())
    found = [a for a in found if not kind or a.kind == kind]
    actors = {a.id: a for a in lib.actors()}
    if as_json:
        emit_json([annotation_record(a, actors) for a in found])
        return
    from reader.formatting import annotation_line

    for annotation in found:
        emit(annotation_line(annotation, actors, with_article=article is None))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def actors(ctx: click.Context, as_json: bool, library: Path | None) -> None:
    """Actors with their mentions and claims across the library."""
    from annotations.export.records import actor_record
    from annotations.model import ACTOR, CLAIM

    lib = open_library(ctx)
    every = list(lib.all_annotations())
    records = []
    for actor in lib.actors():
        mentions = [a for a in every if a.kind == ACTOR and a.actor == actor.id]
        claims = [a for a in every if a.kind == CLAIM and a.speaker == actor.id]
        records.append(actor_record(actor, mentions, claims))
    if as_json:
        emit_json(records)
        return
    if not records:
        emit("no actors yet; mark one with `glossator annotate ARTICLE --kind actor --quote NAME`")
    for r in records:
        aliases = f" (also {', '.join(r['aliases'])})" if r["aliases"] else ""
        emit(f"{r['name']}{aliases} [{r['type']}]: {len(r['mentions'])} mention(s), "
             f"{len(r['claims'])} claim(s) in {len(r['articles'])} article(s)")


@main.command()
@click.argument("articles", nargs=-1, metavar="[ARTICLE...]")
@click.option("--all", "everything", is_flag=True, help="Every article in the library.")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["markdown", "json", "csv", "bibtex", "csl-json"]))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File, or folder for one Markdown note per article. Default: stdout.")
@library_option
@click.pass_context
def export(ctx: click.Context, articles: tuple[str, ...], everything: bool, fmt: str,
           output: Path | None, library: Path | None) -> None:
    """Export notes, annotations or references."""
    from reader.exporting import run_export

    lib = open_library(ctx)
    if everything and articles:
        raise GlossatorError("give article ids or --all, not both")
    if not everything and not articles:
        raise GlossatorError("name the articles to export, or pass --all")
    chosen = lib.articles() if everything else _resolve_all(lib, articles)
    # stdout through `emit`: a CSV or BibTeX field holds raw article text, and a terminal
    # must not obey the escape sequences in it. Files written with -o stay exact.
    for line in run_export(lib, chosen, fmt, output, emit_stdout=emit):
        click.echo(inert(line), err=True)


def _resolve_all(lib, refs: tuple[str, ...]) -> list:
    seen: dict[str, Any] = {}
    for ref in refs:
        article = lib.resolve(ref)
        seen.setdefault(article.id, article)
    return list(seen.values())


@main.command()
@click.argument("article")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="Change a field: title, authors, site, published, url, accessed, "
                   "language, tags, citekey. Lists take ';' between items.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def meta(ctx: click.Context, article: str, assignments: tuple[str, ...], as_json: bool,
         library: Path | None) -> None:
    """Show or change an article's metadata."""
    from annotations.metadata import apply_assignments, metadata_record

    lib = open_library(ctx)
    found = lib.resolve(article)
    if assignments:
        found = apply_assignments(lib, found, assignments)
    record = metadata_record(found)
    if as_json:
        emit_json(record)
        return
    for key, value in record.items():
        shown = "; ".join(value) if isinstance(value, list) else str(value)
        emit(f"{key + ':':<11} {shown}")


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
    from reader.citing import citation_text

    lib = open_library(ctx)
    found = lib.resolve(article)
    annotation = lib.annotation(found.id, annotation_ref) if annotation_ref else None
    text = citation_text(found, annotation, style)
    emit(text)
    if copy:
        from annotations.clipboard import copy_text

        outcome = copy_text(text)
        click.echo(inert(outcome.message), err=True)


@main.command()
@click.argument("article")
@library_option
@click.pass_context
def rm(ctx: click.Context, article: str, library: Path | None) -> None:
    """Remove an article, its body and its annotations."""
    lib = open_library(ctx)
    found = lib.resolve(article)
    count = sum(lib.counts(found.id).values())
    lib.remove_article(found.id)
    emit(f"removed {found.id} {found.title} ({count} annotation(s))")


@main.command()
@click.option("--add", "add_name", metavar="TAG", help="Add a tag (hierarchical by '/').")
@click.option("--colour", "--color", "colour", default="", help="Its colour, e.g. '#d08050'.")
@click.option("--description", default="", help="What the tag means.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def codebook(ctx: click.Context, add_name: str | None, colour: str, description: str,
             as_json: bool, library: Path | None) -> None:
    """The codebook: the three kinds and your tags. --add makes a new tag."""
    from annotations.model import Tag

    lib = open_library(ctx)
    if add_name:
        lib.save_tag(Tag(add_name, colour, description))
    tags = lib.codebook()
    if as_json:
        emit_json([{"name": t.name, "colour": t.colour, "description": t.description,
                    "builtin": t.builtin} for t in tags])
        return
    for tag in tags:
        emit(f"{tag.name:<24} {tag.colour:<8} {tag.description}")

