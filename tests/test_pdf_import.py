"""Importing PDFs (issue 8, point 1): prose rebuilt from PDFium's lines, printed page
numbers, metadata, and one clear line for each file that cannot be read.

Every PDF here is typeset by the test itself with reportlab (tests/helpers/pdfs.py), from
articles invented for it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from annotations.errors import SourceError
from annotations.store import Library
from reader.importing import import_source
from reader.importing.pdf import import_pdf
from reader.importing.pdf.cleaning import clean_text
from tests.helpers.library import add_sample, snapshot
from tests.helpers.pdfs import (
    PAGE,
    Item,
    PdfBook,
    columns_by_hand,
    draw_placed,
    justified_lines,
    register_vera,
    scanned_pdf,
    xmp_packet,
)
from tests.test_bad_input import assert_refused

HARBOUR = [
    "The harbour board of Eastmere voted in March to deepen the main channel by two metres, a "
    "project its engineers priced at forty million euros. Critics on the council called the "
    "figure a guess, and the regional auditor asked for the sub|sidy terms to be published "
    "before any contract was signed.",
    "Dredging of this kind is not new to the estuary. The last campaign removed close to a "
    "million tonnes of silt, and the spoil was dumped at sea under a licence that has since "
    "lapsed. Fishermen say the plume of fine sediment drove the sole and plaice out of the bay "
    "for three seasons.",
    "The board's consultants describe their method as state-of-the-art, with suction dredgers "
    "that return the finest fraction to the water column in a controlled way. Independent "
    "marine scientists are less sure, noting that the method has never been tried in a tidal "
    "channel as narrow as this one.",
    "Ferry operators, for their part, want the work done quickly. Larger vessels already wait "
    "for the tide at the harbour mouth, and one operator says that every hour lost costs it "
    "more than the annual harbour dues. The crossing to the islands carries nearly two hundred "
    "thousand passengers a year.",
    "Whether the money will come from the national infra|structure fund or from harbour dues "
    "remains unclear. The minister has promised an answer before the summer recess, but a "
    "spokesperson declined to say whether the fund has money left for projects outside the "
    "capital region.",
    "Residents of the old quay have their own worries. Their houses stand on timber piles "
    "driven in the eighteenth century, and a structural engineer hired by the residents' "
    "association warns that a deeper channel could lower the water table under the quay.",
]


def readable(text: str) -> str:
    """A paragraph as the reader should get it: hyphenation marks of the source gone."""
    return text.replace("|", "")


def pages_of(body: str) -> list[dict]:
    data = json.loads(body)
    assert data["glossator"] == "pages" and data["version"] == 1
    return data["pages"]


def blocks(body: str, kind: str | None = None) -> list[str]:
    return [b["text"] for page in pages_of(body) for b in page["blocks"]
            if kind is None or b["kind"] == kind]


def paragraphs(body: str) -> list[str]:
    """The blocks' texts with each page's continuation joined to the paragraph it
    continues, as the reader's document builder joins them."""
    texts: list[str] = []
    for page in pages_of(body):
        for block in page["blocks"]:
            if "joins" in block and texts:
                texts[-1] += block["joins"] + block["text"]
            else:
                texts.append(block["text"])
    return texts


def journal(path: Path, columns: int = 2, interleave: bool = False, repeat: int = 2,
            **options) -> Path:
    """A journal article: title and abstract across the page, then the body."""
    book = PdfBook(columns=columns, interleave=interleave,
                   header=lambda p: f"Journal of Estuary Studies 12 (2024) {111 + p}",
                   footer=lambda p: str(111 + p), **options)
    book.top_block = [
        Item("heading", "Dredging the Eastmere channel: costs, claims and open questions", 16,
             "Times-Bold"),
        Item("paragraph", "Abstract. We follow the harbour board's plan to deepen the channel "
             "and ask who pays, who gains and what the sediment does to the bay, from the "
             "board's papers, the auditor's letters and interviews on the quay.", 9,
             "Times-Italic"),
    ]
    book.heading("1 Introduction", 12)
    for _ in range(repeat):
        for text in HARBOUR:
            book.paragraph(text)
    book.heading("2 Who pays", 12)
    for text in reversed(HARBOUR):
        book.paragraph(text)
    book.save(path)
    return path


# -- the body: its shape ------------------------------------------------------------------


