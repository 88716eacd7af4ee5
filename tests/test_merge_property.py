"""The merge as a property: from a random library, two teammates make random changes
offline (marks added, edited, tagged, deleted; statuses; speakers; actors renamed,
described, merged; articles retitled, removed, added), and the two sides are merged as
git and the driver merge them, then repaired. Whatever either side kept is there, every
field both changed differently is listed as a conflict, the library opens and the doctor
finds nothing, no file holds a conflict marker, and both sides end with the same bytes."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.atomic import NONCE_KEY, database_bytes
from annotations.backup.doctor import examine
from annotations.model import CLAIM, CLAIM_STATUSES, QUESTION_STATUSES, Actor, Tag, normalise_name
from annotations.store import Library
from annotations.sync.records import BODY, MISSING, PLACE
from reader.document.cache import load_document
from tests.helpers.library import SAMPLE_MARKDOWN, add_sample, mark
from tests.test_merge_repair import library_files, merge_folders

SECOND = ("# Harbour dredging resumes\n\nThe council said dredging would resume in May, "
          "after the auditor cleared the disposal licence.\n\nFishermen fear the channel "
          "will close for the winter.\n")
THIRD = "# Ferry subsidy cut\n\nThe island ferry loses its subsidy in July, the minister said.\n"
FOURTH = "# Ferry subsidy cut\n\nIslanders protested as the ferry subsidy ends in July.\n"
"""Another outlet's story under the same title: the same article id, another article."""
TEXTS = {"harbour": SECOND, "ferry": THIRD, "ferry-b": FOURTH}
QUOTES = {
    "tram": ["9,000 passengers a day", "wildly optimistic", "Construction is due to start",
             "the bus network", "has not published the cost", "Who will pay"],
    "harbour": ["dredging would resume in May", "the auditor cleared", "Fishermen fear",
                "close for the winter"],
    "ferry": ["loses its subsidy in July", "the minister said"],
    "ferry-b": ["Islanders protested", "ends in July"],
}
UPDATES = ["An update was added at the top of this story, shifting everything below it.",
           "Correction: an earlier version of this story gave the wrong date."]
NAMES = ["Dana Whitlock", "Kofi Mensah", "Orla Brennan", "the regional authority", "Ana Pereira"]
TAGS = ["funding", "numbers", "council"]

times = st.integers(0, 30).map(lambda s: f"2026-05-01T10:00:{s:02d}Z")
index = st.integers(0, 4)  # few choices: the two sides often pick the same mark
edits = st.one_of(  # what two teammates most often both do: edit the same things
    st.tuples(st.just("note"), index, st.sampled_from(["check", "call the council", ""]), times),
    st.tuples(st.just("status"), index, index, times),
    st.tuples(st.just("tag"), index, st.sampled_from(TAGS), st.booleans(), times),
    st.tuples(st.just("speaker"), index, index, times),
    st.tuples(st.just("rename"), index, st.sampled_from(NAMES)),
    st.tuples(st.just("describe"), index, st.sampled_from(["reporter", "councillor", ""])),
    st.tuples(st.just("retitle"), index, st.sampled_from(["Tram", "Harbour", "Valley"])),
)
growth = st.one_of(
    st.tuples(st.just("add"), index, index, st.sampled_from([CLAIM, "question", "funding"]), times),
    st.tuples(st.just("alias"), index, st.sampled_from(["Whitlock", "K. Mensah", "RA"])),
    st.tuples(st.just("new_actor"), st.sampled_from(NAMES)),
    st.tuples(st.just("article_tag"), index, st.sampled_from(TAGS)),
    st.tuples(st.just("add_article"), st.sampled_from(sorted(TEXTS))),
)
removals = st.one_of(
    st.tuples(st.just("delete"), index),
    st.tuples(st.just("merge_actors"), index, index),
    st.tuples(st.just("remove_article"), index),
)
refreshes = st.tuples(st.just("refresh"), index, st.integers(0, len(UPDATES) - 1))
"""An article read again from its source, which a paragraph was added to: every mark moves."""
operations = st.one_of(edits, edits, growth, removals, refreshes)
changes = st.lists(operations, max_size=12)
base_changes = st.lists(st.one_of(growth, growth, edits), max_size=10)


def build_base(folder: Path, sources: Path) -> None:
    library = Library.open(folder)
    tram = add_sample(library, sources)
    add_sample(library, sources, "harbour.md", SECOND)
    library.save_tag(Tag("funding", "#aa0000"))
    for n, name in enumerate(NAMES[:3]):
        library.save_actor(Actor(name=name, id=f"actor-{n}"))
    mark(library, tram, "9,000 passengers a day", note="first")
    mark(library, tram, "wildly optimistic", speaker="actor-0")


