"""What the `actors` and `codebook` change commands share: each names a change, and
`run_change` plans, shows, asks, makes it (reader/cli/library_changes.py); each group
has its own `undo`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader.cli.library_changes import change_options, list_undo, run_change, run_undo
from reader.cli.main import library_option, open_library

if TYPE_CHECKING:
    from annotations.library_changes.plan import LibraryChange
    from annotations.store import Library

OpenLibrary = Callable[[], "Library"]
"""The library, opened at the first call."""


def library_change(name_change: Callable[..., LibraryChange]) -> Callable[..., None]:
    """A command callback from `name_change(library, **arguments)`, which returns the change
    to make: with --yes, --dry-run, --json and --library after the command's own options.

    `library` opens the library when first called, and the command makes the change in
    that one; a command that can refuse its arguments (a bad KEY=VALUE) does so before the
    library is opened, let alone changed.
    """

    @change_options
    @library_option
    @click.pass_context
    @functools.wraps(name_change)
    def command(ctx: click.Context, yes: bool, dry_run: bool, as_json: bool,
                library: Path | None, **arguments: Any) -> None:
        opened = functools.cache(functools.partial(open_library, ctx))
        change = name_change(opened, **arguments)
        run_change(opened(), change, yes, dry_run, as_json)

    return command


def add_undo(group: click.Group, changes: str, help: str) -> click.Command:
    """`GROUP undo`: the newest of the group's changes undone, or with --list all of them;
    `changes` names them in --list's help ("actor", "codebook")."""

    @group.command("undo", help=help)
    @click.option("--list", "listing", is_flag=True, help=f"List the {changes} changes, newest last.")
    @click.option("--dry-run", is_flag=True, help="Say what would be undone; change nothing.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON.")
    @library_option
    @click.pass_context
    def undo(ctx: click.Context, listing: bool, dry_run: bool, as_json: bool,
             library: Path | None) -> None:
        if listing:
            list_undo(ctx, group.name, as_json)
        else:
            run_undo(ctx, None, group.name, dry_run, as_json)

    return undo
