"""Finding marks again after their article changed: the cases a researcher meets when a
news page is corrected, updated or re-paginated (issue 9, points 2 and 3)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotations.matching import (
    FUZZY,
    KEPT,
    MOVED,
    ORPHANED,
    Quote,
    best_match,
    find_again,
    find_all_again,
)
from annotations.model import Annotation

ARTICLE = """\
Harbour dredging to cost £41m, council admits

The council admitted on Tuesday that dredging the inner harbour will cost £41m, almost \
twice the figure it gave voters in March. Councillor Ana Pereira said the port would pay \
for itself within eight years.

Critics were not convinced. The auditor, Marcus Felloway, said the forecast assumed a \
doubling of cargo that no shipping line had promised. "Nobody has signed anything," he said.

The ferry operator said it would review its timetable once the work was finished. A vote \
on the extension is expected before the summer recess.
"""


def mark(text: str, words: str, occurrence: int = 1) -> Quote:
    """The quote a reader's mark on the `occurrence`-th `words` of `text` keeps."""
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return Quote.at(text, start, start + len(words))


def both_ways(new: str, quote: Quote, old: str):
    """The same mark found after a refresh (old text known) and on its own."""
    return find_all_again(new, [quote], old_text=old)[0], find_again(new, quote)


def test_an_unchanged_text_keeps_every_mark():
    quotes = [mark(ARTICLE, "Ana Pereira"), mark(ARTICLE, "the forecast assumed a doubling of cargo")]
    found = find_all_again(ARTICLE, quotes, old_text=ARTICLE)
    assert [(f.outcome, f.span, f.score) for f in found] == [
        (KEPT, (q.start, q.end), 1.0) for q in quotes]
    assert find_again(ARTICLE, quotes[1]).outcome == KEPT


def test_a_typo_corrected_inside_a_quote_is_found_fuzzy_on_its_new_words():
    old = ARTICLE.replace("the forecast assumed", "the forcast assumed")
    quote = mark(old, "the forcast assumed a doubling of cargo")
    for found in both_ways(ARTICLE, quote, old):
        assert found.outcome == FUZZY
        assert ARTICLE[found.start : found.end] == "the forecast assumed a doubling of cargo"
        assert 0.95 < found.score < 1


def test_a_paragraph_moved_takes_its_marks_with_it():
    paragraphs = ARTICLE.split("\n\n")
    moved = "\n\n".join([paragraphs[0], paragraphs[3], paragraphs[1], paragraphs[2]])
    quote = mark(ARTICLE, '"Nobody has signed anything," he said.')
    for found in both_ways(moved, quote, ARTICLE):
        assert found.outcome == MOVED
        assert moved[found.start : found.end] == quote.exact
        assert found.start == moved.index(quote.exact) != quote.start


def test_a_sentence_inserted_before_a_mark_moves_it_by_that_much():
    added = "The harbour master declined to comment. "
    new = ARTICLE.replace("Critics were not convinced.", added + "Critics were not convinced.")
    quote = mark(ARTICLE, "Marcus Felloway")
    for found in both_ways(new, quote, ARTICLE):
        assert (found.outcome, found.start) == (MOVED, quote.start + len(added))
        assert found.end - found.start == len("Marcus Felloway")


def test_a_page_rewritten_orphans_a_mark_whose_quote_was_reworded():
    # The second paragraph is written again from scratch: the quote's words and its
    # surroundings are gone. Orphaned, not fuzzy: the closest stretch anywhere shares
    # only scattered letters with it (far under the bars), and pinning the mark there
    # would quote words the reader never marked.
    rewritten = ARTICLE.replace(
        "Critics were not convinced. The auditor, Marcus Felloway, said the forecast assumed a "
        "doubling of cargo that no shipping line had promised.",
        "Opponents remain sceptical. According to an independent review, traffic through the "
        "port would have to rise steeply, and no operator has committed to that.")
    quote = mark(ARTICLE, "the forecast assumed a doubling of cargo that no shipping line had promised")
    for found in both_ways(rewritten, quote, ARTICLE):
        assert (found.outcome, found.score) == (ORPHANED, 0.0)
        assert found.span == (quote.start, quote.end)  # the old place, to list the orphan by


