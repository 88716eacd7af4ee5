"""Search across the library, as a researcher uses it: words, phrases, prefixes and filters
over every article's text, details and marks; ranked hits with their locators; an index
that follows every change, whoever makes it, and that is made again when it is lost."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.model import Actor, Article
from annotations.search.expression import match_expression, table_of
from annotations.search.index import INDEX_NAME, SearchIndex
from annotations.search.query import QueryError, parse_query
from annotations.search.schema import TOKENIZERS, create_statements
from annotations.store import Library
from reader.cli.adding import add_imported
from reader.document.cache import load_document, text_reader
from reader.importing.article_source import ImportedArticle
from tests.conftest import REPO
from tests.helpers.readonly import read_only_tree, run_cli_without_write_override

HARBOUR = """# The harbour dredging plan

The harbour board says the dredging will cost £4m, according to Ana Pereira.

The council disputes the figure. Café owners on the quay are worried.

## Funding

Nobody knows who pays for the dredging of the channel.
"""

FERRY = """# Ferry fares rise

The operator will raise fares by 8% from April. Claudia Sheinbaum said the harbour is fine.

Island residents will pay less than visitors.
"""

TIDES = """# Notes on tides

Tides at the harbour mouth were measured twice.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def hits(cli, *query: str, limit: int = 50) -> list[dict]:
    return json.loads(ok(cli("search", *query, "--json", "--limit", str(limit))).stdout)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    return folder


@pytest.fixture
def harbour_library(cli, sources):
    """Three articles: one from Reuters (February 2025), one from the Courier (November
    2024), one undated; a claim by Ana Pereira with a note, a tagged question."""
    ok(cli("add", str(write(sources, "harbour.md", HARBOUR)), "--site", "Reuters",
           "--date", "2025-02-03", "--author", "Maria Okafor"))
    ok(cli("add", str(write(sources, "ferry.md", FERRY)), "--site", "The Valley Courier",
           "--date", "2024-11"))
    ok(cli("add", str(write(sources, "tides.md", TIDES)), "--site", "Tidal Blog"))
    ok(cli("annotate", "harbour", "--kind", "claim", "--quote", "the dredging will cost £4m",
           "--note", "Check the board minutes of March.", "--speaker", "Ana Pereira"))
    ok(cli("codebook", "--add", "money/public"))
    ok(cli("annotate", "harbour", "--kind", "question", "--quote", "who pays",
           "--tag", "money/public"))
    ok(cli("annotate", "ferry", "--kind", "actor", "--quote", "Claudia Sheinbaum"))
    return sources


# -- the query language -----------------------------------------------------------------


def test_words_phrases_prefixes_exclusions_and_filters_are_told_apart():
    query = parse_query('dredging "harbour board" fund* -ferry kind:claim actor:"Ana Pereira" '
                        "site:reuters after:2025-01 -status:supported")
    assert [(t.text, t.prefix, t.negated) for t in query.terms] == [
        ("dredging", False, False), ("harbour board", False, False), ("fund", True, False),
        ("ferry", False, True)]
    assert [(f.key, f.value, f.negated) for f in query.filters] == [
        ("kind", "claim", False), ("actor", "Ana Pereira", False), ("site", "reuters", False),
        ("after", "2025-01", False), ("status", "supported", True)]


@pytest.mark.parametrize("text", [
    '"', '""', '"unbalanced phrase', "-", "--", ":", "::", "kind:claim:claim", "NEAR(a b)",
    "a OR b", "a AND b NOT c", "text:harbour", "{text}: harbour", "title : x", "^harbour",
    "+harbour", "(harbour", "harbour)", "'", "\\", "\x00harbour", "harbour\x1b[31m", "🦀 harbour",
    "harbour*", '"harbour board"*', '"harbour coun*"', "https://example.org/a?b=c", "10:30",
    "a" * 5000, "-kind:claim harbour", 'actor:"', "tag:money/public", "fo\"o", "é", "ǘ",
])
def test_hostile_queries_parse_and_run_or_fail_in_one_line(text, library):
    index = SearchIndex.open(library)
    try:
        index.search(parse_query(text))  # no SQLite error, whatever was typed
    except QueryError as error:
        assert "\n" not in str(error) and str(error)


