"""`glossator import` of Hypothesis annotations (the client's export, API rows, JSON Lines)
and of another tool's W3C annotations: matched by page address, anchored, de-duplicated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.colours import name_colour
from annotations.model import Annotation
from annotations.store import Library
from reader.document.cache import load_document
from tests.helpers.annotation_files import (
    hypothesis_export,
    hypothesis_row,
    utf16_offset,
    w3c_annotation,
    write_json,
    write_json_lines,
)
from tests.helpers.library import add_sample, mark, snapshot, write_sample
from tests.test_bad_input import assert_refused

TRAM = "https://valley-courier.example/tram-extension"
TRAM_WRITTEN_OTHERWISE = "http://www.valley-courier.example/tram-extension/?utm_source=feed&utm_medium=rss#top"


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    library = Library.open(library_dir)
    add_sample(library, tmp_path / "src")
    return library


def tram_text(library: Library) -> str:
    tram = next(a for a in library.articles() if a.url == TRAM)
    return load_document(library, tram).text


def marks_of(library_dir: Path) -> list[Annotation]:
    return list(Library.open(library_dir).all_annotations())


def row_at(article_text: str, quote: str, **details) -> dict:
    """A row on `quote` where it is in `article_text`, its position in UTF-16 units."""
    start = article_text.index(quote)
    end = start + len(quote)
    return hypothesis_row(TRAM, quote, start=utf16_offset(article_text, start),
                          end=utf16_offset(article_text, end), prefix=article_text[max(0, start - 32):start],
                          suffix=article_text[end:end + 32], **details)


def test_a_hypothesis_export_comes_in_anchored_with_its_notes_tags_and_authors(cli, library,
                                                                               library_dir, tmp_path):
    text = tram_text(library)
    rows = [
        row_at(text, "wildly optimistic", text="Says who? See *the 2019 study*.", tags=["claim", "transport"],
               row_id="a1"),
        row_at(text, "Who will pay if passenger numbers fall short of 9,000 a day?", tags=["Question"],
               row_id="a2", user="acct:kofi@annotate.example.org"),
        hypothesis_row(TRAM, "The regional authority approved a tram extension to Milbrook on Monday",
                       tags=["funding / public"], row_id="a3"),  # misspelt: fuzzy
        hypothesis_row(TRAM, "The mayor resigned in protest at the decision", row_id="a4"),  # orphan
    ]
    export = write_json(tmp_path / "hypothesis.json", hypothesis_export(rows))
    done = cli("import", str(export))
    assert done.exit_code == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("Hypothesis export: 2 anchored exactly, 1 fuzzy (lowest score 0.")
    assert first.endswith("1 orphaned, 0 duplicate(s) skipped into 1 article(s)")
    found = {m.id: m for m in marks_of(library_dir)}
    by_quote = {m.exact: m for m in found.values()}
    claim = by_quote["wildly optimistic"]
    assert (claim.kind, claim.tags, claim.note) == ("claim", ["transport"], "Says who? See *the 2019 study*.")
    assert claim.author == "orla@hypothes.is"
    assert (claim.created, claim.updated) == ("2026-03-01T10:15:30Z", "2026-03-01T10:15:30Z")
    assert text[claim.start:claim.end] == "wildly optimistic" and claim.paragraph == 2
    question = by_quote["Who will pay if passenger numbers fall short of 9,000 a day?"]
    assert (question.kind, question.status, question.author) == ("question", "open",
                                                                 "kofi@annotate.example.org")
    [fuzzy] = [m for m in found.values() if m.anchor_score is not None]
    assert fuzzy.exact == "The regional authority approved a tram extension to Millbrook on Monday"
    assert (fuzzy.kind, fuzzy.tags) == ("claim", ["funding/public"])
    assert fuzzy.history[-1]["quote"].endswith("to Milbrook on Monday")
    [orphan] = [m for m in found.values() if m.orphaned]
    assert orphan.exact == "The mayor resigned in protest at the decision"
    assert "funding/public" in [t.name for t in Library.open(library_dir).codebook()]


def test_the_url_is_matched_however_it_is_written(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    row = row_at(text, "wildly optimistic")
    row["uri"] = row["target"][0]["source"] = TRAM_WRITTEN_OTHERWISE
    done = cli("import", str(write_json(tmp_path / "rows.json", [row])))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Hypothesis API rows: 1 anchored exactly")


def test_replies_join_the_note_in_order_with_author_and_date(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    root = row_at(text, "wildly optimistic", text="Check this.", row_id="root")
    first = hypothesis_row(TRAM, text="The authority stands by it.\nSee its press release.",
                           user="acct:kofi@hypothes.is", created="2026-03-02T09:00:00+01:00",
                           references=["root"], row_id="r1")
    second = hypothesis_row(TRAM, text="It was revised in May.", user="acct:ines@hypothes.is",
                            created="2026-03-03T12:00:00Z", references=["root", "r1"], row_id="r2")
    lost = hypothesis_row(TRAM, text="An answer to something not exported.",
                          references=["elsewhere"], row_id="r3")
    done = cli("import", str(write_json(tmp_path / "h.json", hypothesis_export([second, lost, root, first]))))
    assert done.exit_code == 0, done.stderr
    [claim] = marks_of(library_dir)
    assert claim.note == ("Check this.\n\n"
                          "> **kofi@hypothes.is** (2026-03-02): The authority stands by it.\n"
                          "> See its press release.\n\n"
                          "> **ines@hypothes.is** (2026-03-03): It was revised in May.")
    assert claim.updated == "2026-03-03T12:00:00Z"
    assert "1 annotation(s) skipped: they are replies to an annotation that is not in the file" in done.stdout


def test_page_notes_and_pages_not_in_the_library_are_reported(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    page_note = hypothesis_row(TRAM, text="The whole piece is one-sided.", row_id="p1")
    elsewhere = hypothesis_row("https://other.example/harbour", "dredging", row_id="e1",
                               title=["Harbour dredging starts", "ignored second title"])
    untitled = hypothesis_row("https://other.example/untitled", "ferry", row_id="e2", title=None)
    rows = [row_at(text, "wildly optimistic"), page_note, elsewhere, untitled]
    done = cli("import", str(write_json(tmp_path / "h.json", hypothesis_export(rows))))
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert ("not in the library: https://other.example/harbour \"Harbour dredging starts\" "
            "(1 annotation(s)); add it with `glossator add https://other.example/harbour`, "
            "then import again") in lines
    assert ("not in the library: https://other.example/untitled (1 annotation(s)); add it with "
            "`glossator add https://other.example/untitled`, then import again") in lines
    assert ("1 annotation(s) skipped: they are page notes (about the whole page, no quoted passage); "
            "glossator marks passages") in lines
    assert len(marks_of(library_dir)) == 1


def test_utf16_positions_are_converted_before_they_decide_between_two_occurrences(cli, library_dir,
                                                                                  tmp_path):
    library = Library.open(library_dir)
    source = write_sample(tmp_path / "src", "party.md",
                          "# Notes\n\nCheers " + "🎉" * 20 + " said yes. and again said yes. The end.\n")
    article = add_sample(library, tmp_path / "src", "party.md", source.read_text(encoding="utf-8"))
    text = load_document(library, article).text
    first = text.index("said yes.")
    second = text.index("said yes.", first + 1)
    astral = sum(1 for ch in text[:first] if ord(ch) > 0xFFFF)
    assert second == first + astral  # read as code points, the UTF-16 start names the second
    row = hypothesis_row("https://nowhere.example/party", "said yes.", start=utf16_offset(text, first))
    done = cli("import", str(write_json(tmp_path / "h.json", [row])), "--article", article.id)
    assert done.exit_code == 0, done.stderr
    [placed] = marks_of(library_dir)
    assert (placed.start, placed.end) == (first, first + len("said yes."))


def test_duplicates_by_hypothesis_rule_are_skipped_in_the_file_and_in_the_article(cli, library,
                                                                                  library_dir, tmp_path):
    text = tram_text(library)
    tram = next(a for a in library.articles() if a.url == TRAM)
    mark(library, tram, "Construction is due to start in spring.", note="By hand.")
    rows = [row_at(text, "wildly optimistic", text="Really?", tags=["transport"], row_id="one"),
            row_at(text, "wildly optimistic", text="Really?", tags=["transport"], row_id="two"),
            row_at(text, "wildly optimistic", text="Really?", tags=["planning"], row_id="three"),
            row_at(text, "Construction is due to start in spring.", text="By hand.", row_id="four")]
    path = write_json(tmp_path / "h.json", hypothesis_export(rows))
    done = cli("import", str(path))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Hypothesis export: 2 anchored exactly, 0 fuzzy, 0 orphaned, "
                                  "2 duplicate(s) skipped")
    before = snapshot(library_dir)
    again = cli("import", str(path))
    assert again.stdout.startswith("Hypothesis export: 0 anchored exactly, 0 fuzzy, 0 orphaned, "
                                   "4 duplicate(s) skipped")
    assert snapshot(library_dir) == before


def test_a_fuzzy_placed_mark_is_still_a_duplicate_of_its_words_as_imported(cli, library, library_dir,
                                                                          tmp_path):
    row = hypothesis_row(TRAM, "The regional authority approved a tram extension to Milbrook on Monday")
    path = write_json(tmp_path / "h.json", [row])
    assert cli("import", str(path)).exit_code == 0
    del row["id"]  # another tool's copy: no id to know it by, only its words
    again = cli("import", str(write_json(tmp_path / "again.json", [row])))
    assert "1 duplicate(s) skipped" in again.stdout
    assert len(marks_of(library_dir)) == 1


def test_json_lines_and_the_apis_search_answer_are_read(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    rows = [row_at(text, "wildly optimistic", row_id="l1"), row_at(text, "Councillor Dana Whitlock",
                                                                   tags=["actor"], row_id="l2")]
    done = cli("import", str(write_json_lines(tmp_path / "rows.jsonl", rows)))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Hypothesis API rows: 2 anchored exactly")
    answer = {"total": 1, "rows": [row_at(text, "the bus network", row_id="s1")]}
    done = cli("import", str(write_json(tmp_path / "search.json", answer)))
    assert done.stdout.startswith("Hypothesis API rows: 1 anchored exactly")
    library = Library.open(library_dir)
    [mention] = [m for m in library.all_annotations() if m.kind == "actor"]
    assert library.actor(mention.actor).name == "Councillor Dana Whitlock"


def test_an_actor_mark_is_linked_to_the_actor_of_that_name(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    known, _ = library.actor_named("Councillor Dana Whitlock")
    rows = [row_at(text, "Councillor Dana Whitlock", tags=["actor"])]
    assert cli("import", str(write_json(tmp_path / "h.json", rows))).exit_code == 0
    [mention] = marks_of(library_dir)
    assert mention.actor == known.id
    assert len(Library.open(library_dir).actors()) == 1


def test_the_kind_of_untagged_marks_is_the_one_asked_for(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    assert cli("codebook", "--add", "funding").exit_code == 0
    rows = [row_at(text, "wildly optimistic"), row_at(text, "the bus network", tags=["claim"])]
    done = cli("import", str(write_json(tmp_path / "h.json", rows)), "--kind", "funding")
    assert done.exit_code == 0, done.stderr
    kinds = {m.exact: m.kind for m in marks_of(library_dir)}
    assert kinds == {"wildly optimistic": "funding", "the bus network": "claim"}


def test_another_tools_w3c_annotations_come_in(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    start = text.index("the bus network")
    page = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://anno.example/page1",
            "type": "AnnotationPage", "items": [
                w3c_annotation(TRAM_WRITTEN_OTHERWISE, "the bus network", start=start, note="Which routes?",
                               tags=["transport"], creator={"type": "Person", "nickname": "ines"}),
                w3c_annotation(TRAM, "Councillor Dana Whitlock", motivation="identifying"),
                w3c_annotation(TRAM, "", start=text.index("Millbrook"), end=text.index("Millbrook") + 9,
                               motivation="questioning"),
                w3c_annotation(TRAM, selectors=[{"type": "XPathSelector", "value": "/p[2]",
                                                 "refinedBy": {"type": "TextQuoteSelector",
                                                               "exact": "money on the same route"}}]),
                w3c_annotation(TRAM, "This sentence was never in the article",
                               selectors=[{"type": "FragmentSelector", "value": "para-3"}]),
                w3c_annotation(TRAM, selectors=[{"type": "CssSelector", "value": "#lede"}]),
                w3c_annotation(TRAM, selectors=[{"type": "FragmentSelector", "value": "para-2",
                                                 "refinedBy": {"type": "TextPositionSelector",
                                                               "start": 0, "end": 10}}]),
            ]}
    done = cli("import", str(write_json(tmp_path / "page.jsonld", page)))
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("W3C Web Annotation: 4 anchored exactly, 0 fuzzy, 1 orphaned, "
                        "0 duplicate(s) skipped into 1 article(s)")
    # The position refining a fragment counts within the fragment, not the text: no words.
    assert ("2 annotation(s) skipped: their only selectors are ones glossator cannot read (XPath, CSS, "
            "fragment…) and they hold no quote") in lines
    kinds = {m.exact: (m.kind, m.note, m.author, m.orphaned) for m in marks_of(library_dir)}
    assert kinds == {
        "the bus network": ("claim", "Which routes?", "ines", False),
        "Councillor Dana Whitlock": ("actor", "", "", False),
        "Millbrook": ("question", "", "", False),
        "money on the same route": ("claim", "", "", False),
        "This sentence was never in the article": ("claim", "", "", True),
    }


def test_a_position_outside_the_text_is_no_hint(cli, library, library_dir, tmp_path):
    annotations = [w3c_annotation(TRAM, "wildly optimistic", start=5000, end=5017),
                   w3c_annotation(TRAM, "", start=5000, end=5017)]
    done = cli("import", str(write_json(tmp_path / "far.jsonld", annotations)))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("W3C Web Annotation: 1 anchored exactly")
    assert ("1 annotation(s) skipped: they have no quote, and their position lies outside the "
            "article's text") in done.stdout
    [placed] = marks_of(library_dir)
    assert tram_text(library)[placed.start:placed.end] == "wildly optimistic"


def test_an_article_that_cannot_be_read_stops_the_import_before_any_article_changes(cli, library,
                                                                                    library_dir, tmp_path):
    text = tram_text(library)
    other = add_sample(library, tmp_path / "src", "drivers.md",
                       "---\nurl: https://valley-courier.example/drivers\n---\n\n"
                       "# Tram drivers strike\n\nDrivers walked out on Friday.\n")
    mark(library, other, "Drivers walked out")
    (library.article_folder(other.id) / "annotations.json").write_text("{ damaged", encoding="utf-8")
    rows = [row_at(text, "wildly optimistic"),
            hypothesis_row("https://valley-courier.example/drivers", "on Friday")]
    before = snapshot(library_dir)
    done = cli("import", str(write_json(tmp_path / "h.json", rows)))
    assert_refused(done, library_dir, before, "annotations.json")


def test_the_report_as_json(cli, library, tmp_path):
    text = tram_text(library)
    done = cli("import", str(write_json(tmp_path / "h.json", [row_at(text, "wildly optimistic")])), "--json")
    assert done.exit_code == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["format"], report["exact"], report["duplicates"]) == ("Hypothesis API rows", 1, 0)


def test_one_file_imported_into_two_articles_gives_each_its_own_mark_ids(cli, library, library_dir,
                                                                         tmp_path):
    other = add_sample(library, tmp_path / "src", "copy.md", "# A copy\n\nIt was wildly optimistic.\n")
    tram = next(a for a in library.articles() if a.url == TRAM)
    path = write_json(tmp_path / "h.json", [hypothesis_row(TRAM, "wildly optimistic", row_id="same")])
    assert cli("import", str(path), "--article", tram.id).exit_code == 0
    assert cli("import", str(path), "--article", other.id).exit_code == 0
    ids = [m.id for m in marks_of(library_dir)]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_a_tag_the_codebook_has_in_another_case_is_that_tag(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    assert cli("codebook", "--add", "transport").exit_code == 0
    done = cli("import", str(write_json(tmp_path / "h.json",
                                        [row_at(text, "the bus network", tags=["Transport", "TRANSPORT"])])))
    assert done.exit_code == 0, done.stderr
    [imported] = marks_of(library_dir)
    assert imported.tags == ["transport"]
    assert [t.name for t in Library.open(library_dir).codebook()].count("transport") == 1


def test_a_copy_of_an_annotation_that_has_replies_is_a_duplicate(cli, library, library_dir, tmp_path):
    """The same quote, text and tags twice (h1 and its copy h5): one mark. The replies to the
    first are not part of its text, so they do not make the copy look different."""
    text = tram_text(library)
    first = row_at(text, "wildly optimistic", text="Says who?", tags=["claim", "transport"], row_id="h1")
    copy = row_at(text, "wildly optimistic", text="Says who?", tags=["claim", "transport"], row_id="h5")
    replies = [hypothesis_row(TRAM, text="The authority.", references=["h1"], row_id="h3",
                              user="acct:kofi@hypothes.is"),
               hypothesis_row(TRAM, text="Its 2019 study.", references=["h1", "h3"], row_id="h4",
                              created="2026-03-02T10:00:00Z")]
    done = cli("import", str(write_json(tmp_path / "h.json", hypothesis_export([first, *replies, copy]))))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Hypothesis export: 1 anchored exactly, 0 fuzzy, 0 orphaned, "
                                  "1 duplicate(s) skipped")
    [claim] = marks_of(library_dir)
    assert claim.note == ("Says who?\n\n> **kofi@hypothes.is** (2026-03-01): The authority.\n\n"
                          "> **orla@hypothes.is** (2026-03-02): Its 2019 study.")


def test_the_replies_of_a_later_copy_join_the_mark_the_first_copy_made(cli, library, library_dir,
                                                                        tmp_path):
    text = tram_text(library)
    copy = row_at(text, "wildly optimistic", text="Says who?", row_id="h0")
    first = row_at(text, "wildly optimistic", text="Says who?", row_id="h1")
    reply = hypothesis_row(TRAM, text="The authority.", references=["h1"], row_id="h3")
    done = cli("import", str(write_json(tmp_path / "h.json", hypothesis_export([copy, first, reply]))))
    assert "1 duplicate(s) skipped" in done.stdout
    [claim] = marks_of(library_dir)
    assert claim.note == "Says who?\n\n> **orla@hypothes.is** (2026-03-01): The authority."


def test_a_copy_is_a_duplicate_of_a_mark_whose_replies_came_with_an_earlier_import(cli, library,
                                                                                  library_dir, tmp_path):
    text = tram_text(library)
    first = row_at(text, "wildly optimistic", text="Says who?", row_id="h1")
    reply = hypothesis_row(TRAM, text="The authority.", references=["h1"], row_id="h3")
    assert cli("import", str(write_json(tmp_path / "one.json", [first, reply]))).exit_code == 0
    copy = row_at(text, "wildly optimistic", text="Says who?", row_id="h5")
    again = cli("import", str(write_json(tmp_path / "two.json", [copy])))
    assert "0 anchored exactly, 0 fuzzy, 0 orphaned, 1 duplicate(s) skipped" in again.stdout
    assert len(marks_of(library_dir)) == 1


def test_importing_again_with_another_kind_adds_nothing(cli, library, library_dir, tmp_path):
    """Rows another tool wrote without ids are known by their words, text and tags; the
    kind `--kind` gives them is not part of what they are."""
    text = tram_text(library)
    rows = [row_at(text, "wildly optimistic", text="Says who?", tags=["transport"]),
            row_at(text, "the bus network")]
    for row in rows:
        del row["id"]
    path = write_json(tmp_path / "h.json", rows)
    assert cli("import", str(path)).exit_code == 0
    before = snapshot(library_dir)
    again = cli("import", str(path), "--kind", "question")
    assert again.stdout.startswith("Hypothesis API rows: 0 anchored exactly, 0 fuzzy, 0 orphaned, "
                                   "2 duplicate(s) skipped")
    assert snapshot(library_dir) == before


def test_an_annotation_tagged_with_two_kinds_is_of_the_first(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    rows = [row_at(text, "Who will pay if passenger numbers fall short of 9,000 a day?",
                   tags=["Question", "claim", "transport"])]
    done = cli("import", str(write_json(tmp_path / "h.json", rows)))
    assert done.exit_code == 0, done.stderr
    [question] = marks_of(library_dir)
    assert (question.kind, question.tags) == ("question", ["transport"])
    assert ("1 kind tag(s) left out (claim): an annotation tagged with more than one kind is of the "
            "first it names") in done.stdout.splitlines()


def test_a_target_or_selector_written_as_one_object_is_read(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    one_target = row_at(text, "wildly optimistic", row_id="t1")
    one_target["target"] = one_target["target"][0]
    one_selector = row_at(text, "the bus network", row_id="s1")
    one_selector["target"][0]["selector"] = one_selector["target"][0]["selector"][-1]
    done = cli("import", str(write_json(tmp_path / "h.json", [one_target, one_selector])))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Hypothesis API rows: 2 anchored exactly")
    assert {m.exact for m in marks_of(library_dir)} == {"wildly optimistic", "the bus network"}


def test_annotations_only_for_pages_not_in_the_library_fail_after_the_report(cli, library,
                                                                             library_dir, tmp_path):
    rows = [hypothesis_row("https://other.example/harbour", "dredging", row_id="e1")]
    before = snapshot(library_dir)
    done = cli("import", str(write_json(tmp_path / "h.json", rows)))
    assert done.exit_code == 1
    assert "not in the library: https://other.example/harbour" in done.stdout
    assert done.stderr.strip() == (
        "glossator: error: nothing was imported: the annotations are for 1 page(s) not in the "
        "library; add them first (`glossator add URL`), or give --article to put them into one article")
    assert snapshot(library_dir) == before


@pytest.mark.parametrize("uri", ["http://example.org:99999/x", "http://example.org:abc/",
                                 "http://[::1/x"])
def test_an_address_no_page_can_have_is_a_page_not_in_the_library(cli, library, library_dir,
                                                                    tmp_path, uri):
    done = cli("import", str(write_json(tmp_path / "h.json", [hypothesis_row(uri, "dredging")])))
    assert done.exit_code == 1
    assert f"not in the library: {uri}" in done.stdout
    assert "internal error" not in done.stderr


def test_half_a_character_is_replaced_and_said(cli, library, library_dir, tmp_path):
    """JSON can write a lone surrogate (`\\ud800`), which no UTF-8 file can hold: it becomes
    U+FFFD, the report says so, and every file of the library is still UTF-8."""
    text = tram_text(library)
    rows = [row_at(text, "wildly optimistic", text="Says who? \ud83d", tags=["trans\udc00port"],
                   row_id="s1"),
            row_at(text, "the bus network", row_id="s2")]
    rows[1]["target"][0]["selector"][-1]["exact"] = "the bus \ud800network"
    path = tmp_path / "h.json"
    path.write_text(json.dumps(rows), encoding="ascii")  # \ud83d written as an escape
    done = cli("import", str(path))
    assert done.exit_code == 0, done.stderr
    assert ("3 text(s) held half of a character (a lone UTF-16 surrogate), which no text file can "
            "hold; each such half was replaced with U+FFFD, the replacement character") in done.stdout
    marks = {m.id: m for m in marks_of(library_dir)}
    claim = next(m for m in marks.values() if m.exact == "wildly optimistic")
    assert (claim.note, claim.tags) == ("Says who? \ufffd", ["trans\ufffdport"])
    assert any(m.exact == "the bus network" for m in marks.values())  # found, fuzzily
    for file in library_dir.rglob("*.json"):
        file.read_bytes().decode("utf-8")


def test_tags_an_import_adds_get_a_colour(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    done = cli("import", str(write_json(tmp_path / "h.json", [row_at(text, "the bus network",
                                                                     tags=["transport"])])))
    assert done.exit_code == 0, done.stderr
    assert Library.open(library_dir).tag("transport").colour == name_colour("transport")


def test_an_html_comment_from_another_tool_becomes_markdown(cli, library, library_dir, tmp_path):
    text = tram_text(library)
    note = w3c_annotation(TRAM, "the bus network", start=text.index("the bus network"))
    note["body"] = {"type": "TextualBody", "purpose": "commenting", "format": "text/html",
                    "value": "<p>Which <b>routes</b> &amp; when?</p><ul><li>the 12</li>"
                             "<li>the <a href='https://bus.example/14'>14</a></li></ul>"
                             "<script>alert(1)</script><p>Line one<br>line two</p>"}
    done = cli("import", str(write_json(tmp_path / "w3c.jsonld", [note])))
    assert done.exit_code == 0, done.stderr
    [comment] = marks_of(library_dir)
    assert comment.note == ("Which **routes** & when?\n\n- the 12\n- the [14](https://bus.example/14)"
                            "\n\nLine one\nline two")
