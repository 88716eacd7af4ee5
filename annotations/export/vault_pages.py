"""The pages of a vault beside the article notes: one per actor, and Index, Questions,
Claims about the whole vault.

Each is front matter and a body, then the kept `## My notes` region (markdown.py's
`generated_page`), so the reader writes in them as in article notes. Every quote links
to its mark's block in the article note (`[[Articles/<title>#^gl-…|para. 4]]`), every
actor to the actor's page. Article text is shown literally: Markdown, and what Obsidian
reads in plain text (`#tag`, `$math$`, `%%comment%%`, `==highlight==`), is escaped.

The library pages are a list of builders (`LIBRARY_PAGES`): a page about the whole vault
is one more entry. Issue 12 (6) adds the matrix of who claims what as a Mermaid chart
that way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from annotations.export.markdown import KEY_PREFIX, escape_inline, front_matter_text, generated_page
from annotations.export.vault_files import ACTOR_PAGE, LIBRARY_PAGE, Page, owner
from annotations.export.vault_links import ACTORS, REMOVED, VaultNames, link_alias, page_target, wikilink
from annotations.model import ACTOR, CLAIM, CLAIM_STATUSES, QUESTION, Actor, Annotation, Article
from annotations.textsafety import inert
from annotations.views.vault_page import PAGE_NAME as WHO_CLAIMS_WHAT
from annotations.views.vault_page import who_claims_what_page

Mark = tuple[Article, Annotation]
CLAIM_ORDER = ("disputed", "false", "unverified", "supported")
"""Claims.md's sections: what needs checking first, what has been settled last."""


@dataclass
class Vault:
    """What the pages show: the vault's articles and their marks, the actors with a page."""

    articles: list[Article]
    marks: dict[str, list[Annotation]]
    actors: dict[str, Actor]
    """Every actor of the library, by id (a mark may name one that has no page)."""
    names: VaultNames
    removed: list[str] = field(default_factory=list)
    """The pages in Removed/, from the vault's root (known once the pages are planned)."""
    _by_kind: dict[str, list[Mark]] = field(default_factory=dict, repr=False)
    _quotes: dict[str, str] = field(default_factory=dict, repr=False)

    def marks_of(self, kind: str) -> list[Mark]:
        """The marks of `kind`, by article in the vault's order, each in reading order."""
        if not self._by_kind:
            for article in self.articles:
                for mark in self.marks[article.id]:
                    self._by_kind.setdefault(mark.kind, []).append((article, mark))
        return self._by_kind.get(kind, [])

    def quoted(self, mark: Annotation) -> str:
        """A mark's words on one line, in quotation marks (each shown on two pages)."""
        quote = self._quotes.get(mark.id)
        if quote is None:
            quote = self._quotes[mark.id] = f"“{shown(mark.exact)}”"
        return quote

    def page_actors(self) -> list[Actor]:
        """The actors mentioned, or quoted as a claim's speaker, in the vault's articles."""
        named = {m.actor for _, m in self.marks_of(ACTOR)} | {
            m.speaker for _, m in self.marks_of(CLAIM)}
        return sorted((a for a in self.actors.values() if a.id in named),
                      key=lambda a: (" ".join(a.name.casefold().split()), a.id))


def shown(text: str) -> str:
    """Article text on one line of a page, shown as it is written.

    Never at a line's start (it follows a list marker, a quotation mark, a heading's `#`
    or a table's `|`), so only inline Markdown and Obsidian's own marks need escaping, as
    every note escapes them (`escape_inline`).
    """
    return escape_inline(" ".join(text.split()))


def _by_article(marks: Iterable[Mark]) -> list[tuple[Article, list[Annotation]]]:
    grouped: dict[str, tuple[Article, list[Annotation]]] = {}
    for article, mark in marks:
        grouped.setdefault(article.id, (article, []))[1].append(mark)
    return list(grouped.values())


def _grouped_lines(vault: Vault, marks: Iterable[Mark],
                   item: Callable[[Article, Annotation], list[str]]) -> list[str]:
    """Marks under a heading per article (a link to its note), one list item each."""
    lines: list[str] = []
    for article, group in _by_article(marks):
        lines += [f"### {vault.names.article(article)}", ""]
        for mark in group:
            lines += item(article, mark)
        lines.append("")
    return lines


def _orphan_flag(mark: Annotation) -> str:
    return " · *orphaned*" if mark.orphaned else ""  # its words are gone from the article


def _speaker_part(vault: Vault, mark: Annotation) -> str:
    speaker = vault.actors.get(mark.speaker) if mark.speaker else None
    if speaker is None:
        return ""
    if vault.names.has_page(speaker):
        return f" — {vault.names.actor(speaker)}"
    return f" — {shown(speaker.name)}"


def _indented(text: str) -> list[str]:
    """The reader's Markdown (an answer) kept inside a list item."""
    return [f"  {line}" if line.strip() else "" for line in inert(text.strip()).split("\n")]


