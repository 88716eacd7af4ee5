"""Copy text to the clipboard, and say honestly where it went.

The one call::

    outcome = copy_text(text)                    # CLI: `glossator cite --copy`
    outcome = copy_text(text, osc52_sent=True)   # TUI: after App.copy_to_clipboard(text)

`copy_text` never raises for a clipboard problem and never prints. It returns a
`CopyOutcome`:

- ``confirmed``: a clipboard program took the text and said so (exit status 0).
- ``method``: ``"wl-copy"``, ``"xclip"``, ``"xsel"``, ``"pbcopy"``, ``"clip.exe"``,
  ``"powershell"`` or ``"windows"`` when confirmed; otherwise ``"osc52"`` when the
  caller sent OSC 52, ``"file"`` when only the file holds the text, ``"none"`` when
  even the file could not be written.
- ``file``: where the text was saved when nothing confirmed (else ``None``).
- ``message``: one plain line for a notification or stderr, one of:

  - "Copied to the clipboard (wl-copy)."  (whether or not OSC 52 was sent too)
  - "Sent to the terminal (OSC 52), which cannot confirm it; also saved in
    ~/.local/state/glossator/clipboard.txt"
  - "No clipboard took the text (xclip: Error: Can't open display: :99); it is saved
    in ~/.local/state/glossator/clipboard.txt"
  - "No clipboard program installed (looked for xclip, xsel); it is saved in …"
  - "No clipboard here (no DISPLAY or WAYLAND_DISPLAY); it is saved in …"
  - and, when even the file cannot be written, a line that says so and why.

  It can quote a helper's error, so show it without markup (Textual:
  ``notify(outcome.message, markup=False)``).
- ``osc52_sent`` and ``attempts`` (each helper, how it ended, its first error line)
  for anyone who wants the details.

In the TUI, send OSC 52 at once and run the rest in a thread::

    self.copy_to_clipboard(text)        # OSC 52, and App.clipboard for tests

    @work(thread=True)
    def _copy_elsewhere(self, text: str) -> None:
        outcome = copy_text(text, osc52_sent=True)
        self.app.call_from_thread(
            self.notify, outcome.message, markup=False,
            severity="warning" if outcome.method in ("file", "none") else "information")

The chain, in order:

1. The system's clipboard programs, run by us: on native Windows pyperclip's ctypes
   clipboard; on WSL clip.exe then powershell.exe; on macOS pbcopy; then wl-copy
   when ``WAYLAND_DISPLAY`` is set, xclip and xsel when ``DISPLAY`` is set. Only
   programs found on ``PATH`` are tried; the first one that exits 0 wins.
2. OSC 52, which only the TUI can send (it owns the terminal). Pass
   ``osc52_sent=True`` after calling ``App.copy_to_clipboard``: a terminal never
   answers OSC 52, so it cannot confirm, and the text is also saved to the file.
3. The file ``clipboard.txt`` in platformdirs' user state folder, written atomically,
   whenever nothing confirmed.

Why the helpers are run here and not through ``pyperclip.copy``: pyperclip ignores
their exit status (xclip on a stale DISPLAY fails and pyperclip reports success) and
lets their stderr through, which in a Textual app lands on the screen: Textual draws
on stderr. Redirecting our own fd 2 around the call would hide Textual's drawing from
other threads too, so instead each helper gets its own stderr (a temp file, not a
pipe: xclip and wl-copy fork a child that keeps the clipboard and inherits stderr,
so a pipe would never reach end-of-file), its own session (no controlling terminal,
so it cannot write to /dev/tty either), a short timeout (a DISPLAY that accepts the
connection but never answers makes xclip and xsel wait forever), and its exit status
is checked. pyperclip stays in the chain where its check is real: native Windows,
where it calls the clipboard API in-process and raises on failure.

`copy_text` blocks for at most a few seconds (each helper's timeout; after one X11
helper times out the others are skipped, as they would wait on the same display):
call it from a worker thread in the TUI.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

HELPER_TIMEOUT = 2.0
"""Seconds a clipboard program gets; a working one answers in a few milliseconds."""

CLIPBOARD_FILE_NAME = "clipboard.txt"
_DETAIL_LIMIT = 80


@dataclass(frozen=True, slots=True)
class Helper:
    """A clipboard program that reads the text on stdin and exits 0 once it holds it."""

    name: str
    argv: tuple[str, ...]
    encoding: str = "utf-8"
    server: str = ""
    """Helpers sharing a server (X11) would all hang on it once one has timed out."""
    slow_start: bool = False
    """powershell.exe can take seconds to start."""


@dataclass(frozen=True, slots=True)
class Attempt:
    helper: str
    result: str
    """"ok", "failed" (non-zero exit), "timeout", "error" (could not start), "missing"
    (not on PATH) or "skipped" (its server already timed out)."""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CopyOutcome:
    confirmed: bool
    method: str
    file: Path | None
    message: str
    osc52_sent: bool = False
    attempts: tuple[Attempt, ...] = field(default=())


WL_COPY = Helper("wl-copy", ("wl-copy",))
XCLIP = Helper("xclip", ("xclip", "-selection", "clipboard"), server="x11")
XSEL = Helper("xsel", ("xsel", "--clipboard", "--input"), server="x11")
PBCOPY = Helper("pbcopy", ("pbcopy",))
# clip.exe reads UTF-16LE without a BOM as Unicode (what pyperclip sends it too).
CLIP_EXE = Helper("clip.exe", ("clip.exe",), encoding="utf-16-le")
POWERSHELL = Helper(
    "powershell",
    ("powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
     "[Console]::InputEncoding = [Text.Encoding]::UTF8; "
     "Set-Clipboard -Value ([Console]::In.ReadToEnd())"),
    slow_start=True,
)


def copy_text(text: str, *, osc52_sent: bool = False,
              timeout: float = HELPER_TIMEOUT) -> CopyOutcome:
    """Put `text` on the clipboard, or in the fallback file; say which.

    `osc52_sent`: the caller also sent the text to the terminal with OSC 52.
    `timeout`: seconds each clipboard program gets (tests shorten it).
    """
    attempts = _attempts_in_order(text, timeout)
    for attempt in attempts:
        if attempt.result == "ok":
            return CopyOutcome(True, attempt.helper, None,
                               f"Copied to the clipboard ({attempt.helper}).",
                               osc52_sent, tuple(attempts))
    return _saved_to_file(text, osc52_sent, tuple(attempts))


def helpers_for(environ: Mapping[str, str], system: str, wsl: bool) -> list[Helper]:
    """The programs worth trying here, most native first (before looking at PATH)."""
    helpers: list[Helper] = []
    if wsl:
        helpers += [CLIP_EXE, POWERSHELL]
    if system == "Darwin":
        helpers.append(PBCOPY)
    if environ.get("WAYLAND_DISPLAY"):
        helpers.append(WL_COPY)
    if environ.get("DISPLAY"):
        helpers += [XCLIP, XSEL]
    return helpers


def clipboard_file() -> Path:
    from platformdirs import user_state_path

    return user_state_path("glossator", appauthor=False) / CLIPBOARD_FILE_NAME


def _attempts_in_order(text: str, timeout: float) -> list[Attempt]:
    if os.name == "nt":
        return [_copy_with_pyperclip(text)]
    import platform

    helpers = helpers_for(os.environ, platform.system(), _running_in_wsl())
    return list(_run_until_one_takes(text, helpers, timeout))


def _run_until_one_takes(text: str, helpers: Iterable[Helper], timeout: float) -> Iterable[Attempt]:
    import shutil

    hung_servers: set[str] = set()
    for helper in helpers:
        program = shutil.which(helper.argv[0])
        if program is None:
            yield Attempt(helper.name, "missing", "not installed")
            continue
        if helper.server and helper.server in hung_servers:
            yield Attempt(helper.name, "skipped", f"{helper.server} did not answer")
            continue
        limit = timeout * 3 if helper.slow_start else timeout
        attempt = _run_helper(helper, program, text, limit)
        yield attempt
        if attempt.result == "ok":
            return
        if attempt.result == "timeout" and helper.server:
            hung_servers.add(helper.server)


def _running_in_wsl() -> bool:
    if os.environ.get("WSL_DISTRO_NAME"):
        return True
    try:
        with open("/proc/version", encoding="utf-8", errors="replace") as version:
            return "microsoft" in version.read().lower()
    except OSError:
        return False


def _run_helper(helper: Helper, program: str, text: str, timeout: float) -> Attempt:
    import subprocess
    import tempfile

    data = text.encode(helper.encoding, errors="replace")
    try:
        with tempfile.TemporaryFile() as errors:
            try:
                # argv[0] stays the bare name so the helper's messages read "xsel: …".
                process = subprocess.Popen(
                    helper.argv, executable=program, stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL, stderr=errors,
                    start_new_session=os.name != "nt",
                )
                process.communicate(data, timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
                return Attempt(helper.name, "timeout", f"no answer in {timeout:g} s")
            if process.returncode == 0:
                return Attempt(helper.name, "ok")
            errors.seek(0)
            said = _one_line(errors.read(4096).decode("utf-8", errors="replace"))
            return Attempt(helper.name, "failed", said or f"exit status {process.returncode}")
    except OSError as error:  # could not start it, or no temp folder for its stderr
        return Attempt(helper.name, "error", _one_line(error.strerror or str(error)))


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill a helper that hangs, with any children it started in its session."""
    import signal

    try:
        if os.name == "nt":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:  # the group is gone already: make sure of the helper itself
        process.kill()
    process.wait()


