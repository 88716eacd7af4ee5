"""Where the test data the project does not hold lives (the REFI-QDA schema, the W3C
annotation test suite): `../shared/` beside the repository, as the workplace lays it out.

A clone made elsewhere (a temporary folder, as CI makes one) finds it beside the
repository it was cloned from, when that is a folder on this machine; `GLOSSATOR_SHARED`
names it outright.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def shared_folder() -> Path:
    """The shared test data folder; `../shared` when none is found (the tests then fail
    saying which file is missing)."""
    for candidate in _candidates():
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared"


def _candidates() -> list[Path]:
    found = [Path(os.environ["GLOSSATOR_SHARED"])] if os.environ.get("GLOSSATOR_SHARED") else []
    found.append(REPO.parent / "shared")
    origin = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    if origin and "://" not in origin and ":" not in origin.split("/")[0]:
        found.append(Path(origin).resolve().parent / "shared")
    return found


SHARED = shared_folder()
