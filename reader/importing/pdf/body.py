"""The stored body of a PDF: its text page by page, as JSON (format "pages", read by
reader/document/pages.py)."""

from __future__ import annotations

import json

from reader.importing.pdf.paragraphs import HEADING, Block

FORMAT_NAME = "pages"
VERSION = 1


def pages_body(labels: list[str], pages: list[list[Block]]) -> str:
    document = {
        "glossator": FORMAT_NAME,
        "version": VERSION,
        "pages": [{"index": index, "label": label, "blocks": [_block(b) for b in blocks]}
                  for index, (label, blocks) in enumerate(zip(labels, pages, strict=True), start=1)],
    }
    return json.dumps(document, ensure_ascii=False)


def _block(block: Block) -> dict[str, object]:
    written: dict[str, object] = {"kind": block.kind}
    if block.kind == HEADING:
        written["level"] = block.level
    written["text"] = block.text
    if block.joins is not None:
        written["joins"] = block.joins
    return written
