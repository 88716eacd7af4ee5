"""Word documents: headings, emphasis, lists, tables and footnotes come through in order;
title and author from the core properties when they are the writer's; every bad file is
refused with one line. The files are built here with python-docx; their text is invented."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from annotations.store import Library
from reader.cli.adding import add_source
from reader.document.cache import load_document
from reader.document.model import HEADING, LIST_ITEM, TABLE_ROW
from reader.importing import import_source
from tests.helpers.docx_files import (
    REPORT_NOTES,
    compound_file,
    field_report,
    rewrite_member,
    write_docx,
)
from tests.helpers.epubs import patch_entry_count
from tests.helpers.library import add_sample, snapshot
from tests.test_bad_input import assert_refused


def report(tmp_path: Path, **properties) -> Path:
    properties.setdefault("footnotes", REPORT_NOTES)
    return write_docx(tmp_path / "wetland-survey.docx", field_report, **properties)


def test_a_report_keeps_headings_emphasis_lists_table_and_footnotes_in_order(tmp_path):
    article = import_source(str(report(tmp_path, title="Wetland survey 2024", author="Ines Varga")))
    assert article.format == "markdown"
    body = article.body
    order = ["# Wetland Survey of the Lower Brenna", "# Summary", "fell by **a third**",
             "# Method", "on *four mornings* in May", "- Transects walked at low tide",
             "## Counts by site", "| Site | 2019 | 2024 |", "| North marsh | 31 | 22 |",
             "The drop is steepest", "## Notes", "1. Counts by the Brenna Wader Group",
             "2. Weather on the fourth morning was poor."]
    positions = [body.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert "reports.\\[1\\]" in body and "May.\\[2\\]" in body  # references stay readable
    assert "↑" not in body  # mammoth's back-links are gone


def test_the_document_model_shows_the_structure(library, tmp_path):
    added = add_source(library, str(report(tmp_path, author="Ines Varga"))).article
    document = load_document(library, added)
    kinds = {(b.kind, document.text[b.start:b.end]) for b in document.blocks}
    assert (HEADING, "Counts by site") in kinds
    assert (LIST_ITEM, "Nests marked but not visited") in kinds
    assert (TABLE_ROW, "North marsh | 31 | 22") in kinds
    assert "survey team reports.[1]" in document.text
    styled = {(s.style, document.text[s.start:s.end]) for s in document.spans}
    assert ("strong", "a third") in styled and ("em", "four mornings") in styled


def test_title_and_author_come_from_the_core_properties(tmp_path):
    article = import_source(str(report(tmp_path, title="Wetland survey 2024",
                                       author="Ines Varga; Tomas Rehn")))
    assert (article.title, article.authors) == ("Wetland survey 2024", ["Ines Varga", "Tomas Rehn"])
    assert article.published == ""  # a file's save date is not a publication date


@pytest.mark.parametrize("title,author", [("", "python-docx"), ("Microsoft Word - draft3.docx", ""),
                                          ("Document1", "Microsoft Office User")])
def test_a_programs_default_properties_are_not_used(tmp_path, title, author):
    article = import_source(str(report(tmp_path, title=title, author=author)))
    assert (article.title, article.authors) == ("Wetland Survey of the Lower Brenna", [])


def test_without_headings_or_properties_the_first_line_is_the_title(tmp_path):
    path = write_docx(tmp_path / "minutes-may.docx",
                      lambda d: d.add_paragraph("The committee met at seven and agreed the budget."))
    assert import_source(str(path)).title == "The committee met at seven and agreed the budget."


def test_a_long_first_line_is_cut_to_a_titles_length(tmp_path):
    words = "The committee met at seven and agreed the budget for the hall roof " * 4
    path = write_docx(tmp_path / "minutes-may.docx", lambda d: d.add_paragraph(words))
    title = import_source(str(path)).title
    assert title.endswith("…") and len(title) <= 121 and words.startswith(title[:-1])


def test_a_title_styled_paragraph_is_the_title_when_the_properties_have_none(tmp_path):
    def build(document):
        document.add_paragraph("Minutes of the May meeting", style="Title")
        document.add_paragraph("The committee met at seven and agreed the budget.")

    path = write_docx(tmp_path / "minutes-may.docx", build)
    assert import_source(str(path)).title == "Minutes of the May meeting"


@pytest.mark.parametrize("login", ["jdoe", "user01", "m_okafor", "ines.varga"])
def test_a_login_name_is_not_the_author(tmp_path, login):
    assert import_source(str(report(tmp_path, author=login))).authors == []


def test_an_organisation_author_is_braced(tmp_path):
    article = import_source(str(report(tmp_path, author="Brenna Wetland Trust Council")))
    assert article.authors == ["{Brenna Wetland Trust Council}"]


def test_a_document_with_no_text_is_refused(tmp_path):
    path = write_docx(tmp_path / "blank.docx", lambda d: None)
    with pytest.raises(Exception, match="has no text"):
        import_source(str(path))


# -- bad files, through the command line ---------------------------------------------------


@pytest.fixture
def before(library_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    add_sample(Library.open(library_dir), tmp_path / "src")
    return snapshot(library_dir)


def _not_a_zip(path: Path) -> None:
    path.write_text("Plain words in a file called .docx\n", "utf-8")


def _no_document_xml(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<styles/>")
        archive.writestr("notes.txt", "not a Word file")


def _password_protected(path: Path) -> None:
    compound_file(path, ["EncryptionInfo", "EncryptedPackage"])


def _old_doc(path: Path) -> None:
    compound_file(path, ["WordDocument", "1Table", "SummaryInformation"])


def _entity_bomb(path: Path) -> None:
    write_docx(path, field_report)
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml").decode()
    bomb = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    rewrite_member(path, "word/document.xml", document.replace("?>", "?>" + bomb, 1).encode())


def _zip_bomb(path: Path) -> None:
    write_docx(path, field_report)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (30 * 1024 * 1024))


def _absurd_entry_count(path: Path) -> None:
    write_docx(path, field_report)
    patch_entry_count(path, 50000)


def _damaged_xml(path: Path) -> None:
    write_docx(path, field_report)
    rewrite_member(path, "word/document.xml", b"<?xml version='1.0'?><w:document><w:body>")


def _over_the_size_cap(path: Path) -> None:
    with open(path, "wb") as file:  # sparse: nothing really written
        file.truncate(200 * 1024 * 1024 + 1)


BAD_FILES = {
    "not a zip": (_not_a_zip, "not a zip archive"),
    "a zip without word/document.xml": (_no_document_xml, "no word/document.xml"),
    "a password-protected docx": (_password_protected, "password-protected"),
    "an old .doc renamed": (_old_doc, "old Word .doc file"),
    "an entity bomb": (_entity_bomb, "declares a DTD"),
    "a zip bomb": (_zip_bomb, "zip bomb"),
    "an absurd entry count": (_absurd_entry_count, "50,000 files"),
    "damaged XML": (_damaged_xml, "damaged Word document"),
    "a file over the size cap": (_over_the_size_cap, "over the 200 MB limit"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_docx_is_refused_with_one_line(cli, before, library_dir, tmp_path, case):
    make, words = BAD_FILES[case]
    path = tmp_path / "draft.docx"
    make(path)
    assert_refused(cli("add", str(path)), library_dir, before, words, str(path))


def test_a_protected_or_old_file_says_to_save_it_as_docx(tmp_path):
    for make in (_password_protected, _old_doc):
        path = tmp_path / f"{make.__name__}.docx"
        make(path)
        with pytest.raises(Exception, match=r"save it (again )?as \.docx"):
            import_source(str(path))
