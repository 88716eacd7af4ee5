"""The library search screen, driven through Textual's Pilot as a researcher uses it:
ctrl+f from the library or from an article, type, see the hits, enter opens the article
at the hit, escape goes back."""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3

from textual import events
from textual.widgets import Input, Static

from annotations.marking import new_annotation
from annotations.model import Article
from annotations.search.index import INDEX_NAME, SearchIndex
from annotations.store import Library
from reader.app import GlossatorApp
from reader.document.cache import load_document, text_reader
from reader.screens.reader import ReaderScreen
from reader.screens.search import TYPING_PAUSE, SearchScreen
from reader.widgets.search_results import SearchResults
from tests.test_search_index import damage_in_place
from tests.tui_support import SIZE, add_markdown

SEALS = ("# Parasites in the harbour seals\n\nA survey found worms in most of the seals.\n\n"
         "The vets blamed the warm summer and the dredging of the estuary.\n")
FERRY = ("# Ferry fares rise\n\nThe operator will raise fares by 8% from April.\n\n"
         "Islanders say the dredging made the crossing longer.\n")


def two_articles(tmp_path) -> tuple[Library, str, str]:
    library = Library.open(tmp_path / "lib")
    seals = add_markdown(library, tmp_path, "seals.md", SEALS)
    ferry = add_markdown(library, tmp_path, "ferry.md", FERRY)
    return library, seals, ferry


async def settle(pilot) -> None:
    """Past the typing pause, and until the index and the query workers are done."""
    await pilot.pause(TYPING_PAUSE * 2)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_query(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])
    await settle(pilot)


def results(pilot) -> SearchResults:
    return pilot.app.screen.query_one(SearchResults)


def status(pilot) -> str:
    return str(pilot.app.screen.query_one("#search-status", Static).render())


async def test_ctrl_f_in_the_library_finds_a_passage_and_enter_opens_it_there(tmp_path):
    library, seals, _ = two_articles(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)
        await type_query(pilot, "worms")
        [hit] = results(pilot).hits
        assert (hit.article, hit.locator) == (seals, "para. 1")
        assert status(pilot) == "1 result"
        drawn = results(pilot).render_line(0).text + results(pilot).render_line(1).text
        assert "Parasites in the harbour seals · para. 1" in drawn and "found worms in" in drawn
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.columns[0].session.article.id == seals
        view = screen.view
        assert view.document.text[view.cursor:view.cursor + 5] == "worms"


async def test_ctrl_f_in_an_article_opens_another_at_its_hit(tmp_path):
    library, seals, ferry = two_articles(tmp_path)
    async with GlossatorApp(library, article_id=seals).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReaderScreen)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await type_query(pilot, "crossing")
        assert [h.article for h in results(pilot).hits] == [ferry]
        await pilot.press("enter")
        await pilot.pause()
        view = pilot.app.screen.view
        assert pilot.app.screen.columns[0].session.article.id == ferry
        assert view.document.text[view.cursor:view.cursor + 8] == "crossing"


async def test_arrows_choose_among_the_hits_and_escape_goes_back(tmp_path):
    library, seals, ferry = two_articles(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot)
        await type_query(pilot, "dredging")
        assert {h.article for h in results(pilot).hits} == {seals, ferry}
        second = results(pilot).hits[1]
        await pilot.press("down")
        assert results(pilot).highlighted_hit == second
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "LibraryScreen"
        await pilot.press("ctrl+f")  # back where the researcher was
        await settle(pilot)
        assert pilot.app.screen.query_one("#search-query", Input).value == "dredging"
        assert results(pilot).highlighted_hit == second
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.columns[0].session.article.id == second.article