def test_a_pdf_becomes_pages_of_blocks_in_the_documented_shape(tmp_path):
    article = import_pdf(journal(tmp_path / "channel.pdf"))
    assert article.format == "pages"
    assert article.source == str((tmp_path / "channel.pdf").resolve())
    pages = pages_of(article.body)
    assert [p["index"] for p in pages] == list(range(1, len(pages) + 1)) and len(pages) >= 2
    for page in pages:
        assert set(page) == {"index", "label", "blocks"}
        for block in page["blocks"]:
            assert block["kind"] in ("heading", "paragraph", "footnote")
            assert set(block) <= {"kind", "level", "text", "joins"}
            assert ("level" in block) == (block["kind"] == "heading")
            assert block["text"] == " ".join(block["text"].split()) and block["text"]
    first = pages[0]["blocks"]
    assert first[0] == {"kind": "heading", "level": 1,
                        "text": "Dredging the Eastmere channel: costs, claims and open questions"}
    assert first[2] == {"kind": "heading", "level": 2, "text": "1 Introduction"}


def test_the_body_is_utf8_json_with_its_letters_unescaped(tmp_path):
    register_vera()
    book = PdfBook(font="Vera")
    book.paragraph("Le café du port ouvre à l'aube; les pêcheurs y lisent le rapport de la "
                   "commission sur le dragage du chenal.")
    book.save(tmp_path / "cafe.pdf")
    body = import_pdf(tmp_path / "cafe.pdf").body
    assert "café du port ouvre à l'aube; les pêcheurs" in body
    assert "\\u00e9" not in body


# -- reading order --------------------------------------------------------------------------


def test_two_columns_are_read_column_by_column_in_whole_paragraphs(tmp_path):
    article = import_pdf(journal(tmp_path / "columns.pdf"))
    paragraphs = blocks(article.body, "paragraph")
    assert paragraphs[0].startswith("Abstract. We follow the harbour board's plan")
    expected = [readable(t) for t in HARBOUR * 2 + HARBOUR[::-1]]
    assert paragraphs[1:] == expected


def pdfium_lines(path: Path, page: int = 0) -> list[str]:
    """The page's lines as PDFium itself gives them."""
    return pypdfium2.PdfDocument(path)[page].get_textpage().get_text_range().split("\r\n")


def test_columns_drawn_line_by_line_across_the_page_read_the_same(tmp_path):
    by_column = journal(tmp_path / "by-column.pdf")
    across = journal(tmp_path / "across.pdf", interleave=True)
    # The PDF really runs the columns together: PDFium makes one line of a left and a
    # right column's line.
    assert len(pdfium_lines(across)) < 0.7 * len(pdfium_lines(by_column))
    assert blocks(import_pdf(across).body) == blocks(import_pdf(by_column).body)


def test_a_full_width_title_and_abstract_stay_whole_above_the_columns(tmp_path):
    article = import_pdf(journal(tmp_path / "top.pdf", interleave=True))
    first = blocks(article.body)[:3]
    assert first[0] == "Dredging the Eastmere channel: costs, claims and open questions"
    assert first[1] == ("Abstract. We follow the harbour board's plan to deepen the channel and "
                        "ask who pays, who gains and what the sediment does to the bay, from the "
                        "board's papers, the auditor's letters and interviews on the quay.")
    assert first[2] == "1 Introduction"


def test_three_columns_are_read_left_to_right(tmp_path):
    article = import_pdf(journal(tmp_path / "three.pdf", columns=3, interleave=True, repeat=4,
                                 size=8.0, leading=9.5, gutter=14.0))
    assert len(pages_of(article.body)) == 2
    assert paragraphs(article.body)[3:] == [readable(t) for t in HARBOUR * 4] + [
        "2 Who pays", *[readable(t) for t in HARBOUR[::-1]]]


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


# -- headings -------------------------------------------------------------------------------


def test_headings_come_from_larger_type_with_levels_by_size(tmp_path):
    book = PdfBook()
    book.heading("Dredging the Eastmere channel", 18)
    book.paragraph(HARBOUR[0])
    book.heading("1 The plan", 14)
    book.paragraph(HARBOUR[1])
    book.heading("1.1 What the engineers propose", 12)
    book.paragraph(HARBOUR[2])
    book.heading("Residents on the quay", 10, "Times-Bold")  # bold, at the body's size
    book.paragraph(HARBOUR[5])
    book.save(tmp_path / "headings.pdf")
    got = [(b["kind"], b.get("level"), b["text"][:30])
           for page in pages_of(import_pdf(tmp_path / "headings.pdf").body) for b in page["blocks"]]
    assert got == [
        ("heading", 1, "Dredging the Eastmere channel"), ("paragraph", None, readable(HARBOUR[0])[:30]),
        ("heading", 2, "1 The plan"), ("paragraph", None, HARBOUR[1][:30]),
        ("heading", 3, "1.1 What the engineers propose"), ("paragraph", None, HARBOUR[2][:30]),
        ("heading", 3, "Residents on the quay"), ("paragraph", None, HARBOUR[5][:30]),
    ]


