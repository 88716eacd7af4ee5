"""Sources that came out wrong (issue 8, point 6): plain text with one paragraph per line,
keywords that became tags, titles that kept the site's suffix, organisations cited as
people and non-names as authors. The pages and texts are invented, modelled on the shapes
real ones have."""

from __future__ import annotations

import json

import pytest

from annotations.store import Library
from reader.cli.adding import add_source
from reader.document.cache import load_document
from reader.document.plain_text import parse_plain
from reader.importing import import_source
from reader.importing.authors import clean_authors
from reader.importing.html import import_html
from reader.importing.titles import is_date, split_site_suffix
from tests.conftest import FIXTURES


def paragraph_texts(text: str) -> list[str]:
    document = parse_plain(text)
    return [document.text[b.start:b.end] for b in document.text_blocks]


# -- plain text: paragraphs from line lengths ----------------------------------------------


def test_a_wire_story_with_one_paragraph_per_line_keeps_each_paragraph(library):
    article = add_source(library, str(FIXTURES / "harbour-dredging-wire.txt")).article
    document = load_document(library, article)
    starts = document.paragraph_starts
    assert len(starts) == 5  # the story's five paragraphs: the headline and byline are
    # its title and author, not paragraphs of it
    assert document.text[starts[0]:].startswith("PORTMERE, March 3 (Tidewire) - The Portmere")
    assert document.text[starts[4]:].startswith("The board's chair, Tomas Berg, said")
    assert (article.title, article.authors) == (
        "Harbour board approves dredging plan after nine-hour meeting", ["Ana Ruiz"])


def test_the_same_story_cites_the_paragraph_a_mark_is_in(library):
    from tests.helpers.library import mark

    article = add_source(library, str(FIXTURES / "harbour-dredging-wire.txt")).article
    marked = mark(library, article, "twenty minutes to answer a report")
    assert marked.paragraph == 4  # the story's fourth, not "para. 1" for every mark


def test_a_standfirst_between_headline_and_byline_stays_a_paragraph(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Harbour board approves dredging plan\n"
                    "Fishermen walk out before the vote\n"
                    "By Ana Ruiz\n"
                    + (FIXTURES / "harbour-dredging-wire.txt").read_text("utf-8").split("\n", 2)[2],
                    encoding="utf-8")
    article = import_source(str(path))
    assert article.authors == ["Ana Ruiz"]
    paragraphs = paragraph_texts(article.body)
    assert paragraphs[0] == "Fishermen walk out before the vote"
    assert len(paragraphs) == 6


@pytest.mark.parametrize("text", [
    "The committee met at seven.\nIt agreed the budget and adjourned at nine.\n",
    "Harbour board approves dredging plan\nBy Ana Ruiz\n",  # nothing below: keep it all
])
def test_a_first_line_without_a_byline_below_it_stays_in_the_text(tmp_path, text):
    path = tmp_path / "minutes.txt"
    path.write_text(text, encoding="utf-8")
    assert import_source(str(path)).body == text


def test_a_hard_wrapped_etext_is_reflowed():
    paragraphs = paragraph_texts((FIXTURES / "drought-etext.txt").read_text("utf-8"))
    assert len(paragraphs) == 4
    assert paragraphs[0] == "THE DRY YEAR"
    assert "\n" not in "".join(paragraphs)
    assert "the path seemed longer than the day before" in paragraphs[1]


def test_a_hard_wrapped_text_without_blank_lines_ends_paragraphs_at_short_sentence_ends():
    text = ("The meeting opened at seven with the treasurer's report on the year's\n"
            "accounts, which showed a small surplus for the first time since 2019.\n"
            "The chair thanked her.\n"
            "Members then turned to the question of the hall roof, which has leaked\n"
            "over the stage since the storms in February and is getting worse.\n")
    assert paragraph_texts(text) == [
        "The meeting opened at seven with the treasurer's report on the year's accounts, "
        "which showed a small surplus for the first time since 2019. The chair thanked her.",
        "Members then turned to the question of the hall roof, which has leaked over the "
        "stage since the storms in February and is getting worse.",
    ]


def test_indented_paragraphs_of_a_wrapped_text_are_split():
    text = ("    The ferry came in at dawn, its deck white with frost, and the\n"
            "harbourmaster counted eleven passengers where the manifest promised\n"
            "nine, which he noted without comment in the ledger.\n"
            "    Two names were written in a hand nobody at the office recognised,\n"
            "and the clerk copied them into the ledger all the same, as told.\n")
    assert len(paragraph_texts(text)) == 2


