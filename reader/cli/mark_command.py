"""`glossator annotation ID`: one mark shown, changed (--set KEY=VALUE) or deleted (--delete)."""

from __future__ import annotations

from pathlib import Path

import click

from annotations.errors import GlossatorError
from reader.cli.main import emit, emit_json, library_option, main, open_library


@main.command("annotation")
@click.argument("reference", metavar="ID")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="Change the mark: note, status (a claim's: unverified, supported, disputed, "
                   "false; a question's: open, answered), speaker (an actor's name, alias or id; "
                   "a new name adds an actor; empty clears it), answer, tags (';' between).")
@click.option("--delete", is_flag=True, help="Delete the mark.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the `annotations --json` shape).")
@library_option
@click.pass_context
def annotation_command(ctx: click.Context, reference: str, assignments: tuple[str, ...],
                       delete: bool, as_json: bool, library: Path | None) -> None:
    """Show one mark; ID is its id, a unique prefix of it, or ARTICLE:ID."""
    from annotations.export.records import annotation_record
    from annotations.mark_edits import find_mark, parse_settings, save_changes

    if delete and assignments:
        raise GlossatorError("give --set or --delete, not both")
    settings = parse_settings(assignments)  # a bad key is refused before the library opens
    lib = open_library(ctx)
    mark = find_mark(lib, reference)
    if delete:
        lib.delete_annotation(mark.article, mark.id)
    elif settings:
        known = lib.find_actor(settings["speaker"]) if settings.get("speaker") else True
        mark = save_changes(lib, mark, settings)
        if not known:
            note_new_speaker(lib, settings["speaker"], mark.speaker)
    actors = {a.id: a for a in lib.actors()}
    record = annotation_record(mark, actors)
    if as_json:
        emit_json({**record, "deleted": True} if delete else record)
        return
    if delete:
        from annotations.textsafety import excerpt

        emit(f'deleted {mark.short_id} {mark.kind} "{excerpt(mark.exact, 60)}" from {mark.article}')
        return
    for line in mark_lines(record):
        emit(line)
    from annotations.sync.conflicts import mark_conflicts
    from reader.cli.sync_merge import deleted_words

    for conflict in mark_conflicts(mark):  # a clash of two teammates' changes, kept to settle
        if conflict.field == "deleted":
            emit(f"{'conflict:':<9} {deleted_words(conflict.entry)}; `glossator conflicts` "
                 "settles it")
            continue
        who = ", ".join(x for x in (conflict.entry.get("author", ""),
                                    conflict.entry.get("updated", "")) if x)
        emit(f"{'conflict:':<9} {conflict.field}: set aside {conflict.other!r}"
             + (f" ({who})" if who else "") + "; `glossator conflicts` settles it")


def mark_lines(record: dict) -> list[str]:
    """The mark as `key: value` lines, empty fields left out (the JSON has them all)."""
    place = f"{record['start']}–{record['end']}"
    where = [f"para. {record['paragraph']}" if record["paragraph"] else "",
             f"p. {record['page']}" if record["page"] else "", record["chapter"]]
    if any(where):
        place += f" ({', '.join(w for w in where if w)})"
    rows = [
        ("id", record["id"]), ("article", record["article"]), ("kind", record["kind"]),
        ("quote", " ".join(record["quote"].split())), ("at", place),
        ("speaker", record["speaker"] or ""), ("actor", record["actor"] or ""),
        ("status", record["status"] or ""), ("answer", record["answer"]),
        ("tags", "; ".join(record["tags"])), ("note", record["note"]),
        ("author", record["author"]), ("created", record["created"]),
        ("updated", record["updated"]), ("orphaned", "yes" if record["orphaned"] else ""),
    ]
    lines = []
    for key, value in rows:
        if not value:
            continue
        first, *rest = str(value).splitlines() or [""]
        lines.append(f"{key + ':':<9} {first}")
        lines.extend(f"{'':<9} {line}" for line in rest)
    return lines


def note_new_speaker(library, name: str, actor_id: str) -> None:
    """When a name made a new actor while the library knows others that share a word of
    it ("Maria" beside "Maria Lopez"), say so: the one meant may be among them."""
    from annotations.mentions import similar_actors
    from annotations.textsafety import inert

    others = [a.name for a in similar_actors(library, name) if a.id != actor_id]
    if not others:
        return
    names = ", ".join(f'"{n}"' for n in others[:3]) + (" …" if len(others) > 3 else "")
    click.echo(inert(f'glossator: note: "{name}" is a new actor; the library also has {names}: '
                     "give the whole name to credit one of them"), err=True)
