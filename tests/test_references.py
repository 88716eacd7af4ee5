"""References for scholarly works in APA 7, MLA 9 and Chicago 17 author-date: journal
articles, reports, books and book chapters, as the manuals' rules give them.

The works are made up; every expected string was written by hand from the rules, not
copied from citeproc's output:

- APA 7 (10.1 journal articles: journal and volume in italics, issue in parentheses, the
  full page range, the DOI as https://doi.org/…; 10.2 books: "(2nd ed.)", no place, "(Eds.)";
  10.3 chapters: "In L. Ferraro & T. Whitby (Eds.), *Book* (pp. 45–67)."; 10.4 reports:
  "(Report No. 22-07)" and the institution as publisher, left out when it is the author).
- MLA 9 (the container: "vol. 14, no. 2, 2021, pp. 112–30", ranges shortened to two digits
  past 99, the DOI after the pages; "2nd ed.,"; "edited by"; "editors"; a work whose author
  is its publisher begins with its title).
- CMOS 17 author-date (15.9, 14.171: "*Journal* 14 (2): 112–30."; 9.61 inclusive numbers;
  books "2nd ed. Bristol: Harbourside Press."; chapters "In *Book*, edited by …, 45–67.
  Cardiff: Tideline Academic."; "eds." after editors who stand first).

Titles are stored in sentence case: APA prints them so, Chicago and MLA in headline case.
"""

from __future__ import annotations

import pytest

from annotations.citation import render as citations
from annotations.citation.locators import Locator
from annotations.model import Article

JOURNAL = Article(
    id="okonjo", type="journal", title="Tidal silt and harbour economics: A regional study",
    authors=["Amara Okonjo", "Henrik Solberg"], site="Journal of Coastal Planning",
    published="2021", volume="14", issue="2", pages="112–130", doi="10.5555/jcp.2021.0142",
    url="https://jcp.example/articles/0142",
)
# Three authors; a four-digit range where three digits change (CMOS 9.61: "1496–504").
JOURNAL_LONG_RANGE = Article(
    id="fischer", type="journal", title="Ballast and the early modern port",
    authors=["Lena Fischer", "Omar Haddad", "Priya Raman"], site="Journal of Maritime History",
    published="2023", volume="38", issue="4", pages="1496-1504",
    url="https://jmh.example/38/ballast",
)
REPORT = Article(
    id="carvalho", type="report", title="Sediment monitoring in the Northport estuary, 2019–2021",
    authors=["Ines Carvalho"], published="2022", publisher="Northport Harbour Commission",
    place="Northport", number="22-07", url="https://nhc.example/reports/22-07",
)
# An agency's own report: the author is the publisher.
AGENCY_REPORT = Article(
    id="nhc", type="report", title="Annual dredging report 2023",
    authors=["{Northport Harbour Commission}"], published="2024",
    publisher="Northport Harbour Commission", url="https://nhc.example/reports/annual-2023",
)
BOOK = Article(
    id="delgado", type="book", title="The tidal city: Ports, people and the sea",
    authors=["Rosa Delgado"], published="2019", publisher="Harbourside Press", place="Bristol",
    edition="2",
)
EDITED_BOOK = Article(
    id="ferraro", type="book", title="Coastal communities in change",
    editors=["Lucia Ferraro", "Tom Whitby"], published="2020", publisher="Tideline Academic",
    place="Cardiff", doi="10.5555/ccc.2020",
)
CHAPTER = Article(
    id="mensah", type="chapter", title="Fishing rights and the new breakwater",
    authors=["Kwame Mensah"], editors=["Lucia Ferraro", "Tom Whitby"],
    site="Coastal communities in change", published="2020", pages="45–67",
    publisher="Tideline Academic", place="Cardiff",
)
# One editor; a range from 101 (CMOS: "101–8"; MLA: "101–08"; APA: in full).
CHAPTER_ONE_EDITOR = Article(
    id="lindgren", type="chapter", title="Salt marsh restoration", authors=["Sofia Lindgren"],
    editors=["Hannah Price"], site="Estuaries: A reader", published="2018", pages="101–108",
    publisher="Riverbank Press", place="Leeds",
)