WIRE_PARAGRAPHS = [
    "PORTMERE (Tidewire) - The harbour board on Tuesday approved a plan to deepen the "
    "channel by two metres, sending the contract to tender before the spring tides.",
    "The seven-to-four vote came after nine hours of argument between the board and the "
    "fishermen's cooperative over the disposal of the dredged sediment.",
    '"This is the only way to keep the port open to the larger ferries," the board\'s '
    "chair, Tomas Berg, told reporters after the vote.",
    "Critics called the depth a guess and asked for the engineers' survey to be "
    "published before any work starts.",
    "The auditor is to report on the costs in May. (Reporting by Ana Ruiz; Editing by "
    "Lena Holt)",
]


def test_a_wire_story_wrapped_at_70_columns_keeps_its_short_paragraphs(tmp_path):
    # Two or three lines a paragraph and no blank lines between them: every third line
    # break or so ends a paragraph, and the story is still hard-wrapped.
    import textwrap

    path = tmp_path / "dredging.txt"
    path.write_text("Harbour board approves dredging plan\n\n"
                    + "\n".join(textwrap.fill(p, 70) for p in WIRE_PARAGRAPHS) + "\n",
                    encoding="utf-8")
    article = import_source(str(path))
    assert paragraph_texts(article.body) == ["Harbour board approves dredging plan",
                                             *WIRE_PARAGRAPHS]


def test_one_sentence_a_line_of_wrap_length_is_still_one_paragraph_a_line():
    lines = ["The board met at seven and heard the treasurer's report on the accounts.",
             "The chair thanked her.",
             "Members then turned to the hall roof, which leaks over the stage.",
             "A vote on the repairs is due in May."]
    assert paragraph_texts("\n".join(lines)) == lines


def test_verse_and_lists_of_headlines_keep_their_lines():
    poem = ("The tide came in across the flats,\nAnd slowly filled the creek;\n"
            "The herons rose above the mud\nAnd did not stop to speak.\n\n"
            "The second stanza has a line,\nAnd then another one.\n")
    assert paragraph_texts(poem) == [
        "The tide came in across the flats,\nAnd slowly filled the creek;\n"
        "The herons rose above the mud\nAnd did not stop to speak.",
        "The second stanza has a line,\nAnd then another one."]
    headlines = "Council votes to close two libraries\nStorm bill tops two million\nRail fares to rise\n"
    assert paragraph_texts(headlines) == [headlines.strip()]


def test_each_chunk_is_judged_on_its_own():
    wire = (FIXTURES / "harbour-dredging-wire.txt").read_text("utf-8")
    etext = (FIXTURES / "drought-etext.txt").read_text("utf-8")
    assert len(paragraph_texts(wire + "\n" + etext)) == 7 + 4


def test_prose_broken_over_short_lines_still_reflows():
    assert paragraph_texts("First line\nsecond line\n") == ["First line second line"]


# -- keywords are not tags -----------------------------------------------------------------


def test_a_wire_pages_keywords_are_split_into_keywords_and_never_become_tags(library):
    article = add_source(library, str(FIXTURES / "guild-awards-wire.html")).article
    stored = Library.open(library.folder).article(article.id)
    assert stored.keywords == ["US", "AWARDS", "SAG", "Asia / Pacific", "Americas",
                               "Entertainment (TRBC level 3)", "Software (TRBC level 4)", "Film",
                               "Television", "Lifestyle"]
    assert stored.tags == []


def test_news_keywords_and_semicolons_count_too():
    dw = import_source(str(FIXTURES / "colonial-past-dw.html"))
    assert dw.keywords == ["Germany", "colonialism", "Namibia", "restitution", "museums"]
    letters = import_source(str(FIXTURES / "letters-page.html"))
    assert letters.keywords == ["letters", "transport", "high street"]


def test_the_users_tags_still_go_to_tags(library):
    article = add_source(library, str(FIXTURES / "guild-awards-wire.html"), {"tags": ["awards"]}).article
    assert (article.tags, "SAG" in article.keywords) == (["awards"], True)


# -- titles without the site's suffix ------------------------------------------------------


