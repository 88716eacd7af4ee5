"""Kill a merge of two actors for real, at many moments: never half-merged.

`glossator actors merge A B --yes` runs as its own process over a library of 200
articles holding 1,000 mentions of A, and is SIGKILLed: at random moments across its whole
run, the moment its journal folder appears (staging), and the moment its plan is on disk
(committed, files being moved into place). After every kill the library must open, and
every mark that named A must name A, or every one B, with the actors and the undo log
agreeing; a killed commit is finished by the next command. Each merge is then undone the
same way (`glossator undo`, killed too), so the loop goes on from the unmerged library.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from annotations.atomic import database_bytes, is_temp_file
from annotations.library_changes.undo import undo_records
from annotations.model import ACTOR, CLAIM, Actor, Annotation, Article, Tag
from annotations.store import SCHEMA_VERSION, Library
from annotations.transaction import JOURNAL_FOLDER, PLAN_NAME, pending
from tests.conftest import REPO

ARTICLES = 200
MENTIONS_PER_ARTICLE = 5
PARAGRAPH = ("Min. Trevilla said the border plan was lawful. Ricardo Trevilla added that the "
             "army would stay a year, and the funding was approved. ")


def build_library(folder: Path, articles: int = ARTICLES) -> dict[str, object]:
    """A library in the store's own format, straight from records: `articles` articles,
    each with five mentions of A and one claim A made, two mentions of B, and marks tagged
    `funding` and `funding/public` (for the codebook's crash test)."""
    a = Actor(name="Min. Trevilla", id="a0000000-0000-4000-8000-000000000001")
    b = Actor(name="Ricardo Trevilla", id="b0000000-0000-4000-8000-000000000002")
    records, of_a, of_b, tagged = {}, [], [], []
    (folder / "articles").mkdir(parents=True)
    for n in range(articles):
        article = Article(id=f"border-{n:03d}", title=f"Border plan, day {n}", format="text",
                          site="The Northern Ledger", published=f"2025-{1 + n % 12:02d}-01")
        records[article.id] = article.to_record()
        text = PARAGRAPH * MENTIONS_PER_ARTICLE
        marks = []
        for i in range(MENTIONS_PER_ARTICLE):
            at = i * len(PARAGRAPH)
            marks.append(Annotation(article.id, ACTOR, "Min. Trevilla", at, at + 13, actor=a.id))
            second = at + PARAGRAPH.index("Ricardo")
            marks.append(Annotation(article.id, ACTOR, "Ricardo Trevilla", second, second + 16,
                                    actor=b.id))
        claim = PARAGRAPH.index("the border")
        marks.append(Annotation(article.id, CLAIM, "the border plan was lawful", claim,
                                claim + 26, speaker=a.id, tags=["funding/public"]))
        funding = PARAGRAPH.index("the funding")
        marks.append(Annotation(article.id, "funding", "the funding was approved", funding,
                                funding + 24, tags=["funding/public"]))
        of_a += [m.id for m in marks if a.id in (m.actor, m.speaker)]
        of_b += [m.id for m in marks if m.actor == b.id]
        tagged += [m.id for m in marks if m.kind == "funding" or m.tags]
        place = folder / "articles" / article.id
        place.mkdir()
        (place / "body.txt").write_text(text, encoding="utf-8")
        (place / "annotations.json").write_bytes(database_bytes(
            {"annotations": {m.id: m.to_record() for m in marks}}))
    (folder / "actors.json").write_bytes(database_bytes(
        {"actors": {x.id: x.to_record() for x in (a, b)}}))
    (folder / "codebook.json").write_bytes(database_bytes(
        {"tags": {t.name: t.to_record() for t in (Tag("funding", "#d08050"),
                                                  Tag("funding/public", "#50a0a0"))}}))
    (folder / "library.json").write_bytes(database_bytes({
        "meta": {"schema": {"version": SCHEMA_VERSION, "created": "2026-01-01T00:00:00Z"}},
        "articles": records}))
    return {"a": a.id, "b": b.id, "of_a": set(of_a), "of_b": set(of_b), "tagged": set(tagged)}


def start(folder: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "reader", "--library", str(folder), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
                            env={**os.environ, "GLOSSATOR_LOCK_WAIT": "30"})


def timed_run(folder: Path, *args: str) -> float:
    began = time.monotonic()
    done = start(folder, *args)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err.decode()
    return time.monotonic() - began


def _journal_has(folder: Path, name: str | None) -> bool:
    root = folder / JOURNAL_FOLDER
    try:
        entries = list(os.scandir(root))
    except FileNotFoundError:
        return False
    return any(e.is_dir() and (name is None or os.path.exists(os.path.join(e.path, name)))
               for e in entries)


def kill(process: subprocess.Popen[bytes], folder: Path, how: str, rng: random.Random,
         duration: float) -> bool:
    """SIGKILL `process` as `how` says: "random" (any moment of a run `duration` long),
    "staging" (once its journal folder exists) or "applying" (once its plan is written).
    Whether it was still running when killed."""
    deadline = time.monotonic() + 60
    if how == "random":
        time.sleep(rng.uniform(0.0, duration * 1.1))
    else:
        wanted = PLAN_NAME if how == "applying" else None
        while process.poll() is None and not _journal_has(folder, wanted):
            if time.monotonic() > deadline:
                break
            time.sleep(0.0002)
    alive = process.poll() is None
    process.send_signal(signal.SIGKILL)
    _, err = process.communicate(timeout=60)
    if not alive:
        assert process.returncode == 0, err.decode()
    return alive


def committed_journal_left(folder: Path) -> bool:
    return _journal_has(folder, PLAN_NAME)


def check_files(folder: Path) -> None:
    """No journal left, no temp file anywhere, every JSON file parses."""
    assert not pending(folder), "a journal survived the library opening"
    for root, _dirs, names in os.walk(folder):
        for name in names:
            assert not is_temp_file(name), f"stale temp file {root}/{name}"
            if name.endswith(".json"):
                json.loads((Path(root) / name).read_bytes())


def merged_state(folder: Path, ids: dict[str, object]) -> str:
    """"A" (not merged) or "B" (merged), after checking nothing is half of either."""
    library = Library.open(folder)  # finishes a committed change a killed process left
    check_files(folder)
    owners: dict[str, str] = {}
    for mark in library.all_annotations():
        owners[mark.id] = mark.actor or mark.speaker
    named = {owners[i] for i in ids["of_a"]}  # type: ignore[union-attr]
    assert len(named) == 1, f"half-merged: marks of A name {sorted(named)}"
    assert {owners[i] for i in ids["of_b"]} == {ids["b"]}  # type: ignore[union-attr]
    a, b = library.actor(str(ids["a"])), library.actor(str(ids["b"]))
    merges = [r for r in undo_records(folder) if r.action == "merge"]
    assert b is not None
    if named == {ids["a"]}:
        assert a is not None and "Min. Trevilla" not in b.aliases and not merges
        return "A"
    assert named == {ids["b"]}
    assert a is None and b.aliases == ["Min. Trevilla"] and len(merges) == 1
    return "B"


def kill_loop(folder: Path, change: tuple[str, ...], state: Callable[[], str], done: str,
              rounds: list[str], seed: int) -> dict[str, int]:
    """Kill `change` (then `glossator undo`) as each of `rounds` says; after every kill the
    library is checked by `state`, which names the side it is on. What happened, counted."""
    rng = random.Random(seed)
    change_time = timed_run(folder, *change)
    assert state() == done
    undo_time = timed_run(folder, "undo")
    assert state() != done
    seen = {"before commit": 0, "finished by the next command": 0, "after it finished": 0,
            "undo killed": 0}
    for how in rounds:
        process = start(folder, *change)
        kill(process, folder, how, rng, change_time)
        left = committed_journal_left(folder)
        side = state()
        if left:
            assert side == done, "a committed change was not finished by the next command"
            seen["finished by the next command"] += 1
        elif side == done:
            seen["after it finished"] += 1  # done and tidied before the kill (or it exited)
        else:
            seen["before commit"] += 1
        for _ in range(20):  # undo, killed now and then, until the change is gone
            if state() != done:
                break
            undo = start(folder, "undo")
            if rng.random() < 0.5:
                kill(undo, folder, rng.choice(["random", "applying"]), rng, undo_time)
                seen["undo killed"] += 1
            else:
                undo.communicate(timeout=120)
        assert state() != done
    return seen


ROUNDS = ["random"] * 8 + ["staging"] * 4 + ["applying"] * 6


def test_a_merge_killed_at_any_moment_is_done_whole_or_not_at_all(tmp_path):
    folder = tmp_path / "library"
    ids = build_library(folder)
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    rounds = rng.sample(ROUNDS, len(ROUNDS))
    seen = kill_loop(folder, ("actors", "merge", str(ids["a"]), str(ids["b"]), "--yes"),
                     lambda: merged_state(folder, ids), "B", rounds, seed)
    print(f"seed {seed}: {seen}")
    assert seen["before commit"] >= 1, seen
    assert seen["finished by the next command"] >= 1, seen
