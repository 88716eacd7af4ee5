"""Markdown notes: their content, the kept `## My notes` region, and safe file names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from annotations.export.markdown import MY_NOTES_END, MY_NOTES_START, write_note
from annotations.model import Tag
from annotations.store import Library
from reader.cli.adding import add_source
from reader.document.cache import load_document
from tests.helpers.library import add_sample, mark, write_sample


@pytest.fixture
def marked(library: Library, tmp_path: Path):
    """The sample article with a claim, an actor, a question and tagged marks."""
    article = add_sample(library, tmp_path / "src")
    marks = {
        "claim": mark(library, article, "wildly optimistic", speaker="Dana Whitlock",
                      note="Bus figures: see the 2023 network review.", tags=["numbers"]),
        "actor": mark(library, article, "Councillor Dana Whitlock", kind="actor"),
        "question": mark(library, article, "Who will pay", kind="question"),
        "land": mark(library, article, "cost of land purchases", kind="claim"),
    }
    marks["land"].status = "disputed"
    library.save_annotation(marks["land"])
    library.save_tag(Tag("follow-up"))
    marks["tagged"] = mark(library, article, "Construction is due to start in spring.",
                           kind="follow-up")
    return article, marks


def export(cli, article_id: str, *args: str) -> str:
    result = cli("export", article_id, "--format", "markdown", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def split_note(note: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", note, re.DOTALL)
    assert match, note[:200]
    return yaml.safe_load(match.group(1)), note[match.end():]


def section(body: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |^<!-- glossator:my-notes|\Z)",
                      body, re.MULTILINE | re.DOTALL)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_front_matter_holds_the_metadata_and_the_tools_own_keys(cli, marked):
    article, marks = marked
    meta, _ = split_note(export(cli, article.id))
    assert meta["title"] == "Tram extension splits the valley towns"
    assert meta["authors"] == ["Orla Brennan", "Kofi Mensah"]
    assert meta["site"] == "The Valley Courier"
    assert str(meta["published"]) == "2024-06-02"
    assert meta["url"] == "https://valley-courier.example/tram-extension"
    assert meta["tags"] == ["transport", "planning"]
    assert meta["citekey"] == article.citekey and article.citekey
    assert meta["glossator-article"] == article.id
    assert meta["glossator-annotations"] == len(marks)
    assert meta["glossator-updated"] == max(m.updated for m in marks.values())
    assert re.fullmatch(r"[0-9a-f]{16}", meta["glossator-digest"])


def test_sections_per_kind_and_per_used_tag_in_order(cli, marked):
    article, _ = marked
    _, body = split_note(export(cli, article.id))
    assert body.startswith("\n# Tram extension splits the valley towns\n\n")
    headings = re.findall(r"^## (.+)$", body, re.MULTILINE)
    assert headings == ["Claims", "Actors", "Open questions", "follow-up", "numbers", "My notes"]


def test_each_mark_is_a_blockquote_with_locator_speaker_status_note_and_block_id(cli, library,
                                                                                marked):
    article, marks = marked
    _, body = split_note(export(cli, article.id))
    claims = section(body, "Claims")
    claim = marks["claim"]
    text = load_document(library, article).text
    # Paragraphs of the sample, headings not counted: 1 "The regional authority…",
    # 2 "Councillor Dana Whitlock…", 3 and 4 the two list items, 5 "Who will pay…".
    assert text.count("\n\n") == 5
    expected = (
        "> wildly optimistic\n"
        "> — (Brennan & Mensah, 2024, para. 2)\n"
        "\n"
        f"^gl-{claim.id.replace('-', '')[:8]}\n"
        "\n"
        "**Speaker:** Dana Whitlock · **Status:** unverified · **Tags:** #numbers\n"
        "\n"
        "Bus figures: see the 2023 network review.\n"
    )
    assert expected in claims
    land = marks["land"]
    assert (f"> cost of land purchases\n> — (Brennan & Mensah, 2024, para. 4)\n\n"
            f"^gl-{land.id.replace('-', '')[:8]}\n\n**Status:** disputed\n") in claims
    actors = section(body, "Actors")
    assert "> Councillor Dana Whitlock\n> — (Brennan & Mensah, 2024, para. 2)" in actors
    # The claim's speaker came first: the titled mention links to that actor (issue 8, 6).
    assert "**Actor:** Dana Whitlock (person)" in actors
    questions = section(body, "Open questions")
    assert "> Who will pay\n> — (Brennan & Mensah, 2024, para. 5)" in questions
    assert "**Status:** open" in questions
    tagged = marks["tagged"]
    assert "> Construction is due to start in spring.\n> — (Brennan & Mensah, 2024, para. 3)" in (
        section(body, "follow-up"))
    assert section(body, "numbers").strip() == (
        f"- wildly optimistic (claim, [[#^gl-{claim.id.replace('-', '')[:8]}]])")
    block_ids = re.findall(r"^\^(gl-[0-9a-f]{8})$", body, re.MULTILINE)
    assert sorted(block_ids) == sorted(m.block_id for m in marks.values())
    assert tagged.block_id in block_ids


def test_block_ids_are_stable_from_export_to_export(cli, marked):
    article, _ = marked
    first = re.findall(r"^\^gl-\w+$", export(cli, article.id), re.MULTILINE)
    second = re.findall(r"^\^gl-\w+$", export(cli, article.id), re.MULTILINE)
    assert first == second and len(first) == 5


def test_markdown_in_a_quote_is_shown_literally(cli, library, tmp_path):
    source = write_sample(tmp_path / "src", "odd.txt",
                          "Odd text\n\n# not a heading *not em* [not](a link) <b>x</b> 2. item\n")
    article = add_source(library, str(source)).article
    mark(library, article, "# not a heading *not em* [not](a link) <b>x</b> 2. item")
    claims = section(split_note(export(cli, article.id))[1], "Claims")
    quote = next(line for line in claims.splitlines() if line.startswith(">"))
    assert quote == r"> \# not a heading \*not em\* \[not\](a link) \<b\>x\</b\> 2. item"


def test_a_title_in_the_reference_and_citations_is_text_and_the_address_still_a_link(
        cli, library, tmp_path):
    """The reference and the citation after each quote are the citation style's Markdown
    (the title in italics); a title's `[[…]]`, `#tag`, ` ^id` and HTML stay text there, as
    in the heading, and the page's address is one a reader can still follow."""
    source = write_sample(tmp_path / "src", "budget.md", (
        "---\ntitle: \"Budget [[draft]] #2 <!-- v --> ^v1\"\n"
        "url: https://news.example/budget_plan?id=[3]#top\n---\n\n"
        "# Budget\n\nThe council cut the ferry budget by a third.\n"))
    article = add_source(library, str(source)).article
    mark(library, article, "cut the ferry budget by a third")
    _, body = split_note(export(cli, article.id))
    title = r"Budget \[\[draft\]\] \#2 \<!-- v --\> \^v1"
    assert f"# {title}\n" in body
    reference = next(line for line in body.splitlines() if line.startswith("*Budget"))
    assert f"*{title}*" in reference
    assert "https://news.example/budget_plan?id=%5B3%5D#top" in reference
    quote_citation = next(line for line in body.splitlines() if line.startswith("> —"))
    # Title case there (the style's): "<!-- V -->".
    assert quote_citation == r"> — (*Budget \[\[draft\]\] \#2 \<!-- V --\> \^v1*, n.d., para. 1)"
    assert re.findall(r"(?<!\\)(?:\[\[|<!-- v)", body) == []  # no link, no comment


