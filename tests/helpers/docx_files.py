"""Real Word files for tests: python-docx builds them; footnotes, which python-docx cannot
write, are added to the package afterwards as Word itself stores them. Also the
compound files (OLE) that a password-protected .docx or an old .doc really are."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
NOTE_MARK = re.compile(r"\[\[note(\d+)\]\]")
"""Written in a paragraph's text where a footnote reference goes: "[[note1]]"."""


def write_docx(path: Path, build: Callable, *, title: str = "", author: str = "",
               footnotes: dict[int, str] | None = None) -> Path:
    """A .docx that `build(document)` fills; `footnotes` are the texts of the [[noteN]] marks."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    build(document)
    document.save(str(path))
    if footnotes:
        add_footnotes(path, footnotes)
    return path


def add_footnotes(path: Path, notes: dict[int, str]) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    document = members["word/document.xml"].decode()
    reference = (r'</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                 r'<w:footnoteReference w:id="\1"/></w:r><w:r><w:t xml:space="preserve">')
    members["word/document.xml"] = NOTE_MARK.sub(reference, document).encode()
    members["word/footnotes.xml"] = footnotes_xml(notes).encode()
    rels = members["word/_rels/document.xml.rels"].decode()
    members["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdNotes" Type="{FOOTNOTES_TYPE}" Target="footnotes.xml"/></Relationships>',
    ).encode()
    types = members["[Content_Types].xml"].decode()
    members["[Content_Types].xml"] = types.replace(
        "</Types>",
        f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CONTENT}"/></Types>',
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def footnotes_xml(notes: dict[int, str]) -> str:
    separators = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                  '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                  '<w:continuationSeparator/></w:r></w:p></w:footnote>')
    body = "".join(f'<w:footnote w:id="{number}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t>'
                   f'</w:r></w:p></w:footnote>' for number, text in notes.items())
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{W_NS}">{separators}{body}</w:footnotes>')


def rewrite_member(path: Path, name: str, data: bytes | None) -> None:
    """Replace (or, with None, remove) one member of a zip archive."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    if data is None:
        members.pop(name, None)
    else:
        members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)


def field_report(document) -> None:
    """An invented report: title, headings, emphasis, lists, a table and two footnotes."""
    document.add_paragraph("Wetland Survey of the Lower Brenna", style="Title")
    document.add_heading("Summary", level=1)
    paragraph = document.add_paragraph("Breeding pairs of redshank fell by ")
    paragraph.add_run("a third").bold = True
    paragraph.add_run(" since the 2019 count, the survey team reports.[[note1]]")
    document.add_heading("Method", level=1)
    document.add_paragraph("Counts were made on ")
    document.paragraphs[-1].add_run("four mornings").italic = True
    document.paragraphs[-1].add_run(" in May.[[note2]]")
    document.add_paragraph("Transects walked at low tide", style="List Bullet")
    document.add_paragraph("Nests marked but not visited", style="List Bullet")
    document.add_heading("Counts by site", level=2)
    table = document.add_table(rows=3, cols=3)
    for row, values in enumerate([("Site", "2019", "2024"), ("North marsh", "31", "22"),
                                  ("Reed bed", "14", "9")]):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    document.add_paragraph("The drop is steepest where grazing stopped.")


REPORT_NOTES = {1: "Counts by the Brenna Wader Group, unpublished.",
                2: "Weather on the fourth morning was poor."}


# -- compound files (OLE) ----------------------------------------------------------------

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def compound_file(path: Path, streams: list[str]) -> Path:
    """A minimal, well-formed compound file holding empty streams named `streams`: what
    Word writes for an encrypted .docx ("EncryptionInfo", "EncryptedPackage") or a .doc
    ("WordDocument", "1Table")."""
    header = b"".join([
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16),
        struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6), bytes(6),
        struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0),
        struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108,
    ])
    fat = struct.pack("<II", _FAT, _END) + struct.pack("<I", _FREE) * 126
    entries = [_directory_entry("Root Entry", 5, child=1 if streams else _FREE)]
    for i, name in enumerate(streams, start=1):
        right = i + 1 if i < len(streams) else _FREE
        entries.append(_directory_entry(name, 2, right=right))
    while len(entries) % 4:
        entries.append(bytes(128))
    path.write_bytes(header + fat + b"".join(entries))
    return path


def _directory_entry(name: str, kind: int, child: int = _FREE, right: int = _FREE) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return b"".join([
        encoded.ljust(64, b"\0"), struct.pack("<HBB", len(encoded), kind, 1),
        struct.pack("<III", _FREE, right, child), bytes(16), bytes(4), bytes(16),
        struct.pack("<IQ", _END, 0),
    ])