def apply(library: Library, op: tuple[Any, ...], sources: Path,
          shared: frozenset[str] = frozenset()) -> None:
    """One change, as the reader or a command would make it. Marks and actors both sides
    started from (`shared`) come first, so the two sides often change the same one."""
    kind, *args = op
    articles = library.articles()
    marks = sorted((m for a in articles for m in library.annotations(a.id)),
                   key=lambda m: (m.id not in shared, m.id))
    actors = sorted(library.actors(), key=lambda a: (a.id not in shared, a.id))
    if kind == "add" and articles:
        article = articles[args[0] % len(articles)]
        quotes = QUOTES[_source(library, article)]
        new = mark(library, article, quotes[args[1] % len(quotes)], kind=args[2])
        new.updated = args[3]
        library.save_annotation(new, touch=False)
    elif kind in ("note", "status", "tag", "speaker") and marks:
        chosen = marks[args[0] % len(marks)]
        if kind == "note":
            chosen.note = args[1]
        elif kind == "status":
            statuses = CLAIM_STATUSES if chosen.kind == CLAIM else QUESTION_STATUSES
            chosen.status = statuses[args[1] % len(statuses)]
        elif kind == "tag":
            if args[2] and args[1] not in chosen.tags:
                chosen.tags.append(args[1])
                if library.tag(args[1]) is None:
                    library.save_tag(Tag(args[1]))
            elif not args[2] and args[1] in chosen.tags:
                chosen.tags.remove(args[1])
        elif kind == "speaker" and actors and chosen.kind == CLAIM:
            chosen.speaker = actors[args[1] % len(actors)].id
        chosen.updated = args[-1]
        library.save_annotation(chosen, touch=False)
    elif kind == "delete" and marks:
        chosen = marks[args[0] % len(marks)]
        library.delete_annotation(chosen.article, chosen.id)
    elif kind in ("rename", "describe", "alias") and actors:
        actor = actors[args[0] % len(actors)]
        if kind == "rename":
            actor.name = args[1]
        elif kind == "describe":
            actor.description = args[1]
        elif args[1] not in actor.aliases:
            actor.aliases.append(args[1])
        library.save_actor(actor)
    elif kind == "merge_actors" and len(actors) > 1:
        source = actors[args[0] % len(actors)]
        target = actors[args[1] % len(actors)]
        if source.id != target.id:
            merge_actors(library, source, target)
    elif kind == "new_actor":
        library.save_actor(Actor(name=args[0]))
    elif kind in ("retitle", "article_tag", "remove_article") and articles:
        article = articles[args[0] % len(articles)]
        if kind == "remove_article":
            library.remove_article(article.id)
            return
        if kind == "retitle":
            article.title = args[1]
        elif args[1] not in article.tags:
            article.tags.append(args[1])
        library.update_article(article)
    elif kind == "add_article" and not any(a.source.endswith(f"/{args[0]}.md") for a in articles):
        add_sample(library, sources, f"{args[0]}.md", TEXTS[args[0]])
    elif kind == "refresh" and articles:
        from reader.cli.refreshing import refresh

        article = articles[args[0] % len(articles)]
        stem = _source(library, article)
        source = sources / f"refreshed-{args[1]}" / f"{stem}.md"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(refreshed_text(stem, args[1]), encoding="utf-8")
        refresh(library, article, source=str(source))


def refreshed_text(stem: str, update: int) -> str:
    """The source of an article with one of the `UPDATES` as its first paragraph."""
    lines = {"tram": SAMPLE_MARKDOWN, **TEXTS}[stem].split("\n")
    title = next(n for n, line in enumerate(lines) if line.startswith("# "))
    lines.insert(title + 1, "\n" + UPDATES[update])
    return "\n".join(lines)


def _source(library: Library, article) -> str:
    return Path(article.source).stem if article.source else "tram"


