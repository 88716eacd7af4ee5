"""Changing an article's metadata in the library: checked, all at once, citations kept.

Kept apart from annotations/metadata.py (the fields and their checks), which the
citation code reads: this module uses the citation code, never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotations.citation.cache import keep_citations
from annotations.citation.citekeys import assign_citekey
from annotations.citation.organisations import cited_names
from annotations.errors import GlossatorError
from annotations.metadata import (
    LIST_FIELDS,
    REFERENCE_FIELDS,
    parse_assignment,
    set_article_type,
)
from annotations.model import Article
from annotations.store import Library


def apply_assignments(library: Library, article: Article, assignments: Iterable[str]) -> Article:
    """Apply `key=value` changes all at once, or none when any is wrong.

    The citekey changes only when it is set: an empty value makes a new one from the
    metadata (as changed by the same command); a taken one is refused.
    """
    return apply_changes(library, article, dict(parse_assignment(a) for a in assignments))


def apply_reference_file(library: Library, article: Article, path: Path,
                         assignments: Iterable[str] = ()) -> Article:
    """Set the article's metadata from the one BibTeX entry or CSL-JSON item in `path`,
    then apply `assignments` over it; all at once, or nothing when anything is wrong.

    The entry replaces the reference wholesale (`apply_reference`). Its key becomes the
    article's citekey when no other article has it (a pandoc draft then cites the same key
    as the researcher's reference manager); otherwise the article keeps its own.
    """
    from annotations.reference_files import read_reference_file

    return apply_reference(library, article, read_reference_file(path), assignments)


def apply_reference(library: Library, article: Article, reference: dict[str, Any],
                    assignments: Iterable[str] = ()) -> Article:
    """As `apply_reference_file`, for fields already read (annotations/reference_files.py).

    The entry is the reference now: every reference field it lacks (REFERENCE_FIELDS) is
    cleared, rather than lingering from what the article was before and going into every
    citation and export: a chapter's place "Oxford" in the report the entry describes, the
    report's URL in a book, a web page's site as a journal's name. What is glossator's own
    or the user's stays: the tags, the language and type unless the entry gives them (a
    language an earlier entry gave goes with that entry), the page offset, the access date
    while the entry's URL is the one it dates. Every reference field counts as set by the
    user, so a refresh of the source brings none back.
    """
    changes = dict(reference)
    preferred = changes.pop("citekey", "")
    changes.update(_fields_the_entry_lacks(article, reference))
    assigned = dict(parse_assignment(a) for a in assignments)
    changes.update(assigned)
    return apply_changes(library, article, changes, preferred_citekey=preferred,
                         from_reference=set(reference) - set(assigned))


def _fields_the_entry_lacks(article: Article, reference: dict[str, Any]) -> dict[str, Any]:
    """The reference fields `reference` does not give, each empty."""
    lacking = [name for name in REFERENCE_FIELDS if name not in reference]
    if article.url and reference.get("url") == article.url:
        # The day glossator (or the user) read the page is still that page's access date.
        lacking = [name for name in lacking if name != "accessed"]
    if "language" not in reference and "language" in article.extra.get(_REFERENCED, []):
        lacking.append("language")  # the earlier entry's, not the user's nor the source's
    return {name: [] if name in LIST_FIELDS else "" for name in lacking}


_REFERENCED = "referenced"
"""In `Article.extra`: the fields the last reference entry gave and nothing set since."""


def apply_changes(library: Library, article: Article, changes: dict[str, Any],
                  preferred_citekey: str = "", from_reference: set[str] | None = None) -> Article:
    """Set checked field values (as `parse_assignment` gives them) all at once.

    `preferred_citekey` is taken when free and the changes do not set the citekey;
    `from_reference`, the fields a reference entry gave (`apply_reference`).
    """
    with library.writing("glossator meta"):
        current = library.article(article.id)
        if changes.get("page_offset") is not None:
            _check_page_offset(current)
        for key, value in changes.items():
            if key == "type":
                set_article_type(current, value)
            else:
                setattr(current, key, value)
        if _NAMES_AND_PUBLISHERS & set(changes):
            _brace_the_publisher(current)
        # What the user set is theirs: a refresh of the source never overwrites it.
        edited = set(current.extra.get("edited", [])) | set(changes)
        current.extra["edited"] = sorted(edited)
        _note_referenced(current, changes, from_reference)
        taken = None
        if preferred_citekey and "citekey" not in changes:
            taken = _citekeys_of_others(library, current)
            if preferred_citekey not in taken:
                current.citekey = preferred_citekey
        if "citekey" in changes:
            taken = taken if taken is not None else _citekeys_of_others(library, current)
            if not current.citekey:
                current.citekey = assign_citekey(library, current, taken)
            elif current.citekey in taken:
                raise GlossatorError(f"citekey {current.citekey!r} is taken by another article; "
                                     "choose another or set citekey= to make a new one")
        library.update_article(current)
    keep_citations(library.folder, current)
    return current


_NAMES_AND_PUBLISHERS = frozenset({"authors", "editors", "site", "publisher", "url"})


def _note_referenced(article: Article, changes: dict[str, Any],
                     from_reference: set[str] | None) -> None:
    """Which fields came from the reference entry: a field set otherwise since is the
    user's, and a later entry that lacks it leaves it."""
    if from_reference is None:
        referenced = set(article.extra.get(_REFERENCED, [])) - set(changes)
    else:
        referenced = from_reference
    if referenced:
        article.extra[_REFERENCED] = sorted(referenced)
    else:
        article.extra.pop(_REFERENCED, None)


def _brace_the_publisher(article: Article) -> None:
    """An author that is the site or publisher is the organisation, whichever of them was
    set last (`--set site=DW` after the authors): braced in the record, "{Deutsche
    Welle}", so that the BibTeX export and `meta` say so as the citations do."""
    article.authors, article.editors = cited_names(article)


def _check_page_offset(article: Article) -> None:
    """An offset numbers a PDF's pages (printed page = PDF page + offset): an article
    without pages has nothing to number. A negative one is the usual case of pages before
    printed page 1 (a cover: -1); those are cited in roman numerals (reader/document/pages.py)."""
    if article.format != "pages":
        cited_by = "chapter and paragraph" if article.format == "chapters" else "paragraph"
        raise GlossatorError(f"page-offset numbers a PDF's pages, and {article.id} has none; "
                             f"its marks are cited by {cited_by}")


def _citekeys_of_others(library: Library, article: Article) -> set[str]:
    return {a.citekey for a in library.articles() if a.id != article.id}
