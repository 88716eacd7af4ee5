"""Real EPUB files for tests, built with zipfile: EPUB 3 (nav document) or EPUB 2 (NCX).

`Book` holds what a test varies; `write` lays it out as an e-book program would:
`mimetype` first and stored, META-INF/container.xml, the package file with metadata,
manifest and spine, a cover page the spine marks `linear="no"`, and the chapters.
Every field can be replaced by raw text, to build the broken books the tests refuse.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

XHTML = """<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title><link rel="stylesheet" href="style.css"/></head>
<body>
{body}
</body>
</html>
"""


@dataclass
class Chapter:
    name: str
    body: str
    """The XHTML inside <body>."""
    title: str = ""
    """The file's <title>."""
    label: str = ""
    """Its entry in the table of contents ("" for none)."""
    linear: bool = True
    encoding: str = "utf-8"


@dataclass
class Book:
    chapters: list[Chapter]
    title: str = "The Salt Road"
    creators: list[tuple[str, str]] = field(default_factory=lambda: [("Halvard Mikkelsen", "aut")])
    date: str = "2019-04-02"
    language: str = "en"
    publisher: str = "Northwind Press"
    identifier: str = "urn:uuid:5b7f3f0e-0c5e-4a3b-9d7e-2f1d1c9a7e11"
    version: int = 3
    folder: str = "OEBPS"
    cover: bool = True
    extra_metadata: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    """Added (or replacing) archive members."""
    omit: set[str] = field(default_factory=set)
    """Archive members left out."""
    opf: str | None = None
    """The package file's text, instead of the one built from the fields."""
    container: str | None = None

    def opf_path(self) -> str:
        return f"{self.folder}/content.opf" if self.folder else "content.opf"

    def write(self, path: Path) -> Path:
        members = self.members()
        members.update(self.files)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip",
                             compress_type=zipfile.ZIP_STORED)
            for name, data in members.items():
                if name not in self.omit and name != "mimetype":
                    archive.writestr(name, data)
        return path

    def members(self) -> dict[str, bytes]:
        prefix = f"{self.folder}/" if self.folder else ""
        members: dict[str, bytes] = {
            "META-INF/container.xml": (self.container or container_xml(self.opf_path())).encode(),
            self.opf_path(): (self.opf or self.package()).encode(),
            f"{prefix}style.css": b"body { margin: 1em; }",
        }
        if self.cover:
            members[f"{prefix}cover.xhtml"] = XHTML.format(
                encoding="utf-8", title="Cover", body='<img src="cover.png" alt="Cover"/>').encode()
            members[f"{prefix}cover.png"] = b"\x89PNG\r\n\x1a\n" + bytes(64)
        for chapter in self.chapters:
            text = XHTML.format(encoding=chapter.encoding, title=escape(chapter.title),
                                body=chapter.body)
            members[prefix + chapter.name] = text.encode(chapter.encoding)
        if self.version >= 3:
            members[f"{prefix}nav.xhtml"] = self.nav().encode()
        else:
            members[f"{prefix}toc.ncx"] = self.ncx().encode()
        return members

    def package(self) -> str:
        creators = "\n".join(
            f'<dc:creator opf:role="{role}">{escape(name)}</dc:creator>' if role
            else f"<dc:creator>{escape(name)}</dc:creator>" for name, role in self.creators)
        manifest = ['<item id="css" href="style.css" media-type="text/css"/>']
        spine = []
        if self.cover:
            manifest += ['<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>',
                         '<item id="cover-image" href="cover.png" media-type="image/png"/>']
            spine.append('<itemref idref="cover" linear="no"/>')
        for number, chapter in enumerate(self.chapters, 1):
            manifest.append(f'<item id="c{number}" href="{chapter.name}" '
                            'media-type="application/xhtml+xml"/>')
            linear = "" if chapter.linear else ' linear="no"'
            spine.append(f'<itemref idref="c{number}"{linear}/>')
        if self.version >= 3:
            manifest.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                            'properties="nav"/>')
            toc = ""
        else:
            manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
            toc = ' toc="ncx"'
        date = f"<dc:date>{self.date}</dc:date>" if self.date else ""
        return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{self.version}.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="id">{escape(self.identifier)}</dc:identifier>
    <dc:title>{escape(self.title)}</dc:title>
    {creators}
    {date}
    <dc:language>{self.language}</dc:language>
    <dc:publisher>{escape(self.publisher)}</dc:publisher>
    {self.extra_metadata}
  </metadata>
  <manifest>
    {chr(10).join(manifest)}
  </manifest>
  <spine{toc}>
    {chr(10).join(spine)}
  </spine>
