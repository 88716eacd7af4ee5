"""Changing an article's metadata in the library: checked, all at once, citations kept.

Kept apart from annotations/metadata.py (the fields and their checks), which the
citation code reads: this module uses the citation code, never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotations.citation.cache import keep_citations
from annotations.citation.citekeys import assign_citekey
from annotations.errors import GlossatorError
from annotations.metadata import parse_assignment, set_article_type
from annotations.model import Article
from annotations.store import Library


def apply_assignments(library: Library, article: Article, assignments: Iterable[str]) -> Article:
    """Apply `key=value` changes all at once, or none when any is wrong.

    The citekey changes only when it is set: an empty value makes a new one from the
    metadata (as changed by the same command); a taken one is refused.
    """
    changes = dict(parse_assignment(a) for a in assignments)
    with library.writing("glossator meta"):
        current = library.article(article.id)
        for key, value in changes.items():
            if key == "type":
                set_article_type(current, value)
            else:
                setattr(current, key, value)
        if "citekey" in changes:
            taken = {a.citekey for a in library.articles() if a.id != current.id}
            if not current.citekey:
                current.citekey = assign_citekey(library, current, taken)
            elif current.citekey in taken:
                raise GlossatorError(f"citekey {current.citekey!r} is taken by another article; "
                                     "choose another or set citekey= to make a new one")
        library.update_article(current)
    keep_citations(library.folder, current)
    return current
