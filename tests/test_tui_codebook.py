"""The Codebook screen: the tag tree with its counts, and changes made from the keyboard."""

from __future__ import annotations

from textual.widgets import Tree

from annotations.model import Tag
from annotations.store import Library
from reader.app import GlossatorApp
from reader.screens.codebook import CodebookScreen
from reader.screens.confirm import Confirm
from reader.widgets.actor_dialogs import ChoicePicker, TextPrompt
from tests.helpers.library import add_sample, mark
from tests.test_tui_actors import settle
from tests.tui_support import SIZE

HARBOUR = """\
---
title: Harbour trust wins its grant
site: Estuary News
published: 2025-04-09
---

The harbour trust said the grant would cover the new quay. The city government welcomed
it; the fishermen's co-operative called the figures a guess.
"""


def coded_library(folder) -> Library:
    library = Library.open(folder / "lib")
    for name in ("actor/government", "actor/government/city", "grant", "estimate"):
        library.save_tag(Tag(name, "#50a0a0"))
    article = add_sample(library, folder / "src", "harbour.md", HARBOUR)
    mark(library, article, "the grant would cover the new quay", "claim", tags=["grant"])
    mark(library, article, "city government", "actor/government/city")
    mark(library, article, "the figures a guess", "estimate", tags=["grant"])
    return library


def labels(screen: CodebookScreen) -> list[str]:
    found = []

    def walk(node) -> None:
        for child in node.children:
            found.append(str(child.label))
            walk(child)

    walk(screen.query_one(Tree).root)
    return found


async def go_to(pilot, path: str) -> None:
    screen = pilot.app.screen
    tree = screen.query_one(Tree)
    tree.move_cursor(screen._node(tree.root, path))
    await pilot.pause()
    assert screen.selected == path


async def test_f7_shows_the_tag_tree_with_marks_per_tag(tmp_path):
    library = coded_library(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CodebookScreen)
        shown = labels(screen)
        assert shown[0].startswith("● claim  1 mark  A statement of fact")
        assert "● government  0 marks (1 with sub-tags)" in shown
        assert "● city  1 mark" in shown
        assert "● grant  2 marks" in shown


async def test_rename_with_counts_first_then_undo(tmp_path):
    library = coded_library(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await go_to(pilot, "actor/government")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press("ctrl+u", *"actor/state", "enter")
        await settle(pilot)
        confirm = pilot.app.screen
        assert isinstance(confirm, Confirm)
        assert confirm.question.startswith(
            "Rename tag 'actor/government' to 'actor/state': 1 mark in 1 article?")
        assert "actor/government/city → actor/state/city" in confirm.question
        await pilot.press("y")
        await settle(pilot)
        assert library.tag("actor/state/city") is not None
        assert pilot.app.screen.selected == "actor/state"
        assert [m.kind for m in library.all_annotations()].count("actor/state/city") == 1
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert library.tag("actor/government/city") is not None
        assert library.tag("actor/state") is None


async def test_delete_asks_which_kind_the_marks_of_that_kind_take(tmp_path):
    library = coded_library(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await go_to(pilot, "estimate")
        await pilot.press("d")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, ChoicePicker)
        assert picker.TITLE_TEXT.startswith("1 mark(s) have “estimate” as their kind")
        await pilot.press(*"claim", "enter")
        await settle(pilot)
        confirm = pilot.app.screen
        assert confirm.question.startswith("Delete tag 'estimate': 1 mark in 1 article lose it?")
        await pilot.press("y")
        await settle(pilot)
        guess = next(m for m in library.all_annotations() if m.exact == "the figures a guess")
        assert (guess.kind, guess.tags, guess.status) == ("claim", ["grant"], "unverified")
        assert library.tag("estimate") is None


async def test_recolour_move_and_the_built_in_kinds(tmp_path):
    library = coded_library(tmp_path)
    async with GlossatorApp(library).run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await go_to(pilot, "claim")
        await pilot.press("r")  # a built-in kind cannot be renamed: nothing opens
        await pilot.pause()
        assert isinstance(pilot.app.screen, CodebookScreen)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+u", *"teal", "enter")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt)  # refused in the dialog, with why
        assert "is not a colour" in str(prompt.query_one("#error").render())
        await pilot.press("ctrl+u", *"#d08050", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert library.tag("claim").colour == "#d08050"

        await go_to(pilot, "grant")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"estimate", "enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert library.tag("estimate/grant") is not None
        assert pilot.app.screen.selected == "estimate/grant"
