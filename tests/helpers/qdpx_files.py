"""REFI-QDA projects for tests: real .qdpx zips as other QDA tools write them, crafted bad
ones, and a small reader written from the standard's rules alone (not glossator's).

The foreign project is written the way QualCoder, NVivo, MAXQDA and ATLAS.ti write theirs
(GUIDs in capitals or braces, a category that cannot be coded, a byte order mark on a
source file, CRLF line endings, a PDF and an audio source, a case that owns a passage).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tests.helpers.shared_data import SHARED

NS = "urn:QDA-XML:project:1.0"
Q = "{" + NS + "}"
XSD = SHARED / "refi-qda" / "Project.xsd"


def write_qdpx(path: Path, qde: str | bytes, files: dict[str, bytes] | None = None,
               qde_name: str = "project.qde") -> Path:
    """A real .qdpx: the project XML and the given members."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(qde_name, qde.encode("utf-8") if isinstance(qde, str) else qde)
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path


def project(body: str, origin: str = "QualCoder 3.6", namespace: str = NS) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{namespace}" '
            f'name="Harbour study" origin="{origin}">{body}</Project>')


# -- a project another tool wrote --------------------------------------------------------

HARBOUR_TEXT = (
    "The harbour board approved the dredging plan on Monday.\n"
    "Councillor Ines Pereira said the cost would double by 2027.\n"
    "Nobody has asked the fishermen what they think.\n"
)
FERRY_TEXT = "The ferry subsidy ends in March, the minister confirmed."

USER = "{5C94BC9E-DB8C-4F1D-9CD6-E900C7440860}"
THEMES = "0A1B2C3D-0000-4000-8000-000000000001"
FUNDING = "0A1B2C3D-0000-4000-8000-000000000002"
PUBLIC = "0A1B2C3D-0000-4000-8000-000000000003"
CLAIM = "0A1B2C3D-0000-4000-8000-000000000004"
HARBOUR = "8E7FDDFE-DB36-48DC-B464-80C3A4DECD90"
FERRY = "8E7FDDFE-DB36-48DC-B464-80C3A4DECD91"
PEREIRA = "4A463C0D-9263-494A-81D6-E9D5A229F227"
SEL_COST = "08CBCED0-D736-44C8-8FD6-EB4D29FE46C5"
SEL_FISHERMEN = "08CBCED0-D736-44C8-8FD6-EB4D29FE46C6"
SEL_FERRY = "08CBCED0-D736-44C8-8FD6-EB4D29FE46C7"
SEL_MEMO = "08CBCED0-D736-44C8-8FD6-EB4D29FE46C8"


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def selection(guid: str, text: str, words: str, codes: list[str], description: str = "",
              extra: str = "") -> str:
    start, end = span(text, words)
    codings = "".join(f'<Coding guid="{guid[:-4]}{i:04d}" creatingUser="{USER}">'
                      f'<CodeRef targetGUID="{code}"/></Coding>' for i, code in enumerate(codes))
    described = f"<Description>{description}</Description>" if description else ""
    return (f'<PlainTextSelection guid="{guid}" name="{words[:20]}" startPosition="{start}" '
            f'endPosition="{end}" creatingUser="{USER}" creationDateTime="2025-03-09T23:19:07Z">'
            f"{described}{codings}{extra}</PlainTextSelection>")


def codebook() -> str:
    return (f'<CodeBook><Codes>'
            f'<Code guid="{THEMES}" name="Themes" isCodable="false">'
            f'<Code guid="{FUNDING}" name="Funding" isCodable="true" color="#D08050">'
            f'<Description>Who pays</Description>'
            f'<Code guid="{PUBLIC}" name="public money" isCodable="true" color="#abc"/></Code></Code>'
            f'<Code guid="{CLAIM}" name="Claim" isCodable="true" color="#E0A030"/>'
            f'</Codes></CodeBook>')


