"""EPUB books, read with the standard library's zipfile (EbookLib is AGPL: never).

The spine gives the order, each content document becomes Markdown with its chapters as
level-1 headings (the rules are in chapters.py), and the OPF's metadata describes the
book. The body is stored with format "chapters": Markdown whose `#` headings are where
the book's chapters start, for locators such as "Chapter 1, para. 3".
"""

from __future__ import annotations

from pathlib import Path

from annotations.errors import SourceError
from reader.importing.article_source import ImportedArticle
from reader.importing.sources import MAX_DOCUMENT_BYTES, check_source_file

MAX_TEXT_BYTES = 256 * 1024 * 1024
"""All the content documents together, unpacked: far beyond the longest book's text."""
_REMEDY = "export it again as EPUB"


def import_epub(path: Path) -> ImportedArticle:
    from annotations.zipsafe import MAX_MEMBER_BYTES, open_zip, read_member
    from reader.importing.authors import clean_authors
    from reader.importing.epub.chapters import Context, chapter_markdown, decode_xhtml
    from reader.importing.epub.drm import refuse_drm
    from reader.importing.epub.package import read_package
    from reader.importing.epub.toc import toc_labels

    check_source_file(path, MAX_DOCUMENT_BYTES)
    with open_zip(path, "EPUB", _REMEDY) as archive:
        package = read_package(archive, path)
        refuse_drm(archive, path, package)
        labels = toc_labels(archive, path, package)
        context = Context(book_title=package.title, has_toc=bool(labels))
        parts, budget = [], MAX_TEXT_BYTES
        for item in package.spine:
            if budget <= 0:
                raise SourceError(f"{path} holds more text than any book; it is refused")
            data = read_member(archive, item.path, path, limit=min(budget, MAX_MEMBER_BYTES))
            budget -= len(data)
            markdown = chapter_markdown(decode_xhtml(data, path, item.path),
                                        labels.get(item.path, ""), context)
            if markdown:
                parts.append(markdown)
    body = "\n".join(parts)
    if not body.strip():
        raise SourceError(f"{path} has no text in its chapters (only images?); glossator reads text")
    return ImportedArticle(
        body=body,
        format="chapters",
        source=str(path.resolve()),
        title=package.title or path.stem,
        authors=clean_authors(package.authors, [package.publisher]),
        editors=clean_authors(package.editors, [package.publisher]),
        published=package.published,
        language=package.language,
        publisher=package.publisher,
        doi=package.doi,
        type="book",
    )
