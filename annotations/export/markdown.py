"""Markdown notes, one per article, for Obsidian-style vaults.

A note is front matter, the title, the full reference, a section per kind and per used
tag, and a `## My notes` region between two markers. Exporting again over an earlier
note keeps that region word for word; if the reader also edited the generated part,
the old file is kept beside the new one as `<name>.md.bak` rather than lost.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from annotations.atomic import write_atomically
from annotations.citation.cache import CitationCache
from annotations.citation.locators import locator_of
from annotations.errors import GlossatorError
from annotations.model import (
    ACTOR,
    BUILTIN_KINDS,
    CLAIM,
    QUESTION,
    Actor,
    Annotation,
    Article,
    section_title,
)
from annotations.naming import path_inside, safe_file_stem
from annotations.textsafety import excerpt, inert

MY_NOTES_START = "<!-- glossator:my-notes -->"
MY_NOTES_END = "<!-- /glossator:my-notes -->"
DEFAULT_MY_NOTES = "\n## My notes\n\n"
KEY_PREFIX = "glossator-"
_DIGEST_KEY = f"{KEY_PREFIX}digest"
_DIGEST_LINE = re.compile(rf"^{_DIGEST_KEY}: .*\n", re.MULTILINE)
_NAME_BYTES = 200
"""How long a note's file name stem may grow (safe_file_stem's own limit)."""

ActorLink = Callable[[Actor], str]
"""How a note names an actor: a vault links the actor's page (annotations/export/vault.py)."""


@dataclass
class NoteWrite:
    path: Path
    backup: Path | None = None
    """Where the earlier note went, when its generated part had been edited by hand."""


def render_note(
    article: Article,
    annotations: Sequence[Annotation],
    actors: dict[str, Actor],
    my_notes: str = DEFAULT_MY_NOTES,
    cite: CitationCache | None = None,
    link_actor: ActorLink | None = None,
) -> str:
    """The whole note for one article, with `my_notes` inside the kept region.

    `link_actor` writes an actor's name as a link (a vault's actor pages); without it the
    name is plain text.
    """
    name_of = link_actor or (lambda actor: escape_inline(actor.name))
    body = "\n".join(_body_lines(article, annotations, actors, cite or CitationCache(), name_of))
    return generated_page(_front_matter(article, annotations), body, my_notes)


def generated_page(front_matter: str, body: str, my_notes: str = DEFAULT_MY_NOTES) -> str:
    """A page of front matter (from `front_matter_text`) and body, then the kept region,
    its digest filled in: the shape of every page glossator writes and writes again."""
    region = f"{MY_NOTES_START}{my_notes}{MY_NOTES_END}\n"
    generated = defuse_markers(f"{front_matter}{body}\n")
    return _with_digest(f"{generated}{region}")


def defuse_markers(text: str) -> str:
    """`text` with the region markers made inert, so only the real region has them.

    A note, an answer or a title may quote a marker; left as it is, the next export
    would take it for the start of My notes and fold generated text into the region.
    """
    for marker in (MY_NOTES_START, MY_NOTES_END):
        text = text.replace(marker, marker.replace("<", "&lt;", 1))
    return text


def _front_matter(article: Article, annotations: Sequence[Annotation]) -> str:
    meta: dict[str, object] = {
        "title": article.title,
        "authors": list(article.authors),
        "site": article.site,
        "published": article.published,
        "accessed": article.accessed,
        "url": article.url,
        "citekey": article.citekey,
        "tags": list(article.tags),
        "language": article.language,
    }
    meta = {k: v for k, v in meta.items() if v}
    meta[f"{KEY_PREFIX}article"] = article.id
    meta[f"{KEY_PREFIX}annotations"] = len(annotations)
    if annotations:
        meta[f"{KEY_PREFIX}updated"] = max(a.updated for a in annotations)
    return front_matter_text(meta)


