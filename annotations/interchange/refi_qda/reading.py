"""Reading a .qdpx safely and whole, before anything is imported: `read_project`.

A project is a zip anyone can craft. It is opened through annotations/zipsafe (entry
count, sizes and ratios checked before a byte is unpacked; members read with byte
limits; XML without entities), refused if any member's name leaves the archive, and then
read completely: every source's text, every selection's offsets, every CodeRef. Anything
wrong is one clear error, raised before the library is touched.

Where a source's text is (the standard's three kinds of path):
- `internal://NAME`: the member `sources/NAME` of the zip (`Sources/` too, as NVivo names it);
- `relative://PATH`: PATH relative to the Project's `basePath` when that folder exists on
  this machine and holds the file (a project exported here, its sources where they were),
  else relative to the folder holding the .qdpx (a project sent with its sources beside
  it). A text read from the basePath is named in the report: the user sees which file
  outside the .qdpx's folder the project made glossator read;
- `absolute://PATH`: read only when it lies inside one of those two folders; a file
  anywhere else on this machine is not read on a project's say-so, and the source is
  listed as skipped.
A path that climbs out (`..`) is refused as unsafe.

Line endings: offsets count code points of the source's text, and tools disagree on a
CRLF. NVivo counts it as two (QualCoder reads other tools' CRLF files so); ATLAS.ti
counts it as one, and so does MAXQDA (QualCoder's export for MAXQDA writes CRLF files
with its LF offsets unchanged). The text is kept with line feeds only and the offsets
moved to match.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from annotations.errors import SourceError
from annotations.interchange.refi_qda.codes import rgb_colour, tag_name
from annotations.interchange.refi_qda.guids import plain_guid
from annotations.interchange.refi_qda.parsed import Case, Code, Note, Project, Selection, Source
from annotations.zipsafe import MAX_MEMBER_BYTES, escaping_member, open_zip, parse_xml, read_member

KNOWN_VERSION = (1, 0)
PROJECT_NAMESPACE = re.compile(r"urn:QDA-XML:(project|codebook):(.+)")
QDE_LIMIT = 256 * 1024 * 1024
"""The project XML of a 50,000-mark library is about 30 MB; a thousand articles more is
fine, and a gigabyte of XML is no project."""
SOURCE_LIMIT = MAX_MEMBER_BYTES
REMEDY = "export it again from the QDA program as a REFI-QDA project (.qdpx)"
QDE_REMEDY = "export fewer sources at a time from the QDA program, as several projects"
SOURCE_REMEDY = ("split the source into several in the QDA program, or export the project "
                 "without it")
NOTE_REMEDY = "shorten the note in the QDA program, or export the project without it"
COUNT_CRLF_AS_ONE = ("ATLAS", "MAXQDA")
"""Tools (by the project's `origin`) whose offsets count a CRLF as one character."""
NOT_TEXT = {"PDFSource": "PDF", "PictureSource": "picture", "AudioSource": "audio",
            "VideoSource": "video"}


def read_project(path: Path) -> Project:
    """The project in the .qdpx at `path`, read and checked whole."""
    with open_zip(path, "REFI-QDA project", REMEDY) as archive:
        escaping = escaping_member(archive)
        if escaping is not None:
            raise SourceError(f"{path} holds a file named {escaping!r}, a path that leaves the "
                              "project's folder; it is refused as unsafe")
        qde = _project_file(archive, path)
        where = f"{path} ({qde})"
        root = parse_xml(read_member(archive, qde, path, QDE_LIMIT, QDE_REMEDY), where,
                         "REFI-QDA project")
        return _Reader(archive, path, qde, _namespace(root, where)).project(root)


def _project_file(archive: zipfile.ZipFile, path: Path) -> str:
    found = [n for n in archive.namelist() if n.lower().endswith(".qde") and not n.endswith("/")]
    if not found:
        raise SourceError(f"{path} holds no .qde project file, so it is no REFI-QDA project; "
                          f"{REMEDY}")
    if len(found) > 1:
        names = ", ".join(sorted(found)[:3]) + (", …" if len(found) > 3 else "")
        raise SourceError(f"{path} holds {len(found)} .qde project files ({names}) where a "
                          f"project has one; {REMEDY}")
    return found[0]


def _namespace(root: Element, where: str) -> str:
    """The root's namespace, once it is a REFI-QDA project of a version we know."""
    uri, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
    found = PROJECT_NAMESPACE.fullmatch(uri)
    if not found or local != "Project":
        if found and found.group(1) == "codebook":
            raise SourceError(f"{where} is a REFI-QDA codebook, not a project; glossator "
                              "imports projects (.qdpx)")
        shown = f"{{{uri}}}{local}" if uri else local
        raise SourceError(f"{where} is no REFI-QDA project (its root element is {shown}, "
                          f"not Project in urn:QDA-XML:project:1.0); {REMEDY}")
    version = found.group(2)
    if _version(version) > KNOWN_VERSION:
        raise SourceError(f"{where} is written in REFI-QDA project format {version}, newer than "
                          "the 1.0 glossator reads; export it from the QDA program as REFI-QDA "
                          "1.0, or upgrade glossator")
    return "{" + uri + "}"


def _version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return (999,)  # no version we know how to read


def decoded(data: bytes, where: str) -> str:
    """A source file's text: UTF-8 (a byte order mark dropped), or UTF-16 with its mark."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(f"{where} is not UTF-8 text (byte 0x{data[error.start]:02x} at "
                          f"{error.start:,}); REFI-QDA sources are UTF-8: export the project "
                          "again") from None


def lf_text(raw: str, crlf_counts_two: bool) -> tuple[str, Callable[[int], int], int]:
    """The text with line feeds only; a function moving an offset of the other tool's into
    it; and how long the text the other tool counted in is."""
    if "\r" not in raw:
        return raw, _same, len(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not crlf_counts_two:
        return text, _same, len(text)
    pairs = [m.start() for m in re.finditer("\r\n", raw)]
    return text, lambda offset: offset - bisect_left(pairs, offset), len(raw)


def _same(offset: int) -> int:
    return offset


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, path: Path, qde: str, namespace: str) -> None:
        self.archive = archive
        self.path = path
        self.where = f"{path} ({qde})"
        self.ns = namespace
        self.folder = qde.rpartition("/")[0] + "/" if "/" in qde else ""
        self.members = {n.lower(): n for n in archive.namelist() if not n.endswith("/")}
        self.result = Project()

    def children(self, element: Element, name: str) -> list[Element]:
        tag = self.ns + name
        return [child for child in element if child.tag == tag]

    def child_text(self, element: Element, name: str) -> str:
        found = self.children(element, name)
        return (found[0].text or "") if found else ""

    def project(self, root: Element) -> Project:
        self.result.origin = root.get("origin") or ""
        self.base_path = _base_folder(root.get("basePath") or "")
        for users in self.children(root, "Users"):
            for user in self.children(users, "User"):
                self.result.users[_guid(user.get("guid"))] = user.get("name") or ""
        for book in self.children(root, "CodeBook"):
            for codes in self.children(book, "Codes"):
                for code in self.children(codes, "Code"):
                    self.code(code, [])
        variables = {_guid(v.get("guid")): v.get("name") or ""
                     for group in self.children(root, "Variables")
                     for v in self.children(group, "Variable")}
        for cases in self.children(root, "Cases"):
            for case in self.children(cases, "Case"):
                self.case(case, variables)
        for notes in self.children(root, "Notes"):
            for note in self.children(notes, "Note"):
                self.note(note)
        for sources in self.children(root, "Sources"):
            for source in sources:
                self.source(source)
        return self.result

    # -- codebook, cases, notes ------------------------------------------------------------

    def code(self, element: Element, path: list[str]) -> None:
        path = [*path, element.get("name") or ""]
        guid = _guid(element.get("guid"))
        self.result.codes[guid] = Code(guid, tag_name(path), element.get("isCodable") != "false",
                                       rgb_colour(element.get("color") or ""),
                                       self.child_text(element, "Description"))
        for child in self.children(element, "Code"):
            self.code(child, path)

    def case(self, element: Element, variables: dict[str, str]) -> None:
        if element.get("name") is None:
            return  # MAXQDA's and Quirkos' way to give a source variables: no actor
        guid = _guid(element.get("guid"))
        case = Case(guid, " ".join(element.get("name", "").split()),
                    self.child_text(element, "Description"))
        for value in self.children(element, "VariableValue"):
            refs = self.children(value, "VariableRef")
            name = variables.get(_guid(refs[0].get("targetGUID")), "") if refs else ""
            given = [c for c in value if c.tag != self.ns + "VariableRef"]
            if name and given:
                case.values[name] = given[0].text or ""
        case.selections = [_guid(r.get("targetGUID")) for r in self.children(element, "SelectionRef")]
        self.result.cases[guid] = case

    def note(self, element: Element) -> None:
        guid = _guid(element.get("guid"))
        content = self.children(element, "PlainTextContent")
        text = (content[0].text or "") if content else ""
        where = element.get("plainTextPath")
        if not content and where and where.startswith("internal://"):
            member = self.internal_member(where, f"note {element.get('name') or guid}",
                                          required=False)
            if member:
                text = decoded(read_member(self.archive, member, self.path, SOURCE_LIMIT,
                                           NOTE_REMEDY), f"{self.path} ({member})")
        self.result.notes[guid] = Note(guid, element.get("name") or "", text,
                                       _guid(element.get("creatingUser") or element.get("modifyingUser")),
                                       element.get("creationDateTime") or
                                       element.get("modifiedDateTime") or "")

    # -- sources ---------------------------------------------------------------------------

    def source(self, element: Element) -> None:
        local = element.tag[len(self.ns):] if element.tag.startswith(self.ns) else element.tag
        name = element.get("name") or "untitled source"
        if local in NOT_TEXT:
            self.result.skipped.append(f"skipped the {NOT_TEXT[local]} source {name!r}: glossator "
                                       "imports text sources only")
            return
        if local != "TextSource":
            return
        raw = self.source_text(element, name)
        if raw is None:
            return
        counts_two = not any(tool in self.result.origin.upper() for tool in COUNT_CRLF_AS_ONE)
        text, moved, length = lf_text(raw, counts_two)
        source = Source(_guid(element.get("guid")), name, text)
        for selection in self.children(element, "PlainTextSelection"):
            source.selections.append(self.selection(selection, source, moved, length))
        whole = len(self.children(element, "Coding"))
        if whole:
            self.result.skipped.append(f"skipped {whole} coding(s) of the whole source {name!r}: "
                                       "glossator marks passages, not whole articles")
        source.notes = [_guid(r.get("targetGUID")) for r in self.children(element, "NoteRef")]
        self.result.sources.append(source)

    def selection(self, element: Element, source: Source, moved: Callable[[int], int],
                  length: int) -> Selection:
        guid = _guid(element.get("guid"))
        try:
            start, end = int(element.get("startPosition", "")), int(element.get("endPosition", ""))
        except ValueError:
            raise SourceError(f"{self.where}: selection {guid} of source {source.name!r} has no "
                              f"whole-number start and end positions; the project is damaged") from None
        if not 0 <= start <= end <= length:
            raise SourceError(f"{self.where}: selection {guid} of source {source.name!r} runs from "
                              f"{start:,} to {end:,}, outside its text of {length:,} characters; "
                              "the project is damaged")
        found = Selection(guid, moved(start), moved(end), self.child_text(element, "Description"),
                          user=_guid(element.get("creatingUser") or element.get("modifyingUser")),
                          created=element.get("creationDateTime") or "",
                          modified=element.get("modifiedDateTime") or "",
                          modifying_user=_guid(element.get("modifyingUser")))
        for coding in self.children(element, "Coding"):
            self.coding(coding, found, source)
        found.notes += [_guid(r.get("targetGUID")) for r in self.children(element, "NoteRef")]
        return found

    def coding(self, element: Element, selection: Selection, source: Source) -> None:
        refs = self.children(element, "CodeRef")
        written = refs[0].get("targetGUID") if refs else None
        target = _guid(written)
        if target in self.result.cases:
            # ATLAS.ti codes a case's passages with a code that shares the case's GUID.
            self.result.cases[target].selections.append(selection.guid)
        elif target in self.result.codes:
            selection.codes.append(target)
        else:
            raise SourceError(f"{self.where}: a coding in source {source.name!r} refers to code "
                              f"{written or '(none)'}, which the project's codebook does not "
                              "have; the project is damaged")
        selection.notes += [_guid(r.get("targetGUID")) for r in self.children(element, "NoteRef")]

    def source_text(self, element: Element, name: str) -> str | None:
        """The source's text; None (and a line in `skipped`) when it is not to be read."""
        where = element.get("plainTextPath")
        if where:
            return self.path_text(where, name)
        content = self.children(element, "PlainTextContent")
        if content:
            return content[0].text or ""
        self.result.skipped.append(f"skipped the source {name!r}: it has no plain text (only a "
                                   "rich-text file); export it as plain text from the QDA program")
        return None

    def path_text(self, where: str, name: str) -> str | None:
        scheme, _, rest = where.partition("://")
        scheme = scheme.lower()
        if scheme == "internal":
            member = self.internal_member(where, f"source {name!r}", required=True)
            data = read_member(self.archive, member, self.path, SOURCE_LIMIT, SOURCE_REMEDY)
            return decoded(data, f"{self.path} ({member})")
        if scheme in ("relative", "absolute"):
            file = self.outside_file(scheme, rest, name)
            if file is None:
                return None
            if file.stat().st_size > SOURCE_LIMIT:
                raise SourceError(f"{file}, the text of source {name!r}, is over the "
                                  f"{SOURCE_LIMIT // 1024 // 1024} MB glossator reads of one "
                                  f"source; {SOURCE_REMEDY}")
            return decoded(file.read_bytes(), str(file))
        self.result.skipped.append(f"skipped the source {name!r}: its text is at {where!r}, "
                                   "a kind of path glossator does not read")
        return None

    def internal_member(self, where: str, what: str, required: bool) -> str | None:
        name = where.partition("://")[2].lstrip("/")
        if _climbs(name):
            raise SourceError(f"{self.where}: the {what} is at {where!r}, a path that leaves the "
                              "project's folder; it is refused as unsafe")
        for candidate in (f"{self.folder}sources/{name}", f"{self.folder}{name}"):
            found = self.members.get(candidate.lower())
            if found:
                return found
        if not required:
            return None
        raise SourceError(f"{self.path} lacks sources/{name}, the text of the {what}; the "
                          f"project is incomplete: {REMEDY}")

    def outside_file(self, scheme: str, rest: str, name: str) -> Path | None:
        """A relative:// or absolute:// source's file, when it may be read."""
        beside = self.path.resolve().parent
        if scheme == "relative":
            return self.relative_file(rest, name, beside)
        file = Path(rest).resolve()
        if self.in_base_path(file, beside, name):
            return file
        if not file.is_relative_to(beside):
            self.result.skipped.append(
                f"skipped the source {name!r}: its text is a file outside the project's folder "
                f"({rest!r}), which glossator does not read; put the file beside the .qdpx, or "
                "export the project with its sources inside it")
            return None
        if not file.is_file():
            raise SourceError(f"{file}, the text of source {name!r}, does not exist; the project "
                              "is incomplete: put its sources beside it, or " + REMEDY)
        return file

    def relative_file(self, rest: str, name: str, beside: Path) -> Path:
        """A relative:// source's file: in the project's basePath, else beside the .qdpx."""
        relative = rest.lstrip("/")
        if _climbs(relative):
            raise SourceError(f"{self.where}: the source {name!r} is at {'relative://' + rest!r}, "
                              "a path that leaves the project's folder; it is refused as unsafe")
        bases = [b for b in (self.base_path, beside) if b is not None]
        for base in dict.fromkeys(bases):
            file = (base / relative).resolve()
            if not file.is_relative_to(base):
                raise SourceError(f"{self.where}: the source {name!r} is at "
                                  f"{'relative://' + rest!r}, which leads out of the project's "
                                  "folder; it is refused as unsafe")
            if base == beside and file.is_file() or self.in_base_path(file, beside, name):
                return file
        looked = " or ".join(str(b) for b in dict.fromkeys(bases))
        raise SourceError(f"{relative!r}, the text of source {name!r}, is not in {looked}; the "
                          "project is incomplete: put its sources beside it, or " + REMEDY)

    def in_base_path(self, file: Path, beside: Path, name: str) -> bool:
        """Whether `file` may be read from the project's basePath (and is noted if so): a
        file in it, outside the .qdpx's folder, and in no hidden folder (`~/.ssh`), whose
        files no QDA project's sources are."""
        base = self.base_path
        if base is None or not file.is_relative_to(base) or file.is_relative_to(beside):
            return False
        if any(part.startswith(".") for part in file.parts) or not file.is_file():
            return False
        self.result.read_outside.append(f"read the text of source {name!r} from "
                                        f"{file}, in the folder the project names as its basePath")
        return True


def _base_folder(base_path: str) -> Path | None:
    """The Project's basePath as a folder of this machine, or None when it is none here
    (a Windows path read on Linux, a folder of the machine the project was made on)."""
    written = base_path.strip()
    if written.lower().startswith("file://"):
        written = written[len("file://"):]
    if not written:
        return None
    try:
        folder = Path(written).expanduser()
        return folder.resolve() if folder.is_absolute() and folder.is_dir() else None
    except (OSError, ValueError, RuntimeError):
        return None


def _guid(value: str | None) -> str:
    return plain_guid(value) or (value or "").strip()


def _climbs(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return ".." in parts or name.startswith(("/", "\\")) or (":" in (parts[0] if parts else ""))
