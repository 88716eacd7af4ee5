"""`glossator codebook`: the tags with their counts, and rename, merge, rm, set, undo.

Tags are hierarchical by `/`: a change to `actor/government` reaches its sub-tags
(`actor/government/local`) too. The built-in kinds (claim, actor, question) can be
recoloured and described, never renamed, merged away or deleted.
"""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.library_changes import change_options, list_undo, run_change, run_undo
from reader.cli.main import emit, emit_json, library_option, main, open_library


@main.group(invoke_without_command=True)
@click.option("--add", "add_name", metavar="TAG", help="Add a tag (hierarchical by '/').")
@click.option("--colour", "--color", "colour", default="", help="Its colour, e.g. '#d08050'.")
@click.option("--description", default="", help="What the tag means.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def codebook(ctx: click.Context, add_name: str | None, colour: str, description: str,
             as_json: bool, library: Path | None) -> None:
    """The codebook: the three kinds and your tags, with the marks carrying each. --add
    makes a new tag; the commands change a tag in every mark at once (each can be undone)."""
    if library:
        ctx.obj = {**(ctx.obj or {}), "library": library}
    if ctx.invoked_subcommand is not None:
        return
    from annotations.model import Tag
    from annotations.tallies import read_tallies

    lib = open_library(ctx)
    if add_name:
        lib.save_tag(Tag(add_name, colour, description))
    tags = lib.codebook()
    marks = read_tallies(lib).tag_marks
    if as_json:
        emit_json([{"name": t.name, "colour": t.colour, "description": t.description,
                    "builtin": t.builtin, "marks": marks[t.name]} for t in tags])
        return
    for tag in tags:
        emit(f"{tag.name:<24} {tag.colour:<8} {marks[tag.name]:>6}  {tag.description}".rstrip())


@codebook.command("rename")
@click.argument("old", metavar="TAG")
@click.argument("new", metavar="NEW")
@change_options
@library_option
@click.pass_context
def rename(ctx: click.Context, old: str, new: str, yes: bool, dry_run: bool, as_json: bool,
           library: Path | None) -> None:
    """Rename TAG to NEW in the codebook and every mark; its sub-tags follow. A NEW with
    another parent moves it (`actor/government actor/state`)."""
    from annotations.library_changes.rename_tag import RenameTag

    run_change(open_library(ctx), RenameTag(old, new), yes, dry_run, as_json)


@codebook.command("merge")
@click.argument("source", metavar="TAG")
@click.argument("target", metavar="INTO")
@change_options
@library_option
@click.pass_context
def merge(ctx: click.Context, source: str, target: str, yes: bool, dry_run: bool,
          as_json: bool, library: Path | None) -> None:
    """Merge TAG into INTO: every mark with TAG has INTO instead (a mark of kind TAG becomes
    of kind INTO), TAG's sub-tags join INTO's, and TAG leaves the codebook."""
    from annotations.library_changes.merge_tags import MergeTags

    run_change(open_library(ctx), MergeTags(source, target), yes, dry_run, as_json)


@codebook.command("rm")
@click.argument("name", metavar="TAG")
@click.option("--kind", default="", metavar="KIND",
              help="The kind that marks of kind TAG take instead (needed when there are any).")
@change_options
@library_option
@click.pass_context
def remove(ctx: click.Context, name: str, kind: str, yes: bool, dry_run: bool, as_json: bool,
           library: Path | None) -> None:
    """Delete TAG and its sub-tags from the codebook and from every mark; marks keep their
    other tags. Marks whose kind is TAG need --kind: the kind they take instead."""
    from annotations.library_changes.delete_tag import DeleteTag

    run_change(open_library(ctx), DeleteTag(name, kind), yes, dry_run, as_json)


@codebook.command("set")
@click.argument("name", metavar="TAG")
@click.argument("assignments", metavar="KEY=VALUE...", nargs=-1, required=True)
@change_options
@library_option
@click.pass_context
def set_command(ctx: click.Context, name: str, assignments: tuple[str, ...], yes: bool,
                dry_run: bool, as_json: bool, library: Path | None) -> None:
    """Set TAG's colour (#RRGGBB), description, or parent (moves it with its sub-tags;
    `parent=` for the top level): `colour=#50a0a0 parent=actor/state`."""
    from annotations.library_changes.set_tag import SetTag, parse_tag_assignments

    values = parse_tag_assignments(assignments)
    change = SetTag(name, values.get("colour"), values.get("description"), values.get("parent"))
    run_change(open_library(ctx), change, yes, dry_run, as_json)


@codebook.command("undo")
@click.option("--list", "listing", is_flag=True, help="List the codebook changes, newest last.")
@click.option("--dry-run", is_flag=True, help="Say what would be undone; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def undo(ctx: click.Context, listing: bool, dry_run: bool, as_json: bool,
         library: Path | None) -> None:
    """Undo the newest change to the codebook (rename, merge, rm, set)."""
    if listing:
        list_undo(ctx, "codebook", as_json)
    else:
        run_undo(ctx, None, "codebook", dry_run, as_json)
