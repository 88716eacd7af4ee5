"""After a merge: an article both teammates refreshed into different texts.

The merge of the article's record keeps one body (its `content_hash`, `text_hash`,
`format`, `body_added` and `source` are one value: records.py) and lists the other in the
record's `conflicts`. Two things follow that no single file's merge can see:

- the body set aside must not be lost: it is kept as a version of the article (an entry
  of its versions.json and a file in versions/), as a refresh keeps the body it replaces,
  so `glossator conflicts --resolve ID:body --keep other` can bring it back;
- each side's refresh found every mark again in its own text, so the marks' places clash
  too, but only because they followed different bodies: a place anchored in a text the
  merge did not keep is not a choice for a person to make. The place the kept body's side
  found wins, without a conflict; a mark placed in the other text only is found again in
  the kept one afterwards (reanchoring.py), as after any teammate's refresh.

A place one side chose by hand (a mark re-attached) while the other refreshed stays a
conflict: only places a side's own refresh computed follow the body.

Both teammates compute the same bytes: everything is read from the two sides, the common
ancestor and the merged records, never from the clock or from which side is "ours".
"""

from __future__ import annotations

import hashlib
from typing import Any

from annotations.atomic import dump_json
from annotations.store import BODY_FILES
from annotations.sync.changes import quoted
from annotations.sync.merged_files import (
    LIBRARY_FILE,
    MARKS_FILE,
    VERSIONS_FILE,
    MergedFiles,
    bytes_of,
    parsed_json,
)
from annotations.sync.reanchoring import same_text
from annotations.sync.records import CONFLICTS, PLACE, canonical_text

BODY_GROUP, PLACE_GROUP = "body", "place"


def keep_set_aside_bodies(files: MergedFiles) -> list[str]:
    """Every body a `body` conflict set aside, kept as a version of its article (unless a
    version holds it already); one line per article."""
    done = []
    articles = files.table(LIBRARY_FILE)
    for article_id in sorted(articles):
        record = articles[article_id]
        if not isinstance(record, dict):
            continue
        for entry in _entries(record, BODY_GROUP):
            line = _keep_as_version(files, article_id, record, entry)
            if line:
                done.append(line)
    return done


def _keep_as_version(files: MergedFiles, article_id: str, record: dict[str, Any],
                     entry: dict[str, Any]) -> str:
    other = entry.get("value")
    if not isinstance(other, dict) or not other.get("content_hash"):
        return ""
    wanted = str(other["content_hash"])
    if wanted == record.get("content_hash"):
        return ""
    relative = f"articles/{article_id}/{VERSIONS_FILE}"
    found = parsed_json(files.writes.get(relative) or bytes_of(files.folder / relative))
    versions = [v for v in found if isinstance(v, dict)] if isinstance(found, list) else []
    if any(v.get("content_hash") == wanted for v in versions):
        return ""
    body = _body_of(files, article_id, wanted)
    if body is None:
        return ""
    format = str(other.get("format") or record.get("format") or "")
    number = max((v["number"] for v in versions if type(v.get("number")) is int), default=0) + 1
    name = _free_name(number, format, {str(v.get("file")) for v in versions})
    # When it stopped being current: when the later of the two bodies was read, the same
    # time on both machines (the merge itself has no time both know).
    saved = max(str(other.get("body_added") or ""), str(record.get("body_added") or ""),
                str(record.get("added") or ""))
    version = {"number": number, "saved": saved,
               "added": str(other.get("body_added") or record.get("added") or ""),
               "content_hash": wanted, "text_hash": str(other.get("text_hash") or ""),
               "format": format, "source": str(other.get("source") or ""), "file": name}
    files.writes[f"articles/{article_id}/versions/{name}"] = body
    files.writes[relative] = dump_json([*versions, version])
    whose = f"{entry['author']}'s" if entry.get("author") else "the other"
    return (f"articles/{article_id}: both sides refreshed {quoted(str(record.get('title') or article_id))} "
            f"into different texts; {whose} is kept as version {number} (`glossator conflicts "
            f"--resolve {article_id}:body --keep other` makes it the current text)")