def test_a_dw_title_loses_its_site_and_date():
    article = import_source(str(FIXTURES / "colonial-past-dw.html"))
    assert article.title == "Berlin confronts its colonial past with a new initiative"


@pytest.mark.parametrize("title,sites,expected", [
    ("Berlin confronts its colonial past | DW | 19.01.2020", ["https://www.dw.com/en/x"],
     "Berlin confronts its colonial past"),
    ("Berlin confronts its colonial past | DW | 19.01.2020", ["Deutsche Welle"],
     "Berlin confronts its colonial past"),
    ("Streaming dramas sweep the awards | Reuters", ["reuters.com"], "Streaming dramas sweep the awards"),
    ("Ferry crossings cut - The Saltmarsh Gazette", ["The Saltmarsh Gazette"], "Ferry crossings cut"),
    ("Ferry crossings cut — Saltmarsh Gazette Online", ["saltmarsh-gazette.example"],
     "Ferry crossings cut"),
    ("Rail strike called off | BBC News", ["BBC"], "Rail strike called off"),
    ("Budget vote delayed – The Guardian", ["https://www.theguardian.com/politics/x"],
     "Budget vote delayed"),
    ("Budget vote delayed | Politics | The Guardian", ["The Guardian"], "Budget vote delayed | Politics"),
    ("Dredging plan approved - March 3, 2025", [], "Dredging plan approved"),
    # The segment is the headline's own, or would leave nothing:
    ("Reuters", ["Reuters"], "Reuters"),
    ("Spider-Man musical - a review", ["Valley Courier"], "Spider-Man musical - a review"),
    ("Interview - Ana Ruiz of DW", ["DW"], "Interview - Ana Ruiz of DW"),
    ("Review - 1984", ["Valley Courier"], "Review - 1984"),
    ("Votes: Reuters poll | Reuters poll", ["Reuters"], "Votes: Reuters poll | Reuters poll"),
])
def test_a_trailing_segment_goes_only_when_it_names_the_site_or_is_a_date(title, sites, expected):
    assert split_site_suffix(title, sites)[0] == expected


def test_a_suffix_the_headline_itself_carries_stays():
    assert split_site_suffix("Life at the BBC | BBC", ["BBC"],
                             headline="Life at the BBC | BBC")[0] == \
        "Life at the BBC | BBC"


@pytest.mark.parametrize("text,expected", [
    ("19.01.2020", True), ("2020-01-19", True), ("19 January 2020", True),
    ("Jan. 19, 2020", True), ("Sunday, 19 Jan 2020", True), ("19. Januar 2020", True),
    ("1984", False), ("Politics", False), ("Part 2", False),
])
def test_dates_in_titles(text, expected):
    assert is_date(text) is expected


# -- organisations and non-names among authors ---------------------------------------------


def test_deutsche_welle_on_dw_com_is_an_organisation_and_is_cited_whole(cli, library_dir):
    result = cli("add", str(FIXTURES / "colonial-past-dw.html"))
    article_id = result.stdout.split()[1]
    listed = {a["id"]: a for a in json.loads(cli("list", "--json").stdout)}
    assert listed[article_id]["authors"] == ["{Deutsche Welle}"]
    cited = cli("cite", article_id, "--style", "apa").stdout
    assert "Deutsche Welle" in cited and "Welle, D." not in cited


def test_a_site_named_only_in_its_copyright_notice_still_leaves_the_title():
    html = ("<html><head><title>Tide gauges moved inland | Harbour Watch Weekly</title></head>"
            "<body><article><h2>Gauges</h2><p>" + "The county moved its two tide gauges inland. " * 4
            + "</p></article><footer>© 2025 Harbour Watch Weekly</footer></body></html>")
    article = import_html(html, source="x", where="x", url="https://hww.example/gauges")
    assert article.title == "Tide gauges moved inland"


def test_a_blogger_who_holds_the_copyright_is_still_a_person():
    html = ('<html><head><title>Why I count terns</title><meta name="author" content="Jane Marsh">'
            '<meta name="copyright" content="© 2024 Jane Marsh"></head><body><article><p>'
            + "Every June I walk the shingle and count the nesting terns. " * 4
            + "</p></article><footer>© 2024 Jane Marsh. All rights reserved.</footer></body></html>")
    assert import_html(html, source="x", where="x").authors == ["Jane Marsh"]


def test_a_letters_page_has_no_author_named_letters():
    assert import_source(str(FIXTURES / "letters-page.html")).authors == []


