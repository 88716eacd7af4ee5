"""`glossator export --format bibtex|csl-json`: every field read back the way pandoc,
Zotero and biblatex will read it (bibtexparser and json here)."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import middlewares
from pylatexenc.latex2text import LatexNodes2Text

from annotations.export.bibtex import LANGIDS, export_bibtex
from annotations.export.csl_json import export_csl_json
from annotations.model import Article
from annotations.names import parse_name

TRICKY = Article(
    id="tricky", citekey="okafor2024harbour",
    title="Harbour costs in Northport: 50% & more_ for #1 {port} ~ $ ^ \\ — Ærø's été",
    authors=["Maria Okafor", "{Northport City Council}", "Ludwig van Beethoven",
             "King, Jr., Martin Luther", "{Smith and Sons}"],
    site="Coastal Daily News & Co.", published="2024-03", accessed="2024-04-02",
    url="https://coastaldaily.example/news/harbour_costs?id=5&x=%20#top", language="en-GB",
    tags=["ports", "actor/government"],
)
NEWSPAPER = Article(
    id="winter", citekey="northport2023winter", title="Winter ferry timetable",
    site="The Northport Herald", published="2023-11-05",
    url="https://northportherald.example/winter", extra={"type": "newspaper"},
)
PLAIN = Article(id="plain", citekey="anonnotes", title="Notes")


def parse_bibtex(text: str) -> dict[str, dict]:
    """Each entry's type and fields, LaTeX decoded and names split, as a reader would."""
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.SeparateCoAuthors()])
    assert not library.failed_blocks
    latex = LatexNodes2Text()

    def decode(value: str) -> str:
        # pylatexenc prints \textasciicircum as U+02C6; LaTeX prints "^".
        return latex.latex_to_text(value).replace("\u02c6", "^")

    entries = {}
    for entry in library.entries:
        fields = {}
        for field in entry.fields:
            if field.key in ("author", "editor"):
                fields[field.key] = [read_name(n, decode) for n in field.value]
            elif field.key == "url":
                fields["url"] = field.value
            else:
                fields[field.key] = decode(field.value)
        entries[entry.key] = {"type": entry.entry_type, **fields}
    return entries


def read_name(raw: str, decode) -> dict[str, str]:
    if raw.startswith("{") and raw.endswith("}"):
        return {"literal": decode(raw[1:-1])}
    parts = [decode(p.strip()) for p in raw.split(",")]
    name = {"family": parts[0], "given": parts[-1]}
    if len(parts) == 3:
        name["suffix"] = parts[1]
    return name


def test_bibtex_holds_every_field(tmp_path):
    entries = parse_bibtex(export_bibtex([TRICKY]))
    assert entries == {"okafor2024harbour": {
        "type": "online",
        "author": [
            {"family": "Okafor", "given": "Maria"},
            {"literal": "Northport City Council"},
            {"family": "van Beethoven", "given": "Ludwig"},
            {"family": "King", "suffix": "Jr.", "given": "Martin Luther"},
            {"literal": "Smith and Sons"},
        ],
        "title": TRICKY.title,
        "journaltitle": "Coastal Daily News & Co.",
        "date": "2024-03",
        "url": TRICKY.url,
        "urldate": "2024-04-02",
        "langid": "british",
        "keywords": "ports, actor/government",
    }}
    assert {v: k for k, v in LANGIDS.items()}["british"] == TRICKY.language


def test_bibtex_escapes_latex_and_keeps_unicode():
    text = export_bibtex([TRICKY])
    assert (r"title = {Harbour costs in {Northport:} 50\% \& more\_ for \#1 \{port\} \textasciitilde{} "
            r"\$ \textasciicircum{} \textbackslash{} — {Ærø's} été}") in text
    assert "author = {Okafor, Maria and {Northport City Council} and van Beethoven, Ludwig and " \
           "King, Jr., Martin Luther and {Smith and Sons}}" in text


def test_a_newspaper_article_is_an_article_of_subtype_newspaper():
    entries = parse_bibtex(export_bibtex([NEWSPAPER]))
    assert entries["northport2023winter"] == {
        "type": "article", "title": "Winter ferry timetable", "journaltitle": "The Northport Herald",
        "entrysubtype": "newspaper", "date": "2023-11-05", "url": "https://northportherald.example/winter",
    }


def test_empty_fields_are_left_out_and_the_id_stands_in_for_a_missing_citekey():
    assert export_bibtex([PLAIN]) == "@online{anonnotes,\n  title = {Notes}\n}\n"
    keyless = Article(id="notes", title="Notes")
    assert export_bibtex([keyless]).startswith("@online{notes,")


