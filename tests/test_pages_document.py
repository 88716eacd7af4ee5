"""Pages and chapters in the document model: where each starts, how marks are placed,
how the reader lays out page breaks. The bodies are written here in the stored formats
(a PDF's page-by-page JSON, an EPUB's Markdown in chapters)."""

from __future__ import annotations

import json

import pytest

from annotations.anchoring import select
from annotations.places import TextPlaces
from reader.cli.adding import add_imported
from reader.document.build import build_document
from reader.document.cache import decode_document, encode_document, load_document
from reader.document.chapters import chapter_label
from reader.document.layout import PAGE_ROW, build_layout
from reader.document.model import FOOTNOTE, HEADING, PARAGRAPH
from reader.importing.article_source import ImportedArticle
from tests.helpers.library import mark


def pages_body(*pages: list[dict], labels: list[str] | None = None) -> str:
    return json.dumps({"glossator": "pages", "version": 1, "pages": [
        {"index": i + 1, "label": (labels[i] if labels else str(i + 1)), "blocks": blocks}
        for i, blocks in enumerate(pages)]})


REPORT = pages_body(
    [{"kind": "heading", "level": 1, "text": "Silt and the Harbour Mouth"},
     {"kind": "paragraph", "text": "Dredging moved 40,000 tonnes of silt in the first"},
     {"kind": "footnote", "text": "1 Figures from the port's own survey."}],
    [{"kind": "paragraph", "text": "A second paragraph starts the page."}],
    [{"kind": "paragraph", "text": "year, the survey says, and more", "joins": " "}],
    [],
    [{"kind": "paragraph", "text": "The last page has text again."}],
    labels=["11", "12", "13", "14", "15"],
)


def test_pages_start_at_their_text_and_keep_their_labels():
    document = build_document(REPORT, "pages")
    starts = {p.label: document.text[p.start:p.start + 12] for p in document.pages}
    assert starts == {"11": "Silt and the", "12": "A second par", "13": "year, the su",
                      "14": "The last pag", "15": "The last pag"}
    assert [b.kind for b in document.blocks] == [HEADING, PARAGRAPH, FOOTNOTE, PARAGRAPH,
                                                 PARAGRAPH]


def test_a_paragraph_runs_on_across_a_page_break_as_one_block():
    document = build_document(REPORT, "pages")
    [run_on] = [b for b in document.blocks if "starts the page" in document.text[b.start:b.end]]
    assert document.text[run_on.start:run_on.end] == (
        "A second paragraph starts the page. year, the survey says, and more")


def test_a_glue_of_nothing_joins_a_hyphenated_word():
    body = pages_body([{"kind": "paragraph", "text": "the sedi"}],
                      [{"kind": "paragraph", "text": "ment settles", "joins": ""}])
    assert build_document(body, "pages").text == "the sediment settles"


def test_the_page_offset_replaces_the_labels():
    document = build_document(REPORT, "pages", page_offset=46)
    assert [p.label for p in document.pages] == ["47", "48", "49", "50", "51"]


def test_a_mark_knows_the_pages_it_starts_and_ends_on():
    document = build_document(REPORT, "pages")
    text = document.text
    start = text.index("starts the page")
    end = text.index("the survey says") + len("the survey says")
    selector = select(text, start, end, document.places)
    assert (selector.page, selector.page_end) == ("12", "13")
    alone = select(text, text.index("last page"), text.index("last page") + 9, document.places)
    assert (alone.page, alone.page_end) == ("15", "")


def test_paragraphs_count_within_their_chapter():
    places = TextPlaces(paragraph_starts=[10, 20, 30, 50, 60], chapter_starts=[0, 40],
                        chapter_labels=["Chapter 1", "Chapter 2"])
    assert [places.paragraph_at(o) for o in (12, 31, 55, 61)] == [1, 3, 1, 2]
    assert places.place_of(55, 58).chapter == "Chapter 2"