async def test_keys_reach_the_query_while_the_library_is_indexed(tmp_path):
    library = Library.open(tmp_path / "lib")
    for n in range(150):
        library.add_article(Article(id=f"report-{n}", title=f"Report {n}"),
                            f"# Report {n}\n\n" + "The harbour board met again. " * 40
                            + f"\n\nItem {n}: dredging.\n")
    seen: set[str] = set()
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        # Not pilot.press, which waits until every message is handled, indexing's included.
        pilot.app.action_open_view("search")
        await asyncio.sleep(0.2)
        screen = pilot.app.screen
        for character in "harbour":
            pilot.app.post_message(events.Key(character, character))
        await asyncio.sleep(0.2)
        assert screen.query_one("#search-query", Input).value == "harbour"
        assert screen.shared.indexing  # the keys did not wait for the index
        for _ in range(500):
            seen.add(status(pilot))
            if not screen.shared.indexing:
                break
            await pilot.pause(0.01)
        await settle(pilot)
        assert any("indexing the library:" in s and "of 150 articles" in s for s in seen)
        assert "indexing" not in status(pilot)
        assert len(results(pilot).hits) == 150 and results(pilot).hits[0].found_in == "text"


async def test_a_query_that_cannot_be_understood_is_said_on_the_status_line(tmp_path):
    library, _, _ = two_articles(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot)
        await type_query(pilot, "status:wrong")
        assert "is not a status" in status(pilot)
        assert pilot.app.screen.query_one("#search-status", Static).has_class("-error")
        assert results(pilot).hits == []


async def test_a_mark_made_in_the_reader_is_found_next_time(tmp_path):
    library, seals, _ = two_articles(tmp_path)
    async with GlossatorApp(library, article_id=seals).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await settle(pilot)
        await type_query(pilot, "kind:claim")
        assert results(pilot).hits == []
        await pilot.press("escape")
        await pilot.pause()
        view = pilot.app.screen.view
        view.go_to(view.document.text.index("A survey"))
        await pilot.press("c")  # the sentence under the cursor, as a claim
        await pilot.pause(0.3)
        await pilot.press("ctrl+f")
        await settle(pilot)
        [hit] = results(pilot).hits
        assert (hit.kind, hit.quote) == ("claim", "A survey found worms in most of the seals.")


async def test_a_claim_found_by_its_speaker_shows_its_words_then_the_speaker(tmp_path):
    library, seals, _ = two_articles(tmp_path)
    document = load_document(library, library.article(seals))
    start = document.text.index("A survey")
    new_annotation(library, library.article(seals), document.text, document.places, start,
                   document.text.index(".", start) + 1, "claim", speaker="Dr Ana Pereira")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot)
        await type_query(pilot, "kind:claim pereira")
        [hit] = results(pilot).hits
        drawn = results(pilot).render_line(1).text
        assert "A survey found worms in most of the seals. — Dr Ana Pereira" in drawn
        assert [hit.snippet[a:b] for a, b in hit.highlights] == ["Pereira"]


async def test_a_damaged_index_is_made_again_and_the_hits_come_back(tmp_path):
    library, seals, _ = two_articles(tmp_path)
    index = SearchIndex.open(library)
    index.catch_up(text_reader(library))
    index.close()
    damage_in_place(library.folder / INDEX_NAME)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert "the search index was damaged and has been made again" in status(pilot)
        await type_query(pilot, "worms")
        assert [h.article for h in results(pilot).hits] == [seals]


async def test_damage_a_query_meets_has_the_index_made_again_and_the_query_run_again(tmp_path):
    library, seals, _ = two_articles(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot)
        path = library.folder / INDEX_NAME
        before = os.stat(path)
        conn = sqlite3.connect(path)  # FTS5's lists garbled, the file's times put back
        # Garbled the same way every run (a fixed seed): SQLite's randomblob() now and then
        # garbled the lists into ones that read as empty, which no reader can tell.
        garbling = random.Random(20261201)
        rows = conn.execute("SELECT id, length(block) FROM entries_data WHERE id > 10").fetchall()
        for row_id, size in rows:
            conn.execute("UPDATE entries_data SET block = ? WHERE id = ?",
                         (garbling.randbytes(size), row_id))
        conn.commit()
        conn.close()
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        await type_query(pilot, "worms")
        for _ in range(100):  # the query, the catch-up it starts, and the query again
            if results(pilot).hits:
                break
            await settle(pilot)
        assert [h.article for h in results(pilot).hits] == [seals]
