"""What no one file's merge can see, mended by `repair_after_merge`: a source added on both
sides under two ids, an actor merged away or deleted on one side while the other named
it, a tag gone from the codebook, a folder left with only derived data."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from annotations.atomic import database_bytes
from annotations.backup.doctor import examine
from annotations.model import Actor, Annotation, Article, Tag
from annotations.store import Library
from annotations.sync.conflicts import conflicts
from annotations.sync.merge import merge_bytes
from annotations.sync.repair import repair_after_merge
from annotations.sync.shapes import MergeRefused
from annotations.sync.trees import folder_tree
from reader.cli.syncing import article_text
from reader.document.cache import load_document
from tests.helpers.library import add_sample, mark

DERIVED = ("document.cache", "counts-cache.json", "citations-cache.json", "library.lock",
           "library.lock.owner")
SECOND = "# Harbour dredging resumes\n\nThe council said dredging would resume in May.\n"


def library_files(folder: Path) -> dict[str, bytes]:
    """The files git would track: everything but derived data, locks, backups, journals."""
    found = {}
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in ("backups", "journal", "undo")]
        for name in names:
            if name in DERIVED or name.startswith("."):
                continue
            path = Path(root) / name
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def merge_folders(base: Path, ours: Path, theirs: Path, into: Path,
                  names: tuple[str, str] = ("", "")) -> list[str]:
    """What `git merge` with the driver, then the sync, make of two sides of a library:
    a file changed on one side is taken as that side has it, one changed on both is
    merged by the driver, one deleted on one side and changed on the other is kept as
    changed; then the repair. The lines the repair printed."""
    o, a, b = library_files(base), library_files(ours), library_files(theirs)
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for relative in sorted(set(o) | set(a) | set(b)):
        mine, other, before = a.get(relative), b.get(relative), o.get(relative)
        if mine == other or other == before:
            result = mine
        elif mine == before:
            result = other
        elif mine is None or other is None:
            result = mine if other is None else other
        elif relative.endswith(".json"):
            try:
                result = merge_bytes(relative, before or b"", mine, other, names)
            except MergeRefused:
                result = mine  # git keeps its conflict, ours in the folder
        else:  # git's own text merge, at its worst: both sides in the file, marked
            result = b"<<<<<<< ours\n" + mine + b"=======\n" + other + b">>>>>>> theirs\n"
        if result is not None:
            (into / relative).parent.mkdir(parents=True, exist_ok=True)
            (into / relative).write_bytes(result)
    return repair_after_merge(into, sides=[folder_tree(ours), folder_tree(theirs)],
                              base=folder_tree(base), text_of=article_text)


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = tmp_path / "base"
    library = Library.open(base)
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "9,000 passengers a day")
    for name in ("ours", "theirs"):
        shutil.copytree(base, tmp_path / name)
    return base, tmp_path / "ours", tmp_path / "theirs"


def sides_from(base: Path) -> None:
    """Both sides again as copies of the base, once the base has what they share."""
    for name in ("ours", "theirs"):
        shutil.rmtree(base.parent / name)
        shutil.copytree(base, base.parent / name)


def merge_actor_on(side: Path, gone: str, into: str, name: str) -> None:
    """On `side`, the actor `gone` (called `name`) merged into `into`, as `actors merge`
    does: its name an alias of the one kept, its id in the kept one's merged ids."""
    library = Library.open(side)
    kept = library.actor(into)
    kept.aliases, kept.extra["merged_ids"] = [name], [gone]
    library.save_actor(kept)
    with library.transaction("merge") as change:
        data = json.loads((side / "actors.json").read_bytes())
        del data["actors"][gone]
        change.write(side / "actors.json", database_bytes(data))


def both_ways(tmp_path: Path, base: Path, ours: Path, theirs: Path) -> tuple[Library, list[str]]:
    """Merge as each side would; both must end with the same files."""
    lines = merge_folders(base, ours, theirs, tmp_path / "merged")
    merge_folders(base, theirs, ours, tmp_path / "merged-other-way")
    assert library_files(tmp_path / "merged") == library_files(tmp_path / "merged-other-way")
    merged = Library.open(tmp_path / "merged")
    problems = examine(merged.folder, lambda a: load_document(merged, a).text).problems
    assert problems == [], [p.line() for p in problems]
    return merged, lines


