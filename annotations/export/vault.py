"""An Obsidian vault of the library: `glossator export --format vault -o DIR`.

    Index.md              the articles with their counts, the actors, links to the rest
    Questions.md          the open questions by article; the answered ones after
    Claims.md             the claims by status: disputed, false, unverified, supported
    Articles/<title>.md   each article's note, as the Markdown export writes it, its
                          actors linked to their pages
    Actors/<name>.md      each actor: aliases, type and description in front matter; the
                          claims attributed to them and their mentions, each quote linked
                          to its block in the article's note
    Removed/…             pages whose subject has gone, moved there for the notes in them

Every page keeps its `## My notes` region from export to export, and every link in it
leads to a page of the vault and, for a quote, to its block (`^gl-…`) there.

A vault holds the articles exported into it: those exported now, and those whose notes
an earlier export left (while they are still in the library), each written anew so its
blocks and the pages that link them agree. `export A` and later `export B` make one
vault of both; `--all` makes the library's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from annotations.citation.cache import CitationCache
from annotations.export.markdown import escape_inline, render_note
from annotations.export.vault_files import (
    ARTICLE_PAGE,
    LIBRARY_PAGE,
    Page,
    Survey,
    VaultFile,
    owner,
    removed_pages,
    survey_vault,
    write_vault,
)
from annotations.export.vault_links import ARTICLES, VaultNames
from annotations.export.vault_names import actor_page_names, article_note_names
from annotations.export.vault_pages import INDEX, LIBRARY_PAGES, Vault, actor_pages, index_page
from annotations.model import Actor, Annotation, Article


def export_vault(
    folder: Path,
    articles: Sequence[Article],
    all_articles: Sequence[Article],
    annotations_of: Callable[[str], list[Annotation]],
    actors: dict[str, Actor],
    cite: CitationCache | None = None,
) -> list[VaultFile]:
    """Write the vault of `articles` (and those already in it) into `folder`; what was done
    with each file. Refuses, before any change, to overwrite a file it did not write."""
    survey = survey_vault(folder)
    chosen = vault_articles(articles, all_articles, survey)
    vault = gathered(chosen, all_articles, annotations_of, actors)
    pages = [*article_notes(vault, cite or CitationCache()), *actor_pages(vault)]
    pages += [p.build(vault, f"{p.name}.md") for p in LIBRARY_PAGES if p.name != INDEX]
    # The Index lists Removed/, which depends on which pages stay: all the others, and
    # the Index itself at its place.
    index_place = Page(f"{INDEX}.md", owner(LIBRARY_PAGE, "index"), lambda _: "")
    vault.removed = removed_pages(survey, [*pages, index_place])
    pages.append(index_page(vault, f"{INDEX}.md"))
    return write_vault(survey, pages)


def vault_articles(articles: Sequence[Article], every: Sequence[Article],
                   survey: Survey) -> list[Article]:
    """The articles exported now and those an earlier export left in the vault, in the
    library's order."""
    wanted = {a.id for a in articles} | survey.subjects(ARTICLE_PAGE)
    chosen = [a for a in every if a.id in wanted]
    known = {a.id for a in chosen}
    return chosen + [a for a in articles if a.id not in known]


def gathered(articles: list[Article], every: Sequence[Article],
             annotations_of: Callable[[str], list[Annotation]], actors: dict[str, Actor]) -> Vault:
    """The vault's articles with their marks, and the file name of every page."""
    marks = {a.id: annotations_of(a.id) for a in articles}
    vault = Vault(articles, marks, actors, VaultNames(article_note_names(articles, every), {}))
    vault.names.actors = actor_page_names(vault.page_actors(), list(actors.values()))
    return vault


def article_notes(vault: Vault, cite: CitationCache) -> list[Page]:
    """Each article's note in Articles/, its actors and speakers linked to their pages."""
    names = vault.names

    def actor_name(actor: Actor) -> str:
        return names.actor(actor) if names.has_page(actor) else escape_inline(actor.name)

    def note(article: Article) -> Page:
        marks = vault.marks[article.id]
        return Page(f"{ARTICLES}/{names.notes[article.id]}", owner(ARTICLE_PAGE, article.id),
                    lambda my_notes: render_note(article, marks, vault.actors, my_notes, cite,
                                                 link_actor=actor_name))

    return [note(a) for a in vault.articles]
