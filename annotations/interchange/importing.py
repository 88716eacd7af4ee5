"""`glossator import FILE`: read the file safely, tell what it is by its content, hand it to
its reader.

- A zip (a `.qdpx`) is a REFI-QDA project: annotations.interchange.refi_qda.
- Anything else must be JSON or JSON Lines, at most `MAX_FILE_BYTES`, in UTF-8 (a BOM is
  allowed), or UTF-16 / UTF-32 (with a BOM, or told by its zero bytes, RFC 4627 §3):
  - W3C Web Annotation JSON-LD: an annotation, a page, a collection, or a list of them;
  - a Hypothesis export: {export_date, export_userid, client_version, annotations};
  - Hypothesis API rows: a list, the search answer {total, rows}, or one row a line.

What cannot be read is refused with one line naming the file (and the line, for JSON
Lines) before anything is written. Half a character (a lone UTF-16 surrogate, which JSON
can write as `\\ud800` and no UTF-8 file can hold) is replaced with U+FFFD, and the report
says how many texts held one. A file whose annotations are all unusable is refused
too; one with some usable annotations is imported, and the report says what was
skipped and why.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any

from annotations.errors import GlossatorError
from annotations.interchange.report import ImportReport
from annotations.interchange.w3c.incoming import Batch
from annotations.interchange.w3c.intake import TextOf, take_in
from annotations.store import Library

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest annotation file read: 10,000 annotations are about 10 MB."""
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
READS = "W3C Web Annotation JSON-LD, a Hypothesis export or Hypothesis API rows (JSON or JSON Lines)"


def import_file(library: Library, path: Path, text_of: TextOf, article_id: str | None = None,
                default_kind: str = "claim") -> ImportReport:
    """Import the annotations in `path`; what was done, for the user."""
    start = _first_bytes(path)
    if start.startswith(ZIP_MAGIC) or path.suffix.lower() == ".qdpx":
        from annotations.interchange.refi_qda.importing import import_project

        return import_project(library, path, text_of, article_id, default_kind)
    data, mended = read_json(path)
    batch = batch_of(data, path, default_kind)
    report = ImportReport(batch.format)
    if mended:
        report.notes.append(f"{mended} text(s) held half of a character (a lone UTF-16 "
                           "surrogate), which no text file can hold; each such half was "
                           "replaced with U+FFFD, the replacement character")
    take_in(library, batch, text_of, article_id, report)
    if _all_skipped(report):
        # Replies alone, none of them with a mark; or positions outside every text.
        raise _nothing_usable(batch, path)
    return report


def _all_skipped(report: ImportReport) -> bool:
    """Whether the import took nothing and met nothing: every annotation was skipped. (One
    for a page not in the library, or already there, was not: the report says what to do,
    or that there is nothing to.)"""
    return not (report.imported or report.duplicates or report.edited_here or report.unmatched)


def batch_of(data: Any, path: Path, default_kind: str) -> Batch:
    """The marks `data` holds, by what it turns out to be."""
    from annotations.interchange import hypothesis
    from annotations.interchange.w3c.reading import is_w3c, read_w3c

    if hypothesis.is_export(data):
        batch = hypothesis.read_export(data, default_kind)
    elif (rows := hypothesis.rows_of(data)) is not None:
        batch = hypothesis.read_rows(rows, default_kind)
    elif is_w3c(data):
        batch = read_w3c(data, default_kind)
    elif data == []:
        batch = Batch("JSON")
    else:
        raise GlossatorError(f"{path} is JSON but not an annotation file; glossator imports {READS}")
    if not batch.seen:
        raise GlossatorError(f"{path} holds no annotations; nothing to import")
    if not batch.incoming and not batch.replies:
        raise _nothing_usable(batch, path)
    return batch


def _nothing_usable(batch: Batch, path: Path) -> GlossatorError:
    reasons = "; ".join(f"{n}: {why}" for why, n in batch.skipped.most_common(2))
    return GlossatorError(f"none of the annotations in {path} can be imported ({reasons}); "
                          "nothing was imported")


# -- reading the file ---------------------------------------------------------------------

def _first_bytes(path: Path) -> bytes:
    if not path.exists():
        raise GlossatorError(f"{path} does not exist; give the annotation file to import")
    if path.is_dir():
        raise GlossatorError(f"{path} is a folder; give the annotation file to import "
                             "(.json, .jsonl or .qdpx)")
    try:
        with path.open("rb") as file:
            return file.read(4)
    except OSError as error:
        raise GlossatorError(f"cannot read {path}: {error.strerror}; check its permissions") from None


def read_json(path: Path) -> tuple[Any, int]:
    """The JSON document in `path`, or its JSON Lines as a list; and how many of its texts
    held a lone surrogate, now U+FFFD (`mend_surrogates`)."""
    text = _decoded(_bytes(path), path)
    if not text.strip():
        raise GlossatorError(f"{path} is empty; give the annotation file to import")
    data = _parsed(text, path)
    # Only an escape makes one: a file without a lone one needs no second look.
    return data, mend_surrogates(data) if _has_lone_escape(text) else 0


