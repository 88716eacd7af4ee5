"""The reader, driven by keys and mouse through Textual's Pilot, as a researcher uses it."""

from __future__ import annotations

from annotations.model import ACTOR, CLAIM, QUESTION
from annotations.store import Library
from reader.app import GlossatorApp
from reader.widgets.annotation_pane import AnnotationPane
from tests.tui_support import SETTLE, SIZE, open_first_article, sample_library, screen_point, search


async def test_moves_by_word_sentence_and_paragraph(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        text = view.text
        assert view.cursor == 0
        await pilot.press("w")
        assert view.cursor == text.index("Aldwick")
        await pilot.press("b")
        assert view.cursor == 0
        await pilot.press("}")
        standfirst = text.index("The £41 million plan")
        assert view.cursor == standfirst
        await pilot.press(")")
        assert view.cursor == text.index("Fishermen, an environmental")
        await pilot.press("(")
        assert view.cursor == standfirst
        await pilot.press("}")
        assert view.cursor == text.index("Port Aldwick's council voted")
        await pilot.press("{")
        assert view.cursor == standfirst
        await pilot.press("G")
        assert view.cursor == len(text)
        await pilot.press("g")
        assert view.cursor == 0


async def test_the_whole_loop_persists_with_the_right_offsets(tmp_path):
    folder = tmp_path / "lib"
    library, article_id = sample_library(folder)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        text = view.text

        # An actor, selected with the keyboard: v, then shift+right over the name.
        name = "Samuel Reyes-Whitfield"
        await search(pilot, name)
        assert view.cursor == text.index(name)
        await pilot.press(*["shift+right"] * len(name))
        assert view.selection == (text.index(name), text.index(name) + len(name))
        await pilot.press("a")
        await pilot.pause()

        # A claim with no selection: the sentence under the cursor.
        sentence = "The harbour currently handles about 310,000 tonnes of cargo a year."
        await search(pilot, "310,000")
        await pilot.press("c")
        await pilot.pause()

        # A question, selected by dragging the mouse over two words.
        phrase = "Meridian Maritime"
        at = text.index(phrase)
        view.go_to(at)
        await pilot.pause()
        start_x, start_y = screen_point(view, at)
        end_x, end_y = screen_point(view, at + len(phrase) - 1)
        await pilot.mouse_down(view, offset=(start_x, start_y))
        await pilot.hover(view, offset=(end_x, end_y))
        await pilot.mouse_up(view, offset=(end_x, end_y))
        await pilot.pause()
        assert view.selection == (at, at + len(phrase))
        await pilot.press("q")
        await pilot.pause()

        marks = {m.kind: m for m in view.marks}
        assert marks[ACTOR].exact == name
        assert marks[CLAIM].exact == sentence
        assert marks[QUESTION].exact == phrase

        # A note and a speaker for the claim, through the edit dialog.
        view.go_to(marks[CLAIM].start + 3)
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#speaker")
        await pilot.press(*list("Samuel"), "right")  # accept the suggested actor name
        await pilot.click("#note")
        await pilot.press(*list("Arithmetic of what?"))
        await pilot.press("ctrl+s")
        await pilot.pause()

        # Delete the question, undo, redo, undo: it is back.
        view.go_to(marks[QUESTION].start)
        await pilot.press("x")
        await pilot.pause()
        assert QUESTION not in {m.kind for m in view.marks}
        await pilot.press("u")
        assert QUESTION in {m.kind for m in view.marks}
        await pilot.press("ctrl+r")
        assert QUESTION not in {m.kind for m in view.marks}
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("ctrl+q")

    reopened = Library.open(folder)
    saved = {m.kind: m for m in reopened.annotations(article_id)}
    assert set(saved) == {ACTOR, CLAIM, QUESTION}
    for mark in saved.values():
        assert text[mark.start : mark.end] == mark.exact
    assert saved[CLAIM].note == "Arithmetic of what?"
    speaker = reopened.actor(saved[CLAIM].speaker)
    assert speaker is not None and speaker.name == name
    assert saved[ACTOR].actor == speaker.id  # the mention and the speaker are one actor
    assert saved[QUESTION].exact == "Meridian Maritime"


async def test_search_is_case_insensitive_and_n_moves_between_matches(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        lower = view.text.lower()
        expected = [i for i in range(len(lower)) if lower.startswith("meridian", i)]
        await search(pilot, "MERIDIAN")
        assert [m[0] for m in view.matches] == expected
        assert view.cursor == expected[0]
        assert view.selection is None  # a match moves the cursor; it is not a selection
        await pilot.press("n")
        assert view.cursor == expected[1]
        await pilot.press("N")
        assert view.cursor == expected[0]
        await pilot.press("N")
        assert view.cursor == expected[-1]  # wraps around


async def test_marks_jump_with_brackets_and_the_pane_follows(tmp_path):
    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        text = view.text
        for phrase, key in (("Priya Raman", "a"), ("Daniel Moyo", "a")):
            view.select_span(text.index(phrase), text.index(phrase) + len(phrase))
            await pilot.press(key)
        await pilot.pause(SETTLE)
        view.go_to(0)
        await pilot.press("]")
        assert view.cursor == text.index("Priya Raman")
        await pilot.press("]")
        assert view.cursor == text.index("Daniel Moyo")
        await pilot.press("[")
        assert view.cursor == text.index("Priya Raman")

        pane = pilot.app.screen.query_one(AnnotationPane)
        await pilot.press("tab")
        assert pane.has_focus
        await pilot.press("down")  # from the first mark to the second
        assert pane.highlighted_annotation.exact == "Daniel Moyo"
        assert view.cursor == text.index("Daniel Moyo")  # moving in the pane scrolls the text
        await pilot.press("enter")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "EditAnnotation"


async def test_resize_keeps_the_reading_position(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        target = view.text.index("Deputy leader Samuel")
        view.go_to(target)
        view.scroll_to(y=view.rows.y_of(target), animate=False, immediate=True)
        await pilot.pause()
        assert view.rows.starts[view.scroll_offset.y] == target
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        await pilot.pause()
        assert view.rows.width < 70
        top = view.scroll_offset.y
        # The row now at the top of the narrower view is the one holding that text.
        assert view.rows.starts[top] <= target < view.rows.ends[top]
        assert view.cursor == target


async def test_double_click_selects_a_word_not_the_document(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        at = view.text.index("harbour")
        x, y = screen_point(view, at + 2)
        await pilot.click(view, offset=(x, y), times=2)
        await pilot.pause()
        assert view.selection == (at, at + len("harbour"))


async def test_escape_clears_the_selection_then_goes_back_to_the_library(tmp_path):
    library, _ = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("v", "w", "w")
        assert view.selection is not None
        await pilot.press("escape")
        assert view.selection is None
        assert type(pilot.app.screen).__name__ == "ReaderScreen"
        await pilot.press("escape")
        assert type(pilot.app.screen).__name__ == "LibraryScreen"
