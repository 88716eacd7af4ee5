"""`kind:` and `tag:` follow the hierarchy alike: a name finds the marks of the names
under it, and a mark's kind, built in or not, is among what `tag:` finds."""

from __future__ import annotations

import json

import pytest

PIECE = """# Ministry answers the reef scientists

The environment ministry said the dredging was lawful. The regional government did not
answer. Maria Costa, a biologist, said half the coral could die. Costa asked for a pause.
"""


@pytest.fixture
def marked(cli, tmp_path):
    source = tmp_path / "piece.md"
    source.write_text(PIECE, encoding="utf-8")
    assert cli("add", str(source)).exit_code == 0
    article = "ministry-answers-reef"
    for tag in ("actor/government", "actor/government/ministry"):
        assert cli("codebook", "--add", tag).exit_code == 0
    for args in (("--kind", "actor/government/ministry", "--quote", "environment ministry"),
                 ("--kind", "actor/government", "--quote", "regional government"),
                 ("--kind", "actor", "--quote", "Maria Costa"),
                 ("--kind", "claim", "--quote", "half the coral could die",
                  "--tag", "actor/government"),
                 ("--kind", "question", "--quote", "asked for a pause")):
        assert cli("annotate", article, *args).exit_code == 0, args
    return article


def quotes(cli, query: str) -> list[str]:
    result = cli("search", query, "--json")
    assert result.exit_code == 0, result.stderr
    return sorted(h["quote"] for h in json.loads(result.stdout))


def test_a_kind_filter_finds_the_kinds_under_it(cli, marked):
    assert quotes(cli, "kind:actor/government") == ["environment ministry", "regional government"]
    assert quotes(cli, "kind:actor/government/ministry") == ["environment ministry"]
    assert quotes(cli, "kind:actor") == ["Maria Costa", "environment ministry",
                                         "regional government"]
    assert quotes(cli, "kind:actor/gov*") == ["environment ministry", "regional government"]
    assert quotes(cli, "-kind:actor/government/ministry kind:actor/government") == [
        "regional government"]


def test_a_tag_filter_finds_the_plain_mentions_of_a_built_in_kind_too(cli, marked):
    everything_actor = ["Maria Costa", "environment ministry", "half the coral could die",
                        "regional government"]
    assert quotes(cli, "tag:actor") == everything_actor
    assert quotes(cli, "tag:actor/government") == everything_actor[1:]
    assert quotes(cli, "tag:claim") == quotes(cli, "kind:claim") == ["half the coral could die"]
    assert quotes(cli, "tag:act*") == everything_actor
