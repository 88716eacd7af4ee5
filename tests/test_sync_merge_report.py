"""The report of a merge says what the library holds after it, once the repair is done: an
article a teammate removed but you had marked is kept, not "removed"; two copies of one
source folded into one are not an article lost; and every conflict the repair made is
counted, so the report's count is what `glossator conflicts` lists. The other teammate,
syncing next, is told who kept their removed article and why."""

from __future__ import annotations

import json

from annotations.store import Library
from annotations.sync.conflicts import conflicts
from tests.sync_support import glossator, make_team, ok, shared_files

TITLE = "“Tram extension splits the valley towns”"
HARBOUR = "# Harbour dredging resumes\n\nThe council said dredging would resume in May.\n"


def test_an_article_removed_by_one_and_marked_by_the_other_is_reported_kept_on_both_sides(
        tmp_path):
    team = make_team(tmp_path)
    ok(glossator(team.ana, "rm", team.article))
    ok(glossator(team.ben, "annotate", team.article, "--kind", "claim", "--quote",
                 "wildly optimistic", author="ben"))
    ok(glossator(team.ana, "sync"))

    report = json.loads(ok(glossator(team.ben, "sync", "--json", author="ben")).out)
    lines = report["lines"]
    assert f"ana: article {TITLE} kept (they removed it; you had marked it); 1 conflict" in lines
    assert not any("article removed" in line for line in lines), lines
    assert "1 conflict kept for you to settle: `glossator conflicts` lists them, and the reader " \
           "shows ! on those marks" in lines
    assert report["conflicts"] == len(conflicts(Library.open(team.ben))) == 1

    back = ok(glossator(team.ana, "sync")).out.splitlines()
    assert f"ben: 1 mark in 1 article, article {TITLE} kept (you removed it; they had marked " \
           "it); 1 conflict" in back
    assert not any(line.startswith("a teammate:") for line in back), back
    (kept,) = conflicts(Library.open(team.ana))
    assert (kept.record, kept.field) == (team.article, "deleted")
    assert shared_files(team.ana) == shared_files(team.ben)


def test_one_source_added_on_both_sides_counts_the_conflict_its_folding_made(tmp_path):
    team = make_team(tmp_path)
    source = tmp_path / "harbour.md"
    source.write_text(HARBOUR, encoding="utf-8")
    ok(glossator(team.ana, "add", str(source), "--title", "Title A"))
    ok(glossator(team.ben, "add", str(source), "--title", "Title B", author="ben"))
    ok(glossator(team.ana, "sync"))

    report = json.loads(ok(glossator(team.ben, "sync", "--json", author="ben")).out)
    listed = conflicts(Library.open(team.ben))
    assert report["conflicts"] == len(listed) == 1, (report["lines"], listed)
    assert listed[0].field == "title"
    assert not any("removed" in line for line in report["lines"]), report["lines"]
    assert any(line.endswith("; 1 conflict") and line.startswith("ana: ")
               for line in report["lines"]), report["lines"]

    back = json.loads(ok(glossator(team.ana, "sync", "--json")).out)
    assert back["conflicts"] == len(conflicts(Library.open(team.ana))) == 1
    assert shared_files(team.ana) == shared_files(team.ben)