def test_my_notes_are_kept_word_for_word_over_a_new_export(cli, library, marked, tmp_path):
    article, _ = marked
    path = tmp_path / "vault" / "tram.md"
    path.parent.mkdir()
    assert cli("export", article.id, "--format", "markdown", "-o", str(path)).exit_code == 0
    mine = ("\n## My notes\n\nThe *forecast* needs a second source — ask Kofi.\n\n"
            "- [ ] call the authority\n- [x] read the 2023 review 📎\n\n"
            "```\ncode   with  spacing\n```\n\n> my own quote\n\n")
    note = path.read_text("utf-8")
    start = note.index(MY_NOTES_START) + len(MY_NOTES_START)
    end = note.index(MY_NOTES_END)
    path.write_text(note[:start] + mine + note[end:], encoding="utf-8")

    later = mark(library, article, "the bus network", kind="claim")
    result = cli("export", article.id, "--format", "markdown", "-o", str(path))
    assert result.exit_code == 0 and "kept your edits" not in result.stderr
    again = path.read_text("utf-8")
    assert again[again.index(MY_NOTES_START) + len(MY_NOTES_START):
                 again.index(MY_NOTES_END)] == mine
    assert f"^{later.block_id}" in again
    assert not path.with_name("tram.md.bak").exists()


