"""The clipboard chain never fails silently: a helper confirms, or the text is in a file.

The clipboard programs here are real programs: small scripts written into a folder
that becomes the whole PATH, so the machine's own xclip or wl-copy is never used.
Where the real xclip (and Xvfb) are installed, the last tests use them too.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotations.clipboard import HELPER_TIMEOUT, CopyOutcome, copy_text, helpers_for

pytestmark = pytest.mark.skipif(os.name == "nt", reason="fake helpers are POSIX scripts")

REPO = Path(__file__).resolve().parent.parent

UNICODE_TEXT = "« Le maire » a dit…\nzweite Zeile — 東京\r\n\tquote ‘🙂’\n\n"
CONTROL_TEXT = "\x1b[31mred\x1b[0m bell\x07 nul\x00 del\x7f \x1b]52;c;aGk=\x07 end"
HUGE_TEXT = ("Ein Absatz über den Hafen, 港, ‘quoted’.\n" * 120_000)  # about 5 MB


@pytest.fixture(autouse=True)
def _no_clipboard_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test says which display it has; none touches the developer's clipboard."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "WSL_DISTRO_NAME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def state_file() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "glossator" / "clipboard.txt"


class FakeHelpers:
    """Executable clipboard programs in a folder that is the whole PATH."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _install(self, name: str, body: str) -> Path:
        program = self.folder / name
        program.write_text(f"#!{sys.executable} -I\n" + textwrap.dedent(body), encoding="utf-8")
        program.chmod(0o755)
        return program

    def recording(self, name: str) -> Path:
        """Reads stdin into <name>.got, its arguments into <name>.args, exits 0."""
        got = self.folder / f"{name}.got"
        self._install(name, f"""
            import sys
            open({str(got) + ".args"!r}, "w").write("\\n".join(sys.argv[1:]))
            open({str(got)!r}, "wb").write(sys.stdin.buffer.read())
        """)
        return got

    def failing(self, name: str, said: str) -> None:
        """Says `said` on stderr and on the terminal, exits 1 without reading stdin."""
        self._install(name, f"""
            import sys
            sys.stderr.write({said!r} + "\\n")
            try:
                with open("/dev/tty", "w") as tty:
                    tty.write("TTY " + {said!r} + "\\n")
            except OSError:
                pass
            sys.exit(1)
        """)

    def hanging(self, name: str) -> Path:
        """Never answers, like xclip on a display that accepts and then says nothing.

        It starts a child of its own first; both pids go to <name>.pids."""
        pids = self.folder / f"{name}.pids"
        self._install(name, f"""
            import os, subprocess, sys, time
            child = subprocess.Popen([sys.executable, "-I", "-c", "import time; time.sleep(60)"])
            open({str(pids)!r}, "w").write(f"{{os.getpid()}} {{child.pid}}")
            time.sleep(60)
        """)
        return pids

    def forking(self, name: str) -> tuple[Path, Path]:
        """Like xclip and wl-copy: reads stdin, leaves a child holding the clipboard

        (and the inherited stdout and stderr), and exits 0 at once."""
        got, pid_file = self.folder / f"{name}.got", self.folder / f"{name}.pid"
        self._install(name, f"""
            import os, sys, time
            data = sys.stdin.buffer.read()
            if os.fork() == 0:
                open({str(pid_file)!r}, "w").write(str(os.getpid()))
                open({str(got)!r}, "wb").write(data)
                time.sleep(30)
                os._exit(0)
            os._exit(0)
        """)
        return got, pid_file


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeHelpers:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return FakeHelpers(folder)


