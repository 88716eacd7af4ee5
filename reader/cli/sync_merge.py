"""Commands of the merge of a shared library: merge-file (git's merge driver) and
conflicts (what a merge kept for a person to settle)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from annotations.textsafety import inert
from reader.cli.main import emit, emit_json, library_option, main, open_library


@main.command("merge-file")
@click.argument("ancestor", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path")
def merge_file(ancestor: Path, ours: Path, theirs: Path, path: str) -> None:
    """Merge a library file record by record, the result written over OURS (git's merge
    driver: %O %A %B %P).

    Installed in a library's git repository by `glossator sync`, as
    `merge.glossator.driver = "<python> -m reader merge-file %O %A %B %P"` with
    `merge=glossator` for the library's JSON files in .gitattributes. Exit status 0:
    merged (clashes are kept in the records' conflicts, never as conflict markers). Exit
    status 1, with one line: a file it does not understand (not a library file, damaged,
    or written by a newer glossator); OURS is left as it was and git keeps its conflict.
    """
    from annotations.sync.merge import merge_files

    merge_files(ancestor, ours, theirs, path)


@main.command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@click.option("--resolve", "ref", metavar="REF", help="Settle the conflict REF (as listed).")
@click.option("--keep", type=click.Choice(["current", "other"]),
              help="With --resolve: keep the current value or the other one.")
@library_option
@click.pass_context
def conflicts_command(ctx: click.Context, as_json: bool, ref: str | None, keep: str | None,
                      library: Path | None) -> None:
    """Fields two teammates changed differently: the value kept, the other, who and when."""
    from annotations.errors import GlossatorError
    from annotations.sync.conflicts import conflicts, find_conflict, resolve
    from reader.cli.syncing import article_text

    lib = open_library(ctx)
    if ref is not None or keep is not None:
        if ref is None or keep is None:
            raise GlossatorError("--resolve REF needs --keep current or --keep other")
        emit(resolve(lib, find_conflict(lib, ref), keep,  # type: ignore[arg-type]
                     text_of=article_text))
        return
    found = conflicts(lib)
    if as_json:
        emit_json([c.to_json() for c in found])
        return
    if not found:
        emit("no conflicts")
        return
    for conflict in found:
        emit(_line(conflict.to_json()))
    emit(f"{len(found)} conflict(s); settle one with `glossator conflicts --resolve REF "
         "--keep current|other`")


def _line(item: dict[str, Any]) -> str:
    """One conflict: the value the record has now, and the one set aside when two
    teammates changed the field differently, with who set it and whose value won then.
    (Several clashes on one field each keep their own other value; what won then is what
    the field had at that time, not necessarily what it has now.) The entry is the same
    on every teammate's machine, so it names people, never "this side" or "the other"."""
    where = item["article"] if item["table"] in ("annotations", "articles") else item["table"]
    who = ", ".join(x for x in (item["author"], item["updated"]) if x)
    head = f"{item['ref']}  {where}  {inert(item['label'])!r}"
    if item["field"] == "deleted":
        return f"{head}  {deleted_words(item)}"
    won = f", when {item['kept_by']}'s value won" if item["kept_by"] else ", when the other won"
    at = f" ({item['at']})" if item["at"] else ""
    field = item["field"]
    return (f"{head}  {field}: now {_value(field, item['current'])}"
            + f" · set aside {_value(field, item['other'])}" + (f" ({who})" if who else "")
            + won + at + _how_to_take_back(item))


def deleted_words(entry: dict[str, Any]) -> str:
    """A record deleted by one teammate and kept because another changed (or still used)
    it, in words: "deleted by ana, kept because ben changed it"."""
    deleted_by = entry.get("author") or "a teammate"
    kept_by = entry.get("kept_by") or "another teammate"
    at = f" ({entry['at']})" if entry.get("at") else ""
    return f"deleted by {inert(deleted_by)}, kept because {inert(kept_by)} changed it{at}"


def _how_to_take_back(item: dict[str, Any]) -> str:
    if (item["table"], item["field"]) != ("articles", "body"):
        return ""
    return (f"; the other text is kept as a version (`glossator versions {item['article']}`), "
            f"and `--resolve {item['ref']} --keep other` makes it current")


def _value(field: str, value: Any, width: int = 60) -> str:
    """A value in a few words: a place as its quote and offsets, a body as where it was
    read from; any other value as JSON."""
    if isinstance(value, dict) and field == "place" and "exact" in value:
        quote = " ".join(str(value["exact"]).split())
        quote = quote if len(quote) <= 40 else quote[:39] + "…"
        where = f" at {value.get('start')}–{value.get('end')}" if "start" in value else ""
        return f"{inert(json.dumps(quote, ensure_ascii=False))}{where}" + \
            (" (orphaned)" if value.get("orphaned") else "")
    if isinstance(value, dict) and field == "body" and "content_hash" in value:
        source = str(value.get("source") or "")
        since = f" on {value['body_added']}" if value.get("body_added") else ""
        read = f"read from {inert(source)}" if source else "read"
        return f"the text {read}{since} ({str(value['content_hash'])[:10]})"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"
