"""Side by side, the library screen, damaged articles, inert text, keymap and theme."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input

from annotations.model import CLAIM
from annotations.store import Library
from reader.app import GlossatorApp
from reader.screens.reader import ReaderScreen
from reader.ui_state import state_path
from reader.widgets.annotation_pane import AnnotationPane
from reader.widgets.article_column import ArticleColumn, ProblemColumn
from tests.tui_support import SETTLE, SIZE, add_markdown, sample_library

SECOND = """---
title: Harbour vote seen from the quay
site: Aldwick Weekly
published: 2026-03-15
---

Fishermen on the quay said the vote ignored them. The association will write to the council.
"""


async def test_open_a_second_article_beside_the_first(tmp_path):
    library, first = sample_library(tmp_path / "lib")
    second = add_markdown(library, tmp_path, "quay.md", SECOND)
    async with GlossatorApp(library, article_id=first).run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_view = pilot.app.screen.view
        first_view.select_span(0, 4)
        await pilot.press("c")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*list("quay"), "enter")
        await pilot.pause()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        columns = screen.columns
        assert [c.session.article.id for c in columns][1] == second
        second_view = columns[1].view
        assert second_view.has_focus
        pane = screen.query_one(AnnotationPane)
        assert len(pane.entries) == 0  # the pane follows the focused article: no marks yet
        await pilot.press("v", "w", "c")
        await pilot.pause(SETTLE)  # the pane follows a moment after the repaint
        assert [m.exact for m in second_view.marks] == ["Fishermen"]
        assert pane.highlighted_annotation.exact == "Fishermen"
        # Each view keeps its own cursor; focus moves on with tab.
        await pilot.press("tab")
        assert screen.query_one(AnnotationPane).has_focus
        await pilot.press("tab")
        assert first_view.has_focus
        assert [m.exact for m in first_view.marks] == ["Port"]
        assert pane.highlighted_annotation.exact == "Port"
    assert [a.exact for a in Library.open(tmp_path / "lib").annotations(second)] == ["Fishermen"]


async def test_library_lists_filters_and_opens(tmp_path):
    library, first = sample_library(tmp_path / "lib")
    second = add_markdown(library, tmp_path, "quay.md", SECOND)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press(*list("quay"))  # typing in the table starts the filter
        await pilot.pause()
        assert pilot.app.screen.query_one("#filter", Input).value == "quay"
        assert table.row_count == 1
        await pilot.press("enter")  # enter in the filter opens the highlighted article
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.columns[0].session.article.id == second
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert table.row_count == 2
        assert first


async def test_delete_asks_first(tmp_path):
    library, first = sample_library(tmp_path / "lib")
    add_markdown(library, tmp_path, "quay.md", SECOND)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert table.row_count == 2
        doomed = pilot.app.screen.highlighted_id
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert table.row_count == 1
    remaining = [a.id for a in Library.open(tmp_path / "lib").articles()]
    assert doomed not in remaining and len(remaining) == 1 and first


async def test_add_from_the_library_screen(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    source = tmp_path / "quay.md"
    source.write_text(SECOND, encoding="utf-8")
    missing = tmp_path / "nowhere.md"
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*list(str(missing)), "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 1
        assert any("does not exist" in n.message for n in pilot.app._notifications)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*list(str(source)), "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 2


async def test_an_article_whose_body_is_missing_opens_with_a_message(tmp_path):
    library, first = sample_library(tmp_path / "lib")
    second = add_markdown(library, tmp_path, "quay.md", SECOND)
    for name in ("body.md", "document.cache"):
        (library.article_folder(first) / name).unlink()
    async with GlossatorApp(library, article_id=first).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        problems = list(screen.query(ProblemColumn))
        assert problems and "missing" in problems[0].problem
        await pilot.press("escape")  # the rest still works
        await pilot.pause()
        pilot.app.open_article(second)
        await pilot.pause()
        assert pilot.app.screen.query(ArticleColumn)


async def test_escape_sequences_in_the_text_are_shown_inert(tmp_path):
    library = Library.open(tmp_path / "lib")
    hostile = "Clear \x1b[2J the screen, set the title \x1b]0;pwned\x07 and ring \x07 twice.\n"
    article = add_markdown(library, tmp_path, "hostile.md", hostile)
    async with GlossatorApp(library, article_id=article).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        drawn = "".join(view.render_line(y).text for y in range(3))
        assert "\x1b" not in drawn and "\x07" not in drawn
        assert "␛[2J" in drawn
        at = view.text.index("\x1b]0;")
        assert view.text[at] == "\x1b"  # the text itself is kept as it was


async def test_keys_can_be_rebound_by_id(tmp_path):
    library, article = sample_library(tmp_path / "lib")
    keymap = {"reader.mark-claim": "ctrl+k"}
    async with GlossatorApp(library, article_id=article, keymap=keymap).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        view.select_span(0, 4)
        await pilot.press("c")  # no longer bound
        assert len(view.marks) == 0
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert [m.kind for m in view.marks] == [CLAIM]


async def test_the_theme_is_remembered(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        pilot.app.theme = "textual-light"
        await pilot.pause()
    assert json.loads(state_path().read_text())["theme"] == "textual-light"
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "textual-light"


async def test_help_lists_the_current_bindings(tmp_path):
    library, article = sample_library(tmp_path / "lib")
    keymap = {"reader.mark-question": "ctrl+y"}
    async with GlossatorApp(library, article_id=article, keymap=keymap).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        rows = {table.get_row_at(i)[2]: table.get_row_at(i)[0] for i in range(table.row_count)}
        assert rows["reader.mark-question"] == "^y"
        assert rows["reader.mark-claim"] == "c"
        assert "reader.undo" in rows and "reader.search" in rows


async def test_the_command_palette_runs_actions_and_opens_articles(tmp_path):
    library, first = sample_library(tmp_path / "lib")
    second = add_markdown(library, tmp_path, "quay.md", SECOND)
    async with GlossatorApp(library, article_id=first).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        view.select_span(0, 4)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*list("Claim"))
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert [m.kind for m in view.marks] == [CLAIM]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*list("Open: Harbour vote"))
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.columns[0].session.article.id == second


async def test_y_copies_the_quote_with_its_citation_and_Y_the_reference(tmp_path, monkeypatch):
    from annotations.citation import render as citations

    monkeypatch.setenv("PATH", str(tmp_path / "no-helpers"))  # no clipboard programs here
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    library, article_id = sample_library(tmp_path / "lib")
    article = library.article(article_id)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        phrase = "pay for itself within eight years"
        start = view.text.index(phrase)
        view.select_span(start, start + len(phrase))
        await pilot.press("y")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        copied = pilot.app.clipboard  # what OSC 52 sent to the terminal
        paragraph = view.document.paragraph_starts
        from annotations.anchoring import paragraph_number

        number = paragraph_number(paragraph, start)
        assert copied.splitlines()[0] == "> pay for itself within eight years"
        assert copied.splitlines()[1] == "— " + citations.in_text(article, paragraph=number,
                                                                   markup="markdown")
        assert copied.splitlines()[2] == citations.reference(article, markup="markdown")
        assert f"para. {number}" in copied
        messages = [n.message for n in pilot.app._notifications]
        assert any("OSC 52" in m and "clipboard.txt" in m for m in messages)
        await pilot.press("Y")
        await pilot.pause()
        assert pilot.app.clipboard == citations.reference(article, markup="markdown")


async def test_keys_are_read_from_the_config_file(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"reader.mark-claim" = "ctrl+k"\n', encoding="utf-8")
    monkeypatch.setenv("GLOSSATOR_CONFIG", str(config))
    library, article = sample_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        view.select_span(0, 4)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert [m.kind for m in view.marks] == [CLAIM]


async def test_a_broken_config_still_opens_the_reader_and_says_why(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[keys\nbroken", encoding="utf-8")
    monkeypatch.setenv("GLOSSATOR_CONFIG", str(config))
    library, article = sample_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pilot.app.screen.view is not None
        assert any(str(config) in n.message for n in pilot.app._notifications)


async def test_details_form_changes_metadata(tmp_path):
    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=(120, 50)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        field = pilot.app.screen.query_one("#field-published", Input)
        field.value = "2026-03-15"
        site = pilot.app.screen.query_one("#field-site", Input)
        site.value = "The Coastal Ledger Weekend"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "LibraryScreen"
        await pilot.press("ctrl+d")
        await pilot.pause()
        pilot.app.screen.query_one("#field-published", Input).value = "March 2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = pilot.app.screen.query_one("#error")
        assert "not a date" in str(error.render())  # the form stays open and says why
    saved = Library.open(tmp_path / "lib").article(article_id)
    assert saved.published == "2026-03-15" and saved.site == "The Coastal Ledger Weekend"


async def test_details_form_shows_a_journal_articles_fields_and_saves_them(tmp_path):
    from textual.widgets import Select

    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=(120, 50)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        screen = pilot.app.screen
        assert not screen.query_one("#field-volume", Input).display  # a news article has none
        screen.query_one("#field-type", Select).value = "journal"
        await pilot.pause()
        assert "Journal" in str(screen.query_one("#label-site").render())
        for key, value in (("site", "Journal of Coastal Planning"), ("volume", "14"),
                           ("issue", "2"), ("pages", "112-130"),
                           ("doi", "https://doi.org/10.5555/jcp.2021.0142")):
            field = screen.query_one(f"#field-{key}", Input)
            assert field.display
            field.value = value
        assert not screen.query_one("#field-publisher", Input).display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "LibraryScreen"
    saved = Library.open(tmp_path / "lib").article(article_id)
    assert (saved.type, saved.site, saved.volume, saved.issue, saved.pages, saved.doi) == (
        "journal", "Journal of Coastal Planning", "14", "2", "112–130", "10.5555/jcp.2021.0142")


async def test_details_form_from_the_reader_changes_what_y_cites(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-helpers"))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article_id).run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.query_one("#field-authors", Input).value = "Lindqvist, Tomas"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        assert pilot.app.clipboard.startswith("Lindqvist, T.")


async def test_export_notes_from_the_library(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    add_markdown(library, tmp_path, "quay.md", SECOND)
    folder = tmp_path / "vault"
    async with GlossatorApp(library).run_test(size=(120, 50)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        pilot.app.screen.query_one("#folder", Input).value = str(folder)
        pilot.app.screen.query_one("#which").value = "all"
        await pilot.click("#export")
        await pilot.pause()
    notes = sorted(p.name for p in folder.glob("*.md"))
    assert notes == ["Harbour vote seen from the quay.md",
                     "Port Aldwick council backs harbour dredging despite doubts over cost.md"]


async def test_t_marks_with_a_tag_and_can_create_one(tmp_path):
    library, article = sample_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        view.select_span(0, 4)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*list("funding"), "enter")  # a new tag: the only option offered
        await pilot.pause(SETTLE)
        assert [m.kind for m in view.marks] == ["funding"]
        view.select_span(5, 12)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*list("fun"), "enter")  # narrows to the existing tag
        await pilot.pause(SETTLE)
        assert [m.kind for m in view.marks] == ["funding", "funding"]
    reopened = Library.open(tmp_path / "lib")
    assert reopened.tag("funding") is not None and reopened.tag("funding").colour


async def test_y_on_a_selection_of_only_whitespace_says_so(tmp_path):
    library, article = sample_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        gap = view.text.index("\n\n")
        view.select_span(gap, gap + 2)  # the blank line between two paragraphs
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.clipboard == ""
        assert any("Select text" in n.message for n in pilot.app._notifications)


async def test_the_reader_footer_lists_its_keys_once_mounted(tmp_path):
    from textual.widgets import Footer

    library, article = sample_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)  # the footer is mounted after the first paint
        footer = pilot.app.screen.query_one(Footer)
        for _ in range(100):
            if footer.children:
                break
            await pilot.pause(0.02)
        shown = {key.description for key in footer.query("FooterKey")}
        assert {"Claim", "Actor", "Question", "Search"} <= shown
