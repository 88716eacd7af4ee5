"""Every bad REFI-QDA project, through the real CLI: one clear line, exit status 1, and
the library byte for byte as it was (nothing half-imported)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.helpers.epubs import patch_entry_count
from tests.helpers.qdpx_files import (
    CLAIM,
    HARBOUR,
    HARBOUR_TEXT,
    SEL_COST,
    foreign_project,
    one_source_project,
    project,
    selection,
    write_qdpx,
)
from tests.test_bad_input import assert_refused, populated  # noqa: F401  (a fixture)


def _good(path: Path) -> None:
    write_qdpx(path, *foreign_project())


def _with_qde(path: Path, qde: str | bytes) -> None:
    _, files = foreign_project()
    write_qdpx(path, qde, files)


def _invalid_xml(path: Path) -> None:
    qde, _ = foreign_project()
    _with_qde(path, qde.replace("</Sources>", "</Source>"))


def _missing_source_file(path: Path) -> None:
    qde, files = foreign_project()
    files.pop(f"sources/{HARBOUR}.txt")
    write_qdpx(path, qde, files)


def _zip_bomb(path: Path) -> None:
    _good(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sources/padding.txt", b"\0" * (30 * 1024 * 1024))


def _escaping_entry(path: Path) -> None:
    _good(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("../../x", b"planted")


def _newer_version(path: Path) -> None:
    qde, _ = foreign_project()
    _with_qde(path, qde.replace("urn:QDA-XML:project:1.0", "urn:QDA-XML:project:2.0"))


def _a_codebook(path: Path) -> None:
    _with_qde(path, '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
                    '<Codes/></CodeBook>')


def _not_a_project(path: Path) -> None:
    _with_qde(path, '<?xml version="1.0"?><html><body>hello</body></html>')


def _no_qde(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"sources/{HARBOUR}.txt", HARBOUR_TEXT)


def _two_qdes(path: Path) -> None:
    _good(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("backup.qde", foreign_project()[0])


def _entity_bomb(path: Path) -> None:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    qde = (f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY lol0 "lol">{lol}]>'
           + project("<Description>&lol9;</Description>").split("?>", 1)[1])
    _with_qde(path, qde)


def _external_entity(path: Path) -> None:
    qde = ('<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
           + project("<Description>&secret;</Description>").split("?>", 1)[1])
    _with_qde(path, qde)


def _offsets_outside(path: Path) -> None:
    chosen = (f'<PlainTextSelection guid="{SEL_COST}" startPosition="10" endPosition="90000">'
              f'<Coding guid="{SEL_COST[:-1]}9"><CodeRef targetGUID="{CLAIM}"/></Coding>'
              "</PlainTextSelection>")
    write_qdpx(path, *one_source_project(HARBOUR_TEXT, chosen))


def _offsets_not_numbers(path: Path) -> None:
    chosen = f'<PlainTextSelection guid="{SEL_COST}" startPosition="ten" endPosition="20"/>'
    write_qdpx(path, *one_source_project(HARBOUR_TEXT, chosen))


def _missing_code(path: Path) -> None:
    chosen = selection(SEL_COST, HARBOUR_TEXT, "dredging plan",
                       ["DEADBEEF-0000-4000-8000-000000000000"])
    write_qdpx(path, *one_source_project(HARBOUR_TEXT, chosen))


def _many_entries(path: Path) -> None:
    _good(path)
    patch_entry_count(path, 60000)


def _not_utf8(path: Path) -> None:
    text = "Le conseil a approuvé le dragage à l'unanimité."
    write_qdpx(path, *one_source_project(text, "", file=text.encode("latin-1")))


def _internal_path_escaping(path: Path) -> None:
    write_qdpx(path, *one_source_project("", "", path="internal://../../../etc/passwd"))


def _relative_path_escaping(path: Path) -> None:
    write_qdpx(path, *one_source_project("", "", path="relative://../../etc/passwd"))


def _not_a_zip(path: Path) -> None:
    path.write_text("this is not a project", encoding="utf-8")


def _lying_size(path: Path) -> None:
    from tests.helpers.epubs import patch_member_header

    _good(path)
    patch_member_header(path, f"sources/{HARBOUR}.txt", size=0xFFFFFFF0)  # 4 GB from 170 bytes


def _password(path: Path) -> None:
    from tests.helpers.epubs import patch_member_header

    _good(path)
    patch_member_header(path, "project.qde", flags=1)


BAD_PROJECTS = {
    "invalid XML in the .qde": (_invalid_xml, "not well-formed XML"),
    "a missing source file": (_missing_source_file, f"lacks sources/{HARBOUR}.txt"),
    "a zip bomb": (_zip_bomb, "zip bomb"),
    "an entry escaping the folder": (_escaping_entry, "'../../x'"),
    "a newer REFI-QDA version": (_newer_version, "format 2.0, newer than the 1.0"),
    "a codebook, not a project": (_a_codebook, "codebook, not a project"),
    "XML that is no project": (_not_a_project, "no REFI-QDA project"),
    "no .qde at all": (_no_qde, "no .qde project file"),
    "two .qde files": (_two_qdes, "2 .qde project files"),
    "entity expansion": (_entity_bomb, "declares XML entities, which no real REFI-QDA project needs"),
    "an external entity": (_external_entity, "declares XML entities"),
    "offsets outside the text": (_offsets_outside, "outside its text of 164 characters"),
    "offsets that are no numbers": (_offsets_not_numbers, "whole-number"),
    "a CodeRef to a missing code": (_missing_code, "DEADBEEF"),
    "a huge number of entries": (_many_entries, "60,000 files"),
    "non-UTF-8 source text": (_not_utf8, "not UTF-8"),
    "an internal path escaping": (_internal_path_escaping, "leaves the project's folder"),
    "a relative path escaping": (_relative_path_escaping, "leaves the project's folder"),
    "not a zip": (_not_a_zip, "not a zip archive"),
    "a source that claims 4 GB": (_lying_size, "times larger than it is stored"),
    "a password": (_password, "password"),
}


@pytest.mark.parametrize("case", BAD_PROJECTS)
def test_a_bad_project_is_refused_with_one_line(cli, populated, library_dir, tmp_path, case):  # noqa: F811
    make, words = BAD_PROJECTS[case]
    path = tmp_path / "project.qdpx"
    make(path)
    result = cli("import", str(path))
    assert_refused(result, library_dir, populated, str(path), words)


def test_the_good_project_these_are_made_from_imports(cli, populated, tmp_path):  # noqa: F811
    """The bad projects above differ from this one only by what makes them bad."""
    path = tmp_path / "project.qdpx"
    _good(path)
    assert cli("import", str(path)).exit_code == 0


def test_a_source_over_the_size_limit_says_what_to_do_in_a_qda_programs_words(cli, populated,  # noqa: F811
                                                                            library_dir, tmp_path,
                                                                            monkeypatch):
    """The limit is 64 MB; lowered here so that the test need not write that much."""
    from annotations.interchange.refi_qda import reading

    monkeypatch.setattr(reading, "SOURCE_LIMIT", 100)
    path = tmp_path / "project.qdpx"
    _good(path)
    result = cli("import", str(path))
    assert_refused(result, library_dir, populated, str(path),
                   "glossator reads of one part; split the source into several in the QDA "
                   "program, or export the project without it")
