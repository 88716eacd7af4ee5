"""EPUB books: spine order, chapters as level-1 headings, the OPF's metadata, and every
broken, crafted or DRM-locked book refused with one line. The books are built here
(tests/helpers/epubs.py) with zipfile; their text is invented."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from annotations.errors import SourceError
from annotations.store import Library
from reader.importing import import_source
from tests.helpers.epubs import (
    AES,
    FONT_OBFUSCATION,
    Book,
    Chapter,
    encryption_xml,
    novella,
    patch_entry_count,
    patch_member_header,
)
from tests.helpers.library import add_sample, snapshot
from tests.test_bad_input import assert_refused


def imported(book: Book, tmp_path: Path, name: str = "book.epub"):
    return import_source(str(book.write(tmp_path / name)))


def chapter_headings(markdown: str) -> list[str]:
    return re.findall(r"^# (.+)$", markdown, re.M)


def headings(markdown: str) -> list[str]:
    return re.findall(r"^#{1,6} .+$", markdown, re.M)


# -- reading a book ----------------------------------------------------------------------


def test_a_book_reads_in_spine_order_with_one_level_1_heading_per_chapter(tmp_path):
    book = novella()
    book.chapters = [book.chapters[2], book.chapters[0], book.chapters[1]]  # the spine's order
    article = imported(book, tmp_path)
    assert article.format == "chapters"
    assert chapter_headings(article.body) == ["The Thaw", "The Harbour at Vardø", "Winter Accounts"]
    assert "## The manifest" in article.body  # inner headings stay below the chapters
    assert "Cover" not in article.body  # linear="no": the cover is left out
    body = " ".join(article.body.split())
    assert "deck white with *frost*" in body and "price of **bread**" in body
    assert "- Herring: 40 barrels" in article.body
    assert "Ledgers of the period survive in the county archive." in body  # the footnote
    assert "the ledger anyway\\[1\\]" in body  # its reference, as text


def test_the_opf_gives_title_authors_date_language_and_publisher(tmp_path):
    book = novella()
    book.creators = [("Halvard Mikkelsen", "aut"), ("Ruth Anders", "aut"), ("Ole Brekke", "ill")]
    book.date = "2019-04-02T00:00:00Z"
    book.language = "nb"
    article = imported(book, tmp_path)
    assert (article.title, article.authors, article.published, article.language,
            article.publisher, article.type) == (
        "The Salt Road", ["Halvard Mikkelsen", "Ruth Anders"], "2019-04-02", "nb",
        "Northwind Press", "book")


@pytest.mark.parametrize("raw,expected", [
    ("1851", "1851"),
    ("1851-10", "1851-10"),
    ("2011-09-01T09:00:00+00:00", "2011-09-01"),
    ("0101-01-01T00:00:00+00:00", ""),  # calibre's "no date"
    ("autumn 1851", ""),
    ("2011-13-45", ""),
])
def test_dc_date_becomes_a_date_a_citation_can_use(tmp_path, raw, expected):
    book = novella()
    book.date = raw
    assert imported(book, tmp_path).published == expected


def test_epub2_dates_prefer_the_publication_event_and_roles_pick_the_authors(tmp_path):
    book = novella()
    book.version, book.date = 2, ""
    book.creators = [("Mette Lund", "edt"), ("Pål Sandvik", "")]
    book.extra_metadata = ('<dc:date opf:event="modification">2023-05-01</dc:date>'
                           '<dc:date opf:event="publication">1998</dc:date>'
                           '<dc:identifier opf:scheme="DOI">doi:10.5555/salt.road.1998</dc:identifier>')
    article = imported(book, tmp_path)
    assert article.published == "1998"
    assert article.authors == ["Pål Sandvik"]  # the editor is not an author
    assert article.editors == ["Mette Lund"]  # but the book's editor, kept as one
    assert article.doi == "10.5555/salt.road.1998"


def package_of(book: Book, tmp_path: Path):
    from reader.importing.epub.package import read_package

    path = book.write(tmp_path / "book.epub")
    with zipfile.ZipFile(path) as archive:
        return read_package(archive, path)


def test_an_epub2_editor_goes_to_the_editors(tmp_path):
    book = novella()
    book.version = 2
    book.creators = [("Pål Sandvik", "aut"), ("Mette Lund", "edt")]
    package = package_of(book, tmp_path)
    assert (package.authors, package.editors) == (["Pål Sandvik"], ["Mette Lund"])


def test_an_epub3_role_refinement_makes_an_editor(tmp_path):
    book = novella()
    book.creators = []
    book.extra_metadata = (
        '<dc:creator id="c1">Mette Lund</dc:creator>'
        '<meta refines="#c1" property="role" scheme="marc:relators">edt</meta>'
        '<dc:creator id="c2">Ivar Holm</dc:creator>'
        '<meta refines="#c2" property="role" scheme="marc:relators">edt</meta>'
        '<dc:contributor id="c3">Sigrid Aas</dc:contributor>'
        '<meta refines="#c3" property="role" scheme="marc:relators">edt</meta>'
        '<dc:contributor id="c4">Kari Berg</dc:contributor>'
        '<meta refines="#c4" property="role" scheme="marc:relators">cov</meta>')
    package = package_of(book, tmp_path)
    # An edited volume: cited by its editors, who are not its authors.
    assert (package.authors, package.editors) == ([], ["Mette Lund", "Ivar Holm", "Sigrid Aas"])


def test_an_organisation_as_creator_is_braced(tmp_path):
    book = novella()
    book.creators = [("Northern Fisheries Council", "")]
    assert imported(book, tmp_path).authors == ["{Northern Fisheries Council}"]


# -- naming chapters ---------------------------------------------------------------------


def test_a_chapter_without_a_heading_takes_its_title_then_its_toc_label(tmp_path):
    book = Book(chapters=[
        Chapter("a.xhtml", "<p>The first morning was grey.</p>", title="Arrival", label="One"),
        Chapter("b.xhtml", "<p>A letter came from the mainland.</p>", title="The Salt Road",
                label="The Letter"),
        Chapter("c.xhtml", "<p>Nobody answered it.</p>", title="c.xhtml", label="Silence"),
    ])
    assert chapter_headings(imported(book, tmp_path).body) == ["Arrival", "The Letter", "Silence"]


def test_with_no_names_at_all_chapters_are_numbered(tmp_path):
    book = Book(chapters=[
        Chapter("a.xhtml", "<p>The first morning was grey.</p>"),
        Chapter("b.xhtml", "<p>A letter came from the mainland.</p>"),
    ])
    assert chapter_headings(imported(book, tmp_path).body) == ["Chapter 1", "Chapter 2"]


def test_a_file_the_toc_leaves_out_continues_the_chapter_before_it(tmp_path):
    # calibre splits a long chapter into files; only the first is in the table of contents.
    book = Book(chapters=[
        Chapter("ch1.xhtml", "<h2>The Storm</h2><p>The wind rose at noon.</p>", label="The Storm"),
        Chapter("ch1_split_001.xhtml", "<p>By night the pier was gone.</p>", title="The Salt Road"),
        Chapter("ch2.xhtml", "<h2>After</h2><p>They counted the boats.</p>", label="After"),
    ])
    body = imported(book, tmp_path).body
    assert chapter_headings(body) == ["The Storm", "After"]
    assert body.index("By night the pier was gone") < body.index("# After")


def test_front_matter_outside_the_toc_is_headed_with_the_books_title(tmp_path):
    book = Book(chapters=[
        Chapter("title.xhtml", "<p>A novel in three winters</p>", title="The Salt Road"),
        Chapter("ch1.xhtml", "<p>The ferry came in at dawn.</p>", label="Dawn"),
    ])
    assert chapter_headings(imported(book, tmp_path).body) == ["The Salt Road", "Dawn"]


def test_every_heading_at_the_chapter_level_starts_a_chapter(tmp_path):
    # Project Gutenberg's files each hold several chapters, headed <h2>, after the
    # book's title as <h1> in the first file.
    book = Book(chapters=[
        Chapter("part0.xhtml", "<h1>The Salt Road</h1><p>by Halvard Mikkelsen</p>"
                "<h2>CHAPTER I. The Harbour</h2><p>The ferry came in.</p><h3>A note</h3><p>Cold.</p>"
                "<h2>CHAPTER II. The Ledger</h2><p>The clerk wrote.</p>"),
        Chapter("part1.xhtml", "<h2>CHAPTER III. The Thaw</h2><p>The ice broke.</p>"),
    ])
    body = imported(book, tmp_path).body
    assert chapter_headings(body) == ["The Salt Road", "CHAPTER I. The Harbour",
                                      "CHAPTER II. The Ledger", "CHAPTER III. The Thaw"]
    assert "## A note" in body


def test_inner_headings_move_below_the_chapter_heading(tmp_path):
    book = Book(chapters=[
        Chapter("a.xhtml", "<h1>Part One</h1><h2>Arrival</h2><p>Grey.</p><h3>Detail</h3><p>Wet.</p>"),
        Chapter("b.xhtml", "<p>" + "A long opening without a heading. " * 10 + "</p>"
                "<h1>Late heading</h1><p>More text.</p>", title="Interlude"),
    ])
    assert headings(imported(book, tmp_path).body) == [
        "# Part One", "## Arrival", "### Detail", "# Interlude", "## Late heading"]


def test_a_chapter_number_and_title_in_two_headings_are_one_chapter(tmp_path):
    book = Book(chapters=[Chapter("a.xhtml", "<h1>Chapter 1</h1><h1>The Storm</h1><p>Wind.</p>")])
    assert chapter_headings(imported(book, tmp_path).body) == ["Chapter 1: The Storm"]


def test_an_image_only_page_in_the_spine_is_left_out(tmp_path):
    book = novella()
    book.chapters.insert(1, Chapter("plate.xhtml", '<div><img src="plate.png" alt="Map"/></div>',
                                    label="Map"))
    assert chapter_headings(imported(book, tmp_path).body) == [
        "The Harbour at Vardø", "Winter Accounts", "The Thaw"]


def test_epub2_labels_come_from_the_ncx(tmp_path):
    book = Book(version=2, chapters=[
        Chapter("a.xhtml", "<p>The first morning was grey.</p>", label="Grey Morning"),
        Chapter("b.xhtml", "<p>A letter came.</p>", label="The Letter"),
    ])
    assert chapter_headings(imported(book, tmp_path).body) == ["Grey Morning", "The Letter"]


def test_a_chapter_in_windows_1252_is_read_by_its_declaration(tmp_path):
    book = Book(chapters=[Chapter("a.xhtml", "<h1>Café – naïve</h1><p>Zoë paid 5 € for crème brûlée.</p>",
                                  encoding="windows-1252")])
    body = imported(book, tmp_path).body
    assert "# Café – naïve" in body and "Zoë paid 5 € for crème brûlée." in body


def test_files_in_the_archive_root_and_escaped_hrefs_are_found(tmp_path):
    book = Book(folder="", chapters=[Chapter("chapter%20one.xhtml", "<h1>One</h1><p>Text.</p>")])
    book.files = {"chapter one.xhtml": book.members()["chapter%20one.xhtml"]}
    book.omit = {"chapter%20one.xhtml"}
    assert chapter_headings(imported(book, tmp_path).body) == ["One"]


def test_markup_in_the_text_is_escaped_and_scripts_dropped(tmp_path):
    book = Book(chapters=[Chapter("a.xhtml", "<h1>Notes</h1><script>alert('x')</script>"
                                  "<p>Use &lt;b&gt; for *bold* and 1. is not a list.</p>")])
    body = imported(book, tmp_path).body
    assert "alert" not in body
    assert r"Use \<b\> for \*bold\* and 1\. is not a list." in " ".join(body.split())


def test_font_obfuscation_alone_is_not_drm(tmp_path):
    book = novella()
    book.files = {"META-INF/encryption.xml": encryption_xml((FONT_OBFUSCATION, "OEBPS/fonts/serif.otf"))}
    assert chapter_headings(imported(book, tmp_path).body)[0] == "The Harbour at Vardø"


# -- bad books, through the command line ---------------------------------------------------


@pytest.fixture
def before(library_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    add_sample(Library.open(library_dir), tmp_path / "src")
    return snapshot(library_dir)


def _not_a_zip(path: Path) -> None:
    path.write_text("This is a plain text file with an .epub name.\n", "utf-8")


def _no_container(path: Path) -> None:
    book = novella()
    book.omit = {"META-INF/container.xml"}
    book.write(path)


def _missing_opf(path: Path) -> None:
    book = novella()
    book.omit = {"OEBPS/content.opf"}
    book.write(path)


def _broken_opf(path: Path) -> None:
    book = novella()
    book.opf = '<?xml version="1.0"?><package><metadata><dc:title>Unclosed'
    book.write(path)


def _entity_bomb(path: Path) -> None:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    book = novella()
    book.opf = (f'<?xml version="1.0"?><!DOCTYPE package [<!ENTITY lol0 "lol">{lol}]>'
                '<package xmlns="http://www.idpf.org/2007/opf"><metadata>&lol9;</metadata></package>')
    book.write(path)


def _external_entity(path: Path) -> None:
    book = novella()
    book.opf = ('<?xml version="1.0"?><!DOCTYPE package [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                '<package xmlns="http://www.idpf.org/2007/opf"><metadata>&secret;</metadata></package>')
    book.write(path)


def _empty_spine(path: Path) -> None:
    book = Book(chapters=[], cover=True)
    book.write(path)


def _escaping_href(path: Path) -> None:
    book = novella()
    book.opf = book.package().replace('href="chapter1.xhtml"', 'href="../../../etc/passwd"')
    book.write(path)


def _missing_chapter(path: Path) -> None:
    book = novella()
    book.omit = {"OEBPS/chapter2.xhtml"}
    book.write(path)


def _drm(path: Path) -> None:
    book = novella()
    book.files = {"META-INF/encryption.xml": encryption_xml(
        (FONT_OBFUSCATION, "OEBPS/fonts/serif.otf"), (AES, "OEBPS/chapter1.xhtml"))}
    book.write(path)


def _zip_bomb(path: Path) -> None:
    novella().write(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OEBPS/padding.xhtml", b"\0" * (30 * 1024 * 1024))


def _huge_declared_ratio(path: Path) -> None:
    novella().write(path)
    patch_member_header(path, "OEBPS/cover.png", size=0xFFFFFFF0)  # 4 GB from 72 bytes


def _huge_declared_total(path: Path) -> None:
    novella().write(path)
    # Packed and unpacked alike 1.5 GB each: a plausible ratio, an impossible whole.
    for name in ("OEBPS/cover.png", "OEBPS/style.css"):
        patch_member_header(path, name, size=0x60000000, packed=0x60000000)


def _over_the_size_cap(path: Path) -> None:
    with open(path, "wb") as file:  # sparse: nothing really written
        file.truncate(200 * 1024 * 1024 + 1)


def _absurd_entry_count(path: Path) -> None:
    novella().write(path)
    patch_entry_count(path, 60000)


def _lying_size(path: Path) -> None:
    novella().write(path)
    patch_member_header(path, "OEBPS/chapter1.xhtml", size=40)  # really far more


def _password_zip(path: Path) -> None:
    novella().write(path)
    patch_member_header(path, "OEBPS/chapter1.xhtml", flags=1)


def _binary_chapter(path: Path) -> None:
    book = novella()
    book.files = {"OEBPS/chapter2.xhtml": bytes(range(256)) * 40}
    book.write(path)


BAD_BOOKS = {
    "not a zip": (_not_a_zip, "not a zip archive"),
    "no container.xml": (_no_container, "no META-INF/container.xml"),
    "the OPF missing": (_missing_opf, "which is missing"),
    "broken XML": (_broken_opf, "not well-formed XML"),
    "an entity bomb": (_entity_bomb, "declares XML entities"),
    "an external entity": (_external_entity, "declares XML entities"),
    "an empty spine": (_empty_spine, "empty spine"),
    "a href outside the archive": (_escaping_href, "outside the book's own files"),
    "a chapter missing": (_missing_chapter, "lacks OEBPS/chapter2.xhtml"),
    "DRM": (_drm, "DRM"),
    "a zip bomb": (_zip_bomb, "zip bomb"),
    "a huge declared ratio": (_huge_declared_ratio, "times larger than it is stored"),
    "a huge declared total": (_huge_declared_total, "would unpack to 3.0 GB"),
    "a file over the size cap": (_over_the_size_cap, "over the 200 MB limit"),
    "an absurd entry count": (_absurd_entry_count, "60,000 files"),
    "a size that lies": (_lying_size, "damaged"),
    "a password-protected zip": (_password_zip, "password"),
    "a binary chapter": (_binary_chapter, "not readable text"),
}


@pytest.mark.parametrize("case", BAD_BOOKS)
def test_a_bad_epub_is_refused_with_one_line(cli, before, library_dir, tmp_path, case):
    make, words = BAD_BOOKS[case]
    path = tmp_path / "book.epub"
    make(path)
    assert_refused(cli("add", str(path)), library_dir, before, words, str(path))


def test_an_entity_is_never_expanded_even_by_the_importer_itself(tmp_path):
    path = tmp_path / "book.epub"
    _external_entity(path)
    with pytest.raises(SourceError) as raised:
        import_source(str(path))
    assert "root:" not in str(raised.value)  # /etc/passwd was not read into the message


def test_add_a_book_mark_a_passage_and_cite_it_by_chapter_and_paragraph(cli, tmp_path):
    book = Book(title="Moorland Letters", creators=[("Edith Varley", "aut")], date="1851",
                chapters=[Chapter("a.xhtml", "<p>The house stood alone on the moor.</p>"),
                          Chapter("b.xhtml", "<p>Snow closed the road.</p><p>The post came "
                                  "only on Fridays, carried up from the valley on foot.</p>")])
    added = cli("add", str(book.write(tmp_path / "letters.epub")))
    assert added.exit_code == 0 and added.stdout.startswith("added ")
    article = added.stdout.split()[1]
    assert "Chapter 2\n\nSnow closed the road." in cli("text", article).stdout
    mark = cli("annotate", article, "--kind", "claim", "--quote", "only on Fridays").stdout.strip()
    cited = cli("cite", article, "--annotation", mark, "--style", "apa").stdout
    assert "(Varley, 1851, Chapter 2, para. 2)" in cited
