"""`e`: edit a mark's note, speaker (claims), actor (mentions), status, answer and tags.

Returns the changed fields as a dict (or None when cancelled); the reader applies them
through the article's session, so the edit can be undone.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from annotations.model import ACTOR, ACTOR_TYPES, CLAIM, QUESTION, Annotation, Tag, statuses_for
from annotations.store import Library
from annotations.textsafety import inert


class EditAnnotation(ModalScreen[dict | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
    ]

    def __init__(self, library: Library, annotation: Annotation) -> None:
        super().__init__(classes="dialog")
        self.library = library
        self.annotation = annotation
        self.actors = library.actors()
        self.names = sorted({n for a in self.actors for n in a.names()}, key=str.casefold)

    def compose(self) -> ComposeResult:
        mark = self.annotation
        with VerticalScroll():
            yield Static(f"Edit {mark.kind}", classes="dialog-title")
            yield Static(f"“{inert(' '.join(mark.exact.split()))}”", classes="quote", markup=False)
            if mark.kind == CLAIM:
                speaker = self.library.actor(mark.speaker)
                yield Label("Speaker (who made the claim)")
                yield Input(speaker.name if speaker else "", id="speaker",
                            placeholder="An actor's name or alias; a new name adds an actor",
                            suggester=SuggestFromList(self.names, case_sensitive=False))
            if mark.kind == ACTOR:
                actor = self.library.actor(mark.actor)
                yield Label("Actor (who this mention refers to)")
                yield Input(actor.name if actor else mark.exact, id="actor",
                            suggester=SuggestFromList(self.names, case_sensitive=False))
                yield Label("Actor type")
                yield Select([(t, t) for t in ACTOR_TYPES], id="actor-type", allow_blank=False,
                             value=actor.type if actor else "person")
            statuses = statuses_for(mark.kind)
            if statuses:
                yield Label("Status")
                yield Select([(s, s) for s in statuses], id="status", allow_blank=False,
                             value=mark.status if mark.status in statuses else statuses[0])
            if mark.kind == QUESTION:
                yield Label("Answer")
                yield TextArea(mark.answer, id="answer")
            yield Label("Note (Markdown)")
            yield TextArea(mark.note, id="note")
            yield Label("Extra tags (separated by ;)")
            yield Input("; ".join(mark.tags), id="tags")
            yield Static("", classes="error", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", variant="primary", id="save")

    def on_mount(self) -> None:
        first = self.query("#speaker, #actor, #note").first()
        first.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        mark = self.annotation
        changes: dict = {}
        note = self.query_one("#note", TextArea).text
        if note != mark.note:
            changes["note"] = note
        tags = [t.strip() for t in self.query_one("#tags", Input).value.split(";") if t.strip()]
        if tags != mark.tags:
            changes["tags"] = list(dict.fromkeys(tags))
        if self.query("#status"):
            status = self.query_one("#status", Select).value
            if status != mark.status:
                changes["status"] = status
        if self.query("#answer"):
            answer = self.query_one("#answer", TextArea).text
            if answer != mark.answer:
                changes["answer"] = answer
        if self.query("#speaker"):
            name = self.query_one("#speaker", Input).value.strip()
            speaker_id = self.library.actor_named(name)[0].id if name else ""
            if speaker_id != mark.speaker:
                changes["speaker"] = speaker_id
        if self.query("#actor"):
            name = self.query_one("#actor", Input).value.strip() or mark.exact
            actor, _ = self.library.actor_named(name)
            chosen_type = self.query_one("#actor-type", Select).value
            if actor.type != chosen_type:
                actor.type = str(chosen_type)
                self.library.save_actor(actor)
            if actor.id != mark.actor:
                changes["actor"] = actor.id
        for tag in changes.get("tags", []):
            if self.library.tag(tag) is None:
                self.library.save_tag(Tag(tag))
        self.dismiss(changes)
