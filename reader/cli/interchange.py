"""`glossator import`: annotations from other tools (W3C Web Annotation, Hypothesis,
REFI-QDA projects) into the library's articles."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.main import emit, emit_json, library_option, main, open_library


@main.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--article", "article_ref",
              help="Put every annotation into this article (else matched by page address).")
@click.option("--kind", "default_kind", default="claim", show_default=True,
              help="The kind of marks whose tags name none (claim, actor, question or a tag).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@library_option
@click.pass_context
def import_command(ctx: click.Context, file: Path, article_ref: str | None, default_kind: str,
                   as_json: bool, library: Path | None) -> None:
    """Import annotations: a W3C Web Annotation file (JSON-LD, ours or another tool's), a
    Hypothesis export or API rows (JSON or JSON Lines), or a REFI-QDA project (.qdpx).

    Exits with status 1, after the report, when the file's annotations are all for pages
    not in the library: nothing was imported, and the user has something to do."""
    from dataclasses import asdict

    from annotations.errors import GlossatorError
    from annotations.interchange.importing import import_file
    from annotations.marking import check_kind
    from reader.document.cache import text_reader

    lib = open_library(ctx)
    check_kind(lib, default_kind)
    article = lib.resolve(article_ref) if article_ref else None
    report = import_file(lib, file.expanduser(), text_reader(lib),
                         article_id=article.id if article else None, default_kind=default_kind)
    if as_json:
        emit_json(asdict(report))
    else:
        for line in report.lines():
            emit(line)
    if report.unmatched and not report.imported and not report.duplicates:
        pages = len(report.unmatched)
        raise GlossatorError(f"nothing was imported: the annotations are for {pages} page(s) not "
                             "in the library; add them first (`glossator add URL`), or give "
                             "--article to put them into one article")