def test_a_quote_lightly_reworded_in_place_is_fuzzy_not_orphaned():
    # Two words of eleven changed, surroundings intact: the same passage, found with a
    # score that says it is not quite what was marked.
    reworded = ARTICLE.replace("that no shipping line had promised", "that no shipping company has promised")
    quote = mark(ARTICLE, "the forecast assumed a doubling of cargo that no shipping line had promised")
    for found in both_ways(reworded, quote, ARTICLE):
        assert found.outcome == FUZZY
        assert reworded[found.start : found.end] == (
            "the forecast assumed a doubling of cargo that no shipping company has promised")
        assert 0.8 < found.score < 0.95


THREE_TIMES = """\
At the first hearing the minister said no decision had been taken.

At the second hearing the minister said no decision had been taken, and the chair moved on.

By the third hearing the minister said no decision had been taken; nobody believed her.
"""


def test_the_same_quote_three_times_keeps_the_mark_on_the_second_after_edits_elsewhere():
    quote = mark(THREE_TIMES, "the minister said no decision had been taken", occurrence=2)
    new = ("A correction was added to this report on 4 May.\n\n"
           + THREE_TIMES.replace("At the first hearing", "At the first public hearing")
                        .replace("nobody believed her", "few believed her"))
    second = new.index("the minister said", new.index("second hearing"))
    for found in both_ways(new, quote, THREE_TIMES):
        assert (found.outcome, found.start) == (MOVED, second)


def test_a_quote_whose_surroundings_changed_but_not_its_words_moves_to_its_own_occurrence():
    quote = mark(THREE_TIMES, "the minister said no decision had been taken", occurrence=2)
    # Its own surroundings are rewritten on both sides; the other two copies stay as they
    # were. It still lands on its own copy: after a refresh the diff says so; on its own,
    # its remaining surroundings and its place do.
    new = THREE_TIMES.replace("At the second hearing the", "When asked again at the second session, the") \
                     .replace("taken, and the chair moved on.", "taken; the session ended there.")
    own = new.index("the minister said", new.index("second session"))
    for found in both_ways(new, quote, THREE_TIMES):
        assert (found.outcome, found.start) == (MOVED, own)
        assert new[found.start : found.end] == quote.exact


def test_a_mark_stays_on_its_own_changed_words_rather_than_jump_to_a_copy_elsewhere():
    quote = mark(THREE_TIMES, "the minister said no decision had been taken", occurrence=2)
    new = THREE_TIMES.replace("the second hearing the minister said no decision had been taken",
                              "the second hearing the minister stated no decision had been taken")
    for found in both_ways(new, quote, THREE_TIMES):
        assert found.outcome == FUZZY
        assert new[found.start : found.end] == "the minister stated no decision had been taken"


def test_reflowed_lines_keep_the_words_found():
    wrapped = ARTICLE.replace("Councillor Ana Pereira said the port would pay for itself",
                              "Councillor Ana Pereira said the port\nwould  pay for\n itself")
    quote = mark(ARTICLE, "Ana Pereira said the port would pay for itself within eight years.")
    for found in both_ways(wrapped, quote, ARTICLE):
        assert found.outcome == MOVED
        assert wrapped[found.start : found.end].split() == quote.exact.split()
        assert wrapped[found.start : found.end].startswith("Ana Pereira said the port\nwould  pay")


@pytest.mark.parametrize("new", ["", "   \n\n", "An entirely different page about something else."])
def test_an_empty_or_unrelated_text_orphans_every_mark(new):
    quotes = [mark(ARTICLE, "Ana Pereira"), mark(ARTICLE, "the port would pay for itself")]
    for found in [*find_all_again(new, quotes, old_text=ARTICLE), *find_all_again(new, quotes)]:
        assert found.outcome == ORPHANED and found.score == 0


def test_offsets_count_code_points_through_accents_combining_marks_and_emoji():
    old = ("Zoë Ångström 🚢 said the cafe\u0301 would close. "
           "Le maire a dit : « le port paiera » 🎉 puis il est parti.")
    quote = mark(old, "« le port paiera » 🎉")
    assert old[quote.start : quote.end] == "« le port paiera » 🎉"
    new = "Mis à jour 👍🏽. " + old.replace("cafe\u0301", "café au coin")
    shift = len("Mis à jour 👍🏽. ") + len("café au coin") - len("cafe\u0301")
    for found in both_ways(new, quote, old):
        assert (found.outcome, found.start, found.end) == (MOVED, quote.start + shift, quote.end + shift)
    typo = mark(old, "cafe\u0301 would close")
    fixed = old.replace("cafe\u0301 would close", "cafe\u0301 will close")
    for found in both_ways(fixed, typo, old):
        assert found.outcome == FUZZY
        assert fixed[found.start : found.end] == "cafe\u0301 will close"


