"""REFI-QDA out and back: `export --format qdpx` writes a project other QDA tools read,
and `glossator import` of it gives back every article, mark, actor and tag.

The export is checked against the published Project.xsd, and read by a small reader that
follows only the standard's rules (tests/helpers/qdpx_files.py), so a mistake glossator's
own importer would forgive still shows.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from annotations.colours import name_colour
from annotations.interchange.refi_qda.exporting import write_project
from annotations.interchange.refi_qda.importing import import_project
from annotations.model import Actor, Annotation, Tag
from annotations.store import Library
from reader.document.cache import text_reader
from tests.helpers.library import add_sample, mark, snapshot
from tests.helpers.qdpx_files import Q, schema_errors, spec_read

FERRY = ("\U0001f6a2 The ferry subsidy ends in March, the minister confirmed.\n\n"
         "Ἀθῆναι and Zürich sent observers; the harbour 🚧 stays shut.\n")


def _edit(library: Library, annotation: Annotation, **changes) -> Annotation:
    for key, value in changes.items():
        setattr(annotation, key, value)
    library.save_annotation(annotation, touch=False)
    return annotation


@pytest.fixture
def studied(library: Library, tmp_path: Path) -> Library:
    """A library a researcher has worked in: two articles, every kind of mark, a nested
    codebook, actors with aliases, two authors, an orphan, a suggestion."""
    tram = add_sample(library, tmp_path / "src")
    ferry = add_sample(library, tmp_path / "src", "ferry.txt", FERRY)
    library.save_tag(Tag("actor/government", "#3a7", "Officials and their offices"))
    library.save_tag(Tag("funding/public", "#d08050"))
    claim = mark(library, tram, "wildly optimistic", speaker="Dana Whitlock",
                 note="Check the *forecast* against\nthe 2019 figures.", tags=["funding/public"])
    _edit(library, claim, status="disputed")
    whitlock = library.find_actor("Dana Whitlock")
    whitlock.aliases = ["Cllr Whitlock"]
    whitlock.description = "Councillor for Millbrook"
    library.save_actor(whitlock)
    mark(library, tram, "Dana Whitlock", kind="actor")
    authority = mark(library, tram, "The regional authority", kind="actor/government")
    _edit(library, authority, author="Kofi", actor=whitlock.id)
    question = mark(library, tram, "Who will pay if passenger numbers fall short of 9,000 a day?",
                    kind="question")
    _edit(library, question, status="answered", answer="The authority, says its chair.\n\nSee p. 4.")
    suggested = mark(library, tram, "Construction is due to start in spring.")
    _edit(library, suggested, extra={"origin": "suggested"}, anchor_score=0.91,
          history=[{"at": "2026-01-02T03:04:05Z", "quote": "Construction starts in spring.",
                    "start": 300, "end": 330, "why": "refresh"}])
    gone = mark(library, tram, "the bus network", note="its words were edited away")
    _edit(library, gone, orphaned=True, exact="the old bus network", start=5000, end=5019)
    mark(library, ferry, "the minister confirmed", speaker="Ana Ruiz")
    mark(library, ferry, "Zürich", kind="actor")
    ruiz = library.find_actor("Ana Ruiz")
    ruiz.type = "organisation"
    library.save_actor(ruiz)
    return library


def _export(library: Library, path: Path, bodies: bool = True) -> Path:
    write_project(path, library.articles(), library.annotations, {a.id: a for a in library.actors()},
                  library.codebook(), text_reader(library), body_of=library.body if bodies else None)
    return path


# -- what other tools read -----------------------------------------------------------------

def test_the_project_validates_against_the_refi_qda_schema(studied, tmp_path):
    with zipfile.ZipFile(_export(studied, tmp_path / "study.qdpx")) as archive:
        assert schema_errors(archive.read("project.qde")) == []


def test_every_mark_is_a_selection_whose_words_are_at_its_offsets(studied, tmp_path):
    read = spec_read(_export(studied, tmp_path / "study.qdpx"))
    marks = {m.id: m for m in studied.all_annotations()}
    placed = [m for m in marks.values() if not m.orphaned]
    assert sorted(s.guid for s in read.selections) == sorted(m.id for m in placed)
    for chosen in read.selections:
        mark_ = marks[chosen.guid]
        assert chosen.words == mark_.exact
        assert (chosen.start, chosen.end) == (mark_.start, mark_.end)
        assert chosen.codes == [mark_.kind, *mark_.tags]
        assert chosen.description == (mark_.note or "")
        assert chosen.user == mark_.author


def test_code_points_count_as_the_standard_counts_them(studied, tmp_path):
    read = spec_read(_export(studied, tmp_path / "study.qdpx"))
    zurich = next(s for s in read.selections if s.words == "Zürich")
    # Two astral characters (a ship, in UTF-16 two units each) come before it.
    assert zurich.start == FERRY.index("Zürich")


def test_source_files_are_utf8_with_line_feeds_and_no_byte_order_mark(studied, tmp_path):
    read = spec_read(_export(studied, tmp_path / "study.qdpx"))
    for data in read.texts.values():
        assert b"\r" not in data
        assert not data.startswith(b"\xef\xbb\xbf")
        data.decode("utf-8")
    tram = read.texts["Tram extension splits the valley towns"].decode()
    assert tram == text_reader(studied)(studied.article("tram-extension-splits"))[0]


def test_what_qualcoder_needs_is_there(studied, tmp_path):
    read = spec_read(_export(studied, tmp_path / "study.qdpx"))
    assert read.root.get("origin")
    for source in read.root.iter(f"{Q}TextSource"):
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    for coding in read.root.iter(f"{Q}Coding"):
        assert coding[0].tag == f"{Q}CodeRef"
    notes = list(read.root.iter(f"{Q}Note"))
    assert notes and all(n.get("creationDateTime") for n in notes)


def test_the_codebook_nests_by_slash_with_colours(studied, tmp_path):
    root = spec_read(_export(studied, tmp_path / "study.qdpx")).root
    codes = root.find(f"{Q}CodeBook/{Q}Codes")
    assert [c.get("name") for c in codes.findall(f"{Q}Code")] == ["claim", "actor", "question",
                                                                   "funding"]
    actor = codes.findall(f"{Q}Code")[1]
    government = actor.find(f"{Q}Code")
    assert (government.get("name"), government.get("color")) == ("government", "#33aa77")
    assert actor.get("color") == "#40a0e0"
    funding = codes.findall(f"{Q}Code")[3]
    # `funding` is no tag of its own, only the parent of one: a category.
    assert funding.get("isCodable") == "false"
    assert funding.find(f"{Q}Code").get("isCodable") == "true"


def test_a_tag_without_a_colour_gets_the_colour_of_its_name_on_every_export(library, tmp_path):
    """QDA tools show a code without a colour in grey: each code gets one, the tag's own,
    else one made from its name, the same however often it is exported."""
    tram = add_sample(library, tmp_path / "src")
    mark(library, tram, "wildly optimistic", tags=["transport", "funding/public"])
    (tmp_path / "again").mkdir()
    codes = [{c.get("name"): c.get("color") for c in spec_read(_export(library, path)).root.iter(f"{Q}Code")}
             for path in (tmp_path / "p.qdpx", tmp_path / "again" / "p.qdpx")]
    assert codes[0] == codes[1]
    assert set(codes[0]) == {"claim", "actor", "question", "transport", "funding", "public"}
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in codes[0].values())
    assert codes[0]["claim"] == "#e0a030"  # a tag's own colour stays its colour
    assert codes[0]["transport"] == name_colour("transport") != name_colour("funding/public")


def test_a_project_with_a_long_repetitive_note_is_no_zip_bomb(library, tmp_path):
    """Five megabytes of one line repeated deflate a thousand times, as a bomb does; our own
    export of it still comes back, note and all."""
    tram = add_sample(library, tmp_path / "src")
    note = "The same line of the transcript, again.\n" * 125_000
    claim = mark(library, tram, "wildly optimistic", note=note)
    path = _export(library, tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("project.qde")
        assert info.file_size > 200 * info.compress_size
    fresh = Library.open(tmp_path / "fresh")
    assert import_project(fresh, path, text_reader(fresh)).exact == 1
    (back,) = fresh.all_annotations()
    assert back.note == claim.note and len(back.note) == 5_000_000


def test_authors_are_users_with_one_guid_each(studied, tmp_path):
    root = spec_read(_export(studied, tmp_path / "study.qdpx")).root
    users = {u.get("name"): u.get("guid") for u in root.iter(f"{Q}User")}
    assert set(users) == {"tester", "Kofi"}
    by_user = {s.get("creatingUser") for s in root.iter(f"{Q}PlainTextSelection")}
    assert by_user == set(users.values())


def test_actors_are_cases_linked_to_the_sources_and_passages_that_name_them(studied, tmp_path):
    read = spec_read(_export(studied, tmp_path / "study.qdpx"))
    sources = {s.get("guid"): s.get("name") for s in read.root.iter(f"{Q}TextSource")}
    words = {s.guid: s.words for s in read.selections}
    cases = {c.get("name"): c for c in read.root.iter(f"{Q}Case")}
    assert set(cases) == {"Dana Whitlock", "Ana Ruiz", "Zürich"}
    whitlock = cases["Dana Whitlock"]
    assert whitlock.findtext(f"{Q}Description") == "Councillor for Millbrook"
    assert [sources[r.get("targetGUID")] for r in whitlock.findall(f"{Q}SourceRef")] == [
        "Tram extension splits the valley towns"]
    # Her mention and her claim; "The regional authority" names her as its actor, but is
    # no actor mark, so its link is kept in glossator's note, not as her passage.
    assert sorted(words[r.get("targetGUID")] for r in whitlock.findall(f"{Q}SelectionRef")) == [
        "Dana Whitlock", "wildly optimistic"]
    values = [v[1].text for v in whitlock.findall(f"{Q}VariableValue")]
    assert "Cllr Whitlock" in values and "person" in values


def test_exporting_twice_writes_the_same_bytes(studied, tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = _export(studied, tmp_path / "one" / "study.qdpx").read_bytes()
    assert _export(studied, tmp_path / "two" / "study.qdpx").read_bytes() == first


def test_a_mark_keeps_its_id_as_its_guid(studied, tmp_path):
    read = spec_read(_export(studied, tmp_path / "study.qdpx"))
    assert {s.guid for s in read.selections} <= {m.id for m in studied.all_annotations()}


def test_the_export_replaces_the_file_whole_and_leaves_no_temp_file(studied, tmp_path):
    path = tmp_path / "study.qdpx"
    path.write_bytes(b"an older export")
    _export(studied, path)
    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library", "src", "study.qdpx"]


def test_the_command_line_exports_a_project(cli, studied, tmp_path):
    result = cli("export", "--all", "--format", "qdpx", "-o", str(tmp_path / "all.qdpx"))
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr
    read = spec_read(tmp_path / "all.qdpx")
    assert schema_errors(read.qde) == []
    assert all(s.words for s in read.selections)


# -- and back ------------------------------------------------------------------------------

def _everything(library: Library) -> dict:
    return {
        "articles": [a.to_record() for a in library.articles()],
        "marks": sorted((m.to_record() for m in library.all_annotations()), key=lambda r: r["id"]),
        "actors": [a.to_record() for a in library.actors()],
        "codebook": [t.to_record() for t in library.codebook()],
    }


def test_our_own_project_comes_back_whole_in_a_fresh_library(studied, tmp_path):
    path = _export(studied, tmp_path / "study.qdpx")
    fresh = Library.open(tmp_path / "fresh")
    report = import_project(fresh, path, text_reader(fresh))
    # The one change: a colour written `#3a7` comes back as the `#RRGGBB` the project holds.
    assert fresh.tag("actor/government").colour == "#33aa77"
    studied.save_tag(Tag("actor/government", "#33aa77", "Officials and their offices"))
    assert _everything(fresh) == _everything(studied)
    assert (report.exact, report.fuzzy, report.orphaned, report.duplicates) == (7, 0, 1, 0)
    assert sorted(report.added) == ["ferry-subsidy-ends", "tram-extension-splits"]


def test_speaker_status_answer_and_orphans_survive_the_trip(studied, tmp_path):
    fresh = Library.open(tmp_path / "fresh")
    import_project(fresh, _export(studied, tmp_path / "study.qdpx"), text_reader(fresh))
    marks = {m.exact: m for m in fresh.all_annotations()}
    claim = marks["wildly optimistic"]
    assert fresh.actor(claim.speaker).name == "Dana Whitlock"
    assert (claim.status, claim.tags) == ("disputed", ["funding/public"])
    question = marks["Who will pay if passenger numbers fall short of 9,000 a day?"]
    assert (question.status, question.answer) == ("answered",
                                                  "The authority, says its chair.\n\nSee p. 4.")
    assert marks["the old bus network"].orphaned
    assert marks["Construction is due to start in spring."].extra == {"origin": "suggested"}
    assert fresh.actor(marks["The regional authority"].actor).name == "Dana Whitlock"


def test_importing_the_project_again_changes_nothing(studied, tmp_path):
    path = _export(studied, tmp_path / "study.qdpx")
    before = snapshot(studied.folder)
    report = import_project(studied, path, text_reader(studied))
    assert report.duplicates == 8 and report.imported == 0 and not report.added
    assert snapshot(studied.folder) == before


def test_without_bodies_the_articles_come_back_as_text_with_every_mark(studied, tmp_path):
    path = _export(studied, tmp_path / "study.qdpx", bodies=False)
    fresh = Library.open(tmp_path / "fresh")
    report = import_project(fresh, path, text_reader(fresh))
    assert {a.format for a in fresh.articles()} == {"text"}
    assert report.fuzzy == 0 and report.orphaned == 1
    before = {m.id: m for m in studied.all_annotations()}
    for got in fresh.all_annotations():
        want = before[got.id]
        for key in ("kind", "exact", "note", "tags", "status", "answer", "author", "created",
                    "updated", "orphaned", "extra", "history", "anchor_score"):
            assert getattr(got, key) == getattr(want, key), key
    assert {a.name for a in fresh.actors()} == {a.name for a in studied.actors()}


def test_a_project_goes_into_an_article_that_has_the_same_text(studied, tmp_path):
    """A library that has the article already (the project went round another tool): the
    marks join it, no copy is added."""
    path = _export(studied, tmp_path / "study.qdpx")
    other = Library.open(tmp_path / "other")
    tram = add_sample(other, tmp_path / "src2")
    report = import_project(other, path, text_reader(other))
    assert report.added == ["ferry-subsidy-ends"]
    assert len(other.annotations(tram.id)) == 6
    assert {a.id for a in other.articles()} == {tram.id, "ferry-subsidy-ends"}


def test_a_new_actor_or_tag_is_not_made_twice(studied, tmp_path):
    path = _export(studied, tmp_path / "study.qdpx")
    other = Library.open(tmp_path / "other")
    other.save_actor(Actor(name="Dana Whitlock", type="person"))
    other.save_tag(Tag("funding/public", "#000000"))
    import_project(other, path, text_reader(other))
    assert [a.name for a in other.actors()].count("Dana Whitlock") == 1
    assert other.tag("funding/public").colour == "#000000"
    claim = next(m for m in other.all_annotations() if m.exact == "wildly optimistic")
    assert other.actor(claim.speaker).id == other.find_actor("Dana Whitlock").id


def test_two_alike_marks_of_one_project_both_come_back(library, tmp_path):
    """Hypothesis' duplicate rule (same quote, note, tags) is for marks already in the
    library; two marks a project holds are two marks."""
    tram = add_sample(library, tmp_path / "src")
    first = mark(library, tram, "wildly optimistic")
    second = mark(library, tram, "wildly optimistic")
    fresh = Library.open(tmp_path / "fresh")
    report = import_project(fresh, _export(library, tmp_path / "p.qdpx"), text_reader(fresh))
    assert report.exact == 2 and report.duplicates == 0
    assert {m.id for m in fresh.all_annotations()} == {first.id, second.id}


def test_characters_xml_cannot_hold_still_come_back(library, tmp_path):
    tram = add_sample(library, tmp_path / "src")
    note = "tab\there, a form feed \x0c, a bell \x07,\r\nand a CRLF"
    claim = mark(library, tram, "wildly optimistic", note=note)
    path = _export(library, tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        assert schema_errors(archive.read("project.qde")) == []
    fresh = Library.open(tmp_path / "fresh")
    import_project(fresh, path, text_reader(fresh))
    assert fresh.annotations(tram.id)[0].note == note == claim.note


def test_a_mark_whose_words_moved_is_exported_where_they_are_now(library, tmp_path):
    tram = add_sample(library, tmp_path / "src")
    claim = _edit(library, mark(library, tram, "wildly optimistic"), start=3, end=20)
    read = spec_read(_export(library, tmp_path / "p.qdpx"))
    (chosen,) = read.selections
    assert chosen.words == claim.exact == "wildly optimistic"


def test_a_mark_whose_words_are_gone_is_an_orphan_note_not_a_wrong_selection(library, tmp_path):
    tram = add_sample(library, tmp_path / "src")
    _edit(library, mark(library, tram, "wildly optimistic"), exact="never in the text")
    read = spec_read(_export(library, tmp_path / "p.qdpx"))
    assert read.selections == []
    names = [n.get("name") for n in read.root.iter(f"{Q}Note")]
    assert names.count("glossator: orphaned mark") == 1


@pytest.mark.parametrize("marks", ["none", "anonymous"])
def test_small_projects_validate_too(library, tmp_path, marks):
    tram = add_sample(library, tmp_path / "src")
    if marks == "anonymous":
        _edit(library, mark(library, tram, "wildly optimistic"), author="", created="yesterday")
    path = _export(library, tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        assert schema_errors(archive.read("project.qde")) == []
    fresh = Library.open(tmp_path / "fresh")
    import_project(fresh, path, text_reader(fresh))
    assert _everything(fresh)["marks"] == _everything(library)["marks"]
    assert [a.id for a in fresh.articles()] == [tram.id]


def test_an_empty_export_is_a_valid_project(tmp_path):
    library = Library.open(tmp_path / "empty")
    path = _export(library, tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["project.qde"]
        assert schema_errors(archive.read("project.qde")) == []