def test_edits_outside_my_notes_are_kept_in_a_backup(cli, marked, tmp_path):
    article, _ = marked
    path = tmp_path / "tram.md"
    cli("export", article.id, "--format", "markdown", "-o", str(path))
    edited = path.read_text("utf-8").replace("## Claims", "## Claims\n\nMy stray edit.")
    path.write_text(edited, encoding="utf-8")
    result = cli("export", article.id, "--format", "markdown", "-o", str(path))
    assert "kept your edits outside 'My notes' of tram.md in tram.md.bak" in result.stderr
    assert path.with_name("tram.md.bak").read_text("utf-8") == edited
    assert "My stray edit." not in path.read_text("utf-8")


def test_a_note_is_never_written_over_a_file_it_does_not_own(cli, library, marked, tmp_path):
    article, _ = marked
    foreign = tmp_path / "tram.md"
    foreign.write_text("# My own file\n\nNot from glossator.\n", encoding="utf-8")
    result = cli("export", article.id, "--format", "markdown", "-o", str(foreign))
    assert result.exit_code == 1 and "not a glossator note" in result.stderr
    assert foreign.read_text("utf-8") == "# My own file\n\nNot from glossator.\n"
    other = add_sample(library, tmp_path / "src", "other.md", "# Other\n\nOther words here.\n")
    mine = tmp_path / "other.md"
    cli("export", other.id, "--format", "markdown", "-o", str(mine))
    result = cli("export", article.id, "--format", "markdown", "-o", str(mine))
    assert result.exit_code == 1 and f"the note of article '{other.id}'" in result.stderr


def test_broken_markers_are_refused_and_the_note_left_alone(cli, marked, tmp_path):
    article, _ = marked
    path = tmp_path / "tram.md"
    cli("export", article.id, "--format", "markdown", "-o", str(path))
    broken = path.read_text("utf-8").replace(MY_NOTES_END, "")
    path.write_text(broken, encoding="utf-8")
    result = cli("export", article.id, "--format", "markdown", "-o", str(path))
    assert result.exit_code == 1 and "broken My notes region" in result.stderr
    assert path.read_text("utf-8") == broken


def test_a_note_that_mentions_the_markers_does_not_confuse_the_next_export(library, marked,
                                                                          tmp_path):
    article, marks = marked
    claim = marks["claim"]
    claim.note = f"Odd note quoting {MY_NOTES_START} and {MY_NOTES_END} literally."
    library.save_annotation(claim)
    path = tmp_path / "tram.md"
    actors = {a.id: a for a in library.actors()}
    write_note(path, article, library.annotations(article.id), actors)
    note = path.read_text("utf-8")
    start = note.rindex(MY_NOTES_START) + len(MY_NOTES_START)
    path.write_text(note[:start] + "\nkept\n" + note[note.rindex(MY_NOTES_END):], "utf-8")
    for _ in range(2):
        write_note(path, article, library.annotations(article.id), actors)
    again = path.read_text("utf-8")
    assert again.count("\nkept\n") == 1
    assert again.endswith(f"{MY_NOTES_START}\nkept\n{MY_NOTES_END}\n")
    assert not path.with_name("tram.md.bak").exists()


# -- export --all -o DIR -------------------------------------------------------------------

AWKWARD_TITLES = [
    "Budget / spending: the 2025 plan?",
    "../../etc/passwd",
    "..",
    ".hidden plans",
    "Control\x1b[31m chars\x07 and\ttabs\nnewlines",
    "CON",
    "Très long titre " * 25,
    "Très long titre " * 25 + "but a different ending",
    "Duplicate headline",
    "Duplicate headline",
    "duplicate HEADLINE",
    "Émoji 🚋 and CJK 路面電車",
]


