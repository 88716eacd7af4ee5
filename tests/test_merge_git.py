"""The driver under a real `git merge`, installed as the sync installs it: two teammates'
branches of one library merge without a conflict marker, the same bytes whichever side
merges, and the cross-file cases mended by the repair."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.backup.doctor import examine
from annotations.model import Annotation
from annotations.store import SCHEMA_VERSION, Library
from annotations.sync.conflicts import conflicts
from annotations.sync.git import Git
from annotations.sync.repair import repair_after_merge
from reader.document.cache import load_document
from tests.helpers.library import add_sample, mark

DRIVER = f'"{sys.executable}" -m reader merge-file %O %A %B %P'
IGNORED = "document.cache\ncounts-cache.json\ncitations-cache.json\nlibrary.lock*\nbackups/\njournal/\n"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=120)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stdout}{done.stderr}")
    return done


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    library = Library.open(folder)
    add_sample(library, tmp_path / "src")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "user.email", "test@example.invalid")
    git(folder, "config", "merge.glossator.driver", DRIVER)
    (folder / ".gitattributes").write_text("*.json merge=glossator\n")
    (folder / ".gitignore").write_text(IGNORED)
    commit(folder, "the library")
    return folder


def text_of(library: Library):
    return lambda article: load_document(library, article).text


def no_markers(folder: Path) -> bool:
    return not any(b"<<<<<<<" in p.read_bytes() or b">>>>>>>" in p.read_bytes()
                   for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts)


def test_two_branches_of_marks_merge_with_the_driver_and_nothing_is_lost(repo):
    library = Library.open(repo)
    article = library.articles()[0]
    shared = mark(library, article, "9,000 passengers a day")
    commit(repo, "a claim")
    git(repo, "checkout", "-q", "-b", "ben")
    library = Library.open(repo)
    theirs = library.annotation(article.id, shared.id)
    theirs.status, theirs.updated = "disputed", "2030-01-01T10:00:00Z"
    library.save_annotation(theirs, touch=False)
    bens = mark(library, article, "wildly optimistic")
    commit(repo, "ben's marks")
    git(repo, "checkout", "-q", "main")
    library = Library.open(repo)
    ours = library.annotation(article.id, shared.id)
    ours.status, ours.note, ours.updated = "false", "the authority's own figure", "2030-01-01T09:00:00Z"
    library.save_annotation(ours, touch=False)
    anas = mark(library, article, "Construction is due to start in spring")
    commit(repo, "ana's marks")

    done = git(repo, "merge", "-q", "--no-edit", "ben", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert no_markers(repo)
    merged = Library.open(repo)
    marks = {m.id: m for m in merged.annotations(article.id)}
    assert set(marks) == {shared.id, bens.id, anas.id}
    assert marks[shared.id].status == "disputed"  # the later change
    assert marks[shared.id].note == "the authority's own figure"  # changed on one side only
    (conflict,) = conflicts(merged)
    assert (conflict.field, conflict.current, conflict.other) == ("status", "disputed", "false")
    assert examine(repo, text_of(merged)).problems == []

    # Ben merges the same two commits the other way round: the same files.
    git(repo, "checkout", "-q", "-b", "ben-merges", "ben")
    git(repo, "merge", "-q", "--no-edit", "main~0^1")
    assert git(repo, "diff", "--stat", "main", "ben-merges").stdout == ""


def test_a_library_of_a_newer_schema_leaves_git_its_conflict_and_loses_nothing(repo):
    git(repo, "checkout", "-q", "-b", "newer")
    index = json.loads((repo / "library.json").read_bytes())
    index["meta"]["schema"]["version"] = SCHEMA_VERSION + 1
    index["articles"][next(iter(index["articles"]))]["title"] = "Retitled by a newer glossator"
    (repo / "library.json").write_text(json.dumps(index))
    commit(repo, "a newer glossator")
    git(repo, "checkout", "-q", "main")
    library = Library.open(repo)
    article = library.articles()[0]
    article.title = "Retitled here"
    library.update_article(article)
    commit(repo, "retitled")
    ours = (repo / "library.json").read_bytes()
    done = git(repo, "merge", "--no-edit", "newer", check=False)
    assert done.returncode != 0
    assert "newer glossator" in done.stderr + done.stdout
    assert (repo / "library.json").read_bytes() == ours  # no markers: ours, as it was
    assert "library.json" in git(repo, "diff", "--name-only", "--diff-filter=U").stdout
    assert "Retitled by a newer" in git(repo, "show", ":3:library.json").stdout


def test_marks_of_an_article_the_other_side_deleted_bring_it_back(repo):
    library = Library.open(repo)
    article = library.articles()[0]
    first = mark(library, article, "9,000 passengers a day")
    commit(repo, "a claim")
    git(repo, "checkout", "-q", "-b", "ben")
    library = Library.open(repo)
    later = mark(library, article, "wildly optimistic", note="ask the council")
    commit(repo, "ben marks on")
    git(repo, "checkout", "-q", "main")
    Library.open(repo).remove_article(article.id)
    commit(repo, "ana removes the article")

    done = git(repo, "merge", "--no-edit", "ben", check=False)
    assert done.returncode != 0 and "modify/delete" in done.stdout  # git's own word
    marks_file = f"articles/{article.id}/annotations.json"
    git(repo, "add", marks_file)  # what the sync does: keep the changed file
    base = git(repo, "merge-base", "HEAD", "MERGE_HEAD").stdout.strip()
    with Git(repo).blobs() as blobs:  # the commits' files, read as the sync reads them
        done_lines = repair_after_merge(repo, sides=[blobs.tree("HEAD"), blobs.tree("MERGE_HEAD")],
                                        base=blobs.tree(base))
    assert any("is back with its 2 mark(s)" in line for line in done_lines), done_lines
    commit(repo, "merged")
    merged = Library.open(repo)
    assert merged.article(article.id).title == article.title
    assert {m.id for m in merged.annotations(article.id)} == {first.id, later.id}
    assert examine(repo, text_of(merged)).problems == []
    assert isinstance(merged.annotations(article.id)[0], Annotation)
