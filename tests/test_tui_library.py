"""The library screen's filter: every letter typed reaches it, however fast."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, Input

from reader.app import GlossatorApp
from reader.screens.reader import ReaderScreen
from tests.tui_support import SIZE, add_markdown, sample_library

PARASITES = "# Parasites in the harbour seals\n\nA survey found worms in most of the seals.\n"


def type_all_at_once(app, text: str) -> None:
    """Queue every key before any is handled, as a fast typist's keys arrive."""
    for character in text:
        app.post_message(events.Key("space" if character == " " else character, character))


async def test_fast_typing_reaches_the_filter_whole(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    add_markdown(library, tmp_path, "seals.md", PARASITES)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        # "parasite seals" holds a (Add) twice: each must reach the filter, not the binding.
        type_all_at_once(pilot.app, "parasite seals")
        await pilot.pause()
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.query_one("#filter", Input).value == "parasite seals"
        assert screen.query_one(DataTable).row_count == 1
        assert len(pilot.app.screen_stack) == 2  # no Add, Delete or Export dialog opened


async def test_enter_in_the_filter_opens_the_highlighted_article(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    seals = add_markdown(library, tmp_path, "seals.md", PARASITES)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press(*"seals", "enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.columns[0].session.article.id == seals


async def test_a_bound_letter_in_the_table_still_runs_its_action(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "AddSource"
