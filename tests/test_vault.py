"""The Obsidian vault: its pages, links that all lead somewhere, and notes that survive.

`export --format vault -o DIR` writes Index, Questions and Claims at the root, a note per
article in Articles/ and a page per actor in Actors/. Every link in every page is parsed
here and followed: the file must exist, and hold the block id a `#^gl-…` names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from annotations.errors import GlossatorError
from annotations.export.markdown import MY_NOTES_END, MY_NOTES_START
from annotations.export.vault import export_vault
from annotations.model import Actor, Annotation, Article, Tag
from annotations.store import Library
from reader.cli.adding import add_source
from tests.helpers.library import mark, write_sample

# -- following every link -----------------------------------------------------------------

_WIKILINK = re.compile(r"(?<!\\)(!?)\[\[([^\[\]\n]+?)\]\]")


@dataclass(frozen=True)
class Link:
    page: Path
    target: str
    anchor: str
    alias: str
    embed: bool


def body_of(page: Path) -> str:
    """A page without its front matter: the properties are data, a title as it is, and
    Obsidian reads a property as a link only when its value is one (`"[[Note]]"`), which
    `live_in_front_matter` looks for."""
    text = page.read_text("utf-8")
    match = re.match(r"\A---\n.*?\n---\n", text, re.DOTALL)
    return text[match.end():] if match else text


def links_in(page: Path) -> list[Link]:
    """Every wikilink and embed in `page`'s body: `[[target#anchor|alias]]`, `\\|` in tables."""
    found = []
    for bang, inner in _WIKILINK.findall(body_of(page)):
        link, alias = re.split(r"\\?\|", inner, maxsplit=1) if "|" in inner else (inner, "")
        target, _, anchor = link.partition("#")
        found.append(Link(page, target, anchor, alias, bool(bang)))
    return found


def resolved(vault: Path, link: Link) -> Path | None:
    """The file a link opens, as Obsidian finds it from the vault's root; None if none."""
    if not link.target:
        return link.page
    for candidate in (vault / link.target, vault / f"{link.target}.md"):
        if candidate.is_file() and candidate.resolve().is_relative_to(vault.resolve()):
            return candidate
    return None


def block_ids(page: Path) -> set[str]:
    """The block ids a page defines: `^id` at a line's end, after a space or alone (in
    its body: the front matter holds no blocks)."""
    return set(re.findall(r"(?:^|\s)\^([A-Za-z0-9-]+)$", body_of(page), re.MULTILINE))


def headings(page: Path) -> set[str]:
    return set(re.findall(r"^#{1,6} (.+?)\s*$", page.read_text("utf-8"), re.MULTILINE))


def broken_links(vault: Path, skip: str = "Removed/") -> list[str]:
    """Every link in the vault that leads nowhere, described; Removed/ holds pages as they
    were left, so their links are not the export's."""
    broken = []
    for page in sorted(vault.rglob("*.md")):
        if page.relative_to(vault).as_posix().startswith(skip):
            continue
        for link in links_in(page):
            where = f"{page.relative_to(vault)}: [[{link.target}#{link.anchor}]]"
            target = resolved(vault, link)
            if target is None:
                broken.append(f"{where} (no such file)")
            elif link.anchor.startswith("^") and link.anchor[1:] not in block_ids(target):
                broken.append(f"{where} (no such block)")
            elif link.anchor and not link.anchor.startswith("^") and (
                    link.anchor not in headings(target)):
                broken.append(f"{where} (no such heading)")
    return broken


def all_links(vault: Path) -> list[Link]:
    return [link for page in sorted(vault.rglob("*.md")) for link in links_in(page)]


def front_matter(page: Path) -> dict:
    match = re.match(r"\A---\n(.*?\n)---\n", page.read_text("utf-8"), re.DOTALL)
    assert match, page
    return yaml.safe_load(match.group(1))


_FENCED = re.compile(r"^```.*?^```$", re.MULTILINE | re.DOTALL)
_LIVE_MARKUP = re.compile(
    r"(?<!\\)(?:\[\[|\]\])"        # a wikilink or embed that is none of the vault's
    r"|(?<![\\\S])#[^\s#\\]"         # a #tag
    r"|(?<![\\\S])\^[A-Za-z0-9-]+$"    # a block id
    r"|(?<!\\)<[A-Za-z!/]",            # HTML, a comment
    re.MULTILINE)


