"""Refreshing in the TUI (from the source, or from another: a new file, a URL, pasted text),
orphans in the pane, `r` re-attaching a mark to a selection, and an article's versions."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from annotations.store import Library
from reader.app import GlossatorApp
from reader.cli.adding import add_source
from reader.widgets.annotation_pane import AnnotationPane
from tests.helpers.library import mark
from tests.tui_support import SETTLE, SIZE, search, wait_for

BEFORE = """\
# Lock gates to be replaced

The canal trust will replace the lock gates at Millbrook this spring, closing the
towpath for six weeks.

Boat owners were told the work would cost £1.2 million and be paid from reserves.
"""

AFTER = """\
# Lock gates to be replaced

UPDATE: the trust now says the work starts in April.

The canal trust will replace the lock gates at Millbrook this spring, closing the
towpath for eight weeks.

The trust has not said how the work will be paid for.
"""


def changing_library(folder: Path, source: Path) -> tuple[Library, str]:
    source.write_text(BEFORE, encoding="utf-8")
    library = Library.open(folder)
    article = add_source(library, str(source)).article
    mark(library, article, "replace the lock gates at Millbrook")
    mark(library, article, "paid from reserves", kind="question")
    return library, article.id


async def test_refresh_in_the_reader_reopens_with_marks_found_again_and_an_orphan(tmp_path):
    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    source.write_text(AFTER, encoding="utf-8")
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await wait_for(pilot, lambda: "UPDATE" in pilot.app.screen.view.text)
        await pilot.pause(SETTLE)
        notes = [str(n.message) for n in pilot.app._notifications]
        assert any("1 moved" in n and "1 orphaned" in n for n in notes), notes
        pane = pilot.app.screen.query_one(AnnotationPane)
        headers = [e.kind for e in pane.entries if e.annotation is None]
        assert headers[-1] == "\0orphaned"
        orphan = pane.entries[-1].annotation
        assert orphan.exact == "paid from reserves" and orphan.orphaned
        # The orphan is listed, not drawn at offsets that no longer hold it.
        view = pilot.app.screen.view
        assert all(not m.orphaned for m in view.marks.overlapping(0, len(view.text)))


async def test_r_re_attaches_an_orphan_to_the_selection(tmp_path):
    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    source.write_text(AFTER, encoding="utf-8")
    from reader.cli.refreshing import refresh

    refresh(library, library.article(article_id))
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        view = pilot.app.screen.view
        words = "how the work will be paid for"
        await search(pilot, words)
        await pilot.press(*["shift+right"] * len(words))
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")  # the orphan comes first
        await pilot.pause(SETTLE)
    [question] = [m for m in Library.open(library.folder).annotations(article_id)
                  if m.kind == "question"]
    assert not question.orphaned and question.exact == words
    assert question.history[-1]["quote"] == "paid from reserves"
    assert question.history[-1]["why"] == "reattach"
    assert view.text[question.start:question.end] == words


async def test_refresh_from_the_library_screen(tmp_path):
    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    source.write_text(AFTER, encoding="utf-8")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(SETTLE)
        notes = [str(n.message) for n in pilot.app._notifications]
        assert any(n.startswith(f"refreshed {article_id}") for n in notes), notes
    assert len(list((tmp_path / "lib" / "articles" / article_id / "versions").iterdir())) == 1


def report_lines(pilot) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def test_f5_on_a_pasted_article_asks_for_its_new_text_and_refreshes(tmp_path):
    from textual.widgets import TextArea

    from reader.cli.adding import add_pasted

    library = Library.open(tmp_path / "lib")
    article = add_pasted(library, BEFORE).article
    mark(library, article, "replace the lock gates at Millbrook")
    mark(library, article, "paid from reserves", kind="question")
    async with GlossatorApp(library, article_id=article.id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")  # nothing to read again: the dialog, not a toast about the CLI
        await pilot.pause()
        dialog = pilot.app.screen
        assert type(dialog).__name__ == "RefreshFrom"
        assert "pasted" in str(dialog.query_one(".note").render())
        pasted = dialog.query_one("#pasted", TextArea)
        assert dialog.focused is pasted
        pasted.insert(AFTER)  # as a terminal paste lands
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "UPDATE" in pilot.app.screen.view.text)
        assert not any("glossator refresh" in n for n in report_lines(pilot))
        assert any(n.startswith(f"refreshed {article.id}: 0 kept, 1 moved, 0 fuzzy, 1 orphaned")
                   for n in report_lines(pilot)), report_lines(pilot)
    assert Library.open(tmp_path / "lib").article(article.id).source == ""


async def test_f5_on_a_moved_file_asks_where_it_is_now(tmp_path):
    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    moved = tmp_path / "moved" / "lock gates.md"
    moved.parent.mkdir()
    source.rename(moved)
    moved.write_text(AFTER, encoding="utf-8")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        dialog = pilot.app.screen
        assert type(dialog).__name__ == "RefreshFrom"
        assert "is gone" in str(dialog.query_one(".note").render())
        field = dialog.query_one("#source", Input)
        assert field.value == str(source)  # the current source, to edit
        field.value = str(moved)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "LibraryScreen"
        assert any(n.startswith(f"refreshed {article_id}: 0 kept, 1 moved")
                   for n in report_lines(pilot)), report_lines(pilot)
    assert Library.open(tmp_path / "lib").article(article_id).source == str(moved)
    assert len(list((tmp_path / "lib" / "articles" / article_id / "versions").iterdir())) == 1


async def test_ctrl_r_in_the_library_refreshes_from_another_file(tmp_path):
    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    other = tmp_path / "lock-corrected.md"
    other.write_text(AFTER, encoding="utf-8")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        dialog = pilot.app.screen
        assert not dialog.query(".note")  # asked for, not forced by a missing source
        dialog.query_one("#source", Input).value = str(other)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.startswith(f"refreshed {article_id}") for n in report_lines(pilot))
    assert Library.open(tmp_path / "lib").article(article_id).source == str(other)


async def test_F_in_the_reader_refreshes_from_another_file_and_reopens(tmp_path):
    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    other = tmp_path / "lock-corrected.md"
    other.write_text(AFTER, encoding="utf-8")
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        field = pilot.app.screen.query_one("#source", Input)
        assert field.value == str(source)
        field.value = str(other)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "UPDATE" in pilot.app.screen.view.text)
        assert any("1 moved" in n and "1 orphaned" in n for n in report_lines(pilot))


async def test_a_refresh_in_the_reader_never_holds_up_the_keys(tmp_path, monkeypatch):
    import threading

    import reader.cli.refreshing as refreshing

    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    source.write_text(AFTER, encoding="utf-8")
    going_on, real = threading.Event(), refreshing.refresh

    def slow_refresh(*args, **kwargs):
        going_on.wait(10)  # a slow web page
        return real(*args, **kwargs)

    monkeypatch.setattr(refreshing, "refresh", slow_refresh)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        pane = pilot.app.screen.query_one(AnnotationPane)
        await pilot.press("p")  # while the refresh waits on its source
        await pilot.pause()
        assert pane.has_class("-hidden")
        going_on.set()
        await wait_for(pilot, lambda: "UPDATE" in pilot.app.screen.view.text)


async def test_the_palette_offers_refresh_from_and_versions_in_the_reader(tmp_path):
    from reader.palette import ActionCommands

    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c[0]: c[3] for c in ActionCommands(pilot.app.screen)._commands()}
        assert commands["Refresh from another source…"] == "F"
        assert commands["Versions of this article"] == "V"
        assert commands["Refresh from the source"] == "f5"


def refreshed_twice(tmp_path: Path) -> tuple[Library, str]:
    """The lock-gates article refreshed twice: versions 1 and 2, and the current text."""
    from reader.cli.refreshing import refresh

    source = tmp_path / "lock.md"
    library, article_id = changing_library(tmp_path / "lib", source)
    source.write_text(AFTER, encoding="utf-8")
    refresh(library, library.article(article_id))
    source.write_text(AFTER.replace("in April", "in [bold]May[/bold] [/x]"), encoding="utf-8")
    refresh(library, library.article(article_id))
    return library, article_id


async def test_the_versions_screen_lists_the_texts_and_what_changed(tmp_path):
    from textual.widgets import DataTable

    from reader.widgets.word_diff import WordDiff

    library, article_id = refreshed_twice(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        screen = pilot.app.screen
        assert type(screen).__name__ == "VersionsScreen"
        table = screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 3)
        assert [str(table.get_row_at(i)[0]) for i in range(3)] == ["1", "2", "current"]
        assert str(table.get_row_at(0)[3]) == str(len(BEFORE.split()) - 1)  # the # is not a word
        diff = screen.query_one(WordDiff)
        # The last change first, as `glossator diff`: version 2 → current.
        await wait_for(pilot, lambda: "→ current" in str(diff.content))
        shown = str(diff.content)
        assert "[-April.-]" in shown and "{+[bold]May[/bold] [/x].+}" in shown  # data, not markup
        await pilot.press("up")
        await wait_for(pilot, lambda: "version 1 → version 2" in str(diff.content))
        shown = str(diff.content)
        assert "[-six-] {+eight+}" in shown and "{+UPDATE:" in shown
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: "The current text" in str(diff.content))
        await pilot.press("escape")
        assert type(pilot.app.screen).__name__ == "LibraryScreen"


async def test_V_in_the_reader_opens_the_versions_and_escape_comes_back(tmp_path):
    library, article_id = refreshed_twice(tmp_path)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "VersionsScreen"
        await pilot.press("escape")
        assert type(pilot.app.screen).__name__ == "ReaderScreen"


async def test_an_article_never_refreshed_has_only_its_current_text(tmp_path):
    from textual.widgets import DataTable

    from reader.widgets.word_diff import WordDiff

    library, article_id = changing_library(tmp_path / "lib", tmp_path / "lock.md")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.query_one(DataTable).row_count == 1)
        assert "no earlier version" in str(screen.query_one(WordDiff).content)
        assert "has not changed" in str(screen.query_one("#status").render())
