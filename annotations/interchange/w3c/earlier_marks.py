"""The marks an article already has, as an import meets them again.

Another tool's annotation comes back with every newer export of it, and with what was
added since: replies, an edit of its text or tags. Skipping it as a duplicate would lose
those, so what it brings is taken into the mark an earlier import made of it:
- replies its note lacks join it, after those it holds; a reply the note already holds
  (the same author, date and words) is not added again;
- its text and tags, when they are no longer the mark's, become the mark's: the file is
  the newer word, unless the mark was changed in glossator after the annotation's last
  edit in the file. Then the mark stays as it is (a note the user rewrote is never
  overwritten by an older text) and is counted, for the report to say;
- the kind is not compared: `--kind` only names the kind of marks whose tags name none.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from annotations.interchange.w3c.incoming import Incoming, note_with_replies, split_replies
from annotations.model import Annotation

SAME, UPDATED, EDITED_HERE = "same", "updated", "edited here"


class EarlierMarks:
    """An article's marks before the import, and the changes the import makes to them
    (copies: the stored marks are left alone until the article's import commits)."""

    def __init__(self, marks: Sequence[Annotation]) -> None:
        self._stored = {mark.id: mark for mark in marks}
        self._changed: dict[str, Annotation] = {}

    def __contains__(self, mark_id: str) -> bool:
        return mark_id in self._stored

    def current(self) -> list[Annotation]:
        """Every mark as it is once the import's changes are made."""
        return [self._changed.get(mark_id, mark) for mark_id, mark in self._stored.items()]

    def changed(self) -> list[Annotation]:
        return list(self._changed.values())

    def take_edit(self, item: Incoming) -> str:
        """Take in the text and tags `item` gives the mark of its id: `SAME` when they are
        the mark's already, `UPDATED`, or `EDITED_HERE` when the mark is newer."""
        mark = self._changed.get(item.mark.id) or self._stored[item.mark.id]
        own, replies = split_replies(mark.note)
        theirs = item.duplicate_note.strip()
        if own.strip() == theirs and set(mark.tags) == set(item.mark.tags):
            return SAME
        if mark.updated > item.edited:
            return EDITED_HERE
        changing = self._changing(mark.id)
        changing.note = note_with_replies(theirs, replies)
        changing.tags = list(item.mark.tags)
        changing.updated = max(changing.updated, item.edited)
        return UPDATED

    def join(self, mark_id: str, replies: Iterable[tuple[str, str]], updated: str) -> int:
        """Add to the note of mark `mark_id` the replies (as `Incoming.replies`) it does not
        hold yet, oldest first; how many were added."""
        mark = self._changed.get(mark_id) or self._stored[mark_id]
        held = set(mark.note.split("\n\n"))  # wherever the user has moved them to
        new = list(dict.fromkeys(quoted for _, quoted in sorted(replies) if quoted not in held))
        if not new:
            return 0
        changing = self._changing(mark_id)
        changing.note = note_with_replies(changing.note, new)
        changing.updated = max(changing.updated, updated)
        return len(new)

    def _changing(self, mark_id: str) -> Annotation:
        if mark_id not in self._changed:
            self._changed[mark_id] = copy.deepcopy(self._stored[mark_id])
        return self._changed[mark_id]