# (work, page-locator citation, reference), Markdown.
APA = {
    "journal article": (
        JOURNAL, "(Okonjo & Solberg, 2021, p. 118)",
        "Okonjo, A., & Solberg, H. (2021). Tidal silt and harbour economics: A regional study. "
        "*Journal of Coastal Planning*, *14*(2), 112–130. https://doi.org/10.5555/jcp.2021.0142",
    ),
    "journal article, long range": (
        JOURNAL_LONG_RANGE, "(Fischer et al., 2023, p. 118)",
        "Fischer, L., Haddad, O., & Raman, P. (2023). Ballast and the early modern port. "
        "*Journal of Maritime History*, *38*(4), 1496–1504. https://jmh.example/38/ballast",
    ),
    "report": (
        REPORT, "(Carvalho, 2022, p. 118)",
        "Carvalho, I. (2022). *Sediment monitoring in the Northport estuary, 2019–2021* (Report "
        "No. 22-07). Northport Harbour Commission. https://nhc.example/reports/22-07",
    ),
    "agency report": (
        AGENCY_REPORT, "(Northport Harbour Commission, 2024, p. 118)",
        "Northport Harbour Commission. (2024). *Annual dredging report 2023*. "
        "https://nhc.example/reports/annual-2023",
    ),
    "book": (
        BOOK, "(Delgado, 2019, p. 118)",
        "Delgado, R. (2019). *The tidal city: Ports, people and the sea* (2nd ed.). Harbourside "
        "Press.",
    ),
    "edited book": (
        EDITED_BOOK, "(Ferraro & Whitby, 2020, p. 118)",
        "Ferraro, L., & Whitby, T. (Eds.). (2020). *Coastal communities in change*. Tideline "
        "Academic. https://doi.org/10.5555/ccc.2020",
    ),
    "chapter": (
        CHAPTER, "(Mensah, 2020, p. 118)",
        "Mensah, K. (2020). Fishing rights and the new breakwater. In L. Ferraro & T. Whitby "
        "(Eds.), *Coastal communities in change* (pp. 45–67). Tideline Academic.",
    ),
    "chapter, one editor": (
        CHAPTER_ONE_EDITOR, "(Lindgren, 2018, p. 118)",
        "Lindgren, S. (2018). Salt marsh restoration. In H. Price (Ed.), *Estuaries: A reader* "
        "(pp. 101–108). Riverbank Press.",
    ),
}

MLA = {
    "journal article": (
        JOURNAL, "(Okonjo and Solberg 118)",
        "Okonjo, Amara, and Henrik Solberg. “Tidal Silt and Harbour Economics: A Regional Study.” "
        "*Journal of Coastal Planning*, vol. 14, no. 2, 2021, pp. 112–30, "
        "https://doi.org/10.5555/jcp.2021.0142.",
    ),
    "journal article, long range": (
        JOURNAL_LONG_RANGE, "(Fischer et al. 118)",
        "Fischer, Lena, et al. “Ballast and the Early Modern Port.” *Journal of Maritime "
        "History*, vol. 38, no. 4, 2023, pp. 1496–504, jmh.example/38/ballast.",
    ),
    "report": (
        REPORT, "(Carvalho 118)",
        "Carvalho, Ines. *Sediment Monitoring in the Northport Estuary, 2019–2021*. Report no. "
        "22-07, Northport Harbour Commission, 2022, nhc.example/reports/22-07.",
    ),
    "agency report": (
        AGENCY_REPORT, "(*Annual Dredging Report 2023* 118)",
        "*Annual Dredging Report 2023*. Northport Harbour Commission, 2024, "
        "nhc.example/reports/annual-2023.",
    ),
    "book": (
        BOOK, "(Delgado 118)",
        "Delgado, Rosa. *The Tidal City: Ports, People and the Sea*. 2nd ed., Harbourside Press, "
        "2019.",
    ),
    "edited book": (
        EDITED_BOOK, "(Ferraro and Whitby 118)",
        "Ferraro, Lucia, and Tom Whitby, editors. *Coastal Communities in Change*. Tideline "
        "Academic, 2020, https://doi.org/10.5555/ccc.2020.",
    ),
    "chapter": (
        CHAPTER, "(Mensah 118)",
        "Mensah, Kwame. “Fishing Rights and the New Breakwater.” *Coastal Communities in "
        "Change*, edited by Lucia Ferraro and Tom Whitby, Tideline Academic, 2020, pp. 45–67.",
    ),
    "chapter, one editor": (
        CHAPTER_ONE_EDITOR, "(Lindgren 118)",
        "Lindgren, Sofia. “Salt Marsh Restoration.” *Estuaries: A Reader*, edited by Hannah "
        "Price, Riverbank Press, 2018, pp. 101–08.",
    ),
}

