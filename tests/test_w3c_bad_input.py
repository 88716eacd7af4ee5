"""Bad annotation files for `glossator import`, through the real CLI.

Each is refused with one clear line on stderr naming the file, exit status 1, nothing on
stdout, and the library byte for byte as it was. Files in other encodings than UTF-8
that say what they are (a BOM, or UTF-16's zero bytes) are read, not refused.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from annotations.store import Library
from reader.document.cache import load_document
from tests.helpers.annotation_files import hypothesis_row, w3c_annotation, write_json
from tests.helpers.library import add_sample, mark, snapshot
from tests.test_bad_input import assert_refused

TRAM = "https://valley-courier.example/tram-extension"


@pytest.fixture
def populated(library_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    library = Library.open(library_dir)
    tram = add_sample(library, tmp_path / "src")
    mark(library, tram, "wildly optimistic", speaker="Dana Whitlock")
    return snapshot(library_dir)


def _rows(folder: Path) -> list[dict]:
    return [hypothesis_row(TRAM, "the bus network", row_id=f"r{n}") for n in range(3)]


def _not_annotations(folder: Path) -> Path:
    return write_json(folder / "settings.json", {"theme": "dark", "keys": {"reader.copy": "y"}})


def _only_xpath(folder: Path) -> Path:
    return write_json(folder / "xpath.jsonld", [
        w3c_annotation(TRAM, selectors=[{"type": "XPathSelector", "value": "/html/body/p[2]"}]),
        w3c_annotation(TRAM, selectors=[{"type": "CssSelector", "value": "p.lede"}])])


def _page_notes_only(folder: Path) -> Path:
    return write_json(folder / "notes.json", [hypothesis_row(TRAM, text="A page note.", row_id="p")])


def _broken_json(folder: Path) -> Path:
    text = json.dumps([hypothesis_row(TRAM, "the bus network")], indent=2)
    (folder / "broken.json").write_text(text[:-40], encoding="utf-8")
    return folder / "broken.json"


def _one_bad_line(folder: Path) -> Path:
    lines = [json.dumps(r) for r in _rows(folder)]
    lines[1] = lines[1][:-10]
    (folder / "rows.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "rows.jsonl"


def _huge(folder: Path) -> Path:
    path = folder / "huge.json"
    with open(path, "wb") as file:  # sparse: no 50 MB really written
        file.truncate(50 * 1024 * 1024 + 1)
    return path


def _latin1(folder: Path) -> Path:
    text = json.dumps(_rows(folder), ensure_ascii=False).replace("the bus network", "le réseau")
    (folder / "latin1.json").write_bytes(text.encode("latin-1"))
    return folder / "latin1.json"


def _broken_utf16(folder: Path) -> Path:
    data = codecs.BOM_UTF16_LE + json.dumps(_rows(folder)).encode("utf-16-le") + b"\x00\xd8"
    (folder / "broken-utf16.json").write_bytes(data)
    return folder / "broken-utf16.json"


def _deeply_nested(folder: Path) -> Path:
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return folder / "deep.json"


def _deep_line(folder: Path) -> Path:
    (folder / "deep.jsonl").write_text(json.dumps(_rows(folder)[0]) + "\n" + "[" * 100_000 + "\n",
                                       encoding="utf-8")
    return folder / "deep.jsonl"


def _directory(folder: Path) -> Path:
    (folder / "exports.json").mkdir()
    return folder / "exports.json"


def _missing(folder: Path) -> Path:
    return folder / "never-exported.json"


def _empty(folder: Path) -> Path:
    (folder / "empty.json").write_bytes(b"  \n")
    return folder / "empty.json"


def _no_annotations(folder: Path) -> Path:
    return write_json(folder / "export.json", {"export_date": "2026-03-02T08:00:00Z",
                                               "client_version": "1.1530.0", "annotations": []})


def _png(folder: Path) -> Path:
    (folder / "photo.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return folder / "photo.json"


BAD_FILES = {
    "JSON that is no annotation file": (_not_annotations, "is JSON but not an annotation file"),
    "W3C annotations with only XPath and CSS selectors": (
        _only_xpath, "none of the annotations in", "2: their only selectors are ones glossator cannot read"),
    "nothing but page notes": (_page_notes_only, "none of the annotations", "page notes"),
    "broken JSON": (_broken_json, "is not valid JSON", "at line"),
    "JSON Lines with one bad line": (_one_bad_line, "line 2 of", "fix or remove that line"),
    "a file over 50 MB": (_huge, "over the 50 MB limit"),
    "Latin-1": (_latin1, "is not UTF-8 (byte 0xe9 at offset"),
    "broken UTF-16": (_broken_utf16, "looks like UTF-16 but is not valid UTF-16"),
    "deeply nested JSON": (_deeply_nested, "nests its JSON too deeply"),
    "a deeply nested JSON line": (_deep_line, "nests its JSON too deeply"),
    "a directory": (_directory, "is a folder"),
    "a missing file": (_missing, "does not exist"),
    "an empty file": (_empty, "is empty"),
    "an export without annotations": (_no_annotations, "holds no annotations"),
    "a PNG": (_png, "is not UTF-8 (byte 0x89 at offset 0)"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_annotation_file_is_refused_and_nothing_changes(case, cli, populated, library_dir, tmp_path):
    make, *words = BAD_FILES[case]
    folder = tmp_path / "files"
    folder.mkdir()
    path = make(folder)
    result = cli("import", str(path))
    assert_refused(result, library_dir, populated, *words)
    if path.exists() or case == "a missing file":
        assert path.name in result.stderr


def test_an_unknown_article_or_kind_is_refused(cli, populated, library_dir, tmp_path):
    path = write_json(tmp_path / "rows.json", _rows(tmp_path))
    assert_refused(cli("import", str(path), "--article", "nope"), library_dir, populated,
                   "no article 'nope'")
    assert_refused(cli("import", str(path), "--kind", "rumour"), library_dir, populated,
                   "unknown kind 'rumour'")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_file_in_a_unicode_encoding_that_says_so_is_read(encoding, cli, populated, library_dir, tmp_path):
    library = Library.open(library_dir)
    text = load_document(library, library.articles()[0]).text
    start = text.index("the bus network")
    row = hypothesis_row(TRAM, "the bus network", start=start, tags=["Straße"], text="Grüße 🚋")
    (tmp_path / "rows.json").write_bytes(json.dumps([row], ensure_ascii=False).encode(encoding))
    done = cli("import", str(tmp_path / "rows.json"))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Hypothesis API rows: 1 anchored exactly")
    [imported] = [m for m in Library.open(library_dir).all_annotations() if m.exact == "the bus network"]
    assert (imported.tags, imported.note) == (["Straße"], "Grüße 🚋")


def test_some_unusable_annotations_do_not_stop_the_usable_ones(cli, populated, library_dir, tmp_path):
    usable = w3c_annotation(TRAM, "the bus network")
    path = write_json(tmp_path / "mixed.jsonld", [*json.loads(_only_xpath(tmp_path).read_text()), usable])
    done = cli("import", str(path))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("W3C Web Annotation: 1 anchored exactly")
    assert "2 annotation(s) skipped: their only selectors are ones glossator cannot read" in done.stdout


def test_an_xml_file_is_told_apart_from_broken_json(cli, populated, library_dir, tmp_path):
    (tmp_path / "project.qde").write_text('<?xml version="1.0"?><Project name="x"/>', encoding="utf-8")
    assert_refused(cli("import", str(tmp_path / "project.qde")), library_dir, populated,
                   "project.qde is XML or HTML, not an annotation file", ".qdpx")
