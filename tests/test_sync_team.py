"""Two teammates share a library through a bare remote on disk: each marks offline, each
syncs, and both end with the same library; the report says what came in from whom, the
commits say what changed, and a clash on one field is kept as a conflict."""

from __future__ import annotations

import json
import os

from annotations.refreshing import body_hash
from annotations.store import Library
from annotations.sync.conflicts import conflicts
from tests.helpers.library import SAMPLE_MARKDOWN, add_sample, mark
from tests.sync_support import (
    git,
    glossator,
    make_team,
    marks_hold_their_words,
    no_conflict_markers,
    ok,
    shared_files,
)

NO_IDENTITY = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def test_marks_made_offline_on_both_sides_reach_both_and_the_report_says_from_whom(
        tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    mark(Library.open(team.ana), Library.open(team.ana).article(team.article),
         "9,000 passengers a day")
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    bens = Library.open(team.ben)
    article = bens.article(team.article)
    mark(bens, article, "wildly optimistic", kind="claim")
    mark(bens, article, "Construction is due to start in spring", kind="question")

    first = ok(glossator(team.ana, "sync"))
    assert "committed: 1 mark added to “Tram extension splits the valley towns”" in first.out
    assert "pushed to origin/main" in first.out
    second = ok(glossator(team.ben, "sync", author="ben"))
    assert "ana: 1 mark in 1 article" in second.out
    assert "pushed to origin/main" in second.out
    third = ok(glossator(team.ana, "sync"))
    assert "ben: 2 marks in 1 article" in third.out

    assert shared_files(team.ana) == shared_files(team.ben)
    assert len(Library.open(team.ana).annotations(team.article)) == 3
    assert no_conflict_markers(team.ana)


def test_one_field_changed_differently_on_both_sides_is_a_conflict_on_both(tmp_path):
    team = make_team(tmp_path)
    anas = Library.open(team.ana)
    claim = mark(anas, anas.article(team.article), "9,000 passengers a day")
    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    for folder, status, when in ((team.ana, "disputed", "2030-01-01T10:00:00Z"),
                                 (team.ben, "false", "2030-01-01T11:00:00Z")):
        library = Library.open(folder)
        changed = library.annotation(team.article, claim.id)
        changed.status, changed.updated = status, when
        library.save_annotation(changed, touch=False)

    assert "committed: 1 claim status changed" in ok(glossator(team.ana, "sync")).out
    report = json.loads(ok(glossator(team.ben, "sync", "--json", author="ben")).out)
    assert report["conflicts"] == 1
    assert report["incoming"][0]["line"] == "ana: 1 mark in 1 article; 1 conflict"
    ok(glossator(team.ana, "sync"))

    for folder in (team.ana, team.ben):
        (found,) = conflicts(Library.open(folder))
        assert (found.field, found.current, found.other) == ("status", "false", "disputed")
        assert (found.entry["author"], found.entry["kept_by"]) == ("ana", "ben")
    assert shared_files(team.ana) == shared_files(team.ben)


def test_commits_say_what_changed_and_are_by_the_marker_with_no_git_identity(tmp_path):
    team = make_team(tmp_path)
    library = Library.open(team.ana)
    article = library.article(team.article)
    for quote in ("9,000 passengers a day", "wildly optimistic", "the bus network"):
        mark(library, article, quote)
    add_sample(library, tmp_path / "more", "harbour.md", "# Harbour dredging resumes\n\nIt does.\n")
    ok(glossator(team.ana, "sync", env={**NO_IDENTITY, "HOME": str(tmp_path / "nobody")}))
    who, message = git(team.ana, "log", "-1", "--format=%an <%ae>|%B").stdout.strip().split("|")
    assert who == "ana <ana@glossator.invalid>"
    assert message.splitlines() == [
        "3 marks added to “Tram extension splits the valley towns”", "",
        "- 3 marks added to “Tram extension splits the valley towns”",
        "- 1 article added: “Harbour dredging resumes”"]


def test_with_no_remote_a_sync_commits_only(tmp_path):
    folder = tmp_path / "solo"
    add_sample(Library.open(folder), tmp_path / "src")
    out = ok(glossator(folder, "sync", "init")).out
    assert "committed: the library: 1 article, 0 marks" in out
    assert "no remote: committed here only" in out
    assert git(folder, "status", "--porcelain").stdout == ""
    assert "nothing new to commit" in ok(glossator(folder, "sync")).out


def test_offline_the_change_is_committed_the_push_pending_and_the_next_sync_pushes_it(
        tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    library = Library.open(team.ana)
    mark(library, library.article(team.article), "wildly optimistic")
    away = tmp_path / "remote-away.git"
    team.remote.rename(away)  # the server is out of reach

    report = ok(glossator(team.ana, "sync"))
    assert "committed: 1 mark added" in report.out
    assert "push pending: cannot reach origin" in report.out
    assert "the next sync pushes them (1 commit waiting)" in report.out
    assert git(team.ana, "status", "--porcelain").stdout == ""

    away.rename(team.remote)
    again = ok(glossator(team.ana, "sync"))
    assert "nothing new to commit" in again.out and "pushed to origin/main" in again.out
    assert "ana: 1 mark in 1 article" in ok(glossator(team.ben, "sync", author="ben")).out


def test_a_clone_made_with_plain_git_clone_merges_right_once_glossator_synced_in_it(tmp_path):
    team = make_team(tmp_path)
    carl = tmp_path / "carl"
    git(tmp_path, "clone", "-q", str(team.remote), str(carl))
    assert git(carl, "config", "--get", "merge.glossator.driver", check=False).returncode != 0
    ok(glossator(carl, "sync", author="carl"))
    assert "-m reader merge-file %O %A %B %P" in git(carl, "config", "merge.glossator.driver").stdout

    anas = Library.open(team.ana)
    claim = mark(anas, anas.article(team.article), "9,000 passengers a day")
    ok(glossator(team.ana, "sync"))
    git(carl, "pull", "-q", "--no-rebase")  # by hand: git and the driver alone
    carls = Library.open(carl)
    changed = carls.annotation(team.article, claim.id)
    changed.note, changed.updated = "carl's note", "2030-01-01T10:00:00Z"
    carls.save_annotation(changed, touch=False)
    mark(carls, carls.article(team.article), "wildly optimistic")
    git(carl, "commit", "-q", "-am", "carl, by hand")
    changed = anas.annotation(team.article, claim.id)
    changed.note, changed.updated = "ana's note", "2030-01-01T09:00:00Z"
    anas.save_annotation(changed, touch=False)
    ok(glossator(team.ana, "sync"))

    done = git(carl, "pull", "--no-rebase", "--no-edit", check=False)
    assert done.returncode == 0, done.stdout + done.stderr  # the driver merged it
    assert no_conflict_markers(carl)
    merged = Library.open(carl)
    assert merged.annotation(team.article, claim.id).note == "carl's note"
    (clash,) = conflicts(merged)
    assert (clash.field, clash.other) == ("note", "ana's note")
    assert len(merged.annotations(team.article)) == 2


def test_two_different_articles_added_under_one_id_are_both_kept(tmp_path):
    team = make_team(tmp_path)
    text = "# Ferry subsidy cut\n\nThe island ferry loses its subsidy in {month}, the minister said.\n"
    mine = add_sample(Library.open(team.ana), tmp_path / "a", "ferry.md", text.format(month="July"))
    theirs = add_sample(Library.open(team.ben), tmp_path / "b", "ferry.md", text.format(month="May"))
    assert mine.id == theirs.id
    bens = Library.open(team.ben)
    mark(bens, bens.article(theirs.id), "loses its subsidy in May")
    ok(glossator(team.ben, "sync", author="ben"))
    report = ok(glossator(team.ana, "sync"))
    assert f"our article {mine.id} is now {mine.id}-2" in report.out
    ok(glossator(team.ben, "sync", author="ben"))

    for folder in (team.ana, team.ben):
        library = Library.open(folder)
        ferries = {a.id: library.body(a) for a in library.articles() if a.title == "Ferry subsidy cut"}
        assert sorted(ferries) == [mine.id, f"{mine.id}-2"]
        assert "in May" in ferries[mine.id] and "in July" in ferries[f"{mine.id}-2"]
        assert [m.exact for m in library.annotations(mine.id)] == ["loses its subsidy in May"]
    assert shared_files(team.ana) == shared_files(team.ben)


def test_only_the_librarys_own_files_are_shared(tmp_path):
    team = make_team(tmp_path)
    library = Library.open(team.ana)
    library.all_counts()  # writes counts-cache.json
    tracked = set(git(team.ana, "ls-files").stdout.split())
    assert tracked == {".gitattributes", ".gitignore", "library.json",
                       f"articles/{team.article}/body.md"}
    for derived in ("counts-cache.json", "citations-cache.json", "search-index.sqlite",
                    "library.lock", "library.lock.owner", "backups/x/library.json",
                    "journal/1/plan.json", "undo/1/record.json", "tallies-cache.json",
                    f"articles/{team.article}/document.cache", f"articles/{team.article}/.x.tmp"):
        assert git(team.ana, "check-ignore", "-q", "--no-index", derived, check=False).returncode == 0, \
            derived
    for shared in ("actors.json", "codebook.json", f"articles/{team.article}/annotations.json",
                   f"articles/{team.article}/versions/1.md", f"articles/{team.article}/versions.json",
                   f"articles/{team.article}/rejected.json", f"articles/{team.article}/body.pages.json"):
        assert git(team.ana, "check-ignore", "-q", "--no-index", shared, check=False).returncode == 1, \
            shared
    attributes = git(team.ana, "check-attr", "merge", "text", "--", "library.json",
                     f"articles/{team.article}/annotations.json",
                     f"articles/{team.article}/body.md").stdout
    assert "library.json: merge: glossator" in attributes
    assert f"articles/{team.article}/annotations.json: merge: glossator" in attributes
    assert f"articles/{team.article}/body.md: merge: binary" in attributes
    assert "library.json: text: unset" in attributes


def test_a_body_both_refreshed_differently_follows_the_merged_record_on_both(tmp_path):
    team = make_team(tmp_path)
    for folder, author, words in ((team.ana, "ana", "9,500 passengers a day"),
                                  (team.ben, "ben", "9,800 passengers a day")):
        source = tmp_path / f"{author}-tram.md"
        source.write_text(SAMPLE_MARKDOWN.replace("9,000 passengers a day", words), "utf-8")
        ok(glossator(folder, "refresh", team.article, str(source), author=author))

    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ana, "sync"))

    assert shared_files(team.ana) == shared_files(team.ben)
    library = Library.open(team.ben)
    article = library.article(team.article)
    body = library.body(article)
    assert ("9,500" in body) != ("9,800" in body)  # one side's text, whole
    assert article.content_hash == body_hash(body)  # the body the merged record describes
    assert no_conflict_markers(team.ben)