def live_markup(page: Path) -> list[str]:
    """What a page's text makes of itself beyond the vault's own links, block ids and
    markers, each with what follows it: none, when every title, name and quote is text."""
    body = _FENCED.sub("", body_of(page))  # a chart's code is not Markdown
    body = _WIKILINK.sub("", body.replace(MY_NOTES_START, "").replace(MY_NOTES_END, ""))
    text = "\n".join(re.sub(r"^(#{1,6} |\^gl-[0-9a-f]{8}$)", "", line) for line in body.split("\n"))
    return [text[m.start():m.end() + 12] for m in _LIVE_MARKUP.finditer(text)]


def live_in_front_matter(page: Path) -> list[str]:
    """Property values Obsidian would read as a link (a value that is one), and aliases
    it could not write into a link (it puts an alias it suggests after the `|`)."""
    found = []
    meta = front_matter(page)
    for key, value in meta.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and re.fullmatch(r"\s*!?\[\[.*\]\]\s*", item):
                found.append(f"{key}: {item}")
    found += [f"aliases: {a}" for a in meta.get("aliases", []) if re.search(r"\[\[|\]\]|\|", a)]
    return found


def my_notes(page: Path) -> str:
    text = page.read_text("utf-8")
    return text[text.index(MY_NOTES_START) + len(MY_NOTES_START):text.rindex(MY_NOTES_END)]


def write_my_notes(page: Path, notes: str) -> None:
    text = page.read_text("utf-8")
    start = text.index(MY_NOTES_START) + len(MY_NOTES_START)
    page.write_text(text[:start] + notes + text[text.rindex(MY_NOTES_END):], "utf-8")


# -- a small library of its own -----------------------------------------------------------

HARBOUR = """\
---
title: Harbour dredging plan approved despite protests
authors: [Maria Okafor]
site: The Coastal Record
published: 2025-03-14
---

# Harbour dredging plan approved despite protests

The harbour board approved the dredging of the north channel on Thursday. Board chair
Ines Pereira said the work would cost 14 million and take two winters.

Fishermen's spokesperson Kofi Mensah called the estimate "a fantasy" and said the last
dredging ran three years late.

Marcus Felloway, the auditor, said the figure of 14 million was disputed by his office.

Where will the dredged silt go? Who pays if the work runs late?
"""

FERRY = """\
---
title: Ferry subsidy cut leaves island without winter crossing
authors: [Dana Whitlock]
site: The Valley Courier
published: 2024-11-02
---

# Ferry subsidy cut leaves island without winter crossing

The regional authority cut the ferry subsidy by half. Minister Ines Pereira said the
island would keep a crossing all winter.

Islanders say the timetable has already lost two sailings a day. Kofi Mensah of the
fishermen's league said cargo would move by road instead.

Is the winter crossing in the contract?
"""


@dataclass
class Sample:
    library: Library
    harbour: Article
    ferry: Article
    actors: dict[str, Actor]
    marks: dict[str, Annotation]


def add_text(library: Library, folder: Path, name: str, text: str, title: str = "") -> Article:
    source = write_sample(folder, name, text)
    return add_source(library, str(source), {"title": title} if title else None).article


def with_changes(library: Library, annotation: Annotation, **changes) -> Annotation:
    for key, value in changes.items():
        setattr(annotation, key, value)
    return library.save_annotation(annotation)


@pytest.fixture
def sample(library: Library, tmp_path: Path) -> Sample:
    return sample_library(library, tmp_path / "src")


