"""An article's document model, parsed once and kept in the library beside the body.

Parsing Markdown costs about a second per megabyte; loading the kept model costs about
fifteen milliseconds for a 3 MB book, so opening one stays instant.

The kept file is three parts, so the text never goes through a JSON decoder:

    glossator-document 5
    {"body": …, "body_stamp": [size, mtime_ns], "text_hash": …, "text_bytes": N,
     "blocks": [[…]…], "spans": [[…]…], "pages": [[start, label, index]…],
     "chapters": [[start, label]…]}
    the text, N bytes of UTF-8

`body` is the body's hash as the library records it; `body_stamp` the body file's size
and modification time when the model was kept. A body changed on disk since (edited by
hand, put back by git) has another stamp, so its model is built again from it, and the
reader then finds the marks again on the new text (annotations/store.py, `reanchor`).
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress

from annotations.atomic import write_atomically
from annotations.errors import LibraryError
from annotations.model import Article
from annotations.store import Library
from reader.document.build import build_document
from reader.document.model import Block, Chapter, Document, Page, StyleSpan

MODEL_VERSION = 5
"""Bump when the parser's output or the file's shape changes: old kept models are rebuilt."""

MAGIC = f"glossator-document {MODEL_VERSION}\n".encode("ascii")
CACHE_NAME = "document.cache"
OLD_CACHE_NAMES = ("document.json",)


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def encode_document(document: Document, body_hash: str, body_stamp: list[int] | None = None
                    ) -> bytes:
    text = document.text.encode("utf-8", "surrogatepass")
    header = {
        "body": body_hash,
        "body_stamp": body_stamp,
        "text_hash": document.text_hash,
        "text_bytes": len(text),
        "blocks": [list(b) for b in document.blocks],
        "spans": [list(s) for s in document.spans],
        "pages": [list(p) for p in document.pages],
        "chapters": [list(c) for c in document.chapters],
    }
    line = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return b"".join((MAGIC, line, b"\n", text))


def decode_document(data: bytes, body_hash: str, body_stamp: list[int] | None = None
                    ) -> Document | None:
    """The kept model, or None when it is of another version, stale or damaged; with
    `body_stamp`, also when the body file is not the one it was built from."""
    if not data.startswith(MAGIC):
        return None
    try:
        end = data.index(b"\n", len(MAGIC))
        header = json.loads(data[len(MAGIC):end])
        if body_hash and header["body"] != body_hash:
            return None
        if body_stamp is not None and header["body_stamp"] != body_stamp:
            return None  # the body changed on disk since
        raw = data[end + 1:]
        if len(raw) != header["text_bytes"]:
            return None  # cut short
        document = Document(
            raw.decode("utf-8", "surrogatepass"),
            list(map(Block._make, header["blocks"])),
            list(map(StyleSpan._make, header["spans"])),
            list(map(Page._make, header["pages"])),
            list(map(Chapter._make, header["chapters"])),
        )
        text_hash = header["text_hash"]
    except (ValueError, KeyError, TypeError):  # damaged or of the wrong shape: parse again
        return None
    if not isinstance(text_hash, str):
        return None
    # Kept with the model, so opening a book does not hash 3 MB again.
    document.__dict__["text_hash"] = text_hash
    return document


def model_key(article: Article) -> str:
    """What the kept model was built from: the body, and for PDFs the page offset."""
    if article.format == "pages" and article.page_offset is not None:
        return f"{article.content_hash}+pages{article.page_offset:+d}"
    return article.content_hash


def document_of(body: str, article: Article) -> Document:
    """Build the article's document from its body; a damaged body is one clear error."""
    from reader.document.pages import PagesBodyError

    try:
        return build_document(body, article.format, article.page_offset)
    except PagesBodyError as error:
        raise LibraryError(
            f"the body of {article.id!r} is damaged ({error}); remove it with "
            f"`glossator rm {article.id}` and add the source again"
        ) from None


def body_stamp(library: Library, article: Article) -> list[int] | None:
    """The body file's size and modification time (None when it cannot be read)."""
    try:
        info = library.body_path(article).stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def save_document(library: Library, article: Article, document: Document,
                  stamp: list[int] | None = None) -> None:
    """Keep `document` beside the body; `stamp`: the body file's as it was read (by
    default, as it is now)."""
    path = library.article_folder(article.id) / CACHE_NAME
    stamp = stamp or body_stamp(library, article)
    try:
        with library.writing("glossator"):
            write_atomically(path, encode_document(document, model_key(article), stamp))
            for name in OLD_CACHE_NAMES:
                with suppress(OSError):
                    (path.parent / name).unlink(missing_ok=True)
    except LibraryError:
        pass  # a read-only library still reads; it just parses each time


def load_document(library: Library, article: Article) -> Document:
    """The article's document model, from the kept copy when it is current."""
    path = library.article_folder(article.id) / CACHE_NAME
    stamp = body_stamp(library, article)
    try:
        document = decode_document(path.read_bytes(), model_key(article), stamp or [])
    except OSError:
        document = None
    if document is None:
        document = document_of(library.body(article), article)
        save_document(library, article, document, stamp)
    return document


def text_reader(library: Library):
    """`text_of(article) -> (text, places)` for the domain's importers and exporters, which
    do not build documents themselves."""

    def text_of(article: Article) -> tuple[str, object]:
        document = load_document(library, article)
        return document.text, document.places

    return text_of