def test_chinese_lines_join_without_spaces(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # a standard CID font, not embedded
    first = ("港口疏浚计划引发争议。市议会以九票对六票通过了该计划，"
             "但审计员提出了质疑，认为成本估计过于乐观，并要求公布补贴条款。")
    second = "渡轮经营者希望尽快完工。较大的船只已经在港口等待潮水，每耽误一小时都要付出代价。"
    path = tmp_path / "harbour-zh.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    c.setFont("STSong-Light", 12)
    y = 700.0
    for paragraph in (first, second):
        # Two characters' indent, then 30 characters a line, as Chinese is set.
        lines = [paragraph[i:i + 30] for i in range(0, len(paragraph), 30)]
        for number, line in enumerate(lines):
            c.drawString(72 + (24 if number == 0 else 0), y, line)
            y -= 16
    c.showPage()
    c.save()
    assert blocks(import_pdf(path).body) == [first, second]


# -- hyphens, ligatures, characters ------------------------------------------------------------


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


def test_ligatures_are_expanded(tmp_path):
    register_vera()
    book = PdfBook(font="Vera", compress=False)
    book.paragraph("The \ufb01nal report \ufb02agged \ufb01ve \ufb02aws in the \ufb01gures.")
    book.save(tmp_path / "ligatures.pdf")
    # The file draws the ligature glyphs and maps them to U+FB01 and U+FB02.
    data = (tmp_path / "ligatures.pdf").read_bytes()
    assert b"<FB01>" in data and b"<FB02>" in data
    text = blocks(import_pdf(tmp_path / "ligatures.pdf").body)[0]
    assert text == "The final report flagged five flaws in the figures."
    # PDFium itself expands the ligatures it reads; the cleaning does it for whatever
    # comes another way, all seven of them.
    assert clean_text("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06") == "fffiflffifflstst"


def test_a_glyph_without_unicode_is_left_out_and_the_rest_reads(tmp_path):
    register_vera()
    book = PdfBook(font="Vera")  # Vera has no ffi ligature: reportlab maps it to U+0000
    book.paragraph("An e\ufb03cient dredger works the channel at night.")
    book.save(tmp_path / "notdef.pdf")
    textpage = pypdfium2.PdfDocument(tmp_path / "notdef.pdf")[0].get_textpage()
    assert len(textpage.get_text_range()) != textpage.count_chars()  # the slower, exact path
    assert blocks(import_pdf(tmp_path / "notdef.pdf").body) == [
        "An ecient dredger works the channel at night."]


def test_characters_outside_the_bmp_come_through_whole(tmp_path):
    register_vera()
    path = tmp_path / "math.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1, pageCompression=0)
    c.setFont(register_vera(), 10)
    c.drawString(72, 700, "Let A and B be the harbour dues before and after dredging.")
    c.showPage()
    c.save()
    # A and B read as mathematical bold capitals (U+1D400, U+1D401); the map grows by
    # four bytes each, which PDFium's repair of the offsets absorbs.
    data = path.read_bytes().replace(b"> <0041>", b"> <D835DC00>").replace(b"> <0042>",
                                                                          b"> <D835DC01>")
    path.write_bytes(data)
    textpage = pypdfium2.PdfDocument(path)[0].get_textpage()
    assert textpage.count_chars() > len(textpage.get_text_range())  # the exact path
    assert blocks(import_pdf(path).body) == [
        "Let \U0001d400 and \U0001d401 be the harbour dues before and after dredging."]


def _remap(path: Path, mapping: dict[str, str]) -> None:
    """Rewrite the PDF's ToUnicode map so that letters read as other code points (same
    byte length, so the file stays whole): what a hostile or broken producer does."""
    data = path.read_bytes()
    for letter, target in mapping.items():
        data = data.replace(f"> <{ord(letter):04X}>".encode(), f"> <{ord(target):04X}>".encode())
    path.write_bytes(data)


def test_control_characters_and_non_characters_never_reach_the_text(tmp_path):
    register_vera()
    path = tmp_path / "controls.pdf"
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1, pageCompression=0)
    c.setFont(register_vera(), 10)
    c.drawString(72, 700, "Quiet words: the harbour board met on a wet Tuesday in March. We")
    c.showPage()
    c.save()
    _remap(path, {"Q": "\x07", "w": "\x1b", "y": "\ufffd", "M": "\ud800", "u": "\u200b",
                  "W": "\u0085"})
    body = import_pdf(path).body
    text = blocks(body)[0]
    assert all(ch.isprintable() for ch in text), repr(text)
    assert text == "iet ords: the harbor board met on a et Tesda in arch. e"
    body.encode("utf-8")  # no lone surrogate made it