@pytest.mark.parametrize("text, says", [
    ("*", "a * goes at the end"), ("*dredg", "a * goes at the end"), ("dr*dge", "a * goes"),
    ("kind:", "kind: needs a value"), ('actor:""', "actor: needs a value"),
    ("status:wrong", "is not a status"), ("after:2025-13", "has no month 13"),
    ("before:yesterday", "is not a date"), ("after:2025-02-30", "is not a day"),
    ("-ferry", "cannot only leave things out"), ("", "nothing to search for"),
    ("  (  ) —", "nothing to search for"),
])
def test_what_cannot_be_understood_is_said_in_one_line(text, says, cli, harbour_library):
    result = cli("search", text)
    assert result.exit_code == 1
    assert says in result.stderr and result.stderr.count("\n") == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab é"-:*(){}^+NEARORkind:tag status:') + ["\x00", "🦀"]),
               max_size=30))
def test_any_text_is_a_query_or_one_clear_error(text):
    """Whatever is typed, FTS5 only ever sees our own syntax."""
    try:
        query = parse_query(text)
    except QueryError:
        return
    expression, table = match_expression(query), table_of(query)
    conn = sqlite3.connect(":memory:")
    for statement in create_statements(TOKENIZERS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO entries(text) VALUES ('a b é kind tag')")
    conn.execute("INSERT INTO mark_entries(quote, facets) VALUES ('a b é kind tag', 'glkind')")
    if expression is not None:
        conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (expression,)).fetchall()


def test_the_arguments_are_one_query_read_as_the_search_screen_reads_it(cli, harbour_library):
    """`glossator search QUERY` invites the whole query as one argument: it means what the
    same words mean one by one, and what they mean typed in the TUI."""
    claim = ["the dredging will cost £4m"]
    assert [h["quote"] for h in hits(cli, "kind:claim pereira")] == claim
    assert [h["quote"] for h in hits(cli, "kind:claim", "pereira")] == claim
    assert [h["quote"] for h in hits(cli, "status:unverified kind:claim site:reuters")] == claim
    assert [h["quote"] for h in hits(cli, 'kind:claim actor:"Ana Pereira"')] == claim
    assert [h["article"] for h in hits(cli, "harbour quay")] == ["harbour-dredging-plan"]  # words
    assert hits(cli, '"harbour quay"') == []  # a phrase: quotes inside the shell's
    without = hits(cli, "-kind:question dredging")
    assert without and "question" not in {h["kind"] for h in without}
    helped = ok(cli("search", "--help")).stdout
    assert """glossator search 'kind:claim actor:"Ana Pereira" "harbour board"'""" in helped


@pytest.mark.parametrize("query, says", [
    ("kind:bogus", "no kind 'bogus'; the kinds are claim, actor, question and the codebook's "
                   "tags: money/public"),
    ("tag:nonexistent", "no tag 'nonexistent' in the codebook"),
    ("tag:fund*", "no tag beginning 'fund' in the codebook"),
    ("-tag:nonexistent harbour", "no tag 'nonexistent' in the codebook"),
    ("title:reform", "title: is not a filter; the filters are kind:, tag:, actor:, status:, "
                     'author:, site:, after:, before: (to find the words, put them in quotes: '
                     '"title:reform")'),
    ("x:y harbour", "x: is not a filter; the filters are kind:, "),
    ('topic:"public money"', 'topic: is not a filter; the filters are kind:, tag:, actor:, status:, '
                             'author:, site:, after:, before: (to find the words, put them in '
                             'quotes: "topic:public money")'),
])
def test_a_filter_kind_or_tag_that_does_not_exist_is_said_in_one_line(query, says, cli,
                                                                      harbour_library):
    result = cli("search", query)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"glossator: error: {says}") and result.stderr.count("\n") == 1


def test_a_time_an_address_and_quoted_words_with_a_colon_are_words(cli, sources):
    ok(cli("add", str(write(sources, "ferry.md", "# Timetable\n\nThe ferry leaves at 10:30. "
                                                   "Its title: reform of the crossing.\n"))))
    assert [h["in"] for h in hits(cli, "10:30")] == ["text"]
    assert [h["in"] for h in hits(cli, '"title:reform"')] == ["text"]
    assert hits(cli, "https://example.org/ferry") == []


