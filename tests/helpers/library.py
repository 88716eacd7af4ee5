"""Building small real libraries and taking byte-for-byte snapshots of them."""

from __future__ import annotations

import os
from pathlib import Path

from annotations.anchoring import choose_occurrence, find_quote
from annotations.marking import new_annotation
from annotations.model import Annotation, Article
from annotations.store import Library
from reader.cli.adding import add_source
from reader.document.cache import load_document

SAMPLE_MARKDOWN = """\
---
title: Tram extension splits the valley towns
authors:
  - Orla Brennan
  - Kofi Mensah
site: The Valley Courier
published: 2024-06-02
url: https://valley-courier.example/tram-extension
tags: [transport, planning]
---

# Tram extension splits the valley towns

The regional authority approved a **tram extension** to Millbrook on Monday, saying the
line would carry 9,000 passengers a day within three years.

Councillor Dana Whitlock called the forecast "wildly optimistic" and said the bus network
already loses money on the same route.

- Construction is due to start in spring.
- The authority has not published the cost of land purchases.

Who will pay if passenger numbers fall short of 9,000 a day?
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, so a test can prove nothing changed."""
    files: dict[str, bytes] = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            files[str(path.relative_to(folder))] = path.read_bytes()
    return files


def write_sample(folder: Path, name: str = "tram.md", text: str = SAMPLE_MARKDOWN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def add_sample(library: Library, source_folder: Path, name: str = "tram.md",
               text: str = SAMPLE_MARKDOWN) -> Article:
    return add_source(library, str(write_sample(source_folder, name, text))).article


def mark(library: Library, article: Article, quote: str, kind: str = "claim",
         occurrence: int | None = None, **details: str) -> Annotation:
    """Mark `quote` the way `glossator annotate` does."""
    document = load_document(library, article)
    start, end = choose_occurrence(find_quote(document.text, quote), quote, occurrence, article.id)
    return new_annotation(library, article, document.text, document.places, start, end,
                          kind, **details)
