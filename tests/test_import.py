"""Importing files: Markdown with front matter, plain text, saved web pages, encodings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotations.errors import SourceError
from annotations.store import Library
from reader.cli.adding import add_source
from reader.document.cache import load_document
from reader.importing import import_source
from tests.conftest import FIXTURES


def imported(path: Path):
    return import_source(str(path))


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_front_matter_becomes_metadata_and_is_not_body():
    article = imported(FIXTURES / "reservoir-report.md")
    assert article.format == "markdown"
    assert article.title == "Reservoir levels: what the drought numbers hide"
    assert article.authors == ["Yusuf Adeyemi", "Carla Nystrom"]
    assert article.site == "Upland Water Review"
    assert article.published == "2025-08-19"  # YAML reads it as a date; kept as ISO text
    assert article.url == "https://upland-water.example/reservoir-levels"
    assert article.language == "en"
    # `keywords:` are the source's subject words, not the user's tags.
    assert (article.keywords, article.tags) == (["water", "drought"], [])
    assert article.body.startswith("# Reservoir levels")
    assert "unknown_key" not in article.body and "---" not in article.body
    assert article.source == str((FIXTURES / "reservoir-report.md").resolve())


def test_markdown_without_front_matter_takes_its_title_from_the_first_heading(tmp_path):
    path = tmp_path / "field-notes.markdown"
    path.write_text("Intro line.\r\n\r\n## Estuary survey\r\n\r\nBirds counted: 41.\r\n", "utf-8")
    article = imported(path)
    assert article.title == "Estuary survey"
    assert "\r" not in article.body
    path.write_text("Just a paragraph, no heading at all.\n", "utf-8")
    assert imported(path).title == "field-notes"


def test_a_block_that_only_looks_like_front_matter_stays_text(tmp_path):
    path = tmp_path / "rules.md"
    path.write_text("---\n: not yaml [\n---\n\nBody text here.\n", "utf-8")
    article = imported(path)
    assert "not yaml" in article.body and article.authors == []


def test_markdown_with_front_matter_but_no_text_is_refused(tmp_path):
    path = tmp_path / "empty-body.md"
    path.write_text("---\ntitle: Nothing below\n---\n\n   \n", "utf-8")
    with pytest.raises(SourceError, match="front matter but no text"):
        imported(path)


# -- plain text ----------------------------------------------------------------------------


def test_plain_text_takes_its_first_line_as_title():
    article = imported(FIXTURES / "allotment-minutes.txt")
    assert (article.format, article.title) == ("text", "Allotment society minutes, April meeting")
    assert "water charges for the plots rose by 18 per cent" in article.body.replace("\n", " ")


def test_a_first_line_too_long_for_a_title_falls_back_to_the_file_name(tmp_path):
    path = tmp_path / "long-opening.txt"
    path.write_text("word " * 40 + "\n\nSecond paragraph.\n", "utf-8")
    assert imported(path).title == "long-opening"


# -- saved web pages ----------------------------------------------------------------------


def test_a_news_page_keeps_the_article_and_drops_nav_ads_comments_and_footer():
    article = imported(FIXTURES / "news-with-comments.html")
    assert article.format == "markdown"
    assert article.title == "Ferry operator blames fuel costs for cancelled winter crossings"
    assert article.authors == ["Ines Calloway"]
    assert article.site == "The Saltmarsh Gazette"
    assert article.published == "2025-11-03"
    assert article.url == "https://saltmarsh-gazette.example/transport/ferry-winter-crossings"
    assert article.language == "en-GB"
    body = " ".join(article.body.split())
    assert "cannot run empty boats through January at a loss" in body
    assert "Subsidy under review" in body
    assert "Evening return at 19:15 cancelled on Saturdays" in body
    for outside in ("UNIQUECOMMENTMARKER", "SECONDCOMMENTMARKER", "harbourwatcher",
                    "Holiday cottages", "Estuary Gin", "FOOTERMARKER",
                    "Subscribe for one pound"):
        assert outside not in body


def test_a_news_pages_formatting_survives_into_the_document(library, tmp_path):
    added = add_source(library, str(FIXTURES / "news-with-comments.html")).article
    document = load_document(library, added)
    styled = {(s.style, document.text[s.start:s.end]) for s in document.spans}
    assert ("strong", "routinely full") in styled
    assert ("em", "four hundred thousand pounds") in styled
    assert any(b.kind == "heading" and document.text[b.start:b.end] == "Subsidy under review"
               for b in document.blocks)
    assert "UNIQUECOMMENTMARKER" not in document.text


def test_a_blog_page_without_dates_gets_no_invented_date():
    article = imported(FIXTURES / "blog-post.html")
    assert article.title == "Why the spring tides ran high this March"
    assert article.published == ""
    assert "every millibar below average" in " ".join(article.body.split())
    assert "Archive" not in article.body


def test_a_page_with_no_article_is_refused_clearly():
    with pytest.raises(SourceError, match="no article text") as raised:
        imported(FIXTURES / "no-article.html")
    assert "no-article.html" in str(raised.value)


# -- encodings -------------------------------------------------------------------------------

ACCENTED = "Café “Zoë” costs 5 € — naïve façade, Ærøskøbing.\n\nSecond paragraph here.\n"


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("cp1252", b""),
])
def test_text_encodings_are_detected(tmp_path, encoding, bom):
    path = tmp_path / "accents.txt"
    path.write_bytes(bom + ACCENTED.encode(encoding))
    article = imported(path)
    assert article.body == ACCENTED
    assert article.title == "Café “Zoë” costs 5 € — naïve façade, Ærøskøbing."


def test_latin1_text_falls_back_sensibly(tmp_path):
    text = "Señor Müller's façade in Århus.\n\nÉté à Besançon, crème brûlée.\n"
    path = tmp_path / "latin1.md"
    path.write_bytes(text.encode("latin-1"))
    assert imported(path).body == text


def test_a_cp1252_web_page_is_read(tmp_path):
    html = (FIXTURES / "news-with-comments.html").read_text("utf-8")
    html = html.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Dr Ana Pereira", "Dr Ana Pereira-Ibáñez")
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp1252"))
    assert "Pereira-Ibáñez" in imported(path).body


def test_the_body_lives_in_the_library_after_the_source_is_gone(library, tmp_path):
    path = tmp_path / "accents.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le"))
    article = add_source(library, str(path)).article
    path.unlink()
    reopened = Library.open(library.folder)
    assert reopened.body(reopened.article(article.id)) == ACCENTED
    assert load_document(reopened, article).text.startswith("Café “Zoë”")


# -- adding ------------------------------------------------------------------------------------


def test_metadata_flags_override_what_was_extracted(library):
    overrides = {"title": "My title", "authors": ["A. N. Other"], "site": "Elsewhere",
                 "published": "2020-02-02", "url": "https://else.example/x", "tags": ["mine"]}
    article = add_source(library, str(FIXTURES / "reservoir-report.md"), overrides).article
    stored = Library.open(library.folder).article(article.id)
    assert (stored.title, stored.authors, stored.site, stored.published, stored.url,
            stored.tags) == ("My title", ["A. N. Other"], "Elsewhere", "2020-02-02",
                             "https://else.example/x", ["mine"])
    assert stored.language == "en"  # not overridden: still what the file said
    assert stored.id == "my-title"


def test_adding_the_same_source_or_the_same_text_twice_does_not_duplicate(library, tmp_path):
    first = add_source(library, str(FIXTURES / "allotment-minutes.txt"))
    again = add_source(library, str(FIXTURES / "allotment-minutes.txt"))
    copy = tmp_path / "copy-of-minutes.txt"
    copy.write_bytes((FIXTURES / "allotment-minutes.txt").read_bytes())
    copied = add_source(library, str(copy))
    assert not first.existed and again.existed and copied.existed
    assert again.article.id == copied.article.id == first.article.id
    assert [a.id for a in Library.open(library.folder).articles()] == [first.article.id]


def test_utf8_with_a_damaged_byte_keeps_its_accents(tmp_path):
    text = ("Zoë and Chloé met in Besançon; the café served crème brûlée.\n\n" * 3
            + "Naïve façades, Ærøskøbing, São Paulo, Łódź.\n")
    path = tmp_path / "damaged.txt"
    path.write_bytes(text.encode("utf-8") + b"One broken byte: \xff here.\n")
    body = imported(path).body
    assert body.startswith("Zoë and Chloé met in Besançon")
    assert body.endswith("One broken byte: \ufffd here.\n")


def test_front_matter_type_is_the_article_type_for_citations(tmp_path, library):
    from annotations.metadata import article_type
    from reader.cli.adding import add_source

    source = tmp_path / "print.md"
    source.write_text("---\ntitle: Printed piece\ntype: newspaper\n---\n\nSome text here.\n",
                      encoding="utf-8")
    odd = tmp_path / "odd.md"
    odd.write_text("---\ntitle: Odd piece\ntype: podcast\n---\n\nOther text here.\n",
                   encoding="utf-8")
    printed = add_source(library, str(source)).article
    assert article_type(library.article(printed.id)) == "newspaper"
    assert article_type(library.article(add_source(library, str(odd)).article.id)) == "news"