UPDATE = "An update was added at the very top of this story, shifting everything.\n\n"
"""A paragraph a refresh brings in above everything the marks quote."""


def refreshed_source(tmp_path, text: str = SAMPLE_MARKDOWN) -> str:
    source = tmp_path / "tram-updated.md"
    source.write_text(text.replace("The regional authority", UPDATE + "The regional authority")
                      .replace("Who will pay if", "Who pays if"), "utf-8")
    return str(source)


def test_marks_made_offline_on_the_old_body_find_their_words_after_a_teammates_refresh(tmp_path):
    team = make_team(tmp_path)
    ok(glossator(team.ana, "refresh", team.article, refreshed_source(tmp_path)))
    ok(glossator(team.ben, "annotate", team.article, "--kind", "claim", "--quote",
                 "wildly optimistic", author="ben"))
    ok(glossator(team.ben, "annotate", team.article, "--kind", "question", "--quote",
                 "Who will pay", author="ben"))  # the refresh rewords it
    ok(glossator(team.ana, "sync"))

    report = ok(glossator(team.ben, "sync", author="ben")).out
    assert "2 of your marks re-anchored after ana's refresh of “Tram extension splits the " \
           "valley towns”" in report
    ok(glossator(team.ana, "sync"))

    assert shared_files(team.ana) == shared_files(team.ben)
    for folder in (team.ana, team.ben):
        assert marks_hold_their_words(folder)
        library = Library.open(folder)
        moved, reworded = sorted(library.annotations(team.article), key=lambda m: m.kind)
        assert moved.exact == "wildly optimistic" and not moved.orphaned
        assert moved.history[-1]["why"] == "refresh" and moved.history[-1]["start"] < moved.start
        assert reworded.orphaned or reworded.exact != "Who will pay"  # never on other words


