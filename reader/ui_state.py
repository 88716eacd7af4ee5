"""What the app remembers between runs (the theme), in the platformdirs state folder."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.atomic import write_atomically


def state_path() -> Path:
    from platformdirs import user_state_path

    return user_state_path("glossator", appauthor=False) / "ui.json"


def load_state() -> dict:
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(**changes: object) -> None:
    """Remember `changes`; a state folder that cannot be written only loses the memory."""
    data = {**load_state(), **changes}
    path = state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, indent=2).encode("utf-8"))
    except Exception:
        pass
