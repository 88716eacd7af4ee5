"""Every bad input of the Core issue, through the real CLI.

Each must end with one clear line on stderr, exit status 1, no traceback, nothing on
stdout, and the library folder byte-for-byte as it was.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from annotations.store import Library
from tests.conftest import FIXTURES, REPO
from tests.helpers.library import add_sample, mark, snapshot
from tests.helpers.readonly import read_only_tree, run_cli_without_write_override


@pytest.fixture
def populated(library_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    """A library with two articles whose ids share the prefix `tram`; its snapshot."""
    library = Library.open(library_dir)
    tram = add_sample(library, tmp_path / "src")
    add_sample(library, tmp_path / "src", "drivers.md",
               "# Tram drivers strike over rotas\n\nDrivers walked out on Friday morning.\n")
    mark(library, tram, "wildly optimistic", speaker="Dana Whitlock")
    return snapshot(library_dir)


def assert_refused(result, library_dir: Path, before: dict[str, bytes], *words: str) -> None:
    lines = result.stderr.splitlines()
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("glossator: error: ")
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""
    assert snapshot(library_dir) == before


# -- sources -----------------------------------------------------------------------------

def _missing(folder: Path) -> Path:
    return folder / "never-written.md"


def _directory(folder: Path) -> Path:
    (folder / "drafts.md").mkdir()
    return folder / "drafts.md"


def _empty(folder: Path) -> Path:
    (folder / "empty.txt").write_bytes(b"")
    return folder / "empty.txt"


def _blank(folder: Path) -> Path:
    (folder / "blank.md").write_bytes(b"\n  \r\n\t\n")
    return folder / "blank.md"


def _png(folder: Path) -> Path:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    (folder / "photo.txt").write_bytes(png)
    return folder / "photo.txt"


def _gbk(folder: Path) -> Path:
    text = "港口疏浚计划引发争议。市议会以九票对六票通过了该计划，但审计员提出了质疑。" * 5
    (folder / "chinese.txt").write_bytes(text.encode("gbk"))
    return folder / "chinese.txt"


def _shift_jis(folder: Path) -> Path:
    text = "港の浚渫計画について、市議会は九対六で可決しました。監査役は費用に疑問を呈した。" * 5
    (folder / "japanese.md").write_bytes(text.encode("shift_jis"))
    return folder / "japanese.md"


def _noise(folder: Path) -> Path:
    (folder / "noise.txt").write_bytes(bytes(range(0xA0, 0x100)) * 20 + b" some ascii ")
    return folder / "noise.txt"


def _bad_bom(folder: Path) -> Path:
    (folder / "broken-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + b"a\x00b\x00\x00\xd8")
    return folder / "broken-utf16.txt"


def _no_article(folder: Path) -> Path:
    return FIXTURES / "no-article.html"


def _over_50_mb(folder: Path) -> Path:
    path = folder / "huge.txt"
    with open(path, "wb") as file:  # sparse: no 50 MB really written
        file.truncate(50 * 1024 * 1024 + 1)
    return path


def _unknown_kind(folder: Path) -> Path:
    (folder / "report.odt").write_bytes(b"PK\x03\x04 an OpenDocument text")
    return folder / "report.odt"


SOURCES = {
    "missing file": (_missing, "does not exist"),
    "a directory": (_directory, "is a folder"),
    "an empty file": (_empty, "is empty"),
    "a blank file": (_blank, "is empty"),
    "a PNG renamed .txt": (_png, "is a PNG image, not text"),
    "GBK Chinese": (_gbk, "is not UTF-8"),
    "Shift-JIS Japanese": (_shift_jis, "is not UTF-8"),
    "high-byte noise": (_noise, "is not UTF-8"),
    "a broken UTF-16 file": (_bad_bom, "byte-order mark"),
    "HTML with no article": (_no_article, "no article text"),
    "a file over 50 MB": (_over_50_mb, "over the 50 MB limit"),
    "an unknown file kind": (_unknown_kind, "unknown kind"),
}


@pytest.mark.parametrize("case", SOURCES)
def test_a_bad_source_file_is_refused(cli, populated, library_dir, tmp_path, case):
    make, words = SOURCES[case]
    folder = tmp_path / "sources"
    folder.mkdir()
    path = make(folder)
    assert_refused(cli("add", str(path)), library_dir, populated, words, path.name)


@pytest.mark.parametrize("case", ["missing file", "a PNG renamed .txt", "HTML with no article"])
def test_a_bad_source_file_is_refused_by_the_real_process(cli_process, populated, library_dir,
                                                          tmp_path, case):
    make, words = SOURCES[case]
    folder = tmp_path / "sources"
    folder.mkdir()
    assert_refused(cli_process("add", str(make(folder))), library_dir, populated, words)


def test_one_bad_source_among_good_ones_fails_alone(cli, populated, library_dir, tmp_path):
    result = cli("add", str(FIXTURES / "allotment-minutes.txt"), str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert result.stdout.startswith("added allotment-society-minutes ")
    assert len(result.stderr.splitlines()) == 1 and "nope.txt does not exist" in result.stderr


# -- URLs --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["file:///etc/hostname", "ftp://files.example/news.html"])
def test_a_url_that_is_not_http_is_refused(cli, populated, library_dir, url):
    assert_refused(cli("add", url), library_dir, populated, url, "http(s)")


@pytest.mark.parametrize("path,words", [
    ("/gone", "answered 404"),
    ("/slow", "did not answer within 1 s"),
    ("/huge-declared", "more than 50 MB"),
    ("/huge-streamed", "more than 50 MB"),
    ("/redirect-to-file", "not http(s)"),
])
def test_a_url_that_fails_is_refused(cli, populated, library_dir, web_server, monkeypatch,
                                     path, words):
    monkeypatch.setenv("GLOSSATOR_HTTP_TIMEOUT", "1" if path == "/slow" else "20")
    assert_refused(cli("add", f"{web_server.base}{path}"), library_dir, populated, words)


def test_a_url_timeout_is_refused_by_the_real_process(cli_process, populated, library_dir,
                                                      web_server):
    result = cli_process("add", f"{web_server.base}/slow", env={"GLOSSATOR_HTTP_TIMEOUT": "1"})
    assert_refused(result, library_dir, populated, "did not answer within 1 s")


# -- articles, quotes, kinds -------------------------------------------------------------


@pytest.mark.parametrize("args,words", [
    (["text", "harbour"], "no article 'harbour'"),
    (["annotate", "harbour", "--kind", "claim", "--quote", "x"], "no article 'harbour'"),
    (["annotations", "harbour"], "no article 'harbour'"),
    (["export", "harbour", "--format", "markdown"], "no article 'harbour'"),
    (["rm", "harbour"], "no article 'harbour'"),
    (["text", "tram"], "'tram' matches 2 articles"),
    (["rm", "tram"], "'tram' matches 2 articles"),
    (["annotate", "tram", "--kind", "claim", "--quote", "Friday"], "matches 2 articles"),
])
def test_an_unknown_or_ambiguous_article_id_is_refused(cli, populated, library_dir, args, words):
    assert_refused(cli(*args), library_dir, populated, words)


@pytest.mark.parametrize("args,words", [
    (["--quote", "the tram is free"], "does not occur"),
    (["--quote", "WILDLY OPTIMISTIC"], "does not occur"),
    (["--quote", "9,000", "--occurrence", "3"], "--occurrence must be 1 to 2"),
    (["--quote", "9,000"], "occurs 2 times"),
    (["--quote", "   "], "the quote is empty"),
])
def test_a_quote_not_in_the_article_is_refused(cli, populated, library_dir, args, words):
    result = cli("annotate", "tram-ext", "--kind", "claim", *args)
    assert_refused(result, library_dir, populated, words)


@pytest.mark.parametrize("args", [
    ["annotate", "tram-ext", "--kind", "rumour", "--quote", "wildly optimistic"],
    ["annotate", "tram-ext", "--kind", "Claim", "--quote", "wildly optimistic"],
    ["annotations", "--kind", "rumour"],
])
def test_an_unknown_kind_is_refused(cli, populated, library_dir, args):
    assert_refused(cli(*args), library_dir, populated, "unknown kind", "claim, actor, question")


def test_a_speaker_on_anything_but_a_claim_is_refused_before_anything_is_saved(
        cli, populated, library_dir):
    result = cli("annotate", "tram-ext", "--kind", "actor", "--quote", "Millbrook",
                 "--speaker", "Someone Else", "--tag", "brand-new-tag")
    assert_refused(result, library_dir, populated, "only a claim has a speaker")


# -- the library itself ------------------------------------------------------------------


@pytest.mark.parametrize("how", ["truncated", "corrupted", "empty"])
@pytest.mark.parametrize("args", [["list"], ["add", str(FIXTURES / "allotment-minutes.txt")],
                                  ["annotate", "tram-ext", "--kind", "claim", "--quote", "9,000",
                                   "--occurrence", "1"]])
def test_a_damaged_database_is_reported_and_left_untouched(cli, populated, library_dir, how,
                                                           args):
    index = library_dir / "library.json"
    data = index.read_bytes()
    index.write_bytes({"truncated": data[: len(data) * 2 // 3], "corrupted":
                       data.replace(b'"articles"', b'"art\xffcles"'), "empty": b""}[how])
    before = snapshot(library_dir)
    assert_refused(cli(*args), library_dir, before, str(index))


def _reshaped(path: Path, table: str, change) -> None:
    import json

    data = json.loads(path.read_bytes())
    change(next(iter(data[table].values())))
    path.write_text(json.dumps(data))


_MARKS_FILE = "articles/tram-extension-splits/annotations.json"


@pytest.mark.parametrize(("file", "table", "change", "words"), [
    ("library.json", "articles", lambda r: r.pop("title"), "has no title"),
    ("library.json", "articles", lambda r: r.update(title=5), "title of the wrong kind"),
    ("library.json", "articles", lambda r: r.update(authors="Ana"), "authors of the wrong kind"),
    (_MARKS_FILE, "annotations", lambda r: r.update(start="12"), "start of the wrong kind"),
    (_MARKS_FILE, "annotations", lambda r: r.pop("exact"), "has no exact"),
])
def test_a_record_of_the_wrong_shape_is_refused_with_the_file_named(cli, populated, library_dir,
                                                                    file, table, change, words):
    """Valid JSON that another program or a hand edit got wrong: refused when read, with
    the file, the record and what to do, never a crash deep inside a listing."""
    path = library_dir / file
    _reshaped(path, table, change)
    before = snapshot(library_dir)
    args = ["list"] if file == "library.json" else ["annotations", "tram-ext"]
    assert_refused(cli(*args), library_dir, before, str(path), words, "doctor --repair")


def test_a_damaged_annotation_file_is_reported_by_the_real_process(cli_process, populated,
                                                                   library_dir):
    marks = library_dir / "articles" / "tram-extension-splits" / "annotations.json"
    marks.write_bytes(marks.read_bytes()[:-40])
    before = snapshot(library_dir)
    for args in (["annotations"], ["export", "--all", "--format", "json"],
                 ["annotate", "tram-ext", "--kind", "question", "--quote", "Who will pay"],
                 ["annotate", "tram-ext", "--kind", "actor", "--quote", "Millbrook",
                  "--tag", "places"]):
        assert_refused(cli_process(*args), library_dir, before, str(marks), "untouched")


def test_a_library_path_that_is_a_file_is_refused(cli, tmp_path):
    not_a_folder = tmp_path / "library"
    not_a_folder.write_text("just a file")
    result = cli("list")
    assert result.exit_code == 1 and "library" in result.stderr and "is a file" in result.stderr
    assert not_a_folder.read_text() == "just a file"


@pytest.mark.parametrize("files_too", [True, False], ids=["all read-only", "folders read-only"])
@pytest.mark.parametrize("args", [
    ["add", str(FIXTURES / "allotment-minutes.txt")],
    ["annotate", "tram-ext", "--kind", "question", "--quote", "Who will pay"],
    ["rm", "tram-drivers"],
])
def test_a_library_folder_that_is_not_writable_is_refused(populated, library_dir, files_too,
                                                          args):
    with read_only_tree(library_dir, files_too=files_too):
        done = run_cli_without_write_override(library_dir, *args, cwd=REPO)
    assert "launcher:" not in done.stderr, done.stderr
    result = type("Result", (), {"exit_code": done.returncode, "stdout": done.stdout,
                                 "stderr": done.stderr})
    assert_refused(result, library_dir, populated, str(library_dir), "not writable")


def test_reading_a_library_that_is_not_writable_still_works(populated, library_dir):
    with read_only_tree(library_dir):
        listed = run_cli_without_write_override(library_dir, "list", cwd=REPO)
        text = run_cli_without_write_override(library_dir, "text", "tram-ext", cwd=REPO)
    assert listed.returncode == 0 and "tram-extension-splits" in listed.stdout
    assert text.returncode == 0 and "wildly optimistic" in text.stdout
    assert snapshot(library_dir) == populated


def test_a_library_that_cannot_be_created_is_refused(tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    with read_only_tree(parent):
        done = run_cli_without_write_override(parent / "library", "list", cwd=REPO)
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert "cannot create the library folder" in done.stderr
    assert os.listdir(parent) == []


def test_a_tag_with_a_control_character_is_refused_before_anything_is_made(cli, populated,
                                                                          library_dir):
    before = snapshot(library_dir)
    result = cli("annotate", "tram-ext", "--kind", "claim", "--quote", "9,000", "--occurrence",
                 "1", "--speaker", "A New Speaker", "--tag", "fund\x1bing")
    assert_refused(result, library_dir, before, "a tag name cannot hold control", "an escape")


def test_a_speaker_read_with_a_bidi_control_is_named_without_it(cli, populated, library_dir):
    result = cli("annotate", "tram-ext", "--kind", "claim", "--quote", "9,000", "--occurrence",
                 "1", "--speaker", "Ana\u202e Ruiz")
    assert result.exit_code == 0, result.stderr
    assert "Ana Ruiz" in [a.name for a in Library.open(library_dir).actors()]