def _parsed(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise _too_deep(path) from None
    except json.JSONDecodeError as error:
        if _looks_like_lines(text, error):
            return _json_lines(text, path)
        if text.lstrip().startswith("<"):
            raise GlossatorError(f"{path} is XML or HTML, not an annotation file; glossator imports "
                                 f"{READS}, and REFI-QDA projects as .qdpx") from None
        raise GlossatorError(f"{path} is not valid JSON ({error.msg} at line {error.lineno}, "
                             f"column {error.colno}); fix it or export it again") from None


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise GlossatorError(f"{path} is {size / 1024 / 1024:.0f} MB, over the "
                                 f"{MAX_FILE_BYTES // 1024 // 1024} MB limit for annotation files; "
                                 "export fewer annotations at a time")
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise GlossatorError(f"cannot read {path}: {error.strerror}; check its permissions") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise GlossatorError(f"{path} is over the {MAX_FILE_BYTES // 1024 // 1024} MB limit for "
                             "annotation files; export fewer annotations at a time")
    return data


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _encoding(data: bytes) -> str:
    """UTF-8, or what a BOM or the zero bytes of the first characters say (JSON text begins
    with an ASCII character, so its zero bytes give the encoding away: RFC 4627 §3)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4]
    if len(head) == 4:
        zeros = tuple(b == 0 for b in head)
        return {(True, True, True, False): "utf-32-be", (False, True, True, True): "utf-32-le",
                (True, False, True, False): "utf-16-be", (False, True, False, True): "utf-16-le"
                }.get(zeros, "utf-8")
    return "utf-8"


def _decoded(data: bytes, path: Path) -> str:
    encoding = _encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-8":
            raise GlossatorError(f"{path} is not UTF-8 (byte 0x{data[error.start]:02x} at offset "
                                 f"{error.start}); save it as UTF-8 and import again") from None
        raise GlossatorError(f"{path} looks like {encoding.upper()} but is not valid {encoding.upper()} "
                             f"(at byte {error.start}); save it as UTF-8 and import again") from None


def _looks_like_lines(text: str, error: json.JSONDecodeError) -> bool:
    """Whether a document that is not one JSON value is JSON Lines: a value ended and
    another began on a later line, or its first line is a whole JSON object of its own."""
    if error.msg == "Extra data":
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or error.lineno == 1 and not lines[0].lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except (ValueError, RecursionError):
        return False


def _json_lines(text: str, path: Path) -> list[Any]:
    rows = []
    # Only "\n" ends a line: a JSON string may hold U+2028 or U+0085, which splitlines splits at.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except RecursionError:
            raise _too_deep(path) from None
        except json.JSONDecodeError as error:
            raise GlossatorError(f"line {number} of {path} is not JSON ({error.msg} at column "
                                 f"{error.colno}); fix or remove that line and import again") from None
    return rows


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD]([89abAB]|[c-fC-F])[0-9a-fA-F]{2}")


def _has_lone_escape(text: str) -> bool:
    """Whether the JSON `text` escapes a surrogate that is not half of a pair: what `json`
    reads as a lone surrogate. A pair (`\\ud83d\\ude8b`, one emoji) is one character, and
    files that write every emoji so are common: only the escapes are looked at."""
    low_of_pair = -1
    for found in _SURROGATE_ESCAPE.finditer(text):
        if found.start() == low_of_pair:
            continue
        if found.group(1) in "89abAB":
            after = _SURROGATE_ESCAPE.match(text, found.end())
            if after is not None and after.group(1) not in "89abAB":
                low_of_pair = found.end()
                continue
        return True
    return False


def mend_surrogates(data: Any) -> int:
    """Replace, in place, every lone surrogate in `data`'s strings (keys too) with U+FFFD;
    how many strings held one.

    JSON may write half of a character (`"\\ud800"`), and `json` reads it as a lone
    surrogate, which UTF-8 cannot encode: kept, it would make the library's files
    unwritable. Pairs are read as the one character they make, so what is left is garbage.
    """
    mended = 0

    def mend(text: str) -> str:
        nonlocal mended
        if not _LONE_SURROGATE.search(text):
            return text
        mended += 1
        return _LONE_SURROGATE.sub("\ufffd", text)

    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    node[index] = mend(item)
                elif isinstance(item, dict | list):
                    stack.append(item)
        elif isinstance(node, dict):
            for key in list(node):
                value = node[key]
                if isinstance(value, str):
                    node[key] = value = mend(value)
                elif isinstance(value, dict | list):
                    stack.append(value)
                if isinstance(key, str) and (fixed := mend(key)) != key:
                    node[fixed] = node.pop(key)
    return mended


def _too_deep(path: Path) -> GlossatorError:
    return GlossatorError(f"{path} nests its JSON too deeply to be an annotation file; "
                          "nothing was imported")
