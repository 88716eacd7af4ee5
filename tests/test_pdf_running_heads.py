"""Running heads, footers and page numbers in PDFs (issue 8, point 1): left out of the
text, their numbers giving the printed page labels; and what merely looks like them (a
heading on every page, paragraphs alike but for a number, footnotes) kept.

Every PDF here is typeset by the test itself with reportlab (tests/helpers/pdfs.py), from
articles invented for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.importing.pdf import import_pdf
from tests.helpers.pdf_articles import HARBOUR, blocks, journal, pages_of, paragraphs, readable
from tests.helpers.pdfs import PdfBook

# -- running heads, page numbers -------------------------------------------------------------


def test_running_heads_and_page_numbers_are_left_out_and_give_the_labels(tmp_path):
    article = import_pdf(journal(tmp_path / "heads.pdf"))
    pages = pages_of(article.body)
    assert [p["label"] for p in pages] == [str(112 + i) for i in range(len(pages))]
    text = " ".join(blocks(article.body))
    assert "Journal of Estuary Studies" not in text
    assert not re.search(r"\b11[2-9]\b", text)


def alternating_heads(path: Path, paragraphs_: list[str], columns: int = 2) -> Path:
    """A journal's pages from 112: "112 … JOURNAL OF ESTUARY STUDIES" on even pages,
    "OKAFOR: DREDGING THE CHANNEL … 113" on odd ones."""
    book = PdfBook(columns=columns,
                   header=lambda p: str(111 + p) if p % 2 else "OKAFOR: DREDGING THE CHANNEL",
                   header_right=lambda p: "JOURNAL OF ESTUARY STUDIES" if p % 2 else str(111 + p))
    for text in paragraphs_:
        book.paragraph(text)
    book.save(path)
    return path


@pytest.mark.parametrize("columns,repeat", [(2, 4), (2, 8), (1, 8), (2, 18)])
def test_alternating_running_heads_are_left_out_and_paragraphs_join_across_them(
        tmp_path, columns, repeat):
    # Two pages, three or seven, each parity its own head: the odd pages' head comes back only
    # every other page, and on some pages PDFium gives it as two pieces.
    texts = [readable(t) for t in HARBOUR * repeat]
    article = import_pdf(alternating_heads(tmp_path / "okafor.pdf", texts, columns))
    pages = pages_of(article.body)
    assert len(pages) >= 2
    assert [p["label"] for p in pages] == [str(112 + i) for i in range(len(pages))]
    text = " ".join(blocks(article.body))
    assert "OKAFOR" not in text and "JOURNAL" not in text
    assert not re.search(r"\b11[2-9]\b", text)
    assert paragraphs(article.body) == texts


def test_the_same_first_line_on_every_page_is_text_not_a_running_head(tmp_path):
    # A transcript: each page happens to start with the same answer, right under the
    # running head; two pages end with the same footnote.
    book = PdfBook(header=lambda p: f"Harbour inquiry, day two, page {p}")
    notes = ["As corrected by the witness.", "The chair's ruling is in annex B.",
             "Counsel's objection was noted.", "Annex C lists the exhibits.", "Ibid.", "Ibid."]
    for note in notes:
        book.paragraph("Yes.", footnote=note)
        book.paragraph(" ".join(readable(t) for t in HARBOUR[:5]))
        book.new_page()
    book.save(tmp_path / "transcript.pdf")
    pages = pages_of(import_pdf(tmp_path / "transcript.pdf").body)[:6]
    assert [p["blocks"][0]["text"] for p in pages] == [f"Yes.{n}" for n in range(1, 7)]
    assert [p["blocks"][-1]["text"] for p in pages] == [f"{n} {note}"
                                                       for n, note in enumerate(notes, start=1)]
    assert "Harbour inquiry" not in " ".join(blocks(import_pdf(tmp_path / "transcript.pdf").body))


def test_printed_numbers_fill_the_pages_that_print_none(tmp_path):
    # A register's pages: the first page prints no running head, the rest do.
    book = PdfBook(header=lambda p: "" if p == 1 else f"Harbour Register / Vol. 89, No. 12 / {47698 + p}")
    for text in HARBOUR * 8:
        book.paragraph(text)
    book.save(tmp_path / "register.pdf")
    pages = pages_of(import_pdf(tmp_path / "register.pdf").body)
    assert len(pages) >= 3
    assert [p["label"] for p in pages] == [str(47699 + i) for i in range(len(pages))]
    assert "Harbour Register" not in " ".join(blocks(import_pdf(tmp_path / "register.pdf").body))


def test_the_pdfs_own_page_labels_win(tmp_path):
    book = PdfBook(labels=[(0, "ROMAN_LOWER", 1), (2, "ARABIC", 1)],
                   footer=lambda p: ["i", "ii", "1", "2", "3"][p - 1] if p <= 5 else str(p - 2))
    book.paragraph("Foreword. " + HARBOUR[0]).new_page().paragraph("Contents. " + HARBOUR[1])
    for text in HARBOUR[2:5]:
        book.new_page().paragraph(text)
    book.save(tmp_path / "labels.pdf")
    pages = pages_of(import_pdf(tmp_path / "labels.pdf").body)
    assert [p["label"] for p in pages] == ["i", "ii", "1", "2", "3"]
    assert not any(b in ("i", "ii", "1", "2", "3") for b in blocks(import_pdf(tmp_path / "labels.pdf").body))


def test_roman_front_matter_numbers_in_the_footer_count_as_labels(tmp_path):
    numbers = ["iii", "iv", "v", "1", "2", "3"]
    book = PdfBook(footer=lambda p: numbers[p - 1])
    book.paragraph(HARBOUR[0])
    for text in HARBOUR[1:6]:
        book.new_page().paragraph(text)
    book.save(tmp_path / "front.pdf")
    assert [p["label"] for p in pages_of(import_pdf(tmp_path / "front.pdf").body)] == numbers


def test_without_labels_or_printed_numbers_the_label_is_the_page_index(tmp_path):
    book = PdfBook()
    book.paragraph(HARBOUR[0]).new_page().paragraph(HARBOUR[1])
    book.save(tmp_path / "bare.pdf")
    assert [p["label"] for p in pages_of(import_pdf(tmp_path / "bare.pdf").body)] == ["1", "2"]


def test_an_empty_page_has_no_blocks(tmp_path):
    book = PdfBook()
    book.paragraph(HARBOUR[0]).new_page().new_page().paragraph(HARBOUR[1])
    book.save(tmp_path / "gap.pdf")
    pages = pages_of(import_pdf(tmp_path / "gap.pdf").body)
    assert [len(p["blocks"]) for p in pages] == [1, 0, 1]


# -- what only looks like a running line is text -------------------------------------------


RECOMMENDATIONS = [
    ("The harbour board should publish its dredging contracts in full, with the sums "
     "paid to each firm, before the next campaign begins.",
     "Its minutes already name the firms; the sums are what the auditor could not find."),
    ("The council ought to commission an independent survey of the timber piles under "
     "the old quay before the channel is deepened.",
     "The residents' engineer has offered the board her readings of the water table."),
    ("Ferry operators must report every sailing delayed by the tide, with its length, to "
     "the harbour master.",
     "Without these records nobody can say what the deeper channel would save."),
    ("The minister should say by the summer recess whether the national fund will pay, "
     "and on what terms.",
     "Every month without an answer adds to the cost of the contracts held open."),
    ("The board ought to licence the dumping of spoil only at sites the fishermen's "
     "cooperative has agreed to.",
     "The last licence lapsed without anyone noticing for two seasons."),
    ("Sediment in the bay should be measured weekly during the works, and the readings "
     "posted on the quay.",
     "The sole and plaice grounds are what the fishermen fear for most."),
]


@pytest.mark.parametrize("numbers,size,font", [
    ((1, 3, 4, 7, 9, 12), 14.0, "Times-Bold"),
    ((1, 2, 3, 4, 5, 6), 10.0, "Times-Bold"),  # in step with the pages, at the body's size
], ids=["larger", "bold"])
def test_a_heading_at_the_top_of_every_page_is_text(tmp_path, numbers, size, font):
    book = PdfBook(indent=0.0, paragraph_space=20.0)
    for number, (first, second) in zip(numbers, RECOMMENDATIONS, strict=True):
        book.heading(f"Recommendation {number}", size, font).paragraph(first).paragraph(second)
        book.new_page()
    book.save(tmp_path / "recommendations.pdf")
    pages = pages_of(import_pdf(tmp_path / "recommendations.pdf").body)[:6]
    assert [[(b["kind"], b["text"]) for b in page["blocks"]] for page in pages] == [
        [("heading", f"Recommendation {number}"), ("paragraph", first), ("paragraph", second)]
        for number, (first, second) in zip(numbers, RECOMMENDATIONS, strict=True)]


@pytest.mark.parametrize("shape", [(1, 3, 2), (3, 3, 3)])
def test_paragraphs_alike_but_for_their_numbers_are_text(tmp_path, shape):
    # An inspection log: on each page the same three entries for its pier, numbered, of
    # one, two or three lines; at the top and the foot of each page an entry stands
    # apart from the rest by the space between entries.
    words = ("the east face was sound and the west face had lost mortar at the waterline, "
             "so the ladder on the west face needs two new rungs and a rail before the "
             "winter storms, and the fenders on the east face must be turned before the "
             "ferries start their summer timetable, when the berth is in use from first "
             "light until the last crossing leaves for the islands").split()
    cut = {1: 8, 2: 30, 3: 56}
    texts = [f"Pier {pier}, entry {number}: {' '.join(words[:cut[lines]])}."
             for pier in range(1, 7) for number, lines in enumerate(shape, start=1)]
    book = PdfBook(indent=0.0, paragraph_space=14.0)
    for at, text in enumerate(texts):
        book.paragraph(text)
        if at % 3 == 2:
            book.new_page()
    drawn = book.save(tmp_path / "inspections.pdf")
    assert [len(page) for page in drawn.lines[:6]] == [sum(shape)] * 6
    assert blocks(import_pdf(tmp_path / "inspections.pdf").body) == texts


@pytest.mark.parametrize("last", ["The divers counted {page} rotten piles.",
                                  "The soundings are in table {page}."])
def test_a_last_line_alike_on_every_page_but_for_a_number_is_text(tmp_path, last):
    book = PdfBook(indent=0.0, paragraph_space=14.0)
    for page in (1, 2):
        book.paragraph(readable(HARBOUR[page])).paragraph(last.format(page=page)).new_page()
    book.save(tmp_path / "divers.pdf")
    assert blocks(import_pdf(tmp_path / "divers.pdf").body) == [
        readable(HARBOUR[1]), last.format(page=1), readable(HARBOUR[2]), last.format(page=2)]


def test_the_same_short_footnote_on_every_page_is_kept(tmp_path):
    book = PdfBook()
    for text in HARBOUR[:3]:
        book.paragraph(readable(text), footnote="Ibid.").new_page()
    book.save(tmp_path / "ibid.pdf")
    pages = pages_of(import_pdf(tmp_path / "ibid.pdf").body)[:3]
    assert [[b["text"] for b in page["blocks"] if b["kind"] == "footnote"] for page in pages] \
        == [["1 Ibid."], ["2 Ibid."], ["3 Ibid."]]