def test_a_kind_or_tag_in_the_codebook_or_on_a_mark_is_a_filter(cli, harbour_library, library_dir):
    ok(cli("codebook", "--add", "procurement"))
    assert hits(cli, "tag:procurement") == [] and hits(cli, "kind:procurement") == []
    library = Library.open(library_dir)
    [question] = [m for m in library.annotations("harbour-dredging-plan") if m.kind == "question"]
    question.tags = ["legacy/board"]  # a tag the codebook does not have (made elsewhere)
    library.save_annotation(question)
    assert [h["quote"] for h in hits(cli, "tag:legacy")] == ["who pays"]
    assert [h["quote"] for h in hits(cli, "tag:leg*")] == ["who pays"]


def test_a_claim_found_by_its_speaker_shows_its_words_then_the_speaker(cli, harbour_library,
                                                                      library_dir):
    [hit] = hits(cli, "kind:claim pereira")
    assert hit["snippet"] == "the dredging will cost £4m — Ana Pereira"
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["Pereira"]
    out = ok(cli("search", "kind:claim pereira")).stdout.splitlines()
    assert out[1] == "    the dredging will cost £4m — Ana Pereira"
    [tagged] = hits(cli, "kind:question public")
    assert tagged["snippet"] == "who pays — money/public"
    library = Library.open(library_dir)
    ana = library.find_actor("Ana Pereira")
    assert isinstance(ana, Actor)
    ana.aliases = ["the minister"]
    library.save_actor(ana)
    [by_alias] = hits(cli, "minister")  # not in the text: found in its passage's notes
    assert by_alias["snippet"] == "the dredging will cost £4m — the minister"
    assert [by_alias["snippet"][a:b] for a, b in by_alias["highlights"]] == ["minister"]


# -- finding ----------------------------------------------------------------------------


def test_a_word_finds_its_passage_with_its_locator_and_where_to_open(cli, harbour_library,
                                                                    library_dir):
    [hit] = hits(cli, "disputes")
    assert (hit["article"], hit["in"], hit["locator"]) == ("harbour-dredging-plan", "text",
                                                           "para. 2")
    text = ok(cli("text", hit["article"])).stdout
    assert text[hit["start"]:hit["end"]] == "disputes"
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "disputes"


def test_accents_and_case_do_not_matter(cli, harbour_library):
    for typed in ("cafe", "CAFÉ", "Café"):
        [hit] = hits(cli, typed)
        assert hit["snippet"][slice(*hit["highlights"][0])] == "Café"


def test_an_exact_phrase_a_prefix_and_a_word_left_out(cli, harbour_library):
    assert [h["locator"] for h in hits(cli, '"harbour board"')] == ["para. 1"]
    assert hits(cli, '"board harbour"') == []  # a phrase is its words in their order
    assert [h["locator"] for h in hits(cli, "dredg*") if h["in"] == "text"] == ["para. 1"]
    without = hits(cli, "harbour", "-sheinbaum")  # what holds the word is left out
    assert "ferry-fares-rise" not in {h["article"] for h in without}
    assert {h["article"] for h in hits(cli, "harbour")} >= {"ferry-fares-rise", "notes-tides"}


def test_every_hit_of_a_long_article_is_cited_by_its_own_paragraph(cli, sources):
    paragraphs = [f"Paragraph {n} of the inquiry: the ferry board met on day {n}." * 4
                  for n in range(1, 13)]
    paragraphs[7] += " The auditor found the missing tonnes."
    paragraphs[10] += " The auditor resigned."
    ok(cli("add", str(write(sources, "inquiry.md", "# Inquiry\n\n" + "\n\n".join(paragraphs)))))
    found = hits(cli, "auditor")
    assert sorted(h["locator"] for h in found) == ["para. 11", "para. 8"]
    text = ok(cli("text", "inquiry")).stdout
    assert all(text[h["start"]:h["end"]] == "auditor" for h in found)


def test_a_heading_is_cited_as_the_paragraph_it_heads(cli, harbour_library):
    [hit] = hits(cli, "funding")
    assert hit["locator"] == "para. 3"


def test_the_title_and_the_details_are_searched(cli, harbour_library):
    [by_author] = hits(cli, "okafor")
    assert (by_author["in"], by_author["start"]) == ("details", None)
    best = hits(cli, "ferry")[0]
    assert (best["article"], best["in"]) == ("ferry-fares-rise", "details")  # the title ranks first


def test_more_mentions_rank_higher(cli, sources):
    ok(cli("add", str(write(sources, "once.md", "# A\n\nThe tide came in.\n"))))
    ok(cli("add", str(write(sources, "often.md", "# B\n\nTide after tide, the tide rose.\n"))))
    assert [h["article"] for h in hits(cli, "tide")] == ["b", "a"]


