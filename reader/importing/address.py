"""Whether a source is a web address or a file: asked by every `add` and `refresh`, so it
lives apart from the downloader (reader/importing/url.py), whose HTTP and TLS modules a
command reading a file need not load."""

from __future__ import annotations


def is_url(source: str) -> bool:
    return "://" in source[:12] or source.lower().startswith(("http:", "https:", "file:", "ftp:"))
