"""`glossator codebook rename|merge|rm|set|undo`, as a user types them."""

from __future__ import annotations

import json

import pytest

NOTES = """\
---
title: Water board explains the hosepipe ban
site: Valley Post
published: 2025-07-14
---

The water board said the reservoirs were at a third of capacity. Its chief executive
promised new pipes by 2027. Farmers said the ban came too late to save the harvest.
"""


@pytest.fixture
def coded(cli, tmp_path):
    source = tmp_path / "notes.md"
    source.write_text(NOTES, encoding="utf-8")
    article = cli("add", str(source)).stdout.split()[1]
    for tag, colour in (("supply", "#50a0a0"), ("supply/reservoir", ""), ("promise", "#a070d0")):
        assert cli("codebook", "--add", tag, "--colour", colour).exit_code == 0
    for args in (("--kind", "claim", "--quote", "at a third of capacity", "--tag",
                  "supply/reservoir"),
                 ("--kind", "promise", "--quote", "new pipes by 2027", "--tag", "supply"),
                 ("--kind", "claim", "--quote", "too late to save the harvest")):
        assert cli("annotate", article, *args).exit_code == 0
    return article


def tags_of(cli) -> list[tuple[str, list[str]]]:
    return sorted((a["kind"], a["tags"]) for a in json.loads(cli("annotations", "--json").stdout))


def test_the_codebook_lists_marks_per_tag(cli, coded):
    listed = {r["name"]: r["marks"] for r in json.loads(cli("codebook", "--json").stdout)}
    assert listed == {"claim": 2, "actor": 0, "question": 0, "promise": 1, "supply": 1,
                      "supply/reservoir": 1}
    assert cli("codebook").stdout.splitlines()[3].split() == ["promise", "#a070d0", "1"]


def test_rename_moves_the_sub_tags_and_the_marks(cli, coded):
    result = cli("codebook", "rename", "supply", "water/supply")
    assert result.stdout.splitlines()[:2] == [
        "move tag 'supply' to 'water/supply': 2 marks in 1 article",
        "  1 sub-tag follows: supply/reservoir → water/supply/reservoir"]
    assert tags_of(cli) == [("claim", []), ("claim", ["water/supply/reservoir"]),
                            ("promise", ["water/supply"])]
    assert cli("codebook", "undo").stdout.startswith("undone: move tag 'supply'")
    assert tags_of(cli)[1] == ("claim", ["supply/reservoir"])


def test_rm_needs_a_kind_for_marks_of_that_kind(cli, coded):
    refused = cli("codebook", "rm", "promise")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("glossator: error: 1 mark has 'promise' (or a sub-tag) as "
                                     "its kind; say which kind they take instead with --kind")
    done = cli("codebook", "rm", "promise", "--kind", "claim")
    assert done.stdout.splitlines()[0] == "delete tag 'promise': 1 mark in 1 article lose it"
    assert ("claim", ["supply"]) in tags_of(cli)
    assert "promise" not in cli("codebook").stdout


def test_a_dry_run_of_rm_shows_the_counts_then_the_kind_it_needs(cli, coded):
    result = cli("codebook", "rm", "promise", "--dry-run")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "delete tag 'promise': 1 mark in 1 article lose it",
        "  1 mark has it as its kind: --kind KIND says which kind it takes instead",
        "dry run: nothing changed"]
    assert result.stderr.startswith("glossator: error: 1 mark has 'promise' (or a sub-tag) as "
                                    "its kind; say which kind they take instead with --kind")
    assert result.stderr.count("\n") == 1
    assert "promise" in cli("codebook").stdout  # nothing deleted
    data = json.loads(cli("codebook", "rm", "promise", "--dry-run", "--json").stdout)
    assert (data["marks"], data["applied"]) == (1, False)
    ready = cli("codebook", "rm", "promise", "--kind", "claim", "--dry-run")
    assert ready.exit_code == 0
    assert "  1 mark had it as its kind: it becomes 'claim'" in ready.stdout.splitlines()


def test_merge_set_and_the_general_undo(cli, coded):
    assert cli("codebook", "merge", "supply/reservoir", "supply").exit_code == 0
    assert tags_of(cli) == [("claim", []), ("claim", ["supply"]), ("promise", ["supply"])]
    set_result = cli("codebook", "set", "claim", "colour=#d08050", "description=Checkable")
    assert set_result.stdout.startswith("set tag 'claim': colour #d08050 (was #e0a030); "
                                        "a new description")
    listed = cli("undo", "--list").stdout.splitlines()
    assert [line.split("  ")[2].strip() for line in listed] == ["codebook", "codebook"]
    assert cli("undo").stdout.startswith("undone: set tag 'claim'")
    assert cli("undo").stdout.startswith("undone: merge tag 'supply/reservoir' into 'supply'")
    assert tags_of(cli)[1] == ("claim", ["supply/reservoir"])


def test_a_tag_name_cannot_hold_control_characters(cli, coded):
    for args, what in ((("codebook", "--add", "x\ty"), "a tab at character 2"),
                       (("codebook", "rename", "supply", "sup\x1bply"), "an escape (ESC)"),
                       (("codebook", "set", "promise", "parent=wa\u200bter"),
                        "U+200B ZERO WIDTH SPACE")):
        result = cli(*args)
        assert result.exit_code == 1, args
        assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
        assert "a tag name cannot hold control or format characters" in result.stderr
        assert what in result.stderr
    names = [r["name"] for r in json.loads(cli("codebook", "--json").stdout)]
    assert names == ["claim", "actor", "question", "promise", "supply", "supply/reservoir"]


def test_refusals_are_one_line(cli, coded):
    for args, words in ((("rename", "claim", "assertion"), "built-in kinds"),
                        (("rm", "actor"), "built-in kinds"),
                        (("rename", "supply", "promise"), "is already a tag"),
                        (("set", "supply", "colour=blue"), "is not a colour"),
                        (("merge", "supply", "nowhere"), "no tag 'nowhere' to merge into")):
        result = cli("codebook", *args)
        assert result.exit_code == 1, args
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
