"""`ctrl+s` in the library and the reader: `glossator sync`, run as its own process in a
worker thread, its report shown as a notification.

A process rather than a call: it takes the library's lock as any other writer does, so
the reader goes on (its saves wait their turn, at most a moment, as beside a command
line), a network that hangs cannot hang the reader, and what the sync changes reaches
the screens the way any other process's change does: by the watch on the library's files
(library_watch.py), which the screen is asked to look at once the sync is over.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

from textual.screen import Screen

from annotations.textsafety import inert

_RUNNING: set[str] = set()
"""Libraries with a sync under way from this app (one at a time each)."""
GRACE_SECONDS = 120.0
"""Beyond the network time a sync may take (fetch and push, each bounded), for the rest."""


def start_sync(screen: Screen, folder: os.PathLike[str], after: Callable[[], None]) -> None:
    """Sync the library in `folder` in the background; `after` runs (on the app's thread)
    once it is over, whatever happened."""
    key = os.fspath(folder)
    if key in _RUNNING:
        screen.notify("A sync is already under way.", timeout=3)
        return
    _RUNNING.add(key)
    screen.notify("Syncing with the team…", timeout=3)
    screen.run_worker(lambda: _sync(screen, key, after), thread=True, group="sync",
                      exit_on_error=False)


def _sync(screen: Screen, folder: str, after: Callable[[], None]) -> None:
    app = screen.app
    try:
        title, text, severity = _run(folder)
    finally:
        _RUNNING.discard(folder)
    app.call_from_thread(screen.notify, inert(text), title=title, severity=severity,
                         timeout=12 if severity == "information" else 20, markup=False)
    app.call_from_thread(after)


def _run(folder: str) -> tuple[str, str, str]:
    """The sync's title, report and severity for the notification."""
    from annotations.sync.git import network_seconds

    command = [sys.executable, "-m", "reader", "--library", folder, "sync", "--json"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              timeout=4 * network_seconds() + GRACE_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return "Not synced", "The sync took too long and was stopped; try again.", "error"
    except Exception as error:  # noqa: BLE001 - a setting or a missing program: say it
        return "Not synced", str(error), "error"
    error = done.stderr.strip().splitlines()[-1:] if done.returncode else []
    try:
        lines = list(json.loads(done.stdout)["lines"])
    except (ValueError, KeyError, TypeError):
        lines = []
    if error:
        message = error[0].removeprefix("glossator: error: ")
        return "Not synced" if not lines else "Synced, not pushed", \
            "\n".join([*lines[:-1], message] if lines else [message]), "error"
    pending = any(line.startswith("push pending") for line in lines)
    return "Synced" if not pending else "Synced here", "\n".join(lines), \
        "warning" if pending else "information"