def test_a_by_line_with_two_people_gives_two_authors():
    assert import_source(str(FIXTURES / "guild-awards-wire.html")).authors == ["Lena Ortiz", "Sam Whitfield"]


def test_json_ld_says_which_authors_are_organisations():
    # "Harbour Watch" has no organisation word; only the page's JSON-LD says what it is.
    html = ('<html><head><title>Dredging plan approved</title>'
            '<meta name="author" content="Harbour Watch and Ana Ruiz">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
            '{"@type": "Organization", "name": "Harbour Watch"}, {"@type": "Person", "name": "Ana Ruiz"}]}'
            '</script></head><body><article><p>' + "The harbour board voted to dredge the channel. " * 5
            + '</p></article></body></html>')
    assert import_html(html, source="x", where="x").authors == ["{Harbour Watch}", "Ana Ruiz"]
    assert clean_authors(["Harbour Watch"]) == ["Harbour Watch"]


@pytest.mark.parametrize("raw,sites,expected", [
    (["By Ana Ruiz and Tom Lee"], [], ["Ana Ruiz", "Tom Lee"]),
    (["Reporting by Ana Ruiz in Madrid; Editing by Tom Lee"], [], ["Ana Ruiz"]),
    (["Ana Ruiz, Tom Lee and Kim Park"], [], ["Ana Ruiz", "Tom Lee", "Kim Park"]),
    (["Okafor, Maria"], [], ["Okafor, Maria"]),
    (["Martin Luther King, Jr."], [], ["Martin Luther King, Jr."]),
    (["Ana Ruiz, Senior Correspondent"], [], ["Ana Ruiz"]),
    (["Ana Ruiz (Tidewire) <ana@tidewire.example>"], [], ["Ana Ruiz"]),
    (["Reuters"], ["Reuters"], ["{Reuters}"]),
    (["Reuters"], ["Yahoo News"], ["{Reuters}"]),  # a wire agency, whoever runs the story
    (["Reuters Staff"], [], ["{Reuters}"]),  # a staff byline: its outlet, as README says
    (["Guardian staff reporter"], ["The Guardian", "https://www.theguardian.com/x"],
     ["{The Guardian}"]),
    (["AP Newsroom"], [], ["{AP}"]),
    (["Ana Ruiz, Staff Writer"], [], ["Ana Ruiz"]),
    (["By JANE DOE"], [], ["Jane Doe"]),
    (["MARY-ANNE O'BRIEN and TOM LEE"], [], ["Mary-Anne O'Brien", "Tom Lee"]),
    (["Amnesty International"], [], ["{Amnesty International}"]),
    (["Ministry of Defence"], [], ["{Ministry of Defence}"]),
    (["The Editorial Board"], [], ["{The Editorial Board}"]),
    (["Associated Press"], [], ["{Associated Press}"]),
    (["Department of Health and Social Care"], [], ["{Department of Health and Social Care}"]),
    (["AFP"], [], ["{AFP}"]),
    (["Valley Courier"], ["https://valley-courier.example/x"], ["{Valley Courier}"]),
    (["{City Council}"], [], ["{City Council}"]),
    (["Letters"], [], []), (["Opinion"], [], []), (["Staff"], [], []), (["admin"], [], []),
    (["Guest"], [], []), (["Our Foreign Staff"], [], []), (["newsdesk@tidewire.example"], [], []),
    (["https://tidewire.example/authors/ana"], [], []), (["@anaruiz"], [], []),
    (["José Ortega y Gasset"], [], ["José Ortega y Gasset"]),
    (["Ursula von der Leyen"], [], ["Ursula von der Leyen"]),
    (["Emily Post"], [], ["Emily Post"]),
    (["Daniel Weber"], ["https://www.dw.com/x", "DW"], ["Daniel Weber"]),  # initials are not a site
])
def test_author_rules(raw, sites, expected):
    assert clean_authors(raw, sites) == expected


