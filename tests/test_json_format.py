"""Library files are canonical JSON: sorted, one field a line, the same bytes for the same
data, so a git diff shows the one mark that changed and a merge stays local."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.atomic import NONCE_KEY, AtomicJSONStorage, database_bytes, dump_json, file_stamp
from annotations.model import Actor
from annotations.store import Library
from tests.helpers.library import add_sample, mark


def marks_path(library: Library, article_id: str) -> Path:
    return library.article_folder(article_id) / "annotations.json"


def keys_in_order(raw: bytes) -> list[list[str]]:
    found: list[list[str]] = []
    json.loads(raw, object_pairs_hook=lambda pairs: found.append([k for k, _ in pairs]) or dict(pairs))
    return found


def test_a_marks_file_is_pretty_sorted_utf8_with_lf_and_a_final_newline(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day", note="Zahl prüfen — é", tags=["b", "a"])
    raw = marks_path(library, article.id).read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith('{\n "_written": "') and text.endswith("\n }\n}\n")
    assert b"\r" not in raw and "prüfen — é" in text  # raw UTF-8, not \u escapes
    for keys in keys_in_order(raw):
        assert keys == sorted(keys) or keys[0] == NONCE_KEY and keys[1:] == sorted(keys[1:])
    lines = text.splitlines()
    assert f'  "{claim.id}": {{' in lines
    assert '   "note": "Zahl prüfen — é",' in lines
    assert '   "tags": ["b", "a"],' in lines  # a list is a value: on its field's line, in order
    assert all(line.startswith("   ") for line in lines[4:-3] if line.strip() not in ("},", "}"))


def test_changing_one_mark_changes_only_its_lines(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    first = mark(library, article, "9,000 passengers a day")
    mark(library, article, "wildly optimistic")
    mark(library, article, "Construction is due to start in spring")
    before = marks_path(library, article.id).read_text("utf-8").splitlines()
    first.status, first.updated = "disputed", "2030-01-01T00:00:00Z"
    library.save_annotation(first, touch=False)
    after = marks_path(library, article.id).read_text("utf-8").splitlines()
    changes = [op for op in difflib.SequenceMatcher(a=before, b=after).get_opcodes()
               if op[0] != "equal"]
    changed = [line for _, _, _, j1, j2 in changes for line in range(j1, j2)]
    opening = after.index(f'  "{first.id}": {{')
    block = range(opening, next(i for i in range(opening, len(after)) if after[i] in ("  },", "  }")))
    assert changed[0] == 1  # the write token
    assert all(line in block for line in changed[1:]) and len(changed) == 3
    assert {after[line].split(":")[0].strip() for line in changed} == {
        '"_written"', '"status"', '"updated"'}


def test_the_same_data_is_the_same_bytes_and_a_save_that_changes_nothing_is_no_change(
        library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "9,000 passengers a day")
    path = marks_path(library, article.id)
    before = path.read_bytes()
    library.save_annotation(claim, touch=False)
    assert path.read_bytes() == before  # git sees no change
    data = {"annotations": {"b": {"y": 1, "x": 2}, "a": {"k": "v"}}}
    shuffled = {"annotations": {"a": {"k": "v"}, "b": {"x": 2, "y": 1}}}
    assert database_bytes(data) == database_bytes(shuffled)
    assert database_bytes(data) != database_bytes({"annotations": {"a": {"k": "w"}}})


def test_the_write_token_is_first_whatever_the_tables_are_called():
    raw = database_bytes({"Alpha": {}, "0": {}, "actors": {}})
    assert raw.startswith(b'{\n "_written": "')
    assert keys_in_order(raw)[-1] == [NONCE_KEY, "0", "Alpha", "actors"]
    empty = database_bytes({})
    assert empty.startswith(b'{\n "_written": "') and empty.endswith(b'"\n}\n')


def test_another_writer_is_still_noticed_by_the_stamp_check(tmp_path):
    path = tmp_path / "actors.json"
    mine, theirs = AtomicJSONStorage(path), AtomicJSONStorage(path)
    mine.write({"actors": {"a": {"name": "Ana"}}})
    assert mine.read() == {"actors": {"a": {"name": "Ana"}}}
    theirs.write({"actors": {"a": {"name": "Ana"}, "b": {"name": "Ben"}}})
    assert set(mine.read()["actors"]) == {"a", "b"}
    stamp = file_stamp(path)
    assert stamp is not None and bytes.fromhex(str(stamp[0])).startswith(b'{\n "_written": "')
    theirs.write({"actors": {"a": {"name": "Ana"}, "b": {"name": "Bea"}}})  # same size
    assert file_stamp(path) != stamp
    assert mine.read()["actors"]["b"] == {"name": "Bea"}


def test_an_old_compact_file_reads_as_before_and_is_rewritten_canonically(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    old = mark(library, article, "9,000 passengers a day")
    path = marks_path(library, article.id)
    compact = json.dumps({NONCE_KEY: "0123456789abcdef",
                          "annotations": {old.id: old.to_record()}},
                         ensure_ascii=False, separators=(",", ":"))
    path.write_text(compact, encoding="utf-8")
    (library.folder / "actors.json").write_text(json.dumps(
        {"_written": "fedcba9876543210", "actors": {"x": Actor(name="Dana", id="x").to_record()}},
        separators=(",", ":")))
    reopened = Library.open(library.folder)
    assert [a.id for a in reopened.annotations(article.id)] == [old.id]
    assert reopened.actor("x").name == "Dana"
    mark(reopened, article, "wildly optimistic")
    raw = path.read_bytes()
    assert raw == database_bytes(json.loads(raw)) and len(reopened.annotations(article.id)) == 2


def test_flat_records_are_laid_out_as_json_dumps_indent_1_sorted_would():
    flat = {"rejected": {"claim:x": {"at": "2026-01-01T00:00:00Z", "kind": "claim", "quote": "x"}},
            "version": 1, "empty": {}, "list": []}
    assert dump_json(flat).decode() == json.dumps(flat, indent=1, sort_keys=True,
                                                  ensure_ascii=False) + "\n"


def test_a_list_file_and_deep_values_are_laid_out_one_record_a_line_deep_values_inline():
    versions = [{"number": 1, "file": "1.md"}, {"number": 2, "file": "2.md"}]
    assert dump_json(versions).decode() == (
        '[\n {\n  "file": "1.md",\n  "number": 1\n },\n {\n  "file": "2.md",\n  "number": 2\n }\n]\n')
    mark_record = {"history": [{"why": "refresh", "at": "t", "end": 2}, {"at": "u"}],
                   "tags": ["z", "a"], "counts": {"b": 1, "a": 2}}
    text = database_bytes({"annotations": {"m": mark_record}}).decode()
    assert '   "history": [{"at": "t", "end": 2, "why": "refresh"}, {"at": "u"}],\n' in text
    assert '   "counts": {"a": 2, "b": 1},\n' in text


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) |
    st.text(alphabet=st.sampled_from('ab}{,\n "\\é:[]'), max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                 max_size=3),
    max_leaves=6)
_records = st.dictionaries(st.text(alphabet="abc}{,\n \"", max_size=4), _values, max_size=5)
_tables = st.dictionaries(st.sampled_from(["annotations", "actors", "Zed", "_a"]),
                          st.dictionaries(st.text(max_size=4), _records, max_size=5), max_size=3)


@settings(max_examples=300, deadline=None)
@given(_tables)
def test_any_tables_round_trip_in_the_documented_layout(tables):
    raw = database_bytes(tables)
    back = json.loads(raw)
    assert back.pop(NONCE_KEY) and back == tables
    assert raw == database_bytes(_reversed(tables))  # insertion order does not matter
    assert dump_json(tables) == _layout(tables).encode("utf-8")
    lines = raw.split(b"\n")
    assert lines[1].startswith(b' "_written": "')
    if tables:  # the token's line aside, the file is `dump_json` of its tables
        assert b"\n".join([lines[0], *lines[2:]]) == dump_json(tables)


def _layout(data, level=0):
    """The layout as the module's docstring states it, written the plain way."""
    if level >= 3 or not isinstance(data, dict | list) or not data:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    else:
        pad = " " * (level + 1)
        items = ([f"{pad}{json.dumps(k, ensure_ascii=False)}: {_layout(data[k], level + 1)}"
                  for k in sorted(data)] if isinstance(data, dict)
                 else [pad + _layout(item, level + 1) for item in data])
        brackets = "{}" if isinstance(data, dict) else "[]"
        text = brackets[0] + "\n" + ",\n".join(items) + "\n" + " " * level + brackets[1]
    return text + "\n" if level == 0 else text


def _reversed(value):
    if isinstance(value, dict):
        return {k: _reversed(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed(v) for v in value]
    return value
