"""Incoming marks into the library: matched to their article, anchored, de-duplicated, and
written one article at a time, all of an article's marks or none.

- Article: `--article` takes them all; otherwise the first of a mark's addresses that is
  an article's web address, its source, or (ours) the URN of its content, normalised
  (annotations/interchange/urls.py). Marks of pages not in the library are counted by
  address for the report.
- Duplicates: a mark whose id the article already has (ours, or another tool's imported
  before) is skipped; so is another tool's mark with the quote, text and tags of one the
  article has or the file already gave (Hypothesis' rule). The text is the annotation's
  own, without the replies folded into the note; the kind is not compared (importing a
  file again with another `--kind` adds nothing), only the other tags. A duplicate's
  replies the first copy lacks join its note. Our own marks are never matched by
  content: two marks of the same words with the same note are two marks.
- Anchoring (placing.place_all, an article's marks at once): the position with its exact
  words, the quote word for word, the fuzzy matcher, else kept as an orphan. A UTF-16
  position is converted first, and a position outside the text is no hint at all. Our
  own orphans stay orphans, their last offsets kept: re-attaching is the reader's choice.
- Actors: a speaker or mentioned actor of ours is the library's actor with its id, else
  the one with its name, else made; another tool's actor mark is the actor its words
  name, else a new one. Tags not in the codebook are added, each with a colour of its
  name (annotations/interchange/colours.py). New actors and tags go in
  the same transaction as the marks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from annotations.interchange.colours import name_colour
from annotations.interchange.committing import commit_article_import
from annotations.interchange.hypothesis import without_replies
from annotations.interchange.placing import Placed, place_all
from annotations.interchange.report import ImportReport
from annotations.interchange.urls import normalise_url
from annotations.interchange.w3c.incoming import AgentRef, Batch, Incoming, imported_id
from annotations.interchange.w3c.utf16 import Utf16Offsets
from annotations.interchange.w3c.vocabulary import content_urn
from annotations.model import ACTOR, BUILTIN_KINDS, Actor, Annotation, Article, Tag, normalise_name
from annotations.places import as_places
from annotations.store import Library

TextOf = Callable[[Article], tuple[str, object]]
DuplicateKey = tuple[str, str, frozenset[str]]


def take_in(library: Library, batch: Batch, text_of: TextOf, article_id: str | None,
            report: ImportReport) -> None:
    """Import `batch` into the library, filling `report`.

    Every article's marks are read, placed and checked first; only then is anything
    written, an article at a time: a damaged article found half-way stops the import
    before it has changed a thing."""
    groups = _by_article(library, batch.incoming, article_id, report)
    if groups:  # a file of pages the library lacks writes nothing, not even a new library
        with library.writing("glossator import"):
            actors = Actors(library)
            tags = Tags(library)
            prepared = [_prepared(library, article, group, text_of, actors, tags, batch, report)
                        for article, group in groups]
            for article, marks, new_actors, new_tags in prepared:
                commit_article_import(library, article, marks, new_actors, new_tags)
                if marks:
                    report.articles[article.id] = report.articles.get(article.id, 0) + len(marks)
    report.skipped.extend(batch.lines())


def _by_article(library: Library, incoming: Iterable[Incoming], article_id: str | None,
                report: ImportReport) -> list[tuple[Article, list[Incoming]]]:
    articles = library.articles()
    if article_id is not None:
        chosen = library.article(article_id)
        return [(chosen, list(incoming))]
    index = _address_index(articles)
    groups: dict[str, list[Incoming]] = defaultdict(list)
    by_id = {a.id: a for a in articles}
    for item in incoming:
        match = next((index[key] for key in map(normalise_url, item.addresses) if key in index), None)
        if match is not None:
            groups[match].append(item)
            continue
        address = item.addresses[0] if item.addresses else "(no address)"
        report.unmatched[address] = report.unmatched.get(address, 0) + 1
        if item.title:
            report.titles.setdefault(address, item.title)
    return [(by_id[i], group) for i, group in groups.items()]


def _address_index(articles: Sequence[Article]) -> dict[str, str]:
    """Normalised address → article id; an earlier article keeps an address two share."""
    index: dict[str, str] = {}
    for article in articles:
        for address in (article.url, article.source, content_urn(article)):
            if address:
                index.setdefault(normalise_url(address), article.id)
    return index


Prepared = tuple[Article, list[Annotation], list[Actor], list[Tag]]
WORDLESS = "they have no quote, and their position lies outside the article's text"


def _prepared(library: Library, article: Article, group: list[Incoming], text_of: TextOf,
              actors: Actors, tags: Tags, batch: Batch, report: ImportReport) -> Prepared:
    """The article's new marks, placed, with the actors and tags they bring; what cannot
    be placed at all is counted in `batch`."""
    text, raw_places = text_of(article)
    places = as_places(raw_places)  # type: ignore[arg-type]
    existing = library.annotations(article.id)
    ids = {mark.id for mark in existing}
    keys = {key for mark in existing for key in _keys_of(mark)}
    units = Utf16Offsets(text) if any(item.utf16 for item in group) else None
    taken: list[Incoming] = []
    first_copy: dict[DuplicateKey, Incoming] = {}
    to_place: list[tuple[Annotation, tuple[int | None, int | None]]] = []
    for item in group:
        mark = item.mark
        moved_from = mark.article
        mark.article = article.id
        if item.ours and moved_from and moved_from != article.id:
            # Our mark, put into another article (`--article`): a mark of its own there, so
            # the library never holds one id in two articles.
            mark.id = imported_id(mark.id, article.id)
        if not item.ours:
            mark.id = imported_id(item.their_key, article.id)
            mark.kind = tags.known_as(mark.kind)
            mark.tags = list(dict.fromkeys(tags.known_as(t) for t in mark.tags))
        start, end = _hint(item, text, units)
        if not mark.exact and start is not None and end is not None and start < end:
            mark.exact = text[start:end]  # a position alone: its words are what it selects
        if not mark.exact:
            batch.skip(WORDLESS)
            continue
        key = _key(mark.exact, item.duplicate_note, mark.tags)
        if mark.id in ids or (not item.ours and key in keys):
            report.duplicates += 1
            if key in first_copy:
                first_copy[key].join_replies(item)
            continue
        ids.add(mark.id)
        keys.add(key)
        if not item.ours:
            first_copy[key] = item
        taken.append(item)
        if item.ours and mark.orphaned:
            report.orphaned += 1  # an orphan of ours: as it was, offsets and all
        else:
            to_place.append((mark, (start, end)))
    for placed in place_all([m for m, _ in to_place], text, places, [h for _, h in to_place]):
        _count(placed, report)
    for item in taken:
        _link_actors(item, actors)
        tags.add(item.mark.kind, *item.mark.tags)
    new_actors, new_tags = actors.pending, tags.pending
    actors.pending, tags.pending = [], []
    return article, [item.mark for item in taken], new_actors, new_tags


def _hint(item: Incoming, text: str, units: Utf16Offsets | None) -> tuple[int | None, int | None]:
    """The other tool's offsets as code points of `text`, when they lie in it."""
    start, end = item.start, item.end
    if start is None or end is None:
        return None, None
    if item.utf16 and units is not None:
        start, end = units.code_point(start), units.code_point(end)
    if not 0 <= start <= end <= len(text):
        return None, None
    return start, end


