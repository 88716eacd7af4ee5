"""From a source (a file or a URL) to an `ImportedArticle`: one module per source kind."""

from __future__ import annotations

from pathlib import Path

from annotations.errors import SourceError
from reader.importing.address import is_url
from reader.importing.article_source import ImportedArticle

FILE_KINDS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
              ".html": "html", ".htm": "html", ".pdf": "pdf", ".epub": "epub", ".docx": "docx"}
DOCUMENT_KINDS = ("pdf", "epub", "docx")
"""Binary documents: each importer reads the file itself, with its own checks."""

__all__ = ["FILE_KINDS", "ImportedArticle", "import_source"]


def import_source(source: str) -> ImportedArticle:
    """Read a file path or an http(s) URL into an article, or raise `SourceError`."""
    if is_url(source):
        from reader.importing.url import import_url

        return import_url(source).made_plain()
    return import_file(Path(source).expanduser()).made_plain()


def import_file(path: Path) -> ImportedArticle:
    from reader.importing.encoding import decode_markup, decode_text
    from reader.importing.sources import read_source_file

    kind = FILE_KINDS.get(path.suffix.lower())
    if kind is None and not path.is_dir():
        if not path.exists():
            raise SourceError(f"{path} does not exist; check the path")
        raise SourceError(
            f"{path} has an unknown kind ({path.suffix or 'no extension'}); "
            "glossator reads .md, .markdown, .txt, .html, .htm, .pdf, .epub and .docx files"
        )
    if kind in DOCUMENT_KINDS:
        return import_document(path, kind)
    data = read_source_file(path)
    text = decode_markup(data, str(path)) if kind == "html" else decode_text(data, str(path))
    source = str(path.resolve())
    if kind == "html":
        from reader.importing.html import import_html

        return import_html(text, source=source, where=str(path))
    if not text.strip():
        raise SourceError(f"{path} is empty; there is nothing to read")
    if kind == "markdown":
        from reader.importing.markdown import import_markdown

        article = import_markdown(text, source, path.stem)
        if not article.body.strip():
            raise SourceError(f"{path} has front matter but no text; write the article below it")
        return article
    from reader.importing.text import import_text

    return import_text(text, source, path.stem)


def import_document(path: Path, kind: str) -> ImportedArticle:
    """A PDF, EPUB or Word file; each module is imported only when such a file comes."""
    if kind == "pdf":
        from reader.importing.pdf import import_pdf

        return import_pdf(path)
    if kind == "epub":
        from reader.importing.epub import import_epub

        return import_epub(path)
    from reader.importing.docx import import_docx

    return import_docx(path)
