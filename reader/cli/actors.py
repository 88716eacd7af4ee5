"""`glossator actors`: the actors across the library, and merge, rename, split, set, undo.

ACTOR is an actor's name or alias (case and spacing aside), its id, or a prefix of the id
(4 characters at least); a name several actors answer to is refused with them listed.
"""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.library_changes import change_options, list_undo, run_change, run_undo
from reader.cli.main import emit, emit_json, library_option, main, open_library


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def actors(ctx: click.Context, as_json: bool, library: Path | None) -> None:
    """Actors with their mentions and claims across the library; with a command, change them
    everywhere at once (each change can be undone)."""
    if library:
        ctx.obj = {**(ctx.obj or {}), "library": library}
    if ctx.invoked_subcommand is not None:
        return
    lib = open_library(ctx)
    if as_json:
        emit_json(_records(lib))
        return
    from annotations.tallies import read_tallies

    every = lib.actors()
    if not every:
        emit("no actors yet; mark one with `glossator annotate ARTICLE --kind actor --quote NAME`")
    tallies = read_tallies(lib)
    for actor in every:
        aliases = f" (also {', '.join(actor.aliases)})" if actor.aliases else ""
        emit(f"{actor.name}{aliases} [{actor.type}]: {tallies.mentions[actor.id]} mention(s), "
             f"{tallies.claims[actor.id]} claim(s) in {tallies.actor_articles[actor.id]} article(s)")


def _records(lib) -> list[dict]:
    from annotations.export.records import actor_record
    from annotations.model import ACTOR, CLAIM

    mentions: dict[str, list] = {}
    claims: dict[str, list] = {}
    for mark in lib.all_annotations():
        if mark.kind == ACTOR and mark.actor:
            mentions.setdefault(mark.actor, []).append(mark)
        elif mark.kind == CLAIM and mark.speaker:
            claims.setdefault(mark.speaker, []).append(mark)
    return [actor_record(a, mentions.get(a.id, []), claims.get(a.id, [])) for a in lib.actors()]


def _actor_id(lib, reference: str) -> str:
    from annotations.library_changes.actor_refs import find_actor

    return find_actor(lib.actors(), reference).id


@actors.command("merge")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@change_options
@library_option
@click.pass_context
def merge(ctx: click.Context, source: str, target: str, yes: bool, dry_run: bool, as_json: bool,
          library: Path | None) -> None:
    """Merge actor A into actor B: A's mentions and claims become B's, A's name and aliases
    become B's aliases, A's description is kept after B's, and A is gone."""
    from annotations.errors import GlossatorError
    from annotations.library_changes.merge_actors import MergeActors

    lib = open_library(ctx)
    change = MergeActors(_actor_id(lib, source), _actor_id(lib, target))
    if change.source == change.target:
        name = lib.actor(change.target).name
        raise GlossatorError(f"{source!r} and {target!r} both name the actor '{name}' "
                             "(merged already?); nothing to merge")
    run_change(lib, change, yes, dry_run, as_json)


@actors.command("rename")
@click.argument("actor", metavar="ACTOR")
@click.argument("name", metavar="NEW")
@click.option("--no-alias", is_flag=True, help="Do not keep the old name as an alias.")
@change_options
@library_option
@click.pass_context
def rename(ctx: click.Context, actor: str, name: str, no_alias: bool, yes: bool, dry_run: bool,
           as_json: bool, library: Path | None) -> None:
    """Rename ACTOR to NEW; the old name stays as an alias (so the words already marked
    still find it) unless --no-alias."""
    from annotations.library_changes.rename_actor import RenameActor

    lib = open_library(ctx)
    change = RenameActor(_actor_id(lib, actor), name, keep_alias=not no_alias)
    run_change(lib, change, yes, dry_run, as_json)


@actors.command("split")
@click.argument("actor", metavar="ACTOR")
@click.argument("alias", metavar="ALIAS")
@change_options
@library_option
@click.pass_context
def split(ctx: click.Context, actor: str, alias: str, yes: bool, dry_run: bool, as_json: bool,
          library: Path | None) -> None:
    """Split ALIAS off ACTOR into an actor of its own: the mentions whose words are ALIAS
    follow it, and ACTOR's claims in the articles that name it only by ALIAS."""
    from annotations.library_changes.split_alias import SplitAlias

    lib = open_library(ctx)
    run_change(lib, SplitAlias(_actor_id(lib, actor), alias), yes, dry_run, as_json)


@actors.command("set")
@click.argument("actor", metavar="ACTOR")
@click.argument("assignments", metavar="KEY=VALUE...", nargs=-1, required=True)
@change_options
@library_option
@click.pass_context
def set_command(ctx: click.Context, actor: str, assignments: tuple[str, ...], yes: bool,
                dry_run: bool, as_json: bool, library: Path | None) -> None:
    """Set ACTOR's type (person, organisation, place, other) or description:
    `type=organisation "description=Ministry of Defence"`."""
    from annotations.library_changes.set_actor import SetActor, parse_actor_assignments

    values = parse_actor_assignments(assignments)
    lib = open_library(ctx)
    change = SetActor(_actor_id(lib, actor), values.get("type"), values.get("description"))
    run_change(lib, change, yes, dry_run, as_json)


@actors.command("undo")
@click.option("--list", "listing", is_flag=True, help="List the actor changes, newest last.")
@click.option("--dry-run", is_flag=True, help="Say what would be undone; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@library_option
@click.pass_context
def undo(ctx: click.Context, listing: bool, dry_run: bool, as_json: bool,
         library: Path | None) -> None:
    """Undo the newest change to the actors (merge, rename, split, set)."""
    if listing:
        list_undo(ctx, "actors", as_json)
    else:
        run_undo(ctx, None, "actors", dry_run, as_json)
