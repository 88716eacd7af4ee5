"""glossator → W3C → glossator: a library exported, its sources added to a fresh library,
the export imported there, and every mark is what it was, field by field."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from annotations.model import Actor, Annotation
from annotations.store import Library
from tests.helpers.annotation_files import RichLibrary, add_sources, rich_library
from tests.helpers.library import snapshot

MARK_FIELDS = [f.name for f in fields(Annotation)]


@pytest.fixture
def original(tmp_path: Path) -> RichLibrary:
    return rich_library(Library.open(tmp_path / "original"), tmp_path / "sources")


def exported(cli, original: RichLibrary, path: Path, *which: str) -> Path:
    done = cli("export", *(which or ("--all",)), "--format", "w3c", "-o", str(path),
               "--library", str(original.library.folder))
    assert done.exit_code == 0, done.stderr
    return path


def test_every_field_of_every_mark_comes_back(cli, original, library_dir, tmp_path):
    export = exported(cli, original, tmp_path / "library.jsonld")
    fresh = Library.open(library_dir)
    add_sources(fresh, original.sources)
    done = cli("import", str(export))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[0] == ("W3C Web Annotation: 14 anchored exactly, 0 fuzzy, "
                                           "1 orphaned, 0 duplicate(s) skipped into 4 article(s)")
    before = {m.id: m for m in original.library.all_annotations()}
    after = {m.id: m for m in Library.open(library_dir).all_annotations()}
    assert sorted(after) == sorted(before) and len(before) == 15
    for mark_id, mark in before.items():
        for name in MARK_FIELDS:
            assert getattr(after[mark_id], name) == getattr(mark, name), (mark.exact, name)


def test_the_rich_library_has_what_the_round_trip_must_keep(original):
    """The comparison above means something only if the library holds every kind of value."""
    marks = original.library.all_annotations()
    marks = list(marks)
    assert {m.kind for m in marks} == {"claim", "actor", "question", "funding/public"}
    assert {m.status for m in marks} >= {"disputed", "false", "answered", "open", "unverified", None}
    for name in ("note", "tags", "speaker", "actor", "answer", "page", "page_end", "chapter",
                 "history", "extra", "anchor_score", "orphaned"):
        assert any(getattr(m, name) for m in marks), name
    assert any(any(ord(ch) > 0xFFFF for ch in m.exact) for m in marks)


def backdated(library: Library) -> dict[str, str]:
    """Give every actor a day of its own, long past: an import that forgot when an actor
    was made would date it now, and could not pass for one that kept it."""
    made = {}
    for day, actor in enumerate(library.actors(), start=1):
        actor.created = f"2024-03-{day:02d}T09:30:00Z"
        library.save_actor(actor)
        made[actor.id] = actor.created
    return made


def test_actors_and_tags_come_back_with_their_ids_names_types_and_dates(cli, original, library_dir,
                                                                        tmp_path):
    backdated(original.library)
    export = exported(cli, original, tmp_path / "library.jsonld")
    fresh = Library.open(library_dir)
    add_sources(fresh, original.sources)
    assert cli("import", str(export)).exit_code == 0

    def described(actor: Actor) -> tuple:
        return actor.id, actor.name, actor.type, actor.aliases, actor.description, actor.created

    used = {m.speaker for m in original.library.all_annotations()} | \
        {m.actor for m in original.library.all_annotations()}
    assert sorted(described(a) for a in Library.open(library_dir).actors()) == \
        sorted(described(a) for a in original.library.actors() if a.id in used)
    assert [t.name for t in Library.open(library_dir).codebook()] == \
        [t.name for t in original.library.codebook()]


def test_importing_the_same_export_again_changes_nothing(cli, original, library_dir, tmp_path):
    export = exported(cli, original, tmp_path / "library.jsonld")
    add_sources(Library.open(library_dir), original.sources)
    assert cli("import", str(export)).exit_code == 0
    before = snapshot(library_dir)
    again = cli("import", str(export))
    assert again.exit_code == 0, again.stderr
    assert again.stdout.splitlines()[0] == ("W3C Web Annotation: 0 anchored exactly, 0 fuzzy, "
                                            "0 orphaned, 15 duplicate(s) skipped")
    assert snapshot(library_dir) == before


def test_importing_into_the_library_it_came_from_adds_nothing(cli, original, tmp_path):
    export = exported(cli, original, tmp_path / "library.jsonld")
    folder = original.library.folder
    before = snapshot(folder)
    again = cli("import", str(export), "--library", str(folder))
    assert again.exit_code == 0, again.stderr
    assert "15 duplicate(s) skipped" in again.stdout
    assert snapshot(folder) == before


def test_a_speaker_the_library_knows_by_name_is_that_actor(cli, original, library_dir, tmp_path):
    export = exported(cli, original, tmp_path / "library.jsonld")
    fresh = Library.open(library_dir)
    add_sources(fresh, original.sources)
    known, _ = fresh.actor_named("Dana Whitlock")
    assert cli("import", str(export)).exit_code == 0
    [claim] = [m for m in Library.open(library_dir).all_annotations()
               if m.exact.startswith("the line would carry")]
    assert claim.speaker == known.id
    assert [a.name for a in Library.open(library_dir).actors()].count("Dana Whitlock") == 1


def test_an_actor_the_library_has_keeps_the_day_it_was_made_here(cli, original, library_dir,
                                                                  tmp_path):
    backdated(original.library)
    export = exported(cli, original, tmp_path / "library.jsonld")
    fresh = Library.open(library_dir)
    add_sources(fresh, original.sources)
    known, _ = fresh.actor_named("Dana Whitlock")
    assert cli("import", str(export)).exit_code == 0
    assert Library.open(library_dir).actor(known.id).created == known.created


def test_one_articles_collection_comes_back_into_that_article(cli, original, library_dir, tmp_path):
    tram = original.articles["tram"]
    export = exported(cli, original, tmp_path / "tram.jsonld", tram.id)
    assert json.loads(export.read_text(encoding="utf-8"))["type"] == "AnnotationCollection"
    fresh = Library.open(library_dir)
    add_sources(fresh, {"tram": original.sources["tram"]})
    done = cli("import", str(export))
    assert done.exit_code == 0, done.stderr
    assert [m.to_record() for m in fresh.annotations(tram.id)] == \
        [m.to_record() for m in original.library.annotations(tram.id)]


def test_an_export_for_articles_not_in_the_library_says_which_files_to_add(cli, original, library_dir,
                                                                          tmp_path):
    """Nothing could be imported: the report says which pages to add, and the command fails
    (status 1), as a script running it should notice."""
    export = exported(cli, original, tmp_path / "library.jsonld")
    Library.open(library_dir)
    before = snapshot(library_dir)
    done = cli("import", str(export))
    assert done.exit_code == 1
    assert "nothing was imported: the annotations are for 4 page(s) not in the library" in done.stderr
    unicode_file = str(original.sources["unicode"].resolve())
    assert (f"not in the library: {unicode_file} \"Über die Brücke 🌉 — 港の話\" (5 annotation(s)); "
            f"add it with `glossator add {unicode_file}`, then import again") in done.stdout.splitlines()
    assert ("not in the library: https://valley-courier.example/tram-extension \"Tram extension "
            "splits the valley towns\" (6 annotation(s))") in done.stdout
    assert snapshot(library_dir) == before


def test_a_unicode_address_is_exported_as_a_uri_and_matched_again(cli, original, library_dir, tmp_path):
    epub = original.library.article(original.articles["epub"].id)
    epub.url = "https://bücher.example/salz-straße?kapitel=1"
    original.library.update_article(epub)
    export = exported(cli, original, tmp_path / "epub.jsonld", epub.id)
    sources = {item["target"]["source"] for item in json.loads(export.read_text())["first"]["items"]}
    assert sources == {"https://xn--bcher-kva.example/salz-stra%C3%9Fe?kapitel=1"}
    fresh = Library.open(library_dir)
    article = add_sources(fresh, {"epub": original.sources["epub"]})["epub"]
    article.url = "https://bücher.example/salz-straße?kapitel=1"
    fresh.update_article(article)
    done = cli("import", str(export))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("W3C Web Annotation: 2 anchored exactly")


def test_a_mark_id_that_is_no_uuid_is_kept_too(cli, original, library_dir, tmp_path):
    library = original.library
    tram = original.articles["tram"]
    [mark] = [m for m in library.annotations(tram.id) if m.exact == "Councillor Dana Whitlock"]
    library.delete_annotation(tram.id, mark.id)
    mark.id = "merged-7"
    library.save_annotation(mark, touch=False)
    export = exported(cli, original, tmp_path / "tram.jsonld", tram.id)
    add_sources(Library.open(library_dir), {"tram": original.sources["tram"]})
    assert cli("import", str(export)).exit_code == 0
    assert Library.open(library_dir).annotation(tram.id, "merged-7").to_record() == mark.to_record()


def test_marks_put_into_another_article_get_ids_of_their_own(cli, original, tmp_path):
    library = original.library
    first, second = library.articles()[:2]
    export = exported(cli, original, tmp_path / "first.jsonld", first.id)
    done = cli("import", str(export), "--article", second.id, "--library", str(library.folder))
    assert done.exit_code == 0, done.stderr
    ids_first = {m.id for m in library.annotations(first.id)}
    ids_second = {m.id for m in Library.open(library.folder).annotations(second.id)}
    assert ids_first and not ids_first & ids_second