def sample_library(library: Library, sources: Path) -> Sample:
    """Two articles, three actors, claims in every status, open and answered questions."""
    harbour = add_text(library, sources, "harbour.md", HARBOUR)
    ferry = add_text(library, sources, "ferry.md", FERRY)
    m = {
        "cost": mark(library, harbour, "the work would cost 14 million", speaker="Ines Pereira"),
        "fantasy": mark(library, harbour, "a fantasy", speaker="Kofi Mensah",
                        note="Ask for the 2019 figures."),
        "late": mark(library, harbour, "the last\ndredging ran three years late",
                     speaker="Kofi Mensah"),
        "audit": mark(library, harbour, "the figure of 14 million was disputed",
                      speaker="Marcus Felloway"),
        "pereira": mark(library, harbour, "Ines Pereira", kind="actor"),
        "mensah": mark(library, harbour, "Kofi Mensah", kind="actor"),
        "silt": mark(library, harbour, "Where will the dredged silt go?", kind="question"),
        "pays": mark(library, harbour, "Who pays if the work runs late?", kind="question"),
        "crossing": mark(library, ferry, "the\nisland would keep a crossing all winter",
                         speaker="Ines Pereira"),
        "sailings": mark(library, ferry, "the timetable has already lost two sailings a day",
                         tags=["timetable"]),
        "minister": mark(library, ferry, "Minister Ines Pereira", kind="actor"),
        "ferry-mensah": mark(library, ferry, "Kofi Mensah", kind="actor"),
        "contract": mark(library, ferry, "Is the winter crossing in the contract?",
                         kind="question"),
    }
    library.save_tag(Tag("follow-up"))
    m["winters"] = mark(library, harbour, "take two winters", kind="follow-up")
    with_changes(library, m["audit"], status="disputed")
    with_changes(library, m["fantasy"], status="false")
    with_changes(library, m["late"], status="supported")
    with_changes(library, m["contract"], status="answered",
                 answer="Yes: clause 4.2 of the 2021 contract.\n\nSee the *annex* too.")
    actors = {a.name: a for a in library.actors()}
    return Sample(library, harbour, ferry, actors, m)


def vault_of(cli, out: Path, *articles: str) -> str:
    which = list(articles) or ["--all"]
    result = cli("export", *which, "--format", "vault", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return result.stderr


def export_direct(library: Library, out: Path, articles: list[Article] | None = None,
                  actors: dict[str, Actor] | None = None):
    every = library.articles()
    known = actors if actors is not None else {a.id: a for a in library.actors()}
    return export_vault(out, articles if articles is not None else every, every,
                        library.annotations, known)


# -- the layout ---------------------------------------------------------------------------


def test_a_vault_has_index_questions_claims_a_note_per_article_and_a_page_per_actor(
        cli, sample, tmp_path):
    out = tmp_path / "vault"
    said = vault_of(cli, out)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        "Actors/Ines Pereira.md", "Actors/Kofi Mensah.md", "Actors/Marcus Felloway.md",
        "Articles/Ferry subsidy cut leaves island without winter crossing.md",
        "Articles/Harbour dredging plan approved despite protests.md",
        "Claims.md", "Index.md", "Questions.md", "Who claims what.md",
    ]
    assert f"wrote the vault {out}" in said


