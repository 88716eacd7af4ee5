"""Pasted text: HTML, Markdown or plain text is sniffed, and each comes out as its kind
should; an empty paste is refused with one line. Every sample is invented."""

from __future__ import annotations

import pytest

from annotations.errors import SourceError
from reader.document.build import build_document
from reader.importing.pasted import import_pasted, sniff
from tests.conftest import FIXTURES

WIRE_STORY = (FIXTURES / "harbour-dredging-wire.txt").read_text("utf-8")

FRAGMENT = """<p>The board voted <b>seven to four</b> to dredge.</p>
<ul><li>Cost: 14 million crowns</li><li>Depth: eleven metres</li></ul>
<p>Work starts in May.</p>"""


def paragraphs(article) -> list[str]:
    document = build_document(article.body, article.format)
    return [document.text[s:document.block_at(s).end] for s in document.paragraph_starts]


def test_a_wire_story_pasted_from_a_browser_keeps_its_paragraphs():
    article = import_pasted(WIRE_STORY)
    assert (article.format, article.source) == ("text", "pasted text")
    assert article.title == "Harbour board approves dredging plan after nine-hour meeting"
    assert article.authors == ["Ana Ruiz"]
    found = paragraphs(article)
    assert len(found) == 5  # the five paragraphs; the headline and byline are title, author
    assert found[4].startswith("The board's chair, Tomas Berg")


def test_a_whole_web_page_goes_through_the_article_extractor():
    article = import_pasted((FIXTURES / "news-with-comments.html").read_text("utf-8"))
    assert article.format == "markdown"
    assert article.title == "Ferry operator blames fuel costs for cancelled winter crossings"
    assert "UNIQUECOMMENTMARKER" not in article.body  # comments left out, as for a saved page
    assert article.source == "pasted text"


def test_an_html_fragment_is_kept_whole():
    article = import_pasted(FRAGMENT)
    assert sniff(FRAGMENT) == "html"
    assert article.format == "markdown"
    assert article.body == ("The board voted **seven to four** to dredge.\n\n"
                            "- Cost: 14 million crowns\n- Depth: eleven metres\n\nWork starts in May.\n")
    assert article.title == "The board voted seven to four to dredge."


STORY = ("<h1>Dredging plan approved</h1><p>The harbour board voted on Tuesday to dredge the "
         "channel, ending a long dispute with the shipping companies over depth and cost.</p>"
         "<p>Work starts in the spring and takes eighteen months.</p>")


@pytest.mark.parametrize("html", [
    # A selection with the page's head: its site name, and the title's suffix naming it.
    '<title>Dredging plan approved | The Guardian</title><meta property="og:site_name" '
    'content="The Guardian">' + STORY,
    # A whole page that names its site only by its address: the suffix says it better.
    '<html><head><title>Dredging plan approved | The Guardian</title><link rel="canonical" '
    'href="https://www.theguardian.com/uk/2024/dredging"></head><body><nav>Menu</nav>'
    "<article>" + STORY + "</article></body></html>",
])
def test_the_site_a_pasted_titles_suffix_names_becomes_the_site(html):
    article = import_pasted(html)
    assert (article.title, article.site) == ("Dredging plan approved", "The Guardian")


def test_text_that_is_mostly_markup_is_html_even_after_a_word():
    pasted = "Copied: <div><p>First point.</p><p>Second point.</p><p>Third point.</p></div>"
    assert sniff(pasted) == "html"
    assert "Second point." in import_pasted(pasted).body


def test_markdown_with_front_matter_keeps_its_metadata_and_keywords():
    pasted = ("---\ntitle: Dredging, explained\nauthor: By Ana Ruiz\nkeywords: ports, silt; dredging\n"
              "tags: [to-read]\n---\n\nThe channel is **eleven metres** deep.\n")
    article = import_pasted(pasted)
    assert (article.format, article.title, article.authors) == (
        "markdown", "Dredging, explained", ["Ana Ruiz"])
    assert (article.keywords, article.tags) == (["ports", "silt", "dredging"], ["to-read"])


@pytest.mark.parametrize("pasted", [
    "# Tide tables\n\nHigh water at six.\n",
    "Notes\n\n- high at 6\n- low at 12\n\nSee **this**.\n",
    "Read [the report](https://example.org/report) first.\n",
    "Before\n\n```\ncode\n```\n",
])
def test_markdown_is_recognised_by_its_signs(pasted):
    assert sniff(pasted) == "markdown"


@pytest.mark.parametrize("pasted", [
    WIRE_STORY,
    "Prices rose 5 * 3 times - a record.\nThe index - a basket - rose.\n",
    "#1 hit for the third week running.\nCharts compiled on Sunday.\n",
    "Agenda:\n1. Minutes\n",
])
def test_plain_text_is_not_mistaken_for_markdown(pasted):
    assert sniff(pasted) == "text"


def test_the_given_title_wins_else_the_first_line():
    assert import_pasted(WIRE_STORY, title="  My   title ").title == "My title"
    long_line = "The committee " + "met again and talked " * 10 + "until late.\n"
    title = import_pasted(long_line).title
    assert title.endswith("…") and len(title) <= 121 and title.startswith("The committee met again")


@pytest.mark.parametrize("pasted", ["", "   \n\t \n", "\ufeff\n"])
def test_an_empty_paste_is_refused_with_one_line(pasted):
    with pytest.raises(SourceError) as raised:
        import_pasted(pasted)
    assert str(raised.value) == "the pasted text is empty; paste an article's text (or give a file or URL)"


def test_html_with_no_text_is_refused():
    with pytest.raises(SourceError, match="HTML with no text"):
        import_pasted('<div><img src="chart.png"></div><script>track()</script>')


def test_a_select_all_copy_with_the_pages_furniture_still_loses_it():
    page = (FIXTURES / "news-with-comments.html").read_text("utf-8")
    body = page[page.index("<body>") + len("<body>"):page.index("</body>")]  # no <html>, no head
    article = import_pasted(body)
    assert "cannot run empty boats through January at a loss" in " ".join(article.body.split())
    for outside in ("UNIQUECOMMENTMARKER", "Holiday cottages", "FOOTERMARKER"):
        assert outside not in article.body


def test_a_pasted_page_with_no_article_says_what_to_paste_instead():
    with pytest.raises(SourceError, match="copy just the article"):
        import_pasted((FIXTURES / "no-article.html").read_text("utf-8"))


def test_a_wire_story_piped_into_add_dash_is_cited_by_its_own_paragraphs(cli):
    added = cli("add", "-", input=WIRE_STORY)
    assert added.exit_code == 0, added.stderr
    article = added.stdout.split()[1]
    text = cli("text", article).stdout
    assert text.count("\n\n") == 4  # five paragraphs, not one
    mark = cli("annotate", article, "--kind", "claim", "--quote", "no dredging would start").stdout.strip()
    assert "para. 5" in cli("cite", article, "--annotation", mark, "--style", "apa").stdout