def test_chapters_from_level_one_headings():
    body = ("# Preface\n\nWhy this book.\n\n# Chapter IV: The Storm\n\nWind came.\n\n"
            "## The pier\n\nIt held.\n\n# 5. Calm\n\nAfter.\n")
    document = build_document(body, "chapters")
    assert [c.label for c in document.chapters] == ["Preface", "Chapter 4", "Chapter 5"]
    text = document.text
    selector = select(text, text.index("It held"), text.index("It held") + 7, document.places)
    assert (selector.chapter, selector.paragraph) == ("Chapter 4", 2)


@pytest.mark.parametrize(("heading", "label"), [
    ("CHAPTER TWENTY-ONE", "Chapter 21"), ("Chapter 3", "Chapter 3"), ("XII.", "Chapter 12"),
    ("Ch. 7 Rain", "Chapter 7"), ("I Was There", "I Was There"), ("Epilogue", "Epilogue"),
    ("Chapter the Last", "Chapter the Last"),
])
def test_chapter_labels(heading, label):
    assert chapter_label(heading) == label


def test_the_kept_model_holds_pages_and_chapters():
    for body, fmt in ((REPORT, "pages"), ("# One\n\nA.\n\n# Two\n\nB.\n", "chapters")):
        document = build_document(body, fmt)
        kept = decode_document(encode_document(document, "key"), "key")
        assert kept is not None
        assert (kept.text, kept.pages, kept.chapters) == (document.text, document.pages,
                                                           document.chapters)


def test_layout_draws_a_rule_at_each_page_start_and_keeps_every_offset_once():
    document = build_document(REPORT, "pages")
    layout = build_layout(document, 24)
    rules = [(y, layout.page_labels[y]) for y, kind in enumerate(layout.blocks) if kind == PAGE_ROW]
    assert [label for _, label in rules] == ["11", "12", "13", "15"]
    # The page that starts inside a paragraph splits it: the rule sits between the halves.
    y13 = next(y for y, label in rules if label == "13")
    assert layout.blocks[y13 - 1] >= 0 and layout.blocks[y13 + 1] >= 0
    assert document.text[layout.starts[y13 + 1]:].startswith("year,")
    covered = [o for y, kind in enumerate(layout.blocks) if kind >= 0
               for o in range(layout.starts[y], layout.ends[y])]
    assert covered == sorted(set(covered))
    assert layout.y_of(document.text.index("year,")) == y13 + 1


def test_a_pdf_article_stores_each_marks_page(library, tmp_path):
    imported = ImportedArticle(body=REPORT, format="pages", source=str(tmp_path / "silt.pdf"),
                               title="Silt and the Harbour Mouth", authors=["Ines Okafor"],
                               published="2024")
    article = add_imported(library, imported).article
    claim = mark(library, article, "A second paragraph starts the page. year, the survey")
    assert (claim.page, claim.page_end) == ("12", "13")
    stored = library.annotations(article.id)[0]
    assert (stored.page, stored.page_end) == ("12", "13")
    assert [p.label for p in load_document(library, article).pages] == ["11", "12", "13", "14",
                                                                        "15"]


def test_a_page_offset_gives_every_mark_its_new_page(cli, library, tmp_path):
    imported = ImportedArticle(body=REPORT, format="pages", source=str(tmp_path / "silt.pdf"),
                               title="Silt and the Harbour Mouth", authors=["Ines Okafor"],
                               published="2024")
    article = add_imported(library, imported).article
    mark(library, article, "A second paragraph starts the page. year, the survey")
    result = cli("meta", article.id, "--set", "page-offset=110")
    assert result.exit_code == 0, result.stderr
    [claim] = cli_json(cli, "annotations", article.id, "--json")
    assert (claim["page"], claim["page_end"]) == ("112", "113")
    cited = cli("cite", article.id, "--annotation", claim["id"][:8], "--style", "apa")
    assert "pp. 112–113" in cited.stdout


def cli_json(cli, *args: str):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)
