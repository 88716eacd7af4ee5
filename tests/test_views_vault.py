"""The vault's "Who claims what" page: the matrix as tables and Mermaid pies Obsidian
draws, every link leading to a page that exists."""

from __future__ import annotations

import re

from annotations.model import Actor
from annotations.store import Library
from annotations.views.vault_page import mermaid_label
from tests.helpers.views_library import views_sample
from tests.test_vault import broken_links, export_direct, front_matter, my_notes, write_my_notes

PAGE = "Who claims what.md"


def mermaid_blocks(text: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_the_page_charts_claims_per_speaker_and_by_status(library: Library, tmp_path):
    views_sample(library, tmp_path / "src")
    out = tmp_path / "vault"
    export_direct(library, out)
    text = (out / PAGE).read_text("utf-8")
    speakers, statuses = mermaid_blocks(text)
    assert speakers.splitlines() == ["pie showData", "    title Claims per speaker",
                                     '    "Ines Pereira" : 3', '    "Kofi Mensah" : 2',
                                     '    "Marcus Felloway" : 1', '    "(no speaker)" : 2']
    assert '"Unverified" : 5' in statuses and '"False" : 1' in statuses
    assert statuses.startswith('%%{init: {"themeVariables": {"pie1": "#9e9e9e"')
    meta = front_matter(out / PAGE)
    assert meta["glossator-page"] == "who-claims-what" and meta["glossator-claims"] == 8
    assert "## By article" in text and "## By tag" in text
    assert "[[Who claims what]]" in (out / "Index.md").read_text("utf-8")
    assert broken_links(out) == []


def test_the_tables_link_actors_and_articles_and_count_by_status(library: Library, tmp_path):
    sample = views_sample(library, tmp_path / "src")
    out = tmp_path / "vault"
    export_direct(library, out)
    text = (out / PAGE).read_text("utf-8")
    by_article = text[text.index("## By article"):text.index("## By tag")]
    assert "[[Articles/Harbour dredging plan approved despite protests\\|" in by_article
    row = next(line for line in by_article.splitlines() if "Kofi Mensah" in line)
    assert row == "| [[Actors/Kofi Mensah\\|Kofi Mensah]] | 1S 1F |  |  |  | 2 |"
    by_tag = text[text.index("## By tag"):]
    assert "| Actor | funding | funding/private | funding/state | (no tag) | Total |" in by_tag
    assert sample.coastal.title in by_article


def test_awkward_names_are_data_in_a_chart_and_the_links_still_resolve(library: Library, tmp_path):
    sample = views_sample(library, tmp_path / "src")
    actor = library.find_actor("Kofi Mensah")
    library.save_actor(Actor(name='Kofi "K" [[Mensah]] #1; <b>%%', id=actor.id, type="person"))
    out = tmp_path / "vault"
    export_direct(library, out)
    text = (out / PAGE).read_text("utf-8")
    speakers = mermaid_blocks(text)[0]
    line = next(x for x in speakers.splitlines() if "Kofi" in x)
    assert line == f'    "{mermaid_label(library.actor(actor.id).name)}" : 2'
    inside = line.strip()[1:line.strip().rindex('"')]
    assert not set(inside) & set('"[]#;<>%`')
    assert [b for b in broken_links(out) if b.startswith(PAGE)] == []
    assert "[[Mensah]]" not in text  # the name is shown, escaped, never a link of its own
    assert sample.marks["fantasy"].id


def test_my_notes_on_the_page_survive_the_next_export(library: Library, tmp_path):
    views_sample(library, tmp_path / "src")
    out = tmp_path / "vault"
    export_direct(library, out)
    write_my_notes(out / PAGE, "\n## My notes\n\nPereira is quoted most.\n")
    export_direct(library, out)
    assert "Pereira is quoted most." in my_notes(out / PAGE)


def test_a_vault_without_claims_says_so(library: Library, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    assert "No claims yet." in (out / PAGE).read_text("utf-8")
