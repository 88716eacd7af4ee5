"""`glossator meta`: show and change an article's metadata, all at once or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.model import Article
from annotations.names import parse_name

BODY = "---\ntitle: Harbour dredging plan\nauthors: [Maria Okafor]\npublished: 2024-03-14\n---\nWords.\n"


@pytest.fixture
def article_id(cli, tmp_path: Path) -> str:
    source = tmp_path / "harbour.md"
    source.write_text(BODY, encoding="utf-8")
    assert cli("add", str(source)).exit_code == 0
    return json.loads(cli("list", "--json").stdout)[0]["id"]


def meta_json(cli, article_id: str, *sets: str) -> dict:
    args = [a for s in sets for a in ("--set", s)]
    done = cli("meta", article_id, *args, "--json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def test_json_shows_every_field(cli, article_id):
    record = meta_json(cli, article_id)
    assert record == {
        "id": article_id, "title": "Harbour dredging plan", "authors": ["Maria Okafor"],
        "site": "", "published": "2024-03-14", "url": "", "accessed": "", "language": "",
        "tags": [], "citekey": "okafor2024harbour", "type": "news",
        "keywords": [], "doi": "", "volume": "", "issue": "", "pages": "", "publisher": "",
        "place": "", "edition": "", "number": "", "editors": [], "page_offset": None,
        "added": record["added"], "source": record["source"],
    }


def test_several_authors_personal_and_corporate(cli, article_id):
    record = meta_json(cli, article_id,
                       "authors=Okafor, Maria; Daniel Brooks; {Northport City Council}")
    assert record["authors"] == ["Okafor, Maria", "Daniel Brooks", "{Northport City Council}"]
    shown = cli("meta", article_id).stdout
    assert "authors:    Okafor, Maria; Daniel Brooks; {Northport City Council}\n" in shown
    cite = cli("cite", article_id, "--style", "chicago").stdout
    assert cite.startswith("Okafor, Maria, Daniel Brooks, and Northport City Council. 2024.")


@pytest.mark.parametrize("date", ["2024", "2024-06", "2024-06-30"])
def test_partial_dates_are_kept_as_written(cli, article_id, date):
    assert meta_json(cli, article_id, f"published={date}", f"accessed={date}")["published"] == date


def test_every_field_can_be_set_and_cleared(cli, article_id):
    record = meta_json(cli, article_id, "title=  Ferry   fares rise ", "site=Northport Herald",
                       "url=https://northportherald.example/fares", "accessed=2024-05-01",
                       "language=en-GB", "tags=ferries; prices", "type=newspaper")
    assert (record["title"], record["site"], record["url"], record["accessed"], record["language"],
            record["tags"], record["type"]) == (
        "Ferry fares rise", "Northport Herald", "https://northportherald.example/fares",
        "2024-05-01", "en-GB", ["ferries", "prices"], "newspaper")
    cleared = meta_json(cli, article_id, "site=", "published=", "tags=", "type=")
    assert (cleared["site"], cleared["published"], cleared["tags"], cleared["type"]) == ("", "", [], "news")


def test_aliases_name_the_same_fields(cli, article_id):
    record = meta_json(cli, article_id, "author=Daniel Brooks", "date=2023", "publication=Herald",
                       "lang=de", "kind=webpage")
    assert (record["authors"], record["published"], record["site"], record["language"],
            record["type"]) == (["Daniel Brooks"], "2023", "Herald", "de", "webpage")


def test_the_type_is_stored_with_the_article(cli, article_id, library_dir):
    from annotations.store import Library

    meta_json(cli, article_id, "type=newspaper")
    from annotations.metadata import article_type

    assert article_type(Library.open(library_dir).article(article_id)) == "newspaper"


@pytest.mark.parametrize(("assignment", "message"), [
    ("published=2024-13", "published '2024-13' is not a real date"),
    ("published=14 March 2024", "published '14 March 2024' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("accessed=2024-02-30", "accessed '2024-02-30' is not a real date"),
    ("title=", "the title cannot be empty"),
    ("colour=red", "'colour' is not a metadata field; use one of: title, authors"),
    ("title", "'title' is not KEY=VALUE; e.g. --set title='New title'"),
    ("type=blog", "type 'blog' is not one of: news, newspaper, webpage, journal, report, book, "
                  "chapter"),
    ("doi=10.5555", "doi '10.5555' is not a DOI; write it as 10.1234/abcd"),
    ("doi=https://example.org/paper", "doi 'https://example.org/paper' is not a DOI"),
    ("pages=112 to 130", "pages '112 to 130' is not a page range; write e.g. 112-130"),
    ("page-offset=ten", "page-offset 'ten' is not a whole number; write e.g. 10"),
    ("page-offset=1.5", "page-offset '1.5' is not a whole number"),
    ("language=English", "language 'English' is not a language tag; write e.g. en, en-GB, de"),
    ("url=coastaldaily.example", "url 'coastaldaily.example' is not a web address"),
    ("citekey=2024 okafor", "citekey '2024 okafor' must start with a letter"),
])
def test_a_wrong_value_is_one_line_exit_1_and_changes_nothing(cli, article_id, assignment, message):
    before = meta_json(cli, article_id)
    done = cli("meta", article_id, "--set", "site=Changed", "--set", assignment)
    assert done.exit_code == 1
    assert done.stdout == ""
    assert done.stderr.startswith(f"glossator: error: {message}")
    assert done.stderr.count("\n") == 1
    assert meta_json(cli, article_id) == before


def test_an_unknown_article_is_one_line(cli, article_id):
    done = cli("meta", "no-such-article")
    assert done.exit_code == 1 and done.stderr.count("\n") == 1


def test_a_record_without_a_type_reads_as_news():
    from annotations.metadata import article_type

    assert article_type(Article(id="a", title="t")) == "news"
    assert article_type(Article(id="a", title="t", extra={"type": "nonsense"})) == "news"


# Scholarly works ----------------------------------------------------------------------

def test_a_journal_article_gets_volume_issue_pages_and_doi(cli, article_id):
    record = meta_json(cli, article_id, "type=journal", "journal=Journal of Coastal Planning",
                       "volume=14", "issue=2", "pages=112-130",
                       "doi=https://doi.org/10.5555/JCP.2021.0142", "keywords=silt; harbours")
    assert (record["type"], record["site"], record["volume"], record["issue"], record["pages"],
            record["doi"], record["keywords"]) == (
        "journal", "Journal of Coastal Planning", "14", "2", "112–130", "10.5555/JCP.2021.0142",
        ["silt", "harbours"])
    cite = cli("cite", article_id, "--style", "apa").stdout
    assert cite == ("Okafor, M. (2024). Harbour dredging plan. *Journal of Coastal Planning*, "
                    "*14*(2), 112–130. https://doi.org/10.5555/JCP.2021.0142\n")


@pytest.mark.parametrize("written", ["10.5555/x.1", "doi:10.5555/x.1", "DOI: 10.5555/x.1",
                                     "https://doi.org/10.5555/x.1", "http://dx.doi.org/10.5555/x.1"])
def test_a_doi_is_stored_bare_however_it_is_written(cli, article_id, written):
    assert meta_json(cli, article_id, f"doi={written}")["doi"] == "10.5555/x.1"


def test_a_report_a_book_and_a_chapter_get_their_fields(cli, article_id):
    report = meta_json(cli, article_id, "type=report", "institution=Northport Harbour Commission",
                       "number=22-07", "place=Northport")
    assert (report["publisher"], report["number"], report["place"]) == (
        "Northport Harbour Commission", "22-07", "Northport")
    book = meta_json(cli, article_id, "type=book", "publisher=Harbourside Press",
                     "edition=2nd ed.", "editors=Lucia Ferraro; Tom Whitby")
    assert (book["type"], book["edition"], book["editors"]) == (
        "book", "2", ["Lucia Ferraro", "Tom Whitby"])
    chapter = meta_json(cli, article_id, "type=chapter", "book-title=Coastal communities in change",
                        "pages=45–67")
    assert (chapter["type"], chapter["site"], chapter["pages"]) == (
        "chapter", "Coastal communities in change", "45–67")


def test_type_accepts_the_csl_and_bibtex_names(cli, article_id):
    assert meta_json(cli, article_id, "type=article-journal")["type"] == "journal"
    assert meta_json(cli, article_id, "type=incollection")["type"] == "chapter"


@pytest.fixture
def pdf_id(cli, tmp_path: Path) -> str:
    from tests.helpers.pdfs import PdfBook

    book = PdfBook()
    book.paragraph("The harbour board met on Tuesday.").new_page().paragraph("It met again.")
    book.save(tmp_path / "minutes.pdf")
    added = cli("add", str(tmp_path / "minutes.pdf"))
    assert added.exit_code == 0, added.stderr
    return added.stdout.split()[1]


def test_page_offset_takes_a_whole_number_and_empty_clears_it(cli, pdf_id):
    assert meta_json(cli, pdf_id, "page-offset=10")["page_offset"] == 10
    assert meta_json(cli, pdf_id, "page_offset=0")["page_offset"] == 0
    assert meta_json(cli, pdf_id, "page-offset=")["page_offset"] is None


def test_pages_before_printed_page_1_are_cited_in_roman_numerals(cli, pdf_id):
    """Offset -1: the PDF's first page is a cover before printed page 1. It is front
    matter ("p. i"), never "p. 0"; the next page is printed page 1."""
    assert meta_json(cli, pdf_id, "page-offset=-1")["page_offset"] == -1
    cover = cli("annotate", pdf_id, "--kind", "claim", "--quote", "The harbour board met")
    inside = cli("annotate", pdf_id, "--kind", "claim", "--quote", "It met again")
    assert cover.exit_code == inside.exit_code == 0
    pages = {m["quote"]: m["page"] for m in json.loads(cli("annotations", pdf_id, "--json").stdout)}
    assert pages == {"The harbour board met": "i", "It met again": "1"}


def test_an_article_without_pages_takes_no_page_offset(cli, article_id):
    before = meta_json(cli, article_id)
    done = cli("meta", article_id, "--set", "page-offset=10")
    assert (done.exit_code, done.stdout) == (1, "")
    assert done.stderr == (f"glossator: error: page-offset numbers a PDF's pages, and {article_id} "
                           "has none; its marks are cited by paragraph\n")
    assert meta_json(cli, article_id) == before
    assert meta_json(cli, article_id, "page-offset=")["page_offset"] is None


def test_the_plain_listing_shows_the_fields_of_the_type(cli, article_id):
    news = cli("meta", article_id).stdout
    assert "volume:" not in news and "doi:" not in news
    cli("meta", article_id, "--set", "type=journal", "--set", "volume=14")
    journal = cli("meta", article_id).stdout
    assert "volume:     14\n" in journal and "issue:" in journal and "doi:" in journal
    assert "publisher:" not in journal


# --from: the reference the researcher already has ------------------------------------

BIBLATEX = r"""% Exported by Better BibTeX
@article{okonjo2021tidal,
  title = {Tidal Silt and {Harbour} Economics: A Regional Study},
  author = {Okonjo, Amara and Solberg, Henrik and M{\"u}ller, J{\"o}rg and {Northport Harbour Commission}},
  date = {2021-03},
  journaltitle = {Journal of Coastal Planning},
  volume = {14},
  number = {2},
  pages = {112--130},
  doi = {10.5555/jcp.2021.0142},
  url = {https://jcp.example/articles/0142},
  urldate = {2024-01-05},
  langid = {british},
  keywords = {silt, harbours; economics}
}
"""
BIBTEX_CHAPTER = r"""@incollection{mensah2020,
  author = {Kwame Mensah},
  title = {Fishing Rights and the New Breakwater},
  booktitle = {Coastal Communities in Change},
  editor = {Ferraro, Lucia and Whitby, Tom},
  publisher = {Tideline Academic},
  address = {Cardiff},
  year = 2020,
  month = mar,
  pages = {45--67},
  edition = {2}
}
"""
CSL_REPORT = {
    "id": "http://zotero.org/users/1/items/ABCD", "type": "report",
    "title": "Sediment monitoring in the Northport estuary, 2019–2021",
    "author": [{"family": "Carvalho", "given": "Inês"}, {"literal": "Northport Harbour Commission"},
               {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}],
    "issued": {"date-parts": [[2022, 6, 1]]}, "publisher": "Northport Harbour Commission",
    "publisher-place": "Northport", "number": "22-07", "URL": "https://nhc.example/reports/22-07",
    "DOI": "https://doi.org/10.5555/nhc.22-07", "language": "en-GB", "keyword": "sediment, estuary",
}


def meta_from(cli, article_id: str, path: str, *sets: str) -> dict:
    args = [a for s in sets for a in ("--set", s)]
    done = cli("meta", article_id, "--from", path, *args, "--json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_from_a_biblatex_entry(cli, article_id, tmp_path):
    record = meta_from(cli, article_id, write(tmp_path, "ref.bib", BIBLATEX))
    assert {k: record[k] for k in ("type", "title", "authors", "site", "published", "volume",
                                   "issue", "pages", "doi", "url", "accessed", "language",
                                   "keywords", "citekey")} == {
        "type": "journal", "title": "Tidal Silt and Harbour Economics: A Regional Study",
        "authors": ["Okonjo, Amara", "Solberg, Henrik", "Müller, Jörg",
                    "{Northport Harbour Commission}"],
        "site": "Journal of Coastal Planning", "published": "2021-03", "volume": "14",
        "issue": "2", "pages": "112–130", "doi": "10.5555/jcp.2021.0142",
        "url": "https://jcp.example/articles/0142", "accessed": "2024-01-05", "language": "en-GB",
        "keywords": ["silt", "harbours", "economics"], "citekey": "okonjo2021tidal",
    }
    cite = cli("cite", article_id, "--style", "chicago").stdout
    assert cite.startswith("Okonjo, Amara, Henrik Solberg, Jörg Müller, and Northport Harbour "
                           "Commission. 2021.")


def test_from_a_classic_bibtex_chapter_with_set_after_it(cli, article_id, tmp_path):
    path = write(tmp_path, "chapter.bib", BIBTEX_CHAPTER)
    record = meta_from(cli, article_id, path, "place=Swansea")
    assert {k: record[k] for k in ("type", "authors", "editors", "site", "published", "pages",
                                   "publisher", "place", "edition", "citekey")} == {
        "type": "chapter", "authors": ["Kwame Mensah"], "editors": ["Ferraro, Lucia", "Whitby, Tom"],
        "site": "Coastal Communities in Change", "published": "2020-03", "pages": "45–67",
        "publisher": "Tideline Academic", "place": "Swansea", "edition": "2",
        "citekey": "mensah2020",
    }
    # What the entry lacks keeps its value.
    assert record["title"] == "Fishing Rights and the New Breakwater"


def test_from_a_csl_json_item_or_a_list_of_one(cli, article_id, tmp_path):
    for text in (json.dumps(CSL_REPORT), json.dumps([CSL_REPORT])):
        record = meta_from(cli, article_id, write(tmp_path, "ref.json", text))
        assert {k: record[k] for k in ("type", "authors", "published", "publisher", "place",
                                       "number", "doi", "language", "keywords")} == {
            "type": "report",
            "authors": ["Carvalho, Inês", "{Northport Harbour Commission}", "van Beethoven, Ludwig"],
            "published": "2022-06-01", "publisher": "Northport Harbour Commission",
            "place": "Northport", "number": "22-07", "doi": "10.5555/nhc.22-07",
            "language": "en-GB", "keywords": ["sediment", "estuary"],
        }
        # Zotero's item URI is no citekey: the article keeps its own.
        assert record["citekey"] == "okafor2024harbour"


def test_from_keeps_the_articles_own_citekey_when_the_entrys_is_taken(cli, article_id, tmp_path):
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: Other\n---\nOther words.\n", encoding="utf-8")
    assert cli("add", str(other)).exit_code == 0
    other_id = next(a["id"] for a in json.loads(cli("list", "--json").stdout) if a["id"] != article_id)
    cli("meta", other_id, "--set", "citekey=okonjo2021tidal")
    record = meta_from(cli, article_id, write(tmp_path, "ref.bib", BIBLATEX))
    assert record["citekey"] == "okafor2024harbour" and record["volume"] == "14"


@pytest.mark.parametrize(("name", "text", "message"), [
    ("two.bib", BIBLATEX + BIBTEX_CHAPTER, "holds 2 entries; export only this article's reference"),
    ("none.bib", "% nothing here\n@comment{just a comment}\n", "holds no BibTeX entry"),
    ("broken.bib", "@article{k,\n  title = {Unclosed,\n  year = 2020\n", "has broken BibTeX"),
    ("notes.txt", "Okonjo and Solberg, Journal of Coastal Planning, 2021",
     "is neither BibTeX nor CSL-JSON"),
    ("bad.json", '{"type": "book", "title": ', "is not valid JSON"),
    ("many.json", json.dumps([CSL_REPORT, CSL_REPORT]), "holds 2 items"),
    ("empty.json", "[]", "holds no CSL-JSON item"),
    ("other.json", '{"name": "not a reference"}', "is JSON but not a CSL-JSON item"),
    ("baddoi.json", json.dumps({**CSL_REPORT, "DOI": "nonsense"}), "doi 'nonsense' is not a DOI"),
    ("untitled.json", json.dumps({"type": "book"}), "the entry has no title"),
    ("empty.bib", "", "is empty"),
    ("cut.bib", "@article{a, title={Unclosed \n", "has broken BibTeX near line 1"),
    ("numbers.json", '[{"title": 5, "author": "bob"}]', "the item's title is 5, not text"),
    ("bob.json", '{"type": "book", "title": "Tides", "author": "bob"}',
     "the item's author is \"bob\", not a list of names"),
    ("date.json", '{"type": "book", "title": "Tides", "issued": "2024"}',
     "the item's issued is \"2024\", not a date"),
    ("volume.json", '{"type": "article-journal", "title": "Tides", "volume": [14]}',
     "the item's volume is [14], not text or a number"),
])
def test_a_file_that_is_not_one_good_entry_is_one_line_and_changes_nothing(
        cli, article_id, tmp_path, name, text, message):
    before = meta_json(cli, article_id)
    path = write(tmp_path, name, text)
    done = cli("meta", article_id, "--from", path, "--set", "site=Changed")
    assert done.exit_code == 1
    assert done.stdout == ""
    assert done.stderr.startswith(f"glossator: error: {path}")
    assert message in done.stderr
    assert done.stderr.count("\n") == 1
    assert meta_json(cli, article_id) == before


def test_from_a_journal_entry_on_a_book_clears_what_only_a_book_has(cli, article_id, tmp_path):
    meta_json(cli, article_id, "type=book", "publisher=Harbourside Press", "place=Bristol",
              "edition=2", "editors=Lucia Ferraro", "doi=10.5555/book.1")
    record = meta_from(cli, article_id, write(tmp_path, "ref.bib", BIBLATEX))
    assert (record["type"], record["volume"], record["publisher"], record["place"],
            record["edition"], record["editors"]) == ("journal", "14", "", "", "", [])
    assert record["doi"] == "10.5555/jcp.2021.0142"
    assert "Bristol" not in cli("export", article_id, "--format", "bibtex").stdout


def test_what_the_entry_gives_stays_even_off_its_type(cli, article_id, tmp_path):
    meta_json(cli, article_id, "type=book", "place=Bristol")
    entry = BIBLATEX.replace("  pages =", "  publisher = {Tideline},\n  pages =")
    record = meta_from(cli, article_id, write(tmp_path, "ref.bib", entry))
    assert (record["publisher"], record["place"]) == ("Tideline", "")


def test_a_csl_item_without_a_type_leaves_the_articles_type(cli, article_id, tmp_path):
    meta_json(cli, article_id, "type=report", "number=22-07")
    record = meta_from(cli, article_id, write(tmp_path, "ref.json", '{"title": "Sediment"}'))
    # The type stays; the number was the old reference's, and the entry has none.
    assert (record["type"], record["title"], record["number"]) == ("report", "Sediment", "")


CSL_CHAPTER = {
    "id": "lindqvist2019", "type": "chapter", "title": "Silt and the harbour town",
    "container-title": "Handbook of estuaries", "author": [{"family": "Lindqvist", "given": "Signe"}],
    "editor": [{"family": "Ferraro", "given": "Lucia"}, {"family": "Whitby", "given": "Tom"}],
    "publisher": "Tideline Academic", "publisher-place": "Cardiff", "page": "45-67",
    "edition": "2", "DOI": "10.5555/hoe.2019.3", "issued": {"date-parts": [[2019]]},
}
CSL_AGENCY_REPORT = {
    "id": "nhc2021", "type": "report", "title": "Water quality in the harbour towns",
    "author": [{"literal": "Northport Harbour Commission"}],
    "publisher": "Northport Harbour Commission", "number": "NHC-2021-07",
    "issued": {"date-parts": [[2021, 5, 3]]}, "URL": "https://nhc.example/reports/2021-07.pdf",
}
BIBTEX_BOOK = """@book{marsh2010,
  author = {Marsh, Edwin},
  title = {Ports of call},
  publisher = {Harbourside Press},
  address = {Bristol},
  edition = {3rd},
  year = 2010
}
"""


def test_from_replaces_the_reference_wholesale(cli, article_id, tmp_path):
    # A chapter, then a report that has no place, then a book that has no URL: nothing of
    # one entry may linger in the next one's citations.
    cli("meta", article_id, "--set", "tags=estuaries", "--set", "language=en-GB",
        "--set", "site=Coastal Daily News", "--set", "url=https://cdn.example/silt")
    meta_from(cli, article_id, write(tmp_path, "chapter.json", json.dumps(CSL_CHAPTER)))
    report = meta_from(cli, article_id, write(tmp_path, "report.json",
                                              json.dumps(CSL_AGENCY_REPORT)))
    assert (report["place"], report["site"], report["editors"], report["pages"],
            report["edition"], report["doi"]) == ("", "", [], "", "", "")
    chicago = cli("cite", article_id, "--style", "chicago").stdout
    assert "Cardiff" not in chicago and "NHC-2021-07" in chicago

    book = meta_from(cli, article_id, write(tmp_path, "book.bib", BIBTEX_BOOK))
    assert {k: book[k] for k in ("type", "title", "authors", "publisher", "place", "edition",
                                 "url", "site", "number")} == {
        "type": "book", "title": "Ports of call", "authors": ["Marsh, Edwin"],
        "publisher": "Harbourside Press", "place": "Bristol", "edition": "3", "url": "",
        "site": "", "number": ""}
    for style in ("apa", "chicago", "mla"):
        cited = cli("cite", article_id, "--style", style).stdout
        assert "nhc.example" not in cited and "Northport" not in cited, style
    exported = cli("export", article_id, "--format", "bibtex").stdout
    assert "nhc.example" not in exported and "NHC-2021-07" not in exported
    # What is glossator's and the user's own stays: the tags, the language, the source.
    assert (book["tags"], book["language"], book["id"]) == (["estuaries"], "en-GB", article_id)
    assert book["source"].endswith("harbour.md")


def test_a_new_entry_takes_away_the_language_an_earlier_entry_gave(cli, article_id, tmp_path):
    assert meta_from(cli, article_id, write(tmp_path, "ref.bib", BIBLATEX))["language"] == "en-GB"
    done = cli("meta", article_id, "--from", write(tmp_path, "book.bib", BIBTEX_BOOK), "--json")
    assert json.loads(done.stdout)["language"] == ""
    assert "language" in done.stderr  # said among the fields cleared


def test_a_language_the_user_set_stays_through_a_new_entry(cli, article_id, tmp_path):
    meta_from(cli, article_id, write(tmp_path, "ref.bib", BIBLATEX))
    meta_json(cli, article_id, "language=de")
    book = meta_from(cli, article_id, write(tmp_path, "book.bib", BIBTEX_BOOK))
    assert book["language"] == "de"
    # Set with the entry itself (`--from … --set`) is the user's too.
    meta_from(cli, article_id, write(tmp_path, "ref.bib", BIBLATEX), "language=fr")
    assert meta_from(cli, article_id, write(tmp_path, "book.bib", BIBTEX_BOOK))["language"] == "fr"


BIBTEX_ET_AL = """@article{okafor2024,
  author = {Okafor, Ada and Lindqvist, Per and others},
  editor = {Marsh, Edwin and others},
  title = {Dredging the Eastmere channel},
  journal = {Journal of Estuary Studies},
  volume = 12, year = 2024, pages = {47--61}
}
"""


def test_and_others_is_bibtexs_et_al_not_an_author_named_others(cli, article_id, tmp_path):
    record = meta_from(cli, article_id, write(tmp_path, "et-al.bib", BIBTEX_ET_AL))
    assert (record["authors"], record["editors"]) == (["Okafor, Ada", "Lindqvist, Per"],
                                                      ["Marsh, Edwin"])
    for style in ("apa", "chicago", "mla"):
        assert "others" not in cli("cite", article_id, "--style", style).stdout, style
    for kind in ("bibtex", "csl-json"):
        assert "others" not in cli("export", article_id, "--format", kind).stdout, kind


def test_from_says_which_fields_it_cleared(cli, article_id, tmp_path):
    meta_from(cli, article_id, write(tmp_path, "chapter.json", json.dumps(CSL_CHAPTER)))
    path = write(tmp_path, "report.json", json.dumps(CSL_AGENCY_REPORT))
    done = cli("meta", article_id, "--from", path)
    assert done.exit_code == 0
    assert done.stderr == ("glossator: cleared site, doi, pages, place, edition, editors: "
                           "report.json has none\n")
    assert "place:      \n" in done.stdout


def test_a_refresh_brings_back_nothing_the_entry_cleared(cli, tmp_path):
    page = tmp_path / "silt.md"
    page.write_text("---\ntitle: Silt\nsite: Coastal Daily News\nurl: https://cdn.example/silt\n"
                    "---\nThe silt came back.\n", encoding="utf-8")
    article_id = cli("add", str(page)).stdout.split()[1]
    meta_from(cli, article_id, write(tmp_path, "book.bib", BIBTEX_BOOK))
    page.write_text(page.read_text(encoding="utf-8") + "And again.\n", encoding="utf-8")
    assert cli("refresh", article_id).exit_code == 0
    record = meta_json(cli, article_id)
    assert (record["site"], record["url"], record["title"]) == ("", "", "Ports of call")


def test_the_access_date_stays_while_the_entry_has_the_same_url(cli, article_id, tmp_path):
    meta_json(cli, article_id, "url=https://nhc.example/reports/2021-07.pdf", "accessed=2024-02-01")
    report = meta_from(cli, article_id, write(tmp_path, "report.json",
                                              json.dumps(CSL_AGENCY_REPORT)))
    assert report["accessed"] == "2024-02-01"
    book = meta_from(cli, article_id, write(tmp_path, "book.bib", BIBTEX_BOOK))
    assert (book["url"], book["accessed"]) == ("", "")


def test_bibtexparser_says_nothing_of_its_own(cli_process, tmp_path):
    source = tmp_path / "harbour.md"
    source.write_text(BODY, encoding="utf-8")
    article_id = cli_process("add", str(source)).stdout.split()[1]
    done = cli_process("meta", article_id, "--from", write(tmp_path, "cut.bib",
                                                           "@article{a, title={Unclosed \n"))
    assert done.exit_code == 1
    assert done.stderr.splitlines() == [
        f"glossator: error: {tmp_path / 'cut.bib'} has broken BibTeX near line 1; export the "
        "entry again or fix its braces and commas"]


def test_a_missing_reference_file_is_one_line(cli, article_id, tmp_path):
    done = cli("meta", article_id, "--from", str(tmp_path / "nowhere.bib"))
    assert done.exit_code == 1 and done.stderr.count("\n") == 1
    assert "does not exist" in done.stderr


def test_our_own_bibtex_and_csl_json_read_back_the_same(cli, article_id, tmp_path):
    meta_json(cli, article_id, "type=chapter", "book-title=Coastal communities in change",
              "editors=Lucia Ferraro; {Northport Harbour Commission}", "pages=45-67",
              "publisher=Tideline Academic", "place=Cardiff", "doi=10.5555/ccc.7")
    before = meta_json(cli, article_id)
    for export_format in ("bibtex", "csl-json"):
        exported = cli("export", article_id, "--format", export_format).stdout
        again = meta_from(cli, article_id, write(tmp_path, f"self.{export_format}", exported))
        fields = ("type", "title", "site", "published", "pages", "publisher", "place", "doi",
                  "citekey")
        assert {k: again[k] for k in fields} == {k: before[k] for k in fields}, export_format
        for role in ("authors", "editors"):  # "Okafor, Maria" is "Maria Okafor"
            assert [parse_name(n) for n in again[role]] == [parse_name(n) for n in before[role]]


def test_the_reference_parser_is_usable_without_the_cli():
    from annotations.reference_files import parse_reference

    fields = parse_reference(BIBTEX_CHAPTER)
    assert fields["type"] == "chapter" and fields["citekey"] == "mensah2020"