</package>
"""

    def nav(self) -> str:
        entries = "".join(f'<li><a href="{c.name}">{escape(c.label)}</a></li>'
                          for c in self.chapters if c.label)
        body = f'<nav epub:type="toc"><h1>Contents</h1><ol>{entries}</ol></nav>'
        return XHTML.format(encoding="utf-8", title="Contents", body=body)

    def ncx(self) -> str:
        points = "".join(
            f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{escape(c.label)}</text>'
            f'</navLabel><content src="{c.name}"/></navPoint>'
            for n, c in enumerate(self.chapters, 1) if c.label)
        return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="{escape(self.identifier)}"/></head>
  <docTitle><text>{escape(self.title)}</text></docTitle>
  <navMap>{points}</navMap>
</ncx>
"""


def container_xml(opf_path: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="{opf_path}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def encryption_xml(*entries: tuple[str, str]) -> bytes:
    """META-INF/encryption.xml listing (algorithm, archive path) pairs."""
    data = "".join(
        f'<enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/>'
        f'<enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData>'
        for algorithm, uri in entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        f'xmlns:enc="http://www.w3.org/2001/04/xmlenc#">{data}</encryption>'
    ).encode()


AES = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
FONT_OBFUSCATION = "http://www.idpf.org/2008/embedding"


def novella() -> Book:
    """Three chapters of an invented book: headings of their own, sections, notes, a list."""
    return Book(chapters=[
        Chapter("chapter1.xhtml", title="The Salt Road", label="The Harbour at Vardø", body="""
<section epub:type="chapter">
<h1>The Harbour at Vardø</h1>
<p>The ferry came in at dawn, its deck white with <em>frost</em>, and the harbourmaster
counted eleven passengers where the manifest promised nine.</p>
<h2>The manifest</h2>
<p>Two names were written in a hand nobody at the office recognised.</p>
<p>The clerk copied them into the ledger anyway<a epub:type="noteref" href="#n1">1</a>.</p>
<aside epub:type="footnote" id="n1"><p>Ledgers of the period survive in the county archive.</p></aside>
</section>"""),
        Chapter("chapter2.xhtml", title="The Salt Road", label="Winter Accounts", body="""
<h1>Winter Accounts</h1>
<p>By January the salt merchants had stopped sending boats north.</p>
<ul><li>Herring: 40 barrels</li><li>Salt: none</li></ul>
<p>The priest wrote to the bishop about the price of <strong>bread</strong>.</p>"""),
        Chapter("chapter3.xhtml", title="The Salt Road", label="The Thaw", body="""
<h1>The Thaw</h1>
<p>When the ice broke the two strangers were gone, and so was the harbourmaster's boat.</p>"""),
    ])


# -- crafted archives --------------------------------------------------------------------

_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_END = b"PK\x05\x06"


def patch_member_header(path: Path, name: str, *, flags: int | None = None,
                        size: int | None = None, packed: int | None = None) -> None:
    """Rewrite what the zip's headers (central and local) say about member `name`: its
    flag bits, its unpacked or its packed size. The data stays as it was: a crafted
    archive."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, flags_at, size_at, name_at in ((_CENTRAL, 8, 24, 46), (_LOCAL, 6, 22, 30)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at:at + name_at + len(encoded)] == encoded:
                if flags is not None:
                    data[at + flags_at:at + flags_at + 2] = flags.to_bytes(2, "little")
                if size is not None:
                    data[at + size_at:at + size_at + 4] = size.to_bytes(4, "little")
                if packed is not None:
                    data[at + size_at - 4:at + size_at] = packed.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def patch_entry_count(path: Path, count: int) -> None:
    """Make the end-of-central-directory record claim `count` entries (at most 65,534)."""
    data = bytearray(path.read_bytes())
    at = data.rfind(_END)
    data[at + 8:at + 12] = count.to_bytes(2, "little") * 2
    path.write_bytes(bytes(data))
