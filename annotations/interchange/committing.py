"""Writing one article's imported marks, with the actors and tags they bring, at once.

An import is all or nothing per article: the marks, any new actors (speakers) and any
new codebook tags go in one transaction (annotations/transaction.py), so a kill or an
error half-way leaves the article as it was. A new tag the file gives no colour gets one
of its name (annotations/colours.py), whichever format brought it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from annotations.colours import name_colour
from annotations.model import Actor, Annotation, Article, Tag
from annotations.store import Library


def commit_article_import(library: Library, article: Article, marks: Sequence[Annotation],
                          actors: Sequence[Actor] = (), tags: Sequence[Tag] = (),
                          text_hash: str = "") -> None:
    """Add `marks` to `article` with the new `actors` and `tags`, all together; a tag
    without a colour is given its name's.

    `text_hash`, for an article the import itself added: the hash of the text its marks
    were placed in, recorded in the same transaction."""
    if not marks:
        return
    with library.writing("glossator import"):
        current = library.article(article.id)
        if text_hash:
            current.text_hash = text_hash
        with library.transaction(f"import into {article.id}") as change:
            if actors:
                library.stage_actors(change, actors)
            if tags:
                library.stage_tags(change, [_coloured(tag) for tag in tags])
            library.stage_article(change, current, marks)


def _coloured(tag: Tag) -> Tag:
    return tag if tag.colour else dataclasses.replace(tag, colour=name_colour(tag.name))