def foreign_project(origin: str = "QualCoder 3.6") -> tuple[str, dict[str, bytes]]:
    """A QualCoder-like project: a codebook with a category, two text sources (a file with
    a byte order mark, and inline text), a case owning a passage, a PDF and an audio source."""
    harbour = "".join((
        selection(SEL_COST, HARBOUR_TEXT, "the cost would double by 2027", [CLAIM, FUNDING],
                  "Check the board's figures"),
        selection(SEL_FISHERMEN, HARBOUR_TEXT, "Nobody has asked the fishermen", [PUBLIC]),
        selection(SEL_MEMO, HARBOUR_TEXT, "dredging plan", [], "A memo, no code"),
    ))
    ferry = selection(SEL_FERRY, FERRY_TEXT, "The ferry subsidy ends in March", [CLAIM])
    body = (
        f'<Users><User guid="{USER}" name="Colin"/></Users>{codebook()}'
        f'<Cases><Case guid="{PEREIRA}" name="Ines Pereira"><Description>Harbour councillor'
        f'</Description><SelectionRef targetGUID="{SEL_COST}"/></Case></Cases>'
        f'<Sources>'
        f'<TextSource guid="{HARBOUR}" name="Harbour board minutes.txt" '
        f'plainTextPath="internal://{HARBOUR}.txt" creatingUser="{USER}" '
        f'creationDateTime="2025-03-01T10:00:00Z">{harbour}</TextSource>'
        f'<TextSource guid="{FERRY}" name="Ferry notice"><PlainTextContent>{FERRY_TEXT}'
        f'</PlainTextContent>{ferry}</TextSource>'
        f'<PDFSource guid="1B2C3D4E-0000-4000-8000-000000000001" name="Annual report.pdf" '
        f'path="internal://1B2C3D4E-0000-4000-8000-000000000001.pdf"/>'
        f'<AudioSource guid="1B2C3D4E-0000-4000-8000-000000000002" name="Interview 1.m4a" '
        f'path="relative:///1B2C3D4E-0000-4000-8000-000000000002.m4a"/>'
        f'</Sources>'
    )
    # QualCoder writes its source files with a byte order mark (utf-8-sig).
    files = {f"sources/{HARBOUR}.txt": b"\xef\xbb\xbf" + HARBOUR_TEXT.encode("utf-8"),
             "sources/1B2C3D4E-0000-4000-8000-000000000001.pdf": b"%PDF-1.4 not really"}
    return project(body, origin), files


def one_source_project(text: str, selections: str, *, origin: str = "QualCoder 3.6",
                       codes: str | None = None, path: str | None = None,
                       file: bytes | None = None, name: str = "Minutes") -> tuple[str, dict[str, bytes]]:
    """A project with one text source at `path` (internal by default) holding `file`."""
    where = path or f"internal://{HARBOUR}.txt"
    body = (f'<Users><User guid="{USER}" name="Colin"/></Users>{codes or codebook()}'
            f'<Sources><TextSource guid="{HARBOUR}" name="{name}" plainTextPath="{where}">'
            f'{selections}</TextSource></Sources>')
    files = {} if path else {f"sources/{HARBOUR}.txt": file if file is not None else text.encode()}
    return project(body, origin), files


# -- reading a project by the standard's rules alone ---------------------------------------

@dataclass
class SpecSelection:
    source: str
    """The source's name."""
    guid: str
    start: int
    end: int
    words: str
    """`text[start:end]` of the source's text file."""
    codes: list[str]
    """The names of its codes, the whole path: `actor/government`."""
    description: str
    user: str


@dataclass
class SpecProject:
    root: etree._Element
    qde: bytes
    texts: dict[str, bytes] = field(default_factory=dict)
    """Source name → the bytes of its text file."""
    selections: list[SpecSelection] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    """Code GUID → the whole path of names."""


def spec_read(path: Path) -> SpecProject:
    """Read a .qdpx as the REFI-QDA standard describes it: the zip's one `.qde`, codes by
    GUID, each TextSource's text at `internal://NAME` in `sources/`, each selection's words
    at its start and end (code points, end exclusive), each Coding's first child a CodeRef."""
    with zipfile.ZipFile(path) as archive:
        qdes = [n for n in archive.namelist() if n.endswith(".qde")]
        assert len(qdes) == 1, qdes
        qde = archive.read(qdes[0])
        root = etree.fromstring(qde)
        found = SpecProject(root, qde)

        def codes(element: etree._Element, parents: list[str]) -> None:
            for code in element.findall(f"{Q}Code"):
                names = [*parents, code.get("name")]
                found.codes[code.get("guid")] = "/".join(names)
                codes(code, names)

        for book in root.iter(f"{Q}Codes"):
            codes(book, [])
        users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
        for source in root.find(f"{Q}Sources").findall(f"{Q}TextSource"):
            where = source.get("plainTextPath")
            assert where.startswith("internal://"), where
            data = archive.read("sources/" + where[len("internal://"):])
            found.texts[source.get("name")] = data
            text = data.decode("utf-8")
            for chosen in source.findall(f"{Q}PlainTextSelection"):
                start, end = int(chosen.get("startPosition")), int(chosen.get("endPosition"))
                names = []
                for coding in chosen.findall(f"{Q}Coding"):
                    first = coding[0]
                    assert first.tag == f"{Q}CodeRef"
                    names.append(found.codes[first.get("targetGUID")])
                described = chosen.find(f"{Q}Description")
                found.selections.append(SpecSelection(
                    source.get("name"), chosen.get("guid"), start, end, text[start:end], names,
                    described.text if described is not None else "",
                    users.get(chosen.get("creatingUser"), "")))
    return found


def schema_errors(qde: bytes) -> list[str]:
    """What the published Project.xsd finds wrong with `qde` (nothing, for a valid one)."""
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    if schema.validate(etree.fromstring(qde)):
        return []
    return [str(e) for e in schema.error_log]
