"""`glossator codebook`: the tags with their counts, and rename, merge, rm, set, undo.

Tags are hierarchical by `/`: a change to `actor/government` reaches its sub-tags
(`actor/government/local`) too. The built-in kinds (claim, actor, question) can be
recoloured and described, never renamed, merged away or deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.cli.change_commands import OpenLibrary, add_undo, library_change
from reader.cli.main import emit, emit_json, library_option, main, open_library, pass_library_down

if TYPE_CHECKING:
    from annotations.library_changes.plan import LibraryChange


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
    pass_library_down(ctx, library)
    if ctx.invoked_subcommand is not None:
        return
    from annotations.model import Tag
    from annotations.tallies import read_tallies

    lib = open_library(ctx)
    if add_name:
        from annotations.library_changes.tag_tree import new_tag_name

        lib.save_tag(Tag(new_tag_name(add_name), colour, description))
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
@library_change
def rename(library: OpenLibrary, old: str, new: str) -> LibraryChange:
    """Rename TAG to NEW in the codebook and every mark; its sub-tags follow. A NEW with
    another parent moves it (`actor/government actor/state`)."""
    from annotations.library_changes.rename_tag import RenameTag

    return RenameTag(old, new)


@codebook.command("merge")
@click.argument("source", metavar="TAG")
@click.argument("target", metavar="INTO")
@library_change
def merge(library: OpenLibrary, source: str, target: str) -> LibraryChange:
    """Merge TAG into INTO: every mark with TAG has INTO instead (a mark of kind TAG becomes
    of kind INTO), TAG's sub-tags join INTO's, and TAG leaves the codebook."""
    from annotations.library_changes.merge_tags import MergeTags

    return MergeTags(source, target)


@codebook.command("rm")
@click.argument("name", metavar="TAG")
@click.option("--kind", default="", metavar="KIND",
              help="The kind that marks of kind TAG take instead (needed when there are any).")
@library_change
def remove(library: OpenLibrary, name: str, kind: str) -> LibraryChange:
    """Delete TAG and its sub-tags from the codebook and from every mark; marks keep their
    other tags. Marks whose kind is TAG need --kind: the kind they take instead."""
    from annotations.library_changes.delete_tag import DeleteTag

    return DeleteTag(name, kind)


@codebook.command("set")
@click.argument("name", metavar="TAG")
@click.argument("assignments", metavar="KEY=VALUE...", nargs=-1, required=True)
@library_change
def set_command(library: OpenLibrary, name: str, assignments: tuple[str, ...]) -> LibraryChange:
    """Set TAG's colour (#RRGGBB), description, or parent (moves it with its sub-tags;
    `parent=` for the top level): `colour=#50a0a0 parent=actor/state`."""
    from annotations.library_changes.set_tag import SetTag, parse_tag_assignments

    values = parse_tag_assignments(assignments)
    return SetTag(name, values.get("colour"), values.get("description"), values.get("parent"))


add_undo(codebook, "codebook", "Undo the newest change to the codebook (rename, merge, rm, set).")
