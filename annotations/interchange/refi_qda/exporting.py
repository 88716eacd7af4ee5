"""`export --format qdpx`: a library's articles and marks as a REFI-QDA project.

The layout is in this package's docstring. The project is written to a temp file beside
the destination, fsynced and renamed over it: a kill half-way leaves the old file, or none.
Zip entries carry a fixed date, so the same library exports the same bytes.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from annotations.atomic import fsync_folder, temp_path_for
from annotations.errors import GlossatorError
from annotations.interchange.refi_qda.project_xml import ExportedArticle, project_xml
from annotations.model import Actor, Annotation, Article, Tag

TextOf = Callable[[Article], tuple[str, object]]
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can carry: a fixed one keeps exports byte-identical."""


def write_project(path: Path, articles: Sequence[Article],
                  annotations_of: Callable[[str], list[Annotation]], actors: dict[str, Actor],
                  codebook: Sequence[Tag], text_of: TextOf,
                  body_of: Callable[[Article], str] | None = None) -> None:
    """Write `articles`, their marks, the actors they name and the codebook to `path`.

    `body_of(article)` gives the article's body as stored: kept in the project, it lets an
    import into another library restore the article as it was (Markdown, a PDF's pages);
    without it the article comes back as a plain-text copy of its text.
    """
    exported = [_exported(article, annotations_of, text_of, body_of) for article in articles]
    qde = project_xml(path.stem or "glossator", exported, actors, codebook)
    members = [("project.qde", qde.encode("utf-8"))]
    members += [(f"sources/{item.guid}.txt", item.text.encode("utf-8")) for item in exported]
    _write_zip(path, members)


def _exported(article: Article, annotations_of: Callable[[str], list[Annotation]],
              text_of: TextOf, body_of: Callable[[Article], str] | None) -> ExportedArticle:
    text, _places = text_of(article)
    return ExportedArticle(article, source_text(text), annotations_of(article.id),
                           body_of(article) if body_of else None)


def source_text(text: str) -> str:
    """The article text as a source file other tools count the same way we do.

    One code point for one, so every offset still holds: a carriage return (a CRLF would
    count as two in some tools and one in others) becomes a line feed, a lone surrogate
    (unwritable in UTF-8) U+FFFD, and a leading U+FEFF, which readers take for a byte
    order mark and drop, a space.
    """
    if "\r" in text:
        text = text.replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


def _write_zip(path: Path, members: Iterable[tuple[str, bytes]]) -> None:
    temp = temp_path_for(path)
    try:
        with open(temp, "wb") as file:
            with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in members:
                    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise GlossatorError(f"cannot write {path}: {error.strerror or error}; "
                             "choose another file with -o") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
