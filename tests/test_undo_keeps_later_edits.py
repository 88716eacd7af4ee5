"""`glossator undo` of a library-wide change after more work in the same articles: the
change is taken back, the later work stays."""

from __future__ import annotations

import json

STORY = """\
---
title: Brussels weighs the fishing quotas
site: Coastal Weekly
published: 2025-04-03
---

The commission said the quotas would be cut. The EU fisheries council met on Monday and
the ministers promised a review. Fishermen called the plan a betrayal.
"""


def _story(cli, tmp_path) -> str:
    source = tmp_path / "story.md"
    source.write_text(STORY, encoding="utf-8")
    article = cli("add", str(source)).stdout.split()[1]
    assert cli("codebook", "--add", "eu").exit_code == 0
    for quote in ("the quotas would be cut", "the ministers promised a review"):
        assert cli("annotate", article, "--kind", "claim", "--quote", quote,
                   "--tag", "eu").exit_code == 0
    return article


def _marks(cli, article: str) -> dict[str, list[str]]:
    return {m["quote"]: m["tags"]
            for m in json.loads(cli("annotations", article, "--json").stdout)}


def test_a_tag_deleted_then_a_new_mark_in_the_article_is_still_undone(cli, tmp_path):
    article = _story(cli, tmp_path)
    assert cli("codebook", "rm", "eu", "-y").exit_code == 0
    assert cli("annotate", article, "--kind", "question", "--quote",
               "Fishermen called the plan a betrayal").exit_code == 0

    undone = cli("undo")

    assert undone.exit_code == 0, undone.stderr
    assert undone.stdout == "undone: delete tag 'eu': 2 marks in 1 article lose it\n"
    assert _marks(cli, article) == {"the quotas would be cut": ["eu"],
                                    "the ministers promised a review": ["eu"],
                                    "Fishermen called the plan a betrayal": []}
    assert "eu" in [t["name"] for t in json.loads(cli("codebook", "--json").stdout)]


def test_a_claim_given_another_speaker_since_keeps_it_and_the_undo_says_so(cli, tmp_path):
    article = _story(cli, tmp_path)
    for quote, speaker in (("the quotas would be cut", "The commission"),
                           ("the ministers promised a review", "The commission")):
        claim = next(m for m in json.loads(cli("annotations", article, "--json").stdout)
                     if m["quote"] == quote)
        assert cli("annotation", claim["id"], "--set", f"speaker={speaker}").exit_code == 0
    assert cli("annotate", article, "--kind", "actor", "--quote",
               "EU fisheries council").exit_code == 0
    assert cli("actors", "merge", "The commission", "EU fisheries council", "-y").exit_code == 0
    review = next(m for m in json.loads(cli("annotations", article, "--json").stdout)
                  if m["quote"] == "the ministers promised a review")
    assert cli("annotation", review["id"], "--set", "speaker=the ministers").exit_code == 0

    dry = cli("undo", "--dry-run")
    assert dry.stdout.splitlines()[1:] == ["  1 mark left as edited since (its later values kept)"]
    undone = cli("undo")

    assert undone.exit_code == 0, undone.stderr
    assert undone.stdout.splitlines() == [
        "undone: merge 'The commission' into 'EU fisheries council': 2 claims in 1 article",
        "  1 mark left as edited since (its later values kept)"]
    speakers = {m["quote"]: m["speaker"]
                for m in json.loads(cli("annotations", article, "--json").stdout)}
    assert speakers["the quotas would be cut"] == "The commission"
    assert speakers["the ministers promised a review"] == "the ministers"


def test_an_earlier_change_under_a_later_one_waits_for_it(cli, tmp_path):
    article = _story(cli, tmp_path)
    assert cli("codebook", "rename", "eu", "europe", "-y").exit_code == 0
    assert cli("codebook", "rename", "europe", "union", "-y").exit_code == 0
    earlier = json.loads(cli("undo", "--list", "--json").stdout)[0]
    assert not earlier["undoable"]
    refused = cli("undo", earlier["id"])
    assert refused.exit_code == 1
    assert "the later change “rename tag 'europe' to 'union'" in refused.stderr
    assert "undo that first" in refused.stderr
    assert cli("undo").exit_code == 0 and cli("undo").exit_code == 0
    assert set(sum(_marks(cli, article).values(), [])) == {"eu"}
