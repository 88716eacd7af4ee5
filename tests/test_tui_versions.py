"""Refreshing in the TUI, orphans in the pane, and `r` re-attaching a mark to a selection."""

from __future__ import annotations

from pathlib import Path

from annotations.store import Library
from reader.app import GlossatorApp
from reader.cli.adding import add_source
from reader.widgets.annotation_pane import AnnotationPane
from tests.helpers.library import mark
from tests.tui_support import SETTLE, SIZE, search

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


async def wait_for(pilot, condition, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")


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
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(SETTLE)
        notes = [str(n.message) for n in pilot.app._notifications]
        assert any(n.startswith(f"refreshed {article_id}") for n in notes), notes
    assert len(list((tmp_path / "lib" / "articles" / article_id / "versions").iterdir())) == 1
