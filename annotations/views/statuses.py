"""A status set on many marks at once, across articles: all of it, or none.

Each article's marks live in their own file, so a change to claims of twelve articles
writes twelve files. They go through one `library.transaction` (a redo journal): a kill
half-way leaves either every status as it was or every status changed, never some. Every
mark is checked (there, of a kind that takes this status) before anything is staged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotations.atomic import NONCE_KEY, database_bytes, load_json
from annotations.errors import GlossatorError, LibraryError, NotFoundError
from annotations.model import default_status, now_iso, statuses_for
from annotations.store import Library
from annotations.views.reading import annotations_path

MarkRef = tuple[str, str]
"""(article id, mark id)"""


class Changed(dict[MarkRef, str]):
    """The statuses replaced, by mark; and the undo record of the change, if one was kept."""

    undo_id: str = ""


def set_statuses(library: Library, wanted: Mapping[MarkRef, str],
                 undoable: bool = False) -> Changed:
    """Give each mark its status, in one transaction; the statuses they had before, of
    those that changed (what undoes it: `set_statuses(library, before)`).

    `undoable` also stages an undo record in the same transaction (the files as they
    were), so `glossator undo` puts them back, as it does a merge; its id is `undo_id`
    of the returned mapping. The Claims screen undoes its own (u) and passes False.
    """
    by_article: dict[str, dict[str, str]] = {}
    for (article_id, mark_id), status in wanted.items():
        by_article.setdefault(article_id, {})[mark_id] = status
    before = Changed()
    with library.writing("glossator set-status"):
        files = {aid: _changed_file(library, aid, marks, before) for aid, marks in by_article.items()}
        files = {aid: data for aid, data in files.items() if data is not None}
        if not files:
            return before
        writes = {annotations_path(library, aid): database_bytes(data) for aid, data in files.items()}
        summary = f"set status of {len(before)} mark(s) in {len(files)} article(s) to " \
                  + ", ".join(sorted({wanted[ref] for ref in before}))
        with library.transaction(summary) as change:
            if undoable:
                from annotations.library_changes.plan import Plan
                from annotations.library_changes.undo import stage_undo

                plan = Plan("claims", "set-status", summary, marks=len(before),
                            articles=set(files), writes=writes)
                before.undo_id = stage_undo(library, change, plan)
            for path, data in writes.items():
                change.write(path, data)
    return before


def _changed_file(library: Library, article_id: str, statuses: dict[str, str],
                  before: dict[MarkRef, str]) -> dict[str, Any] | None:
    """The article's annotation file with the statuses set; None if none changes. Raises
    before anything is written when a mark is missing or cannot take its status."""
    path = annotations_path(library, article_id)
    data = load_json(path) if library.article_folder(article_id).is_dir() else None
    table = data.get("annotations") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        if data is None:
            raise NotFoundError(f"no marks in article {article_id!r}; nothing was changed")
        raise LibraryError(f"{path} does not hold a glossator database; nothing was changed: "
                           "run `glossator doctor --repair`")
    stamp, changed = now_iso(), False
    for mark_id, status in statuses.items():
        record = table.get(mark_id)
        if not isinstance(record, dict):
            raise NotFoundError(f"no mark {mark_id!r} in article {article_id!r} (deleted "
                                "meanwhile?); nothing was changed")
        kind = str(record.get("kind", ""))
        allowed = statuses_for(kind)
        if status not in allowed:
            takes = f"takes {', '.join(allowed)}" if allowed else "has no status"
            raise GlossatorError(f"a {kind} {takes}, not {status!r}; nothing was changed")
        if record.get("status") == status:
            continue
        before[(article_id, mark_id)] = str(record.get("status") or default_status(kind) or "")
        # A copy: `load_json` gave us fresh objects, but the record goes back whole.
        table[mark_id] = {**record, "status": status, "updated": stamp}
        changed = True
    if not changed:
        return None
    data.pop(NONCE_KEY, None)
    return data