def test_a_quote_in_a_script_of_many_letters_is_still_found():
    # More than 256 different characters (edlib's limit) in the text and the quote.
    text = "".join(chr(0x4E00 + (n * 7919) % 2000) for n in range(3000))
    quote = Quote.at(text, 1000, 1300)
    assert len(set(quote.exact)) > 256
    new = text[:1100] + "一" + text[1101:]
    found = find_again(new, quote)
    assert found.outcome == FUZZY and found.span == (1000, 1300)


def test_a_mark_on_a_whole_word_does_not_move_into_a_longer_one():
    old = "The report was late. The port was closed."
    quote = mark(old, "port", occurrence=2)
    new = "The report was late. The harbour was closed."
    # "port" is still in "report", but the mark was on a word of its own: orphaned.
    for found in both_ways(new, quote, old):
        assert found.outcome == ORPHANED


def test_every_mark_gets_an_answer_in_order():
    quotes = [mark(ARTICLE, "Ana Pereira"), mark(ARTICLE, "Ana Pereira"),
              mark(ARTICLE, "vote on the extension"), Quote("words this article never had")]
    found = find_all_again(ARTICLE.replace("£41m", "£44m"), quotes, old_text=ARTICLE)
    assert [f.outcome for f in found] == [KEPT, KEPT, KEPT, ORPHANED]


def test_a_stored_annotation_gives_its_quote():
    quote = mark(ARTICLE, "Marcus Felloway")
    annotation = Annotation(article="a", kind="actor", exact=quote.exact, start=quote.start,
                            end=quote.end, prefix=quote.prefix, suffix=quote.suffix)
    assert Quote.of(annotation) == quote


def test_a_typed_quote_with_a_slip_is_offered_its_closest_stretch():
    found = best_match(ARTICLE, "the port woud pay for itself")
    assert found.outcome == FUZZY and ARTICLE[found.start : found.end] == "the port would pay for itself"
    assert 0.9 < found.score < 1
    shouted = best_match(ARTICLE, "NOBODY HAS SIGNED ANYTHING")
    assert ARTICLE[shouted.start : shouted.end] == "Nobody has signed anything"
    assert shouted.outcome == FUZZY and shouted.score < 1
    exact = best_match(ARTICLE, "the port would\npay")
    assert exact.outcome == KEPT and ARTICLE[exact.start : exact.end] == "the port would pay"
    assert best_match(ARTICLE, "a completely different sentence about trams").outcome == ORPHANED


def test_the_matcher_loads_its_library_only_when_it_searches():
    probe = ("import sys, json, annotations.matching\n"
             "print(json.dumps('edlib' in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) is False


def test_a_refresh_of_a_text_in_a_script_of_many_letters_maps_its_marks():
    old = "".join(chr(0x4E00 + (n * 7919) % 2000) + ("。" if n % 40 == 39 else "") for n in range(4000))
    quote = Quote.at(old, 2000, 2040)
    inserted = "".join(chr(0x5E00 + n) for n in range(300)) + "。"
    new = old[:1500] + inserted + old[1500:2100] + "更" + old[2100:]
    found = find_all_again(new, [quote], old_text=old)[0]
    assert (found.outcome, found.start) == (MOVED, 2000 + len(inserted))


def test_marks_imported_with_only_their_quote_and_surroundings_are_found():
    # Another tool's export: the quote selector, no position (start and end 0).
    words = ["Marcus Felloway", "vote on the extension", "the forecast assumed a doubling of cargo"]
    quotes = [Quote(q.exact, q.prefix, q.suffix) for q in (mark(ARTICLE, w) for w in words)]
    found = find_all_again(ARTICLE, quotes)
    assert [(f.outcome, ARTICLE[f.start : f.end]) for f in found] == [(MOVED, w) for w in words]