def test_every_link_in_the_vault_leads_to_a_page_and_block_that_exist(cli, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    links = all_links(out)
    assert broken_links(out) == []
    # Each claim, mention and question is linked to from another page, by its block id;
    # a tagged mark from its own note's tag section.
    linked_blocks = {link.anchor[1:] for link in links if link.anchor.startswith("^")
                     and link.target}
    assert {m.block_id for m in sample.marks.values() if m.kind != "follow-up"} <= linked_blocks
    internal = {link.anchor[1:] for link in links if not link.target}
    assert internal == {sample.marks["sailings"].block_id}
    assert {link.target for link in links} >= {"Actors/Ines Pereira", "Claims", "Questions"}


def test_an_actor_page_holds_aliases_type_claims_and_mentions_with_block_links(cli, library,
                                                                             sample, tmp_path):
    pereira = sample.actors["Ines Pereira"]
    pereira.aliases, pereira.type = ["Minister Pereira", "I. Pereira"], "person"
    pereira.description = "Chairs the harbour board; minister for transport."
    library.save_actor(pereira)
    out = tmp_path / "vault"
    vault_of(cli, out)
    page = out / "Actors" / "Ines Pereira.md"
    meta = front_matter(page)
    assert meta["aliases"] == ["Minister Pereira", "I. Pereira"]
    assert meta["type"] == "person"
    assert meta["description"] == "Chairs the harbour board; minister for transport."
    assert meta["glossator-actor"] == pereira.id
    assert (meta["glossator-claims"], meta["glossator-mentions"], meta["glossator-articles"]) == (
        2, 2, 2)
    text = page.read_text("utf-8")
    harbour = "Articles/Harbour dredging plan approved despite protests"
    cost = sample.marks["cost"]
    assert (f"- “the work would cost 14 million” — unverified · "
            f"[[{harbour}#^{cost.block_id}|para. 1]]") in text
    crossing = sample.marks["crossing"]
    # A quote over a line break is shown on one line.
    assert "“the island would keep a crossing all winter”" in text
    assert f"#^{crossing.block_id}|para. 1]]" in text
    claims, mentions = text.index("## Claims (2)"), text.index("## Mentions (2)")
    assert claims < text.index(cost.block_id) < mentions < text.index(
        sample.marks["pereira"].block_id)
    assert f"### [[{harbour}|Harbour dredging plan approved despite protests]]" in text


def test_article_notes_are_the_markdown_export_with_actors_linked(cli, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    note = out / "Articles" / "Harbour dredging plan approved despite protests.md"
    text = note.read_text("utf-8")
    assert front_matter(note)["glossator-article"] == sample.harbour.id
    assert "**Speaker:** [[Actors/Kofi Mensah|Kofi Mensah]] · **Status:** false" in text
    assert "**Actor:** [[Actors/Ines Pereira|Ines Pereira]] (person)" in text
    assert f"\n^{sample.marks['fantasy'].block_id}\n" in text
    single = cli("export", sample.harbour.id, "--format", "markdown").stdout
    # Apart from the links (and so the digest) it is the single-note export.
    unlinked = re.sub(r"\[\[Actors/[^|\]]+\|([^\]]+)\]\]", r"\1", text)
    strip = re.compile(r"^glossator-digest: .*\n", re.MULTILINE)
    assert strip.sub("", unlinked).rstrip("\n") == strip.sub("", single).rstrip("\n")


def test_claims_come_by_status_disputed_and_false_first(cli, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    text = (out / "Claims.md").read_text("utf-8")
    sections = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert sections == ["Disputed (1)", "False (1)", "Unverified (3)", "Supported (1)", "My notes"]
    assert front_matter(out / "Claims.md")["glossator-claims"] == 6
    audit = sample.marks["audit"]
    disputed = text[text.index("## Disputed"):text.index("## False")]
    assert ("- “the figure of 14 million was disputed” — [[Actors/Marcus Felloway|Marcus Felloway]]"
            f" · [[Articles/Harbour dredging plan approved despite protests#^{audit.block_id}"
            "|para. 3]]") in disputed
    unverified = text[text.index("## Unverified"):text.index("## Supported")]
    # By article in the library's order, then in reading order; a claim without a speaker
    # has no actor link.
    assert unverified.index("Harbour dredging") < unverified.index("Ferry subsidy")
    assert ("- “the timetable has already lost two sailings a day” · [[Articles/Ferry subsidy cut "
            "leaves island without winter crossing#^") in unverified


def test_questions_open_by_article_then_the_answered_with_their_answers(cli, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    text = (out / "Questions.md").read_text("utf-8")
    open_part = text[text.index("## Open (2)"):text.index("## Answered (1)")]
    assert "### [[Articles/Harbour dredging plan approved despite protests|" in open_part
    assert open_part.index("Where will the dredged silt go?") < open_part.index("Who pays")
    assert "contract" not in open_part
    answered = text[text.index("## Answered (1)"):text.index(MY_NOTES_START)]
    contract = sample.marks["contract"]
    assert (f"- “Is the winter crossing in the contract?” · [[Articles/Ferry subsidy cut leaves "
            f"island without winter crossing#^{contract.block_id}|para. 3]]\n"
            "  **Answer:** Yes: clause 4.2 of the 2021 contract.\n\n  See the *annex* too.\n"
            ) in answered
    meta = front_matter(out / "Questions.md")
    assert (meta["glossator-open"], meta["glossator-answered"]) == (2, 1)


def test_the_index_lists_the_articles_with_their_counts_and_the_actors(cli, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    text = (out / "Index.md").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| [[Articles/")]
    assert rows == [
        "| [[Articles/Harbour dredging plan approved despite protests\\|Harbour dredging plan "
        "approved despite protests]] | Maria Okafor | The Coastal Record | 2025-03-14 "
        "| 4 | 2 | 2 | 0 | 1 | 9 |",
        "| [[Articles/Ferry subsidy cut leaves island without winter crossing\\|Ferry subsidy cut "
        "leaves island without winter crossing]] | Dana Whitlock | The Valley Courier | "
        "2024-11-02 | 2 | 2 | 0 | 1 | 0 | 5 |",
    ]
    assert "| [[Actors/Kofi Mensah\\|Kofi Mensah]] | person | 2 | 2 | 2 |" in text
    assert "2 articles · 14 marks · 3 actors · [[Questions]] · [[Claims]]" in text


# -- exporting again ----------------------------------------------------------------------


def test_my_notes_are_kept_in_every_page_over_a_new_export(cli, library, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    pages = sorted(out.rglob("*.md"))
    mine = {page: f"\n## My notes\n\nThoughts on {page.stem} — *kept* 📎\n\n- [ ] follow up\n\n"
            for page in pages}
    for page, notes in mine.items():
        write_my_notes(page, notes)
    later = mark(library, sample.ferry, "cargo would move by road instead",
                 speaker="Kofi Mensah")
    said = vault_of(cli, out)
    assert "kept your edits" not in said
    for page, notes in mine.items():
        assert my_notes(page) == notes, page
        assert not page.with_name(page.name + ".bak").exists()
    assert f"^{later.block_id}" in (out / "Actors" / "Kofi Mensah.md").read_text("utf-8")
    assert broken_links(out) == []


def test_an_unchanged_vault_is_not_written_again(library, sample, tmp_path):
    out = tmp_path / "vault"
    first = export_direct(library, out)
    assert {f.change for f in first} == {"new"}
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    again = export_direct(library, out)
    assert {f.change for f in again} == {"unchanged"}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.md")} == stamps


def test_edits_outside_my_notes_are_kept_in_a_backup_on_any_page(library, sample, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    edited = {}
    for page in (out / "Actors" / "Kofi Mensah.md", out / "Claims.md",
                 out / "Articles" / "Ferry subsidy cut leaves island without winter crossing.md"):
        edited[page] = page.read_text("utf-8").replace("\n## ", "\n\nMy stray edit.\n\n## ", 1)
        page.write_text(edited[page], "utf-8")
    backups = {f.path: f.backup for f in export_direct(library, out) if f.backup}
    assert backups == {page: page.with_name(page.name + ".bak") for page in edited}
    for page, text in edited.items():
        assert page.with_name(page.name + ".bak").read_text("utf-8") == text
        assert "My stray edit." not in page.read_text("utf-8")


def test_a_renamed_article_or_actor_takes_its_notes_to_the_new_name(cli, library, sample,
                                                                   tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    old_note = out / "Articles" / "Harbour dredging plan approved despite protests.md"
    old_actor = out / "Actors" / "Kofi Mensah.md"
    write_my_notes(old_note, "\nabout the harbour\n")
    write_my_notes(old_actor, "\nabout Kofi\n")
    harbour = library.article(sample.harbour.id)
    harbour.title = "Harbour dredging: the board says yes"
    library.update_article(harbour)
    kofi = sample.actors["Kofi Mensah"]
    kofi.name, kofi.aliases = "Kofi A. Mensah", ["Kofi Mensah"]
    library.save_actor(kofi)
    vault_of(cli, out)
    assert not old_note.exists() and not old_actor.exists()
    assert my_notes(out / "Articles" / "Harbour dredging the board says yes.md") == (
        "\nabout the harbour\n")
    assert my_notes(out / "Actors" / "Kofi A. Mensah.md") == "\nabout Kofi\n"
    assert broken_links(out) == []


def test_a_name_that_changes_only_in_case_renames_the_page(library, sample, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    write_my_notes(out / "Actors" / "Marcus Felloway.md", "\nthe auditor\n")
    felloway = sample.actors["Marcus Felloway"]
    felloway.name = "marcus felloway"
    library.save_actor(felloway)
    export_direct(library, out)
    names = [p.name for p in (out / "Actors").iterdir()]
    assert "marcus felloway.md" in names and "Marcus Felloway.md" not in names
    assert my_notes(out / "Actors" / "marcus felloway.md") == "\nthe auditor\n"


def test_exporting_one_article_then_another_builds_one_vault_of_both(cli, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out, sample.harbour.id)
    index = (out / "Index.md").read_text("utf-8")
    assert "Harbour dredging" in index and "Ferry subsidy" not in index
    assert not (out / "Actors" / "Kofi Mensah.md").read_text("utf-8").count("Ferry subsidy")
    vault_of(cli, out, sample.ferry.id)
    index = (out / "Index.md").read_text("utf-8")
    assert "Harbour dredging" in index and "Ferry subsidy" in index
    assert "Ferry subsidy" in (out / "Actors" / "Kofi Mensah.md").read_text("utf-8")
    assert broken_links(out) == []


# -- refusals -----------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}


def test_a_file_glossator_did_not_write_is_never_overwritten(cli, sample, tmp_path):
    out = tmp_path / "vault"
    out.mkdir()
    (out / "Claims.md").write_text("# My own claims list\n", "utf-8")
    result = cli("export", "--all", "--format", "vault", "-o", str(out))
    assert result.exit_code == 1
    assert "Claims.md already exists and is not a glossator page" in result.stderr
    assert snapshot(out) == {"Claims.md": b"# My own claims list\n"}


def test_broken_markers_are_refused_before_anything_is_written(cli, sample, tmp_path):
    out = tmp_path / "vault"
    vault_of(cli, out)
    page = out / "Actors" / "Ines Pereira.md"
    page.write_text(page.read_text("utf-8").replace(MY_NOTES_END, ""), "utf-8")
    before = snapshot(out)
    mark(sample.library, sample.ferry, "cut the ferry subsidy by half")
    result = cli("export", "--all", "--format", "vault", "-o", str(out))
    assert result.exit_code == 1 and "broken My notes region" in result.stderr
    assert snapshot(out) == before


def test_a_vault_needs_a_folder(cli, sample, tmp_path):
    result = cli("export", "--all", "--format", "vault")
    assert result.exit_code == 1 and "give it with -o DIR" in result.stderr
    file = tmp_path / "vault.md"
    file.write_text("x", "utf-8")
    result = cli("export", "--all", "--format", "vault", "-o", str(file))
    assert result.exit_code == 1 and "is a file" in result.stderr


def test_a_folder_the_vault_needs_that_is_a_file_is_refused(library, sample, tmp_path):
    out = tmp_path / "vault"
    out.mkdir()
    (out / "Articles").write_text("not a folder", "utf-8")
    with pytest.raises(GlossatorError, match="Articles is a file; the vault needs a folder"):
        export_direct(library, out)
    assert snapshot(out) == {"Articles": b"not a folder"}


def test_an_orphaned_mark_is_listed_and_says_so(library, sample, tmp_path):
    with_changes(library, sample.marks["late"], orphaned=True)
    out = tmp_path / "vault"
    export_direct(library, out)
    claims = (out / "Claims.md").read_text("utf-8")
    late = sample.marks["late"]
    assert re.search(rf"“the last dredging ran three years late” — .*#\^{late.block_id}\|para\. 2\]\]"
                     r" · \*orphaned\*\n", claims)
    assert broken_links(out) == []


def test_a_link_names_the_page_or_chapter_a_mark_is_on(library, sample, tmp_path):
    with_changes(library, sample.marks["cost"], page="12", page_end="13")
    with_changes(library, sample.marks["audit"], page="xii|b]")
    with_changes(library, sample.marks["silt"], chapter="Chapter 3", paragraph=2)
    out = tmp_path / "vault"
    export_direct(library, out)
    pereira = (out / "Actors" / "Ines Pereira.md").read_text("utf-8")
    assert f"#^{sample.marks['cost'].block_id}|pp. 12–13]]" in pereira
    claims = (out / "Claims.md").read_text("utf-8")
    assert f"#^{sample.marks['audit'].block_id}|p. xii¦b)]]" in claims
    questions = (out / "Questions.md").read_text("utf-8")
    assert f"#^{sample.marks['silt'].block_id}|Chapter 3, para. 2]]" in questions
    assert broken_links(out) == []


def test_a_vault_that_cannot_be_written_is_one_clear_line_and_left_as_it_was(
        cli, library, sample, library_dir, tmp_path):
    from tests.helpers.readonly import read_only_tree, run_cli_without_write_override

    out = tmp_path / "vault"
    vault_of(cli, out)
    mark(library, sample.ferry, "cut the ferry subsidy by half")
    before = snapshot(out)
    with read_only_tree(out, files_too=False):
        done = run_cli_without_write_override(library_dir, "export", "--all", "--format",
                                              "vault", "-o", str(out), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr == (f"glossator: error: cannot write the vault in {out.resolve()}: the "
                           "folder is not writable; give another with -o\n")
    assert snapshot(out) == before  # no temp file left, no page half-written
