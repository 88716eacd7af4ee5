"""Making annotations: the one place a new mark gets its selectors, actor and speaker."""

from __future__ import annotations

from collections.abc import Sequence

from annotations.anchoring import select
from annotations.authors import current_author
from annotations.colours import name_colour
from annotations.errors import GlossatorError
from annotations.library_changes.printable import refuse_unprintable
from annotations.mentions import actor_for_mention
from annotations.model import ACTOR, CLAIM, Annotation, Article, Tag
from annotations.places import TextPlaces
from annotations.store import Library


def default_author() -> str:
    """Who a new mark is by (annotations/authors.py has the order and why)."""
    return current_author()


def check_kind(library: Library, kind: str) -> None:
    if not library.is_known_kind(kind):
        kinds = ", ".join(library.known_kinds())
        raise GlossatorError(
            f"unknown kind {kind!r}; use one of: {kinds} "
            f"(add a tag with `glossator codebook --add {kind}`)"
        )


def new_annotation(
    library: Library,
    article: Article,
    text: str,
    places: TextPlaces | Sequence[int],
    start: int,
    end: int,
    kind: str,
    note: str = "",
    speaker: str = "",
    tags: Sequence[str] = (),
) -> Annotation:
    """Build, link and save a mark of `text[start:end]`; durable when this returns."""
    with library.writing("glossator annotate"):
        library.check_annotations_readable(article.id)
        annotation = build_annotation(library, article, text, places, start, end, kind,
                                      note=note, speaker=speaker, tags=tags)
        library.save_annotation(annotation, touch=False)
    return annotation


def build_annotation(
    library: Library,
    article: Article,
    text: str,
    places: TextPlaces | Sequence[int],
    start: int,
    end: int,
    kind: str,
    note: str = "",
    speaker: str = "",
    tags: Sequence[str] = (),
    link_actor: bool = True,
) -> Annotation:
    """A new mark of `text[start:end]`, linked to its actors, not yet saved.

    An actor mention is linked to the actor whose name or alias matches its text, or
    whose surname it is in this article (annotations/mentions.py), or to a new actor
    named after it (unless `link_actor` is False: the caller links it). A speaker is
    looked up the same way, by id, name or alias, and created on first use.
    """
    check_kind(library, kind)
    if speaker and kind != CLAIM:
        # Checked before anything is written: an actor or tag made for a mark that is
        # then refused would be a half-done change.
        raise GlossatorError("only a claim has a speaker; drop --speaker or use --kind claim")
    for tag in tags:
        refuse_unprintable(tag, "a tag name")  # a name typed, not read from the text
    selector = select(text, start, end, places)
    annotation = Annotation(
        article=article.id,
        kind=kind,
        exact=selector.exact,
        start=selector.start,
        end=selector.end,
        prefix=selector.prefix,
        suffix=selector.suffix,
        paragraph=selector.paragraph,
        page=selector.page,
        page_end=selector.page_end,
        chapter=selector.chapter,
        note=note,
        tags=[t for t in dict.fromkeys(tags) if t],
        author=default_author(),
    )
    with library.writing("glossator annotate"):
        if kind == ACTOR and link_actor:
            annotation.actor = actor_for_mention(library, article, selector.exact)[0].id
        if speaker:
            annotation.speaker = actor_for_mention(library, article, speaker)[0].id
        for tag in annotation.tags:
            if library.tag(tag) is None:  # coloured by its name until someone picks one
                library.save_tag(Tag(tag, name_colour(tag)))
    return annotation