def merge_actors(library: Library, source: Actor, target: Actor) -> None:
    """What `glossator actors merge` does to the files: marks follow, names become aliases,
    the merged id is remembered, the source actor goes."""
    for article in library.articles():
        moved = []
        for m in library.annotations(article.id):
            if source.id in (m.speaker, m.actor):
                m.speaker = target.id if m.speaker == source.id else m.speaker
                m.actor = target.id if m.actor == source.id else m.actor
                moved.append(m)
        if moved:
            library.save_annotations(article.id, moved)
    target.aliases = [*target.aliases, *(n for n in source.names() if n not in target.names())]
    target.extra["merged_ids"] = [*target.extra.get("merged_ids", []), source.id]
    library.save_actor(target)
    data = json.loads((library.folder / "actors.json").read_bytes())
    data.pop(NONCE_KEY, None)
    del data["actors"][source.id]
    with library.transaction("merge actors") as change:
        change.write(library.folder / "actors.json", database_bytes(data))


# -- what the result must hold -----------------------------------------------------------


def records(folder: Path, name: str) -> dict[str, dict[str, Any]]:
    """Records of one kind in a library folder: marks (by id, with their file's article),
    articles, actors."""
    if name == "marks":
        found = {}
        for path in sorted((folder / "articles").glob("*/annotations.json")):
            for key, record in json.loads(path.read_bytes()).get("annotations", {}).items():
                assert key not in found, f"mark {key} in two articles"
                found[key] = {**record, "_file": path.parent.name}
        return found
    file, table = {"articles": ("library.json", "articles"), "actors": ("actors.json", "actors")}[name]
    path = folder / file
    return json.loads(path.read_bytes()).get(table, {}) if path.exists() else {}


def marks_files(folder: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in (folder / "articles").glob("*/annotations.json")}


SKIPPED = {"updated", "created", "conflicts", "history", "article", "speaker", "actor", "_file",
           "tags", "aliases", "merged_ids", "added", "keywords"}


def check_fields(kind: str, key: str, base: dict | None, ours: dict, theirs: dict,
                 merged: dict, moved: bool = False, took_in: bool = False) -> None:
    """Each field: one side's change taken; a clash settled with the other value listed.
    A mark of an article whose body changed (`moved`) may have been found again in the
    merged body: its place is checked by the doctor (its words at its offsets) instead.
    An actor that `took_in` another of its name holds that one's description too."""
    entries = merged.get("conflicts", [])
    group = {"marks": ("place", PLACE), "articles": ("body", BODY)}.get(kind)
    skipped = SKIPPED | ({"description"} if took_in else set())
    fields: list[tuple[str, tuple[str, ...]]] = [
        (f, (f,)) for f in set(ours) | set(theirs) | set(base or {})
        if f not in skipped and not (group and f in group[1])]
    if group and not moved:
        fields.append(group)
    for name, group in fields:
        def value(record, group=group):
            return tuple(record.get(f, MISSING) for f in group) if record is not None else None
        vo, va, vb, vm = value(base), value(ours), value(theirs), value(merged)
        if va == vb:
            expected = [va]
        elif vo is not None and va == vo:
            expected = [vb]
        elif vo is not None and vb == vo:
            expected = [va]
        else:
            expected = [va, vb]
            other = vb if vm == va else va
            listed = [tuple(e["value"].get(f, MISSING) for f in group) if len(group) > 1
                      else (e.get("value", MISSING),) for e in entries if e["field"] == name]
            assert other in listed, f"{kind} {key}: the clash on {name} is not listed"
        assert vm in expected, f"{kind} {key}: {name} is {vm}, expected one of {expected}"


def folded_actors(merged: dict[str, dict]) -> dict[str, str]:
    """Actors the repair made one with another of the same name (two teammates each made
    "Dana Whitlock"): old id → the actor that took it in, which keeps its record."""
    found = {}
    for key, record in merged.items():
        for old, was in (record.get("merged_actors") or {}).items():
            if normalise_name(was.get("name", "")) == normalise_name(record.get("name", "")):
                found[old] = key
    return found


