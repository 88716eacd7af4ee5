"""Hyphens at PDF line ends (issue 8, point 1): joined where they only split a word,
kept where they are part of it; a web address broken at a line end joined whole.

Every PDF here is typeset by the test itself with reportlab (tests/helpers/pdfs.py), from
articles invented for it.
"""

from __future__ import annotations

import pytest
from reportlab.pdfgen import canvas

from reader.importing.pdf import import_pdf
from tests.helpers.pdf_articles import blocks, pdfium_lines
from tests.helpers.pdfs import PAGE, columns_by_hand, draw_placed, justified_lines

# -- hyphens ---------------------------------------------------------------------------------


LEFT = ["In March the harbour council paid the sub-",
        "sidy for the ferry crossing again, while the",
        "consultants called their method state-of-the-",
        "art and the national infra-",
        "structure fund a decision-",
        "making body for the whole estuary. The",
        "subsidy will be reviewed in the autumn."]
RIGHT = ["Fishermen doubt that the state-",
         "of-the-art dredgers will keep the plume of",
         "silt away from the sole and plaice grounds,",
         "and the COVID-",
         "19 years left the harbour dues unpaid for a",
         "long time, as the well-",
         "known auditor says, as well as the decision-making",
         "bodies of the island ferries."]
LEFT_TEXT = ("In March the harbour council paid the subsidy for the ferry crossing again, while the "
             "consultants called their method state-of-the-art and the national infrastructure "
             "fund a decision-making body for the whole estuary. The subsidy will be reviewed in "
             "the autumn.")
RIGHT_TEXT = ("Fishermen doubt that the state-of-the-art dredgers will keep the plume of silt away "
              "from the sole and plaice grounds, and the COVID-19 years left the harbour dues "
              "unpaid for a long time, as the well-known auditor says, as well as the "
              "decision-making bodies of the island ferries.")


@pytest.mark.parametrize("interleave", [False, True])
def test_line_end_hyphens_are_joined_and_real_hyphens_kept(tmp_path, interleave):
    path = columns_by_hand(tmp_path / "hyphens.pdf", LEFT, RIGHT, interleave)
    raw = "\r\n".join(pdfium_lines(path))
    if interleave:  # "sub-" is no line end to PDFium: the right column follows it
        assert "the sub- Fishermen doubt" in raw
    else:
        assert "the sub\ufffesidy" in raw
    assert blocks(import_pdf(path).body) == [LEFT_TEXT, RIGHT_TEXT]


def test_a_web_address_broken_at_a_line_end_is_joined_whole(tmp_path):
    path = tmp_path / "address.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    draw_placed(c, justified_lines(c, 72, 700, [
        "The board's budget papers are published at https://eastmere-",
        "harbour.example/board/papers/2024/ and the auditor's letters at https://",
        "audit.example/letters/ with the minutes of each meeting, as at www.example.",
        "org/minutes/ and www.example.org/",
        "notes with the rest."], 360))
    c.showPage()
    c.save()
    assert blocks(import_pdf(path).body) == [
        "The board's budget papers are published at https://eastmere-harbour.example/board/"
        "papers/2024/ and the auditor's letters at https://audit.example/letters/ with the "
        "minutes of each meeting, as at www.example.org/minutes/ and www.example.org/ notes "
        "with the rest."]


def test_pdfium_marks_for_line_end_hyphens_never_reach_the_text(tmp_path):
    path = columns_by_hand(tmp_path / "marks.pdf", LEFT, RIGHT, interleave=False)
    raw = "\r\n".join(pdfium_lines(path))
    assert raw.count("\ufffe") >= 4  # PDFium's marks for the hyphens at line ends
    body = import_pdf(path).body
    assert "\ufffe" not in body and "\\ufffe" not in body and "\\u0002" not in body


COMPOUNDS = ["The survey was carried out by a well-",
             "known firm of divers, whose self-",
             "employed crews worked from a high-",
             "speed launch while the tide stood high-",
             "er than forecast. Their co-",
             "author on the report, a marine author of note, ex-",
             "pected the cross-",
             "ing to close for a week, as in pre-",
             "vious years, though the long-",
             "standing rule of the harbour, longstanding as it is, allows it."]
COMPOUNDS_TEXT = ("The survey was carried out by a well-known firm of divers, whose "
                  "self-employed crews worked from a high-speed launch while the tide stood "
                  "higher than forecast. Their co-author on the report, a marine author of "
                  "note, expected the crossing to close for a week, as in previous years, "
                  "though the longstanding rule of the harbour, longstanding as it is, "
                  "allows it.")


def test_compounds_broken_after_well_self_or_co_keep_their_hyphen(tmp_path):
    # English writes compounds with "well", "self", "high" and a prefix such as "co"
    # before a word it also uses alone ("author"): those hyphens stay. An ending after
    # such a word ("high-" + "er", "cross-" + "ing"), a prefix that is only a syllable
    # ("ex-" + "pected", "pre-" + "vious"), and a word the text also writes whole
    # ("longstanding") join.
    path = tmp_path / "compounds.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    draw_placed(c, justified_lines(c, 72, 700, COMPOUNDS, 300))
    c.showPage()
    c.save()
    raw = "\r\n".join(pdfium_lines(path))
    # PDFium marks every one of these hyphens alike, as the end of a split word.
    assert "well\ufffeknown" in raw and "ex\ufffepected" in raw
    assert blocks(import_pdf(path).body) == [COMPOUNDS_TEXT]
