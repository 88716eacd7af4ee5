"""Who marked what, in the reader: the pane says whose a mark is once teammates have marked
the article, `@` shows only my marks (or one teammate's, or everyone's again), and `C`
colours the marks by author while the kind keeps its background."""

from __future__ import annotations

from annotations.marking import new_annotation
from annotations.store import Library
from reader.app import GlossatorApp
from reader.document.cache import load_document
from reader.widgets.annotation_pane import AnnotationPane
from reader.widgets.article_view import ArticleView
from reader.widgets.author_colours import PALETTE, author_colours, colour_indexes
from tests.tui_support import SETTLE, SIZE, sample_library

PHRASES = {"ana": "Priya Raman", "ben": "Daniel Moyo", "tester": "Samuel Reyes-Whitfield"}


def marked_by_three(folder, monkeypatch) -> tuple[Library, str]:
    """The sample article with one actor mention by each of ana, ben and tester (me)."""
    library, article_id = sample_library(folder)
    article = library.article(article_id)
    document = load_document(library, article)
    for author, phrase in PHRASES.items():
        monkeypatch.setenv("GLOSSATOR_AUTHOR", author)
        start = document.text.index(phrase)
        new_annotation(library, article, document.text, document.places, start,
                       start + len(phrase), "actor")
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "tester")
    return library, article_id


def listed(pane: AnnotationPane) -> list[str]:
    return [e.annotation.exact for e in pane.entries if e.annotation is not None]


def details(pane: AnnotationPane) -> list[str]:
    return [pane._detail(e.annotation) for e in pane.entries if e.annotation is not None]


def style_at(view: ArticleView, offset: int):
    """The style the character at `offset` is drawn in (its row must be on screen)."""
    row = view.rows.y_of(offset) - view.scroll_offset.y
    for segment in view.render_line(row):
        meta = segment.style.meta if segment.style else {}
        start = meta.get("offset", (None,))[0]
        if start is not None and start <= offset < start + len(segment.text):
            return segment.style
    raise AssertionError(f"offset {offset} is not drawn on row {row}")


async def open_reader(pilot, article_id: str) -> tuple[ArticleView, AnnotationPane]:
    pilot.app.open_article(article_id)
    await pilot.pause(SETTLE)
    screen = pilot.app.screen
    return screen.view, screen.query_one(AnnotationPane)


async def test_the_pane_says_whose_marks_are_whose_once_teammates_marked(tmp_path, monkeypatch):
    library, article_id = marked_by_three(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        _, pane = await open_reader(pilot, article_id)
        assert sorted(d.rsplit("by ", 1)[1] for d in details(pane)) == ["ana", "ben", "tester"]


async def test_my_own_marks_alone_need_no_name(tmp_path):
    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view, pane = await open_reader(pilot, article_id)
        start = view.text.index("Priya Raman")
        view.select_span(start, start + len("Priya Raman"))
        await pilot.press("a")
        await pilot.pause(SETTLE)
        assert listed(pane) == ["Priya Raman"]
        assert "by " not in details(pane)[0]


async def test_at_then_enter_shows_only_my_marks_and_again_everyones(tmp_path, monkeypatch):
    library, article_id = marked_by_three(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view, pane = await open_reader(pilot, article_id)
        text = view.text
        await pilot.press("at")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "AuthorPicker"
        await pilot.press("enter")  # the first choice, while everyone's show: only mine
        await pilot.pause(SETTLE)
        assert listed(pane) == ["Samuel Reyes-Whitfield"]
        assert pane.border_title.startswith("Marks by tester (1 of 3)")

        # Ana's mark is not drawn, not under the cursor, and `]` passes it by.
        view.go_to(text.index("Priya Raman"))
        assert view.mark_under_cursor() is None
        view.go_to(0)
        await pilot.pause()
        plain = text.index("Priya Raman") - 3  # a word before the name, never marked
        assert style_at(view, text.index("Raman")).bgcolor == style_at(view, plain).bgcolor
        await pilot.press("right_square_bracket")
        assert view.cursor == text.index("Samuel Reyes-Whitfield")

        await pilot.press("at")
        await pilot.pause()
        await pilot.press("enter")  # now the first choice is everyone's
        await pilot.pause(SETTLE)
        assert len(listed(pane)) == 3
        assert pane.border_title.startswith("Marks (3)")


async def test_one_teammates_marks_by_typing_their_name(tmp_path, monkeypatch):
    library, article_id = marked_by_three(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view, pane = await open_reader(pilot, article_id)
        await pilot.press("at", "b", "e", "n", "enter")
        await pilot.pause(SETTLE)
        assert listed(pane) == ["Daniel Moyo"]
        view.go_to(view.text.index("Daniel Moyo"))
        assert view.mark_under_cursor().author == "ben"


async def test_the_palette_offers_the_filter_and_the_colours(tmp_path, monkeypatch):
    library, article_id = marked_by_three(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await open_reader(pilot, article_id)
        descriptions = {b.binding.description for b in pilot.app.screen.active_bindings.values()}
        assert "Whose marks: mine, all…" in descriptions
        assert "Colours by author" in descriptions


async def test_C_colours_marks_by_author_and_the_kind_keeps_its_background(tmp_path, monkeypatch):
    library, article_id = marked_by_three(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        view, pane = await open_reader(pilot, article_id)
        raman = view.text.index("Raman")

        def priya_style():
            return style_at(view, raman)

        before = priya_style()
        await pilot.press("C")
        await pilot.pause(SETTLE)
        expected = author_colours(["ana", "ben", "tester"], dark=pilot.app.current_theme.dark)
        assert view.author_colours == expected
        after = priya_style()
        assert after.color.name == expected["ana"]
        assert after.underline
        assert after.bgcolor == before.bgcolor  # still an actor's background
        assert pane.author_colours == expected
        await pilot.press("C")
        await pilot.pause(SETTLE)
        assert view.author_colours == {}
        assert priya_style().color == before.color


def test_an_authors_colour_is_the_same_every_time_and_clashes_move_on():
    first = colour_indexes(["ana", "ben"])
    assert first == colour_indexes(["ben", "ana"]) == colour_indexes(["ana", "ben"])
    eight = colour_indexes([f"coder {n}" for n in range(8)])
    assert sorted(eight.values()) == list(range(len(PALETTE)))  # eight people, eight colours
    assert author_colours(["ana"], dark=True)["ana"] != author_colours(["ana"], dark=False)["ana"]
