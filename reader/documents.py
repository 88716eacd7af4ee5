"""An article's document model, parsed once and kept in the library beside the body.

Parsing Markdown costs about a second per megabyte; loading the kept model costs a few
milliseconds, so opening a book-length article stays instant.
"""

from __future__ import annotations

import hashlib
import json

from annotations.atomic import write_atomically
from annotations.errors import LibraryError
from annotations.model import Article
from annotations.store import Library
from reader.document import Block, Document, StyleSpan, build_document

MODEL_VERSION = 1
"""Bump when the parser's output changes: kept models of the old shape are rebuilt."""

CACHE_NAME = "document.json"


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def encode_document(document: Document, body_hash: str) -> bytes:
    record = {
        "version": MODEL_VERSION,
        "body": body_hash,
        "text": document.text,
        "blocks": [
            [b.kind, b.start, b.end, b.level, b.list_depth, b.quote_depth, b.marker, b.language]
            for b in document.blocks
        ],
        "spans": [[s.start, s.end, s.style, s.href] for s in document.spans],
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_document(data: bytes, body_hash: str) -> Document | None:
    try:
        record = json.loads(data)
    except ValueError:
        return None
    if not isinstance(record, dict) or record.get("version") != MODEL_VERSION:
        return None
    if body_hash and record.get("body") != body_hash:
        return None
    try:
        return Document(
            record["text"],
            [Block(*b) for b in record["blocks"]],
            [StyleSpan(*s) for s in record["spans"]],
        )
    except (KeyError, TypeError):  # a kept model of the wrong shape: parse again
        return None


def save_document(library: Library, article: Article, document: Document) -> None:
    path = library.article_folder(article.id) / CACHE_NAME
    try:
        with library.writing("glossator"):
            write_atomically(path, encode_document(document, article.content_hash))
    except LibraryError:
        pass  # a read-only library still reads; it just parses each time


def load_document(library: Library, article: Article) -> Document:
    """The article's document model, from the kept copy when it is current."""
    path = library.article_folder(article.id) / CACHE_NAME
    try:
        document = decode_document(path.read_bytes(), article.content_hash)
    except OSError:
        document = None
    if document is None:
        document = build_document(library.body(article), article.format)
        save_document(library, article, document)
    return document