def test_the_same_source_added_on_both_sides_under_two_ids_is_one_article_with_both_marks(
        tmp_path, sides):
    base, ours, theirs = sides
    mine = add_sample(Library.open(ours), tmp_path / "a", "harbour.md", SECOND)
    my_mark = mark(Library.open(ours), mine, "dredging would resume in May")
    library = Library.open(theirs)
    blocker = library.unique_article_id(mine.id)  # theirs gets the id taken: another id
    library.add_article(Article(id=blocker, title="Placeholder"), "placeholder\n")
    yours = add_sample(library, tmp_path / "b", "harbour.md", SECOND)
    library.remove_article(blocker)
    assert yours.id != mine.id and yours.content_hash == mine.content_hash
    yours.tags = ["harbour"]
    library.update_article(yours)
    your_mark = mark(library, yours, "The council said", kind="actor")

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    same = [a for a in merged.articles() if a.content_hash == mine.content_hash]
    assert len(same) == 1, lines
    kept = same[0]
    assert {m.id for m in merged.annotations(kept.id)} == {my_mark.id, your_mark.id}
    assert all(m.article == kept.id for m in merged.annotations(kept.id))
    assert "harbour" in kept.tags
    assert any("one article now, with the marks of both (1 moved)" in line for line in lines)


def test_a_mark_naming_an_actor_merged_away_on_the_other_side_follows_it(tmp_path, sides):
    base, ours, theirs = sides
    library = Library.open(base)
    old, new = Actor(name="Min. Whitlock", id="old-actor"), Actor(name="Dana Whitlock", id="new")
    library.save_actor(old)
    library.save_actor(new)
    sides_from(base)
    merge_actor_on(ours, "old-actor", into="new", name="Min. Whitlock")
    article = Library.open(theirs).articles()[0]
    claim = mark(Library.open(theirs), article, "wildly optimistic", speaker="old-actor")

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    assert merged.annotation(article.id, claim.id).speaker == "new"
    assert merged.actor("old-actor") is None
    assert "1 mark(s) follow the actor theirs was merged into" in lines


def test_an_alias_each_side_gave_another_actor_is_left_to_one_the_same_both_ways(
        tmp_path, sides):
    base, ours, theirs = sides
    library = Library.open(base)
    library.save_actor(Actor(name="The company", id="company"))
    library.save_actor(Actor(name="Regulators", id="regulators"))
    sides_from(base)
    merge_actor_on(ours, "regulators", into="company", name="Regulators")
    other = Library.open(theirs)  # theirs renames it, keeping the old name, and quotes it
    renamed = other.actor("regulators")
    renamed.name, renamed.aliases = "The regulators", ["Regulators"]
    other.save_actor(renamed)
    claim = mark(other, other.articles()[0], "wildly optimistic", speaker="regulators")

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    assert [a.id for a in merged.actors() if a.answers_to("Regulators")] == ["company"]
    assert merged.actor("regulators").aliases == []
    assert merged.annotation(claim.article, claim.id).speaker == "regulators"
    assert {(c.record, c.field) for c in conflicts(merged)} >= {("regulators", "aliases")}
    assert any(line.startswith("actors: “Regulators” was a name of “The company”")
               for line in lines), lines


def test_an_actor_deleted_on_one_side_and_named_by_the_other_comes_back(tmp_path, sides):
    base, ours, theirs = sides
    Library.open(base).save_actor(Actor(name="Kofi Mensah", id="kofi", description="reporter"))
    sides_from(base)
    mine = Library.open(ours)
    with mine.transaction("delete an actor") as change:
        change.write(ours / "actors.json", b'{"actors": {}}')
    article = Library.open(theirs).articles()[0]
    claim = mark(Library.open(theirs), article, "wildly optimistic", speaker="kofi")

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    assert merged.actor("kofi").description == "reporter"
    assert merged.annotation(article.id, claim.id).speaker == "kofi"
    assert any("actor(s) deleted on one side are back" in line for line in lines)


