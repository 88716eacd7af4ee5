"""Kill a codebook rename for real, at many moments: every mark has the old names or every
mark the new ones, never some of each (the loop of tests/test_actors_crash.py)."""

from __future__ import annotations

import random
from pathlib import Path

from annotations.library_changes.undo import undo_records
from annotations.store import Library
from tests.test_actors_crash import ROUNDS, build_library, check_files, kill_loop

OLD = {"funding", "funding/public"}
NEW = {"money", "money/public"}


def renamed_state(folder: Path, tagged: set[str]) -> str:
    """"old" or "new", after checking the marks and the codebook agree on one of them."""
    library = Library.open(folder)
    check_files(folder)
    names: set[str] = set()
    for mark in library.all_annotations():
        if mark.id in tagged:
            names |= {mark.kind, *mark.tags} - {"claim"}
    codebook = {t.name for t in library.codebook()} - {"claim", "actor", "question"}
    renames = [r for r in undo_records(folder) if r.group == "codebook"]
    assert names in (OLD, NEW), f"half-renamed: the marks carry {sorted(names)}"
    assert codebook == names, f"the codebook ({sorted(codebook)}) disagrees with the marks"
    assert len(renames) == (names == NEW)
    return "new" if names == NEW else "old"


def test_a_codebook_rename_killed_at_any_moment_is_done_whole_or_not_at_all(tmp_path):
    folder = tmp_path / "library"
    ids = build_library(folder)
    seed = random.randrange(1_000_000)
    rounds = random.Random(seed).sample(ROUNDS, len(ROUNDS))[:12]
    seen = kill_loop(folder, ("codebook", "rename", "funding", "money", "--yes"),
                     lambda: renamed_state(folder, ids["tagged"]), "new", rounds, seed)  # type: ignore[arg-type]
    print(f"seed {seed}: {seen}")
    assert seen["before commit"] + seen["finished by the next command"] >= 2, seen