TURNED = ["The harbour board of Eastmere voted in March to deepen the main channel by",
          "two metres, a project its engineers priced at forty million euros.", "",
          "Critics on the council called the figure a guess, and the regional auditor",
          "asked for the subsidy terms to be published before any contract was signed."]
STAMP = "arXiv:2401.00001v1 [physics.ao-ph] 2 Jan 2024"


def _turned_pages(path: Path, angles: tuple[int, ...]) -> Path:
    """Pages whose text is set turned by `angles` (a landscape table, a scan's text layer),
    each with a stamp up the left margin, as preprint servers add."""
    c = canvas.Canvas(str(path), pagesize=PAGE, invariant=1)
    for angle in angles:
        c.saveState()
        c.translate(PAGE[0] / 2, PAGE[1] / 2)
        c.rotate(angle)
        c.translate(-180, 100)
        draw_placed(c, justified_lines(c, 0, 0, TURNED, 360))
        c.restoreState()
        c.saveState()
        c.translate(30, 200)
        c.rotate(90)
        c.setFont("Times-Roman", 8)
        c.drawString(0, 0, STAMP)
        c.restoreState()
        c.showPage()
    c.save()
    return path


def test_text_turned_by_quarter_turns_reads_in_order(tmp_path):
    body = import_pdf(_turned_pages(tmp_path / "turned.pdf", (180, 270))).body
    expected = [" ".join(TURNED[:2]), " ".join(TURNED[3:])]
    assert [[b["text"] for b in page["blocks"]] for page in pages_of(body)] == [expected] * 2


def test_a_stamp_up_the_margin_is_left_out(tmp_path):
    body = import_pdf(_turned_pages(tmp_path / "stamped.pdf", (0,))).body
    assert blocks(body) == [" ".join(TURNED[:2]), " ".join(TURNED[3:])]


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


# -- footnotes --------------------------------------------------------------------------------


LONG_NOTE = ("Interviews on the quay in April 2024 with eleven fishermen, four ferry crew "
             "and two members of the residents' association, who asked that their names be "
             "withheld; notes of 2024 and 2025 are with the author, who will share them with any "
             "reader who asks.")


def test_footnotes_are_blocks_after_their_pages_body(tmp_path):
    book = PdfBook()
    book.paragraph(HARBOUR[0], footnote="Board minutes of 12 March 2024, item 7.")
    book.paragraph(HARBOUR[1], footnote=LONG_NOTE)
    book.paragraph(" ".join(readable(t) for t in HARBOUR * 5))  # on to the next page
    assert len(book.save(tmp_path / "notes.pdf").lines) == 2
    pages = pages_of(import_pdf(tmp_path / "notes.pdf").body)
    kinds = [b["kind"] for b in pages[0]["blocks"]]
    assert kinds[-2:] == ["footnote", "footnote"] and "footnote" not in kinds[:-2]
    assert [b["text"] for b in pages[0]["blocks"][-2:]] == [
        "1 Board minutes of 12 March 2024, item 7.", f"2 {LONG_NOTE}"]
    body = [b["text"] for b in pages[0]["blocks"][:2]]
    assert body == [readable(HARBOUR[0]) + "1", readable(HARBOUR[1]) + "2"]
    # A paragraph cut by the page's foot does not join across the footnotes.
    assert "joins" not in pages[1]["blocks"][0]


# -- metadata ------------------------------------------------------------------------------


