"""Teammates in the reader: a mark another process makes (a teammate's, with a sync; a
command line) shows in the open reader within seconds, without a restart and without
losing what the reader is saving; ctrl+s syncs and says what came in; a mark with a
conflict has a `!` in the pane, and enter settles it, field by field, undoably."""

from __future__ import annotations

import asyncio
import time

from annotations.store import Library
from reader.app import GlossatorApp
from reader.screens.resolve_conflict import ResolveConflict
from reader.widgets.annotation_pane import AnnotationPane
from tests.helpers.library import mark
from tests.sync_support import glossator, make_team, ok
from tests.tui_support import SETTLE, SIZE, sample_library

WITHIN = 6.0
"""Seconds a change of another process may take to show (the watch looks every 1.5 s)."""


def listed(pane: AnnotationPane) -> list[str]:
    return [e.annotation.exact for e in pane.entries if e.annotation is not None]


async def until(pilot, condition, seconds: float = WITHIN) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def teammate(folder, *args: str) -> None:
    """`glossator ARGS` run by ben in a process of its own, while the reader goes on."""
    ok(await asyncio.to_thread(glossator, folder, *args, author="ben"))


async def open_reader(pilot, article_id: str):
    pilot.app.open_article(article_id)
    await pilot.pause(SETTLE)
    screen = pilot.app.screen
    return screen, screen.view, screen.query_one(AnnotationPane)


async def test_a_mark_another_process_makes_shows_in_the_open_reader(tmp_path):
    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        _, view, pane = await open_reader(pilot, article_id)
        assert listed(pane) == []
        await teammate(library.folder, "annotate", article_id, "--kind", "actor",
                       "--quote", "Priya Raman")
        assert await until(pilot, lambda: listed(pane) == ["Priya Raman"])
        start = view.text.index("Priya Raman")
        assert [m.exact for m in view.marks.at(start)] == ["Priya Raman"]  # highlighted too


async def test_a_mark_being_saved_as_a_teammates_arrives_keeps_both_and_undo_still_works(tmp_path):
    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        screen, view, pane = await open_reader(pilot, article_id)
        start = view.text.index("Daniel Moyo")
        view.select_span(start, start + len("Daniel Moyo"))
        await pilot.press("a")  # mine: on screen now, on disk a frame later
        await teammate(library.folder, "annotate", article_id, "--kind", "actor",
                       "--quote", "Priya Raman")
        assert await until(pilot, lambda: sorted(listed(pane)) == ["Daniel Moyo", "Priya Raman"])
        on_disk = sorted(m.exact for m in Library.open(library.folder).annotations(article_id))
        assert on_disk == ["Daniel Moyo", "Priya Raman"]

        await pilot.press("u")  # undoes mine, not the teammate's
        await pilot.pause(SETTLE)
        assert listed(pane) == ["Priya Raman"]
        assert await until(pilot, lambda: [m.exact for m in Library.open(library.folder)
                                           .annotations(article_id)] == ["Priya Raman"])


async def test_undo_leaves_alone_a_mark_a_teammate_changed_since(tmp_path):
    library, article_id = sample_library(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        screen, view, pane = await open_reader(pilot, article_id)
        start = view.text.index("Priya Raman")
        view.select_span(start, start + len("Priya Raman"))
        await pilot.press("a")
        await pilot.pause(SETTLE)
        mine = screen.session.marks.at(start)[0]
        await teammate(library.folder, "annotation", mine.id, "--set", "note=ben checked this")
        assert await until(pilot, lambda: screen.session.marks.get(mine.id).note == "ben checked this")
        await pilot.press("u")
        await pilot.pause(SETTLE)
        assert any("Nothing to undo" in str(n.message) for n in pilot.app._notifications)
        kept = Library.open(library.folder).annotation(article_id, mine.id)
        assert kept.note == "ben checked this"


async def test_ctrl_s_in_the_library_syncs_and_says_what_came_in(tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ben")
    bens = Library.open(team.ben)
    mark(bens, bens.article(team.article), "wildly optimistic")
    ok(glossator(team.ben, "sync", author="ben"))
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    async with GlossatorApp(Library.open(team.ana)).run_test(size=SIZE) as pilot:
        await pilot.pause(SETTLE)
        table = pilot.app.screen.query_one("DataTable")
        assert table.get_row_at(0)[3] == "0"  # claims
        await pilot.press("ctrl+s")

        def reported() -> list[str]:
            return [str(n.message) for n in pilot.app._notifications if n.title == "Synced"]

        assert await until(pilot, lambda: reported(), seconds=30)
        assert "ben: 1 mark in 1 article" in reported()[0]
        assert "merged from origin/main" in reported()[0]
        assert await until(pilot, lambda: table.get_row_at(0)[3] == "1")


async def test_ctrl_s_in_the_reader_shares_what_is_on_screen(tmp_path, monkeypatch):
    team = make_team(tmp_path)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "ana")
    async with GlossatorApp(Library.open(team.ana)).run_test(size=SIZE) as pilot:
        _, view, pane = await open_reader(pilot, team.article)
        start = view.text.index("wildly optimistic")
        view.select_span(start, start + len("wildly optimistic"))
        await pilot.press("c", "ctrl+s")

        def reported() -> list[str]:
            return [str(n.message) for n in pilot.app._notifications if n.title == "Synced"]

        assert await until(pilot, lambda: reported(), seconds=30)
        assert "committed: 1 mark added to" in reported()[0] and "pushed to origin/main" in reported()[0]
    assert "ana: 1 mark in 1 article" in ok(glossator(team.ben, "sync", author="ben")).out


def with_a_conflict(folder) -> tuple[Library, str, str]:
    """The sample article with a claim whose status ben and I changed differently: mine kept
    (the later), ben's beside it, as a sync's merge leaves it."""
    library, article_id = sample_library(folder)
    article = library.article(article_id)
    claim = mark(library, article, "Priya Raman")
    claim.status = "false"
    claim.extra["conflicts"] = [{"field": "status", "value": "disputed", "base": "unverified",
                                 "updated": "2026-05-01T10:00:00Z", "at": "2026-05-01T11:00:00Z",
                                 "author": "ben", "kept_by": "tester"}]
    library.save_annotation(claim)
    return library, article_id, claim.id


async def test_a_mark_with_a_conflict_shows_a_flag_and_enter_settles_it_undoably(tmp_path):
    library, article_id, claim_id = with_a_conflict(tmp_path / "lib")
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        screen, view, pane = await open_reader(pilot, article_id)
        row = "".join(segment.text for segment in pane.render_line(1))
        assert row.startswith("▍! Priya Raman"), row
        assert "! conflict: status (enter settles)" in pane._detail(pane.entries[1].annotation)

        await pilot.press("tab")
        pane.highlighted = 1
        await pilot.press("enter")
        await pilot.pause(SETTLE)
        dialog = pilot.app.screen
        assert isinstance(dialog, ResolveConflict)
        labels = [str(b.label) for b in dialog.query("Button")]
        assert labels[:2] == ["Keep “false”, tester (yours) (1)", "Take “disputed”, ben (2)"]
        await pilot.press("2")
        await pilot.pause(SETTLE)
        settled = Library.open(library.folder).annotation(article_id, claim_id)
        assert settled.status == "disputed" and "conflicts" not in settled.extra
        assert "!" not in "".join(segment.text for segment in pane.render_line(1))

        await pilot.press("u")  # the conflict is back, as it was
        await pilot.pause(SETTLE)
        again = Library.open(library.folder).annotation(article_id, claim_id)
        assert again.status == "false" and again.extra["conflicts"][0]["value"] == "disputed"
