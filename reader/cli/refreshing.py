"""Refreshing an article from its source (the CLI's `refresh`, the TUI's refresh key):
read it again, build its document, and let the domain keep the old body as a version and
find every mark again."""

from __future__ import annotations

from pathlib import Path

from annotations.errors import SourceError
from annotations.model import Article
from annotations.refreshing import REFRESHED_FIELDS, RefreshReport, refresh_article
from annotations.store import Library


def where_to_refresh_from(article: Article) -> str:
    """The article's own source: its file while it exists, else its web address."""
    from reader.importing.address import is_url

    source = article.source
    if source and (is_url(source) or Path(source).exists()):
        return source
    if article.url:
        return article.url
    if source:
        raise SourceError(f"{source} is gone and {article.id!r} has no web address; give the new "
                          f"file: `glossator refresh {article.id} FILE`")
    raise SourceError(f"{article.id!r} was pasted, so there is nothing to read again; give the "
                      f"new text: `glossator refresh {article.id} FILE` (or - for standard input)")


def refresh(library: Library, article: Article, source: str | None = None,
            pasted: str | None = None) -> RefreshReport:
    """Read the article's source again (or `source`, a new file or URL, or `pasted` text)
    and refresh it; nothing changes unless all of it works."""
    from reader.cli.adding import import_for_refresh
    from reader.document.build import build_document
    from reader.document.cache import load_document, save_document

    where = source or ("" if pasted is not None else where_to_refresh_from(article))
    try:
        imported = import_for_refresh(where, pasted)
    except SourceError as error:
        raise refusal_for_refresh(error, article) from None
    document = build_document(imported.body, imported.format, article.page_offset)
    if not document.text.strip():
        raise SourceError(f"{where or 'the new text'} has no readable text now; {article.id!r} "
                          "was kept as it was")
    old = load_document(library, article)
    metadata = {name: getattr(imported, name, None) for name in REFRESHED_FIELDS}
    new_source = imported.source if source else ""
    report = refresh_article(library, article, imported.body, imported.format, document.text,
                             document.text_hash, document.places, old.text, metadata,
                             source=new_source)
    report.warnings = list(getattr(imported, "warnings", []))
    if report.changed:
        save_document(library, report.article, document)
        if report.fields or report.article.format != article.format:
            # The citations rest on the details and the format, not on the body: kept as
            # they were unless those changed (annotations/citation/cache.py).
            from annotations.citation.cache import keep_citations

            keep_citations(library.folder, report.article)
    return report


_ADD_ADVICE = (
    ("and add it again", "and refresh from that"),
    ("and add that", "and refresh from that"),
    ("and add the file", "and refresh from that file: `glossator refresh {id} FILE`"),
    ("`glossator add -`", "`glossator refresh {id} -`"),
    ("`add -`", "`refresh {id} -`"),
    ("| glossator add -", "| glossator refresh {id} -"),
)


def refusal_for_refresh(error: SourceError, article: Article) -> SourceError:
    """An importer's refusal, told as a refresh's: its advice about adding turned into
    advice about refreshing, and the reassurance that the article is as it was."""
    text = str(error)
    for adding, refreshing in _ADD_ADVICE:
        text = text.replace(adding, refreshing.format(id=article.id))
    if "kept as it was" not in text:
        text += f"; {article.id!r} was kept as it was"
    return SourceError(text)


def refresh_line(report: RefreshReport) -> str:
    article = report.article
    if not report.changed:
        return f"unchanged {article.id}: the source has the same text as before"
    fields = f"; updated {', '.join(report.fields)}" if report.fields else ""
    if report.same_text:
        return (f"refreshed {article.id}: only its formatting changed, the text is the same; "
                f"{report.summary()}; no version kept{fields}")
    kept = f"the earlier text is version {report.version.number}" if report.version else ""
    return f"refreshed {article.id}: {report.summary()}; {kept}{fields}"