def test_a_teammates_marks_follow_our_refresh_when_we_merge_them(tmp_path):
    team = make_team(tmp_path)
    ok(glossator(team.ben, "annotate", team.article, "--kind", "claim", "--quote",
                 "the bus network", author="ben"))
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ana, "refresh", team.article, refreshed_source(tmp_path)))

    report = ok(glossator(team.ana, "sync")).out
    assert "1 of ben's marks re-anchored after your refresh of “Tram extension" in report
    assert "(1 moved)" in report
    ok(glossator(team.ben, "sync", author="ben"))
    assert shared_files(team.ana) == shared_files(team.ben)
    assert marks_hold_their_words(team.ana) and marks_hold_their_words(team.ben)


def test_a_bare_remote_made_with_git_init_bare_is_given_the_librarys_branch_as_its_head(tmp_path):
    remote = tmp_path / "team.git"
    git(tmp_path, "init", "-q", "--bare", "--initial-branch=master", str(remote))
    folder = tmp_path / "ana"
    add_sample(Library.open(folder), tmp_path / "src")
    assert "the remote's HEAD now names main" in ok(glossator(folder, "sync", "init", str(remote))).out
    assert git(remote, "symbolic-ref", "HEAD").stdout.strip() == "refs/heads/main"
    git(tmp_path, "clone", "-q", str(remote), str(tmp_path / "carl"))
    assert (tmp_path / "carl" / "library.json").is_file()  # plain git checked the library out


