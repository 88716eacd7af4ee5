"""Pages whose subject has gone: an article removed from the library, an actor merged
into another or no longer mentioned. A page the reader never wrote in is deleted with its
subject; one they wrote in moves, untouched, to Removed/, is listed in the Index, and
comes back when its subject does. A reader's words are never deleted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.export.markdown import DEFAULT_MY_NOTES
from annotations.model import Actor
from annotations.store import Library
from tests.test_vault import (
    Sample,
    broken_links,
    export_direct,
    front_matter,
    my_notes,
    sample_library,
    write_my_notes,
)


@pytest.fixture
def sample(library: Library, tmp_path: Path) -> Sample:
    return sample_library(library, tmp_path / "src")


HARBOUR_NOTE = "Harbour dredging plan approved despite protests.md"
FERRY_NOTE = "Ferry subsidy cut leaves island without winter crossing.md"


def changes(files) -> dict[str, str]:
    return {f.path.name: f.change for f in files if f.change not in ("unchanged", "updated")}


def merge(library, gone: Actor, into: Actor) -> None:
    """What merging two actors does to the marks: every mention and claim re-pointed."""
    for article in library.articles():
        for annotation in library.annotations(article.id):
            if annotation.actor == gone.id:
                annotation.actor = into.id
            if annotation.speaker == gone.id:
                annotation.speaker = into.id
            library.save_annotation(annotation)


def test_an_untouched_page_goes_with_its_subject(library, sample, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    library.remove_article(sample.ferry.id)
    merge(library, sample.actors["Marcus Felloway"], sample.actors["Kofi Mensah"])
    done = export_direct(library, out)
    assert changes(done) == {FERRY_NOTE: "deleted", "Marcus Felloway.md": "deleted"}
    assert not (out / "Articles" / FERRY_NOTE).exists()
    assert not (out / "Actors" / "Marcus Felloway.md").exists()
    assert not (out / "Removed").exists()
    index = (out / "Index.md").read_text("utf-8")
    assert "Ferry subsidy" not in index and "Felloway" not in index and "## Removed" not in index
    assert broken_links(out) == []


def test_a_page_with_the_readers_notes_moves_to_removed_untouched(library, sample, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    write_my_notes(out / "Articles" / FERRY_NOTE, "\nferry: call the minister\n")
    write_my_notes(out / "Actors" / "Marcus Felloway.md", "\nthe auditor's 2023 letter\n")
    kept = {name: (out / folder / name).read_bytes()
            for folder, name in (("Articles", FERRY_NOTE), ("Actors", "Marcus Felloway.md"))}
    library.remove_article(sample.ferry.id)
    merge(library, sample.actors["Marcus Felloway"], sample.actors["Kofi Mensah"])
    done = export_direct(library, out)
    assert changes(done) == {FERRY_NOTE: "removed", "Marcus Felloway.md": "removed"}
    assert (out / "Removed" / "Articles" / FERRY_NOTE).read_bytes() == kept[FERRY_NOTE]
    assert (out / "Removed" / "Actors" / "Marcus Felloway.md").read_bytes() == (
        kept["Marcus Felloway.md"])
    assert not (out / "Articles" / FERRY_NOTE).exists()
    index = (out / "Index.md").read_text("utf-8")
    assert "## Removed" in index
    assert "- [[Removed/Actors/Marcus Felloway|Actors/Marcus Felloway]]" in index
    assert ("- [[Removed/Articles/Ferry subsidy cut leaves island without winter crossing|"
            "Articles/Ferry subsidy cut leaves island without winter crossing]]") in index
    assert broken_links(out) == []  # the Index's links to Removed/ included


def test_edits_outside_my_notes_are_words_of_the_reader_too(library, sample, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    page = out / "Actors" / "Marcus Felloway.md"
    page.write_text(page.read_text("utf-8").replace("# Marcus Felloway", "# Marcus Felloway (!)"),
                    "utf-8")
    assert my_notes(page) == DEFAULT_MY_NOTES
    merge(library, sample.actors["Marcus Felloway"], sample.actors["Kofi Mensah"])
    assert changes(export_direct(library, out)) == {"Marcus Felloway.md": "removed"}
    assert "(!)" in (out / "Removed" / "Actors" / "Marcus Felloway.md").read_text("utf-8")


def test_a_deleted_actor_leaves_and_a_new_one_of_that_name_gets_a_fresh_page(library, sample,
                                                                            tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    write_my_notes(out / "Actors" / "Marcus Felloway.md", "\nfirst Felloway\n")
    old = sample.actors["Marcus Felloway"]
    everyone = {a.id: a for a in library.actors()}
    without = {k: v for k, v in everyone.items() if k != old.id}
    export_direct(library, out, actors=without)  # deleted from the library's actors
    assert my_notes(out / "Removed" / "Actors" / "Marcus Felloway.md") == "\nfirst Felloway\n"

    # Another Marcus Felloway speaks the disputed claim now; his page is his own.
    newcomer = Actor(name="Marcus Felloway", id="7e57e57e-0000-4000-8000-000000000000")
    library.save_actor(newcomer)
    audit = library.annotation(sample.harbour.id, sample.marks["audit"].id)
    audit.speaker = newcomer.id
    library.save_annotation(audit)
    without[newcomer.id] = newcomer
    export_direct(library, out, actors=without)
    fresh = out / "Actors" / "Marcus Felloway.md"
    assert front_matter(fresh)["glossator-actor"] == newcomer.id
    assert my_notes(fresh) == DEFAULT_MY_NOTES
    write_my_notes(fresh, "\nsecond Felloway\n")
    # He leaves too: both are kept, under two names.
    export_direct(library, out, actors={k: v for k, v in without.items() if k != newcomer.id})
    removed = out / "Removed" / "Actors"
    assert sorted(p.name for p in removed.iterdir()) == ["Marcus Felloway 2.md",
                                                        "Marcus Felloway.md"]
    assert my_notes(removed / "Marcus Felloway 2.md") == "\nsecond Felloway\n"
    assert my_notes(removed / "Marcus Felloway.md") == "\nfirst Felloway\n"


def test_a_subject_that_returns_gets_its_page_back_with_its_notes(library, sample, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    page = out / "Actors" / "Marcus Felloway.md"
    write_my_notes(page, "\nremember the audit\n")
    felloway = sample.actors["Marcus Felloway"]
    audit = library.annotation(sample.harbour.id, sample.marks["audit"].id)
    audit.speaker = ""
    library.save_annotation(audit)
    export_direct(library, out)
    assert not page.exists()
    audit.speaker = felloway.id
    library.save_annotation(audit)
    done = export_direct(library, out)
    assert {f.path.name: f.change for f in done}["Marcus Felloway.md"] == "updated"
    assert my_notes(page) == "\nremember the audit\n"
    assert not (out / "Removed" / "Actors" / "Marcus Felloway.md").exists()
    assert "## Removed" not in (out / "Index.md").read_text("utf-8")
    assert broken_links(out) == []


def test_a_copy_the_reader_made_of_a_page_is_left_alone(library, sample, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    original = out / "Actors" / "Kofi Mensah.md"
    copy = out / "Actors" / "Kofi Mensah 1.md"
    copy.write_bytes(original.read_bytes())
    write_my_notes(copy, "\nmy copy\n")
    before = copy.read_bytes()
    export_direct(library, out)
    assert copy.read_bytes() == before and original.exists()


def test_the_vault_keeps_its_other_files(library, sample, tmp_path: Path):
    """The reader's own notes, attachments and Obsidian's settings are not glossator's."""
    out = tmp_path / "vault"
    (out / ".obsidian").mkdir(parents=True)
    (out / ".obsidian" / "app.json").write_text("{}", "utf-8")
    (out / "Articles").mkdir()
    (out / "Articles" / "My reading list.md").write_text("# To read\n", "utf-8")
    (out / "Daily.md").write_text("# Today\n", "utf-8")
    export_direct(library, out)
    library.remove_article(sample.ferry.id)
    export_direct(library, out)
    assert (out / ".obsidian" / "app.json").read_text("utf-8") == "{}"
    assert (out / "Articles" / "My reading list.md").read_text("utf-8") == "# To read\n"
    assert (out / "Daily.md").read_text("utf-8") == "# Today\n"