def is_gone(pid: int) -> bool:
    """No such process, or only a zombie waiting for its parent (init) to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def eventually(check: Callable[[], bool], seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def assert_saved(outcome: CopyOutcome, text: str, state_file: Path) -> None:
    assert outcome.confirmed is False
    assert outcome.file == state_file
    assert state_file.read_bytes() == text.encode("utf-8")
    assert str(state_file) in outcome.message


# --- no clipboard at all ------------------------------------------------------------


def test_no_display_saves_the_text_in_the_state_folder_and_says_where(state_file: Path) -> None:
    outcome = copy_text(UNICODE_TEXT)

    assert_saved(outcome, UNICODE_TEXT, state_file)
    assert outcome.method == "file"
    assert outcome.attempts == ()
    assert outcome.message.startswith("No clipboard here (no DISPLAY or WAYLAND_DISPLAY); it is saved in ")
    assert "\n" not in outcome.message


def test_the_message_shows_the_home_folder_as_a_tilde(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))

    outcome = copy_text("quote")

    assert outcome.message.endswith("it is saved in ~/.local/state/glossator/clipboard.txt")
    assert outcome.file == tmp_path / "home" / ".local" / "state" / "glossator" / "clipboard.txt"


def test_a_restricted_path_keeps_the_machines_own_helpers_out(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch, state_file: Path) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-99")

    outcome = copy_text("quote")

    assert [(a.helper, a.result) for a in outcome.attempts] == [
        ("wl-copy", "missing"), ("xclip", "missing"), ("xsel", "missing")]
    assert_saved(outcome, "quote", state_file)
    assert outcome.message.startswith("No clipboard program installed (looked for wl-copy, xclip, xsel)")


def test_a_second_copy_replaces_the_file(state_file: Path) -> None:
    copy_text("a long first quote")
    outcome = copy_text("second")

    assert_saved(outcome, "second", state_file)
    assert [p.name for p in state_file.parent.iterdir()] == ["clipboard.txt"]


def test_an_unwritable_state_folder_is_reported_not_raised(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))

    outcome = copy_text("quote")

    assert (outcome.confirmed, outcome.method, outcome.file) == (False, "none", None)
    assert "saving it failed" in outcome.message
    assert "nothing was copied" in outcome.message


def test_osc52_with_an_unwritable_state_folder_says_the_copy_was_not_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))

    outcome = copy_text("quote", osc52_sent=True)

    assert (outcome.confirmed, outcome.method, outcome.file) == (False, "osc52", None)
    assert outcome.message.startswith("Sent to the terminal (OSC 52), which cannot confirm it; "
                                      "saving a copy failed: ")
    assert "\n" not in outcome.message


# --- a display that does not work ---------------------------------------------------


def test_failing_helpers_are_all_tried_and_their_stderr_never_reaches_ours(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch, state_file: Path,
        capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    fake.failing("xclip", "Error: Can't open display: :99\nand a second line")
    fake.failing("xsel", "xsel: Can't open display: (null)")

    outcome = copy_text(HUGE_TEXT)

    captured = capfd.readouterr()
    assert "open display" not in captured.err + captured.out
    assert [(a.helper, a.result) for a in outcome.attempts] == [("xclip", "failed"), ("xsel", "failed")]
    assert outcome.attempts[0].detail == "Error: Can't open display: :99"
    assert_saved(outcome, HUGE_TEXT, state_file)
    assert outcome.message.startswith("No clipboard took the text (xclip: Error: Can't open display: :99; "
                                      "xsel: xsel: Can't open display: (null)); it is saved in ")


def test_a_failing_helper_falls_through_to_the_next_one(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch, state_file: Path) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    fake.failing("xclip", "xclip: broken")
    got = fake.recording("xsel")

    outcome = copy_text("quote")

    assert (outcome.confirmed, outcome.method) == (True, "xsel")
    assert got.read_text() == "quote"
    assert not state_file.exists()


def test_a_helper_that_cannot_even_start_is_reported_and_the_next_one_tried(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    broken = fake.folder / "xclip"
    broken.write_bytes(b"\x7fELF\x00 not really a program")
    broken.chmod(0o755)
    got = fake.recording("xsel")

    outcome = copy_text("quote")

    assert outcome.attempts[0].helper == "xclip"
    assert outcome.attempts[0].result == "error"
    assert (outcome.confirmed, outcome.method) == (True, "xsel")
    assert got.read_text() == "quote"


def test_a_helper_that_never_answers_is_killed_within_the_timeout(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch, state_file: Path) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    pids = fake.hanging("xclip")
    xsel_got = fake.recording("xsel")

    started = time.monotonic()
    outcome = copy_text(HUGE_TEXT, timeout=0.5)
    elapsed = time.monotonic() - started

    assert elapsed < 2.5
    assert [(a.helper, a.result) for a in outcome.attempts] == [("xclip", "timeout"), ("xsel", "skipped")]
    assert not xsel_got.exists(), "xsel would wait on the same silent display"
    assert_saved(outcome, HUGE_TEXT, state_file)
    helper_pid, child_pid = map(int, pids.read_text().split())
    assert eventually(lambda: is_gone(helper_pid) and is_gone(child_pid)), "hung helper left running"


def test_the_default_timeout_is_short(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    fake.hanging("xclip")

    started = time.monotonic()
    outcome = copy_text("quote")

    assert HELPER_TIMEOUT <= 3
    assert time.monotonic() - started < HELPER_TIMEOUT + 1.5
    assert outcome.attempts[0].result == "timeout"
    assert outcome.confirmed is False


def test_a_helper_cannot_draw_on_the_terminal(fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Textual case: our process owns a terminal; a helper's complaints stay off it."""
    pty = pytest.importorskip("pty")
    monkeypatch.setenv("DISPLAY", ":99")
    fake.failing("xclip", "LEAKED-LINE")
    script = "from annotations.clipboard import copy_text; print('RESULT', copy_text('q').method)"

    pid, master = pty.fork()
    if pid == 0:  # the child: a process whose controlling terminal is the pty
        try:
            os.chdir(REPO)
            os.execv(sys.executable, [sys.executable, "-c", script])
        finally:
            os._exit(127)
    screen = read_until_closed(master)
    os.waitpid(pid, 0)

    assert "RESULT file" in screen
    assert "LEAKED-LINE" not in screen


