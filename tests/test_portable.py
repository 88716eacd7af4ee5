"""What every teammate's machine needs of a library, checked on Linux: names Windows can
hold (no reserved device names, no forbidden characters), LF in every file a library
writes whatever the input's line endings, and settings that keep git from converting them."""

from __future__ import annotations

import re

import pytest

from annotations.naming import WINDOWS_DEVICES, article_slug, safe_file_stem
from tests.sync_support import glossator, ok

WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def windows_can_hold(name: str) -> bool:
    stem = name.split(".")[0].rstrip().casefold()
    return (bool(name) and not WINDOWS_FORBIDDEN.search(name) and not name.endswith((".", " "))
            and stem not in WINDOWS_DEVICES)


@pytest.mark.parametrize("title", ["CON", "Aux", "nul", "PRN", "com1", "LPT9", "Clock$",
                                   "The Con", "Con: a history"])
def test_an_article_titled_like_a_windows_device_gets_an_id_windows_can_hold(title):
    assert windows_can_hold(article_slug(title))


@pytest.mark.parametrize("title", ["nul.txt", "a/b\\c", 'What "she" said?', "CON", "..", "dots...",
                                   "tab\there", "com¹"])
def test_file_names_from_titles_are_ones_windows_can_hold(title):
    assert windows_can_hold(safe_file_stem(title))


def test_every_file_a_library_writes_has_lf_line_endings_and_windows_safe_names(tmp_path):
    source = tmp_path / "crlf.txt"
    source.write_bytes(b"Notes on the tram\r\n\r\nThe council said the line opens in May.\r\n"
                       b"It will cost more, the mayor added.\r\n")
    library = tmp_path / "library"
    added = ok(glossator(library, "add", str(source), "--title", "Aux")).out
    article = added.split()[1]
    ok(glossator(library, "annotate", article, "--kind", "claim", "--quote",
                 "the line opens in May", "--note", "two lines\r\nof note"))
    ok(glossator(library, "codebook", "--add", "funding"))
    ok(glossator(library, "sync", "init"))
    written = [p for p in library.rglob("*") if p.is_file() and ".git" not in p.parts]
    assert {p.name for p in written} >= {"library.json", "annotations.json", ".gitattributes",
                                         ".gitignore"}
    for path in written:
        assert all(windows_can_hold(part) for part in path.relative_to(library).parts), path
        if path.suffix in (".json", ".md", ".txt") or path.name.startswith(".git"):
            assert b"\r" not in path.read_bytes().replace(b"\\r", b""), path
    attributes = (library / ".gitattributes").read_text(encoding="utf-8")
    assert "* -text" in attributes.splitlines()
    config = ok(glossator(library, "sync", "--json")).out
    assert '"error": null' in config
