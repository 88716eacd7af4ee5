"""CSL-JSON: the bibliography format citeproc, pandoc and Zotero all read.

One item per article, keyed by its citekey (pandoc cites `[@okafor2024harbour]`); the
items are those glossator's own citations are rendered from (annotations/citation/csl.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from annotations.citation.csl import csl_item
from annotations.model import Article
from annotations.textsafety import dumps_json


def export_csl_json(articles: Iterable[Article]) -> str:
    return dumps_json([csl_item(article) for article in articles]) + "\n"
