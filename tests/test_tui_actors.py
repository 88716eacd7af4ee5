"""The Actors screen and one actor's screen, driven from the keyboard with Pilot."""

from __future__ import annotations

from annotations.library_changes.actor_refs import find_actor
from annotations.model import Actor
from annotations.store import Library
from reader.app import GlossatorApp
from reader.screens.actor import ActorScreen
from reader.screens.actors import ActorsScreen, actor_rows
from reader.screens.confirm import Confirm
from reader.screens.reader import ReaderScreen
from reader.widgets.actor_dialogs import ActorDetails, ActorPicker, ChoicePicker, TextPrompt
from reader.widgets.actor_marks import ActorMarks
from reader.widgets.actor_table import ActorTable
from reader.widgets.bar_chart import BarChart
from reader.widgets.quiet_footer import QuietFooter
from tests.helpers.library import add_sample, mark
from tests.tui_support import SIZE, escape

STORY = """\
---
title: Lighthouse keepers strike for the winter
site: Shore Gazette
published: 2025-11-03
---

Union leader Maria Okafor said the keepers would walk out on Monday. The coastguard said
cover was arranged. M. Okafor told the rally that pay had not moved in six years, and the
coastguard called the strike premature. Okafor said the keepers had waited long enough.
"""


def story_library(folder) -> tuple[Library, str]:
    library = Library.open(folder / "lib")
    article = add_sample(library, folder / "src", "story.md", STORY)
    mark(library, article, "Maria Okafor", "actor")
    mark(library, article, "the keepers would walk out on Monday", "claim", speaker="Maria Okafor")
    library.save_actor(Actor(name="M. Okafor"))
    mark(library, article, "M. Okafor", "actor")
    mark(library, article, "pay had not moved in six years", "claim", speaker="M. Okafor")
    mark(library, article, "coastguard", "actor", occurrence=1)
    mark(library, article, "cover was arranged", "claim", speaker="coastguard")
    mark(library, article, "the strike premature", "claim", speaker="coastguard")
    return library, article.id


