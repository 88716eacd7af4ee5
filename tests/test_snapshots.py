"""Snapshot tests of the screens (pytest-textual-snapshot).

The library lives at a fixed path so the status line is the same on every machine, and
the tests share one xdist group so that parallel workers never use that path at once.
Update the pictures after a deliberate change with `pytest --snapshot-update` and look
at `snapshot_report.html` before committing them.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Footer, Input, TextArea

from annotations.anchoring import find_quote
from annotations.marking import new_annotation
from annotations.model import Tag
from annotations.store import Library
from reader.app import GlossatorApp
from reader.document.cache import load_document
from tests.tui_support import add_markdown, sample_library

SNAPSHOT_LIBRARY = Path(tempfile.gettempdir()) / "glossator-snapshots" / "library"

# One fixed folder, so with `pytest -n` (xdist) these tests all run in one worker, in turn.
pytestmark = pytest.mark.xdist_group("snapshots")

MARKS = (
    ("claim", "pay for itself within\neight years", "Helen Achterberg",
     "Depends on the Meridian traffic forecast."),
    ("actor", "Mayor Helen Achterberg", "", ""),
    ("claim", "a £41 million dredging programme", "", ""),
    ("question", "Meridian declined to say whether any shipping company had been approached", "",
     ""),
    ("funding", "£29 million", "", "Borrowing, not grant."),
    ("actor", "Meridian Maritime", "", ""),
    ("claim", "Meridian Maritime, project that a deeper channel would lift", "", ""),
)


@pytest.fixture
def snapshot_library() -> tuple[Library, str]:
    shutil.rmtree(SNAPSHOT_LIBRARY.parent, ignore_errors=True)
    SNAPSHOT_LIBRARY.parent.mkdir(parents=True)
    library, article_id = sample_library(SNAPSHOT_LIBRARY)
    library.save_tag(Tag("funding", "#50a0a0"))
    article = library.article(article_id)
    document = load_document(library, article)
    for kind, quote, speaker, note in MARKS:
        start, end = find_quote(document.text, quote)[0]
        new_annotation(library, article, document.text, document.places, start, end,
                       kind, note=note, speaker=speaker)
    add_markdown(library, SNAPSHOT_LIBRARY.parent, "quay.md",
                 "---\ntitle: Harbour vote seen from the quay\nsite: Aldwick Weekly\n"
                 "published: 2026-03-15\n---\n\nFishermen on the quay said the vote ignored them.\n")
    return library, article_id


async def marks_drawn(pilot) -> None:
    """The reader reads marks in a worker, and mounts its footer, a moment after the first
    paint: wait for both (waiting for workers alone can come before that one started)."""
    for _ in range(500):
        screen = pilot.app.screen
        session = getattr(screen, "session", None)
        footer = screen.query(Footer)
        if session is not None and session.marks_loaded and footer and footer.first().children:
            break
        await pilot.pause(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_library_screen(snap_compare, snapshot_library):
    library, _ = snapshot_library
    assert snap_compare(GlossatorApp(library, keymap={}), terminal_size=(110, 24))


def test_reader_with_every_kind_of_mark(snap_compare, snapshot_library):
    library, article_id = snapshot_library
    app = GlossatorApp(library, article_id=article_id, keymap={})
    assert snap_compare(app, press=["}", "}", "w", "v", "w", "w"], terminal_size=(120, 36),
                        run_before=marks_drawn)


def test_reader_in_a_light_theme(snap_compare, snapshot_library):
    library, article_id = snapshot_library

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await marks_drawn(pilot)

    app = GlossatorApp(library, article_id=article_id, keymap={})
    assert snap_compare(app, press=["}", "}"], terminal_size=(120, 36), run_before=light)


async def cursors_held_still(pilot) -> None:
    """Once the dialog a key opened is there, its fields' cursors stop blinking: the picture
    must not depend on when the blink happened to be."""
    for _ in range(500):
        if pilot.app.screen.query(Input) or pilot.app.screen.query(TextArea):
            break
        await pilot.pause(0.01)
    for field in [*pilot.app.screen.query(Input), *pilot.app.screen.query(TextArea)]:
        field.cursor_blink = False
    await pilot.pause()


def test_edit_dialog(snap_compare, snapshot_library):
    library, article_id = snapshot_library

    async def editing_the_claim(pilot) -> None:
        await marks_drawn(pilot)
        view = pilot.app.screen.view
        view.go_to(view.text.index("pay for itself") + 2)
        await pilot.pause()
        await pilot.press("e")
        await cursors_held_still(pilot)

    app = GlossatorApp(library, article_id=article_id, keymap={})
    assert snap_compare(app, terminal_size=(120, 40), run_before=editing_the_claim)


def test_help_screen(snap_compare, snapshot_library):
    library, article_id = snapshot_library
    app = GlossatorApp(library, article_id=article_id, keymap={})
    assert snap_compare(app, press=["question_mark"], terminal_size=(120, 40),
                        run_before=marks_drawn)


def test_versions_screen(snap_compare, snapshot_library, monkeypatch):
    """The quay article refreshed once, at fixed times, so the dates are the same each run."""
    from dataclasses import replace

    import annotations.refreshing
    from reader.cli.refreshing import refresh
    from reader.screens.versions import VersionsScreen

    library, _ = snapshot_library
    [quay] = [a for a in library.articles() if a.title.startswith("Harbour vote")]
    library.update_article(replace(quay, added="2026-03-15T08:00:00.000000Z"))
    monkeypatch.setattr(annotations.refreshing, "now_iso", lambda: "2026-03-16T09:30:00Z")
    (SNAPSHOT_LIBRARY.parent / "quay.md").write_text(
        "---\ntitle: Harbour vote seen from the quay\nsite: Aldwick Weekly\n"
        "published: 2026-03-15\n---\n\nFishermen on the quay said the vote ignored them "
        "and their [bold]boats[/bold].\n\nThe harbour master was not asked.\n", encoding="utf-8")
    refresh(library, library.article(quay.id))

    async def versions_shown(pilot) -> None:
        await pilot.app.push_screen(VersionsScreen(library, library.article(quay.id)))
        for _ in range(500):
            shown = pilot.app.screen.query("#diff")
            if shown and "→ current" in str(shown.first().content):
                break
            await pilot.pause(0.01)
        await pilot.pause()

    assert snap_compare(GlossatorApp(library, keymap={}), terminal_size=(110, 24),
                        run_before=versions_shown)


def test_refresh_from_dialog(snap_compare, snapshot_library):
    library, _ = snapshot_library

    async def dialog_open(pilot) -> None:
        # The quay article (a file at a fixed path), then the dialog that asks for a new
        # source; its field's cursor held still, or the picture would depend on when the
        # blink happened to be.
        await pilot.press("down", "ctrl+r")
        await cursors_held_still(pilot)

    assert snap_compare(GlossatorApp(library, keymap={}), terminal_size=(110, 32),
                        run_before=dialog_open)