def _body_of(files: MergedFiles, article_id: str, content_hash: str) -> bytes | None:
    """The body of this hash, as a side (or the common ancestor) has it as the article's."""
    for tree in files.trees():
        record = files.earlier_article(tree, article_id)
        if not isinstance(record, dict) or record.get("content_hash") != content_hash:
            continue
        body = tree(f"articles/{article_id}/{BODY_FILES.get(str(record.get('format')), 'body.md')}")
        if body is not None and hashlib.sha256(body).hexdigest() == content_hash:
            return body
    return None


def _free_name(number: int, format: str, taken: set[str]) -> str:
    suffix = BODY_FILES.get(format, "body.md").removeprefix("body")
    name, n = f"{number}{suffix}", 2
    while name in taken:
        name, n = f"{number}-{n}{suffix}", n + 1
    return name


def places_follow_bodies(files: MergedFiles) -> int:
    """Place conflicts this merge made only because the two sides refreshed the article
    into different texts, settled for the kept body; how many."""
    if len(files.sides) < 2:
        return 0
    settled = 0
    for article_id, record, marks in files.marked_articles():
        sides = [files.earlier_article(tree, article_id) for tree in files.sides]
        if not all(isinstance(r, dict) for r in sides) or same_text(sides[0], sides[1]):
            continue  # the usual case: both sides have the article in one text
        base = files.earlier_article(files.base, article_id) if files.base else None
        if not isinstance(base, dict):
            continue
        refreshed = [not same_text(side, base) for side in sides]
        kept = [same_text(side, record) for side in sides]
        marks_path = f"articles/{article_id}/{MARKS_FILE}"
        side_marks = [files.earlier_table(tree, marks_path, "annotations") for tree in files.sides]
        for mark_id in sorted(marks):
            mark = marks[mark_id]
            if isinstance(mark, dict) and _follow_body(mark, [m.get(mark_id) for m in side_marks],
                                                       refreshed, kept):
                settled += 1
                files.touch(marks_path)
    return settled


def _follow_body(mark: dict[str, Any], on_sides: list[Any], refreshed: list[bool],
                 kept: list[bool]) -> bool:
    """Drop the mark's place conflicts made by two refreshes (taking the place found in the
    kept body where the current one was found in the other); whether any went."""
    if not all(isinstance(m, dict) for m in on_sides):
        return False
    earlier = {canonical_text(e) for m in on_sides for e in _entries(m, PLACE_GROUP)}
    places = [_place(m) for m in on_sides]
    dropped = []
    for entry in _entries(mark, PLACE_GROUP):
        if canonical_text(entry) in earlier:
            continue  # a conflict of an earlier merge: not this one's to settle
        value = entry.get("value")
        loser = next((n for n, place in enumerate(places) if place == value), None)
        if loser is None:
            continue
        winner = 1 - loser
        if refreshed[loser] and not kept[loser]:
            dropped.append(entry)  # its place followed a body the merge did not keep
        elif kept[loser] and refreshed[winner] and not kept[winner]:
            for name in PLACE:  # the place found in the kept body, rather than in the other
                if name in value:
                    mark[name] = value[name]
                else:
                    mark.pop(name, None)
            dropped.append(entry)
    if not dropped:
        return False
    gone = {canonical_text(e) for e in dropped}
    remaining = [e for e in mark.get(CONFLICTS) or [] if canonical_text(e) not in gone]
    if remaining:
        mark[CONFLICTS] = remaining
    else:
        mark.pop(CONFLICTS, None)
    return True


def _entries(record: dict[str, Any], group: str) -> list[dict[str, Any]]:
    found = record.get(CONFLICTS)
    return [e for e in found if isinstance(e, dict) and e.get("field") == group] \
        if isinstance(found, list) else []


def _place(record: dict[str, Any]) -> dict[str, Any]:
    return {name: record[name] for name in PLACE if name in record}

