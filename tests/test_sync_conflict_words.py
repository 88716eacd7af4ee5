"""What a sync says of what it kept, on two teammates' machines and a newcomer's: a
record one teammate deleted and another changed names both, the same on every machine;
a newcomer's `sync init` against the team's remote takes in the team's library without
crediting its old history, or its old conflicts, to anyone."""

from __future__ import annotations

import json

from annotations.store import Library
from tests.helpers.library import add_sample
from tests.sync_support import glossator, make_team, ok, shared_files

FERRY = "# Ferry subsidy cut\n\nThe island ferry loses its subsidy in July, the minister said.\n"


def deleted_by_ana_marked_by_ben(tmp_path):
    team = make_team(tmp_path)
    ok(glossator(team.ana, "rm", team.article))
    ok(glossator(team.ben, "annotate", team.article, "--kind", "claim", "--quote",
                 "wildly optimistic", author="ben"))
    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ana, "sync"))
    return team


def test_an_article_kept_after_a_deletion_names_who_deleted_and_who_marked_it_on_both(tmp_path):
    team = deleted_by_ana_marked_by_ben(tmp_path)
    assert shared_files(team.ana) == shared_files(team.ben)
    for folder, author in ((team.ana, "ana"), (team.ben, "ben")):
        (entry,) = json.loads(ok(glossator(folder, "conflicts", "--json", author=author)).out)
        assert (entry["field"], entry["author"], entry["kept_by"]) == ("deleted", "ana", "ben")
        shown = ok(glossator(folder, "conflicts", author=author)).out
        assert "deleted by ana, kept because ben changed it" in shown
        assert "this side" not in shown and "other side" not in shown


def test_one_mark_shown_words_its_deletion_conflict(tmp_path):
    team = make_team(tmp_path)
    ok(glossator(team.ana, "annotate", team.article, "--kind", "claim", "--quote",
                 "wildly optimistic"))
    (made,) = Library.open(team.ana).annotations(team.article)
    mark_id = made.id
    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ben, "annotation", mark_id, "--delete", author="ben"))
    ok(glossator(team.ana, "annotation", mark_id, "--set", "note=still open"))
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ana, "sync"))

    shown = ok(glossator(team.ana, "annotation", mark_id)).out
    assert "conflict: deleted by ben, kept because ana changed it" in shown
    assert "True" not in shown


def test_sync_init_against_the_teams_remote_takes_in_their_library_without_their_history(
        tmp_path):
    team = deleted_by_ana_marked_by_ben(tmp_path)  # an old conflict in the team's library
    dan = tmp_path / "dan"
    add_sample(Library.open(dan), tmp_path / "dans", "ferry.md", FERRY)
    ok(glossator(dan, "annotate", "ferry-subsidy-cut", "--kind", "claim", "--quote",
                 "loses its subsidy", author="dan"))

    report = ok(glossator(dan, "sync", "init", str(team.remote), author="dan")).out
    assert "took in the team's library: 1 article, 1 mark" in report
    assert "ben:" not in report and "ana:" not in report
    assert "kept (you removed it" not in report
    assert "conflict" not in report  # the team's old one is not this merge's
    library = Library.open(dan)
    assert {a.id for a in library.articles()} == {"ferry-subsidy-cut", team.article}
    ok(glossator(team.ben, "sync", author="ben"))
    assert shared_files(team.ben) == shared_files(dan)
