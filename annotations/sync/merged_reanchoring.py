"""After a merge: marks placed in another body than the one the merge kept, found again.

A teammate marked an article offline while the other refreshed it: the marks' places are
in the text they had, the merged article holds the other. Each is found again in the body
kept, as a refresh finds them (reanchoring.py), and the report says whose marks moved
after whose refresh. Without the article text (`text_of`), they are only listed, for
`glossator doctor --repair` to find.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotations.store import BODY_FILES
from annotations.sync.changes import quoted
from annotations.sync.merged_files import MARKS_FILE, MergedFiles, bytes_of
from annotations.sync.reanchoring import (
    Found,
    TextOf,
    Version,
    find_marks_again,
    placed_elsewhere,
)

Who = Callable[[int, str], str]
"""Who changed a file (relative path) on a side of the merge (0 ours, 1 theirs), in words:
"you", "ana", or "" when it is not known."""


def reanchor_marks(files: MergedFiles, text_of: TextOf | None, me: str, who: Who) -> list[str]:
    """Marks placed in another text than their merged article's, found again in it."""
    if not files.sides:
        return []
    done = []
    for article_id, record, marks in files.marked_articles():
        records = [files.earlier_article(tree, article_id) for tree in files.trees()]
        if all(not isinstance(r, dict) or _same_body(r, record) for r in records):
            continue  # the usual case: nobody changed the article's body
        versions = versions_of(files, article_id)
        relative = f"articles/{article_id}/{BODY_FILES.get(str(record.get('format')), 'body.md')}"
        title = quoted(str(record.get("title") or article_id))
        if text_of is None:
            stale = sum(len(ids) for n, ids in placed_elsewhere(record, marks, versions).items()
                        if n is not None)
            if stale:
                done.append(f"articles/{article_id}: {stale} mark(s) were placed in a body "
                            "the merge did not keep; `glossator doctor --repair` finds them "
                            "again")
            continue
        body = files.writes.get(relative) or bytes_of(files.folder / relative)
        if body is None:
            continue
        found = find_marks_again(record, body, marks, versions, text_of)
        if found.unread:
            done.append(f"articles/{article_id}: its marks could not be found again after "
                        f"the merge ({found.unread})")
        if not found.changed:
            continue
        files.touch(f"articles/{article_id}/{MARKS_FILE}")
        done.append(_reanchored_line(found, title, me, [who(side, relative)
                                                        for side in sorted(found.sides)]))
    return done


def versions_of(files: MergedFiles, article_id: str) -> list[Version]:
    """The article in each side, then in the common ancestor."""
    marks_path = f"articles/{article_id}/{MARKS_FILE}"
    found = []
    for n, tree in enumerate(files.trees()):
        record = files.earlier_article(tree, article_id)
        record = record if isinstance(record, dict) else None
        body = BODY_FILES.get(str((record or {}).get("format")), "body.md")
        found.append(Version(record, files.earlier_table(tree, marks_path, "annotations"),
                             lambda tree=tree, body=body: tree(f"articles/{article_id}/{body}"),
                             n if n < len(files.sides) else None))
    return found


def _same_body(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return one.get("content_hash") == other.get("content_hash") and \
        one.get("format") == other.get("format")


def _reanchored_line(found: Found, title: str, me: str, refreshers: list[str]) -> str:
    """"2 of your marks re-anchored after ana's refresh of “…” (1 moved, 1 orphaned)"."""
    authors = found.authors - {""}
    whose = ("your" if authors == {me} and me else f"{next(iter(authors))}'s"
             if len(authors) == 1 else "the")
    named = [r for r in refreshers if r]
    after = ("your" if named == ["you"] else f"{named[0]}'s" if len(named) == 1 else "the")
    details = ", ".join(f"{n} {what}" for n, what in ((found.moved, "moved"),
                                                       (found.fuzzy, "found approximately"),
                                                       (found.orphaned, "orphaned: their words "
                                                        "are gone, kept and listed"))
                        if n)
    return (f"{found.changed} of {whose} marks re-anchored after {after} refresh of {title} "
            f"({details})")
