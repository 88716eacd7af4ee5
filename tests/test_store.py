"""The library on disk: what goes in comes back out of real TinyDB files in a temp folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import annotations.store as store
from annotations.counts import COUNTS_CACHE
from annotations.errors import AmbiguousError, CorruptFileError, LibraryError, NotFoundError
from annotations.locking import LibraryLock
from annotations.model import Actor, Annotation, Article, Tag
from annotations.store import Library
from tests.helpers.library import add_sample, mark, snapshot

# -- the model ---------------------------------------------------------------------------


@pytest.mark.parametrize("item", [
    Article(id="a1", title="T", authors=["A B"], tags=["x"], extra={"future": {"k": 1}}),
    Annotation(article="a1", kind="claim", exact="q", start=1, end=2, tags=["t"],
               extra={"colour": "red"}),
    Actor(name="Dana Whitlock", aliases=["D. Whitlock"], type="person", extra={"wiki": "x"}),
    Tag(name="actor/government", colour="#123456", extra={"order": 3}),
])
def test_records_round_trip_and_keep_keys_a_newer_version_wrote(item):
    record = item.to_record()
    json.dumps(record)  # what the store keeps must be plain JSON
    back = type(item).from_record(json.loads(json.dumps(record)))
    assert back == item
    assert back.to_record() == record
    assert next(iter(item.extra)) in record


def test_a_new_annotation_gets_a_uuid_default_status_and_block_id():
    claim = Annotation(article="a", kind="claim", exact="x", start=0, end=1)
    question = Annotation(article="a", kind="question", exact="x", start=0, end=1)
    mention = Annotation(article="a", kind="actor", exact="x", start=0, end=1)
    assert (claim.status, question.status, mention.status) == ("unverified", "open", None)
    assert claim.updated == claim.created
    assert len(claim.id) == 36 and claim.id.count("-") == 4
    assert claim.block_id == "gl-" + claim.id.replace("-", "")[:8]
    assert claim.id != question.id


def test_records_loaded_from_the_store_do_not_share_lists_with_it(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day", tags=["numbers"])
    loaded = library.annotations(article.id)[0]
    loaded.tags.append("never-saved")
    library.article(article.id).tags.append("never-saved")
    mark(library, article, "wildly optimistic")  # later writes of the same files
    add_sample(library, tmp_path / "src", "b.md", "# Second\n\nA second article for the index.\n")
    reopened = Library.open(library.folder)
    assert reopened.annotation(article.id, claim.id).tags == ["numbers"]
    assert reopened.article(article.id).tags == ["transport", "planning"]


# -- round trips -------------------------------------------------------------------------


def test_mark_a_claim_reopen_the_library_and_everything_is_there(library_dir, tmp_path):
    library = Library.open(library_dir)
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day", note="Ask for the *model*.",
                 speaker="Dana Whitlock", tags=["numbers"])
    mention = mark(library, article, "Dana Whitlock", kind="actor")
    question = mark(library, article, "Who will pay", kind="question")

    reopened = Library.open(library_dir)
    assert reopened.article(article.id) == article
    assert reopened.body(article).startswith("# Tram extension splits the valley towns")
    assert reopened.annotations(article.id) == sorted([claim, mention, question],
                                                       key=lambda a: a.start)
    stored = reopened.annotation(article.id, claim.id)
    assert stored.note == "Ask for the *model*."
    assert stored.author == "tester"
    assert stored.exact == "9,000 passengers a day"
    whitlock = reopened.find_actor("dana   WHITLOCK")
    assert whitlock is not None and stored.speaker == whitlock.id
    assert reopened.annotation(article.id, mention.id).actor == whitlock.id
    assert reopened.tag("numbers") is not None
    assert reopened.counts(article.id) == {"claim": 1, "actor": 1, "question": 1}


def test_the_files_are_plain_json_in_the_documented_layout(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "wildly optimistic")
    index = json.loads((library.folder / "library.json").read_text("utf-8"))
    assert index["meta"]["schema"]["version"] == store.SCHEMA_VERSION
    assert index["articles"][article.id]["title"] == "Tram extension splits the valley towns"
    folder = library.folder / "articles" / article.id
    assert (folder / "body.md").read_text("utf-8").startswith("# Tram extension")
    marks = json.loads((folder / "annotations.json").read_text("utf-8"))["annotations"]
    assert marks[claim.id]["exact"] == "wildly optimistic"
    assert marks[claim.id]["start"] == claim.start


def test_one_save_rewrites_only_that_articles_annotation_file(library, tmp_path):
    first = add_sample(library, tmp_path / "src")
    second = add_sample(library, tmp_path / "src", "other.md",
                        "# Another story\n\nThe ferry ran late again on Tuesday morning.\n")
    mark(library, first, "wildly optimistic")
    mark(library, second, "ran late")
    before = snapshot(library.folder)
    mark(library, second, "Tuesday morning", kind="question")
    after = snapshot(library.folder)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed == {f"articles/{second.id}/annotations.json"}


def test_a_second_library_object_sees_writes_made_through_the_first(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    other = Library.open(library.folder)
    assert other.annotations(article.id) == []
    claim = mark(library, article, "wildly optimistic")
    assert [a.id for a in other.annotations(article.id)] == [claim.id]
    other.delete_annotation(article.id, claim.id)
    assert library.annotations(article.id) == []


def test_changing_and_deleting_an_annotation(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "wildly optimistic")
    claim.status, claim.note = "disputed", "The bus figures say otherwise."
    library.save_annotation(claim)
    again = Library.open(library.folder).annotation(article.id, claim.id[:6])
    assert (again.status, again.note) == ("disputed", "The bus figures say otherwise.")
    assert again.updated >= again.created
    library.delete_annotation(article.id, claim.id)
    assert Library.open(library.folder).annotations(article.id) == []
    with pytest.raises(NotFoundError):
        library.delete_annotation(article.id, claim.id)


def test_a_save_replaces_the_whole_record(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "wildly optimistic")
    claim.extra["from-a-newer-glossator"] = True
    library.save_annotation(claim)
    claim.extra.pop("from-a-newer-glossator")
    library.save_annotation(claim)
    assert "from-a-newer-glossator" not in Library.open(library.folder).annotation(
        article.id, claim.id).extra


def test_an_annotation_of_an_unknown_article_is_refused(library):
    stray = Annotation(article="nowhere", kind="claim", exact="x", start=0, end=1)
    with pytest.raises(NotFoundError):
        library.save_annotation(stray)
    assert not (library.folder / "articles" / "nowhere").exists()


# -- articles ----------------------------------------------------------------------------


def test_articles_with_one_title_get_distinct_ids_and_prefixes_resolve(library, tmp_path):
    text = "# Same title\n\nFirst version of the text, with enough words.\n"
    first = add_sample(library, tmp_path / "a", "a.md", text)
    second = add_sample(library, tmp_path / "b", "b.md", text.replace("First", "Second"))
    assert (first.id, second.id) == ("same-title", "same-title-2")
    assert library.resolve("same-title").id == "same-title"
    assert library.resolve("same-title-").id == "same-title-2"
    with pytest.raises(AmbiguousError, match="matches 2 articles"):
        library.resolve("same")
    with pytest.raises(NotFoundError):
        library.resolve("different")


def test_removing_an_article_removes_its_folder_and_marks(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "wildly optimistic")
    library.remove_article(article.id)
    assert not (library.folder / "articles" / article.id).exists()
    reopened = Library.open(library.folder)
    assert reopened.articles() == []
    assert list(reopened.all_annotations()) == []


def test_actors_are_found_by_name_or_alias_whatever_the_case_and_spacing(library):
    actor, created = library.actor_named("  Dana   Whitlock ")
    assert created and actor.name == "Dana Whitlock"
    actor.aliases.append("Councillor Whitlock")
    library.save_actor(actor)
    assert library.actor_named("dana whitlock") == (actor, False)
    assert library.actor_named("COUNCILLOR\twhitlock") == (actor, False)
    assert library.find_actor(actor.id) == actor
    assert [a.name for a in Library.open(library.folder).actors()] == ["Dana Whitlock"]


def test_the_codebook_has_the_three_kinds_and_user_tags(library):
    library.save_tag(Tag("/actor/government/", "#336699"))
    assert library.known_kinds() == ["claim", "actor", "question", "actor/government"]
    reopened = Library.open(library.folder)
    assert reopened.is_known_kind("actor/government")
    assert reopened.tag("actor/government").parent == "actor"
    assert not reopened.is_known_kind("rumour")
    with pytest.raises(LibraryError):
        library.save_tag(Tag(" / "))


# -- schema ------------------------------------------------------------------------------


def test_a_library_from_a_newer_glossator_is_refused_untouched(library, tmp_path):
    add_sample(library, tmp_path / "src")
    index = library.folder / "library.json"
    data = json.loads(index.read_text("utf-8"))
    data["meta"]["schema"]["version"] = store.SCHEMA_VERSION + 1
    index.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(library.folder)
    with pytest.raises(LibraryError, match="newer glossator"):
        Library.open(library.folder)
    assert snapshot(library.folder) == before


def test_an_older_schema_is_migrated_once_on_the_first_write(library, tmp_path, monkeypatch):
    article = add_sample(library, tmp_path / "src")
    calls: list[int] = []

    def add_reviewed_flag(lib: Library) -> None:
        calls.append(1)
        marks = lib.annotations(article.id)
        for annotation in marks:
            annotation.extra["reviewed"] = False
        lib.save_annotations(article.id, marks)

    mark(library, article, "wildly optimistic")
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    monkeypatch.setitem(store.MIGRATIONS, store.SCHEMA_VERSION - 1, add_reviewed_flag)
    upgraded = Library.open(library.folder)
    assert upgraded.annotations(article.id)[0].extra == {}  # reading does not migrate
    mark(upgraded, article, "Who will pay", kind="question")
    mark(upgraded, article, "Construction", kind="question")
    assert calls == [1]
    index = json.loads((library.folder / "library.json").read_text("utf-8"))
    assert index["meta"]["schema"]["version"] == store.SCHEMA_VERSION
    assert [a.extra.get("reviewed") for a in Library.open(library.folder).annotations(article.id)
            if a.kind == "claim"] == [False]
    assert calls == [1]


# -- stale temp files and damaged files --------------------------------------------------


def test_temp_files_left_by_a_dead_writer_are_removed_on_open(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    folder = library.folder / "articles" / article.id
    stale = [library.folder / ".library.json.tmp", folder / ".annotations.json.tmp"]
    for path in stale:
        path.write_bytes(b'{"_written":"half')
    keep = folder / "notes.tmp"  # not one of ours: a user's file is never touched
    keep.write_text("mine")
    # A writer killed while holding the lock leaves its line beside the lock.
    (library.folder / "library.lock.owner").write_text("process 4242 (glossator annotate, since 10:00:00)")
    Library.open(library.folder)
    assert [p.exists() for p in stale] == [False, False]
    assert keep.read_text() == "mine"
    assert (library.folder / "library.lock.owner").read_bytes() == b""


def test_a_clean_library_is_not_searched_for_temp_files_on_open(library, tmp_path, monkeypatch):
    add_sample(library, tmp_path / "src")
    searched: list[int] = []
    monkeypatch.setattr(Library, "_remove_stale_temp_files", lambda self: searched.append(1))
    Library.open(library.folder)
    assert searched == []  # the last writer let go cleanly: no temp file can be stale


def test_a_live_writers_temp_file_is_left_alone(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    temp = library.folder / "articles" / article.id / ".annotations.json.tmp"
    temp.write_bytes(b"being written")
    lock = library.folder / "library.lock.owner"
    lock.write_text("process 4242 (glossator annotate, since 10:00:00)")  # a dead writer's
    with LibraryLock(library.folder).hold("a writer in another process"):
        Library.open(library.folder)
        assert temp.exists()
        lock_line = lock.read_text()
    assert "(a writer in another process, since" in lock_line
    lock.write_text("process 4242 (glossator annotate, since 10:00:00)")
    Library.open(library.folder)
    assert not temp.exists()


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "empty": b"",
        "garbage": b"\x00\x17not json at all\xff",
        "not an object": b"[1, 2, 3]",
    }[how]
    path.write_bytes(damaged)


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage", "not an object"])
@pytest.mark.parametrize("name", ["library.json", "actors.json", "annotations.json"])
def test_a_damaged_database_file_is_reported_and_left_byte_for_byte(library, tmp_path, name, how):
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "Dana Whitlock", kind="actor")
    path = (library.folder / "articles" / article.id / name if name == "annotations.json"
            else library.folder / name)
    _damage(path, how)
    before = snapshot(library.folder)

    def use_it() -> None:
        lib = Library.open(library.folder)
        lib.annotations(article.id)
        lib.actors()
        mark(lib, article, "wildly optimistic", speaker="Kofi Mensah")

    with pytest.raises(CorruptFileError) as raised:
        use_it()
    message = str(raised.value)
    assert str(path) in message and "\n" not in message
    assert snapshot(library.folder) == before


def test_a_write_over_a_file_damaged_since_it_was_read_is_refused(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "wildly optimistic")
    assert library.annotations(article.id) == [claim]  # parsed and cached
    path = library.folder / "articles" / article.id / "annotations.json"
    _damage(path, "truncated")
    damaged = path.read_bytes()
    claim.note = "an edit that must not replace the damaged file"
    with pytest.raises(CorruptFileError):
        library.save_annotation(claim)
    with pytest.raises(CorruptFileError):
        library.delete_annotation(article.id, claim.id)
    assert path.read_bytes() == damaged


# -- the counts cache behind `glossator list` ------------------------------------------------


def test_counts_for_a_listing_follow_every_write_whoever_made_it(library, tmp_path):
    first = add_sample(library, tmp_path / "src")
    second = add_sample(library, tmp_path / "src", "b.md", "# B\n\nThe ferry ran late.\n")
    mark(library, first, "wildly optimistic")
    assert library.all_counts() == {first.id: {"claim": 1}, second.id: {}}
    cache = library.folder / COUNTS_CACHE
    assert cache.exists()
    other = Library.open(library.folder)  # another process, as far as the files go
    mark(other, second, "ferry", kind="actor")
    mark(other, first, "Who will pay", kind="question")
    assert library.all_counts() == {first.id: {"claim": 1, "question": 1},
                                    second.id: {"actor": 1}}
    other.remove_article(second.id)
    assert library.all_counts() == {first.id: {"claim": 1, "question": 1}}
    assert second.id not in json.loads(cache.read_text("utf-8"))["articles"]


def test_a_damaged_counts_cache_is_rebuilt_not_trusted(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    mark(library, article, "wildly optimistic")
    library.all_counts()
    cache = library.folder / COUNTS_CACHE
    for damage in (b"{not json", b'{"articles": {"tram-extension-splits": 7}}', b"[]"):
        cache.write_bytes(damage)
        assert Library.open(library.folder).all_counts() == {article.id: {"claim": 1}}
    # a stale entry (counts from another version of the file) is recounted
    data = json.loads(cache.read_text("utf-8"))
    data["articles"][article.id]["counts"] = {"claim": 99}
    data["articles"][article.id]["stamp"][0] = "00" * 30
    cache.write_text(json.dumps(data), "utf-8")
    assert Library.open(library.folder).all_counts() == {article.id: {"claim": 1}}
