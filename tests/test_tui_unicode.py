"""Tabs, wide and combining characters, emoji, right-to-left text and very long lines
keep wrapping, the cursor and selections on exact code-point offsets."""

from __future__ import annotations

from rich.cells import cell_len

from annotations.store import Library
from reader.app import GlossatorApp
from tests.tui_support import SETTLE, SIZE, add_markdown

TEXT = (
    "# Mixed scripts\n\n"
    "Name\tValue\tNote: the tab stays one code point.\n\n"
    "Cafe\u0301 cre\u0300me and nai\u0308ve words with combining marks.\n\n"
    "港口委员会投票决定疏浚港口尽管对成本有疑问渔民和环境信托基金会都提出了问题。\n\n"
    "Families 👨\u200d👩\u200d👧 and flags 🇳🇱 in a sentence.\n\n"
    "עברית: הנמל יורחב. العربية: سيتم توسيع الميناء.\n\n"
    + "A very long paragraph. " * 3000 + "\n"
)


def app_on(tmp_path):
    library = Library.open(tmp_path / "lib")
    article = add_markdown(library, tmp_path, "mixed.md", TEXT)
    return GlossatorApp(library, article_id=article), library, article


async def test_the_cursor_steps_over_whole_clusters(tmp_path):
    app, _, _ = app_on(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        text = view.text
        at = text.index("Cafe\u0301")
        view.go_to(at)
        await pilot.press("right", "right", "right")
        assert view.cursor == at + 3
        await pilot.press("right")  # "e" + combining acute: one step, two code points
        assert view.cursor == at + 5
        family = text.index("👨")
        view.go_to(family)
        await pilot.press("right")  # the whole family emoji
        assert view.cursor == text.index(" and flags")
        await pilot.press("left")
        assert view.cursor == family


async def test_selecting_and_marking_combining_and_wide_text_keeps_exact_offsets(tmp_path):
    app, library, article = app_on(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        text = view.text
        word = "Cafe\u0301 cre\u0300me"
        at = text.index(word)
        view.go_to(at)
        await pilot.press(*["shift+right"] * 10)  # ten clusters, twelve code points
        assert view.selection == (at, at + len(word))
        await pilot.press("c")
        await pilot.pause(SETTLE)
        # A drag over three wide characters: six cells, three code points.
        harbour = text.index("港口委员会")
        view.go_to(harbour)
        await pilot.pause()
        y = view.rows.y_of(harbour) - view.scroll_offset.y
        left = view.styles.padding.left
        await pilot.mouse_down(view, offset=(left, y))
        await pilot.hover(view, offset=(left + 4, y))
        await pilot.mouse_up(view, offset=(left + 4, y))
        await pilot.pause()
        assert view.selection == (harbour, harbour + 3)
        await pilot.press("q")
        await pilot.pause(SETTLE)
    marks = Library.open(tmp_path / "lib").annotations(article)
    assert [(m.kind, m.exact) for m in marks] == [("claim", word), ("question", "港口委")]
    for mark in marks:
        assert text[mark.start : mark.end] == mark.exact


async def test_rows_fit_the_view_whatever_the_script(tmp_path):
    app, _, _ = app_on(tmp_path)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        width = view.scrollable_content_region.width
        for y in range(view.scrollable_content_region.height):
            strip = view.render_line(y)
            assert strip.cell_length == width
            assert cell_len(strip.text) == width
        await pilot.press("G")  # to the end of the long paragraph
        await pilot.press("(")  # sentences there are found without segmenting it all
        assert view.text[view.cursor :].startswith("A very long paragraph.")
        for y in range(view.scrollable_content_region.height):
            assert view.render_line(y).cell_length == width