CHICAGO = {
    "journal article": (
        JOURNAL, "(Okonjo and Solberg 2021, 118)",
        "Okonjo, Amara, and Henrik Solberg. 2021. “Tidal Silt and Harbour Economics: A Regional "
        "Study.” *Journal of Coastal Planning* 14 (2): 112–30. "
        "https://doi.org/10.5555/jcp.2021.0142.",
    ),
    "journal article, long range": (
        JOURNAL_LONG_RANGE, "(Fischer, Haddad, and Raman 2023, 118)",
        "Fischer, Lena, Omar Haddad, and Priya Raman. 2023. “Ballast and the Early Modern Port.” "
        "*Journal of Maritime History* 38 (4): 1496–504. https://jmh.example/38/ballast.",
    ),
    "report": (
        REPORT, "(Carvalho 2022, 118)",
        "Carvalho, Ines. 2022. *Sediment Monitoring in the Northport Estuary, 2019–2021*. Report "
        "No. 22-07. Northport: Northport Harbour Commission. https://nhc.example/reports/22-07.",
    ),
    "agency report": (
        AGENCY_REPORT, "(Northport Harbour Commission 2024, 118)",
        "Northport Harbour Commission. 2024. *Annual Dredging Report 2023*. Northport Harbour "
        "Commission. https://nhc.example/reports/annual-2023.",
    ),
    "book": (
        BOOK, "(Delgado 2019, 118)",
        "Delgado, Rosa. 2019. *The Tidal City: Ports, People and the Sea*. 2nd ed. Bristol: "
        "Harbourside Press.",
    ),
    "edited book": (
        EDITED_BOOK, "(Ferraro and Whitby 2020, 118)",
        "Ferraro, Lucia, and Tom Whitby, eds. 2020. *Coastal Communities in Change*. Cardiff: "
        "Tideline Academic. https://doi.org/10.5555/ccc.2020.",
    ),
    "chapter": (
        CHAPTER, "(Mensah 2020, 118)",
        "Mensah, Kwame. 2020. “Fishing Rights and the New Breakwater.” In *Coastal Communities "
        "in Change*, edited by Lucia Ferraro and Tom Whitby, 45–67. Cardiff: Tideline Academic.",
    ),
    "chapter, one editor": (
        CHAPTER_ONE_EDITOR, "(Lindgren 2018, 118)",
        "Lindgren, Sofia. 2018. “Salt Marsh Restoration.” In *Estuaries: A Reader*, edited by "
        "Hannah Price, 101–8. Leeds: Riverbank Press.",
    ),
}

CASES = [(style, name, *case) for style, table in (("apa", APA), ("mla", MLA), ("chicago", CHICAGO))
         for name, case in table.items()]
IDS = [f"{c[0]}: {c[1]}" for c in CASES]
PAGE = Locator(page="118")


@pytest.mark.parametrize(("style", "name", "work", "cite", "entry"), CASES, ids=IDS)
def test_markdown_reference_and_page_citation_follow_the_manuals(style, name, work, cite, entry):
    assert citations.reference(work, style, markup="markdown") == entry
    assert citations.in_text(work, style, PAGE, markup="markdown") == cite