def test_csl_json_holds_every_field():
    [item] = json.loads(export_csl_json([TRICKY]))
    assert item == {
        "id": "okafor2024harbour", "type": "webpage", "title": TRICKY.title,
        "author": [
            {"family": "Okafor", "given": "Maria"},
            {"literal": "Northport City Council"},
            {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
            {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
            {"literal": "Smith and Sons"},
        ],
        "container-title": "Coastal Daily News & Co.",
        "issued": {"date-parts": [[2024, 3]]},
        "accessed": {"date-parts": [[2024, 4, 2]]},
        "URL": TRICKY.url, "language": "en-GB", "keyword": "ports, actor/government",
    }


def test_csl_json_newspaper_article_and_citeproc_reads_it():
    from citeproc.source.json import CiteProcJSON

    items = json.loads(export_csl_json([NEWSPAPER, PLAIN]))
    assert items[0] == {
        "id": "northport2023winter", "type": "article-newspaper", "title": "Winter ferry timetable",
        "container-title": "The Northport Herald", "issued": {"date-parts": [[2023, 11, 5]]},
        "URL": "https://northportherald.example/winter",
    }
    assert items[1] == {"id": "anonnotes", "type": "webpage", "title": "Notes"}
    assert set(CiteProcJSON(items)) == {"northport2023winter", "anonnotes"}


def test_names_round_trip_through_csl_json():
    [item] = json.loads(export_csl_json([TRICKY]))
    assert item["author"] == [parse_name(a).to_csl() for a in TRICKY.authors]


# The command line -------------------------------------------------------------------

def add(cli, tmp_path: Path, name: str, title: str, author: str, extra: str = "") -> str:
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\ntitle: {title}\nauthors: [{author}]\npublished: 2024-03-14\n"
                    f"url: https://example.org/{name}\naccessed: 2024-04-01\n{extra}---\n"
                    f"Body of {name}.\n", encoding="utf-8")
    done = cli("add", str(path))
    assert done.exit_code == 0, done.stderr
    return done.stdout.split()[1]


@pytest.fixture
def three(cli, tmp_path: Path) -> list[str]:
    return [add(cli, tmp_path, "one", "Harbour plan", "Maria Okafor"),
            add(cli, tmp_path, "two", "Harbour vote", "Maria Okafor"),
            add(cli, tmp_path, "three", "Ferry fares", "'{Northport City Council}'")]


def test_export_one_article_as_bibtex_to_stdout(cli, three):
    done = cli("export", three[0], "--format", "bibtex")
    assert done.exit_code == 0, done.stderr
    assert parse_bibtex(done.stdout) == {"okafor2024harbour": {
        "type": "online", "author": [{"family": "Okafor", "given": "Maria"}],
        "title": "Harbour plan", "date": "2024-03-14", "url": "https://example.org/one",
        "urldate": "2024-04-01",
    }}


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json", "json", "csv", "markdown"])
def test_dash_as_the_output_is_standard_output_not_a_file_named_dash(cli, three, tmp_path,
                                                                      monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    done = cli("export", three[0], "--format", fmt, "-o", "-")
    assert done.exit_code == 0, done.stderr
    assert done.stdout and done.stdout == cli("export", three[0], "--format", fmt).stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt,words", [("qdpx", "a REFI-QDA project (a zip archive) cannot go "
                                                "to standard output (-); give it with -o PROJECT.qdpx"),
                                       ("vault", "a vault (a folder of notes) cannot go to "
                                                 "standard output (-); give it with -o DIR")])
def test_a_project_or_a_vault_cannot_go_to_standard_output(cli, three, tmp_path, monkeypatch,
                                                           fmt, words):
    monkeypatch.chdir(tmp_path)
    done = cli("export", three[0], "--format", fmt, "-o", "-")
    assert (done.exit_code, done.stdout, done.stderr) == (1, "", f"glossator: error: {words}\n")
    assert not (tmp_path / "-").exists()


def test_export_several_articles_keeps_their_distinct_keys(cli, three):
    done = cli("export", three[0], three[1], "--format", "bibtex")
    assert list(parse_bibtex(done.stdout)) == ["okafor2024harbour", "okafor2024harboura"]


def test_export_all_as_csl_json_to_a_file(cli, three, tmp_path):
    target = tmp_path / "refs.json"
    done = cli("export", "--all", "--format", "csl-json", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    items = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in items) == [
        "northport2024ferry", "okafor2024harbour", "okafor2024harboura"]
    council = next(i for i in items if i["id"] == "northport2024ferry")
    assert council["author"] == [{"literal": "Northport City Council"}]
    assert council["issued"] == {"date-parts": [[2024, 3, 14]]}


