"""Commands about articles: add, list, text, meta, rm."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from annotations.errors import GlossatorError
from reader.cli.main import (
    emit,
    emit_json,
    library_option,
    main,
    open_library,
    read_stdin,
    say_error,
    say_warning,
)


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
    """Add files (.md .markdown .txt .html .htm .pdf .epub .docx), http(s) URLs, or `-`:
    text from standard input (HTML, Markdown or plain text, told apart by its content)."""
    from annotations.metadata import check_date
    from reader.cli.adding import add_pasted, add_source

    if published:
        check_date(published)
    if title and len(sources) > 1:
        raise GlossatorError("--title names one article; add the sources one at a time")
    if sources.count("-") > 1:
        raise GlossatorError("standard input (-) can be read once; give it one time")
    lib = open_library(ctx)
    overrides = {"title": title, "authors": list(authors), "site": site, "published": published,
                 "url": url, "tags": list(tags)}
    failures = 0
    for source in sources:
        try:
            if source == "-":
                added = add_pasted(lib, read_stdin(), overrides)
            else:
                added = add_source(lib, source, overrides)
        except GlossatorError as error:
            failures += 1
            say_error(str(error))
            continue
        verb = "exists" if added.existed else "added"
        emit(f"{verb} {added.article.id} {added.article.title}")
        for warning in added.warnings:
            # On one line, as an error is: a warning from the source may span several.
            say_warning(" ".join(f"{added.article.id}: {warning}".splitlines()))
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
    from reader.cli.formatting import article_table

    for line in article_table(rows):
        emit(line)


@main.command()
@click.argument("article")
@library_option
@click.pass_context
def text(ctx: click.Context, article: str, library: Path | None) -> None:
    """The article text, as the reader shows it; offsets count its code points."""
    from reader.document.cache import load_document

    lib = open_library(ctx)
    document = load_document(lib, lib.resolve(article))
    emit(document.text)


@main.command()
@click.argument("article")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="Change a field: title, authors, site, published, url, accessed, language, "
                   "tags, citekey, type, keywords, doi, volume, issue, pages, publisher, place, "
                   "edition, number, editors, page-offset (aliases: journal, book-title, "
                   "institution). Lists take ';' between items.")
@click.option("--from", "reference_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Set the metadata from one BibTeX entry or CSL-JSON item (as Zotero exports "
                   "it); --set changes apply after it.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def meta(ctx: click.Context, article: str, assignments: tuple[str, ...],
         reference_file: Path | None, as_json: bool, library: Path | None) -> None:
    """Show or change an article's metadata."""
    from annotations.metadata import fields_to_show, metadata_record
    from annotations.metadata_changes import apply_assignments, apply_reference_file

    lib = open_library(ctx)
    found = lib.resolve(article)
    offset = found.page_offset
    if reference_file is not None:
        before, found = found, apply_reference_file(lib, found, reference_file, assignments)
        _say_cleared(before, found, reference_file)
    elif assignments:
        found = apply_assignments(lib, found, assignments)
    if found.page_offset != offset:
        from reader.document.placing import place_marks_again

        place_marks_again(lib, found)  # the marks' printed pages changed with the offset
    record = metadata_record(found)
    if as_json:
        emit_json(record)
        return
    shown_keys = {"id", *fields_to_show(found), "added", "source"}
    for key, value in record.items():
        if key not in shown_keys:
            continue
        shown = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
        emit(f"{key.replace('_', '-') + ':':<11} {shown}")


def _say_cleared(before, after, reference_file: Path) -> None:
    """Which values went because the entry has none: the entry is the reference now."""
    from annotations.metadata import cleared_fields
    from annotations.textsafety import inert

    cleared = cleared_fields(before, after)
    if cleared:
        names = ", ".join(name.replace("_", "-") for name in cleared)
        click.echo(inert(f"glossator: cleared {names}: {reference_file.name} has none"), err=True)


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