def front_matter_text(meta: dict[str, object]) -> str:
    """`meta` as YAML front matter, with the digest's place at its end."""
    meta = {**meta, _DIGEST_KEY: "-"}
    # libyaml's dumper when present: the same text, six times faster than PyYAML's own,
    # which matters when `export --all` writes a thousand notes.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    dumped = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{inert(dumped)}---\n\n"


def _body_lines(
    article: Article, annotations: Sequence[Annotation], actors: dict[str, Actor],
    cite: CitationCache, name_of: ActorLink,
) -> list[str]:
    lines = [f"# {escape_inline(article.title)}", "", escape_citation(cite.reference(article)), ""]
    kinds = [k for k in BUILTIN_KINDS if any(a.kind == k for a in annotations)]
    kinds += sorted({a.kind for a in annotations} - set(BUILTIN_KINDS))
    # Who marked what matters once a team marks one article; alone, it is noise.
    by_several = len({a.author for a in annotations if a.author}) > 1
    for kind in kinds:
        lines += [f"## {escape_inline(section_title(kind))}", ""]
        for annotation in (a for a in annotations if a.kind == kind):
            lines += _item_lines(article, annotation, actors, cite, name_of, by_several)
        tagged_elsewhere = [a for a in annotations if kind in a.tags and a.kind != kind]
        lines += _tag_link_lines(tagged_elsewhere)
    extra_tags = sorted({t for a in annotations for t in a.tags} - set(kinds))
    for tag in extra_tags:
        lines += [f"## {escape_inline(tag)}", ""]
        lines += _tag_link_lines([a for a in annotations if tag in a.tags])
    return lines


def _item_lines(article: Article, annotation: Annotation, actors: dict[str, Actor],
                cite: CitationCache, name_of: ActorLink, with_author: bool = False) -> list[str]:
    quote = [f"> {escape_quote_line(line)}" if line.strip() else ">"
             for line in annotation.exact.strip().split("\n")]
    locator = cite.in_text(article, locator_of(annotation))
    lines = [*quote, f"> — {escape_citation(locator)}", "", f"^{annotation.block_id}", ""]
    facts = []
    if annotation.kind == ACTOR and annotation.actor in actors:
        actor = actors[annotation.actor]
        facts.append(f"**Actor:** {name_of(actor)} ({escape_inline(actor.type)})")
    if annotation.speaker:
        speaker = actors.get(annotation.speaker)
        facts.append(f"**Speaker:** {name_of(speaker) if speaker else '?'}")
    if annotation.kind in (CLAIM, QUESTION) and annotation.status:
        facts.append(f"**Status:** {escape_inline(annotation.status)}")
    if annotation.tags:
        facts.append("**Tags:** " + " ".join(f"#{obsidian_tag(t)}" for t in annotation.tags))
    if annotation.origin:
        # Research has to say which marks a tool proposed and a person accepted.
        facts.append(f"**Origin:** {escape_inline(annotation.origin)}")
    if with_author and annotation.author:
        facts.append(f"**Marked by:** {escape_inline(annotation.author)}")
    if facts:
        lines += [" · ".join(facts), ""]
    if annotation.kind == QUESTION and annotation.answer.strip():
        lines += [f"**Answer:** {inert(annotation.answer.strip())}", ""]
    if annotation.note.strip():
        lines += [inert(annotation.note.strip()), ""]
    return lines


def _tag_link_lines(annotations: Sequence[Annotation]) -> list[str]:
    lines = [
        f"- {escape_inline(excerpt(a.exact))} ({escape_inline(a.kind)}, [[#^{a.block_id}]])"
        for a in annotations
    ]
    return [*lines, ""] if lines else []


def obsidian_tag(tag: str) -> str:
    return re.sub(r"[^\w/-]+", "-", tag).strip("-") or "tag"


_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~#$])|(=)(?==)|(%)(?=%)|(?<!\S)(\^)")
"""Markdown's own specials, and Obsidian's: `#` starts a tag, `$` maths, `==` a
highlight, `%%` a comment (one escaped character of a pair is enough), ` ^id` ends a
block with its id."""
_LINE_START_SPECIALS = re.compile(r"^(\s*)([#+=-]|\d+[.)])(?=\s|$)")


