"""One mark from outside the reader: found by its id anywhere in the library, changed by
KEY=VALUE, or deleted (`glossator annotation ID [--set K=V]... [--delete]`).

A change is checked whole before anything is written (a bad status after a good speaker
adds no actor), then saved as one write of the mark; `updated` is stamped, the author
stays whoever made the mark.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from annotations.colours import name_colour
from annotations.errors import AmbiguousError, GlossatorError, NotFoundError
from annotations.library_changes.printable import refuse_unprintable
from annotations.model import CLAIM, QUESTION, Annotation, Tag, statuses_for
from annotations.store import Library

SETTABLE: tuple[str, ...] = ("note", "status", "speaker", "answer", "tags")


def find_mark(library: Library, reference: str) -> Annotation:
    """The mark `reference` names: its id, a unique prefix of it across the library (with or
    without the id's dashes, so the 8 digits `annotations` shows will do), or ARTICLE:ID."""
    reference = reference.strip()
    if not reference:
        raise NotFoundError("give a mark's id; `glossator annotations` lists them")
    article_ref, sep, mark_ref = reference.partition(":")
    if sep:
        article = library.resolve(article_ref)
        return _one_of(library.annotations(article.id), mark_ref.strip(), f"article {article.id!r}")
    return _one_of(library.all_annotations(), reference, "the library")


def _one_of(marks, reference: str, where: str) -> Annotation:
    wanted = reference.casefold().replace("-", "")
    if not wanted:
        raise NotFoundError("give a mark's id after the colon; `glossator annotations` lists them")
    found = []
    for mark in marks:
        if mark.id == reference:
            return mark
        if mark.id.casefold().replace("-", "").startswith(wanted):
            found.append(mark)
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(f"no mark {reference!r} in {where}; `glossator annotations` lists the ids")
    articles = sorted({m.article for m in found})
    shown = ", ".join(articles[:3]) + (", …" if len(articles) > 3 else "")
    raise AmbiguousError(f"{reference!r} matches {len(found)} marks (in {shown}); type more of the "
                         "id, or give ARTICLE:ID")


def parse_settings(assignments: Sequence[str]) -> dict[str, str]:
    """`["status=disputed", "tags=a; b"]` → {"status": "disputed", "tags": "a; b"}; a later
    setting of a key wins, as on any command line."""
    settings: dict[str, str] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        key = key.strip().lower()
        if not sep:
            raise GlossatorError(f"{item!r} is not KEY=VALUE; e.g. --set status=disputed "
                                 f"(keys: {', '.join(SETTABLE)})")
        if key not in SETTABLE:
            raise GlossatorError(f"a mark has no setting {key!r}; use one of: {', '.join(SETTABLE)}")
        settings[key] = value
    return settings


def changed_mark(library: Library, mark: Annotation, settings: dict[str, str]) -> Annotation:
    """A copy of `mark` with `settings` applied and checked; nothing is written yet except
    what the speaker needs: an actor created on first use, as `annotate --speaker` does."""
    _check(mark, settings)
    after = copy.deepcopy(mark)
    if "note" in settings:
        after.note = settings["note"]
    if "answer" in settings:
        after.answer = settings["answer"]
    if "status" in settings:
        after.status = settings["status"].strip().lower()
    if "tags" in settings:
        after.tags = list(dict.fromkeys(t.strip() for t in settings["tags"].split(";") if t.strip()))
    if "speaker" in settings:
        after.speaker = _speaker_id(library, mark, settings["speaker"])
    return after


def _check(mark: Annotation, settings: dict[str, str]) -> None:
    for tag in settings.get("tags", "").split(";"):
        refuse_unprintable(tag.strip(), "a tag name")
    if "speaker" in settings and mark.kind != CLAIM:
        raise GlossatorError(f"only a claim has a speaker, and this mark is {_a(mark.kind)}")
    if "answer" in settings and mark.kind != QUESTION:
        raise GlossatorError(f"only a question has an answer, and this mark is {_a(mark.kind)}")
    if "status" in settings:
        statuses = statuses_for(mark.kind)
        if not statuses:
            raise GlossatorError(f"{_a(mark.kind)} has no status; claims and questions have one")
        if settings["status"].strip().lower() not in statuses:
            raise GlossatorError(f"{settings['status']!r} is not a status of {_a(mark.kind)}; use one "
                                 f"of: {', '.join(statuses)}")


def _a(kind: str) -> str:
    """"an actor", "a claim": the kind with its article."""
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"


def _speaker_id(library: Library, mark: Annotation, name: str) -> str:
    if not name.strip():
        return ""  # `speaker=` clears it
    from annotations.mentions import actor_for_mention

    return actor_for_mention(library, library.article(mark.article), name)[0].id


def save_changes(library: Library, mark: Annotation, settings: dict[str, str]) -> Annotation:
    """Apply `settings` to `mark` and save it (new tags join the codebook); the saved mark."""
    with library.writing("glossator annotation --set"):
        library.check_annotations_readable(mark.article)
        after = changed_mark(library, mark, settings)
        for tag in after.tags:
            if library.tag(tag) is None:  # coloured by its name until someone picks one
                library.save_tag(Tag(tag, name_colour(tag)))
        return library.save_annotation(after)
