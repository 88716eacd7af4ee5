"""Suggestions in the reader: S shows them (found in a worker), A accepts the one under the
cursor as a mark, R rejects it for good, the pane lists them, the palette accepts a kind."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import reader.cli.suggesting as suggesting
from annotations.store import Library
from reader.app import GlossatorApp
from reader.screens import reader_suggestions
from reader.widgets.annotation_pane import SUGGESTED, AnnotationPane
from reader.widgets.article_view_suggestions import REBUILD_AFTER, Offered
from tests.helpers.library import add_sample
from tests.test_suggest_cli import STORY
from tests.tui_support import SETTLE, SIZE, search


async def shown(pilot) -> list:
    await pilot.press("S")
    for _ in range(200):
        view = pilot.app.screen.view
        if view.show_suggestions:
            return view.suggestions
        await pilot.pause(0.02)
    raise AssertionError("suggestions never showed")


def ferry_library(tmp_path) -> tuple[Library, str]:
    library = Library.open(tmp_path / "lib")
    return library, add_sample(library, tmp_path / "src", "ferry.md", STORY).id


async def test_s_shows_suggestions_softly_and_in_the_pane(tmp_path):
    library, article_id = ferry_library(tmp_path)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        offered = await shown(pilot)
        assert {s.kind for s in offered} == {"claim", "actor", "question"}
        pane = pilot.app.screen.query_one(AnnotationPane)
        assert any(e.kind == SUGGESTED and e.annotation is None for e in pane.entries)
        view = pilot.app.screen.view
        claim = next(s for s in offered if s.kind == "claim")
        row = view.rows.y_of(claim.start) - view.scroll_offset.y
        styles = [seg.style for seg in view.render_line(row) if seg.text.strip()]
        assert any(style is not None and style.underline for style in styles)
        await pilot.press("S")
        await pilot.pause()
        assert not view.show_suggestions
        assert not any(e.kind == SUGGESTED for e in pane.entries)
    assert Library.open(tmp_path / "lib").annotations(article_id) == []  # nothing marked by itself


async def test_a_accepts_and_r_rejects_the_suggestion_under_the_cursor(tmp_path):
    library, article_id = ferry_library(tmp_path)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        await shown(pilot)
        await search(pilot, "the cut would hurt")
        await pilot.press("A")
        await pilot.pause(SETTLE)
        await search(pilot, "It remains unclear")
        await pilot.press("R")
        await pilot.pause(SETTLE)
        view = pilot.app.screen.view
        assert all(s.kind != "question" for s in view.suggestions)
    reopened = Library.open(tmp_path / "lib")
    [claim] = reopened.annotations(article_id)
    assert claim.kind == "claim" and claim.origin == "suggested"
    assert reopened.actor(claim.speaker).name == "Tomas Berg"
    async with GlossatorApp(reopened, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        offered = await shown(pilot)
        assert not any(s.kind == "question" for s in offered)  # rejected: never again
        assert not any(s.kind == "claim" and "hurt older" in s.quote for s in offered)  # marked


async def test_the_palette_accepts_every_suggested_actor(tmp_path):
    library, article_id = ferry_library(tmp_path)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        offered = await shown(pilot)
        actors = [s for s in offered if s.kind == "actor"]
        pilot.app.screen.accept_all("actor")
        await pilot.pause(SETTLE)
        await pilot.press("u")  # one at a time: the last one comes off
        await pilot.pause(SETTLE)
    marks = Library.open(tmp_path / "lib").annotations(article_id)
    assert len(marks) == len(actors) - 1
    assert all(m.kind == "actor" and m.origin == "suggested" for m in marks)


async def test_an_article_in_another_language_offers_none(tmp_path):
    library = Library.open(tmp_path / "lib")
    article = add_sample(library, tmp_path / "src", "faehre.md",
                         "---\nlanguage: de\n---\n\n# Fähre\n\n„Wir fahren weniger“, sagte Lind.\n")
    async with GlossatorApp(library, article_id=article.id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        await pilot.press("S")
        await pilot.pause(SETTLE)
        assert not pilot.app.screen.view.show_suggestions
        assert any("English only" in str(n.message) for n in pilot.app._notifications)


async def test_a_text_that_states_no_language_and_is_not_english_offers_none(tmp_path):
    from tests.test_suggest_cli import GERMAN_STORY

    library = Library.open(tmp_path / "lib")
    article = add_sample(library, tmp_path / "src", "faehre.txt", GERMAN_STORY)
    async with GlossatorApp(library, article_id=article.id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        await pilot.press("S")
        await pilot.pause(SETTLE)
        assert not pilot.app.screen.view.show_suggestions
        assert any("does not read as English" in str(n.message)
                   for n in pilot.app._notifications)


async def test_s_again_shows_the_same_suggestions_without_finding_them_anew(tmp_path, monkeypatch):
    library, article_id = ferry_library(tmp_path)
    real, calls = suggesting.offered, []

    def counting(*args):
        calls.append(sys.getswitchinterval())  # the worker keeps the lock only briefly
        return real(*args)

    monkeypatch.setattr(suggesting, "offered", counting)
    async with GlossatorApp(library, article_id=article_id).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        offered = await shown(pilot)
        view = pilot.app.screen.view
        assert isinstance(offered, Offered) and offered.counts["claim"] >= 2
        await pilot.press("S")  # hide: a flag, the suggestions kept
        await pilot.pause()
        assert not view.show_suggestions and view.suggestions is offered
        assert view.suggestion_under_cursor() is None and view.suggestions_between(0, 10**6) == []
        again = await shown(pilot)
        assert again is offered
    assert len(calls) == 1 and calls[0] <= reader_suggestions.SWITCH_INTERVAL
    assert sys.getswitchinterval() > reader_suggestions.SWITCH_INTERVAL  # put back after


def _offered(spans: list[tuple[int, int]]) -> Offered:
    return Offered(SimpleNamespace(kind="claim", start=s, end=e) for s, e in spans)


def test_offered_suggestions_answer_for_one_row_only_what_touches_it():
    offered = _offered([(50, 60), (0, 10), (5, 8), (40, 200)])
    assert [s.start for s in offered] == [0, 5, 40, 50]
    assert {(s.start, s.end) for s in offered.touching(55, 57)} == {(40, 200), (50, 60)}
    assert offered.touching(10, 40) == []
    assert (offered.innermost_at(6).start, offered.innermost_at(6).end) == (5, 8)
    assert offered.innermost_at(30) is None


def test_dropping_suggestions_keeps_the_rest_in_order_one_or_many():
    offered = _offered([(i, i + 3) for i in range(0, 1000, 5)])
    few = [offered[3], offered[7]]
    rest = offered.without(few)
    assert len(rest) == len(offered) - 2 and all(s is not g for s in rest for g in few)
    assert rest.counts["claim"] == len(offered) - 2 and len(offered) == 200  # the old one is whole
    many = list(offered)[: REBUILD_AFTER + 10]
    left = offered.without(many)
    assert list(left) == list(offered)[REBUILD_AFTER + 10:]
    assert left.touching(0, 5) == [] and left.counts["claim"] == len(left)
