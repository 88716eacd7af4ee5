"""Incoming marks into the library: matched to their article, anchored, de-duplicated, and
written one article at a time, all of an article's marks or none.

- Article: `--article` takes them all; otherwise the first of a mark's addresses that is
  an article's web address, its source, or (ours) the URN of its content, normalised
  (annotations/interchange/urls.py). Marks of pages not in the library are counted by
  address for the report.
- Met again: a mark whose id the article already has is not added twice. Ours is a
  duplicate, skipped. Another tool's, imported before, brings what a newer export of it
  adds (earlier_marks.py): its replies the mark's note lacks join it, and an edit of its
  text or tags is taken in, unless the mark was changed here since; unchanged, it is a
  duplicate. A reply whose annotation the file lacks joins the mark an earlier import
  made of that annotation.
- Duplicates: another tool's mark with the quote, text and tags of one the article has
  or the file already gave (Hypothesis' rule) is skipped. The text is the annotation's
  own, without the replies folded into the note; the kind is not compared (importing a
  file again with another `--kind` adds nothing), only the other tags. A duplicate's
  replies the first copy (or the article's mark) lacks join its note. Our own marks are
  never matched by content: two marks of the same words with the same note are two marks.
- Anchoring (placing.place_all, an article's marks at once): the position with its exact
  words, the quote word for word, the fuzzy matcher, else kept as an orphan. A UTF-16
  position is converted first, and a position outside the text is no hint at all. Our
  own orphans stay orphans, their last offsets kept: re-attaching is the reader's choice.
- Actors: a speaker or mentioned actor of ours is the library's actor with its id, else
  the one with its name, else made; another tool's actor mark is the actor its words
  name, else a new one. Tags not in the codebook are added, each with a colour of its
  name (annotations/colours.py, given as they are committed). New actors and tags go in
  the same transaction as the marks, new and changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from annotations.interchange.actors import Actors
from annotations.interchange.committing import commit_article_import
from annotations.interchange.hypothesis import ORPHAN_REPLIES
from annotations.interchange.placing import Placed, place_all
from annotations.interchange.report import ImportReport
from annotations.interchange.urls import normalise_url
from annotations.interchange.w3c.earlier_marks import EDITED_HERE, UPDATED, EarlierMarks
from annotations.interchange.w3c.incoming import (
    Batch,
    Incoming,
    LooseReply,
    imported_id,
    without_replies,
)
from annotations.interchange.w3c.ranges import span_in
from annotations.interchange.w3c.utf16 import Utf16Offsets
from annotations.interchange.w3c.vocabulary import content_urn
from annotations.model import ACTOR, BUILTIN_KINDS, Actor, Annotation, Article, Tag
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
    articles = library.articles()
    if article_id is None:
        index = _address_index(articles)
        by_id = {a.id: a for a in articles}
        groups = _by_article(index, batch.incoming, report)
        replies = _replies_by_article(index, batch)
    else:
        chosen = library.article(article_id)
        by_id = {chosen.id: chosen}
        groups = {chosen.id: list(batch.incoming)}
        replies = {chosen.id: list(batch.replies)}
    marked = list(dict.fromkeys([*groups, *replies]))
    if marked:  # a file of pages the library lacks writes nothing, not even a new library
        with library.writing("glossator import"):
            actors = Actors(library)
            tags = Tags(library)
            prepared = [_prepared(library, by_id[i], groups.get(i, []), replies.get(i, []),
                                  text_of, actors, tags, batch, report)
                        for i in marked]
            for article, new_marks, changed, new_actors, new_tags in prepared:
                commit_article_import(library, article, [*new_marks, *changed], new_actors,
                                      new_tags)
                if new_marks:
                    report.articles[article.id] = (report.articles.get(article.id, 0)
                                                   + len(new_marks))
    report.skipped.extend(batch.lines())


def _by_article(index: dict[str, str], incoming: Iterable[Incoming], report: ImportReport
                ) -> dict[str, list[Incoming]]:
    """The marks by the id of their page's article; those of pages not in the library are
    counted by address, for the report."""
    groups: dict[str, list[Incoming]] = defaultdict(list)
    for item in incoming:
        match = _matching(index, item.addresses)
        if match is not None:
            groups[match].append(item)
            continue
        address = item.addresses[0] if item.addresses else "(no address)"
        report.unmatched[address] = report.unmatched.get(address, 0) + 1
        if item.title:
            report.titles.setdefault(address, item.title)
    return groups


def _replies_by_article(index: dict[str, str], batch: Batch) -> dict[str, list[LooseReply]]:
    """The replies whose annotation the file lacks, by the id of their page's article. One
    of a page not in the library cannot have its annotation there either: skipped, and
    said."""
    found: dict[str, list[LooseReply]] = defaultdict(list)
    for reply in batch.replies:
        match = _matching(index, reply.addresses)
        if match is None:
            batch.skip(ORPHAN_REPLIES)
        else:
            found[match].append(reply)
    return found


def _matching(index: dict[str, str], addresses: Iterable[str]) -> str | None:
    return next((index[key] for key in map(normalise_url, addresses) if key in index), None)


def _address_index(articles: Sequence[Article]) -> dict[str, str]:
    """Normalised address → article id; an earlier article keeps an address two share."""
    index: dict[str, str] = {}
    for article in articles:
        for address in (article.url, article.source, content_urn(article)):
            if address:
                index.setdefault(normalise_url(address), article.id)
    return index


Prepared = tuple[Article, list[Annotation], list[Annotation], list[Actor], list[Tag]]
"""An article, its new marks, the marks it had that the import changed, new actors, tags."""
WORDLESS = "they have no quote, and their position lies outside the article's text"
RANGE_NOT_FOUND = ("they have no quote, and the words their range starts or ends at are not "
                   "in the article's text")
Hint = tuple[int | None, int | None]


def _prepared(library: Library, article: Article, group: list[Incoming],
              replies: list[LooseReply], text_of: TextOf, actors: Actors, tags: Tags,
              batch: Batch, report: ImportReport) -> Prepared:
    """The article's new marks, placed, and its marks the import changed, with the actors
    and tags they bring; what cannot be placed at all is counted in `batch`.

    The file's annotations of marks the article has are met first, so that whether another
    annotation is a duplicate is decided against the marks as the import leaves them,
    whatever the order of the file."""
    text, raw_places = text_of(article)
    places = as_places(raw_places)  # type: ignore[arg-type]
    earlier = EarlierMarks(library.annotations(article.id))
    units = Utf16Offsets(text) if any(item.utf16 for item in group) else None
    ready = [(item, hint) for item in group if (hint := _ready(item, article, text, units, tags,
                                                                batch)) is not None]
    for item, _ in ready:
        if item.mark.id in earlier:
            _meet_again(item, earlier, report)
    _join_loose(replies, article, earlier, batch, report)
    ids: set[str] = set()
    keys = {key: mark.id for mark in earlier.current() for key in _keys_of(mark)}
    taken: list[Incoming] = []
    first_copy: dict[DuplicateKey, Incoming] = {}
    to_place: list[tuple[Annotation, Hint]] = []
    for item, hint in ready:
        mark = item.mark
        if mark.id in earlier:
            continue
        key = _key(mark.exact, item.duplicate_note, mark.tags)
        if mark.id in ids or (not item.ours and key in keys):
            report.duplicates += 1
            if key in first_copy:
                first_copy[key].join_replies(item)
            elif key in keys and keys[key] in earlier:
                report.replies_joined += earlier.join(keys[key], item.replies, mark.updated)
            continue
        ids.add(mark.id)
        keys[key] = mark.id
        if not item.ours:
            first_copy[key] = item
        taken.append(item)
        if item.ours and mark.orphaned:
            report.orphaned += 1  # an orphan of ours: as it was, offsets and all
        else:
            to_place.append((mark, hint))
    for placed in place_all([m for m, _ in to_place], text, places, [h for _, h in to_place]):
        _count(placed, report)
    for item in taken:
        _link_actors(item, actors)
        tags.add(item.mark.kind, *item.mark.tags)
    changed = earlier.changed()
    for mark in changed:
        tags.add(*mark.tags)
    new_actors, new_tags = actors.pending, tags.pending
    actors.pending, tags.pending = [], []
    return article, [item.mark for item in taken], changed, new_actors, new_tags


def _ready(item: Incoming, article: Article, text: str, units: Utf16Offsets | None, tags: Tags,
           batch: Batch) -> Hint | None:
    """Give `item`'s mark its id in `article`, its tags as the codebook spells them, and its
    words when only a position names them; the other tool's offsets, or None (counted in
    `batch`) when it has no words at all."""
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
        batch.skip(RANGE_NOT_FOUND if item.text_range is not None else WORDLESS)
        return None
    return start, end


def _meet_again(item: Incoming, earlier: EarlierMarks, report: ImportReport) -> None:
    """An annotation of a mark the article has: ours, a duplicate; another tool's, its
    edit and its replies taken in (earlier_marks.py)."""
    if item.ours:
        report.duplicates += 1
        return
    outcome = earlier.take_edit(item)
    if outcome == UPDATED:
        report.updated += 1
    elif outcome == EDITED_HERE:
        report.edited_here += 1
    else:
        report.duplicates += 1
    report.replies_joined += earlier.join(item.mark.id, item.replies, item.mark.updated)


def _join_loose(replies: list[LooseReply], article: Article, earlier: EarlierMarks,
                batch: Batch, report: ImportReport) -> None:
    for reply in replies:
        parent = imported_id(reply.parent_key, article.id) if reply.parent_key else ""
        if parent in earlier:
            report.replies_joined += earlier.join(parent, [reply.reply], reply.updated)
        else:
            batch.skip(ORPHAN_REPLIES)


def _hint(item: Incoming, text: str, units: Utf16Offsets | None) -> tuple[int | None, int | None]:
    """The other tool's offsets as code points of `text`, when they lie in it; for a range
    with words at an end, where it is in `text`."""
    start, end = item.start, item.end
    convert = units.code_point if item.utf16 and units is not None else None
    if (start is None or end is None) and item.text_range is not None:
        return span_in(item.text_range, text, convert or _as_counted) or (None, None)
    if start is None or end is None:
        return None, None
    if convert is not None:
        start, end = convert(start), convert(end)
    if not 0 <= start <= end <= len(text):
        return None, None
    return start, end


def _as_counted(offset: int) -> int:
    return offset  # a W3C position counts code points, as the text does


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
        mark.actor = actors.resolve(ref) if ref.id or ref.name else actors.mentioned(mark.exact)
    elif mark.kind == ACTOR and not mark.actor and not item.ours:
        mark.actor = actors.mentioned(mark.exact)


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
                self.pending.append(Tag(name))