def test_xmp_metadata_comes_first(tmp_path):
    book = PdfBook(xmp=xmp_packet(title="Silt and Money: The Eastmere Dredging Plan",
                                  creators=("Maria Okafor", "Kofi Mensah"), date="2023-11-05",
                                  doi="10.5555/estuary.2023.0047", language="en-GB"),
                   info={"Title": "A worse title from the Info dictionary", "Author": "Someone Else",
                         "Keywords": "dredging; estuaries, public finance"})
    book.paragraph(HARBOUR[0])
    book.save(tmp_path / "xmp.pdf")
    article = import_pdf(tmp_path / "xmp.pdf")
    assert article.title == "Silt and Money: The Eastmere Dredging Plan"
    assert article.authors == ["Maria Okafor", "Kofi Mensah"]
    assert article.published == "2023-11-05"
    assert article.doi == "10.5555/estuary.2023.0047"
    assert article.language == "en-GB"
    assert article.keywords == ["dredging", "estuaries", "public finance"]


def test_the_info_dictionary_when_there_is_no_xmp(tmp_path):
    book = PdfBook(info={"Title": "Harbour Dues and the Island Ferries",
                         "Author": "Ines Pereira, Marcus Felloway", "Keywords": "ferries, dues"})
    book.paragraph(HARBOUR[3])
    book.save(tmp_path / "info.pdf")
    article = import_pdf(tmp_path / "info.pdf")
    assert (article.title, article.authors, article.keywords) == (
        "Harbour Dues and the Island Ferries", ["Ines Pereira", "Marcus Felloway"],
        ["ferries", "dues"])


def test_the_language_comes_from_the_catalog_when_xmp_does_not_say(tmp_path):
    book = PdfBook(lang="de-CH")
    book.paragraph("Der Hafenrat von Ostmeer beschloss im März, die Fahrrinne zu vertiefen.")
    book.save(tmp_path / "hafen.pdf")
    assert import_pdf(tmp_path / "hafen.pdf").language == "de-CH"


@pytest.mark.parametrize("junk", [
    {"Title": "Microsoft Word - draft3.docx", "Author": "jsmith"},
    {"Title": "untitled", "Author": "anonymous"},
    {"Title": "ms_2024_017", "Author": "Administrator"},
    {"Title": "title-page.pdf"},
    {"Title": "title-page", "Author": "user01"},  # the file's own name
    {},  # reportlab's own defaults: "untitled", "anonymous", "unspecified"
])
def test_senseless_metadata_gives_way_to_the_largest_text_on_page_one(tmp_path, junk):
    book = PdfBook(info=junk)
    book.top_block = [Item("heading", "Who Pays for a Deeper Channel?", 20, "Times-Bold"),
                      Item("heading", "Evidence from the Eastmere Harbour Board", 20, "Times-Bold"),
                      Item("heading", "Orla Brennan", 12, "Times-Roman")]
    book.paragraph(HARBOUR[0])
    book.save(tmp_path / "title-page.pdf")
    article = import_pdf(tmp_path / "title-page.pdf")
    assert article.title == "Who Pays for a Deeper Channel? Evidence from the Eastmere Harbour Board"
    assert article.authors == []


def test_a_doi_printed_on_page_one_is_kept_without_its_punctuation(tmp_path):
    book = PdfBook(header=lambda p: "Journal of Estuary Studies 12 (2024) 112-130. "
                                    "https://doi.org/10.5555/jes.2024.0112." if p == 1 else "")
    book.paragraph(HARBOUR[0] + " (See also doi:10.5555/other.2019.7 on the last campaign.)")
    book.save(tmp_path / "doi.pdf")
    assert import_pdf(tmp_path / "doi.pdf").doi == "10.5555/jes.2024.0112"


def test_a_paper_is_a_journal_article_when_its_journal_is_named_else_a_report(tmp_path):
    # A DOI alone does not name the journal, and the styles' journal forms need it.
    book = PdfBook(xmp=xmp_packet(title="Silt and Money", doi="10.5555/estuary.2023.0047",
                                  date="2023-11-05", journal="Journal of Estuary Studies"))
    book.paragraph(HARBOUR[0])
    book.save(tmp_path / "named.pdf")
    article = import_pdf(tmp_path / "named.pdf")
    assert (article.type, article.site) == ("journal", "Journal of Estuary Studies")
    book.xmp = xmp_packet(title="Silt and Money", doi="10.5555/estuary.2023.0047")
    book.save(tmp_path / "unnamed.pdf")
    article = import_pdf(tmp_path / "unnamed.pdf")
    assert (article.type, article.site, article.doi) == ("report", "", "10.5555/estuary.2023.0047")