def check_kept(kind: str, base: Path, ours: Path, theirs: Path, merged: Path) -> None:
    o, a, b, m = (records(f, kind) for f in (base, ours, theirs, merged))
    files = [marks_files(f) for f in (base, ours, theirs)] if kind == "marks" else None
    folded = folded_actors(m) if kind == "actors" else {}
    bodies = [{k: r.get("content_hash") for k, r in records(f, "articles").items()}
              for f in (base, ours, theirs, merged)]
    refreshed = {k for body in bodies for k in body if len({b.get(k) for b in bodies}) > 1}
    for key in sorted(set(a) | set(b)):
        mine, other, before = a.get(key), b.get(key), o.get(key)
        if kind == "articles" and mine and other and before is None and \
                mine["content_hash"] != other["content_hash"]:
            # Two articles added under one id: two articles after the merge.
            hashes = {r["content_hash"] for r in m.values()}
            assert {mine["content_hash"], other["content_hash"]} <= hashes, f"article {key} lost"
            continue
        if key in folded:
            continue  # one actor now with another of its name, which holds its record
        if mine is not None and other is not None:
            assert key in m, f"{kind} {key}: kept on both sides, lost"
            check_fields(kind, key, before, mine, other, m[key],
                         moved=kind == "marks" and m[key]["_file"] in refreshed,
                         took_in=key in folded.values())
            continue
        kept, side = (mine, 1) if mine is not None else (other, 2)
        if kind == "articles" and key not in m and any(
                r["content_hash"] == kept["content_hash"] for r in m.values()):
            # The same source the other side added under another id: folded into one article
            # (its marks are checked as marks).
            continue
        if before is None:
            assert key in m, f"{kind} {key}: added on one side, lost"
        elif _strip(kept) != _strip(before):
            assert key in m, f"{kind} {key}: changed on one side, deleted on the other, lost"
            assert any(e["field"] == "deleted" for e in m[key].get("conflicts", [])) or (
                files is not None and kept["_file"] not in files[3 - side])
        elif files is not None and kept["_file"] in files[3 - side] and key in m:
            # Deleted by itself on the other side (not with its article): deleted.
            pytest.fail(f"mark {key}: deleted on one side, unchanged on the other, kept")


def _strip(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "_file"}


def check_library(folder: Path) -> None:
    library = Library.open(folder)
    problems = examine(folder, lambda article: load_document(library, article).text).problems
    assert problems == [], [p.line() for p in problems]
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"<<<<<<<" not in path.read_bytes() and b">>>>>>>" not in path.read_bytes()


def run_merge(base_changes, ours_changes, theirs_changes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        sources = root / "sources"
        base, ours, theirs = root / "base", root / "ours", root / "theirs"
        build_base(base, sources)
        for op in base_changes:
            apply(Library.open(base), op, sources)
        shutil.copytree(base, ours)
        shutil.copytree(base, theirs)
        shared = frozenset([*records(base, "marks"), *records(base, "actors")])
        for op in ours_changes:
            apply(Library.open(ours), op, sources, shared)
        for op in theirs_changes:
            apply(Library.open(theirs), op, sources, shared)
        merge_folders(base, ours, theirs, root / "merged")
        merge_folders(base, theirs, ours, root / "merged-the-other-way")
        assert library_files(root / "merged") == library_files(root / "merged-the-other-way")
        check_library(root / "merged")
        for kind in ("marks", "articles", "actors"):
            check_kept(kind, base, ours, theirs, root / "merged")


QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(base_changes, changes, changes)
def test_two_sides_changing_a_library_at_random_merge_without_losing_anything(base, ours, theirs):
    run_merge(base, ours, theirs)


@pytest.mark.slow
@THOROUGH
@given(base_changes, st.lists(operations, max_size=40), st.lists(operations, max_size=40))
def test_two_sides_changing_a_library_at_random_merge_without_losing_anything_thoroughly(
        base, ours, theirs):
    run_merge(base, ours, theirs)


def test_the_example_the_issue_names_two_teammates_at_one_claim(tmp_path):
    """A fixed case the property also covers, readable on its own."""
    run_merge([], [("status", 0, 2, "2026-05-01T10:00:05Z"), ("add", 0, 3, CLAIM,
                                                               "2026-05-01T10:00:06Z")],
              [("status", 0, 3, "2026-05-01T10:00:09Z"), ("note", 0, "call the council",
                                                          "2026-05-01T10:00:09Z")])


def test_sample_text_quotes_are_in_the_texts():
    assert all(q in SAMPLE_MARKDOWN.replace("**", "") for q in QUOTES["tram"])
    assert all(q in TEXTS[key] for key in TEXTS for q in QUOTES[key])


def test_both_refreshing_one_article_twice_keeps_every_earlier_body_whole():
    """Version 2 is a different body on each side: both are kept, each in a file of its own
    (the doctor checks every earlier body against its hash), the same on both sides."""
    run_merge([], [("refresh", 0, 0), ("refresh", 0, 1)], [("refresh", 0, 1), ("refresh", 0, 0)])


def test_marks_made_while_the_other_side_refreshed_hold_their_words_in_the_merged_body():
    run_merge([], [("refresh", 0, 0), ("add", 0, 2, CLAIM, "2026-05-01T10:00:05Z")],
              [("add", 0, 3, "question", "2026-05-01T10:00:06Z"), ("refresh", 0, 1)])