def test_a_note_is_found_as_its_mark(cli, harbour_library):
    [hit] = hits(cli, "minutes")
    assert (hit["in"], hit["kind"], hit["speaker"], hit["quote"]) == (
        "mark", "claim", "Ana Pereira", "the dredging will cost £4m")
    assert hit["locator"] == "para. 1" and hit["status"] == "unverified"


def test_filters_over_marks(cli, harbour_library):
    assert [h["quote"] for h in hits(cli, "kind:claim")] == ["the dredging will cost £4m"]
    assert [h["quote"] for h in hits(cli, "kind:claim", "dredging")] == ["the dredging will cost £4m"]
    assert hits(cli, "kind:claim", "ferry") == []
    assert [h["quote"] for h in hits(cli, "tag:money")] == ["who pays"]  # a tag and those under it
    assert [h["quote"] for h in hits(cli, "tag:money/public")] == ["who pays"]
    assert [h["quote"] for h in hits(cli, "tag:mon*")] == ["who pays"]
    assert [h["quote"] for h in hits(cli, "actor:Pereira")] == ["the dredging will cost £4m"]
    assert [h["quote"] for h in hits(cli, 'actor:"Claudia Sheinbaum"')] == ["Claudia Sheinbaum"]
    assert [h["kind"] for h in hits(cli, "status:open")] == ["question"]
    assert [h["kind"] for h in hits(cli, "-status:open", "kind:question")] == []
    assert len(hits(cli, "author:tester")) == 3
    assert hits(cli, "author:ana") == []
    assert hits(cli, "kind:actor")[0]["actor"] == "Claudia Sheinbaum"


def test_filters_over_articles(cli, harbour_library):
    def articles(*query: str) -> set[str]:
        return {h["article"] for h in hits(cli, *query)}

    assert articles("site:reuters", "harbour") == {"harbour-dredging-plan"}
    assert articles("site:courier") == {"ferry-fares-rise"}
    assert articles("-site:reuters", "harbour") == {"ferry-fares-rise", "notes-tides"}
    # Both ends count the period they name; an undated article is in no period.
    assert articles("after:2025-02", "harbour") == {"harbour-dredging-plan"}
    assert articles("after:2025-03", "harbour") == set()
    assert articles("before:2024-11", "harbour") == {"ferry-fares-rise"}
    assert articles("before:2024-10", "harbour") == set()
    assert articles("after:2024", "before:2024", "harbour") == {"ferry-fares-rise"}
    assert articles("after:2024-11-30", "harbour") == {"ferry-fares-rise",
                                                        "harbour-dredging-plan"}


def test_a_pdfs_hits_are_cited_by_their_printed_page(library, tmp_path):
    body = json.dumps({"glossator": "pages", "version": 1, "pages": [
        {"index": 1, "label": "11", "blocks": [{"kind": "paragraph", "text": "Silt filled the "
                                                 "channel in the first"}]},
        {"index": 2, "label": "12", "blocks": [
            {"kind": "paragraph", "text": "winter, the survey says.", "joins": " "},
            {"kind": "paragraph", "text": "The auditor asked for the dredging accounts."}]},
    ]})
    add_imported(library, ImportedArticle(body=body, format="pages", title="Silt report",
                                          source=str(tmp_path / "silt.pdf")))
    index = SearchIndex.open(library)
    index.catch_up(text_reader(library))
    assert [h.locator for h in index.search("silt").hits if h.found_in == "text"] == ["p. 11"]
    assert [h.locator for h in index.search("survey").hits] == ["p. 12"]  # its paragraph began on 11
    assert [h.locator for h in index.search("auditor").hits] == ["p. 12"]


def test_a_books_hits_are_cited_by_chapter_and_paragraph(library, tmp_path):
    body = ("# Chapter 1\n\nThe ferry left at dawn.\n\n# Chapter 2\n\nRain all day.\n\n"
            "The harbour master wrote a letter.\n")
    add_imported(library, ImportedArticle(body=body, format="chapters", title="The Salt Road",
                                          source=str(tmp_path / "salt.epub")))
    index = SearchIndex.open(library)
    index.catch_up(text_reader(library))
    assert [h.locator for h in index.search("letter").hits] == ["Chapter 2, para. 2"]
    assert [h.locator for h in index.search("ferry").hits] == ["Chapter 1, para. 1"]