_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>|~#$=%^]")
"""A character `_INLINE_SPECIALS` may escape: most text has none, and this one-character
scan is five times quicker than the substitution (a vault export escapes 130,000 texts)."""


def escape_inline(text: str) -> str:
    """Article text shown literally in Markdown: no accidental emphasis, links or HTML."""
    text = inert(text)
    return _INLINE_SPECIALS.sub(r"\\\g<0>", text) if _ANY_SPECIAL.search(text) else text


_CITATION_SPECIALS = re.compile(
    r"(\\.|\*|(?:https?|ftp)://\S+)|[_\[\]<>|~#$]|=(?==)|%(?=%)|(?<!\S)\^", re.DOTALL)
"""What `escape_citation` keeps (an escape the renderer wrote, its `*` of italics, an
address), else what it escapes: `escape_inline`'s specials but those the renderer has
escaped in the article's details already (a backslash, `*`, a backtick)."""
_ADDRESS_SAFE = str.maketrans({"[": "%5B", "]": "%5D", "|": "%7C", "<": "%3C", ">": "%3E"})
_ANY_CITATION_SPECIAL = re.compile(r"[_\[\]<>|~#$=%^]")
"""What `_CITATION_SPECIALS` may escape: a citation's own `*` alone needs nothing, and
the vault writes one after each of its 50,000 quotes."""


def escape_citation(markdown: str) -> str:
    """A reference or an in-text citation as the renderer writes it in Markdown (titles in
    `*…*`), shown so that nothing the article's details hold comes alive: a title's
    `[[w]]`, `#tag`, ` ^id` or `<!--` stays text in the note, as in the heading.

    The renderer escapes a detail's `\\`, `*` and backtick itself (the italics are its
    own `*`), so those are left as they are. An address stays a link: only the brackets,
    bars and angle brackets that would make a wikilink or HTML of it are percent-encoded,
    which names the same page."""
    text = inert(markdown)
    if not _ANY_CITATION_SPECIAL.search(text):
        return text
    return _CITATION_SPECIALS.sub(_citation_piece, text)


def _citation_piece(match: re.Match[str]) -> str:
    kept = match.group(1)
    if kept is None:
        return "\\" + match.group()
    return kept.translate(_ADDRESS_SAFE) if kept[0] not in "\\*" else kept


def escape_quote_line(line: str) -> str:
    escaped = escape_inline(line)
    return _LINE_START_SPECIALS.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)


def _with_digest(note: str) -> str:
    digest = generated_digest(note)
    return note.replace(f"{_DIGEST_KEY}: '-'\n", f"{_DIGEST_KEY}: {digest}\n", 1)


def _without_digest_line(note: str) -> str:
    """`note` without its digest line, which is a key of its front matter: only the front
    matter is searched (a multi-line search of a whole 30 KB page, twice per page, cost a
    vault export of a thousand articles a second)."""
    if note.startswith("---\n"):
        end = note.find("\n---\n", 3)
        if end >= 0:
            return _DIGEST_LINE.sub("", note[:end + 1]) + note[end + 1:]
    return _DIGEST_LINE.sub("", note)


def generated_digest(note: str) -> str:
    """A hash of everything glossator wrote: the note minus the kept region and digest."""
    start, end = note.find(MY_NOTES_START), note.rfind(MY_NOTES_END)
    outside = note[:start] + note[end:] if 0 <= start < end else note
    outside = _without_digest_line(outside)
    return hashlib.sha256(outside.encode("utf-8")).hexdigest()[:16]