def test_a_clone_that_checked_nothing_out_syncs_onto_the_teams_history(tmp_path):
    team = make_team(tmp_path)
    # A remote whose HEAD names a branch it lacks, as a host we cannot set it on may have.
    git(team.remote, "symbolic-ref", "HEAD", "refs/heads/master")
    carl = tmp_path / "carl"
    git(tmp_path, "clone", "-q", str(team.remote), str(carl))
    assert not (carl / "library.json").exists()

    assert "started from origin/main" in ok(glossator(carl, "sync", author="carl")).out
    roots = git(carl, "rev-list", "--max-parents=0", "HEAD").stdout.split()
    assert roots == git(team.ana, "rev-list", "--max-parents=0", "HEAD").stdout.split()
    assert git(carl, "symbolic-ref", "--short", "HEAD").stdout.strip() == "main"
    assert [a.id for a in Library.open(carl).articles()] == [team.article]
    for folder in (carl, tmp_path / "dan"):
        if folder.name == "dan":
            ok(glossator(folder, "sync", "clone", str(team.remote), str(folder), author="dan"))
        sections = git(folder, "config", "--get-regexp", r"^branch\.").stdout
        assert "branch.master" not in sections and "branch.main.merge refs/heads/main" in sections


def test_a_mark_and_its_commit_carry_the_same_cleaned_author_name(tmp_path):
    """git drops `<`, `>` and the commas and dots at a name's ends: the mark is by the very
    name the commit is, so a teammate sees one author, not two."""
    team = make_team(tmp_path)
    ok(glossator(team.ana, "annotate", team.article, "--kind", "claim", "--quote",
                 "wildly optimistic", author=" <Ana  Ruiz>, "))
    ok(glossator(team.ana, "sync", author=" <Ana  Ruiz>, ", env=NO_IDENTITY))
    (claim,) = Library.open(team.ana).annotations(team.article)
    who, message = git(team.ana, "log", "-1", "--format=%an <%ae>|%B").stdout.split("|")
    assert claim.author == "Ana Ruiz"
    assert who == "Ana Ruiz <ana-ruiz@glossator.invalid>"
    assert "Glossator-Author" not in message
    assert "Ana Ruiz: 1 mark in 1 article" in ok(glossator(team.ben, "sync", author="ben")).out


def test_an_author_name_that_cleans_to_nothing_is_refused_in_one_line(tmp_path):
    team = make_team(tmp_path)
    before = git(team.ana, "rev-parse", "HEAD").stdout
    for args in (("annotate", team.article, "--kind", "claim", "--quote", "wildly optimistic"),
                 ("sync",)):
        refused = glossator(team.ana, *args, author=".")
        assert refused.code == 1 and refused.out == ""
        assert refused.err.splitlines() == [
            "glossator: error: GLOSSATOR_AUTHOR='.' is not a name (git would keep nothing of "
            "it); set it to yours, e.g. GLOSSATOR_AUTHOR=\"Ana Ruiz\", or unset it"]
    assert Library.open(team.ana).annotations(team.article) == []
    assert git(team.ana, "rev-parse", "HEAD").stdout == before


def test_terminal_controls_in_a_title_never_reach_a_commit_message(tmp_path):
    team = make_team(tmp_path)
    library = Library.open(team.ana)  # through the API: `meta --set` drops controls itself
    article = library.article(team.article)
    article.title = "Evil \x1b]0;pwned\x07 title"
    library.update_article(article)
    ok(glossator(team.ana, "annotate", team.article, "--kind", "claim", "--quote",
                 "wildly optimistic"))
    ok(glossator(team.ana, "sync", author="ana\x1b[2J"))
    ok(glossator(team.ben, "sync", author="ben"))
    for folder in (team.ana, team.ben):
        logged = git(folder, "log", "--format=%an%n%B").stdout
        assert "\x1b" not in logged and "\x07" not in logged
    assert "1 mark added to “Evil ␛]0;pwned␇ title”" in \
        git(team.ana, "log", "-1", "--format=%B").stdout


def test_the_commit_line_says_what_it_leaves_out_and_the_report_what_the_teammate_did(
        tmp_path, monkeypatch):
    from annotations.model import Actor

    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    library = Library.open(team.ana)
    mark(library, library.article(team.article), "wildly optimistic")
    add_sample(library, tmp_path / "more", "harbour.md", "# Harbour dredging resumes\n\nIt does.\n")
    library.save_actor(Actor(name="Dana Whitlock"))

    out = ok(glossator(team.ana, "sync")).out
    assert "committed: 1 mark added to “Tram extension splits the valley towns” … and 2 more " \
           "changes" in out
    assert "ana: 1 mark in 1 article, 1 actor added, 1 article added" in \
        ok(glossator(team.ben, "sync", author="ben")).out
