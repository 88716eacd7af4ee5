"""PDF paragraphs rebuilt from the lines' geometry (issue 8, point 1): gaps, first-line
indents, lines that end short, list items, paragraphs that run on to the next page.

Every PDF here is typeset by the test itself with reportlab (tests/helpers/pdfs.py), from
articles invented for it.
"""

from __future__ import annotations

import pytest
from reportlab.pdfgen import canvas

from reader.importing.pdf import import_pdf
from tests.helpers.pdf_articles import HARBOUR, blocks, pages_of, paragraphs, readable
from tests.helpers.pdfs import PAGE, PdfBook, draw_placed, justified_lines, ragged_columns

# -- paragraphs ---------------------------------------------------------------------------


@pytest.mark.parametrize("style", [
    {"indent": 15.0},                                     # first-line indents, no gaps
    {"indent": 0.0, "paragraph_space": 7.0},              # block paragraphs, spaced
    {"indent": 0.0, "paragraph_space": 7.0, "justify": False},  # ragged right
    {"indent": 12.0, "justify": False},
])
def test_paragraphs_are_rebuilt_from_line_geometry(tmp_path, style):
    book = PdfBook(**style)
    for text in HARBOUR:
        book.paragraph(text)
    book.save(tmp_path / "plain.pdf")
    assert blocks(import_pdf(tmp_path / "plain.pdf").body) == [readable(t) for t in HARBOUR]


@pytest.mark.parametrize("indent", [0.0, 15.0])
def test_a_short_line_ending_a_sentence_ends_its_paragraph_without_indent_or_gap(tmp_path,
                                                                                 indent):
    book = PdfBook(indent=indent)
    book.paragraph("The quay wall was surveyed in May.")
    book.paragraph("Nobody on the board objected.")
    book.paragraph("Divers found the timber piles sound along most of its length, but three "
                   "near the slipway had rotted at the waterline and will need replacing.")
    book.save(tmp_path / "survey.pdf")
    assert blocks(import_pdf(tmp_path / "survey.pdf").body) == [
        "The quay wall was surveyed in May.", "Nobody on the board objected.",
        "Divers found the timber piles sound along most of its length, but three near the "
        "slipway had rotted at the waterline and will need replacing."]


def test_list_items_stay_whole_with_their_lines_set_under_the_text(tmp_path):
    path = tmp_path / "list.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    draw_placed(c, justified_lines(c, 72, 700, ["The board asked for three things:", ""], 400))
    items = [["The auditor's report on the subsidy terms, before any contract is", "signed."],
             ["A survey of the timber piles under the old quay."],
             ["An answer from the minister on whether the national fund still has", "money for "
              "projects outside the capital region."]]
    y = 676.0
    for item in items:
        c.setFont("Times-Roman", 10)
        c.drawString(72, y, "\u2022")
        draw_placed(c, justified_lines(c, 84, y, [*item, ""], 388))
        y -= 12 * len(item)
    c.showPage()
    c.save()
    assert blocks(import_pdf(path).body) == ["The board asked for three things:"] + [
        "\u2022 " + " ".join(item) for item in items]


def test_a_paragraph_running_on_to_the_next_page_joins_it(tmp_path):
    long = " ".join(readable(t) for t in HARBOUR * 5)  # longer than a page
    book = PdfBook()
    book.paragraph(HARBOUR[1]).paragraph(long).paragraph(HARBOUR[3])
    assert len(book.save(tmp_path / "long.pdf").lines) == 2
    pages = pages_of(import_pdf(tmp_path / "long.pdf").body)
    first_on_page_two = pages[1]["blocks"][0]
    assert first_on_page_two["joins"] == " "
    assert all("joins" not in b for page in pages for b in page["blocks"][1:])
    assert pages[0]["blocks"][-1]["text"] + " " + first_on_page_two["text"] == long
    assert paragraphs(import_pdf(tmp_path / "long.pdf").body) == [HARBOUR[1], long, HARBOUR[3]]


def test_a_word_hyphenated_across_a_page_break_joins_without_glue(tmp_path):
    path = tmp_path / "break.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    c.setFont("Times-Roman", 10)
    lines = ["The ferry operators argued that the harbour dues already paid for a",
             "dredging campaign every decade, and that the new national sub-"]
    for n, line in enumerate(["Tidal records kept at the harbour since the war show the "
                              "channel silting faster.", *lines]):
        c.drawString(72, 700 - 12 * n, line)
    c.showPage()
    c.setFont("Times-Roman", 10)
    c.drawString(72, 700, "sidy would never reach the islands, whatever the minister said.")
    c.showPage()
    c.save()
    pages = pages_of(import_pdf(path).body)
    assert pages[1]["blocks"][0]["joins"] == ""
    assert pages[0]["blocks"][-1]["text"].endswith("the new national sub")
    assert pages[1]["blocks"][0]["text"].startswith("sidy would never reach")


# -- ragged right: a short line is no paragraph's end on its own ---------------------------


SENTENCES = [sentence if sentence.endswith(".") else f"{sentence}."
             for text in HARBOUR for sentence in readable(text).split(". ")]


@pytest.mark.parametrize("texts,columns,chars,indent", [
    ([readable(t) for t in HARBOUR], 2, 40, 12.0),
    (SENTENCES, 2, 45, 18.0),
    (SENTENCES, 2, 50, 12.0),  # "Dredging of this kind is not new to the estuary." fills a line
    (SENTENCES, 1, 80, 10.0),  # and in one column stops a little short
], ids=["paragraphs", "sentences", "one-line paragraphs", "one column"])
def test_ragged_paragraphs_marked_by_indents_end_only_at_an_indent(tmp_path, texts, columns,
                                                                   chars, indent):
    # Ragged right on 12-point leading, first-line indents, no space between paragraphs:
    # the indented first lines reach furthest, the other lines end short of them, often
    # by more than their next word; a paragraph goes on over them, into the next column
    # and on to the next page, until a line is indented.
    texts = texts * 2
    path = ragged_columns(tmp_path / "ragged.pdf", texts, columns=columns, rows=30,
                          chars=chars, indent=indent)
    body = import_pdf(path).body
    assert len(pages_of(body)) >= 2
    assert paragraphs(body) == texts


def test_a_paragraph_ending_short_at_a_pages_foot_does_not_run_on(tmp_path):
    # Block paragraphs set apart by a gap, three to a page and broken alike (their
    # lines end at three places, each as often): the last line of a page ends short of
    # where the others reach, and the next page begins a new paragraph.
    texts = [f"The soundings at pier {page}, bay {bay}, were taken at low water from the "
             "harbour master's launch over three mornings in a dry spring."
             for page in range(1, 4) for bay in range(1, 4)]
    path = ragged_columns(tmp_path / "soundings.pdf", texts, rows=9, chars=60, gap=14.0)
    pages = pages_of(import_pdf(path).body)
    assert [len(page["blocks"]) for page in pages] == [3, 3, 3]
    assert not any("joins" in block for page in pages for block in page["blocks"])
    assert blocks(import_pdf(path).body) == texts