@pytest.mark.parametrize(("style", "name", "work", "cite", "entry"), CASES, ids=IDS)
def test_plain_text_is_the_markdown_without_its_asterisks(style, name, work, cite, entry):
    assert citations.reference(work, style) == entry.replace("*", "")
    assert citations.in_text(work, style, PAGE) == cite.replace("*", "")


@pytest.mark.parametrize("style", ["apa", "mla", "chicago"])
def test_the_doi_is_the_link_and_the_url_is_left_out(style):
    entry = citations.reference(JOURNAL, style)
    assert "https://doi.org/10.5555/jcp.2021.0142" in entry
    assert "jcp.example" not in entry


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "Okafor, M. (2024, March 14). Harbour dredging plan. Coastal Daily News. "
            "https://doi.org/10.5555/cdn.88"),
    ("mla", "Okafor, Maria. “Harbour Dredging Plan.” Coastal Daily News, 14 Mar. 2024, "
            "https://doi.org/10.5555/cdn.88."),
    ("chicago", "Okafor, Maria. 2024. “Harbour Dredging Plan.” Coastal Daily News, March 14, 2024. "
                "https://doi.org/10.5555/cdn.88."),
])
def test_a_news_article_with_a_doi_links_the_doi(style, expected):
    news = Article(id="n", title="Harbour dredging plan", authors=["Maria Okafor"],
                   site="Coastal Daily News", published="2024-03-14", doi="10.5555/cdn.88")
    assert citations.reference(news, style) == expected


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "Okafor, M. (2024). Silt and money. https://doi.org/10.5555/est.7"),
    ("mla", "Okafor, Maria. Silt and Money. 5 Mar. 2024, https://doi.org/10.5555/est.7."),
    ("chicago", "Okafor, Maria. 2024. Silt and Money. https://doi.org/10.5555/est.7."),
])
def test_a_journal_article_whose_journal_is_not_known_gives_its_date_once(style, expected):
    # What a PDF with a DOI on page 1 used to be: typed a journal article, with no
    # journal. Chicago printed "2024. March 5, 2024.", APA a bare italic volume.
    paper = Article(id="p", type="journal", title="Silt and money", authors=["Maria Okafor"],
                    published="2024-03-05", volume="3", doi="10.5555/est.7")
    assert citations.reference(paper, style) == expected


def test_markdown_characters_in_a_publisher_are_escaped():
    starred = Article(id="s", type="book", title="Tides", authors=["Ann Lee"], published="2020",
                      publisher="Press *One*")
    assert citations.reference(starred, "apa", markup="markdown") == (
        r"Lee, A. (2020). *Tides*. Press \*One\*."
    )


def test_fields_left_from_another_type_are_kept_but_not_cited():
    # A news article's site, kept after the article was set to be a book: a book is not
    # published "In *Coastal Daily News* (Vol. 3, …)".
    was_news = Article(id="w", type="book", title="The tidal city", authors=["Rosa Delgado"],
                       published="2019", publisher="Harbourside Press", site="Coastal Daily News",
                       volume="3", issue="4", pages="1–3")
    assert citations.reference(was_news, "apa") == "Delgado, R. (2019). The tidal city. Harbourside Press."
    assert citations.reference(was_news, "chicago") == (
        "Delgado, Rosa. 2019. The Tidal City. Harbourside Press.")
    assert was_news.site == "Coastal Daily News"


# A double title: the "or" after the semicolon is part of the title's joint, not a word
# that headline case capitalizes.
DOUBLE_TITLE = Article(
    id="varley", type="book", title="The tide clerk; or, A winter at Northport",
    authors=["Edith Varley"], published="1851", publisher="Harbourside Press", place="Bristol",
)


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "Varley, E. (1851). *The tide clerk; or, A winter at Northport*. Harbourside Press."),
    ("mla", "Varley, Edith. *The Tide Clerk; or, A Winter at Northport*. Harbourside Press, 1851."),
    ("chicago", "Varley, Edith. 1851. *The Tide Clerk; or, A Winter at Northport*. Bristol: "
                "Harbourside Press."),
])
def test_the_or_of_a_double_title_stays_lowercase(style, expected):
    assert citations.reference(DOUBLE_TITLE, style, markup="markdown") == expected
