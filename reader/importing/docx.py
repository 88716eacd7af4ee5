"""Word documents (.docx): mammoth (BSD-2) to HTML, then clean_html to Markdown.

mammoth turns Word's styles into structure (Heading 1… into headings, list paragraphs
into lists, tables, footnotes and endnotes into a numbered list at the end), and leaves
out what is only appearance (fonts, colours, spacing). The core properties give the
title and the author when they are the writer's, not a program's default ("python-docx",
"Microsoft Office User") or a login ("jdoe"). Without a title there, the first heading
(or Title-styled paragraph) is the title, else the first line.

Their created and modified dates are not used as the publication date: they are when the
file was made or last saved (a template's "2013-12-23", a copy's today), and a wrong
year in a citation is worse than none; `--date` sets it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from annotations.errors import SourceError
from annotations.zipsafe import has_member, local_name, member_start, open_zip, parse_xml, read_member
from reader.importing.article_source import ImportedArticle
from reader.importing.sources import MAX_DOCUMENT_BYTES, check_source_file

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""A compound file: an old .doc, or a .docx that Word encrypted with a password."""
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""
"""Added to mammoth's defaults: Word's Title style is the document's first heading."""
PROGRAM_NAMES = re.compile(
    r"^(?:python-docx|docx4j|aspose\b.*|apache poi|openxml.*|microsoft office user|"
    r"windows user|user|admin|administrator|author|owner|unknown|[a-z]+\.docx?)$", re.I)
_DEFAULT_TITLE = re.compile(r"^(?:microsoft word - .*|document\d*|untitled.*|title|.*\.docx?)$", re.I)
_ANY_HEADING = re.compile(r"^#{1,6}[ \t]+\S.*$", re.M)
_REMEDY = "open it in Word or LibreOffice and save it again as .docx"


def import_docx(path: Path) -> ImportedArticle:
    check_source_file(path, MAX_DOCUMENT_BYTES)
    refuse_compound_file(path)
    with open_zip(path, "Word file", _REMEDY) as archive:
        if not has_member(archive, DOCUMENT):
            raise SourceError(f"{path} is a zip archive but not a Word document (it has no "
                              f"{DOCUMENT}); {_REMEDY}")
        refuse_entities(archive, path)
        title, authors = core_properties(archive, path)
    html = docx_html(path)
    from reader.importing.authors import clean_authors
    from reader.importing.clean_html import markdown_from_html

    body = markdown_from_html(html)
    if not body.strip():
        raise SourceError(f"{path} has no text (only images or empty pages?); glossator reads text")
    from reader.importing.pasted import first_line_title

    article = ImportedArticle(body=body, format="markdown", source=str(path.resolve()),
                              authors=clean_authors(authors))
    article.title = title or first_heading(body) or first_line_title(article) or path.stem
    return article


def refuse_compound_file(path: Path) -> None:
    """An OLE compound file named .docx: Word's password protection, or an old .doc."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(OLE_MAGIC)) != OLE_MAGIC:
                return
            encrypted = _holds(handle, _ENCRYPTED_STREAM)
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror}") from None
    if encrypted:
        raise SourceError(
            f"{path} is password-protected; open it in Word, remove the password "
            "(File > Info > Protect Document) and save it again as .docx"
        )
    raise SourceError(
        f"{path} is an old Word .doc file, not a .docx; open it in Word or LibreOffice and "
        "save it as .docx (Word Document)"
    )


def _holds(handle: io.BufferedReader, needle: bytes, chunk: int = 1024 * 1024) -> bool:
    """Whether the file holds `needle` (a stream's name in the compound file's directory)."""
    tail = b""
    while block := handle.read(chunk):
        if needle in tail + block:
            return True
        tail = block[-len(needle):]
    return False


def refuse_entities(archive: zipfile.ZipFile, path: Path) -> None:
    """mammoth parses the XML parts with minidom, which honours an internal DTD; Word never
    writes one, and a DOCTYPE can only come before the root element, so the start of
    each part is enough to tell."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")) or not info.file_size:
            continue
        start = member_start(archive, info, path)
        utf16 = start[:2] in (b"\xff\xfe", b"\xfe\xff")
        text = start.decode("utf-16" if utf16 else "utf-8", errors="replace")
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            raise SourceError(
                f"{path} declares a DTD in {info.filename}, which Word never writes; "
                "it is refused as unsafe"
            )


def core_properties(archive: zipfile.ZipFile, path: Path) -> tuple[str, list[str]]:
    """The title and the authors from docProps/core.xml, when they are the writer's."""
    if not has_member(archive, CORE):
        return "", []
    try:
        root = parse_xml(read_member(archive, CORE, path), f"{path} ({CORE})")
    except SourceError:
        return "", []  # damaged properties do not make the document unreadable
    values: dict[str, str] = {}
    for element in root:
        text = " ".join("".join(element.itertext()).split())
        if text:
            values.setdefault(local_name(element.tag), text)
    title = values.get("title", "")
    if _DEFAULT_TITLE.match(title):
        title = ""
    from reader.importing.authors import is_login_name

    creators = [c.strip() for c in re.split(r"[;\n]", values.get("creator", "")) if c.strip()]
    return title, [c for c in creators if not PROGRAM_NAMES.match(c) and not is_login_name(c)]


def docx_html(path: Path) -> str:
    import mammoth

    # Images are left out of the text, so their bytes are never even read.
    no_images = mammoth.images.img_element(lambda image: {})
    try:
        with path.open("rb") as handle:
            result = mammoth.convert_to_html(handle, style_map=STYLE_MAP, convert_image=no_images)
    except (KeyError, ValueError, zipfile.BadZipFile, EOFError, OSError) as error:
        raise SourceError(
            f"{path} is a damaged Word document ({error.__class__.__name__}); {_REMEDY}"
        ) from None
    except Exception as error:  # noqa: BLE001 - mammoth's XML errors have no common base
        if error.__class__.__module__.startswith(("xml.", "pyexpat", "mammoth")):
            raise SourceError(f"{path} is a damaged Word document (its XML cannot be read); "
                              f"{_REMEDY}") from None
        raise
    return result.value


def first_heading(markdown: str) -> str:
    """The text of the document's first heading, its Markdown escapes and emphasis gone."""
    from reader.document.markdown import parse_markdown

    heading = _ANY_HEADING.search(markdown)
    return parse_markdown(heading.group(0)).text.strip() if heading else ""