def _count(placed: Placed, report: ImportReport) -> None:
    if placed.outcome == "exact":
        report.exact += 1
    elif placed.outcome == "fuzzy":
        report.count_fuzzy(placed.score)
    else:
        report.orphaned += 1


def _key(quote: str, note: str, tags: Iterable[str]) -> DuplicateKey:
    return (" ".join(quote.split()), note.strip(), frozenset(tags))


def _keys_of(mark: Annotation) -> set[DuplicateKey]:
    """A stored mark's duplicate keys: by its words, and by the words it was imported with
    when the fuzzy matcher placed it on slightly different ones; by its note, and by its
    note without the replies an import folded in."""
    quotes = [mark.exact, *(h.get("quote", "") for h in mark.history if h.get("why") == "import")]
    notes = {mark.note, without_replies(mark.note)}
    return {_key(q, n, mark.tags) for q in quotes if isinstance(q, str) for n in notes}


def _link_actors(item: Incoming, actors: Actors) -> None:
    mark = item.mark
    if item.speaker is not None:
        mark.speaker = actors.resolve(item.speaker)
    if item.actor is not None:
        ref = item.actor
        if not ref.id and not ref.name:
            ref = AgentRef(name=" ".join(mark.exact.split()))
        mark.actor = actors.resolve(ref)
    elif mark.kind == ACTOR and not mark.actor and not item.ours:
        mark.actor = actors.resolve(AgentRef(name=" ".join(mark.exact.split())))


class Actors:
    """The library's actors and those this import makes (`pending` until committed)."""

    def __init__(self, library: Library) -> None:
        self.known = {actor.id: actor for actor in library.actors()}
        self.pending: list[Actor] = []
        self._by_name: dict[str, str] = {}
        for actor in self.known.values():
            self._name(actor)

    def _name(self, actor: Actor) -> None:
        for name in actor.names():
            self._by_name.setdefault(normalise_name(name), actor.id)

    def resolve(self, ref: AgentRef) -> str:
        """The id of the actor `ref` names: by id, else by name or alias, else a new one."""
        if ref.id and ref.id in self.known:
            return ref.id
        named = self._by_name.get(normalise_name(ref.name)) if ref.name else None
        if named is not None:
            return named
        if not ref.name:
            return ref.id  # a link to an actor the file does not describe: kept as it was
        actor = Actor(name=ref.name, type=ref.type, aliases=list(ref.aliases),
                      description=ref.description)
        if ref.id:
            actor.id = ref.id
        self.known[actor.id] = actor
        self._name(actor)
        self.pending.append(actor)
        return actor.id


class Tags:
    """The codebook's tags and those this import adds (`pending` until committed)."""

    def __init__(self, library: Library) -> None:
        self.known = {tag.name for tag in library.codebook()}
        self.pending: list[Tag] = []
        self._by_key = {name.casefold(): name for name in self.known}

    def known_as(self, name: str) -> str:
        """The codebook's spelling of `name` when it has the tag in another case
        ("Transport" is the codebook's "transport")."""
        return self._by_key.get(name.casefold(), name)

    def add(self, *names: str) -> None:
        for name in names:
            if name and name not in self.known and name not in BUILTIN_KINDS:
                self.known.add(name)
                self._by_key[name.casefold()] = name
                self.pending.append(Tag(name, name_colour(name)))
