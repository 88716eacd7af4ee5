"""The library screen: every letter typed reaches the filter, however fast; the actions
are on keys that are not text; a damaged file is said, not crashed on."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable, Input

from annotations.store import Library
from reader.app import GlossatorApp
from reader.screens.reader import ReaderScreen
from reader.widgets.article_column import ProblemColumn
from tests.tui_support import SIZE, add_markdown, sample_library, wait_for

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


WORDS_ON_LIBRARY_KEYS = ["admiral", "dredging", "moby", "xylo", "is it? yes/no", "import"]
"""Words that start with what were the library's keys (a Add, d Delete, m Details, x Export,
i Import), and `?` and `/`."""


async def test_words_typed_quickly_fill_the_filter_and_open_nothing(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        for word in WORDS_ON_LIBRARY_KEYS:
            type_all_at_once(pilot.app, word)
            await pilot.pause()
            await pilot.pause()
            assert pilot.app.screen is screen  # no dialog opened, no article deleted
            assert screen.query_one("#filter", Input).value == word
            await pilot.press("escape")  # as fresh: the filter empty, the table focused
            assert screen.focused is screen.query_one(DataTable)
    assert len(Library.open(tmp_path / "lib").articles()) == 1


async def test_words_typed_slowly_fill_the_filter_and_open_nothing(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        for word, rows in (("admiral", 0), ("dredging", 1)):  # the sample is about dredging
            for character in word:
                await pilot.press(character)
                await pilot.pause(0.05)
                assert pilot.app.screen is screen
            assert screen.query_one("#filter", Input).value == word
            assert screen.query_one(DataTable).row_count == rows
            await pilot.press("escape")


async def test_typing_after_going_back_to_the_table_goes_on_in_the_filter(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    add_markdown(library, tmp_path, "seals.md", PARASITES)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press(*"harb")
        pilot.app.screen.query_one(DataTable).focus()
        await pilot.press(*"our", "backspace", "r")
        await pilot.pause()
        assert pilot.app.screen.query_one("#filter", Input).value == "harbour"
        assert len(pilot.app.screen_stack) == 2


async def test_moving_keys_move_in_the_table_while_filtering(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    add_markdown(library, tmp_path, "seals.md", PARASITES)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press(*"harbour")  # both articles are about the harbour
        screen = pilot.app.screen
        field, table = screen.query_one("#filter", Input), screen.query_one(DataTable)
        assert table.row_count == 2 and table.cursor_row == 0
        await pilot.press("down")
        assert table.cursor_row == 1 and screen.focused is field
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == 1
        await pilot.press("up")
        assert table.cursor_row == 0 and field.value == "harbour"
        await pilot.press("pagedown", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert "seals" in pilot.app.screen.columns[0].session.article.title


async def test_escape_clears_the_filter(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press(*"admiral")
        assert pilot.app.screen.query_one(DataTable).row_count == 0
        await pilot.press("escape")
        screen = pilot.app.screen
        assert screen.query_one("#filter", Input).value == ""
        assert screen.query_one(DataTable).row_count == 1
        assert screen.focused is screen.query_one(DataTable)


LIBRARY_KEYS = [("ctrl+n", "AddSource"), ("delete", "Confirm"), ("ctrl+e", "ExportNotes"),
                ("ctrl+d", "EditMetadata"), ("ctrl+o", "ImportAnnotations"),
                ("ctrl+r", "RefreshFrom"), ("f9", "VersionsScreen"), ("f1", "HelpScreen")]


async def test_the_library_actions_are_on_keys_that_are_not_text(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        for key, screen_name in LIBRARY_KEYS:
            await pilot.press(key)
            await pilot.pause()
            assert type(pilot.app.screen).__name__ == screen_name, key
            await pilot.press("escape")
            await pilot.pause()
            assert type(pilot.app.screen).__name__ == "LibraryScreen"
        # And while the filter has the focus (its own ctrl+e and ctrl+d give way).
        for key, screen_name in (("ctrl+e", "ExportNotes"), ("ctrl+d", "EditMetadata"),
                                 ("ctrl+n", "AddSource")):
            await pilot.press(*"dredging", key)
            await pilot.pause()
            assert type(pilot.app.screen).__name__ == screen_name, key
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("escape")
    assert len(Library.open(tmp_path / "lib").articles()) == 1


async def test_the_keys_help_and_footer_show_the_new_keys(tmp_path):
    from reader.palette import ActionCommands
    from reader.screens.help import help_rows

    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = {binding_id: key for key, _, binding_id in help_rows(pilot.app.screen)}
        assert rows["library.add"] == "^n" and rows["library.delete"] == "del"
        assert rows["library.export"] == "^e" and rows["library.metadata"] == "^d"
        assert rows["library.refresh"] == "f5" and rows["library.refresh-from"] == "^r"
        assert rows["library.import"] == "^o" and rows["library.help"] == "f1"
        assert "app.help" not in rows  # `?` is typed into the filter here
        footer = {b.binding.id for b in pilot.app.screen.active_bindings.values()
                  if b.binding.show}
        assert {"library.add", "library.delete", "library.help"} <= footer
        commands = {c[0]: c[3] for c in ActionCommands(pilot.app.screen)._commands()}
        assert commands["Refresh from another source…"] == "^r"
        assert commands["Versions of this article"] == "f9" and commands["Keys"] == "f1"


async def test_text_pasted_onto_the_list_goes_to_the_filter(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.screen.query_one(DataTable).post_message(events.Paste("dredging\nmore"))
        await pilot.pause()
        assert pilot.app.screen.query_one("#filter", Input).value == "dredging"
        assert len(pilot.app.screen_stack) == 2


async def test_a_keymap_still_rebinds_the_library_keys_by_id(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    app = GlossatorApp(library, keymap={"library.add": "f12"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "AddSource"


async def test_a_letter_the_keymap_gives_a_library_key_runs_it_from_the_list(tmp_path):
    # Type-to-filter takes every other letter; one the user bound on purpose is theirs,
    # from the list. In the filter itself it is still text.
    library, _ = sample_library(tmp_path / "lib")
    app = GlossatorApp(library, keymap={"library.add": "plus"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "AddSource"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d", "r", "plus")
        await pilot.pause()
        assert pilot.app.screen.query_one("#filter", Input).value == "dr+"
        assert len(pilot.app.screen_stack) == 2


async def test_a_title_is_shown_as_it_is_never_as_markup(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    title = "Tags [/b] and [bold]markup[/bold] in a title"
    add_markdown(library, tmp_path, "markup.md", f"---\ntitle: {title}\n---\n\nText.\n")
    async with GlossatorApp(library).run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        titles = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert title in titles


async def test_the_add_dialog_takes_pasted_text(tmp_path):
    from textual.widgets import TextArea

    library = Library.open(tmp_path / "lib")
    pasted = ("Ferry fares rise in spring\n\nThe operator will raise fares by 8% from April, "
              "its chief executive said on Monday. Island residents will pay less than "
              "visitors.\n\nThe council said it had not been consulted.\n")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
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
    library = Library.open(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nothing pasted yet" in str(pilot.app.screen.query_one("#error").render())


async def test_ctrl_o_imports_annotations_and_shows_the_report(tmp_path):
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
        await pilot.press("ctrl+o")
        await pilot.pause()
        pilot.app.screen.query_one("#path", Input).value = str(export)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        notes = [str(n.message) for n in pilot.app._notifications]
        assert any("1 anchored exactly" in n for n in notes), notes
        table = pilot.app.screen.query_one(DataTable)
        assert table.get_row_at(0)[3] == "1"  # the claims column counts it


# -- a damaged file ---------------------------------------------------------------------


def damage(path) -> None:
    """Cut a file short, as a full disk or a killed copy leaves it."""
    path.write_bytes(path.read_bytes()[:20] if path.exists() else b'{"actors": {')


async def test_a_damaged_marks_file_shows_in_its_row_and_in_one_notice(tmp_path):
    from tests.helpers.library import mark

    library, first = sample_library(tmp_path / "lib")
    seals = add_markdown(library, tmp_path, "seals.md", PARASITES)
    mark(library, library.article(seals), "worms in most of the seals")
    marks = tmp_path / "lib" / "articles" / seals / "annotations.json"
    damage(marks)
    damaged = marks.read_bytes()
    async with GlossatorApp(Library.open(tmp_path / "lib")).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert type(screen).__name__ == "LibraryScreen"
        table = screen.query_one(DataTable)
        assert table.get_row(seals)[3] == "damaged" and table.get_row(first)[3] == "0"
        [notice] = [str(n.message) for n in pilot.app._notifications]
        assert str(marks) in notice and "glossator doctor --repair" in notice
        assert "\n" not in notice
        assert "1 damaged file" in str(screen.query_one("#status").render())
        screen.reload()
        assert len(pilot.app._notifications) == 1  # told once, not at every look

        # Opened, the article says the same in the reader, instead of crashing.
        await pilot.press(*"seals", "enter")
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_for(pilot, lambda: reader.query(ProblemColumn))
        assert not reader.columns  # nothing to mark blind, nothing saved into the damage
        notes = [str(n.message) for n in pilot.app._notifications]
        assert notes[-1] == notice
        await pilot.press("c", "escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "LibraryScreen"
    assert marks.read_bytes() == damaged  # left as it was, for the doctor


async def test_a_library_index_damaged_while_open_is_said_and_the_list_stays(tmp_path):
    library, first = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        damage(tmp_path / "lib" / "library.json")
        screen = pilot.app.screen
        screen.look_for_changes()
        await pilot.pause()
        assert screen.query_one(DataTable).get_row(first)[0].plain.startswith("Port Aldwick")
        [notice] = [str(n.message) for n in pilot.app._notifications]
        assert "library.json" in notice and "glossator doctor --repair" in notice


def test_a_damaged_library_index_at_start_is_one_clear_line(tmp_path):
    from click.testing import CliRunner

    from reader.cli import main

    sample_library(tmp_path / "lib")
    damage(tmp_path / "lib" / "library.json")
    result = CliRunner().invoke(main, ["--library", str(tmp_path / "lib")])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert "library.json is damaged" in line and "glossator doctor --repair" in line


async def test_damaged_actors_and_codebook_files_do_not_stop_the_reader(tmp_path):
    library, article_id = sample_library(tmp_path / "lib")
    damage(tmp_path / "lib" / "actors.json")
    damage(tmp_path / "lib" / "codebook.json")
    app = GlossatorApp(Library.open(tmp_path / "lib"), article_id=article_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen) and screen.view is not None
        screen._refresh_pane()  # read again at every change: told once all the same
        notes = [str(n.message) for n in pilot.app._notifications]
        assert len(notes) == 2, notes
        assert any("actors.json" in n for n in notes) and any("codebook.json" in n for n in notes)
        assert all("glossator doctor --repair" in n for n in notes)
