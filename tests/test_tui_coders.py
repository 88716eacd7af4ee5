"""Two coders compared in the reader: `K` puts their marks side by side, what both coded
softly tinted and what only one coded strongly; `o` goes through the codes with their
agreement, kappa and alpha; `d` finds the next difference; `enter` reads on there."""

from __future__ import annotations

from annotations.marking import new_annotation
from annotations.store import Library
from reader.app import GlossatorApp
from reader.document.cache import load_document
from reader.screens.coders import AGREED, ONLY, CodersScreen, coders_app
from tests.tui_support import SETTLE, SIZE, sample_library

SHARED = "The harbour currently handles about 310,000 tonnes of cargo a year."
BEN_ONLY = "Priya Raman"


def mark(library: Library, article_id: str, monkeypatch, author: str, kind: str, words: str) -> None:
    article = library.article(article_id)
    document = load_document(library, article)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", author)
    start = document.text.index(words)
    new_annotation(library, article, document.text, document.places, start, start + len(words), kind)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "tester")


def two_coders(folder, monkeypatch) -> tuple[Library, str]:
    """Ana and Ben both mark the same claim; Ben alone marks an actor."""
    library, article_id = sample_library(folder)
    mark(library, article_id, monkeypatch, "ana", "claim", SHARED)
    mark(library, article_id, monkeypatch, "ben", "claim", SHARED)
    mark(library, article_id, monkeypatch, "ben", "actor", BEN_ONLY)
    return library, article_id


def stretches(view, kind: str) -> list[str]:
    return [view.text[m.start:m.end] for m in view.marks if m.kind == kind]


async def open_comparison(pilot, article_id: str) -> CodersScreen:
    pilot.app.open_article(article_id)
    await pilot.pause(SETTLE)
    await pilot.press("K")
    await pilot.pause(SETTLE)
    screen = pilot.app.screen
    assert isinstance(screen, CodersScreen)
    return screen


async def test_K_shows_both_coders_with_the_differences_highlighted(tmp_path, monkeypatch):
    library, article_id = two_coders(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        screen = await open_comparison(pilot, article_id)
        ana, ben = screen.views
        assert screen.coders == ("ana", "ben")
        # Every code at once: the shared claim agrees; Ben's actor is his alone.
        assert stretches(ana, AGREED) == [SHARED] and stretches(ana, ONLY) == []
        assert stretches(ben, AGREED) == [SHARED] and stretches(ben, ONLY) == [BEN_ONLY]
        figures = str(screen.query_one("#coders-figures").render())
        assert f"every code (1 of 4) · {len(BEN_ONLY)} of" in figures
        titles = [str(t.render()) for t in screen.query(".coder-column > .title")]
        assert titles == ["ana — 1 mark", "ben — 2 marks"]


async def test_o_goes_through_the_codes_with_their_figures(tmp_path, monkeypatch):
    library, article_id = two_coders(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        screen = await open_comparison(pilot, article_id)
        await pilot.press("o")
        assert screen.code == "claim"
        figures = str(screen.query_one("#coders-figures").render())
        assert "claim (2 of 4) · agreement 100.00% · kappa 1.0000 · alpha 1.0000" in figures
        ana, ben = screen.views
        assert stretches(ben, ONLY) == []  # the actor is another code
        await pilot.press("o")
        assert screen.code == "actor"
        assert "kappa 0.0000" in str(screen.query_one("#coders-figures").render())
        assert stretches(ben, ONLY) == [BEN_ONLY] and stretches(ana, AGREED) == []
        await pilot.press("O", "O")
        assert screen.code is None


async def test_d_goes_to_the_difference_and_enter_reads_on_there(tmp_path, monkeypatch):
    library, article_id = two_coders(tmp_path / "lib", monkeypatch)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        screen = await open_comparison(pilot, article_id)
        ana, ben = screen.views
        await pilot.press("d")
        start = ana.text.index(BEN_ONLY)
        assert ana.cursor == start
        assert ben.cursor == start  # the columns keep in step
        await pilot.press("enter")
        await pilot.pause(SETTLE)
        assert type(pilot.app.screen).__name__ == "ReaderScreen"
        assert pilot.app.screen.view.cursor == start


async def test_one_coder_only_has_nothing_to_compare(tmp_path, monkeypatch):
    library, article_id = sample_library(tmp_path / "lib")
    mark(library, article_id, monkeypatch, "ana", "claim", SHARED)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        pilot.app.open_article(article_id)
        await pilot.pause(SETTLE)
        await pilot.press("K")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ReaderScreen"
        assert any("only ana has marked" in str(n.message) for n in pilot.app._notifications)


async def test_three_coders_ask_which_two(tmp_path, monkeypatch):
    library, article_id = two_coders(tmp_path / "lib", monkeypatch)
    mark(library, article_id, monkeypatch, "cy", "question", SHARED)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        pilot.app.open_article(article_id)
        await pilot.pause(SETTLE)
        await pilot.press("K")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "CoderPairPicker"
        await pilot.press("c", "y", "enter")  # narrowed to the pairs with cy: ana ↔ cy first
        await pilot.pause(SETTLE)
        assert pilot.app.screen.coders == ("ana", "cy")


async def test_agreement_show_opens_the_comparison_over_the_reader(tmp_path, monkeypatch):
    library, article_id = two_coders(tmp_path / "lib", monkeypatch)
    async with coders_app(library, article_id, ("ana", "ben")).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        assert isinstance(pilot.app.screen, CodersScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ReaderScreen"
