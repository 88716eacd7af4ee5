"""Wrapping and offset mapping on ASCII, accented, combining, wide, emoji, tabs and RTL text."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from annotations.textsafety import inert
from reader.document.layout import BLANK, TAB_CELLS, build_layout, cell_width, clusters, wrap
from reader.document.markdown import parse_markdown
from reader.document.plain_text import parse_plain


def rows_of(text: str, width: int) -> list[str]:
    starts = wrap(text, width)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def shown_width(row: str) -> int:
    """What a terminal draws for a row, trailing spaces (which may overhang) excluded."""
    return cell_width(row.rstrip(" "))


def test_wraps_at_spaces_and_keeps_every_code_point():
    text = "The council voted on Tuesday night to deepen the harbour"
    rows = rows_of(text, 16)
    assert "".join(rows) == text
    assert rows[0] == "The council "
    assert all(shown_width(r) <= 16 for r in rows)


def test_a_word_longer_than_the_row_is_cut():
    rows = rows_of("a" * 25, 10)
    assert rows == ["a" * 10, "a" * 10, "a" * 5]


@pytest.mark.parametrize(
    "text",
    [
        "Café crème, naïve façade, Ærøskøbing and Łódź on the coast of Gdańsk",
        "e\u0301te\u0301 cafe\u0301 re\u0301sume\u0301 with combining accents throughout here",
        "港口委员会投票决定疏浚港口尽管对成本有疑问渔民和环境信托基金会都提出了问题",
        "Mixed 日本語 and English words, 한국어 too, across several rows of text",
        "Emoji 👍🏽 and families 👨‍👩‍👧 and flags 🇳🇱 in a sentence that wraps",
        "עברית וערבית: النص العربي يمتد عبر عدة أسطر في هذا المثال الطويل",
    ],
)
@pytest.mark.parametrize("width", [7, 12, 20])
def test_non_ascii_rows_fit_and_cover_the_text(text, width):
    rows = rows_of(text, width)
    assert "".join(rows) == text  # every code point belongs to exactly one row
    for row in rows:
        assert shown_width(row) <= width
        assert cell_len(inert(row.rstrip(" "))) == shown_width(row)  # rich agrees


def test_rows_never_split_a_grapheme_cluster():
    text = "ab e\u0301e\u0301e\u0301e\u0301 👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧 🇳🇱🇳🇱🇳🇱"
    boundaries = {s for s, _, _ in clusters(text)} | {len(text)}
    for width in range(2, 9):
        for start in wrap(text, width):
            assert start in boundaries


def test_wide_characters_take_two_cells_and_break_anywhere():
    text = "日本語のテキストです"
    rows = rows_of(text, 6)
    assert rows == ["日本語", "のテキ", "ストで", "す"]


def test_tabs_take_tab_cells_and_controls_one():
    assert cell_width("a\tb") == 2 + TAB_CELLS
    assert cell_width("a\x1bb") == 3  # drawn as ␛
    assert [c for _, _, c in clusters("x\ty")] == [1, TAB_CELLS, 1]


def test_layout_maps_every_offset_to_the_row_that_shows_it():
    document = parse_markdown(
        "# Heading\n\nFirst *paragraph* with café and 日本語 text that wraps.\n\n"
        "- one item\n- two items\n\n> quoted e\u0301lan\n\n---\n\n```\ncode line\n\tindented\n```\n"
    )
    layout = build_layout(document, 18)
    text = document.text
    for block in document.text_blocks:
        for offset in range(block.start, block.end):
            y = layout.y_of(offset)
            assert layout.starts[y] <= offset < layout.ends[y] or (
                text[offset] == "\n" and offset == layout.ends[y]
            )
    # Blocks are separated by blank rows; list items sit together.
    kinds = [layout.blocks[y] for y in range(layout.height)]
    assert BLANK in kinds
    items = [y for y in range(layout.height) if layout.blocks[y] >= 0
             and document.blocks[layout.blocks[y]].kind == "list_item"]
    assert items == list(range(items[0], items[0] + len(items)))


def test_layout_rows_are_the_wrapped_rows_of_each_paragraph_plus_gaps():
    words = "the harbour council voted to deepen the channel despite doubts over cost".split()
    paragraph = " ".join(words * 12)
    document = parse_plain("\n\n".join([paragraph] * 400))
    layout = build_layout(document, 100)
    rows_per_paragraph = len(wrap(paragraph, 100))
    assert layout.height == 400 * rows_per_paragraph + 399
