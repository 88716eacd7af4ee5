"""Running glossator on a library it may not write, as root and as a normal user.

A normal user cannot write into a folder chmod'ed read-only. Root can (CAP_DAC_OVERRIDE),
so as root the CLI process is started without that capability: a small launcher drops
it from the bounding set, and the exec'ed interpreter is then a root process that obeys
permission bits, while still reading the venv and the repository wherever they live
(even under a 0700 temp folder, which a switch to user `nobody` could not read).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_LAUNCHER = """
import ctypes, os, sys
PR_CAPBSET_DROP = 24
libc = ctypes.CDLL(None, use_errno=True)
for cap, name in ((1, "CAP_DAC_OVERRIDE"), (3, "CAP_FOWNER")):
    if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
        sys.exit(f"launcher: cannot drop {name} (errno {ctypes.get_errno()})")
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


def permission_bits_bind_us() -> bool:
    """Whether this process is stopped by a read-only folder (false for root)."""
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / "read-only"
        probe.mkdir()
        probe.chmod(0o555)
        try:
            (probe / "x").touch()
        except PermissionError:
            return True
        finally:
            probe.chmod(0o755)
        return False


def command_without_write_override(args: list[str]) -> list[str]:
    """`args` (starting with the interpreter) run so that read-only folders stay read-only."""
    if permission_bits_bind_us():
        return args
    return [args[0], "-c", _LAUNCHER, *args[1:]]


@contextmanager
def read_only_tree(folder: Path, files_too: bool = True) -> Iterator[None]:
    """Make every folder (and file) under `folder` read-only; restore the modes after."""
    modes: dict[Path, int] = {}
    paths = [folder, *folder.rglob("*")]
    for path in paths:
        modes[path] = stat.S_IMODE(path.stat().st_mode)
    try:
        for path in sorted(paths, key=lambda p: len(p.parts), reverse=True):
            if path.is_dir():
                path.chmod(0o555)
            elif files_too:
                path.chmod(0o444)
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def run_cli_without_write_override(library: Path, *args: str, cwd: Path,
                                   env: dict[str, str] | None = None,
                                   ) -> subprocess.CompletedProcess[str]:
    command = command_without_write_override(
        [sys.executable, "-m", "reader", "--library", str(library), *args])
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=cwd,
                          env={**os.environ, **(env or {})})
