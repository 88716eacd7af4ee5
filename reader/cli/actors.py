"""`glossator actors`: the actors across the library, and merge, rename, split, set, undo.

ACTOR is an actor's name or alias (case and spacing aside), its id, or a prefix of the id
(4 characters at least); a name several actors answer to is refused with them listed.
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
@click.option("--json", "as_json", is_flag=True, help="Print JSON (documented shape).")
@library_option
@click.pass_context
def actors(ctx: click.Context, as_json: bool, library: Path | None) -> None:
    """Actors with their mentions and claims across the library; with a command, change them
    everywhere at once (each change can be undone)."""
    pass_library_down(ctx, library)
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


def _actor_id(lib, reference: str, actors: list | None = None) -> str:
    from annotations.library_changes.actor_refs import find_actor

    return find_actor(lib.actors() if actors is None else actors, reference).id


@actors.command("merge")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@library_change
def merge(library: OpenLibrary, source: str, target: str) -> LibraryChange:
    """Merge actor A into actor B: A's mentions and claims become B's, A's name and aliases
    become B's aliases, A's description is kept after B's, and A is gone."""
    from annotations.errors import GlossatorError
    from annotations.library_changes.merge_actors import MergeActors

    lib = library()
    every = lib.actors()  # read once for both names: 5,000 actors take a tenth of a second
    change = MergeActors(_actor_id(lib, source, every), _actor_id(lib, target, every))
    if change.source == change.target:
        name = lib.actor(change.target).name
        raise GlossatorError(f"{source!r} and {target!r} both name the actor '{name}' "
                             "(merged already?); nothing to merge")
    return change


@actors.command("rename")
@click.argument("actor", metavar="ACTOR")
@click.argument("name", metavar="NEW")
@click.option("--no-alias", is_flag=True, help="Do not keep the old name as an alias.")
@library_change
def rename(library: OpenLibrary, actor: str, name: str, no_alias: bool) -> LibraryChange:
    """Rename ACTOR to NEW; the old name stays as an alias (so the words already marked
    still find it) unless --no-alias."""
    from annotations.library_changes.rename_actor import RenameActor

    return RenameActor(_actor_id(library(), actor), name, keep_alias=not no_alias)


@actors.command("split")
@click.argument("actor", metavar="ACTOR")
@click.argument("alias", metavar="ALIAS")
@library_change
def split(library: OpenLibrary, actor: str, alias: str) -> LibraryChange:
    """Split ALIAS off ACTOR into an actor of its own. An ALIAS that came with a merge brings
    that actor back with every mark it brought; otherwise the mentions whose words are
    ALIAS follow it, and ACTOR's claims said in ALIAS's name or in articles that name it
    only by ALIAS."""
    from annotations.library_changes.split_alias import SplitAlias

    return SplitAlias(_actor_id(library(), actor), alias)


@actors.command("set")
@click.argument("actor", metavar="ACTOR")
@click.argument("assignments", metavar="KEY=VALUE...", nargs=-1, required=True)
@library_change
def set_command(library: OpenLibrary, actor: str, assignments: tuple[str, ...]) -> LibraryChange:
    """Set ACTOR's type (person, organisation, place, other) or description:
    `type=organisation "description=Ministry of Defence"`."""
    from annotations.library_changes.set_actor import SetActor, parse_actor_assignments

    values = parse_actor_assignments(assignments)
    return SetActor(_actor_id(library(), actor), values.get("type"), values.get("description"))


add_undo(actors, "actor", "Undo the newest change to the actors (merge, rename, split, set).")