def test_the_json_shape_and_the_limit(cli, harbour_library):
    every = hits(cli, "harbour")
    assert len(every) > 2
    assert set(every[0]) == {"article", "title", "site", "published", "in", "start", "end",
                             "locator", "snippet", "highlights", "score", "mark", "kind",
                             "status", "speaker", "actor", "quote"}
    assert [h["score"] for h in every] == sorted((h["score"] for h in every), reverse=True)
    result = ok(cli("search", "harbour", "--json", "--limit", "2"))
    assert len(json.loads(result.stdout)) == 2
    assert "more with --limit" in result.stderr


def test_the_human_output_names_article_locator_and_snippet(cli, harbour_library):
    out = ok(cli("search", "disputes")).stdout.splitlines()
    assert out == ["harbour-dredging-plan  para. 2  text  The harbour dredging plan",
                   "    The council disputes the figure. Café owners on the quay are worried."]
    nothing = ok(cli("search", "zeppelin"))
    assert nothing.stdout == "" and "nothing found for zeppelin" in nothing.stderr


# -- keeping up with the library --------------------------------------------------------


def test_the_index_follows_add_refresh_rm_and_marks_through_the_cli(cli, sources, library_dir):
    source = write(sources, "harbour.md", HARBOUR)
    ok(cli("add", str(source)))
    assert hits(cli, "dredging")
    source.write_text(HARBOUR.replace("dredging", "deepening"), encoding="utf-8")
    ok(cli("refresh", "harbour"))
    assert hits(cli, "dredging") == []
    assert [h["locator"] for h in hits(cli, "deepening") if h["in"] == "text"] == ["para. 1"]
    mark = ok(cli("annotate", "harbour", "--kind", "claim", "--quote", "cost £4m",
                  "--note", "seems low")).stdout.strip()
    assert [h["mark"] for h in hits(cli, "low")] == [mark]
    library = Library.open(library_dir)
    [claim] = library.annotations("harbour-dredging-plan")
    claim.note, claim.status = "far too high", "disputed"
    library.save_annotation(claim)
    assert hits(cli, "low") == []
    assert [h["mark"] for h in hits(cli, "status:disputed", "high")] == [mark]
    library.delete_annotation(claim.article, claim.id)
    assert hits(cli, "kind:claim") == []
    ok(cli("meta", "harbour", "--set", "title=Deepening the channel"))
    assert hits(cli, "channel")[0]["in"] == "details"
    ok(cli("rm", "harbour"))
    assert hits(cli, "deepening") == []


def test_an_open_index_sees_what_another_process_changed(library, cli_process, sources):
    path = write(sources, "harbour.md", HARBOUR)
    index = SearchIndex.open(library)
    index.listen()
    text_of = text_reader(library)
    index.catch_up(text_of)
    assert ok(cli_process("add", str(path))).exit_code == 0
    index.catch_up(text_of)
    assert index.search("dredging").hits
    done = cli_process("annotate", "harbour", "--kind", "claim", "--quote", "cost £4m",
                       "--note", "check the minutes")
    assert done.exit_code == 0, done.stderr
    caught = index.catch_up(text_of)
    assert caught.indexed == 1
    [hit] = index.search("minutes").hits
    assert hit.mark == done.stdout.strip()


def test_changes_in_quick_succession_are_each_seen(library, sources):
    """Two saves within one tick of the file system's clock leave the folder's times as
    they were; the index still sees the second."""
    add_imported(library, ImportedArticle(body=HARBOUR, format="markdown", title="Harbour",
                                          source=str(sources / "h.md")))
    index = SearchIndex.open(library)
    text_of = text_reader(library)
    index.catch_up(text_of)
    document = load_document(library, library.articles()[0])
    from annotations.marking import new_annotation

    claim = new_annotation(library, library.articles()[0], document.text, document.places,
                           4, 11, "claim", note="alpha")
    for word in ("bravo", "delta", "kappa"):  # same length: the file's size stays the same
        claim.note = word
        library.save_annotation(claim)
        index.catch_up(text_of)
        assert [h.mark for h in index.search(word).hits] == [claim.id]


