"""`glossator actors merge|rename|split|set|undo` and `glossator undo`, as a user types them."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from annotations.model import Actor
from annotations.store import Library
from tests.conftest import REPO
from tests.helpers.library import snapshot

PIECE = """\
---
title: Port authority answers the dredging critics
site: Estuary News
published: 2025-09-04
---

Harbour master Helen Achterberg said the dredging would pay for itself. Achterberg
added that the channel was safe. H. Achterberg, speaking later, said the licence was near.
The fishermen's association disputed the figures.
"""


@pytest.fixture
def piece(cli, tmp_path):
    source = tmp_path / "piece.md"
    source.write_text(PIECE, encoding="utf-8")
    article = cli("add", str(source)).stdout.split()[1]
    for args in (("--kind", "actor", "--quote", "Helen Achterberg"),
                 ("--kind", "claim", "--quote", "the dredging would pay for itself",
                  "--speaker", "Helen Achterberg"),
                 ("--kind", "actor", "--quote", "H. Achterberg"),
                 ("--kind", "claim", "--quote", "the licence was near", "--speaker",
                  "H. Achterberg"),
                 ("--kind", "actor", "--quote", "The fishermen's association")):
        assert cli("annotate", article, *args).exit_code == 0
    return article


def test_actors_lists_the_counts_as_before(cli, piece):
    lines = cli("actors").stdout.splitlines()
    assert lines == [
        "H. Achterberg [person]: 1 mention(s), 1 claim(s) in 1 article(s)",
        "Helen Achterberg [person]: 1 mention(s), 1 claim(s) in 1 article(s)",
        "The fishermen's association [person]: 1 mention(s), 0 claim(s) in 1 article(s)",
    ]


def test_merge_prints_the_plan_does_it_and_says_how_to_undo(cli, piece):
    result = cli("actors", "merge", "h. achterberg", "Helen Achterberg")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("merge 'H. Achterberg' into 'Helen Achterberg': 1 mention and 1 claim "
                        "in 1 article")
    assert lines[1] == "  'Helen Achterberg' gains the alias(es) 'H. Achterberg'"
    assert lines[2].startswith("done; `glossator undo` undoes it (record ")
    records = json.loads(cli("actors", "--json").stdout)
    helen = next(r for r in records if r["name"] == "Helen Achterberg")
    assert (len(helen["mentions"]), len(helen["claims"]), helen["aliases"]) == (
        2, 2, ["H. Achterberg"])
    undone = cli("undo")
    assert undone.stdout.strip() == ("undone: merge 'H. Achterberg' into 'Helen Achterberg': "
                                     "1 mention and 1 claim in 1 article")
    assert len(json.loads(cli("actors", "--json").stdout)) == 3


def test_dry_run_changes_nothing(cli, piece, library_dir):
    before = snapshot(library_dir)
    result = cli("actors", "merge", "H. Achterberg", "Helen Achterberg", "--dry-run")
    assert result.stdout.splitlines()[-1] == "dry run: nothing changed"
    after = snapshot(library_dir)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert all(k.startswith("tallies-") and k.endswith("cache.json") for k in changed), changed


def test_json_describes_the_change(cli, piece):
    record = json.loads(cli("actors", "merge", "H. Achterberg", "Helen Achterberg", "--json").stdout)
    assert {k: record[k] for k in ("group", "action", "mentions", "claims", "marks", "applied")} == {
        "group": "actors", "action": "merge", "mentions": 1, "claims": 1, "marks": 2,
        "applied": True}
    assert record["articles"] == [piece] and record["undo"]
    listed = json.loads(cli("undo", "--list", "--json").stdout)
    assert [(r["id"], r["undoable"]) for r in listed] == [(record["undo"], True)]


def test_rename_split_set_and_undo_each(cli, piece):
    assert cli("actors", "rename", "Helen Achterberg", "Helen J. Achterberg").stdout.startswith(
        "rename 'Helen Achterberg' to 'Helen J. Achterberg': 1 mention and 1 claim in 1 article")
    assert cli("actors", "set", "Helen J. Achterberg", "type=organisation",
               "description=The port authority's voice").exit_code == 0
    records = {r["name"]: r for r in json.loads(cli("actors", "--json").stdout)}
    assert records["Helen J. Achterberg"]["aliases"] == ["Helen Achterberg"]
    assert records["Helen J. Achterberg"]["type"] == "organisation"
    split = cli("actors", "split", "Helen J. Achterberg", "Helen Achterberg")
    assert split.stdout.startswith("split 'Helen Achterberg' off 'Helen J. Achterberg' as an "
                                   "actor of its own: 1 mention and 1 claim in 1 article follow it")
    assert [cli("actors", "undo").stdout.split(":")[1].split()[0] for _ in range(3)] == [
        "split", "set", "rename"]
    failed = cli("actors", "undo")
    assert failed.exit_code == 1
    assert failed.stderr.startswith("glossator: error: no library-wide actor change to undo in ")


def test_an_ambiguous_or_unknown_actor_is_one_line(cli, piece, library_dir):
    Library.open(library_dir).save_actor(Actor(name="Achterberg Trust", aliases=["H. Achterberg"]))
    ambiguous = cli("actors", "merge", "h. achterberg", "Helen Achterberg")
    assert ambiguous.exit_code == 1 and ambiguous.stderr.count("\n") == 1
    assert ambiguous.stderr.startswith("glossator: error: 'h. achterberg' names 2 actors: ")
    assert "Achterberg Trust (" in ambiguous.stderr and "give the id instead" in ambiguous.stderr
    failed = cli("actors", "set", "nobody at all", "type=place")
    assert failed.exit_code == 1
    assert failed.stderr.count("\n") == 1
    assert "no actor 'nobody at all' in the library" in failed.stderr
    bad = cli("actors", "set", "Achterberg", "colour=red")
    assert bad.exit_code == 1 and "KEY one of: type, description" in bad.stderr


def test_an_actor_cannot_be_renamed_to_a_name_with_control_characters(cli, piece, library_dir):
    before = snapshot(library_dir)
    for name, what in (("Helen\x1b[31m Achterberg", "an escape (ESC) at character 6"),
                       ("Helen\tAchterberg", "a tab at character 6"),
                       ("Helen \u202eAchterberg", "U+202E RIGHT-TO-LEFT OVERRIDE at character 7")):
        result = cli("actors", "rename", "Helen Achterberg", name)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
        assert "an actor's name cannot hold control or format characters" in result.stderr
        assert what in result.stderr
    assert snapshot(library_dir) == before
    assert cli("actors", "rename", "Helen Achterberg", "Hélène Achterberg\u200d").exit_code == 0


def test_undo_after_a_new_mark_in_the_article_takes_back_only_the_merge(cli, piece):
    assert cli("actors", "merge", "H. Achterberg", "Helen Achterberg").exit_code == 0
    assert cli("annotate", piece, "--kind", "claim", "--quote", "the channel was safe").exit_code == 0
    assert "(not now" not in cli("undo", "--list").stdout
    assert cli("undo", "--dry-run").stdout.startswith("would undo: merge 'H. Achterberg'")
    undone = cli("undo")
    assert undone.exit_code == 0, undone.stderr
    assert undone.stdout.startswith("undone: merge 'H. Achterberg' into 'Helen Achterberg'")
    assert "H. Achterberg [person]: 1 mention(s), 1 claim(s)" in cli("actors").stdout
    marks = json.loads(cli("annotations", piece, "--json").stdout)
    assert "the channel was safe" in [m["quote"] for m in marks]


def test_in_a_terminal_a_merge_asks_first(library_dir, cli, piece):
    """The plan, then `apply? [y/N]`: n changes nothing, y merges."""
    def run(answer: str) -> str:
        main, child = pty.openpty()
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "--library", str(library_dir), "actors", "merge",
             "H. Achterberg", "Helen Achterberg"], stdin=child, stdout=child, stderr=child,
            cwd=REPO, env={**os.environ, "TERM": "dumb"})
        os.close(child)
        seen = b""
        deadline = time.monotonic() + 30
        while b"apply?" not in seen and time.monotonic() < deadline:
            if select.select([main], [], [], 0.5)[0]:
                seen += os.read(main, 4096)
        os.write(main, answer.encode() + b"\n")
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([main], [], [], 0.2)[0]:
                try:
                    seen += os.read(main, 4096)
                except OSError:
                    break
        process.wait(timeout=10)
        os.close(main)
        return seen.decode(errors="replace")

    declined = run("n")
    assert "merge 'H. Achterberg' into 'Helen Achterberg'" in declined
    assert "nothing changed" in declined
    assert len(json.loads(cli("actors", "--json").stdout)) == 3
    accepted = run("y")
    assert "done; `glossator undo` undoes it" in accepted
    assert len(json.loads(cli("actors", "--json").stdout)) == 2
