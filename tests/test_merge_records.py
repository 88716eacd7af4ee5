"""The merge's rules, one by one, on small hand-written records: what each side did is
kept, a clash is settled by the later `updated` with the other value kept beside it, and
both sides compute the same bytes."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from annotations.atomic import NONCE_KEY, database_bytes
from annotations.sync.merge import merge_bytes

MARKS = "articles/tram/annotations.json"
T0, T1, T2, T3 = ("2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z",
                  "2026-03-01T12:00:00Z")


def claim(mark_id: str = "m1", **fields: Any) -> dict[str, Any]:
    record = {"id": mark_id, "article": "tram", "kind": "claim", "exact": "9,000 passengers",
              "prefix": "carry ", "suffix": " a day", "start": 10, "end": 26, "paragraph": 1,
              "note": "", "tags": [], "speaker": "", "status": "unverified", "author": "ana",
              "created": T0, "updated": T0}
    record.update(fields)
    return record


def merge(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any],
          path: str = MARKS, names: tuple[str, str] = ("", "")) -> dict[str, Any]:
    """The merged tables; the same bytes whichever side is ours (checked on every call)."""
    ancestor = b"" if base is None else database_bytes(base)
    one = merge_bytes(path, ancestor, database_bytes(ours), database_bytes(theirs), names)
    other = merge_bytes(path, ancestor, database_bytes(theirs), database_bytes(ours),
                        names[::-1])
    assert one == other
    assert b"<<<<<<<" not in one and b">>>>>>>" not in one
    tables = json.loads(one)
    assert tables.pop(NONCE_KEY)
    return tables


def marks(*records: dict[str, Any]) -> dict[str, Any]:
    return {"annotations": {r["id"]: r for r in records}}


def edited(record: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {**copy.deepcopy(record), **fields}


# -- whole records -----------------------------------------------------------------------


def test_marks_added_on_either_side_are_all_kept():
    base = marks(claim("m1"))
    result = merge(base, marks(claim("m1"), claim("m2")), marks(claim("m1"), claim("m3")))
    assert set(result["annotations"]) == {"m1", "m2", "m3"}


def test_a_mark_deleted_on_one_side_and_unchanged_on_the_other_is_deleted():
    base = marks(claim("m1"), claim("m2"))
    result = merge(base, marks(claim("m1")), base)
    assert set(result["annotations"]) == {"m1"}


def test_a_mark_deleted_on_one_side_and_changed_on_the_other_is_kept_with_a_deleted_conflict():
    base = marks(claim("m1"), claim("m2"))
    changed = edited(claim("m2"), note="checked with the authority", updated=T2)
    result = merge(base, marks(claim("m1")), marks(claim("m1"), changed), names=("ana", "ben"))
    kept = result["annotations"]["m2"]
    assert kept["note"] == "checked with the authority"
    assert kept["conflicts"] == [{"field": "deleted", "value": True, "at": T2,
                                  "author": "ana", "kept_by": "ben"}]


def test_a_mark_deleted_on_both_sides_is_gone():
    base = marks(claim("m1"), claim("m2"))
    assert set(merge(base, marks(claim("m1")), marks(claim("m1")))["annotations"]) == {"m1"}


# -- fields ------------------------------------------------------------------------------


def test_fields_changed_on_one_side_only_are_taken_from_that_side():
    base = marks(claim())
    ours = marks(edited(claim(), note="ask the authority", updated=T1))
    theirs = marks(edited(claim(), status="disputed", updated=T2))
    result = merge(base, ours, theirs)["annotations"]["m1"]
    assert (result["note"], result["status"], result["updated"]) == ("ask the authority",
                                                                     "disputed", T2)
    assert "conflicts" not in result


def test_a_field_changed_on_both_takes_the_later_updated_and_keeps_the_other_value():
    base = marks(claim())
    ours = marks(edited(claim(), status="false", updated=T1))
    theirs = marks(edited(claim(), status="disputed", updated=T2))
    result = merge(base, ours, theirs, names=("ana", "ben"))["annotations"]["m1"]
    assert result["status"] == "disputed"
    assert result["conflicts"] == [{"field": "status", "value": "false", "base": "unverified",
                                    "updated": T1, "at": T2, "author": "ana", "kept_by": "ben"}]


def test_a_field_changed_on_both_to_the_same_value_is_no_conflict():
    base = marks(claim())
    ours = marks(edited(claim(), status="false", updated=T1))
    theirs = marks(edited(claim(), status="false", note="x", updated=T2))
    result = merge(base, ours, theirs)["annotations"]["m1"]
    assert (result["status"], result["note"]) == ("false", "x") and "conflicts" not in result


def test_a_clash_in_the_same_second_is_settled_the_same_way_on_both_sides():
    base = marks(claim())
    ours = marks(edited(claim(), note="mine", updated=T1))
    theirs = marks(edited(claim(), note="yours", updated=T1))
    result = merge(base, ours, theirs)["annotations"]["m1"]  # `merge` checks both orders
    assert {result["note"], result["conflicts"][0]["value"]} == {"mine", "yours"}


def test_a_field_one_side_removed_and_the_other_changed_is_a_conflict_without_a_value():
    base = marks(claim(origin="suggested"))
    ours = marks({k: v for k, v in claim(updated=T2).items()})  # "origin" dropped
    theirs = marks(claim(origin="imported", updated=T1))
    result = merge(base, ours, theirs)["annotations"]["m1"]
    assert "origin" not in result
    assert result["conflicts"][0] == {"field": "origin", "value": "imported",
                                      "base": "suggested", "updated": T1, "at": T2}


def test_a_mark_added_on_both_sides_under_one_id_is_merged_from_nothing():
    ours = marks(claim(note="a", updated=T1, created=T1))
    theirs = marks(claim(note="b", updated=T2, created=T0))
    result = merge(None, ours, theirs)["annotations"]["m1"]
    assert (result["note"], result["created"], result["updated"]) == ("b", T0, T2)
    assert result["conflicts"] == [{"field": "note", "value": "a", "updated": T1, "at": T2}]


def test_tags_are_merged_as_sets():
    base = marks(claim(tags=["funding", "transport"]))
    ours = marks(edited(claim(), tags=["funding", "transport", "numbers"], updated=T1))
    theirs = marks(edited(claim(), tags=["transport", "council"], updated=T2))
    result = merge(base, ours, theirs)["annotations"]["m1"]
    assert result["tags"] == ["transport", "council", "numbers"]  # funding removed, both added
    assert "conflicts" not in result


def test_the_place_of_a_mark_is_one_value_never_half_of_each_side():
    base = marks(claim())
    ours = marks(edited(claim(), start=40, end=56, prefix="now ", updated=T1))
    theirs = marks(edited(claim(), exact="9,500 passengers", end=26, suffix=" daily",
                          note="reworded", updated=T2))
    result = merge(base, ours, theirs)["annotations"]["m1"]
    assert (result["exact"], result["start"], result["prefix"], result["suffix"]) == (
        "9,500 passengers", 10, "carry ", " daily")
    (entry,) = result["conflicts"]
    assert entry["field"] == "place" and entry["value"]["start"] == 40
    assert entry["value"]["prefix"] == "now " and entry["base"]["start"] == 10


def test_history_and_conflicts_are_merged_as_sets_in_time_order():
    refresh = {"at": T1, "quote": "old words", "start": 1, "end": 5, "why": "refresh"}
    reattach = {"at": T2, "quote": "other words", "start": 3, "end": 9, "why": "reattach"}
    earlier = {"field": "note", "value": "x", "at": T0}
    later = {"field": "speaker", "value": "a2", "at": T3}
    base = marks(claim(conflicts=[earlier]))
    ours = marks(edited(claim(conflicts=[earlier]), history=[reattach], updated=T2))
    theirs = marks(edited(claim(conflicts=[later, earlier]), history=[refresh], updated=T1))
    result = merge(base, ours, theirs)["annotations"]["m1"]
    assert result["history"] == [refresh, reattach]
    assert result["conflicts"] == [earlier, later]


def test_a_conflict_settled_on_one_side_stays_settled():
    entry = {"field": "status", "value": "false", "at": T1}
    base = marks(claim(conflicts=[entry]))
    settled = edited(claim(), updated=T2)  # the entry dropped, as `resolve` does
    other = edited(claim(conflicts=[entry]), note="still working", updated=T3)
    result = merge(base, marks(settled), marks(other))["annotations"]["m1"]
    assert "conflicts" not in result and result["note"] == "still working"


# -- records without `updated` -----------------------------------------------------------


def actor(**fields: Any) -> dict[str, Any]:
    record = {"id": "a1", "name": "Dana Whitlock", "aliases": [], "type": "person",
              "description": "", "created": T0}
    record.update(fields)
    return record


def test_actors_without_updated_settle_a_clash_by_a_stable_rule_and_keep_both_names():
    base = {"actors": {"a1": actor()}}
    ours = {"actors": {"a1": actor(name="Councillor Dana Whitlock", aliases=["Whitlock"])}}
    theirs = {"actors": {"a1": actor(name="Dana M. Whitlock", aliases=["D. Whitlock"],
                                     description="Valley council")}}
    result = merge(base, ours, theirs, path="actors.json")["actors"]["a1"]
    names = {result["name"], result["conflicts"][0]["value"]}
    assert names == {"Councillor Dana Whitlock", "Dana M. Whitlock"}
    assert sorted(result["aliases"]) == ["D. Whitlock", "Whitlock"]
    assert result["description"] == "Valley council"
    assert "updated" not in result["conflicts"][0] and "at" not in result["conflicts"][0]


def test_article_metadata_merges_field_by_field_and_authors_are_one_value():
    article = {"id": "tram", "title": "Tram", "authors": ["Orla Brennan"], "tags": ["transport"],
               "content_hash": "h1", "text_hash": "t1", "format": "markdown", "added": T0}
    base = {"articles": {"tram": article}, "meta": {"schema": {"version": 1, "created": T0}}}
    ours = copy.deepcopy(base)
    ours["articles"]["tram"].update(title="Tram extension", authors=["Orla Brennan", "Kofi Mensah"])
    theirs = copy.deepcopy(base)
    theirs["articles"]["tram"].update(authors=["Kofi Mensah", "Orla Brennan"], tags=["planning"])
    result = merge(base, ours, theirs, path="library.json")["articles"]["tram"]
    assert result["title"] == "Tram extension" and result["tags"] == ["planning"]
    assert result["conflicts"][0]["field"] == "authors"
    assert {tuple(result["authors"]), tuple(result["conflicts"][0]["value"])} == {
        ("Orla Brennan", "Kofi Mensah"), ("Kofi Mensah", "Orla Brennan")}


@pytest.mark.parametrize("path, table", [("articles/x/rejected.json", "rejected"),
                                         ("library.json", "meta")])
def test_rejections_and_the_schema_record_merge_without_conflicts(path, table):
    base = {table: {"k": {"at": T0, "kind": "claim"}}}
    ours = {table: {"k": {"at": T1, "kind": "claim"}, "k2": {"at": T1}}}
    theirs = {table: {"k": {"at": T2, "kind": "claim"}}}
    ancestor = json.dumps(base).encode()
    one = merge_bytes(path, ancestor, json.dumps(ours).encode(), json.dumps(theirs).encode())
    two = merge_bytes(path, ancestor, json.dumps(theirs).encode(), json.dumps(ours).encode())
    assert one == two
    result = json.loads(one)[table]
    assert set(result) == {"k", "k2"} and "conflicts" not in result["k"]