def test_a_renamed_actor_is_found_by_its_new_name(cli, harbour_library, library_dir):
    library = Library.open(library_dir)
    ana = library.find_actor("Ana Pereira")
    assert isinstance(ana, Actor)
    ana.name, ana.aliases = "Ana Pereira-Costa", ["the minister"]
    library.save_actor(ana)
    assert [h["quote"] for h in hits(cli, "actor:costa")] == ["the dredging will cost £4m"]
    assert [h["speaker"] for h in hits(cli, "minister")] == ["Ana Pereira-Costa"]


def test_the_listeners_hear_this_processs_changes(library, sources):
    index = SearchIndex.open(library)
    index.listen()
    assert index.note_change in library.listeners
    index.catch_up(text_reader(library))
    add_imported(library, ImportedArticle(body=FERRY, format="markdown", title="Ferry",
                                          source=str(sources / "f.md")))
    assert index._dirty  # told by the store, before any file was compared
    index.catch_up(text_reader(library))
    assert index.search("fares").hits
    index.close()
    assert index.note_change not in library.listeners


def test_a_deleted_index_is_made_again_with_progress(cli, harbour_library, library_dir):
    library = Library.open(library_dir)
    path = library_dir / INDEX_NAME
    hits(cli, "harbour")
    assert path.exists()
    path.unlink()
    told: list[tuple[int, int]] = []
    index = SearchIndex.open(library)
    caught = index.catch_up(text_reader(library), progress=lambda done, total: told.append((done, total)))
    assert caught.rebuilt == "new" and caught.indexed == 3
    assert told[0] == (0, 3) and told[-1] == (3, 3)
    assert index.search("café").hits


def test_an_index_deleted_while_open_is_made_again(library, sources):
    add_imported(library, ImportedArticle(body=HARBOUR, format="markdown", title="Harbour",
                                          source=str(sources / "h.md")))
    index = SearchIndex.open(library)
    index.catch_up(text_reader(library))
    (library.folder / INDEX_NAME).unlink()
    caught = index.catch_up(text_reader(library))
    assert caught.indexed == 1 and (library.folder / INDEX_NAME).exists()
    assert index.search("dredging").hits


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign", "outdated"])
def test_a_damaged_index_is_made_again(damage, cli, harbour_library, library_dir):
    hits(cli, "harbour")
    path = library_dir / INDEX_NAME
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        conn = sqlite3.connect(path)
        if damage == "foreign":
            conn.execute("DROP TABLE meta")
        else:
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
        conn.commit()
        conn.close()
    assert [h["locator"] for h in hits(cli, "disputes")] == ["para. 2"]


def test_an_unreadable_body_leaves_the_rest_searchable(cli, harbour_library, library_dir):
    (library_dir / "articles" / "ferry-fares-rise" / "body.md").unlink()
    (library_dir / "articles" / "ferry-fares-rise" / "document.cache").unlink()
    (library_dir / INDEX_NAME).unlink(missing_ok=True)
    result = ok(cli("search", "disputes", "--json"))
    assert "ferry-fares-rise" in result.stderr and "not searchable until fixed" in result.stderr
    assert [h["article"] for h in json.loads(result.stdout)] == ["harbour-dredging-plan"]


def test_a_read_only_library_is_searched_from_an_index_kept_elsewhere(cli, harbour_library,
                                                                      library_dir, tmp_path):
    (library_dir / INDEX_NAME).unlink(missing_ok=True)
    with read_only_tree(library_dir):
        done = run_cli_without_write_override(library_dir, "search", "disputes", "--json",
                                              cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "cannot be written" in done.stderr and "search index is kept in" in done.stderr
    assert [h["locator"] for h in json.loads(done.stdout)] == ["para. 2"]
    assert not (library_dir / INDEX_NAME).exists()


def test_the_search_command_does_not_slow_the_readers_start():
    # (sqlite3 itself is watched by test_cold_start, for every command module.)
    probe = ("import sys, reader.cli; "
             "print(sorted(m for m in sys.modules if m.startswith('annotations.search')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=REPO, env={**os.environ})
    assert out.stdout.strip() == "[]"


def test_two_searches_at_once_on_a_new_library_both_answer(library, library_dir):
    for n in range(30):
        library.add_article(Article(id=f"report-{n}", title=f"Report {n}"),
                            f"# Report {n}\n\nThe harbour board met on day {n}.\n")
    command = [sys.executable, "-m", "reader", "--library", str(library_dir), "search", "harbour",
               "--json", "--limit", "100"]
    both = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    for process in both:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert len(json.loads(out)) == 30
