"""Wikilinks between the pages of a vault: `[[Articles/Title#^gl-…|para. 4]]`.

Obsidian reads `#` in a link as a heading, `#^` as a block, `|` as the start of the
shown text, and `[`, `]` as the link's own brackets. File names never hold any of them
(`safe_file_stem` drops them), so a target needs no escaping; the shown text is made
safe here instead, since a title or a name may hold anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from annotations.citation.locators import PAGE, PAGES, Locator, chapter_text, locator_of
from annotations.model import Actor, Annotation, Article
from annotations.textsafety import inert

ARTICLES = "Articles"
ACTORS = "Actors"
REMOVED = "Removed"
"""The vault's folders: article notes, actor pages, and pages whose subject has gone."""

_TARGET_SPECIALS = re.compile(r"[#|^\[\]\\]")
_ALIAS_SWAPS = str.maketrans({"[": "(", "]": ")", "|": "¦", "\\": "/"})
_ALIAS_TROUBLE = re.compile(r"[\[\]|\\\x00-\x1f\x7f-\x9f\u2028\u2029]|\s\s|^\s|\s$|^$")


def link_alias(text: str) -> str:
    """`text` as the shown part of a wikilink: one line, no character that ends the link."""
    if _ALIAS_TROUBLE.search(text) is None:
        return text  # "para. 4", and most names and titles
    return " ".join(inert(text).translate(_ALIAS_SWAPS).split()) or "…"


def wikilink(target: str, alias: str = "", block: str = "", in_table: bool = False) -> str:
    """`[[target#^block|alias]]`; inside a table the `|` is escaped, as Obsidian asks."""
    if _TARGET_SPECIALS.search(target):
        # vault_names never makes such a name: one would be a link that goes nowhere.
        raise ValueError(f"{target!r} cannot be a wikilink target")
    link = f"{target}#^{block}" if block else target
    if alias:
        link += ("\\|" if in_table else "|") + link_alias(alias)
    return f"[[{link}]]"


def page_target(folder: str, file_name: str) -> str:
    """The link target of a page: its path from the vault's root, without `.md`."""
    stem = file_name.removesuffix(".md")
    return f"{folder}/{stem}" if folder else stem


def place_label(annotation: Annotation) -> str:
    """Where in its article a mark is, as a link's text: "para. 4", "p. 12", "pp. 12–13",
    "Chapter 3, para. 2"; "the note" when the reader stored no place."""
    if not annotation.page and not annotation.chapter:  # the usual case, 50,000 times
        return f"para. {annotation.paragraph}" if annotation.paragraph > 0 else "the note"
    locator: Locator = locator_of(annotation)
    kind = locator.kind
    if kind == PAGE:
        return f"p. {locator.page}"
    if kind == PAGES:
        return f"pp. {locator.page}–{locator.page_end}"
    if locator.chapter:
        return chapter_text(locator, "apa")
    return f"para. {locator.paragraph}" if locator.paragraph > 0 else "the note"


@dataclass
class VaultNames:
    """The file name of each article's note and each actor's page, and links to them."""

    notes: dict[str, str]
    """Article id → file name in Articles/."""
    actors: dict[str, str]
    """Actor id → file name in Actors/, for the actors that have a page."""
    _targets: dict[str, str] = field(default_factory=dict, repr=False)
    _note_links: dict[str, str] = field(default_factory=dict, repr=False)
    _mark_links: dict[str, str] = field(default_factory=dict, repr=False)
    _actor_links: dict[str, str] = field(default_factory=dict, repr=False)
    """A vault of 50,000 marks links many of them from two pages, and an actor from
    every mark that names them: each link is made once."""

    def _target(self, article: Article) -> str:
        target = self._targets.get(article.id)
        if target is None:
            target = self._targets[article.id] = page_target(ARTICLES, self.notes[article.id])
        return target

    def article(self, article: Article, mark: Annotation | None = None, alias: str = "",
                in_table: bool = False) -> str:
        """A link to the article's note, or to one mark's block in it."""
        if mark is None:
            if alias or in_table:
                return wikilink(self._target(article), alias or article.title, in_table=in_table)
            link = self._note_links.get(article.id)
            if link is None:
                link = self._note_links[article.id] = wikilink(self._target(article),
                                                               article.title)
            return link
        if alias or in_table:
            return wikilink(self._target(article), alias or place_label(mark), mark.block_id,
                            in_table)
        link = self._mark_links.get(mark.id)
        if link is None:
            link = wikilink(self._target(article), place_label(mark), mark.block_id)
            self._mark_links[mark.id] = link
        return link

    def actor(self, actor: Actor, in_table: bool = False) -> str:
        """A link to the actor's page, showing the actor's name."""
        if in_table:
            return wikilink(page_target(ACTORS, self.actors[actor.id]), actor.name, in_table=True)
        link = self._actor_links.get(actor.id)
        if link is None:
            link = wikilink(page_target(ACTORS, self.actors[actor.id]), actor.name)
            self._actor_links[actor.id] = link
        return link

    def has_page(self, actor: Actor) -> bool:
        return actor.id in self.actors
