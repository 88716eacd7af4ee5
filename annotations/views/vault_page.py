"""The vault's "Who claims what" page: the matrix as tables and as Mermaid charts.

Obsidian draws a ```mermaid block itself. The charts are pies, which every Obsidian
release draws (`xychart-beta` came to Mermaid only in 10.6, after Obsidian 1.4 shipped
its Mermaid): the claims per speaker (the twelve who claim most, the rest together),
and the claims by status, coloured as the reader colours them. Below them the matrix
as tables, actors × articles and, when claims carry tags, actors × tags, every actor
linked to their page and every article to its note.

Names go into a chart as data, not as Mermaid: a `"` would end the slice's label, `#…;`
reads as an entity, `[[`… as a link to Obsidian's link finder; each is swapped for a
look-alike that means nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from annotations.export.markdown import KEY_PREFIX, front_matter_text, generated_page
from annotations.export.vault_files import LIBRARY_PAGE, Page, owner
from annotations.export.vault_links import VaultNames, wikilink
from annotations.model import CLAIM_STATUSES, Actor, Annotation, Article
from annotations.textsafety import inert
from annotations.views.matrix import (
    BY_ARTICLE,
    BY_TAG,
    NO_SPEAKER,
    NO_TAG,
    STATUS_LETTERS,
    Matrix,
    matrix_of,
    status_mix,
)
from annotations.views.summary import ArticleClaims, counted, facts_of_marks
from annotations.views.tables import markdown_table, table_cell

PAGE_NAME = "Who claims what"
SUBJECT = "who-claims-what"
TOP_SPEAKERS = 12
"""Slices a pie shows before the rest become one: more are slivers nobody can read."""
STATUS_COLOURS = {"supported": "#4caf50", "disputed": "#e0a030", "false": "#d05050",
                  "unverified": "#9e9e9e"}
_MERMAID_SWAPS = str.maketrans({'"': "'", "#": "♯", ";": ",", "[": "(", "]": ")", "<": "‹",
                                ">": "›", "`": "'", "%": "％", "\\": "/"})


class VaultView(Protocol):
    """What the page needs of a vault (annotations/export/vault_pages.py's `Vault`)."""

    articles: list[Article]
    marks: dict[str, list[Annotation]]
    actors: dict[str, Actor]
    names: VaultNames


def mermaid_label(text: str) -> str:
    """A name as a pie slice's label, inside its double quotes."""
    return " ".join(inert(text).translate(_MERMAID_SWAPS).split()) or "…"


def vault_counts(vault: VaultView) -> list[ArticleClaims]:
    return [counted(a.id, facts_of_marks(vault.marks[a.id])) for a in vault.articles]


def who_claims_what_page(vault: VaultView, file_name: str) -> Page:
    counts = vault_counts(vault)
    by_article = matrix_of(counts, BY_ARTICLE, vault.articles, vault.actors)
    by_tag = matrix_of(counts, BY_TAG, vault.articles, vault.actors)
    speakers = [r for r in by_article.rows if r.id != NO_SPEAKER]
    meta: dict[str, object] = {f"{KEY_PREFIX}page": SUBJECT,
                               f"{KEY_PREFIX}claims": by_article.claims,
                               f"{KEY_PREFIX}speakers": len(speakers)}
    lines = [f"# {PAGE_NAME}", "",
             f"{by_article.claims} claims · {len(speakers)} speakers · "
             f"{len(by_article.columns)} articles with claims · {wikilink('Claims')}", ""]
    if by_article.claims:
        lines += ["## Claims per speaker", "", *speaker_pie(by_article), "",
                  "## Claims by status", "", *status_pie(by_article), "",
                  "## By article", "", *_matrix_table(vault, by_article), "",
                  f"Each cell: claims by status ({_legend()}).", ""]
        if any(c.id != NO_TAG for c in by_tag.columns):
            lines += ["## By tag", "", *_matrix_table(vault, by_tag), "",
                      "A claim counts under each of its tags and under the tags above them "
                      "(`funding` holds `funding/state`).", ""]
    else:
        lines += ["No claims yet.", ""]
    front = front_matter_text(meta)
    body = "\n".join(lines).rstrip("\n") + "\n"
    return Page(file_name, owner(LIBRARY_PAGE, SUBJECT),
                lambda my_notes: generated_page(front, body, my_notes))


def speaker_pie(matrix: Matrix) -> list[str]:
    """Claims per speaker as a Mermaid pie: the biggest `TOP_SPEAKERS`, then the rest."""
    totals = [(row.label, sum(matrix.row_totals[row.id].values())) for row in matrix.rows]
    shown, rest = totals[:TOP_SPEAKERS], totals[TOP_SPEAKERS:]
    slices = [(label, n) for label, n in shown]
    if rest:
        slices.append((f"{len(rest)} others", sum(n for _, n in rest)))
    return ["```mermaid", "pie showData", "    title Claims per speaker",
            *(f'    "{mermaid_label(label)}" : {n}' for label, n in slices), "```"]


def status_pie(matrix: Matrix) -> list[str]:
    """Claims by status as a Mermaid pie, each status in its colour."""
    totals: Counter[str] = Counter()
    for counts in matrix.row_totals.values():
        totals.update(counts)
    present = [s for s in CLAIM_STATUSES if totals[s]]
    # Mermaid colours slices pie1, pie2… in the order they are given.
    colours = ", ".join(f'"pie{i}": "{STATUS_COLOURS[s]}"' for i, s in enumerate(present, 1))
    return ["```mermaid", f"%%{{init: {{\"themeVariables\": {{{colours}}}}}}}%%",
            "pie showData", "    title Claims by status",
            *(f'    "{s.capitalize()}" : {totals[s]}' for s in present), "```"]


def _matrix_table(vault: VaultView, matrix: Matrix) -> list[str]:
    articles = {a.id: a for a in vault.articles}
    names = vault.names

    def column_head(column_id: str, label: str) -> str:
        article = articles.get(column_id) if matrix.by == BY_ARTICLE else None
        return names.article(article, in_table=True) if article else table_cell(label)

    def row_head(actor_id: str, label: str) -> str:
        actor = vault.actors.get(actor_id)
        return names.actor(actor, in_table=True) if actor and names.has_page(actor) \
            else table_cell(label)

    headers = ["Actor", *(column_head(c.id, c.label) for c in matrix.columns), "Total"]
    rows = [[row_head(r.id, r.label), *(status_mix(matrix.counts.get((r.id, c.id)))
                                        for c in matrix.columns),
             str(sum(matrix.row_totals[r.id].values()))] for r in matrix.rows]
    return markdown_table(headers, rows, numeric=range(1, len(headers))).splitlines()


def _legend() -> str:
    return ", ".join(f"{letter} {status}" for status, letter in STATUS_LETTERS.items())