async def settle(pilot) -> None:
    """Let the worker threads (planning, applying, reading) finish and their results land."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def names(library: Library) -> list[str]:
    return [a.name for a in library.actors()]


async def test_f2_lists_every_actor_with_counts_and_a_chart_of_claims(tmp_path):
    library, _ = story_library(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ActorsScreen)
        table = screen.query_one(ActorTable)
        assert [(r.actor.name, r.mentions, r.claims, r.articles) for r in table.rows] == [
            ("coastguard", 1, 2, 1), ("M. Okafor", 1, 1, 1), ("Maria Okafor", 1, 1, 1)]
        chart = screen.query_one(BarChart)
        assert [(b.label, b.total) for b in chart.bars][0] == ("coastguard", 2)
        await pilot.press("s", "s")  # name → mentions → claims
        assert table.sorted_by == "claims" and table.rows[0].actor.name == "coastguard"
        await pilot.press(*"okafor")  # typing filters
        await pilot.pause()
        assert [r.actor.name for r in table.rows] == ["M. Okafor", "Maria Okafor"]
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert len(table.rows) == 3
        await pilot.press("escape")
        assert type(pilot.app.screen).__name__ == "LibraryScreen"


async def test_merge_shows_the_counts_first_and_u_undoes_it(tmp_path):
    library, _ = story_library(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        table = pilot.app.screen.query_one(ActorTable)
        await pilot.press("down")  # M. Okafor
        assert table.highlighted_row.actor.name == "M. Okafor"
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ActorPicker)
        await pilot.press(*"maria", "enter")
        await settle(pilot)
        confirm = pilot.app.screen
        assert isinstance(confirm, Confirm)
        assert confirm.question.startswith(
            "Merge 'M. Okafor' into 'Maria Okafor': 1 mention and 1 claim in 1 article?")
        await pilot.press("y")
        await settle(pilot)
        assert names(library) == ["coastguard", "Maria Okafor"]
        assert library.actors()[1].aliases == ["M. Okafor"]
        assert table.highlighted_row.actor.name == "Maria Okafor"
        assert [(r.actor.name, r.claims) for r in table.rows] == [("coastguard", 2),
                                                                   ("Maria Okafor", 2)]
        await pilot.press("u")
        await pilot.pause()
        assert pilot.app.screen.question.startswith("Undo “merge 'M. Okafor' into 'Maria Okafor'")
        await pilot.press("y")
        await settle(pilot)
        assert names(library) == ["coastguard", "M. Okafor", "Maria Okafor"]
        assert len(table.rows) == 3


async def test_an_actor_opens_on_its_marks_and_a_mark_opens_the_article_there(tmp_path):
    library, article_id = story_library(tmp_path)
    claim_start = next(m.start for m in library.annotations(article_id)
                       if m.exact == "the strike premature")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("enter")  # coastguard, first by name
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ActorScreen)
        marks = screen.query_one(ActorMarks)
        assert [(r.mark.exact if r.mark else r.article.title) for r in marks.rows] == [
            "Lighthouse keepers strike for the winter", "coastguard", "cover was arranged",
            "the strike premature"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.pause()
        assert reader.view.cursor == claim_start
        assert await escape(pilot) is screen  # back to the actor's page the mark was opened from
        assert isinstance(await escape(pilot), ActorsScreen)


async def test_rename_split_and_set_from_the_actor_screen(tmp_path):
    library, _ = story_library(tmp_path)
    okafor = find_actor(library.actors(), "Maria Okafor")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(ActorScreen(library, okafor.id))
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press("ctrl+u", *"Maria N. Okafor", "enter")
        await settle(pilot)
        assert pilot.app.screen.question.startswith(
            "Rename 'Maria Okafor' to 'Maria N. Okafor': 1 mention and 1 claim")
        await pilot.press("y")
        await settle(pilot)
        assert library.actor(okafor.id).aliases == ["Maria Okafor"]
        assert "Maria N. Okafor" in str(pilot.app.screen.query_one("#actor-head").render())

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoicePicker)
        await pilot.press("enter")  # its one alias
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Maria Okafor" in names(library) and library.actor(okafor.id).aliases == []

        await pilot.press("e")
        await pilot.pause()
        details = pilot.app.screen
        assert isinstance(details, ActorDetails)
        details.query_one("Select").value = "organisation"
        details.query_one("TextArea").text = "Keepers' union"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        changed = library.actor(okafor.id)
        assert (changed.type, changed.description) == ("organisation", "Keepers' union")
        assert isinstance(pilot.app.screen, ActorScreen)


async def test_merging_the_actor_on_screen_shows_the_one_it_went_into(tmp_path):
    library, _ = story_library(tmp_path)
    short = find_actor(library.actors(), "M. Okafor")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(ActorScreen(library, short.id))
        await settle(pilot)
        await pilot.press("m", *"maria", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ActorScreen)
        assert screen.actor.name == "Maria Okafor"
        assert sum(1 for r in screen.query_one(ActorMarks).rows if r.mark) == 4


async def test_the_actors_footer_is_built_once_as_the_screen_opens_and_shows_its_keys(
        tmp_path, monkeypatch):
    """An opening screen publishes its bindings several times; each used to rebuild the
    footer's dozen keys. Now one rebuild shows them all, and a covered screen's footer
    waits until its screen is back on top."""
    library, _ = story_library(tmp_path)
    rebuilt: list[str] = []
    recompose = QuietFooter.recompose

    async def counted(footer: QuietFooter) -> None:
        rebuilt.append(type(footer.screen).__name__)
        await recompose(footer)

    monkeypatch.setattr(QuietFooter, "recompose", counted)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        screen = pilot.app.screen
        assert rebuilt == ["ActorsScreen"]
        assert screen.focused is screen.query_one(ActorTable)
        keys = {key.description for key in screen.query_one(QuietFooter).query("FooterKey")}
        assert {"Merge into…", "Rename", "Split alias", "Undo"} <= keys
        await pilot.press("enter")  # the actor's page covers the list
        await settle(pilot)
        assert rebuilt.count("ActorsScreen") == 1
        await pilot.press("escape")
        await settle(pilot)
        assert rebuilt.count("ActorsScreen") == 2  # back on top: rebuilt once


def test_the_rows_are_counted_again_only_when_a_file_changed(tmp_path):
    library, article_id = story_library(tmp_path)
    first = actor_rows(library)
    again = actor_rows(library)
    assert [r.id for r in again] == [r.id for r in first] and again[0] is first[0]
    library.save_actor(Actor(name="Harbour master"))
    assert "Harbour master" in [r.name for r in actor_rows(library)]
    article = library.article(article_id)
    mark(library, article, "coastguard", "actor", occurrence=2)
    assert {r.name: r.mentions for r in actor_rows(library)}["coastguard"] == 2