def test_export_all_as_bibtex_to_a_file(cli, three, tmp_path):
    target = tmp_path / "refs.bib"
    done = cli("export", "--all", "--format", "bibtex", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    entries = parse_bibtex(target.read_text(encoding="utf-8"))
    assert entries["northport2024ferry"]["author"] == [{"literal": "Northport City Council"}]
    assert len(entries) == 3


# Scholarly works ----------------------------------------------------------------------

JOURNAL = Article(
    id="okonjo", citekey="okonjo2021tidal", type="journal",
    title="Tidal silt and harbour economics: A regional study",
    authors=["Amara Okonjo", "Henrik Solberg"], site="Journal of Coastal Planning",
    published="2021", volume="14", issue="2", pages="112–130", doi="10.5555/jcp_2021.0142",
    keywords=["silt", "ports"], tags=["ports", "to-read"],
)
REPORT = Article(
    id="carvalho", citekey="carvalho2022sediment", type="report",
    title="Sediment monitoring in the estuary", authors=["Ines Carvalho"], published="2022",
    publisher="Northport Harbour Commission", place="Northport", number="22-07",
    url="https://nhc.example/reports/22-07",
)
BOOK = Article(
    id="ferraro", citekey="ferraro2020coastal", type="book", title="Coastal communities in change",
    editors=["Lucia Ferraro", "{Tideline Collective}"], published="2020",
    publisher="Tideline Academic", place="Cardiff", edition="2", doi="10.5555/ccc.2020",
)
CHAPTER = Article(
    id="mensah", citekey="mensah2020fishing", type="chapter",
    title="Fishing rights and the new breakwater", authors=["Kwame Mensah"],
    editors=["Lucia Ferraro", "Tom Whitby"], site="Coastal communities in change",
    published="2020", pages="45–67", publisher="Tideline Academic", place="Cardiff",
)


def test_a_journal_article_is_a_biblatex_article_with_volume_number_pages_and_doi():
    entries = parse_bibtex(export_bibtex([JOURNAL]))
    assert entries["okonjo2021tidal"] == {
        "type": "article",
        "author": [{"family": "Okonjo", "given": "Amara"}, {"family": "Solberg", "given": "Henrik"}],
        "title": JOURNAL.title, "journaltitle": "Journal of Coastal Planning", "volume": "14",
        "number": "2", "pages": "112–130", "date": "2021", "doi": "10.5555/jcp_2021.0142",
        "keywords": "silt, ports, to-read",
    }
    assert "pages = {112--130}" in export_bibtex([JOURNAL])  # LaTeX's en dash
    assert "doi = {10.5555/jcp_2021.0142}" in export_bibtex([JOURNAL])  # verbatim, not escaped


def test_a_report_is_a_biblatex_report_with_institution_type_and_number():
    fields = parse_bibtex(export_bibtex([REPORT]))["carvalho2022sediment"]
    assert (fields["institution"], fields["number"], fields["location"], fields["date"],
            fields["url"]) == ("Northport Harbour Commission", "22-07", "Northport", "2022",
                               REPORT.url)
    assert export_bibtex([REPORT]).startswith("@report{carvalho2022sediment,\n")
    assert "  type = {Report},\n" in export_bibtex([REPORT])


def test_a_book_is_a_biblatex_book_with_editor_edition_publisher_and_location():
    text = export_bibtex([BOOK])
    assert text.startswith("@book{ferraro2020coastal,\n")
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.SeparateCoAuthors()])
    entry = library.entries[0]
    assert entry["editor"] == ["Ferraro, Lucia", "{Tideline Collective}"]
    assert (entry["edition"], entry["publisher"], entry["location"], entry["doi"]) == (
        "2", "Tideline Academic", "Cardiff", "10.5555/ccc.2020")
    assert "author" not in entry.fields_dict


def test_a_chapter_is_an_incollection_with_booktitle_editor_and_pages():
    entries = parse_bibtex(export_bibtex([CHAPTER]))
    fields = entries["mensah2020fishing"]
    assert fields["type"] == "incollection"
    assert (fields["booktitle"], fields["pages"], fields["publisher"], fields["location"]) == (
        "Coastal communities in change", "45–67", "Tideline Academic", "Cardiff")
    assert "journaltitle" not in fields
    assert fields["editor"] == [{"family": "Ferraro", "given": "Lucia"},
                                {"family": "Whitby", "given": "Tom"}]


def test_csl_json_holds_the_scholarly_fields_and_keywords_with_tags():
    items = json.loads(export_csl_json([JOURNAL, REPORT, BOOK, CHAPTER]))
    journal, report, book, chapter = items
    assert journal == {
        "id": "okonjo2021tidal", "type": "article-journal", "title": JOURNAL.title,
        "author": [{"family": "Okonjo", "given": "Amara"}, {"family": "Solberg", "given": "Henrik"}],
        "container-title": "Journal of Coastal Planning", "issued": {"date-parts": [[2021]]},
        "volume": "14", "issue": "2", "page": "112-130", "DOI": "10.5555/jcp_2021.0142",
        "keyword": "silt, ports, to-read",
    }
    assert (report["type"], report["publisher"], report["publisher-place"], report["number"]) == (
        "report", "Northport Harbour Commission", "Northport", "22-07")
    assert (book["type"], book["edition"], book["editor"], book["DOI"]) == (
        "book", "2", [{"family": "Ferraro", "given": "Lucia"}, {"literal": "Tideline Collective"}],
        "10.5555/ccc.2020")
    assert (chapter["type"], chapter["container-title"], chapter["page"]) == (
        "chapter", "Coastal communities in change", "45-67")
    from citeproc.source.json import CiteProcJSON

    assert set(CiteProcJSON(items)) == {a.citekey for a in (JOURNAL, REPORT, BOOK, CHAPTER)}
