"""A search of several words opens the article where they are together, not at the first
"the" of the passage; the snippet is cut around that place."""

from __future__ import annotations

import json

from annotations.search.clusters import best_cluster
from annotations.search.query import Term

REEF = """# Reef scientists warn of damage

Marine biologists warned on Tuesday that dredging threatens the reef. Dr. Maria Costa
said half the coral could die.

The ministry did not respond to requests for comment.
"""

DIVERS = """# Divers report

Divers saw the coral near the pier on Monday. Several boats waited offshore while inspectors
counted moorings, logged hull numbers, measured water depth, photographed anchors and wrote
down which permits had lapsed since spring. Scientists measured coral bleaching last week.
"""


def search(cli, tmp_path, name: str, text: str, query: str) -> tuple[dict, str]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    added = cli("add", str(source))
    assert added.exit_code == 0, added.stderr
    article = added.stdout.split()[1]
    result = cli("search", query, "--json")
    assert result.exit_code == 0, result.stderr
    hit = next(h for h in json.loads(result.stdout) if h["in"] == "text")
    return hit, cli("text", article).stdout


def test_the_hit_is_where_the_words_are_together(cli, tmp_path):
    hit, text = search(cli, tmp_path, "reef.md", REEF, "half the coral")
    assert text[hit["start"]:hit["end"]] == "half the coral"
    assert "said half the coral could die" in hit["snippet"]
    assert hit["locator"] == "para. 1"


def test_a_common_word_counts_for_little_beside_the_others(cli, tmp_path):
    hit, text = search(cli, tmp_path, "divers.md", DIVERS, "coral the bleaching")
    assert text[hit["start"]:hit["end"]] == "coral bleaching"
    assert hit["snippet"].endswith("Scientists measured coral bleaching last week.")


def test_the_shortest_run_with_every_word_wins_and_the_earliest_of_equals():
    plain = "the coral and the reef; coral reef"
    spans = [(4, 9), (18, 22), (24, 29), (30, 34)]
    terms = [Term("coral"), Term("reef")]
    assert best_cluster(plain, spans, terms) == (24, 34)  # "coral reef", not "coral and the reef"
    assert best_cluster("coral coral", [(0, 5), (6, 11)], [Term("cor", prefix=True)]) == (0, 5)
    assert best_cluster("nothing", [], terms) is None
