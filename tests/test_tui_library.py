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


async def test_the_add_dialog_takes_pasted_text(tmp_path):
    from textual.widgets import TextArea

    from annotations.store import Library

    library = Library.open(tmp_path / "lib")
    pasted = ("Ferry fares rise in spring\n\nThe operator will raise fares by 8% from April, "
              "its chief executive said on Monday. Island residents will pay less than "
              "visitors.\n\nThe council said it had not been consulted.\n")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#pasted", TextArea).insert(pasted)  # as a terminal paste lands
        dialog.query_one("#title", Input).value = "Fares to rise"
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        assert table.row_count == 1
    [article] = Library.open(tmp_path / "lib").articles()
    assert article.title == "Fares to rise" and article.source == ""
    assert "raise fares by 8%" in Library.open(tmp_path / "lib").body(article)


async def test_the_add_dialog_refuses_an_empty_paste(tmp_path):
    from annotations.store import Library

    library = Library.open(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nothing pasted yet" in str(pilot.app.screen.query_one("#error").render())


async def test_i_imports_annotations_and_shows_the_report(tmp_path):
    from annotations.store import Library
    from reader.cli.exporting import render_single_file
    from tests.helpers.library import mark

    source = tmp_path / "seals.md"
    source.write_text(PARASITES, encoding="utf-8")
    first = Library.open(tmp_path / "first")
    from reader.cli.adding import add_source

    article = add_source(first, str(source)).article
    mark(first, article, "worms in most of the seals")
    export = tmp_path / "seals.jsonld"
    export.write_text(render_single_file(first, [article], "w3c", {}), encoding="utf-8")
    second = Library.open(tmp_path / "second")
    add_source(second, str(source))
    async with GlossatorApp(second).run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        pilot.app.screen.query_one("#path", Input).value = str(export)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        notes = [str(n.message) for n in pilot.app._notifications]
        assert any("1 anchored exactly" in n for n in notes), notes
        table = pilot.app.screen.query_one(DataTable)
        assert table.get_row_at(0)[3] == "1"  # the claims column counts it
