"""Finding a quote in the article text, its selectors, and finding it again after edits."""

from __future__ import annotations

import pytest

from annotations.anchoring import (
    choose_occurrence,
    find_quote,
    paragraph_number,
    relocate,
    select,
)
from annotations.errors import AmbiguousError, QuoteNotFoundError
from annotations.store import Library
from reader.document.cache import load_document
from reader.document.markdown import parse_markdown
from tests.helpers.library import add_sample, mark

TEXT = ("The mayor said the port would pay for itself.\n\nCritics said the port would not "
        "pay for itself within\teight   years.")


def test_a_quote_is_found_whatever_whitespace_separates_its_words():
    spans = find_quote(TEXT, "pay for itself within\neight years.")
    assert [TEXT[s:e] for s, e in spans] == ["pay for itself within\teight   years."]


def test_every_occurrence_is_found_in_order_and_the_chosen_one_returned():
    spans = find_quote(TEXT, "the port would")
    assert len(spans) == 2 and spans[0][0] < spans[1][0]
    assert choose_occurrence(spans, "the port would", 2, "here") == spans[1]
    with pytest.raises(AmbiguousError, match="occurs 2 times.*--occurrence N \\(1 to 2\\)"):
        choose_occurrence(spans, "the port would", None, "here")
    with pytest.raises(QuoteNotFoundError, match="--occurrence must be 1 to 2"):
        choose_occurrence(spans, "the port would", 3, "here")


@pytest.mark.parametrize("quote", ["the harbour would", "PAY FOR ITSELF", "   "])
def test_a_quote_that_is_not_there_is_a_clear_error(quote):
    with pytest.raises(QuoteNotFoundError):
        choose_occurrence(find_quote(TEXT, quote), quote, None, "article 'x'")


def test_regex_characters_in_a_quote_are_literal():
    text = "Costs rose (again) by 5.5% [est.] to £41m*"
    spans = find_quote(text, "(again) by 5.5% [est.] to £41m*")
    assert [text[s:e] for s, e in spans] == ["(again) by 5.5% [est.] to £41m*"]
    assert find_quote(text, "5x5%") == []


def test_selectors_keep_32_code_points_of_context_and_the_paragraph():
    text = "α" * 40 + "QUOTE" + "ω" * 40
    selector = select(text, 40, 45, places=[0, 20, 41, 60])
    assert selector.exact == "QUOTE"
    assert selector.prefix == "α" * 32 and selector.suffix == "ω" * 32
    assert selector.paragraph == 2
    near_start = select(text, 2, 5)
    assert (near_start.prefix, near_start.paragraph) == ("αα", 0)
    with pytest.raises(ValueError):
        select(text, 5, 5)


def test_paragraph_numbers_are_one_based():
    starts = [0, 10, 20]
    assert [paragraph_number(starts, o) for o in (0, 9, 10, 25)] == [1, 1, 2, 3]


def test_relocate_keeps_a_mark_that_did_not_move():
    assert relocate(TEXT, "the port", "The mayor said ", " would", 15) == (15, 23)


def test_relocate_follows_text_inserted_before_the_mark():
    old = "Intro.\n\nThe council said the port would pay for itself."
    start = old.index("the port")
    new = "A new first paragraph.\n\n" + old
    span = relocate(new, "the port", old[start - 32:start], old[start + 8:start + 40], start)
    assert span is not None and new[span[0]:span[1]] == "the port"
    assert span[0] == start + len("A new first paragraph.\n\n")


def test_relocate_prefers_the_occurrence_whose_context_matches():
    text = "Critics said the port would fail. The mayor said the port would pay."
    start = text.index("the port", 20)
    prefix, suffix = text[start - 32:start], text[start + 8:start + 40]
    edited = "Update: " + text.replace("Critics said", "Several critics said")
    span = relocate(edited, "the port", prefix, suffix, start)
    assert span == (edited.index("the port", 40), edited.index("the port", 40) + 8)


def test_relocate_gives_up_when_the_quote_is_gone():
    assert relocate("completely different text", "the port", "", "", 3) is None


def test_reanchoring_moves_marks_after_the_text_changed(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "wildly optimistic")
    gone = mark(library, article, "Construction is due to start in spring.", kind="question")
    old_text = load_document(library, article).text
    new_body = library.body(article).replace(
        "Councillor Dana", "In a heated session, Councillor Dana").replace(
        "- Construction is due to start in spring.\n", "")
    document = parse_markdown(new_body)
    moved = library.reanchor(article, document.text, document.text_hash, document.paragraph_starts)
    assert moved == 2
    reopened = Library.open(library.folder)
    again = reopened.annotation(article.id, claim.id)
    assert document.text[again.start:again.end] == "wildly optimistic"
    assert again.start == claim.start + len("In a heated session, ")
    assert again.start != old_text.index("wildly optimistic")
    assert reopened.annotation(article.id, gone.id).orphaned is True
    assert reopened.article(article.id).text_hash == document.text_hash
    assert library.reanchor(reopened.article(article.id), document.text, document.text_hash,
                            document.paragraph_starts) == 0


def test_a_quote_that_spans_a_markdown_line_break_is_found_in_the_text(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    # In the Markdown file "Millbrook on Monday, saying the\nline would carry" wraps.
    claim = mark(library, article, "saying the line would carry 9,000 passengers")
    text = load_document(library, article).text
    assert text[claim.start:claim.end] == "saying the line would carry 9,000 passengers"
    assert claim.prefix == text[claim.start - 32:claim.start]
    assert claim.suffix == text[claim.end:claim.end + 32]
    assert claim.paragraph == 1


def test_a_mark_orphaned_by_an_edit_is_restored_when_its_text_returns(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    claim = mark(library, article, "wildly optimistic")
    original = load_document(library, article)
    without_body = library.body(article).replace("wildly optimistic", "bold")
    without = parse_markdown(without_body)

    def reanchor(document) -> int:
        current = Library.open(library.folder).article(article.id)
        return library.reanchor(current, document.text, document.text_hash,
                                document.paragraph_starts)

    assert reanchor(without) == 1
    assert library.annotation(article.id, claim.id).orphaned is True
    still_without = parse_markdown(without_body + "\nA closing line.\n")
    assert reanchor(still_without) == 0  # still gone: nothing new to save about it
    assert reanchor(original) == 1
    back = Library.open(library.folder).annotation(article.id, claim.id)
    assert not back.orphaned and (back.start, back.end) == (claim.start, claim.end)


def test_reanchoring_keeps_metadata_changed_meanwhile(library, tmp_path):
    article = add_sample(library, tmp_path / "src")
    stale = library.article(article.id)
    fresh = library.article(article.id)
    fresh.title = "Retitled elsewhere"
    library.update_article(fresh)
    document = parse_markdown(library.body(article) + "\nA new closing line.\n")
    library.reanchor(stale, document.text, document.text_hash, document.paragraph_starts)
    stored = Library.open(library.folder).article(article.id)
    assert (stored.title, stored.text_hash) == ("Retitled elsewhere", document.text_hash)