def test_export_all_writes_one_safely_named_note_per_article_inside_the_folder(cli, library,
                                                                              tmp_path):
    ids = []
    for n, title in enumerate(AWKWARD_TITLES):
        source = write_sample(tmp_path / "src", f"a{n}.txt",
                              f"Article number {n}\n\nThe body of article {n} says little.\n")
        ids.append(add_source(library, str(source), {"title": title}).article.id)
        mark(library, library.article(ids[-1]), f"body of article {n}")
    out = tmp_path / "export" / "notes"
    result = cli("export", "--all", "--format", "markdown", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = sorted(p for p in (tmp_path / "export").rglob("*") if p.is_file())
    assert len(written) == len(AWKWARD_TITLES)
    assert all(p.parent == out for p in written)
    names = [p.name for p in written]
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert name.endswith(".md") and not name.startswith(".")
        assert len(name.encode("utf-8")) <= 255
        assert not any(unicodedata.category(ch) == "Cc" for ch in name)
        assert not set(name) & set('/\\:*?"<>|')
        assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    owners = {yaml.safe_load(p.read_text("utf-8").split("---\n")[1])["glossator-article"]
              for p in written}
    assert owners == set(ids)
    assert "Budget spending the 2025 plan.md" in names


def test_export_all_again_keeps_names_and_my_notes(cli, library, tmp_path):
    for n, title in enumerate(["Same", "Same", "Other"]):
        source = write_sample(tmp_path / "src", f"s{n}.txt", f"T{n}\n\nWords of article {n}.\n")
        add_source(library, str(source), {"title": title})
    out = tmp_path / "notes"
    cli("export", "--all", "--format", "markdown", "-o", str(out))
    first = sorted(p.name for p in out.iterdir())
    target = out / "Other.md"
    note = target.read_text("utf-8")
    target.write_text(note.replace(f"{MY_NOTES_START}\n## My notes\n",
                                   f"{MY_NOTES_START}\n## My notes\n\nremember this\n"), "utf-8")
    cli("export", "--all", "--format", "markdown", "-o", str(out))
    assert sorted(p.name for p in out.iterdir()) == first
    assert "remember this" in target.read_text("utf-8")


# -- rendered citations kept between exports ---------------------------------------------------


def test_kept_citations_match_fresh_ones_and_follow_metadata_changes(cli, library, marked,
                                                                     tmp_path):
    from annotations.citation.cache import CACHE_NAME, CitationCache
    from annotations.export.markdown import render_note

    article, _ = marked
    out = tmp_path / "notes"
    assert cli("export", "--all", "--format", "markdown", "-o", str(out)).exit_code == 0
    assert (library.folder / CACHE_NAME).exists()
    marks, actors = library.annotations(article.id), {a.id: a for a in library.actors()}
    fresh = render_note(article, marks, actors)
    assert render_note(article, marks, actors, cite=CitationCache(library.folder)) == fresh
    assert (out / "Tram extension splits the valley towns.md").read_text("utf-8") == fresh

    changed = library.article(article.id)
    changed.published, changed.authors = "2019-03-01", ["Nia Adebayo"]
    library.update_article(changed)
    cli("export", "--all", "--format", "markdown", "-o", str(out))
    note = (out / "Tram extension splits the valley towns.md").read_text("utf-8")
    assert "> — (Adebayo, 2019, para. 2)" in note and "Brennan" not in note

    (library.folder / CACHE_NAME).write_bytes(b"\x00 damaged")
    assert render_note(changed, marks, actors, cite=CitationCache(library.folder)) == (
        render_note(changed, marks, actors))


def test_a_mark_on_a_page_or_in_a_chapter_is_cited_there(cli, library, marked):
    """The reader stores the page (PDFs) or the chapter (EPUBs) a mark starts in; the note's
    locator line cites it, as APA 7 asks (8.13, 8.28)."""
    article, marks = marked
    paged = library.annotation(article.id, marks["claim"].id)
    paged.page, paged.page_end = "12", "13"
    library.save_annotation(paged)
    in_chapter = library.annotation(article.id, marks["question"].id)
    in_chapter.chapter, in_chapter.paragraph = "Chapter 3", 2
    library.save_annotation(in_chapter)
    _, body = split_note(export(cli, article.id))
    assert "> wildly optimistic\n> — (Brennan & Mensah, 2024, pp. 12–13)\n" in section(body, "Claims")
    assert "> Who will pay\n> — (Brennan & Mensah, 2024, Chapter 3, para. 2)\n" in section(
        body, "Open questions")
    # Kept renders give the same lines.
    again = export(cli, article.id)
    assert "(Brennan & Mensah, 2024, pp. 12–13)" in again
