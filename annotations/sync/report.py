"""What a sync did, for a person (`lines`) and for a script (`record`, the stable shape of
`glossator sync --json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotations.sync.changes import plural
from annotations.sync.committing import Commit
from annotations.sync.merging import Merged


@dataclass
class SyncReport:
    remote: str = ""
    """The remote branch followed ("origin/main"); "" when the library has no remote."""
    commits: list[Commit] = field(default_factory=list)
    merges: list[Merged] = field(default_factory=list)
    pushed: bool = False
    push_pending: str = ""
    """Why the push could not be made now ("" when it was, or was not needed)."""
    waiting: int = 0
    """Our commits the remote does not have yet."""
    notes: list[str] = field(default_factory=list)
    """What was mended or finished on the way (a sync cut short, a repair after the merge)."""
    error: str = ""
    """Why the sync stopped short (the remote refused the push…); its work so far is kept."""

    @property
    def conflicts(self) -> int:
        return sum(m.conflicts for m in self.merges)

    @property
    def incoming(self) -> list[Any]:
        return [entry for merge in self.merges for entry in merge.incoming]

    def lines(self) -> list[str]:
        lines = list(self.notes)
        for commit in self.commits:
            lines.append(f"committed: {commit.summary}")
        if not self.commits:
            lines.append("nothing new to commit")
        lines += [entry.line() for entry in self.incoming]
        lines += [note for merge in self.merges for note in merge.notes]
        if self.conflicts:
            lines.append(f"{plural(self.conflicts, 'conflict')} kept for you to settle: "
                         "`glossator conflicts` lists them, and the reader shows ! on those marks")
        lines.append(self._remote_line())
        return lines

    def _remote_line(self) -> str:
        if not self.remote:
            return ("no remote: committed here only (`glossator sync init REMOTE` shares the "
                    "library with the team)")
        if self.push_pending:
            waiting = f" ({plural(self.waiting, 'commit')} waiting)" if self.waiting else ""
            return (f"push pending: {self.push_pending}; your changes are committed here and the "
                    f"next sync pushes them{waiting}")
        if self.error:
            return f"not pushed: {self.error}"
        came = any(m.kind != "up to date" for m in self.merges)
        if self.pushed:
            return f"pushed to {self.remote}"
        return f"up to date with {self.remote}" if not came else f"merged from {self.remote}"

    def record(self) -> dict[str, Any]:
        return {
            "remote": self.remote or None,
            "commits": [{"commit": c.sha, "subject": c.subject, "changes": c.lines}
                        for c in self.commits],
            "merged": [{"kind": m.kind, "commit": m.commit or None, "theirs": m.theirs,
                        "conflicts": m.conflicts, "notes": m.notes} for m in self.merges],
            "incoming": [entry.record() for entry in self.incoming],
            "conflicts": self.conflicts,
            "pushed": self.pushed,
            "push_pending": bool(self.push_pending),
            "pending_reason": self.push_pending or None,
            "waiting": self.waiting,
            "notes": self.notes,
            "error": self.error or None,
            "lines": self.lines(),
        }
