"""The document model: every block and style span slices exactly its text out of `text`.

The expected texts below are written out by hand from the Markdown; the tests then check
the parser's offsets against them, counting code points (never bytes or UTF-16 units).
"""

from __future__ import annotations

import pytest

from reader.document.build import build_document
from reader.document.markdown import parse_markdown
from reader.document.model import (
    BLOCK_SEPARATOR,
    CODE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    RULE,
    TABLE_ROW,
)
from reader.document.plain_text import parse_plain


def spans_as_text(document) -> set[tuple[str, str, str]]:
    return {(s.style, document.text[s.start:s.end], s.href) for s in document.spans}


def blocks_as_text(document) -> list[tuple[str, str]]:
    return [(b.kind, document.text[b.start:b.end]) for b in document.blocks if b.kind != RULE]


def test_nested_inline_markup_inside_a_link():
    document = parse_markdown("See [**bold _em_ `code`** tail](https://ex.example/a) after.\n")
    assert document.text == "See bold em code tail after."
    assert spans_as_text(document) == {
        ("link", "bold em code tail", "https://ex.example/a"),
        ("strong", "bold em code", ""),
        ("em", "em", ""),
        ("code", "code", ""),
    }
    link = next(s for s in document.spans if s.style == "link")
    assert (link.start, link.end) == (4, 21)


def test_offsets_count_code_points_in_non_ascii_text():
    # é as one code point, é as e + combining acute, CJK, an emoji with a skin tone and
    # a zero-width joiner (four code points), an astral emoji.
    source = ("Cafe\u0301 **na\u00efve** 日本語の*記事* — "
              "[👩🏽‍🔬 lab](https://x.example) `😀` ~~old~~ end\n")
    document = parse_markdown(source)
    expected = "Cafe\u0301 na\u00efve 日本語の記事 — 👩🏽‍🔬 lab 😀 old end"
    assert document.text == expected
    assert spans_as_text(document) == {
        ("strong", "na\u00efve", ""),
        ("em", "記事", ""),
        ("link", "👩🏽‍🔬 lab", "https://x.example"),
        ("code", "😀", ""),
        ("strike", "old", ""),
    }
    for span in document.spans:
        assert span.start == expected.index(document.text[span.start:span.end])
    code = next(s for s in document.spans if s.style == "code")
    assert code.end - code.start == 1  # one code point, though two UTF-16 units
    # "Café" is 5 code points (e + U+0301), " naïve " 7, "日本語の記事" 6, " — " 3.
    assert next(s for s in document.spans if s.style == "link").start == 5 + 7 + 6 + 3


def test_blocks_of_every_kind_hold_their_exact_text():
    source = """\
# Café ☕ naïve

First *paragraph*
continues here.

- one *é*
  - nested 日本語
1. first
2. second

> quoted **x**
>
> > deeper

```py
x = 1

y = 2
```

| a | **b** |
|---|---|
| 1 | 2 |

---

Line one\\
Line two
"""
    document = parse_markdown(source)
    assert blocks_as_text(document) == [
        (HEADING, "Café ☕ naïve"),
        (PARAGRAPH, "First paragraph continues here."),
        (LIST_ITEM, "one é"),
        (LIST_ITEM, "nested 日本語"),
        (LIST_ITEM, "first"),
        (LIST_ITEM, "second"),
        (QUOTE, "quoted x"),
        (QUOTE, "deeper"),
        (CODE, "x = 1\n\ny = 2"),
        (TABLE_ROW, "a | b"),
        (TABLE_ROW, "1 | 2"),
        (PARAGRAPH, "Line one\nLine two"),
    ]
    by_text = {document.text[b.start:b.end]: b for b in document.blocks}
    assert by_text["Café ☕ naïve"].level == 1
    assert [by_text[t].marker for t in ("one é", "nested 日本語", "first", "second")] == [
        "•", "◦", "1.", "2."]
    assert (by_text["nested 日本語"].list_depth, by_text["deeper"].quote_depth) == (2, 2)
    assert by_text["x = 1\n\ny = 2"].language == "py"
    assert spans_as_text(document) >= {("em", "paragraph", ""), ("em", "é", ""),
                                       ("strong", "x", ""), ("strong", "b", "")}
    assert any(b.kind == RULE for b in document.blocks)


def test_blocks_are_joined_by_one_blank_line_and_markup_is_never_text():
    document = parse_markdown("## Title\n\n* item\n\n> quote\n\nplain\n")
    assert document.text == BLOCK_SEPARATOR.join(["Title", "item", "quote", "plain"])
    assert not any(ch in document.text for ch in "#*>")


def test_an_ordered_list_keeps_its_numbering_and_marker_style():
    document = parse_markdown("3) third\n4) fourth\n")
    assert [b.marker for b in document.blocks] == ["3)", "4)"]


