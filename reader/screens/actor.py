"""One actor across the library: its mentions and the claims attributed to it, grouped by
article; enter opens the article at the mark. Merge, rename, split an alias off, set type
and description, and undo, as on the Actors screen (`ActorActions` is what both do).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from annotations.errors import GlossatorError
from annotations.model import Actor, Annotation, Article
from annotations.store import Library
from annotations.textsafety import inert
from reader.screens.reloading import ReloadedOnResume
from reader.widgets.actor_dialogs import ActorDetails, ActorPicker, ChangeFlow, ChoicePicker, TextPrompt
from reader.widgets.actor_marks import ActorMarks
from reader.widgets.quiet_footer import QuietFooter


class ActorActions:
    """The changes a person can make to an actor from a screen: each asks what it needs
    (the other actor, the new name, the alias), then goes through the screen's flow."""

    def __init__(self, screen: Screen, library: Library, flow: ChangeFlow) -> None:
        self.screen = screen
        self.library = library
        self.flow = flow

    def merge(self, actor: Actor, actors: list[Actor], counts: dict[str, int]) -> None:
        from annotations.library_changes.merge_actors import MergeActors

        others = [a for a in actors if a.id != actor.id]
        if not others:
            self.screen.notify("There is no other actor to merge with.", timeout=4)
            return

        def chosen(target: str | None) -> None:
            if target:
                self.flow.propose(MergeActors(actor.id, target), verb="Merge")

        title = inert(f"Merge “{actor.name}” into which actor? (its mentions, claims and names "
                      "go to the one you pick)")
        self.screen.app.push_screen(ActorPicker(title, others, counts), chosen)

    def rename(self, actor: Actor) -> None:
        from annotations.library_changes.rename_actor import RenameActor

        def named(name: str | None) -> None:
            if name and name != actor.name:
                self.flow.propose(RenameActor(actor.id, name), verb="Rename")

        self.screen.app.push_screen(TextPrompt(
            inert(f"Rename “{actor.name}”"), actor.name,
            hint="enter renames (the old name stays as an alias) · escape cancels",
            check=_name_problem), named)

    def split(self, actor: Actor) -> None:
        from annotations.library_changes.split_alias import SplitAlias

        if not actor.aliases:
            self.screen.notify(inert(f"“{actor.name}” has no aliases to split off."), timeout=4)
            return

        def chosen(alias: str | None) -> None:
            if alias:
                self.flow.propose(SplitAlias(actor.id, alias), verb="Split")

        choices = [(a, a) for a in actor.aliases]
        self.screen.app.push_screen(ChoicePicker(
            inert(f"Split which alias off “{actor.name}” into an actor of its own?"), choices,
            hint="what it brought in a merge, or its mentions and the claims said in its name, "
                 "follow it · enter picks · escape cancels"), chosen)

    def edit(self, actor: Actor) -> None:
        from annotations.library_changes.set_actor import SetActor

        def saved(values: tuple[str, str] | None) -> None:
            if values is not None:
                self.flow.propose(SetActor(actor.id, values[0], values[1]), verb="Save")

        self.screen.app.push_screen(ActorDetails(actor), saved)

    def follow(self, done: Any, current: str | None) -> str | None:
        """The actor to show after `done`: the one kept by a merge, else `current`."""
        if current is not None and getattr(done, "action", "") == "merge" \
                and self.library.actor(current) is None:
            return getattr(done, "result", "") or current
        return current


def _name_problem(name: str) -> str | None:
    """What is wrong with a new actor name, for the prompt to say at once."""
    from annotations.library_changes.printable import unprintable

    if not name.strip():
        return "Type a name."
    found = unprintable(name)
    return None if found is None else f"A name cannot hold {found[1]} (character {found[0]})."


class ActorScreen(ReloadedOnResume, Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A mark opened here opens its article over this screen: escape comes back here."""

    BINDINGS = [
        Binding("m", "merge", "Merge into…", id="actor.merge"),
        Binding("r", "rename", "Rename", id="actor.rename"),
        Binding("a", "split", "Split alias", id="actor.split"),
        Binding("e", "edit", "Type/description", id="actor.edit"),
        Binding("u", "undo", "Undo", id="actor.undo"),
        Binding("escape", "back", "Back", id="actor.back"),
    ]

    def __init__(self, library: Library, actor_id: str) -> None:
        super().__init__()
        self.library = library
        self.actor_id = actor_id
        self.actor: Actor | None = None
        self.flow = ChangeFlow(self, library, "actors", self._changed)
        self.actions = ActorActions(self, library, self.flow)

    def compose(self) -> ComposeResult:
        yield Static("", id="actor-head", markup=False)
        yield ActorMarks(id="actor-marks")
        yield Static("Reading its marks…", id="status", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(ActorMarks).focus()

    def reload(self) -> None:
        self.actor = self.library.actor(self.actor_id)
        if self.actor is None:  # merged away or undone elsewhere
            self.notify("That actor is no longer in the library.", timeout=4)
            self.app.pop_screen()
            return
        self._head(self.actor)
        self._read(self.actor_id)

    def _head(self, actor: Actor) -> None:
        lines = [f"{actor.name}  ·  {actor.type}"]
        if actor.aliases:
            lines.append("also: " + ", ".join(actor.aliases))
        if actor.description:
            lines.append(actor.description.strip())
        self.query_one("#actor-head", Static).update(inert("\n".join(lines)))

    @work(thread=True, exclusive=True, group="actor-marks")
    def _read(self, actor_id: str) -> None:
        from annotations.tallies import marks_naming

        try:
            groups = marks_naming(self.library, actor_id)
        except GlossatorError as error:
            self.app.call_from_thread(self._show_error, str(error))
            return
        self.app.call_from_thread(self._show, actor_id, groups)

    def _show(self, actor_id: str, groups: list[tuple[Article, list[Annotation]]]) -> None:
        if actor_id != self.actor_id:
            return
        self.query_one(ActorMarks).show(groups)
        mentions = sum(1 for _, marks in groups for m in marks if m.kind == "actor")
        claims = sum(len(marks) for _, marks in groups) - mentions
        self.query_one("#status", Static).update(inert(
            f"{mentions:,} mention(s) and {claims:,} claim(s) in {len(groups):,} article(s) · "
            "enter opens the article at the mark"))

    def _show_error(self, message: str) -> None:
        self.query_one("#status", Static).update(inert(message))

    @on(ActorMarks.Chosen)
    def _open(self, event: ActorMarks.Chosen) -> None:
        self.app.open_article(event.article.id, at=event.mark.start)  # type: ignore[attr-defined]

    # -- changes -------------------------------------------------------------------------------

    def action_merge(self) -> None:
        if self.actor is None:
            return
        from annotations.tallies import read_tallies

        tallies = read_tallies(self.library)
        actors = self.library.actors()
        counts = {a.id: tallies.mentions[a.id] + tallies.claims[a.id] for a in actors}
        self.actions.merge(self.actor, actors, counts)

    def action_rename(self) -> None:
        if self.actor is not None:
            self.actions.rename(self.actor)

    def action_split(self) -> None:
        if self.actor is not None:
            self.actions.split(self.actor)

    def action_edit(self) -> None:
        if self.actor is not None:
            self.actions.edit(self.actor)

    def action_undo(self) -> None:
        self.flow.undo()

    def action_back(self) -> None:
        self.app.pop_screen()

    def _changed(self, done: Any) -> None:
        self.actor_id = self.actions.follow(done, self.actor_id) or self.actor_id
        self.reload()
