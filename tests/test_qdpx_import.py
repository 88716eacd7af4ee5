"""Importing REFI-QDA projects other QDA tools wrote: a researcher coded articles in
QualCoder, NVivo, MAXQDA or ATLAS.ti and brings the codings into glossator."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from annotations.errors import LibraryError, SourceError
from annotations.interchange.refi_qda.importing import import_project
from annotations.store import Library
from reader.cli.adding import add_source
from reader.document.cache import text_reader
from tests.helpers.library import add_sample, mark, write_sample
from tests.helpers.qdpx_files import (
    CLAIM,
    FERRY_TEXT,
    FUNDING,
    HARBOUR,
    HARBOUR_TEXT,
    PUBLIC,
    SEL_COST,
    USER,
    codebook,
    foreign_project,
    one_source_project,
    project,
    selection,
    span,
    write_qdpx,
)


def _import(library: Library, path: Path, **options):
    return import_project(library, path, text_reader(library), **options)


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    qde, files = foreign_project()
    return write_qdpx(tmp_path / "harbour.qdpx", qde, files)


def test_each_text_source_becomes_an_article_and_its_codings_marks(library, foreign):
    report = _import(library, foreign)
    assert sorted(a.title for a in library.articles()) == ["Ferry notice", "Harbour board minutes"]
    assert (report.exact, report.fuzzy, report.orphaned) == (4, 0, 0)
    assert sorted(report.added) == ["ferry-notice", "harbour-board-minutes"]
    harbour = library.article("harbour-board-minutes")
    assert harbour.format == "text"
    marks = {m.exact: m for m in library.annotations(harbour.id)}
    assert set(marks) == {"the cost would double by 2027", "Nobody has asked the fishermen",
                          "dredging plan"}


def test_a_code_named_claim_is_the_kind_and_nested_codes_are_tags(library, foreign):
    _import(library, foreign)
    marks = {m.exact: m for m in library.all_annotations()}
    cost = marks["the cost would double by 2027"]
    # "Themes" cannot be coded (a category); its codes are tags under it.
    assert (cost.kind, cost.tags) == ("claim", ["Themes/Funding"])
    fishermen = marks["Nobody has asked the fishermen"]
    assert (fishermen.kind, fishermen.tags) == ("Themes/Funding/public money", [])
    ferry = marks["The ferry subsidy ends in March"]
    assert (ferry.kind, ferry.status) == ("claim", "unverified")


def test_a_selection_without_a_code_is_of_the_default_kind_with_its_memo(library, foreign):
    _import(library, foreign, default_kind="question")
    memo = next(m for m in library.all_annotations() if m.exact == "dredging plan")
    assert (memo.kind, memo.note, memo.status) == ("question", "A memo, no code", "open")


def test_the_codebook_comes_in_with_its_colours(library, foreign):
    _import(library, foreign)
    tags = {t.name: t for t in library.codebook()}
    assert tags["Themes/Funding"].colour == "#d08050"
    assert tags["Themes/Funding"].description == "Who pays"
    assert tags["Themes/Funding/public money"].colour == "#aabbcc"
    assert "Themes" not in tags  # a category: only a parent
    assert "Claim" not in tags and library.is_known_kind("Themes/Funding/public money")


def test_description_author_date_and_case_come_with_each_mark(library, foreign):
    _import(library, foreign)
    cost = next(m for m in library.all_annotations() if m.exact.startswith("the cost"))
    assert cost.note == "Check the board's figures"
    assert cost.author == "Colin"
    assert cost.created == "2025-03-09T23:19:07Z"
    # The passage belongs to the case "Ines Pereira": she is the claim's speaker.
    speaker = library.actor(cost.speaker)
    assert (speaker.name, speaker.description) == ("Ines Pereira", "Harbour councillor")
    assert cost.id == SEL_COST.lower()


def test_sources_that_are_not_text_are_listed_and_skipped(library, foreign):
    report = _import(library, foreign)
    lines = "\n".join(report.lines())
    assert "skipped the PDF source 'Annual report.pdf'" in lines
    assert "skipped the audio source 'Interview 1.m4a'" in lines
    assert len(library.articles()) == 2


def test_a_source_already_in_the_library_gets_the_marks(library, tmp_path):
    """The article went out to QualCoder and comes back with its codings: the same words,
    so the same article (QualCoder's byte order mark does not count), whatever its name."""
    minutes = add_sample(library, tmp_path / "src", "minutes.txt", HARBOUR_TEXT)
    text = text_reader(library)(minutes)[0]
    qde, files = one_source_project(text, selection(SEL_COST, text, "the cost would double by 2027",
                                                    [CLAIM]), name="Renamed in QualCoder",
                                    file=b"\xef\xbb\xbf" + text.encode())
    report = _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    assert report.added == [] and report.exact == 1
    (got,) = library.annotations(minutes.id)
    assert (got.start, got.end) == span(text, "the cost would double by 2027")


def test_a_source_that_only_shares_an_articles_title_is_an_article_of_its_own(library, tmp_path):
    """"Minutes" in the library and "Minutes" in the QualCoder project are two documents:
    the project's text comes in as a new article with its codings, and nothing lands as an
    orphan on the article that merely has the same name."""
    other = add_source(library, str(write_sample(tmp_path / "src", "farming.txt",
                                                 "An interview about farming and weather in the hills.\n")),
                       {"title": "MINUTES"}).article
    qde, files = one_source_project(HARBOUR_TEXT, selection(SEL_COST, HARBOUR_TEXT,
                                                            "the cost would double by 2027", [CLAIM]))
    report = _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    assert (report.exact, report.orphaned) == (1, 0)
    (added,) = report.added
    assert added != other.id and library.annotations(other.id) == []
    assert text_reader(library)(library.article(added))[0].split() == HARBOUR_TEXT.split()
    (cost,) = library.annotations(added)
    assert (cost.exact, cost.orphaned) == ("the cost would double by 2027", False)


def test_a_source_of_the_same_title_and_words_spaced_otherwise_is_that_article(library, tmp_path):
    """Another tool re-wrapped the lines: the same title and the same words, so the same
    article, and its marks are found by their words."""
    minutes = add_source(library, str(write_sample(tmp_path / "src", "minutes.txt", HARBOUR_TEXT)),
                         {"title": "Minutes"}).article
    rewrapped = " ".join(HARBOUR_TEXT.split()) + "\n"
    qde, files = one_source_project(rewrapped, selection(SEL_COST, rewrapped,
                                                         "the cost would double by 2027", [CLAIM]))
    report = _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    assert report.added == [] and report.exact == 1
    (got,) = library.annotations(minutes.id)
    assert text_reader(library)(minutes)[0][got.start:got.end] == "the cost would double by 2027"


def test_two_sources_of_one_title_are_two_articles(library, tmp_path):
    """An article the import itself added is never where a later source of the same name
    goes: the project had two interviews, the library gets two."""
    first, second = "Ines said the ferry is late.\n", "Colin said the harbour is full.\n"
    sources = "".join(
        f'<TextSource guid="{guid}" name="Interview 1" plainTextPath="internal://{guid}.txt">'
        f'{selection(sel, text, words, [CLAIM])}</TextSource>'
        for guid, sel, text, words in ((HARBOUR, SEL_COST, first, "the ferry is late"),
                                       (HARBOUR[:-1] + "1", SEL_COST[:-1] + "1", second,
                                        "the harbour is full")))
    qde = project(f'<Users><User guid="{USER}" name="Colin"/></Users>{codebook()}'
                  f"<Sources>{sources}</Sources>")
    files = {f"sources/{HARBOUR}.txt": first.encode(), f"sources/{HARBOUR[:-1]}1.txt": second.encode()}
    report = _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    assert (report.exact, report.orphaned, len(report.added)) == (2, 0, 2)
    texts = {text_reader(library)(a)[0].strip(): [m.exact for m in library.annotations(a.id)]
             for a in library.articles()}
    assert texts == {first.strip(): ["the ferry is late"], second.strip(): ["the harbour is full"]}


def test_articles_of_one_title_in_any_case_or_unicode_form_come_back_each_as_itself(cli, library,
                                                                                     tmp_path):
    """Three articles called Café (one spelt with a combining accent, one in capitals) and
    two of one odd title go out as a project and into an empty library: five articles."""
    titles = ["Café", unicodedata.normalize("NFD", "Café"), "CAFÉ", "A/B: test? <yes>", "A/B: test? <yes>"]
    for number, title in enumerate(titles):
        add_source(library, str(write_sample(tmp_path / "src", f"t{number}.txt",
                                             f"Text number {number} about the harbour.\n")),
                   {"title": title})
    assert cli("export", "--all", "--format", "qdpx", "-o", str(tmp_path / "all.qdpx")).exit_code == 0
    fresh = Library.open(tmp_path / "fresh")
    report = _import(fresh, tmp_path / "all.qdpx")
    assert (len(report.added), report.duplicates) == (5, 0)
    back = sorted((a.title, text_reader(fresh)(a)[0]) for a in fresh.articles())
    assert back == sorted((a.title, text_reader(library)(a)[0]) for a in library.articles())


def test_our_export_comes_back_to_its_article_though_the_article_changed_since(cli, library, tmp_path):
    """The article our export kept (its id and when it was added) is the article, even after
    a refresh changed its words: the marks come back to it, found by their words."""
    source = write_sample(tmp_path / "src", "minutes.txt", HARBOUR_TEXT)
    article = add_source(library, str(source)).article
    cost = mark(library, article, "the cost would double by 2027")
    assert cli("export", article.id, "--format", "qdpx", "-o", str(tmp_path / "out.qdpx")).exit_code == 0
    library.delete_annotation(article.id, cost.id)
    source.write_text("Minutes, revised.\n" + HARBOUR_TEXT, encoding="utf-8")
    assert cli("refresh", article.id).exit_code == 0
    report = _import(library, tmp_path / "out.qdpx")
    assert report.added == [] and report.exact == 1
    (back,) = library.annotations(article.id)
    assert (back.id, back.exact) == (cost.id, "the cost would double by 2027")


def test_article_puts_everything_into_one_article(library, foreign, tmp_path):
    article = add_sample(library, tmp_path / "src", "all.txt", HARBOUR_TEXT + "\n" + FERRY_TEXT)
    report = _import(library, foreign, article_id=article.id)
    assert report.added == [] and report.articles == {article.id: 4}
    assert len(library.articles()) == 1


@pytest.mark.parametrize(("origin", "counts_two"), [("NVivo 14", True), ("ATLAS.ti 23", False),
                                                   ("MAXQDA 2022", False)])
def test_crlf_sources_are_counted_as_the_tool_that_wrote_them_counts(library, tmp_path, origin,
                                                                      counts_two):
    text = HARBOUR_TEXT.replace("\n", "\r\n")
    counted = text if counts_two else HARBOUR_TEXT
    start, end = span(counted, "Nobody has asked the fishermen")
    chosen = (f'<PlainTextSelection guid="{SEL_COST}" startPosition="{start}" endPosition="{end}">'
              f'<Coding guid="{SEL_COST[:-1]}9"><CodeRef targetGUID="{CLAIM}"/></Coding>'
              "</PlainTextSelection>")
    qde, files = one_source_project(text, chosen, origin=origin, file=text.encode())
    report = _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    (got,) = library.all_annotations()
    assert got.exact == "Nobody has asked the fishermen"
    assert report.exact == 1


def test_inline_text_and_a_file_beside_the_project_are_read(library, tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "minutes.txt").write_text(HARBOUR_TEXT, encoding="utf-8")
    qde, files = one_source_project(
        HARBOUR_TEXT, selection(SEL_COST, HARBOUR_TEXT, "dredging plan", [FUNDING]),
        path="relative:///texts/minutes.txt")
    report = _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    assert report.exact == 1 and library.articles()[0].title == "Minutes"


def _based_project(base: Path, where: str) -> tuple[str, dict[str, bytes]]:
    qde, files = one_source_project(HARBOUR_TEXT, selection(SEL_COST, HARBOUR_TEXT, "dredging plan",
                                                            [CLAIM]), path=where)
    return qde.replace('origin="QualCoder 3.6"', f'origin="QualCoder 3.6" basePath="{base}"'), files


def test_a_relative_path_is_read_from_the_projects_base_path_on_this_machine(library, tmp_path):
    """QualCoder exported the project here and left its sources where they were: the
    basePath folder holds them, the report names the file it read."""
    base = tmp_path / "QualCoder" / "harbour study"
    (base / "texts").mkdir(parents=True)
    (base / "texts" / "minutes.txt").write_text(HARBOUR_TEXT, encoding="utf-8")
    (tmp_path / "sent").mkdir()
    qde, files = _based_project(base, "relative://texts/minutes.txt")
    report = _import(library, write_qdpx(tmp_path / "sent" / "p.qdpx", qde, files))
    assert report.exact == 1
    assert (f"read the text of source 'Minutes' from {base / 'texts' / 'minutes.txt'}, in the "
            "folder the project names as its basePath") in report.lines()


def test_a_base_path_that_is_not_on_this_machine_leaves_the_folder_beside_the_project(library,
                                                                                    tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "minutes.txt").write_text(HARBOUR_TEXT, encoding="utf-8")
    qde, files = _based_project(Path("C:\\Users\\colin\\QualCoder"), "relative://texts/minutes.txt")
    report = _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    assert report.exact == 1
    assert not any("basePath" in line for line in report.lines())


def test_a_base_path_is_no_way_into_hidden_folders(library, tmp_path):
    """A project naming a home folder as its basePath does not get `.ssh/…` read into the
    library as a source."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("PRIVATE KEY", encoding="utf-8")
    (tmp_path / "sent").mkdir()
    qde, files = _based_project(home, "relative://.ssh/id_ed25519")
    with pytest.raises(SourceError, match="is not in"):
        _import(library, write_qdpx(tmp_path / "sent" / "p.qdpx", qde, files))
    assert library.articles() == []


def test_an_absolute_path_inside_the_projects_folder_is_read(library, tmp_path):
    inside = tmp_path / "minutes.txt"
    inside.write_text(HARBOUR_TEXT, encoding="utf-8")
    qde, files = one_source_project(
        HARBOUR_TEXT, selection(SEL_COST, HARBOUR_TEXT, "dredging plan", [PUBLIC]),
        path=f"absolute://{inside}")
    assert _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files)).exact == 1


def test_an_absolute_path_elsewhere_is_not_read_but_listed(library, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("private words", encoding="utf-8")
    (tmp_path / "project").mkdir()
    qde, files = one_source_project("", "", path=f"absolute://{elsewhere / 'secret.txt'}")
    report = _import(library, write_qdpx(tmp_path / "project" / "p.qdpx", qde, files))
    assert library.articles() == []
    assert any("outside the project's folder" in line for line in report.lines())


def test_importing_the_same_project_twice_adds_nothing_the_second_time(library, foreign):
    _import(library, foreign)
    count = len(list(library.all_annotations()))
    again = _import(library, foreign)
    assert again.duplicates == 4 and again.imported == 0 and again.added == []
    assert len(list(library.all_annotations())) == count and len(library.articles()) == 2


def test_a_refused_project_leaves_the_library_as_it_was(library, tmp_path):
    """The first source is fine, the second is damaged: nothing of either goes in."""
    from tests.helpers.library import snapshot

    add_sample(library, tmp_path / "src")
    qde, files = foreign_project()
    qde = qde.replace('endPosition="31"', 'endPosition="9999"')  # the ferry notice's claim
    assert 'endPosition="9999"' in qde
    before = snapshot(library.folder)
    with pytest.raises(Exception, match="outside its text"):
        _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files))
    assert snapshot(library.folder) == before


def test_the_command_line_imports_a_project_and_reports(cli, foreign, library_dir):
    result = cli("import", str(foreign))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("REFI-QDA project: 4 anchored exactly, 0 fuzzy, 0 orphaned, "
                        "0 duplicate(s) skipped into 2 article(s)")
    assert any(line.startswith("added 2 article(s)") for line in lines)
    listed = json.loads(cli("annotations", "--json").stdout)
    assert {m["quote"] for m in listed} >= {"the cost would double by 2027", "dredging plan"}
    assert {m["author"] for m in listed} == {"Colin"}


def test_our_export_goes_round_and_back_through_the_command_line(cli, library_dir, tmp_path):
    library = Library.open(library_dir)
    add_sample(library, tmp_path / "src")
    assert cli("annotate", "tram", "--kind", "claim", "--quote", "wildly optimistic",
               "--speaker", "Dana Whitlock").exit_code == 0
    assert cli("export", "--all", "--format", "qdpx", "-o", str(tmp_path / "out.qdpx")).exit_code == 0
    assert cli("rm", "tram-extension-splits").exit_code == 0
    result = cli("import", str(tmp_path / "out.qdpx"), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["exact"] == 1 and report["added"] == ["tram-extension-splits"]
    (claim,) = json.loads(cli("annotations", "--json").stdout)
    assert (claim["quote"], claim["speaker"]) == ("wildly optimistic", "Dana Whitlock")


def test_users_in_braces_and_capitals_are_found(library, foreign):
    _import(library, foreign)
    assert USER.startswith("{")
    assert {m.author for m in library.all_annotations()} == {"Colin"}


def test_a_project_in_a_folder_inside_the_zip_is_read(library, tmp_path):
    qde, files = one_source_project(HARBOUR_TEXT, selection(SEL_COST, HARBOUR_TEXT,
                                                            "dredging plan", [CLAIM]))
    path = write_qdpx(tmp_path / "p.qdpx", qde, {f"Harbour/{k}": v for k, v in files.items()},
                      qde_name="Harbour/Harbour.qde")
    assert _import(library, path).exact == 1


def test_a_source_with_an_unknown_guid_form_still_comes_in(library, tmp_path):
    write_sample(tmp_path, "x.txt", "unused")
    qde, files = one_source_project(HARBOUR_TEXT, selection(SEL_COST, HARBOUR_TEXT,
                                                            "dredging plan", [CLAIM]))
    qde = qde.replace(f'guid="{HARBOUR}"', 'guid="source-1"')
    assert _import(library, write_qdpx(tmp_path / "p.qdpx", qde, files)).exact == 1


def test_a_new_article_whose_marks_cannot_be_written_is_removed_again(library, foreign):
    """All or nothing per article: the journal a commit needs is blocked by a file, so the
    marks cannot go in, and the article added for them goes too."""
    (library.folder / "journal").write_text("in the way", encoding="utf-8")
    with pytest.raises(LibraryError, match="cannot write"):
        _import(library, foreign)
    assert library.articles() == []
    assert not (library.folder / "articles" / "harbour-board-minutes").exists()


ACTOR_CODE = "0A1B2C3D-0000-4000-8000-000000000005"
SEL_BOARD = "08CBCED0-D736-44C8-8FD6-EB4D29FE46C9"
SEL_PEREIRA = "08CBCED0-D736-44C8-8FD6-EB4D29FE46CA"


def test_an_actor_code_on_a_passage_in_no_case_names_the_actor_by_its_words(cli, library, tmp_path):
    """QualCoder codes a mention with a code "Actor" and puts it in no Case: its words are
    the actor, the one the library knows by that name or alias, else a new one named by
    them, as marking the words here would make."""
    from annotations.model import Actor

    board = Actor(name="Valletta Harbour Board", type="organisation", aliases=["the harbour board"])
    library.save_actor(board)
    codes = codebook().replace("</Codes>", f'<Code guid="{ACTOR_CODE}" name="Actor" '
                                           'isCodable="true" color="#3060C0"/></Codes>')
    passages = (selection(SEL_BOARD, HARBOUR_TEXT, "The harbour board", [ACTOR_CODE])
                + selection(SEL_PEREIRA, HARBOUR_TEXT, "Councillor Ines Pereira", [ACTOR_CODE]))
    qde, files = one_source_project(HARBOUR_TEXT, passages, origin="QualCoder 3.5", codes=codes)
    path = write_qdpx(tmp_path / "mentions.qdpx", qde, files)
    done = cli("import", str(path))
    assert done.exit_code == 0, done.stderr
    library = Library.open(library.folder)
    marks = {m.exact: m for m in library.all_annotations()}
    assert {m.kind for m in marks.values()} == {"actor"}
    assert marks["The harbour board"].actor == board.id
    pereira = library.actor(marks["Councillor Ines Pereira"].actor)
    assert (pereira.name, pereira.type) == ("Councillor Ines Pereira", "person")
    listed = cli("actors").stdout
    assert "No actors yet" not in listed
    assert "Councillor Ines Pereira [person]: 1 mention(s)" in listed
    assert "Valletta Harbour Board (also the harbour board) [organisation]: 1 mention(s)" in listed
    assert cli("import", str(path)).exit_code == 0
    assert len(Library.open(library.folder).actors()) == 2
