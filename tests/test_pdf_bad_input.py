"""PDFs that cannot be read, or only in part (issue 8, point 1): scans, encrypted files,
truncated and damaged files, files over the caps, files named .pdf that are not; each
refused in one clear line, or imported with a warning naming the pages lost.

Every PDF here is typeset by the test itself with reportlab (tests/helpers/pdfs.py), from
articles invented for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from annotations.errors import SourceError
from annotations.store import Library
from reader.importing.pdf import import_pdf
from tests.helpers.library import add_sample, snapshot
from tests.helpers.pdf_articles import HARBOUR, blocks, journal, pages_of
from tests.helpers.pdfs import PdfBook, scanned_pdf
from tests.test_bad_input import assert_refused

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


def _refusal(path: Path, pages: str, count: int) -> str:
    return (f"{path} is damaged or cut short; the text of {pages} of {count} cannot be read "
            "whole: download it again and add the new copy (or, if no sound copy can be had, "
            "print it to PDF from a viewer, which keeps what it shows, and add that)")


def test_a_page_lost_to_damage_is_named_and_the_file_refused(tmp_path):
    path = _damage_content_stream(_three_pages(tmp_path / "minutes.pdf"), 2)
    with pytest.raises(SourceError) as refused:
        import_pdf(path)
    assert str(refused.value) == _refusal(path, "page 2", 3)


def _overwrite_content_stream(path: Path, page: int) -> Path:
    """The PDF with ten bytes in the middle of page `page`'s compressed content overwritten,
    as a bad sector or a bad download does: PDFium still draws the page up to the damage."""
    data = path.read_bytes()
    start = [m.end() for m in re.finditer(rb">>\s*stream\r?\n", data)][page - 1]
    middle = (start + data.index(b"endstream", start)) // 2
    damaged = path.with_name("overwritten.pdf")
    damaged.write_bytes(data[:middle] + b"z" * 10 + data[middle + 10:])
    return damaged


def _text_of_first_page(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(path)
    try:
        return pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_a_page_that_kept_part_of_its_text_is_damage_too(tmp_path):
    # PDFium reads the page up to the damage and says nothing: a quote from the rest of
    # the page would be looked for in vain.
    whole = journal(tmp_path / "whole.pdf")
    path = _overwrite_content_stream(whole, 1)
    assert 0 < len(_text_of_first_page(path)) < len(_text_of_first_page(whole)) / 2
    with pytest.raises(SourceError) as refused:
        import_pdf(path)
    assert str(refused.value) == _refusal(path, "page 1", len(pypdfium2.PdfDocument(path)))


def test_a_page_whose_content_object_was_overwritten_is_named(tmp_path):
    # Zeros over the end of page 1's content and the start of page 2's: page 2's page
    # dictionary points at an object that is no longer in the file, and PDFium draws it
    # blank, as if it were an empty page.
    path = _three_pages(tmp_path / "minutes.pdf")
    data = bytearray(path.read_bytes())
    first = [m.end() for m in re.finditer(rb">>\s*stream\r?\n", data)][0]
    end = data.index(b"endstream", first)
    data[end:end + 200] = bytes(200)
    (tmp_path / "zeroed.pdf").write_bytes(bytes(data))
    with pytest.raises(SourceError) as refused:
        import_pdf(tmp_path / "zeroed.pdf")
    assert str(refused.value) == _refusal(tmp_path / "zeroed.pdf", "page 2", 3)


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


def test_add_refuses_a_damaged_file_in_one_line_and_adds_nothing(cli, one_article, library_dir,
                                                                   tmp_path):
    path = _overwrite_content_stream(_three_pages(tmp_path / "minutes.pdf"), 2)
    assert_refused(cli("add", str(path)), library_dir, one_article,
                   "is damaged or cut short; the text of page 2 of 3", "download it again")


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
