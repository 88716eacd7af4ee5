"""Kill a writer at random moments, over and over: no returned save is ever lost.

A writer process marks random spans of three articles in a loop, printing each id once
its save has returned. It is SIGKILLed after a random delay, at least 100 times; after
every kill the library must open, parse, and hold every id any writer printed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from annotations.atomic import is_temp_file
from annotations.store import Library
from tests.conftest import REPO
from tests.helpers.library import add_sample

KILLS = 100
UUID_LENGTH = 36


def start_writer(library_dir: Path, seed: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer", str(library_dir), "mark", "-1", str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    )


def kill_at_random(writer: subprocess.Popen[bytes], rng: random.Random) -> set[str]:
    """Kill the writer at a random moment; the ids it printed before dying."""
    if rng.random() < 0.15:
        # now and then during start-up: opening, cleaning up, the first write
        time.sleep(rng.uniform(0.0, 0.25))
        printed = b""
    else:
        printed = writer.stdout.readline()  # it is writing now
        time.sleep(rng.uniform(0.0, 0.03))
    writer.send_signal(signal.SIGKILL)
    printed += writer.stdout.read()
    stderr = writer.stderr.read()
    writer.wait()
    assert writer.returncode == -signal.SIGKILL, stderr.decode(errors="replace")
    # A line cut short by the kill was never a complete "saved" message.
    return {line for line in printed.decode().split("\n")[:-1] if len(line) == UUID_LENGTH}


def check_library(library_dir: Path, durable: set[str]) -> None:
    library = Library.open(library_dir)
    marks = list(library.all_annotations())
    present = {a.id for a in marks}
    missing = durable - present
    assert not missing, f"{len(missing)} saved annotation(s) lost, e.g. {sorted(missing)[:3]}"
    actors = {a.id for a in library.actors()}
    for annotation in marks:
        # the actor is saved before the mark that names it, so no mark names a lost actor
        assert annotation.actor in actors or not annotation.actor
        assert annotation.speaker in actors or not annotation.speaker
    for root, _dirs, names in os.walk(library_dir):
        for name in names:
            assert not is_temp_file(name), f"stale temp file {name} survived an open"
            if name.endswith(".json"):
                json.loads((Path(root) / name).read_bytes())


def test_no_returned_save_is_lost_however_often_the_writer_is_killed(library_dir, tmp_path):
    library = Library.open(library_dir)
    for n, title in enumerate(["Tram extension splits the valley towns",
                               "Ferry crossings cut for winter", "Reservoir levels fall"]):
        text = f"# {title}\n\n" + " ".join(
            f"Sentence {i} of article {n} reports figure {i * 37 % 101}." for i in range(120))
        add_sample(library, tmp_path / "src", f"a{n}.md", text)
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    durable: set[str] = set()
    began = time.monotonic()
    for kill in range(KILLS):
        writer = start_writer(library_dir, seed + kill)
        durable |= kill_at_random(writer, rng)
        check_library(library_dir, durable)
    elapsed = time.monotonic() - began
    assert len(durable) > KILLS, f"too few saves between kills (seed {seed})"
    print(f"{KILLS} kills, {len(durable)} durable saves checked, {elapsed:.1f} s, seed {seed}")