def test_entities_and_escapes_become_the_characters_they_stand_for():
    document = parse_markdown("Fish &amp; chips \\*not em\\* &#x1F600; caf&eacute;\n")
    assert document.text == "Fish & chips *not em* 😀 café"
    assert document.spans == []


def test_an_image_shows_its_alt_text_without_markup():
    document = parse_markdown("Before ![a *tidal* chart](chart.png) after\n")
    assert document.text == "Before a tidal chart after"
    assert spans_as_text(document) == {("image", "a tidal chart", "chart.png")}


def test_raw_html_is_kept_as_visible_text_never_interpreted():
    document = parse_markdown("Text with <b>tags</b> inline.\n\n<div>block</div>\n")
    assert "<b>tags</b>" in document.text
    assert "<div>block</div>" in document.text


def test_plain_text_paragraphs_split_at_blank_lines_and_reflow():
    source = "Title line\n\nFirst line\nsecond line\r\n\r\n  \n\nLast 😀 paragraph\n"
    document = parse_plain(source)
    assert blocks_as_text(document) == [
        (PARAGRAPH, "Title line"),
        (PARAGRAPH, "First line second line"),
        (PARAGRAPH, "Last 😀 paragraph"),
    ]
    assert document.paragraph_starts == [0, 12, 36]


def test_paragraph_numbers_skip_headings():
    document = parse_markdown("# H\n\nOne.\n\n## H2\n\nTwo.\n\n- three\n")
    starts = document.paragraph_starts
    assert [document.text[s:s + 3] for s in starts] == ["One", "Two", "thr"]


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_block_lookup_by_offset(fmt):
    document = build_document("alpha\n\nbeta\n\ngamma\n", fmt)
    assert document.block_at(0).start == 0
    beta = document.text.index("beta")
    assert document.text[document.block_at(beta + 2).start:].startswith("beta")
    assert document.block_at(beta - 1).start == 0  # in the gap: the block before it
    assert document.text_hash == build_document("alpha\n\nbeta\n\ngamma\n", fmt).text_hash


@pytest.mark.parametrize("damage", [
    b"{not the kept format",
    b"glossator-document 1\n{}\n",                                   # an older version
    b"glossator-document 2\n{not json\n",
    b'glossator-document 2\n{"body": "%s", "text_hash": "h", "text_bytes": 5}\nabc',  # cut short
    b'glossator-document 2\n{"body": "%s", "text_hash": "h", "text_bytes": 1,'
    b' "blocks": [[1]], "spans": []}\nx',                            # a block of the wrong shape
    b'glossator-document 2\n{"body": "%s", "text_hash": "h", "text_bytes": 2,'
    b' "blocks": [], "spans": []}\n\xff\xfe',                        # not UTF-8
    b"glossator-document 2\n[]\n",
])
def test_a_damaged_kept_document_model_is_rebuilt_from_the_body(library, tmp_path, damage):
    from reader.document.cache import CACHE_NAME, load_document
    from tests.helpers.library import add_sample

    article = add_sample(library, tmp_path / "src")
    expected = load_document(library, article)
    kept = library.folder / "articles" / article.id / CACHE_NAME
    kept.write_bytes(damage.replace(b"%s", article.content_hash.encode()))
    again = load_document(library, article)
    assert (again.text, again.blocks, again.spans) == (expected.text, expected.blocks,
                                                       expected.spans)


def test_the_kept_model_reads_back_as_parsed_and_replaces_an_older_one(library, tmp_path):
    from reader.document.cache import CACHE_NAME, load_document
    from tests.helpers.library import add_sample

    article = add_sample(library, tmp_path / "src")
    folder = library.folder / "articles" / article.id
    (folder / CACHE_NAME).unlink()
    (folder / "document.json").write_text("{}", encoding="utf-8")  # the first version's file
    parsed = load_document(library, article)  # parses the body, keeps the model
    assert (folder / CACHE_NAME).exists() and not (folder / "document.json").exists()
    kept = load_document(library, article)
    assert (kept.text, kept.blocks, kept.spans) == (parsed.text, parsed.blocks, parsed.spans)
    assert kept.text_hash == build_document(library.body(article), article.format).text_hash


def test_the_kept_model_keeps_text_no_json_string_could_hold():
    from reader.document.cache import decode_document, encode_document

    text = "lone \udc80 surrogate, 東京, e\u0301, 👩‍👩‍👧 and \x1b[31m escapes\n\nnext"
    document = build_document(text, "text")
    again = decode_document(encode_document(document, "body"), "body")
    assert again is not None and again.text == document.text
    assert again.blocks == document.blocks
    assert decode_document(encode_document(document, "body"), "other body") is None
