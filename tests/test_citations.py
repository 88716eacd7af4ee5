"""Citations in APA 7, Chicago 17 author-date and MLA 9, as the published rules give them.

The articles are made up; every expected string was written by hand from the style
manuals' rules and examples (APA Publication Manual 7th ed. ch. 9 and 10.2 and
apastyle.apa.org; The Chicago Manual of Style 17th ed. ch. 14-15; MLA Handbook 9th ed.
and style.mla.org), not copied from citeproc's output. Titles are stored in sentence
case, as Zotero and the CSL project advise: APA prints them so, Chicago and MLA in
headline case.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotations.citation import render as citations
from annotations.errors import GlossatorError
from annotations.model import Article

REPO = __import__("pathlib").Path(__file__).resolve().parent.parent


def article(type: str = "", **fields) -> Article:
    made = Article(id=fields.pop("id", "a"), **fields)
    if type:
        made.extra["type"] = type
    return made


# A news website article with one author (APA: "news website" form).
ONE_AUTHOR = article(
    title="Harbour dredging plan splits city council", authors=["Maria Okafor"],
    site="Coastal Daily News", published="2024-03-14", accessed="2024-04-02",
    url="https://coastaldaily.example/news/harbour-dredging",
)
# An unsigned newspaper article; the paper's name begins with "The".
NO_AUTHOR = article(
    type="newspaper", title="Winter ferry timetable", site="The Northport Herald",
    published="2023-11-05", accessed="2024-01-08",
    url="https://northportherald.example/2023/11/05/winter-ferry-timetable",
)
# Two authors, one written "Family, Given"; a title that ends in a question mark.
TWO_AUTHORS = article(
    type="newspaper", title="Who pays for the dredging?", authors=["Daniel Brooks", "Tanaka, Aiko"],
    site="Northport Herald", published="2024-05-02",
    url="https://northportherald.example/2024/05/02/who-pays",
)
# Three authors, a month-only date, a subtitle, a hyphenated word and a last word "up".
THREE_AUTHORS = article(
    title="Long-term dredging survey: What it turned up",
    authors=["Lena Fischer", "Omar Haddad", "Priya Raman"], site="Coastal Daily News",
    published="2024-06", url="https://coastaldaily.example/survey",
)
FOUR_AUTHORS = article(
    title="Silt, salt and the city", authors=["Lena Fischer", "Omar Haddad", "Priya Raman", "Tomás Ortega"],
    site="Coastal Daily News", published="2024-07-09", url="https://coastaldaily.example/silt",
)
# No date; two given names.
NO_DATE = article(
    title="Living with the tides", authors=["Elsa Marie Lindqvist"], site="Harbour Voices",
    accessed="2025-01-20", url="https://harbourvoices.example/living-with-the-tides",
)
# An organization as author, on a website of another name.
CORPORATE = article(
    type="webpage", title="Dredging consultation: Summary of responses",
    authors=["{Northport Port Authority}"], site="Port of Northport", published="2024-06-10",
    url="https://portofnorthport.example/consultation",
)
# An organization as author of a page on its own website.
CORPORATE_OWN_SITE = article(
    type="webpage", title="Harbour works timetable", authors=["{Northport City Council}"],
    site="Northport City Council", published="2024-02", accessed="2024-03-01",
    url="https://northport.example/harbour-works",
)
# An undated page of a website meant to change.
UNDATED_PAGE = article(
    type="webpage", title="Tide tables", authors=["{Northport City Council}"],
    site="Northport City Council", accessed="2025-02-03", url="https://northport.example/tides",
)
TWENTY_ONE = [f"Given{chr(65 + i)} Family{chr(65 + i)}" for i in range(21)]
MANY_AUTHORS = article(
    title="Sediment and silt", authors=TWENTY_ONE, site="Coastal Daily News",
    published="2024-08-01", url="https://coastaldaily.example/many",
)
ELEVEN_AUTHORS = article(
    title="Sediment and silt", authors=TWENTY_ONE[:11], site="Coastal Daily News",
    published="2024-08-01", url="https://coastaldaily.example/many",
)

# (article, paragraph, in-text citation, reference), Markdown.
APA = {
    "one author": (
        ONE_AUTHOR, 3, "(Okafor, 2024, para. 3)",
        "Okafor, M. (2024, March 14). *Harbour dredging plan splits city council*. "
        "Coastal Daily News. https://coastaldaily.example/news/harbour-dredging",
    ),
    "no author": (
        NO_AUTHOR, 2, "(“Winter Ferry Timetable,” 2023, para. 2)",
        "Winter ferry timetable. (2023, November 5). *The Northport Herald*. "
        "https://northportherald.example/2023/11/05/winter-ferry-timetable",
    ),
    "two authors": (
        TWO_AUTHORS, 4, "(Brooks & Tanaka, 2024, para. 4)",
        "Brooks, D., & Tanaka, A. (2024, May 2). Who pays for the dredging? *Northport Herald*. "
        "https://northportherald.example/2024/05/02/who-pays",
    ),
    "three authors": (
        THREE_AUTHORS, 1, "(Fischer et al., 2024, para. 1)",
        "Fischer, L., Haddad, O., & Raman, P. (2024, June). *Long-term dredging survey: What it "
        "turned up*. Coastal Daily News. https://coastaldaily.example/survey",
    ),
    "four authors": (
        FOUR_AUTHORS, 2, "(Fischer et al., 2024, para. 2)",
        "Fischer, L., Haddad, O., Raman, P., & Ortega, T. (2024, July 9). *Silt, salt and the "
        "city*. Coastal Daily News. https://coastaldaily.example/silt",
    ),
    "no date": (
        NO_DATE, 5, "(Lindqvist, n.d., para. 5)",
        "Lindqvist, E. M. (n.d.). *Living with the tides*. Harbour Voices. "
        "https://harbourvoices.example/living-with-the-tides",
    ),
    "corporate author": (
        CORPORATE, 6, "(Northport Port Authority, 2024, para. 6)",
        "Northport Port Authority. (2024, June 10). *Dredging consultation: Summary of "
        "responses*. Port of Northport. https://portofnorthport.example/consultation",
    ),
    "corporate author, own site": (
        CORPORATE_OWN_SITE, 2, "(Northport City Council, 2024, para. 2)",
        "Northport City Council. (2024, February). *Harbour works timetable*. "
        "https://northport.example/harbour-works",
    ),
    "undated page": (
        UNDATED_PAGE, 1, "(Northport City Council, n.d., para. 1)",
        "Northport City Council. (n.d.). *Tide tables*. Retrieved February 3, 2025, from "
        "https://northport.example/tides",
    ),
    "21 authors": (
        MANY_AUTHORS, 7, "(FamilyA et al., 2024, para. 7)",
        "FamilyA, G., FamilyB, G., FamilyC, G., FamilyD, G., FamilyE, G., FamilyF, G., "
        "FamilyG, G., FamilyH, G., FamilyI, G., FamilyJ, G., FamilyK, G., FamilyL, G., "
        "FamilyM, G., FamilyN, G., FamilyO, G., FamilyP, G., FamilyQ, G., FamilyR, G., "
        "FamilyS, G., . . . FamilyU, G. (2024, August 1). *Sediment and silt*. Coastal Daily "
        "News. https://coastaldaily.example/many",
    ),
}

CHICAGO = {
    "one author": (
        ONE_AUTHOR, 3, "(Okafor 2024, para. 3)",
        "Okafor, Maria. 2024. “Harbour Dredging Plan Splits City Council.” *Coastal Daily "
        "News*, March 14, 2024. https://coastaldaily.example/news/harbour-dredging.",
    ),
    "no author": (
        NO_AUTHOR, 2, "(*Northport Herald* 2023, para. 2)",
        "*Northport Herald*. 2023. “Winter Ferry Timetable.” November 5, 2023. "
        "https://northportherald.example/2023/11/05/winter-ferry-timetable.",
    ),
    "two authors": (
        TWO_AUTHORS, 4, "(Brooks and Tanaka 2024, para. 4)",
        "Brooks, Daniel, and Aiko Tanaka. 2024. “Who Pays for the Dredging?” *Northport "
        "Herald*, May 2, 2024. https://northportherald.example/2024/05/02/who-pays.",
    ),
    "three authors": (
        THREE_AUTHORS, 1, "(Fischer, Haddad, and Raman 2024, para. 1)",
        "Fischer, Lena, Omar Haddad, and Priya Raman. 2024. “Long-Term Dredging Survey: What It "
        "Turned Up.” *Coastal Daily News*, June 2024. https://coastaldaily.example/survey.",
    ),
    "four authors": (
        FOUR_AUTHORS, 2, "(Fischer et al. 2024, para. 2)",
        "Fischer, Lena, Omar Haddad, Priya Raman, and Tomás Ortega. 2024. “Silt, Salt and the "
        "City.” *Coastal Daily News*, July 9, 2024. https://coastaldaily.example/silt.",
    ),
    "no date": (
        NO_DATE, 5, "(Lindqvist, n.d., para. 5)",
        "Lindqvist, Elsa Marie. n.d. “Living with the Tides.” *Harbour Voices*. Accessed "
        "January 20, 2025. https://harbourvoices.example/living-with-the-tides.",
    ),
    "corporate author": (
        CORPORATE, 6, "(Northport Port Authority 2024, para. 6)",
        "Northport Port Authority. 2024. “Dredging Consultation: Summary of Responses.” Port of "
        "Northport. June 10, 2024. https://portofnorthport.example/consultation.",
    ),
    "corporate author, own site": (
        CORPORATE_OWN_SITE, 2, "(Northport City Council 2024, para. 2)",
        "Northport City Council. 2024. “Harbour Works Timetable.” February 2024. "
        "https://northport.example/harbour-works.",
    ),
    "undated page": (
        UNDATED_PAGE, 1, "(Northport City Council, n.d., para. 1)",
        "Northport City Council. n.d. “Tide Tables.” Accessed February 3, 2025. "
        "https://northport.example/tides.",
    ),
    "11 authors": (
        ELEVEN_AUTHORS, 7, "(FamilyA et al. 2024, para. 7)",
        "FamilyA, GivenA, GivenB FamilyB, GivenC FamilyC, GivenD FamilyD, GivenE FamilyE, "
        "GivenF FamilyF, GivenG FamilyG, et al. 2024. “Sediment and Silt.” *Coastal Daily "
        "News*, August 1, 2024. https://coastaldaily.example/many.",
    ),
}

MLA = {
    "one author": (
        ONE_AUTHOR, 3, "(Okafor, par. 3)",
        "Okafor, Maria. “Harbour Dredging Plan Splits City Council.” *Coastal Daily News*, "
        "14 Mar. 2024, coastaldaily.example/news/harbour-dredging.",
    ),
    "no author": (
        NO_AUTHOR, 2, "(“Winter Ferry Timetable,” par. 2)",
        "“Winter Ferry Timetable.” *The Northport Herald*, 5 Nov. 2023, "
        "northportherald.example/2023/11/05/winter-ferry-timetable.",
    ),
    "two authors": (
        TWO_AUTHORS, 4, "(Brooks and Tanaka, par. 4)",
        "Brooks, Daniel, and Aiko Tanaka. “Who Pays for the Dredging?” *Northport Herald*, "
        "2 May 2024, northportherald.example/2024/05/02/who-pays.",
    ),
    "three authors": (
        THREE_AUTHORS, 1, "(Fischer et al., par. 1)",
        "Fischer, Lena, et al. “Long-Term Dredging Survey: What It Turned Up.” *Coastal Daily "
        "News*, June 2024, coastaldaily.example/survey.",
    ),
    "four authors": (
        FOUR_AUTHORS, 2, "(Fischer et al., par. 2)",
        "Fischer, Lena, et al. “Silt, Salt and the City.” *Coastal Daily News*, 9 July 2024, "
        "coastaldaily.example/silt.",
    ),
    "no date": (
        NO_DATE, 5, "(Lindqvist, par. 5)",
        "Lindqvist, Elsa Marie. “Living with the Tides.” *Harbour Voices*, "
        "harbourvoices.example/living-with-the-tides. Accessed 20 Jan. 2025.",
    ),
    "corporate author": (
        CORPORATE, 6, "(Northport Port Authority, par. 6)",
        "Northport Port Authority. “Dredging Consultation: Summary of Responses.” *Port of "
        "Northport*, 10 June 2024, portofnorthport.example/consultation.",
    ),
    "corporate author, own site": (
        CORPORATE_OWN_SITE, 2, "(“Harbour Works Timetable,” par. 2)",
        "“Harbour Works Timetable.” *Northport City Council*, Feb. 2024, "
        "northport.example/harbour-works.",
    ),
    "undated page": (
        UNDATED_PAGE, 1, "(“Tide Tables,” par. 1)",
        "“Tide Tables.” *Northport City Council*, northport.example/tides. Accessed 3 Feb. 2025.",
    ),
}

CASES = [(style, name, *case) for style, table in (("apa", APA), ("chicago", CHICAGO), ("mla", MLA))
         for name, case in table.items()]


@pytest.mark.parametrize(("style", "name", "source", "paragraph", "cite", "entry"), CASES,
                         ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_markdown_citation_and_reference_follow_the_published_rules(
        style, name, source, paragraph, cite, entry):
    assert citations.in_text(source, style, paragraph=paragraph, markup="markdown") == cite
    assert citations.reference(source, style, markup="markdown") == entry


@pytest.mark.parametrize(("style", "name", "source", "paragraph", "cite", "entry"), CASES,
                         ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_plain_text_is_the_markdown_without_its_asterisks(
        style, name, source, paragraph, cite, entry):
    assert citations.in_text(source, style, paragraph=paragraph) == cite.replace("*", "")
    assert citations.reference(source, style) == entry.replace("*", "")


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "(Okafor, 2024)"), ("chicago", "(Okafor 2024)"), ("mla", "(Okafor)"),
])
def test_without_a_paragraph_the_citation_has_no_locator(style, expected):
    assert citations.in_text(ONE_AUTHOR, style) == expected


def test_paragraph_locators_follow_each_style():
    # APA 7 (8.28) and CMOS 17 abbreviate paragraph "para."; MLA 9 "par.".
    assert citations.in_text(ONE_AUTHOR, "apa", paragraph=12).endswith("para. 12)")
    assert citations.in_text(ONE_AUTHOR, "chicago", paragraph=12).endswith("para. 12)")
    assert citations.in_text(ONE_AUTHOR, "mla", paragraph=12).endswith("par. 12)")


def test_markdown_characters_in_titles_are_escaped():
    starred = article(title="The *real* cost of dredging", authors=["Maria Okafor"],
                      site="Coastal Daily News", published="2024", url="https://c.example/x")
    assert citations.reference(starred, "apa", markup="markdown") == (
        r"Okafor, M. (2024). *The \*real\* cost of dredging*. Coastal Daily News. https://c.example/x"
    )
    assert citations.reference(starred, "apa") == (
        "Okafor, M. (2024). The *real* cost of dredging. Coastal Daily News. https://c.example/x"
    )


def test_a_title_in_another_language_keeps_its_capitals():
    german = article(title="Die Zukunft des Hafens", authors=["Jonas Becker"], site="Hafenblatt",
                     published="2024-01-15", url="https://hafenblatt.example/zukunft", language="de")
    assert citations.reference(german, "mla") == (
        "Becker, Jonas. “Die Zukunft des Hafens.” Hafenblatt, 15 Jan. 2024, "
        "hafenblatt.example/zukunft."
    )


def test_unknown_style_is_one_clear_error():
    with pytest.raises(GlossatorError, match="unknown citation style 'harvard'; use one of: apa"):
        citations.reference(ONE_AUTHOR, "harvard")


def test_renders_are_cached_and_follow_metadata_changes():
    changing = article(title="Harbour dredging plan splits city council", authors=["Maria Okafor"],
                       site="Coastal Daily News", published="2024-03-14")
    assert citations.in_text(changing, "apa") == "(Okafor, 2024)"
    changing.published = "2025"
    assert citations.in_text(changing, "apa") == "(Okafor, 2025)"


def test_citations_do_not_import_citeproc_until_used():
    code = ("import sys, annotations.citation.render, annotations.export.markdown; "
            "print('citeproc' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.stdout.strip() == "False", done.stderr


def test_the_styles_and_their_licence_ship_as_package_data():
    from importlib.resources import files

    styles = files("annotations.citation") / "styles"
    names = {entry.name for entry in styles.iterdir()}
    assert {"apa.csl", "chicago-author-date-17th-edition.csl",
            "modern-language-association.csl", "LICENSE.txt"} <= names
    notice = (styles / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Creative Commons Attribution-ShareAlike 3.0" in notice


def test_citations_rendered_from_several_threads_are_all_right():
    from concurrent.futures import ThreadPoolExecutor

    jobs = [(style, case) for style, _, *case in CASES] * 3

    def render(job):
        style, (source, paragraph, cite, entry) = job
        return (citations.in_text(source, style, paragraph=paragraph + 100, markup="markdown"),
                citations.reference(source, style, "markdown"), cite, entry, paragraph)

    with ThreadPoolExecutor(max_workers=4) as pool:
        for got_cite, got_entry, cite, entry, paragraph in pool.map(render, jobs):
            assert got_entry == entry
            assert got_cite == cite.replace(f" {paragraph})", f" {paragraph + 100})")
