"""DRM: an EPUB whose META-INF/encryption.xml covers its content documents cannot be read.

Font obfuscation (IDPF's and Adobe's) also lists files in encryption.xml, but only fonts,
mangled so they cannot be lifted out of the book; such a book reads fine.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from annotations.errors import SourceError
from annotations.zipsafe import has_member, local_name, parse_xml, read_member
from reader.importing.epub.package import Package

ENCRYPTION = "META-INF/encryption.xml"
FONT_OBFUSCATION = frozenset({"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"})


def refuse_drm(archive: zipfile.ZipFile, path: Path, package: Package) -> None:
    if not has_member(archive, ENCRYPTION):
        return
    root = parse_xml(read_member(archive, ENCRYPTION, path), f"{path} ({ENCRYPTION})")
    needed = {item.path for item in package.spine} | {package.opf_path}
    needed |= {item.path for item in (package.nav, package.ncx) if item is not None}
    for encrypted in encrypted_files(root):
        if encrypted in needed:
            raise SourceError(
                f"{path} is protected by DRM (its chapters are encrypted); glossator reads "
                "only DRM-free EPUBs, so use a DRM-free copy of the book"
            )


def encrypted_files(root: Element) -> list[str]:
    """The archive paths encryption.xml lists, except fonts that are merely obfuscated."""
    found = []
    for data in root.iter():
        if local_name(data.tag) != "EncryptedData":
            continue
        algorithm = next((e.get("Algorithm", "") for e in data.iter()
                          if local_name(e.tag) == "EncryptionMethod"), "")
        if algorithm in FONT_OBFUSCATION:
            continue
        for reference in data.iter():
            if local_name(reference.tag) == "CipherReference" and reference.get("URI"):
                # OCF: these URIs are relative to the archive's root.
                found.append(posixpath.normpath(unquote(reference.get("URI", "")).lstrip("/")))
    return found