def counted(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _page(path: str, subject: str, meta: dict[str, object], lines: Sequence[str]) -> Page:
    front = front_matter_text(meta)
    body = "\n".join(lines).rstrip("\n") + "\n"
    return Page(path, subject, lambda my_notes: generated_page(front, body, my_notes))


# -- actor pages ------------------------------------------------------------------------


def actor_pages(vault: Vault) -> list[Page]:
    """A page per actor of the vault: who they are, what they claimed, where mentioned."""
    mentions: dict[str, list[Mark]] = {}
    for article, mark in vault.marks_of(ACTOR):
        mentions.setdefault(mark.actor, []).append((article, mark))
    claims: dict[str, list[Mark]] = {}
    for article, mark in vault.marks_of(CLAIM):
        if mark.speaker:
            claims.setdefault(mark.speaker, []).append((article, mark))
    return [actor_page(vault, actor, claims.get(actor.id, []), mentions.get(actor.id, []))
            for actor in vault.page_actors()]


def actor_page(vault: Vault, actor: Actor, claims: list[Mark], mentions: list[Mark]) -> Page:
    file_name = vault.names.actors[actor.id]
    names = list(actor.aliases)
    if file_name.removesuffix(".md") != actor.name and actor.name not in names:
        # The file is not named exactly so: the name itself, found by Obsidian's search
        # and link suggestions, as the aliases are.
        names.insert(0, actor.name)
    # Obsidian writes an alias it suggests into the link, as the text shown: spelled as
    # the vault's links show the name (link_alias), it cannot end that link, and it is no
    # link itself (a quoted "[[x]]" in a property is one, Obsidian's help says).
    aliases = list(dict.fromkeys(link_alias(name) for name in names))
    meta: dict[str, object] = {"aliases": aliases, "type": actor.type}
    if actor.description.strip():
        meta["description"] = actor.description.strip()
    meta[f"{KEY_PREFIX}actor"] = actor.id
    meta[f"{KEY_PREFIX}claims"] = len(claims)
    meta[f"{KEY_PREFIX}mentions"] = len(mentions)
    meta[f"{KEY_PREFIX}articles"] = len({a.id for a, _ in [*claims, *mentions]})

    facts = [f"**Type:** {shown(actor.type)}"]
    if actor.aliases:
        facts.append("**Also known as:** " + ", ".join(shown(a) for a in actor.aliases))
    lines = [f"# {shown(actor.name) or '(no name)'}", "", " · ".join(facts), ""]
    if actor.description.strip():
        lines += [inert(actor.description.strip()), ""]
    if claims:
        lines += [f"## Claims ({len(claims)})", ""]
        lines += _grouped_lines(vault, claims, lambda a, m: [
            f"- {vault.quoted(m)} — {shown(m.status or '')} · {vault.names.article(a, m)}"
            f"{_orphan_flag(m)}"])
    if mentions:
        lines += [f"## Mentions ({len(mentions)})", ""]
        lines += _grouped_lines(vault, mentions, lambda a, m: [
            f"- {vault.quoted(m)} · {vault.names.article(a, m)}{_orphan_flag(m)}"])
    return _page(f"{ACTORS}/{file_name}", owner(ACTOR_PAGE, actor.id), meta, lines)


# -- pages about the whole vault ----------------------------------------------------------


@dataclass(frozen=True)
class LibraryPage:
    """A page about the whole vault, at the vault's root."""

    name: str
    """Its file's stem and link target: `Claims`."""
    build: Callable[[Vault, str], Page]
    """Makes the page from the vault, given its file name."""


def claims_page(vault: Vault, file_name: str) -> Page:
    """Every claim, by status (what needs checking first), then by article."""
    claims = vault.marks_of(CLAIM)
    statuses = [*CLAIM_ORDER, *sorted({m.status or "" for _, m in claims} - set(CLAIM_ORDER))]
    counts = {s: sum(1 for _, m in claims if m.status == s) for s in statuses}
    meta: dict[str, object] = {f"{KEY_PREFIX}page": "claims", f"{KEY_PREFIX}claims": len(claims)}
    meta.update({f"{KEY_PREFIX}{s}": n for s, n in counts.items() if s in CLAIM_STATUSES})
    lines = ["# Claims", "", " · ".join(f"{n} {s or 'no status'}" for s, n in counts.items()), ""]
    for status in statuses:
        chosen = [(a, m) for a, m in claims if m.status == status]
        if not chosen:
            continue
        lines += [f"## {(status or 'no status').capitalize()} ({len(chosen)})", ""]
        lines += _grouped_lines(vault, chosen, lambda a, m: [
            f"- {vault.quoted(m)}{_speaker_part(vault, m)} · {vault.names.article(a, m)}"
            f"{_orphan_flag(m)}"])
    return _page(file_name, owner(LIBRARY_PAGE, "claims"), meta, lines)


def questions_page(vault: Vault, file_name: str) -> Page:
    """Every open question by article; the answered ones after, with their answers."""
    questions = vault.marks_of(QUESTION)
    still_open = [(a, m) for a, m in questions if m.status != "answered"]
    answered = [(a, m) for a, m in questions if m.status == "answered"]
    meta: dict[str, object] = {f"{KEY_PREFIX}page": "questions",
                               f"{KEY_PREFIX}open": len(still_open),
                               f"{KEY_PREFIX}answered": len(answered)}
    lines = ["# Questions", "", f"{len(still_open)} open · {len(answered)} answered", ""]

    def item(article: Article, mark: Annotation) -> list[str]:
        link = vault.names.article(article, mark)
        first = f"- {vault.quoted(mark)} · {link}{_orphan_flag(mark)}"
        if not mark.answer.strip():
            return [first]
        answer = _indented(mark.answer)
        answer[0] = f"  **Answer:** {answer[0].lstrip()}"
        return [first, *answer]

    if still_open:
        lines += [f"## Open ({len(still_open)})", "", *_grouped_lines(vault, still_open, item)]
    if answered:
        lines += [f"## Answered ({len(answered)})", "", *_grouped_lines(vault, answered, item)]
    return _page(file_name, owner(LIBRARY_PAGE, "questions"), meta, lines)


def index_page(vault: Vault, file_name: str) -> Page:
    """The articles with their counts, the actors, the other pages, and what was removed."""
    others = [p.name for p in LIBRARY_PAGES if p.name != INDEX]
    marks = sum(len(vault.marks[a.id]) for a in vault.articles)
    actors = vault.page_actors()
    meta: dict[str, object] = {f"{KEY_PREFIX}page": "index",
                               f"{KEY_PREFIX}articles": len(vault.articles),
                               f"{KEY_PREFIX}annotations": marks,
                               f"{KEY_PREFIX}actors": len(actors)}
    lines = ["# Index", "",
             f"{counted(len(vault.articles), 'article')} · {counted(marks, 'mark')} · "
             f"{counted(len(actors), 'actor')} · "
             + " · ".join(wikilink(name) for name in others), ""]
    lines += ["## Articles", "", *_article_table(vault), ""]
    if actors:
        lines += ["## Actors", "", *_actor_table(vault, actors), ""]
    if vault.removed:
        lines += ["## Removed", "",
                  "Pages whose subject is no longer in the library (or no longer in these "
                  "articles), kept as they were for the notes written in them:", ""]
        lines += [f"- {wikilink(page_target('', path), removed_label(path))}"
                  for path in vault.removed]
        lines.append("")
    return _page(file_name, owner(LIBRARY_PAGE, "index"), meta, lines)


def _cell(text: str) -> str:
    return shown(text) if text else ""


def _article_table(vault: Vault) -> list[str]:
    rows = ["| Article | Authors | Site | Published | Claims | Actors | Open questions "
            "| Answered | Other | Marks |",
            "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for article in vault.articles:
        marks = vault.marks[article.id]
        claims = sum(1 for m in marks if m.kind == CLAIM)
        mentions = sum(1 for m in marks if m.kind == ACTOR)
        answered = sum(1 for m in marks if m.kind == QUESTION and m.status == "answered")
        asked = sum(1 for m in marks if m.kind == QUESTION) - answered
        other = len(marks) - claims - mentions - asked - answered
        cells = [vault.names.article(article, in_table=True), _cell("; ".join(article.authors)),
                 _cell(article.site), _cell(article.published),
                 *(str(n) for n in (claims, mentions, asked, answered, other, len(marks)))]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _actor_table(vault: Vault, actors: list[Actor]) -> list[str]:
    rows = ["| Actor | Type | Mentions | Claims | Articles |", "| --- | --- | ---: | ---: | ---: |"]
    mentions: dict[str, int] = {}
    claims: dict[str, int] = {}
    articles: dict[str, set[str]] = {}
    for article, mark in vault.marks_of(ACTOR):
        mentions[mark.actor] = mentions.get(mark.actor, 0) + 1
        articles.setdefault(mark.actor, set()).add(article.id)
    for article, mark in vault.marks_of(CLAIM):
        if mark.speaker:
            claims[mark.speaker] = claims.get(mark.speaker, 0) + 1
            articles.setdefault(mark.speaker, set()).add(article.id)
    for actor in actors:
        rows.append(f"| {vault.names.actor(actor, in_table=True)} | {shown(actor.type)} | "
                    f"{mentions.get(actor.id, 0)} | {claims.get(actor.id, 0)} | "
                    f"{len(articles.get(actor.id, ()))} |")
    return rows


INDEX = "Index"
LIBRARY_PAGES: tuple[LibraryPage, ...] = (
    LibraryPage(INDEX, index_page),
    LibraryPage("Questions", questions_page),
    LibraryPage("Claims", claims_page),
    LibraryPage(WHO_CLAIMS_WHAT, who_claims_what_page),  # issue 12: the matrix, charted
)
"""The pages about the whole vault, in the order the Index links them."""


def removed_label(path: str) -> str:
    """How Index names a page in Removed/: `Actors/Old Name`."""
    return link_alias(path.removeprefix(f"{REMOVED}/").removesuffix(".md"))
