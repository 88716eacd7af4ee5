"""What goes wrong around a sync gets one clear line, and nothing is lost: no git, a remote
out of reach or refusing the push, a folder that is another kind of repository, a
teammate's library of a newer schema, a detached HEAD, a file broken by hand, a git
operation someone left half-done."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from annotations.store import SCHEMA_VERSION, Library
from annotations.sync.syncing import sync
from tests.helpers.library import add_sample, mark
from tests.sync_support import git, glossator, make_team, ok, shared_files


def one_line(ran) -> str:
    assert ran.code == 1, ran.out + ran.err
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("glossator: error: "), ran.err
    assert "Traceback" not in ran.err
    return lines[0]


def test_no_git_on_the_path_is_said_in_one_line(tmp_path):
    folder = tmp_path / "lib"
    add_sample(Library.open(folder), tmp_path / "src")
    empty = tmp_path / "bin"
    empty.mkdir()
    for args in (("sync", "init"), ("sync",), ("sync", "clone", str(tmp_path / "x"), str(tmp_path / "y"))):
        line = one_line(glossator(folder, *args, env={"PATH": str(empty)}))
        assert "git is not installed (no `git` on the PATH)" in line, line
    assert not (folder / ".git").exists() and not (tmp_path / "y").exists()


def test_a_library_not_shared_yet_says_how_to_share_it(tmp_path):
    folder = tmp_path / "lib"
    add_sample(Library.open(folder), tmp_path / "src")
    assert "not shared yet: run `glossator sync init [REMOTE]`" in one_line(glossator(folder, "sync"))


def test_a_library_inside_another_repository_is_not_made_one(tmp_path):
    git(tmp_path, "init", "-q")
    folder = tmp_path / "notes" / "library"
    add_sample(Library.open(folder), tmp_path / "src")
    before = shared_files(folder)
    line = one_line(glossator(folder, "sync", "init"))
    assert f"is inside the git repository {tmp_path.resolve()}" in line
    assert not (folder / ".git").exists() and not (folder / ".gitignore").exists()
    assert shared_files(folder) == before


def test_a_repository_holding_other_files_is_refused(tmp_path):
    folder = tmp_path / "lib"
    add_sample(Library.open(folder), tmp_path / "src")
    git(folder, "init", "-q")
    (folder / "thesis.tex").write_text("\\chapter{One}\n")
    git(folder, "add", "thesis.tex")
    git(folder, "commit", "-q", "-m", "my thesis")
    line = one_line(glossator(folder, "sync", "init"))
    assert "already a git repository holding other files than the library's (thesis.tex)" in line
    assert not (folder / ".gitattributes").exists()
    assert git(folder, "log", "--format=%s").stdout.split("\n")[0] == "my thesis"


def test_a_remote_address_that_passes_for_an_option_is_refused(tmp_path):
    folder = tmp_path / "lib"
    add_sample(Library.open(folder), tmp_path / "src")
    assert "is not a remote's address" in one_line(glossator(folder, "sync", "init", "--",
                                                             "--upload-pack=x"))
    assert "does not use ext:: remotes" in one_line(glossator(folder, "sync", "init", "ext::sh -c id"))


def test_a_remote_that_refuses_the_push_gets_one_line_and_the_commit_stays(tmp_path, monkeypatch):
    team = make_team(tmp_path)
    hook = team.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed for the audit' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    library = Library.open(team.ana)
    claim = mark(library, library.article(team.article), "wildly optimistic")

    ran = glossator(team.ana, "sync")
    line = one_line(ran)
    assert "origin refused the push (pre-receive hook declined: pushes are closed for the audit)" \
        in line and "nothing is lost" in line
    assert "committed: 1 mark added" in ran.out
    assert claim.id in git(team.ana, "show", "HEAD", "--", f"articles/{team.article}/annotations.json").stdout
    hook.unlink()
    assert "pushed to origin/main" in ok(glossator(team.ana, "sync")).out


def test_a_push_a_teammate_beat_is_merged_and_pushed_again(tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    anas = Library.open(team.ana)
    mark(anas, anas.article(team.article), "wildly optimistic")
    bens = Library.open(team.ben)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    mark(bens, bens.article(team.article), "9,000 passengers a day")
    steps = []

    def meanwhile(step: str) -> None:
        steps.append(step)
        if step == "push" and steps.count("push") == 1:  # ana pushes first, just now
            ok(glossator(team.ana, "sync"))

    report = sync(Library.open(team.ben), progress=meanwhile)
    assert report.pushed and not report.error
    assert steps.count("push") == 2
    assert [entry.line() for entry in report.incoming] == ["ana: 1 mark in 1 article"]
    ok(glossator(team.ana, "sync"))
    assert shared_files(team.ana) == shared_files(team.ben)
    assert len(Library.open(team.ana).annotations(team.article)) == 2


def test_a_teammates_library_of_a_newer_schema_is_not_merged_and_ours_stays_as_it_was(tmp_path):
    team = make_team(tmp_path)
    index = json.loads((team.ben / "library.json").read_bytes())
    index["meta"]["schema"]["version"] = SCHEMA_VERSION + 1
    (team.ben / "library.json").write_text(json.dumps(index))
    git(team.ben, "commit", "-q", "-am", "a newer glossator")
    git(team.ben, "push", "-q", "origin", "HEAD:main")
    library = Library.open(team.ana)
    article = library.article(team.article)
    article.title = "Retitled here"
    library.update_article(article)

    ran = glossator(team.ana, "sync")
    line = one_line(ran)
    assert f"written by a newer glossator (schema {SCHEMA_VERSION + 1}, this one knows " \
           f"{SCHEMA_VERSION}); nothing was merged and your library is as it was" in line
    assert "committed: details of 1 article changed" in ran.out
    assert line.startswith("glossator: error: not pushed: the teammates' library")
    assert Library.open(team.ana).article(team.article).title == "Retitled here"
    assert git(team.ana, "status", "--porcelain").stdout == ""
    assert not (team.ana / ".git" / "MERGE_HEAD").exists()


def test_a_detached_head_is_refused_with_what_to_do(tmp_path):
    team = make_team(tmp_path)
    git(team.ana, "checkout", "-q", "--detach")
    line = one_line(glossator(team.ana, "sync"))
    assert "is on a detached HEAD" in line and "git -C" in line and "switch main" in line


def test_a_file_broken_by_hand_is_not_committed_nor_shared(tmp_path):
    team = make_team(tmp_path)
    head = git(team.ana, "rev-parse", "HEAD").stdout
    (team.ana / "actors.json").write_text('{"actors": {<<<<<<< ours\n')
    line = one_line(glossator(team.ana, "sync"))
    assert "actors.json in the library is damaged" in line and "doctor --repair" in line
    assert git(team.ana, "rev-parse", "HEAD").stdout == head


def test_a_change_made_by_hand_is_committed_with_the_rest(tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    library = Library.open(team.ana)
    claim = mark(library, library.article(team.article), "wildly optimistic")
    ok(glossator(team.ana, "sync"))
    path = team.ana / "articles" / team.article / "annotations.json"
    data = json.loads(path.read_bytes())
    data["annotations"][claim.id]["note"] = "typed into the file"
    path.write_text(json.dumps(data, indent=1))
    assert "committed: 1 note edited" in ok(glossator(team.ana, "sync")).out


def test_a_remote_holding_another_kind_of_repository_is_not_merged(tmp_path):
    other = tmp_path / "other"
    git(tmp_path, "init", "-q", "-b", "main", str(other))
    (other / "README.md").write_text("a project\n")
    git(other, "add", "README.md")
    git(other, "commit", "-q", "-m", "a project")
    folder = tmp_path / "lib"
    add_sample(Library.open(folder), tmp_path / "src")
    before = shared_files(folder)
    ran = glossator(folder, "sync", "init", str(other))
    line = one_line(ran)
    assert "is not a glossator library's repository (it holds README.md)" in line
    assert "committed: the library: 1 article, 0 marks" in ran.out
    after = shared_files(folder)
    assert {k: after[k] for k in before} == before and not (folder / "README.md").exists()


def test_a_clone_refuses_a_folder_in_use_and_leaves_nothing_when_it_fails(tmp_path):
    team = make_team(tmp_path)
    assert "already exists and is not empty" in one_line(
        glossator(tmp_path / "x", "sync", "clone", str(team.remote), str(team.ana)))
    line = one_line(glossator(tmp_path / "x", "sync", "clone", str(tmp_path / "nowhere.git"),
                              str(tmp_path / "carl")))
    assert f"there is no repository at {tmp_path / 'nowhere.git'}" in line
    assert not (tmp_path / "carl").exists()


def test_an_unreachable_remote_at_init_commits_and_leaves_the_push_pending(tmp_path):
    folder = tmp_path / "lib"
    add_sample(Library.open(folder), tmp_path / "src")
    ran = ok(glossator(folder, "sync", "init", "https://git.invalid/team/library.git",
                       env={"GLOSSATOR_SYNC_TIMEOUT": "20"}))
    assert "remote origin added: https://git.invalid/team/library.git" in ran.out
    assert "push pending: cannot reach origin" in ran.out


def test_a_git_merge_left_with_conflicts_is_undone_and_merged_again(tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    bens = Library.open(team.ben)
    first = mark(bens, bens.article(team.article), "9,000 passengers a day")
    ok(glossator(team.ben, "sync", author="ben"))
    ok(glossator(team.ana, "sync"))
    Library.open(team.ana).remove_article(team.article)
    ok(glossator(team.ana, "sync"))
    claim = mark(bens, bens.article(team.article), "wildly optimistic")
    git(team.ben, "add", "-A")
    git(team.ben, "commit", "-q", "-m", "ben, by hand")
    done = git(team.ben, "pull", "--no-rebase", "--no-edit", check=False)
    assert done.returncode != 0 and (team.ben / ".git" / "MERGE_HEAD").exists()

    ran = ok(glossator(team.ben, "sync", author="ben"))
    assert "a git merge left unfinished with conflicts was undone; this sync merged again" in ran.out
    assert "is back with its 2 mark(s)" in ran.out
    assert {m.id for m in Library.open(team.ben).annotations(team.article)} == {first.id, claim.id}
    ok(glossator(team.ana, "sync"))
    assert shared_files(team.ana) == shared_files(team.ben)


def test_a_rebase_under_way_is_left_to_whoever_started_it(tmp_path):
    team = make_team(tmp_path)
    (team.ana / ".git" / "rebase-merge").mkdir()
    line = one_line(glossator(team.ana, "sync"))
    assert "a git rebase is under way" in line and "git rebase --abort" in line


def test_two_syncs_at_once_the_second_says_so(tmp_path):
    team = make_team(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from filelock import FileLock\n"
        f"lock = FileLock({str(team.ana / '.git' / 'glossator-sync.lock')!r}); lock.acquire()\n"
        "print('held', flush=True); time.sleep(30)")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert "another sync of" in one_line(glossator(team.ana, "sync"))
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_library_is_said_in_one_line(tmp_path):
    team = make_team(tmp_path)
    team.ana.chmod(0o555)
    try:
        assert one_line(glossator(team.ana, "sync"))
    finally:
        team.ana.chmod(0o755)


@pytest.mark.parametrize("ours", ["nothing", "a retitle"])
def test_a_damaged_file_a_teammate_pushed_is_refused_and_ours_stays_as_it_was(tmp_path, ours):
    # git takes a file changed on one side only as it is (a fast-forward, or a merge where we
    # changed other files): no merge driver runs to refuse it.
    team = make_team(tmp_path)
    anas = Library.open(team.ana)
    mark(anas, anas.article(team.article), "wildly optimistic")
    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    marks = team.ben / "articles" / team.article / "annotations.json"
    marks.write_bytes(marks.read_bytes()[:200])  # a copy cut short
    git(team.ben, "commit", "-q", "-am", "cut short")
    git(team.ben, "push", "-q", "origin", "HEAD:main")
    if ours == "a retitle":
        article = anas.article(team.article)
        article.title = "Retitled here"
        anas.update_article(article)
    before, head = shared_files(team.ana), git(team.ana, "rev-parse", "HEAD").stdout

    ran = glossator(team.ana, "sync")
    line = one_line(ran)
    commit = git(team.ana, "log", "-1", "--format=%h", "origin/main").stdout.strip()
    assert f"articles/{team.article}/annotations.json from origin/main is damaged (it is not " \
           f"JSON" in line
    assert f"as commit {commit} by Test left it; nothing was merged and your library is as it " \
           "was: ask Test to mend it" in line
    assert shared_files(team.ana) == before
    if ours == "a retitle":  # committed here, as ever; not merged, not pushed
        assert "committed: details of 1 article changed" in ran.out
        assert git(team.ana, "rev-parse", "HEAD~1").stdout == head
    else:
        assert git(team.ana, "rev-parse", "HEAD").stdout == head
    assert not (team.ana / ".git" / "MERGE_HEAD").exists()
    assert [m.exact for m in Library.open(team.ana).annotations(team.article)] == \
        ["wildly optimistic"]

    assert f"articles/{team.article}/annotations.json in {team.remote} is damaged" in \
        one_line(glossator(tmp_path / "x", "sync", "clone", str(team.remote), str(tmp_path / "carl")))
    assert not (tmp_path / "carl").exists()


def test_a_record_of_the_wrong_shape_from_a_teammate_is_refused_too(tmp_path):
    team = make_team(tmp_path)
    index = json.loads((team.ben / "library.json").read_bytes())
    index["articles"][team.article]["title"] = ["a", "list"]
    (team.ben / "library.json").write_text(json.dumps(index))
    git(team.ben, "commit", "-q", "-am", "a title of the wrong kind")
    git(team.ben, "push", "-q", "origin", "HEAD:main")
    line = one_line(glossator(team.ana, "sync"))
    assert f"library.json from origin/main is damaged (its article '{team.article}' has a title " \
           "of the wrong kind (list))" in line
    assert Library.open(team.ana).article(team.article).title != ["a", "list"]


def test_a_remote_path_with_nothing_there_is_refused_before_anything_is_made(tmp_path):
    folder = tmp_path / "lib"
    add_sample(Library.open(folder), tmp_path / "src")
    line = one_line(glossator(folder, "sync", "init", str(tmp_path / "nowhere" / "team.git")))
    assert f"there is no repository at {tmp_path / 'nowhere' / 'team.git'}" in line
    assert "git init --bare" in line
    assert not (folder / ".git").exists()


def test_with_no_git_sync_init_makes_no_library_folder(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    folder = tmp_path / "new-library"
    for args in (("sync", "init"), ("sync",)):
        assert "git is not installed" in one_line(glossator(folder, *args, env={"PATH": str(empty)}))
    assert not folder.exists()