def test_a_tag_removed_from_the_codebook_on_one_side_and_used_on_the_other_comes_back(
        tmp_path, sides):
    base, ours, theirs = sides
    Library.open(base).save_tag(Tag("funding", "#aa0000"))
    sides_from(base)
    with Library.open(ours).transaction("drop a tag") as change:
        change.write(ours / "codebook.json", b'{"tags": {}}')
    article = Library.open(theirs).articles()[0]
    mark(Library.open(theirs), article, "wildly optimistic", kind="funding")

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    assert merged.tag("funding").colour == "#aa0000"
    assert "1 tag(s) used by marks are back in the codebook" in lines


def test_a_folder_left_with_only_derived_data_goes_and_a_clean_merge_changes_nothing(
        tmp_path, sides):
    base, ours, theirs = sides
    article = Library.open(ours).articles()[0]
    Library.open(ours).remove_article(article.id)
    merged_folder = tmp_path / "merged"
    lines = merge_folders(base, ours, theirs, merged_folder)
    assert lines == [] and not (merged_folder / "articles" / article.id).exists()
    cache = merged_folder / "articles" / article.id / "document.cache"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"derived")  # what git leaves behind: an ignored file
    before = library_files(merged_folder)
    lines = repair_after_merge(merged_folder, sides=[folder_tree(ours), folder_tree(theirs)])
    assert lines == [f"articles/{article.id}: removed (it held only derived data of an article "
                     "the other side deleted)"]
    assert not cache.parent.exists() and library_files(merged_folder) == before
    assert repair_after_merge(merged_folder) == []


def test_an_article_deleted_on_one_side_while_the_other_marked_it_is_back_with_its_body(
        tmp_path, sides):
    base, ours, theirs = sides
    article = Library.open(ours).articles()[0]
    Library.open(ours).remove_article(article.id)
    later = mark(Library.open(theirs), article, "wildly optimistic")

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    assert merged.body(merged.article(article.id)) == Library.open(base).body(article)
    assert later.id in {m.id for m in merged.annotations(article.id)}
    assert isinstance(merged.annotations(article.id)[0], Annotation)
    assert any("is back with its 2 mark(s) and 1 file(s)" in line for line in lines), lines
    (conflict,) = conflicts(merged)  # the deletion was overruled: a person should know
    assert (conflict.table, conflict.field, conflict.record) == ("articles", "deleted", article.id)


def test_two_different_articles_added_under_one_id_stay_two_articles(tmp_path, sides):
    base, ours, theirs = sides
    first = add_sample(Library.open(ours), tmp_path / "a", "ap.md", "# Ferry subsidy cut\n\n"
                       "The island ferry loses its subsidy in July, the minister said.\n")
    mine = mark(Library.open(ours), first, "loses its subsidy in July")
    second = add_sample(Library.open(theirs), tmp_path / "b", "reuters.md", "# Ferry subsidy "
                        "cut\n\nIslanders protested as the ferry subsidy ends in July.\n")
    yours = mark(Library.open(theirs), second, "Islanders protested")
    assert first.id == second.id and first.content_hash != second.content_hash

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    ferries = [a for a in merged.articles() if a.title == "Ferry subsidy cut"]
    assert sorted(a.content_hash for a in ferries) == sorted([first.content_hash,
                                                             second.content_hash])
    for article in ferries:
        (only,) = merged.annotations(article.id)
        assert only.id in (mine.id, yours.id) and only.exact in merged.body(article)
    assert any("two different articles were added under this id" in line for line in lines)


def test_a_body_both_sides_replaced_is_the_one_the_merged_record_names(tmp_path, sides):
    base, ours, theirs = sides
    for folder, words in ((ours, "A paragraph Ana's refresh found."),
                          (theirs, "A paragraph Ben's refresh found.")):
        library = Library.open(folder)
        article = library.articles()[0]
        body = library.body(article) + "\n" + words + "\n"
        library.body_path(article).write_text(body, encoding="utf-8")
        article.content_hash = hashlib.sha256(body.encode()).hexdigest()
        library.update_article(article)

    merged, lines = both_ways(tmp_path, base, ours, theirs)
    article = merged.articles()[0]
    assert "<<<<<<<" not in merged.body(article)
    assert any("the body its article names" in line for line in lines)
    (conflict,) = [c for c in conflicts(merged) if c.field == "body"]
    assert conflict.other["content_hash"] != article.content_hash
