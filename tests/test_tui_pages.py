"""A PDF in the reader: page breaks drawn as rules with the printed page, and `ctrl+g`
goes to a page by its label."""

from __future__ import annotations

from annotations.store import Library
from reader.app import GlossatorApp
from reader.cli.adding import add_imported
from reader.importing.article_source import ImportedArticle
from tests.test_pages_document import pages_body
from tests.tui_support import SIZE


def paged_library(folder) -> tuple[Library, str]:
    library = Library.open(folder)
    body = pages_body(
        [{"kind": "heading", "level": 1, "text": "Notes on Estuary Silt"},
         {"kind": "paragraph", "text": "Front matter that runs a little way down the page."}],
        *[[{"kind": "paragraph", "text": f"Body text of page {n}, long enough to fill a row "
            "or two of the reader at its test size, and to be found by its words."}]
          for n in range(2, 30)],
        labels=["iv"] + [str(n) for n in range(1, 29)],
    )
    imported = ImportedArticle(body=body, format="pages", source=str(folder / "silt.pdf"),
                               title="Notes on Estuary Silt")
    return library, add_imported(library, imported).article.id


async def test_page_rules_show_the_printed_page(tmp_path):
    library, article_id = paged_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        rows = [view.render_line(y).text for y in range(12)]
        assert rows[0].startswith("── p. iv ─")
        assert any(row.startswith("── p. 1 ─") for row in rows)


async def test_go_to_page_by_its_label(tmp_path):
    library, article_id = paged_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = pilot.app.screen.view
        await pilot.press("ctrl+g")
        await pilot.press("2", "0", "enter")
        await pilot.pause()
        assert view.text[view.cursor:].startswith("Body text of page 21,")
        # A page that is not there says so and keeps the dialog open.
        await pilot.press("ctrl+g")
        await pilot.press("9", "9", "enter")
        await pilot.pause()
        assert "No page 99" in str(pilot.app.screen.query_one("#error").render())
        await pilot.press("escape")
        assert view.text[view.cursor:].startswith("Body text of page 21,")


async def test_go_to_page_in_an_article_without_pages_says_so(tmp_path):
    from tests.tui_support import sample_library

    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert any("no pages" in str(n.message) for n in pilot.app._notifications)
