"""Dialogs for library-wide changes, and the flow every such change takes in the TUI.

The flow (`ChangeFlow`): the change is planned in a worker thread (it reads the articles
it touches), its counts are shown in a confirmation ("merge 'A' into 'B': 48 mentions and
12 claims in 19 articles?"), and on yes it is made in a worker, then the screen reloads.
`u` goes the same way for the newest change of the screen's group. The Actors, Actor and
Codebook screens share it, with the dialogs here: a one-line prompt, a picker over a
given list, an actor picker, and the type-and-description form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Select, Static, TextArea
from textual.widgets.option_list import Option

from annotations.errors import GlossatorError
from annotations.model import ACTOR_TYPES, Actor, normalise_name
from annotations.store import Library
from annotations.textsafety import excerpt, inert
from reader.screens.confirm import Confirm
from reader.screens.picker import FilteredPicker

PICKER_LIMIT = 100
"""Options a picker lists at once: typing narrows 5,000 actors to the ones meant."""


class ChangeFlow:
    """Plan, confirm, apply and undo library-wide changes for one screen."""

    def __init__(self, screen: Screen, library: Library, group: str,
                 done: Callable[[Any], None]) -> None:
        self.screen = screen
        self.library = library
        self.group = group
        self.done = done
        """Called (on the app's thread) with the plan made, or the undo record undone."""
        self.on_error: Callable[[GlossatorError], bool] | None = None
        """Given a planning error first; True when it handled it (a question to ask)."""

    def propose(self, change: Any, verb: str = "Apply") -> None:
        self.screen.run_worker(lambda: self._plan(change, verb), thread=True,
                               group="library-change", exclusive=True)

    def _plan(self, change: Any, verb: str) -> None:
        try:
            plan = change.plan(self.library)
        except GlossatorError as error:
            self._call(self._failed, error)
            return
        self._call(self._confirm, change, plan, verb)

    def _failed(self, error: GlossatorError) -> None:
        if self.on_error is not None and self.on_error(error):
            return
        self.screen.notify(inert(str(error)), title="Not changed", severity="error", timeout=10)

    def _confirm(self, change: Any, plan: Any, verb: str) -> None:
        if plan.changes_nothing:
            self.screen.notify(inert(plan.summary), timeout=4)
            return
        question = inert("\n".join([_sentence(plan.summary) + "?",
                                    *(f"· {n}" for n in plan.notes), "", "u undoes it."]))

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.run_worker(lambda: self._apply(change), thread=True,
                                       group="library-change", exclusive=True)

        self.screen.app.push_screen(Confirm(question, yes=verb), answered)

    def _apply(self, change: Any) -> None:
        from annotations.library_changes.applying import apply_change

        try:
            plan = apply_change(self.library, change)
        except GlossatorError as error:
            self._call(self._failed, error)
            return
        self._call(self._applied, plan)

    def _applied(self, plan: Any) -> None:
        self.screen.notify(inert(_sentence(plan.summary)) + " · u undoes it", title="Done",
                           timeout=6)
        self.done(plan)

    def undo(self) -> None:
        """Offer to undo the newest change of this screen's group."""
        from annotations.library_changes.undo import find_record, what_changed_since

        try:
            record = find_record(self.library.folder, group=self.group)
            problem = what_changed_since(self.library, record)
        except GlossatorError as error:
            self.screen.notify(inert(str(error)), title="Nothing undone", timeout=6)
            return
        if problem:
            self.screen.notify(inert(problem), title="Cannot undo", severity="warning", timeout=10)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.run_worker(lambda: self._undo(record.id), thread=True,
                                       group="library-change", exclusive=True)

        question = inert(f"Undo “{record.summary}”?\n\nWhat it changed is taken back; "
                         "later edits in the same articles stay.")
        self.screen.app.push_screen(Confirm(question, yes="Undo"), answered)

    def _undo(self, record_id: str) -> None:
        from annotations.library_changes.undo import undo_change

        try:
            record = undo_change(self.library, record_id)
        except GlossatorError as error:
            self._call(self._failed, error)
            return
        self._call(self._undone, record)

    def _undone(self, record: Any) -> None:
        said = "\n".join([f"Undone: {record.summary}", *record.notes])
        self.screen.notify(inert(said), timeout=8 if record.notes else 6)
        self.done(record)

    def _call(self, callback: Callable[..., None], *args: Any) -> None:
        self.screen.app.call_from_thread(callback, *args)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class TextPrompt(ModalScreen[str | None]):
    """One line of text: a new name, a colour. `check` returns what is wrong, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "",
                 check: Callable[[str], str | None] | None = None) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value
        self.hint = hint
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.value, id="value")
            yield Static("", classes="error", id="error", markup=False)
            yield Static(self.hint or "enter saves · escape cancels", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        problem = self.check(value) if self.check else (None if value else "Type something first.")
        if problem:
            self.query_one("#error", Static).update(problem)
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePicker(FilteredPicker):
    """Pick one of a given list, narrowed as you type; dismisses with the choice's id."""

    def __init__(self, title: str, choices: Sequence[tuple[str, str]], hint: str = "",
                 placeholder: str = "Type to narrow the list") -> None:
        super().__init__()
        self.TITLE_TEXT = title
        self.HINT = hint or "enter picks · escape cancels"
        self.PLACEHOLDER = placeholder
        self.choices = list(choices)

    def options_for(self, typed: str) -> list[Option]:
        key = typed.strip().casefold()
        found = [(i, label) for i, label in self.choices if key in label.casefold()]
        return [Option(inert(label), id=i) for i, label in found[:PICKER_LIMIT]]


class ActorPicker(FilteredPicker):
    """Pick another actor by name or alias (the most mentioned first); dismisses with its id."""

    HINT = "enter picks · escape cancels"
    PLACEHOLDER = "Type a name or an alias"

    def __init__(self, title: str, actors: Sequence[Actor], counts: dict[str, int]) -> None:
        super().__init__()
        self.TITLE_TEXT = title
        self.actors = sorted(actors, key=lambda a: (-counts.get(a.id, 0), normalise_name(a.name)))
        self.counts = counts
        self._keys = {a.id: normalise_name(" ".join(a.names())) for a in self.actors}

    def options_for(self, typed: str) -> list[Option]:
        key = normalise_name(typed)
        found = [a for a in self.actors if key in self._keys[a.id]][:PICKER_LIMIT]
        return [Option(inert(_actor_label(a, self.counts.get(a.id, 0))), id=a.id) for a in found]


def _actor_label(actor: Actor, marks: int) -> str:
    also = f" (also {excerpt(', '.join(actor.aliases), 40)})" if actor.aliases else ""
    return f"{actor.name}{also} · {actor.type} · {marks} mark(s)"


class ActorDetails(ModalScreen[tuple[str, str] | None]):
    """An actor's type and description; dismisses with both."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
                Binding("ctrl+s", "save", "Save", id="dialog.save")]

    def __init__(self, actor: Actor) -> None:
        super().__init__(classes="dialog")
        self.actor = actor

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"{self.actor.name}: type and description", classes="dialog-title",
                         markup=False)
            yield Select([(t, t) for t in ACTOR_TYPES], value=self.actor.type, allow_blank=False,
                         id="type")
            yield TextArea(self.actor.description, id="description")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one(Select).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        kind = self.query_one(Select).value
        self.dismiss((str(kind), self.query_one(TextArea).text))

    def action_cancel(self) -> None:
        self.dismiss(None)