def test_a_hostile_xmp_packet_is_ignored(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>')
    book = PdfBook(xmp=bomb, info={"Title": "Harbour Dues and the Island Ferries"})
    book.paragraph(HARBOUR[0])
    book.save(tmp_path / "bomb.pdf")
    assert import_pdf(tmp_path / "bomb.pdf").title == "Harbour Dues and the Island Ferries"


# -- bad input ---------------------------------------------------------------------------------


def _truncated(path: Path, share: float) -> Path:
    data = journal(path.with_name("whole.pdf")).read_bytes()
    path.write_bytes(data[:int(len(data) * share)])
    return path


def test_a_scan_without_text_is_refused_with_the_ocr_hint(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(SourceError, match=r"has no text layer \(a scan\?\); run OCR on it first, "
                                          r"e\.g\. `ocrmypdf in\.pdf out\.pdf`, and add the result"):
        import_pdf(path)


def test_a_scan_behind_a_typed_cover_is_refused_too(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", pages=3, cover="Harbour board minutes, 1987")
    with pytest.raises(SourceError, match=r"has no text layer on 3 of its 4 pages \(a scan\?\); "
                                          r"run OCR on it first, e\.g\. `ocrmypdf --skip-text"):
        import_pdf(path)


def test_a_page_of_pictures_among_pages_of_text_is_just_an_empty_page(tmp_path):
    scanned_pdf(tmp_path / "plate.pdf", pages=1)
    book = PdfBook()
    book.paragraph(HARBOUR[0]).new_page().paragraph(HARBOUR[1])
    book.save(tmp_path / "text.pdf")
    merged = pypdfium2.PdfDocument.new()
    merged.import_pages(pypdfium2.PdfDocument(tmp_path / "text.pdf"), [0])
    merged.import_pages(pypdfium2.PdfDocument(tmp_path / "plate.pdf"))
    merged.import_pages(pypdfium2.PdfDocument(tmp_path / "text.pdf"), [1])
    merged.save(tmp_path / "with-plate.pdf")
    pages = pages_of(import_pdf(tmp_path / "with-plate.pdf").body)
    assert [len(p["blocks"]) for p in pages] == [1, 0, 1]


def test_an_encrypted_pdf_needing_a_password_is_refused(tmp_path):
    book = PdfBook(encrypt=pdfencrypt.StandardEncryption("harbour", canPrint=0))
    book.paragraph(HARBOUR[0])
    book.save(tmp_path / "locked.pdf")
    with pytest.raises(SourceError, match="is encrypted and needs a password"):
        import_pdf(tmp_path / "locked.pdf")


def test_an_encrypted_pdf_without_a_user_password_reads(tmp_path):
    book = PdfBook(encrypt=pdfencrypt.StandardEncryption("", ownerPassword="board", canCopy=0))
    book.paragraph(HARBOUR[1])
    book.save(tmp_path / "owner-only.pdf")
    assert blocks(import_pdf(tmp_path / "owner-only.pdf").body) == [HARBOUR[1]]


@pytest.mark.parametrize("share", [0.05, 0.3, 0.6, 0.9, 0.97, 0.995, 0.9995])
def test_a_truncated_pdf_imports_what_it_can_or_is_refused_as_damaged(tmp_path, share):
    path = _truncated(tmp_path / "cut.pdf", share)
    try:
        article = import_pdf(path)
    except SourceError as error:
        assert str(error).startswith(f"{path} is damaged or cut short;")
        return
    assert "harbour" in " ".join(blocks(article.body))


@pytest.mark.parametrize("share", [0.05, 0.3, 0.5, 0.8, 0.97])
def test_a_pdf_damaged_inside_imports_what_it_can_or_is_refused_as_damaged(tmp_path, share):
    data = bytearray(journal(tmp_path / "whole.pdf").read_bytes())
    at = int(len(data) * share)
    data[at:at + 200] = bytes(200)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        article = import_pdf(path)
    except SourceError as error:
        assert str(error).startswith(f"{path} is damaged or cut short;")
        return
    assert all(page["blocks"] is not None for page in pages_of(article.body))
    assert article.title


def _three_pages(path: Path) -> Path:
    book = PdfBook()
    book.paragraph(HARBOUR[0]).new_page().paragraph(HARBOUR[1]).new_page().paragraph(HARBOUR[2])
    book.save(path)
    return path


def _damage_content_stream(path: Path, page: int) -> Path:
    """The PDF with a byte of page `page`'s compressed content changed (the only streams
    of a PDF of `_three_pages`, in page order)."""
    data = bytearray(path.read_bytes())
    content = [m.end() for m in re.finditer(rb"/Length \d+\s*>>\s*stream\r?\n", data)][page - 1]
    data[content + 40] = ord("!") if data[content + 40] != ord("!") else ord("#")
    damaged = path.with_name("damaged.pdf")
    damaged.write_bytes(bytes(data))
    return damaged


def test_a_page_lost_to_damage_is_named_in_a_warning(tmp_path):
    path = _damage_content_stream(_three_pages(tmp_path / "minutes.pdf"), 2)
    article = import_pdf(path)
    assert [len(p["blocks"]) for p in pages_of(article.body)] == [1, 0, 1]
    assert article.warnings == [
        "page 2 of 3 gave no text: the file may be damaged, and other pages may miss text "
        "too; download it again, or re-save it from a PDF viewer, and refresh the article "
        "from the new file"]


def test_a_blank_page_in_a_whole_file_gives_no_warning(tmp_path):
    book = PdfBook()
    book.paragraph(HARBOUR[0]).new_page().new_page().paragraph(HARBOUR[1])
    book.save(tmp_path / "gap.pdf")
    assert import_pdf(tmp_path / "gap.pdf").warnings == []
    assert import_pdf(journal(tmp_path / "whole.pdf")).warnings == []


def test_a_pdf_most_of_whose_pages_damage_cost_is_refused(tmp_path):
    path = _damage_content_stream(_three_pages(tmp_path / "minutes.pdf"), 1)
    path = _damage_content_stream(path, 3)
    with pytest.raises(SourceError, match=r"is damaged or cut short;"):
        import_pdf(path)


def test_a_byte_changed_every_so_often_never_loses_a_page_silently(tmp_path):
    # What a bad download or a failing disk does: the import is refused, or every page
    # without text is named.
    data = bytearray(journal(tmp_path / "whole.pdf", repeat=3).read_bytes())
    for at in range(997, len(data), 997):
        data[at] = ord("x")
    path = tmp_path / "noisy.pdf"
    path.write_bytes(bytes(data))
    try:
        article = import_pdf(path)
    except SourceError as error:
        assert "is damaged or cut short;" in str(error)
        return
    empty = [p["index"] for p in pages_of(article.body) if not p["blocks"]]
    if empty:
        assert len(article.warnings) == 1
        assert article.warnings[0].startswith(
            f"page{'s' if len(empty) > 1 else ''} {', '.join(map(str, empty))} of ")


def test_add_warns_of_a_damaged_page_and_keeps_the_rest(cli, tmp_path):
    path = _damage_content_stream(_three_pages(tmp_path / "minutes.pdf"), 2)
    added = cli("add", str(path))
    assert added.exit_code == 0
    article_id = added.stdout.split()[1]
    assert added.stderr == (f"glossator: warning: {article_id}: page 2 of 3 gave no text: the "
                            "file may be damaged, and other pages may miss text too; download "
                            "it again, or re-save it from a PDF viewer, and refresh the article "
                            "from the new file\n")
    assert readable(HARBOUR[2]) in cli("text", article_id).stdout


def test_a_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as file:  # sparse: nothing really written
        file.write(b"%PDF-1.7\n")
        file.truncate(201 * 1024 * 1024)
    with pytest.raises(SourceError, match="is 201 MB, over the 200 MB limit"):
        import_pdf(path)


@pytest.mark.parametrize("content,words", [
    (b"Minutes of the harbour board, typed as text and named .pdf by mistake.\n", "is not a PDF"),
    (b"<!DOCTYPE html><html><body>Please log in to read this article</body></html>",
     "is a web page saved as .pdf"),
    (b"", "is empty"),
])
def test_a_file_named_pdf_that_is_not_one_is_refused(tmp_path, content, words):
    path = tmp_path / "paper.pdf"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=re.escape(words)):
        import_pdf(path)


def test_blank_pages_are_refused_as_having_no_text(tmp_path):
    c = canvas.Canvas(str(tmp_path / "blank.pdf"), invariant=1)
    for _ in range(3):
        c.rect(100, 100, 200, 200)  # shapes, no text, no image
        c.showPage()
    c.save()
    with pytest.raises(SourceError, match="has no text to read"):
        import_pdf(tmp_path / "blank.pdf")


def test_a_pdf_of_fifty_thousand_pages_is_refused_at_once(tmp_path):
    path = tmp_path / "pages.pdf"
    _many_empty_pages(path, 50_000)
    with pytest.raises(SourceError, match="has 50,000 pages, over the 20,000-page limit"):
        import_pdf(path)


def test_many_empty_pages_around_a_little_text_import_quickly(tmp_path):
    import time

    path = tmp_path / "pages.pdf"
    _many_empty_pages(path, 5_000, text="The harbour board met on Tuesday.")
    began = time.perf_counter()
    article = import_pdf(path)
    assert time.perf_counter() - began < 10
    assert blocks(article.body) == ["The harbour board met on Tuesday."] * 1
    assert len(pages_of(article.body)) == 5_000


def _many_empty_pages(path: Path, count: int, text: str = "") -> None:
    """A page tree of `count` pages that all share one page object: tiny on disk, as a
    hostile file would be. `text` goes on a separate first page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = (b"4 0 R " if text else b"") + b"3 0 R " * (count - (1 if text else 0))
    objects.append(b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, kids))
    objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
    if text:
        stream = b"BT /F1 10 Tf 72 700 Td (%s) Tj ET" % text.encode()
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 6 0 R >> >> /Contents 5 0 R >>")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_absurd_page_sizes_still_read(tmp_path):
    path = tmp_path / "huge-page.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400), invariant=1)
    c.setFont("Times-Roman", 400)
    c.drawString(200, 12000, "Harbour board minutes")
    c.setFont("Times-Roman", 120)
    c.drawString(200, 9000, "The board met on a wet Tuesday.")
    c.showPage()
    c.setPageSize((3, 3))
    c.setFont("Times-Roman", 1)
    c.drawString(0.2, 1, "tiny")
    c.showPage()
    c.save()
    article = import_pdf(path)
    assert blocks(article.body) == ["Harbour board minutes", "The board met on a wet Tuesday.",
                                    "tiny"]


# -- through the command line -------------------------------------------------------------


@pytest.fixture
def one_article(library_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    add_sample(Library.open(library_dir), tmp_path / "src")
    return snapshot(library_dir)


def _locked(folder: Path) -> Path:
    book = PdfBook(encrypt=pdfencrypt.StandardEncryption("harbour"))
    book.paragraph(HARBOUR[0])
    book.save(folder / "locked.pdf")
    return folder / "locked.pdf"


def _over_the_cap(folder: Path) -> Path:
    with open(folder / "huge.pdf", "wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(201 * 1024 * 1024)
    return folder / "huge.pdf"


def _not_a_pdf(folder: Path) -> Path:
    (folder / "notes.pdf").write_text("Harbour board notes, plain text.\n", "utf-8")
    return folder / "notes.pdf"


def _cut_short(folder: Path) -> Path:
    return _truncated(folder / "cut.pdf", 0.3)


BAD_PDFS = {
    "a scan": (lambda folder: scanned_pdf(folder / "scan.pdf"), "has no text layer (a scan?)"),
    "an encrypted PDF": (_locked, "needs a password"),
    "a truncated PDF": (_cut_short, "is damaged or cut short"),
    "a PDF over the cap": (_over_the_cap, "over the 200 MB limit"),
    "a text file named .pdf": (_not_a_pdf, "is not a PDF"),
}


@pytest.mark.parametrize("case", BAD_PDFS)
def test_a_bad_pdf_is_refused_by_add_in_one_line_and_nothing_is_added(cli, one_article,
                                                                      library_dir, tmp_path, case):
    make, words = BAD_PDFS[case]
    folder = tmp_path / "pdfs"
    folder.mkdir()
    path = make(folder)
    assert_refused(cli("add", str(path)), library_dir, one_article, words, path.name)


def test_a_scan_is_refused_by_the_real_process(cli_process, one_article, library_dir, tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf")
    assert_refused(cli_process("add", str(path)), library_dir, one_article, "ocrmypdf")


def test_add_then_text_reads_the_prose(cli, tmp_path):
    path = journal(tmp_path / "channel.pdf", interleave=True)
    added = cli("add", str(path))
    assert added.exit_code == 0, added.stderr
    assert added.stdout.startswith("added ") and "Dredging the Eastmere channel" in added.stdout
    article_id = added.stdout.split()[1]
    text = cli("text", article_id).stdout
    assert "Journal of Estuary Studies" not in text
    for paragraph in HARBOUR:
        assert readable(paragraph) in text
    assert "\n\n1 Introduction\n\n" in text


def test_import_source_dispatches_pdf_files(tmp_path):
    assert import_source(str(journal(tmp_path / "channel.pdf"))).format == "pages"