def kept_region(existing: str, path: Path) -> str:
    """The `## My notes` region of an earlier export; refuses to guess when it is broken."""
    # The first start marker (the generated part cannot hold one) and the last end
    # marker: notes that quote a marker stay whole.
    start, end = existing.find(MY_NOTES_START), existing.rfind(MY_NOTES_END)
    if start < 0 and end < 0:
        raise GlossatorError(
            f"{path} has lost its '{MY_NOTES_START}' markers; put them back around your "
            "notes or move the file, then export again"
        )
    if start < 0 or end < start:
        raise GlossatorError(
            f"{path} has a broken My notes region (one marker missing or out of order); "
            "fix the markers or move the file, then export again"
        )
    return existing[start + len(MY_NOTES_START) : end]


def stored_digest(existing: str) -> str:
    match = re.search(rf"^{_DIGEST_KEY}: (\S+)$", existing, re.MULTILINE)
    return match.group(1) if match else ""


def note_article_id(existing: str) -> str:
    match = re.search(rf"^{KEY_PREFIX}article: (.+)$", existing, re.MULTILINE)
    return match.group(1).strip().strip("'\"") if match else ""


def write_note(
    path: Path,
    article: Article,
    annotations: Sequence[Annotation],
    actors: dict[str, Actor],
    cite: CitationCache | None = None,
) -> NoteWrite:
    """Write the article's note to `path`, keeping an earlier export's My notes region."""
    my_notes = DEFAULT_MY_NOTES
    backup = None
    existing = ""
    existed = path.exists()
    if existed:
        existing = path.read_text(encoding="utf-8", errors="replace")
        owner = note_article_id(existing)
        if owner != article.id:
            what = f"the note of article {owner!r}" if owner else "not a glossator note"
            raise GlossatorError(
                f"{path} already exists and is {what}; move it or export to another place"
            )
        my_notes = kept_region(existing, path)
        if stored_digest(existing) != generated_digest(existing):
            backup = path.with_name(path.name + ".bak")
            write_atomically(backup, existing.encode("utf-8"))
    text = render_note(article, annotations, actors, my_notes, cite)
    if existed and text == existing:
        return NoteWrite(path, backup)  # nothing changed: leave the file and its mtime be
    # A note that replaces an earlier one holds the reader's My notes: it is made
    # durable before it takes the old one's place. A new note holds nothing that
    # cannot be exported again, so a thousand new notes skip two thousand fsyncs.
    write_atomically(path, text.encode("utf-8"), durable=existed)
    return NoteWrite(path, backup)


def note_file_names(articles: Sequence[Article], all_titles: Sequence[Article]) -> dict[str, str]:
    """A file name per article id: the title, or `title (id)` when titles collide.

    Collisions are judged against the whole library (`all_titles`), not just the
    articles exported now, so an article's note keeps one name from export to export.
    """
    stems: dict[str, list[str]] = {}
    for other in all_titles:
        stems.setdefault(safe_file_stem(other.title).casefold(), []).append(other.id)
    names: dict[str, str] = {}
    used: set[str] = set()
    for article in articles:
        stem = safe_file_stem(article.title)
        if len(stems.get(stem.casefold(), [])) > 1:
            # Shorten the title, never the id: two long titles alike in their first
            # 200 bytes would otherwise get one name again.
            suffix = f" ({article.id})"
            stem = safe_file_stem(article.title, max_bytes=_NAME_BYTES - len(suffix)) + suffix
        name, n = f"{stem}.md", 2
        while name.casefold() in used:  # a title that happens to read "Other (other-2)"
            name, n = f"{stem} {n}.md", n + 1
        used.add(name.casefold())
        names[article.id] = name
    return names


def export_notes(
    folder: Path,
    articles: Sequence[Article],
    all_articles: Sequence[Article],
    annotations_of,
    actors: dict[str, Actor],
    cite: CitationCache | None = None,
) -> list[NoteWrite]:
    """One note per article in `folder`, each name safe and unique."""
    folder.mkdir(parents=True, exist_ok=True)
    names = note_file_names(articles, all_articles)
    cite = cite or CitationCache()
    return [
        write_note(path_inside(folder, names[a.id]), a, annotations_of(a.id), actors, cite)
        for a in articles
    ]
