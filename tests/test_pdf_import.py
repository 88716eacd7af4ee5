"""Importing PDFs (issue 8, point 1): prose rebuilt from PDFium's lines in reading order,
headings, the characters that reach the text, footnotes, metadata. Paragraphs, hyphens,
running heads and files that cannot be read each have a file of their own
(test_pdf_paragraphs.py, test_pdf_hyphens.py, test_pdf_running_heads.py,
test_pdf_bad_input.py).

Every PDF here is typeset by the test itself with reportlab (tests/helpers/pdfs.py), from
articles invented for it.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from reportlab.pdfgen import canvas

from reader.importing import import_source
from reader.importing.pdf import import_pdf
from reader.importing.pdf.cleaning import clean_text
from tests.helpers.pdf_articles import (
    HARBOUR,
    blocks,
    journal,
    pages_of,
    paragraphs,
    pdfium_lines,
    readable,
)
from tests.helpers.pdfs import (
    PAGE,
    Item,
    PdfBook,
    draw_placed,
    justified_lines,
    register_vera,
    xmp_packet,
)

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


# -- ligatures, characters ------------------------------------------------------------------


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


# -- through the command line -------------------------------------------------------------


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