def _copy_with_pyperclip(text: str) -> Attempt:
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception as error:  # pyperclip raises its own kinds and ctypes' OSErrors
        return Attempt("windows", "failed", _one_line(str(error)))
    return Attempt("windows", "ok")


def _saved_to_file(text: str, osc52_sent: bool, attempts: tuple[Attempt, ...]) -> CopyOutcome:
    try:
        path = _write_clipboard_file(text)
    except Exception as error:  # the outcome must say it, never raise
        reason = " ".join(str(error).split())
        return CopyOutcome(False, "osc52" if osc52_sent else "none", None,
                           _unsaved_message(osc52_sent, attempts, reason),
                           osc52_sent, attempts)
    shown = _shown_path(path)
    if osc52_sent:
        message = f"Sent to the terminal (OSC 52), which cannot confirm it; also saved in {shown}"
        return CopyOutcome(False, "osc52", path, message, True, attempts)
    message = f"{_why_no_clipboard(attempts)}; it is saved in {shown}"
    return CopyOutcome(False, "file", path, message, False, attempts)


def _write_clipboard_file(text: str) -> Path:
    from annotations.atomic import write_atomically

    path = clipboard_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8", errors="replace"))
    return path


def _why_no_clipboard(attempts: tuple[Attempt, ...]) -> str:
    tried = [f"{a.helper}: {a.detail}" for a in attempts if a.result not in ("skipped", "missing")]
    if tried:
        return f"No clipboard took the text ({'; '.join(tried)})"
    if attempts:
        return f"No clipboard program installed (looked for {', '.join(a.helper for a in attempts)})"
    return "No clipboard here (no DISPLAY or WAYLAND_DISPLAY)"


def _unsaved_message(osc52_sent: bool, attempts: tuple[Attempt, ...], error: str) -> str:
    if osc52_sent:
        return f"Sent to the terminal (OSC 52), which cannot confirm it; saving a copy failed: {error}"
    return f"{_why_no_clipboard(attempts)}, and saving it failed: {error}; nothing was copied"


def _shown_path(path: Path) -> str:
    """The path as a person reads it: ~ for the home folder."""
    try:
        return f"~{os.sep}{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # not under home, or no home at all
        return str(path)


def _one_line(said: str) -> str:
    """A helper's first non-empty line, printable only, short enough for a notification."""
    for line in said.splitlines():
        line = "".join(ch for ch in line if ch.isprintable()).strip()
        if line:
            return line if len(line) <= _DETAIL_LIMIT else line[: _DETAIL_LIMIT - 1] + "…"
    return ""
