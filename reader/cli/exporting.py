"""`glossator export`: picks the format, the destination, and says what was written."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from annotations.atomic import write_atomically
from annotations.errors import GlossatorError
from annotations.model import Article
from annotations.store import Library

Written = TypeVar("Written")


def run_export(library: Library, articles: Sequence[Article], fmt: str, output: Path | None,
               emit_stdout: Callable[[str], None]) -> Iterator[str]:
    """Export `articles`; yields one status line per file written (for stderr)."""
    actors = {a.id: a for a in library.actors()}
    if fmt == "markdown":
        yield from _export_markdown(library, articles, output, emit_stdout, actors)
        return
    if fmt == "vault":
        yield from _export_vault(library, articles, output, actors)
        return
    if fmt == "qdpx":
        yield from _export_qdpx(library, articles, output, actors)
        return
    text = render_single_file(library, articles, fmt, actors)
    if output is None:
        emit_stdout(text.rstrip("\n"))
        return
    if output.is_dir():
        raise GlossatorError(f"{output} is a folder; give a file name for the {fmt} export")
    _check_folder_of(output)
    write_atomically(output, text.encode("utf-8"))
    yield f"wrote {output} ({len(articles)} article(s))"


def render_single_file(library: Library, articles: Sequence[Article], fmt: str,
                       actors: dict) -> str:
    if fmt == "json":
        from annotations.export.tabular import export_json

        return export_json(articles, library.annotations, actors, library.counts)
    if fmt == "csv":
        from annotations.export.tabular import export_csv

        return export_csv((a for art in articles for a in library.annotations(art.id)), actors)
    if fmt == "bibtex":
        from annotations.export.bibtex import export_bibtex

        return export_bibtex(articles)
    if fmt == "csl-json":
        from annotations.export.csl_json import export_csl_json

        return export_csl_json(articles)
    if fmt == "w3c":
        from annotations.interchange.w3c.exporting import export_w3c

        return export_w3c(articles, library.annotations, actors)
    raise GlossatorError(f"unknown format {fmt!r}")


def _export_markdown(library: Library, articles: Sequence[Article], output: Path | None,
                     emit_stdout: Callable[[str], None], actors: dict) -> Iterator[str]:
    from annotations.export.markdown import export_notes, render_note, write_note

    if output is None:
        if len(articles) > 1:
            raise GlossatorError(
                f"{len(articles)} articles make {len(articles)} notes; give a folder with -o DIR"
            )
        article = articles[0]
        emit_stdout(render_note(article, library.annotations(article.id), actors).rstrip("\n"))
        return
    if len(articles) == 1 and not output.is_dir() and output.suffix.lower() == ".md":
        _check_folder_of(output)
        article = articles[0]
        results = [write_note(output, article, library.annotations(article.id), actors)]
    else:
        if output.exists() and not output.is_dir():
            raise GlossatorError(f"{output} is a file; give a folder for several notes")
        results = _into_folder(export_notes, library, output, articles, actors)
    for result in results:
        yield f"wrote {result.path}"
        if result.backup:
            yield _kept_edits(result.path, result.backup)


def _export_vault(library: Library, articles: Sequence[Article], output: Path | None,
                  actors: dict) -> Iterator[str]:
    """An Obsidian vault: a note per article, a page per actor, questions and claims."""
    from annotations.export.vault import export_vault

    if output is None:
        raise GlossatorError("a vault is a folder of notes; give it with -o DIR")
    if output.exists() and not output.is_dir():
        raise GlossatorError(f"{output} is a file; give a folder for the vault")
    written = _into_folder(export_vault, library, output, articles, actors)
    changed = sum(f.change in ("new", "updated") for f in written)
    yield f"wrote the vault {output} ({changed} of {len(written)} file(s) changed)"
    for page in written:
        if page.backup:
            yield _kept_edits(page.path, page.backup)
        if page.change == "removed" and page.was is not None:
            yield (f"moved {page.was.name} to Removed/{page.path.parent.name}/: its subject is "
                   "gone from the library, and your notes are in it")


def _export_qdpx(library: Library, articles: Sequence[Article], output: Path | None,
                 actors: dict) -> Iterator[str]:
    """A REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA and QualCoder."""
    from annotations.interchange.refi_qda.exporting import write_project
    from reader.document.cache import text_reader

    if output is None or output.is_dir():
        raise GlossatorError("a REFI-QDA project is one file; give it with -o PROJECT.qdpx")
    _check_folder_of(output)
    write_project(output, articles, library.annotations, actors, library.codebook(),
                  text_reader(library), body_of=library.body)
    yield f"wrote {output} ({len(articles)} article(s))"


def _check_folder_of(output: Path) -> None:
    if not output.parent.exists():
        raise GlossatorError(f"the folder {output.parent} does not exist; create it first")


def _into_folder(export: Callable[..., Written], library: Library, folder: Path,
                 articles: Sequence[Article], actors: dict) -> Written:
    """What `export` (notes, a vault) wrote into `folder`, given every article of the
    library (notes are named apart among them all) and its citation cache, saved after
    with the entries of removed articles dropped, so the next export renders nothing twice."""
    from annotations.citation.cache import CitationCache

    every = library.articles()
    cite = CitationCache(library.folder)
    written = export(folder, articles, every, library.annotations, actors, cite)
    cite.save({a.id for a in every})
    return written


def _kept_edits(path: Path, backup: Path) -> str:
    return f"kept your edits outside 'My notes' of {path.name} in {backup.name}"