def read_until_closed(master: int) -> str:
    chunks = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its side
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return b"".join(chunks).decode("utf-8", errors="replace")


# --- a working clipboard ------------------------------------------------------------


@pytest.mark.parametrize("text", [UNICODE_TEXT, CONTROL_TEXT, HUGE_TEXT, ""],
                         ids=["unicode-and-newlines", "control-characters", "huge", "empty"])
def test_a_working_helper_gets_exactly_the_text(
        text: str, fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch, state_file: Path) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    got = fake.recording("xclip")

    outcome = copy_text(text)

    assert outcome.confirmed is True
    assert (outcome.method, outcome.file) == ("xclip", None)
    assert outcome.message == "Copied to the clipboard (xclip)."
    assert got.read_bytes() == text.encode("utf-8")
    assert Path(f"{got}.args").read_text() == "-selection\nclipboard"
    assert not state_file.exists()


def test_wayland_comes_before_x11(fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DISPLAY", ":0")
    wayland_got = fake.recording("wl-copy")
    x11_got = fake.recording("xclip")

    outcome = copy_text(UNICODE_TEXT)

    assert outcome.method == "wl-copy"
    assert wayland_got.read_bytes() == UNICODE_TEXT.encode("utf-8")
    assert not x11_got.exists()


def test_a_helper_that_forks_to_keep_the_clipboard_does_not_block(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    got, pid_file = fake.forking("wl-copy")

    started = time.monotonic()
    outcome = copy_text(UNICODE_TEXT, timeout=5)
    elapsed = time.monotonic() - started

    try:
        assert outcome.confirmed is True
        assert elapsed < 3, "waited for the child that keeps the clipboard"
        assert eventually(got.exists)
        assert got.read_bytes() == UNICODE_TEXT.encode("utf-8")
    finally:
        if eventually(pid_file.exists):
            os.kill(int(pid_file.read_text()), 9)


# --- OSC 52, which the TUI sends ------------------------------------------------------


def test_osc52_alone_cannot_confirm_so_the_file_is_written_too(state_file: Path) -> None:
    outcome = copy_text(UNICODE_TEXT, osc52_sent=True)

    assert_saved(outcome, UNICODE_TEXT, state_file)
    assert (outcome.method, outcome.osc52_sent) == ("osc52", True)
    assert outcome.message.startswith("Sent to the terminal (OSC 52), which cannot confirm it")


def test_osc52_beside_a_confirmed_helper_needs_no_file(
        fake: FakeHelpers, monkeypatch: pytest.MonkeyPatch, state_file: Path) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    fake.recording("xclip")

    outcome = copy_text("quote", osc52_sent=True)

    assert (outcome.confirmed, outcome.method, outcome.osc52_sent) == (True, "xclip", True)
    assert not state_file.exists()


# --- which helpers, where --------------------------------------------------------------


def test_the_helpers_each_system_tries_in_order() -> None:
    def names(environ: dict[str, str], system: str = "Linux", wsl: bool = False) -> list[str]:
        return [helper.name for helper in helpers_for(environ, system, wsl)]

    assert names({}) == []
    assert names({"DISPLAY": ""}) == []
    assert names({"DISPLAY": ":0"}) == ["xclip", "xsel"]
    assert names({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == ["wl-copy", "xclip", "xsel"]
    assert names({}, system="Darwin") == ["pbcopy"]
    assert names({"WAYLAND_DISPLAY": "wayland-0"}, wsl=True) == ["clip.exe", "powershell", "wl-copy"]


def test_importing_the_module_loads_nothing_heavy() -> None:
    probe = ("import sys, annotations.clipboard; "
             "print(sorted(m for m in ('subprocess', 'pyperclip', 'platformdirs', 'tinydb', "
             "'textual', 'reader') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


# --- the real xclip, where the machine has it ---------------------------------------------

XCLIP = shutil.which("xclip")
XVFB = shutil.which("Xvfb")
needs_xclip = pytest.mark.skipif(XCLIP is None, reason="xclip is not installed")


@pytest.fixture
def real_xclip_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "real-bin"
    folder.mkdir()
    (folder / "xclip").symlink_to(XCLIP)
    monkeypatch.setenv("PATH", str(folder))


def free_display_number() -> int:
    for number in range(170, 400):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    pytest.skip("no free X display number")


@needs_xclip
def test_real_xclip_with_no_server_on_display_fails_loudly(
        real_xclip_only: None, monkeypatch: pytest.MonkeyPatch, state_file: Path,
        capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DISPLAY", f":{free_display_number()}")

    outcome = copy_text("quote")

    assert outcome.attempts[0].result == "failed"
    assert "open display" in outcome.attempts[0].detail
    assert "open display" not in capfd.readouterr().err
    assert_saved(outcome, "quote", state_file)


@pytest.fixture
def silent_display() -> Iterator[str]:
    """A display that takes the connection and never answers (a dead forwarded X)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    for port in range(6170, 6400):
        try:
            server.bind(("127.0.0.1", port))
            break
        except OSError:
            continue
    else:
        pytest.skip("no free port for a silent display")
    server.listen(8)
    try:
        yield f"127.0.0.1:{port - 6000}"
    finally:
        server.close()


@needs_xclip
def test_real_xclip_on_a_silent_display_times_out(
        real_xclip_only: None, silent_display: str, monkeypatch: pytest.MonkeyPatch,
        state_file: Path) -> None:
    monkeypatch.setenv("DISPLAY", silent_display)

    started = time.monotonic()
    outcome = copy_text("quote", timeout=0.5)

    assert time.monotonic() - started < 2.5
    assert outcome.attempts[0].result == "timeout"
    assert_saved(outcome, "quote", state_file)


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    if XVFB is None:
        pytest.skip("Xvfb is not installed")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([XVFB, "-displayfd", str(write_end), "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@needs_xclip
def test_real_xclip_under_a_virtual_x_server_holds_the_exact_text(
        real_xclip_only: None, xvfb_display: str, monkeypatch: pytest.MonkeyPatch,
        state_file: Path) -> None:
    monkeypatch.setenv("DISPLAY", xvfb_display)

    outcome = copy_text(UNICODE_TEXT)

    assert (outcome.confirmed, outcome.method) == (True, "xclip")
    pasted = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True,
                            timeout=10)
    assert pasted.stdout == UNICODE_TEXT.encode("utf-8")
    assert not state_file.exists()
