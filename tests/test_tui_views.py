"""The library-wide views in the TUI: who claims what, claims, questions, marks over time,
and two articles' coverage compared, each opening an article at its mark."""

from __future__ import annotations

from annotations.store import Library
from reader.app import GlossatorApp
from reader.screens.claims import ClaimsScreen
from reader.screens.coverage import CoverageScreen
from reader.screens.listed_marks import ListedMarks
from reader.screens.matrix import MatrixScreen
from reader.screens.questions import QuestionsScreen
from reader.screens.reader import ReaderScreen
from reader.screens.timeline import TimelineScreen
from reader.widgets.mark_list import MarkList
from reader.widgets.matrix_grid import MatrixGrid, column_widths
from reader.widgets.timeline import TimelineChart
from tests.helpers.views_library import ViewsSample, views_sample
from tests.tui_support import SIZE, escape


async def settle(pilot) -> None:
    """Until the screen's workers (reading the library) are done and their results shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def sample_of(tmp_path) -> ViewsSample:
    return views_sample(Library.open(tmp_path / "lib"), tmp_path / "src")


async def test_each_view_opens_from_its_key_in_the_library(tmp_path):
    sample = sample_of(tmp_path)
    async with GlossatorApp(sample.library).run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, screen_type in (("f6", MatrixScreen), ("f3", ClaimsScreen),
                                 ("f4", QuestionsScreen), ("f8", TimelineScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, screen_type), key
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("f6")
        await settle(pilot)
        grid = pilot.app.screen.query_one(MatrixGrid)
        assert [r.label for r in grid.matrix.rows][:2] == ["Ines Pereira", "Kofi Mensah"]
        await pilot.press("escape", "f4")
        await settle(pilot)
        questions = pilot.app.screen.query_one(MarkList)
        assert [e.title or e.mark.exact for e in questions.entries][:2] == [
            "Open (2)", "Who pays if the work runs late?"]
        await pilot.press("escape", "f8")
        await settle(pilot)
        chart = pilot.app.screen.query_one(TimelineChart)
        assert [b.label for b in chart.timeline.buckets] == ["2024, no month", "2025-03", "2025-04"]


async def test_a_matrix_cell_lists_its_claims_and_a_claim_opens_the_article_at_it(tmp_path):
    sample = sample_of(tmp_path)
    async with GlossatorApp(sample.library).run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        grid = pilot.app.screen.query_one(MatrixGrid)
        assert grid.current[0].label == "Ines Pereira"
        await pilot.press("down")  # Kofi Mensah × the Coastal Record
        detail = str(pilot.app.screen.query_one("#cell-detail").render())
        assert "Kofi Mensah × Harbour dredging plan" in detail and "1 supported, 1 false" in detail
        await pilot.press("enter")
        await settle(pilot)
        listed = pilot.app.screen
        assert isinstance(listed, ListedMarks)
        marks = listed.query_one(MarkList)
        assert [m.exact for _, m in marks.items] == ["a fantasy | a fairy tale",
                                                     "the last dredging ran three years late"]
        await pilot.press("down", "enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.session.article.id == sample.coastal.id
        assert reader.view.cursor == sample.marks["late"].start
        assert await escape(pilot) is listed  # back to the cell's claims, then to the matrix
        assert isinstance(await escape(pilot), MatrixScreen)


async def test_the_matrix_shares_the_width_among_its_columns_and_names_each_in_full(tmp_path):
    sample = sample_of(tmp_path)
    titles = ["Harbour dredging plan approved despite protests", "Board backs channel dredging",
              "Ferry subsidy cut leaves island without winter crossing", "A letter about the quay"]
    async with GlossatorApp(sample.library).run_test(size=(200, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        grid = pilot.app.screen.query_one(MatrixGrid)
        header = grid.render_line(0).text
        assert all(title in header for title in titles)
        await pilot.press("right")
        await pilot.pause()
        assert str(grid.tooltip).startswith("Board backs channel dredging")
    async with GlossatorApp(sample.library).run_test(size=(140, 40)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        grid = pilot.app.screen.query_one(MatrixGrid)
        header = grid.render_line(0).text
        # The short titles whole; the long ones share what is left, far more than 7 cells.
        assert titles[1] in header and titles[3] in header
        assert "Harbour dredging plan appr" in header and "Ferry subsidy cut leaves i" in header
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert grid.current[1].label == titles[3] and grid.scroll_offset.x == 0


def test_columns_get_what_their_labels_need_and_share_the_rest():
    assert column_widths([24, 29, 49, 57], 136) == [24, 29, 41, 42]
    assert column_widths([24, 29, 49, 57], 300) == [24, 29, 49, 57]
    assert column_widths([30] * 1000, 120) == [8] * 1000  # too many: the minimum, and scroll
    assert column_widths([3, 90], 200) == [8, 60]


async def test_the_matrix_turns_to_tags(tmp_path):
    sample = sample_of(tmp_path)
    async with GlossatorApp(sample.library).run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        grid = pilot.app.screen.query_one(MatrixGrid)
        assert grid.matrix.by == "tag"
        assert [c.label for c in grid.matrix.columns] == ["funding", "funding/private",
                                                          "funding/state", "(no tag)"]


async def test_claims_of_two_articles_get_a_status_at_once_and_u_undoes_it(tmp_path):
    sample = sample_of(tmp_path)
    lib = sample.library
    async with GlossatorApp(lib).run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = pilot.app.screen
        marks = screen.query_one(MarkList)
        assert [m.status for _, m in marks.items][:5] == ["unverified"] * 5
        # The first two: Pereira's cost claims in the Coastal Record and the Bay Herald.
        await pilot.press("space", "space")
        assert len(marks.selected) == 2
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"supp", "enter")
        await settle(pilot)
        fresh = Library.open(lib.folder)
        assert fresh.annotation(sample.coastal.id, sample.marks["cost"].id).status == "supported"
        assert fresh.annotation(sample.herald.id, sample.marks["herald-cost"].id).status == "supported"
        assert fresh.annotation(sample.ferry.id, sample.marks["crossing"].id).status == "unverified"
        assert not marks.selected
        await pilot.press("u")
        await settle(pilot)
        fresh = Library.open(lib.folder)
        assert fresh.annotation(sample.herald.id, sample.marks["herald-cost"].id).status == "unverified"


async def test_claims_filter_and_save_as_a_markdown_table(tmp_path):
    sample = sample_of(tmp_path)
    out = tmp_path / "claims.md"
    async with GlossatorApp(sample.library).run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#status").value = "false"
        await settle(pilot)
        assert [m.exact for _, m in screen.query_one(MarkList).items] == ["a fantasy | a fairy tale"]
        await pilot.press("x")
        await pilot.pause()
        field = pilot.app.screen.query_one("#path")
        field.value = str(out)
        await pilot.press("enter")
        await settle(pilot)
    table = out.read_text("utf-8").splitlines()
    assert len(table) == 3
    assert table[2].startswith(r"| false | a fantasy \| a fairy tale | Kofi Mensah |")


async def test_enter_on_a_claim_opens_its_article_there(tmp_path):
    sample = sample_of(tmp_path)
    async with GlossatorApp(sample.library).run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # the ferry's crossing claim
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.session.article.id == sample.ferry.id
        assert reader.view.cursor == sample.marks["crossing"].start
        await pilot.press("escape")  # back to the view it was opened from, not the library
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "ClaimsScreen"


async def test_two_articles_side_by_side_compared_and_a_mark_opened_in_its_column(tmp_path):
    sample = sample_of(tmp_path)
    async with GlossatorApp(sample.library, article_id=sample.coastal.id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)  # one article: nothing to compare
        pilot.app.screen.open_beside(sample.herald.id)
        await settle(pilot)
        await pilot.press("ctrl+k")
        await settle(pilot)
        coverage = pilot.app.screen
        assert isinstance(coverage, CoverageScreen)
        entries = coverage.query_one(MarkList).entries
        titles = [e.title for e in entries if e.title]
        assert titles == ["Actors in both (1)", "Actors only in A (1)", "Actors only in B (1)",
                          "Claims in both (1)", "Claims only in A (2)", "Claims only in B (1)"]
        wanted = next(i for i, e in enumerate(entries) if e.mark is not None
                      and e.mark.id == sample.marks["disputed"].id)
        coverage.query_one(MarkList).highlighted = wanted
        await pilot.press("enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.session.article.id == sample.herald.id  # that column is the active one
        assert reader.view.cursor == sample.marks["disputed"].start
        assert len(reader.columns) == 2


def test_every_library_view_says_an_article_opened_from_it_comes_back_to_it():
    import importlib

    from reader.app import LIBRARY_VIEWS

    for module_name, class_name in LIBRARY_VIEWS.values():
        assert getattr(importlib.import_module(module_name), class_name).LIBRARY_VIEW is True