@pytest.mark.parametrize("byline,expected", [
    ("Ministry of Defence", ["{Ministry of Defence}"]),
    ("Department of Health", ["{Department of Health}"]),
    ("Greenpeace", ["{Greenpeace}"]),
    ("Amnesty International", ["{Amnesty International}"]),
    ("Guardian staff reporter", ["{The Guardian}"]),
    ("By JANE DOE", ["Jane Doe"]),
    ("Letters", []),
])
def test_a_pages_author_meta_is_read_even_when_trafilatura_keeps_none(byline, expected):
    # trafilatura returns no author for the first three: they were dropped altogether.
    html = (f'<html><head><title>Dredging plan approved</title><meta property="og:site_name" '
            f'content="The Guardian"><meta name="author" content="{byline}"></head><body><article>'
            "<h1>Dredging plan approved</h1><p>" + "The harbour board voted to dredge the channel. " * 5
            + "</p></article></body></html>")
    assert import_html(html, source="x", where="x").authors == expected


def test_an_organisation_author_is_cited_whole():
    from annotations.citation import render as citations
    from annotations.model import Article

    author = clean_authors(["Amnesty International"])
    article = Article(id="a", title="Dredging and rights", authors=author, published="2024")
    assert citations.reference(article, "apa").startswith("Amnesty International. (2024).")


def test_front_matter_authors_are_cleaned_too(tmp_path):
    path = tmp_path / "clip.md"
    path.write_text("---\ntitle: Clipped\nauthor: By Ana Ruiz and Tom Lee\nsite: Tidewire\n---\n\n"
                    "The board voted.\n", "utf-8")
    assert import_source(str(path)).authors == ["Ana Ruiz", "Tom Lee"]


# -- characters that disguise a title --------------------------------------------------------

DISGUISED = "Harbour \u202eWOLS\u202c dues\u200b \u2066report\u2069\u00ad"
"""A title that a terminal honouring bidirectional controls shows with "SLOW" where the
record says "WOLS", with a zero-width space, an isolate and a soft hyphen in it too."""


def test_bidi_and_invisible_characters_leave_a_pdfs_title_and_authors(tmp_path):
    from tests.helpers.pdfs import PdfBook

    book = PdfBook(info={"Title": DISGUISED, "Author": "Maria \u202eOkafor"})
    book.paragraph("The harbour board met on Tuesday to discuss the dues.")
    book.save(tmp_path / "dues.pdf")
    article = import_source(str(tmp_path / "dues.pdf"))
    assert article.title == "Harbour WOLS dues report"
    assert article.authors == ["Maria Okafor"]


def test_bidi_characters_leave_an_epubs_title(tmp_path):
    from tests.helpers.epubs import novella

    book = novella()
    book.title = "The Salt \u202eDAOR\u202c"
    book.creators = [("Halvard \u2067Mikkelsen\u2069", "aut")]
    article = import_source(str(book.write(tmp_path / "salt.epub")))
    assert (article.title, article.authors) == ("The Salt DAOR", ["Halvard Mikkelsen"])


def test_scripts_keep_the_joiners_and_marks_they_need():
    from annotations.textsafety import plain_metadata

    assert plain_metadata("می\u200cخواهم \u200fשלום\u200e 👩\u200d🔬") == \
        "می\u200cخواهم \u200fשלום\u200e 👩\u200d🔬"


def test_meta_set_takes_them_out_of_a_typed_title(cli, tmp_path):
    source = tmp_path / "dues.md"
    source.write_text("# Dues\n\nThe harbour board met.\n", encoding="utf-8")
    article_id = cli("add", str(source)).stdout.split()[1]
    assert cli("meta", article_id, "--set", f"title={DISGUISED}").exit_code == 0
    assert json.loads(cli("meta", article_id, "--json").stdout)["title"] == "Harbour WOLS dues report"


def test_a_stored_title_with_bidi_controls_is_printed_neutralised(cli, library_dir):
    # A record written before import cleaned titles: list, meta and cite show the controls
    # as � and never send them to the terminal.
    from reader.cli.adding import add_imported
    from reader.importing.article_source import ImportedArticle

    library = Library.open(library_dir)
    stored = add_imported(library, ImportedArticle(
        body="The harbour board met on Tuesday.\n", format="text", source="/old/dues.txt",
        title="Harbour \u202eWOLS\u202c dues", authors=["Maria \u2066Okafor\u2069"])).article
    outputs = [cli("list").stdout, cli("meta", stored.id).stdout,
               cli("cite", stored.id).stdout, cli("list", "--json").stdout]
    for output in outputs:
        assert not any(ch in output for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "Harbour �WOLS� dues" in outputs[0]
    assert json.loads(outputs[3])[0]["title"] == "Harbour \u202eWOLS\u202c dues"
