"""Placing an article's marks again after its document's places changed.

A PDF's printed page numbers change when the reader corrects them (`meta --set
page-offset=N`): the text stays, the labels do not. Every mark keeps its words and
offsets and gets the page (and end page) its start now has.
"""

from __future__ import annotations

from annotations.model import Article
from annotations.store import Library
from reader.document.cache import load_document


def place_marks_again(library: Library, article: Article) -> int:
    """Give every mark of `article` its page and chapter by the current document; how many
    changed. Under the lock, from the stored marks, so nothing made meanwhile is undone."""
    document = load_document(library, article)
    places = document.places
    with library.writing("glossator meta"):
        changed = []
        for mark in library.annotations(article.id):
            if mark.end > len(document.text) or mark.orphaned:
                continue
            place = places.place_of(mark.start, mark.end)
            now = (place.page, place.page_end, place.chapter, place.paragraph)
            if now != (mark.page, mark.page_end, mark.chapter, mark.paragraph):
                mark.page, mark.page_end, mark.chapter, mark.paragraph = now
                changed.append(mark)
        if changed:
            library.save_annotations(article.id, changed)
    return len(changed)
