"""Which actor a mention names: by name or alias, or by surname within its article.

An article names "Joaquin Phoenix" once and "Phoenix" or "Mr. Phoenix" after that. A
surname alone, or a title and a surname, is the one actor already mentioned in this
article whose name ends with it; the words become one of that actor's aliases, so the
next mention is found by name. When no such actor, or more than one, is mentioned in
the article, the words name a new actor (`e` changes that).
"""

from __future__ import annotations

import re

from annotations.model import ACTOR, CLAIM, Actor, Article, normalise_name
from annotations.store import Library

TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father "
    "president minister senator sen rep representative gov governor mayor judge justice "
    "chancellor secretary general gen col colonel capt captain lt sgt councillor cllr "
    "commissioner chief inspector officer detective mp".split()
)
_TITLE = re.compile(r"^(?P<title>[A-Za-z]+)\.?\s+(?P<rest>\S.*)$")


def without_title(name: str) -> str:
    """"Mr. Phoenix" → "Phoenix"; "Dr Ana Ruiz" → "Ana Ruiz"; a name without one as it is."""
    name = " ".join(name.split())
    while True:
        match = _TITLE.match(name)
        if not match or match.group("title").lower() not in TITLES:
            return name
        name = match.group("rest")


_POSSESSIVE = re.compile(r"(?<=\w)(?:['’]s|(?<=s)['’])$", re.IGNORECASE)


def without_possessive(name: str) -> str:
    """"Phoenix’s" → "Phoenix"; "Reuters'" → "Reuters": a mention marked with its
    possessive still names the actor."""
    return _POSSESSIVE.sub("", " ".join(name.split()))


def actor_for_mention(library: Library, article: Article, words: str,
                      type: str = "person") -> tuple[Actor, bool]:
    """The actor `words` refers to in `article`, and whether it was created for them.

    An actor of this article comes first: "Phoenix" here is Joaquin Phoenix, even when
    the library also knows the city from another article.
    """
    with library.writing("glossator actor"):
        named = library.find_actor(words)
        if named is None and without_possessive(words) != " ".join(words.split()):
            words = without_possessive(words)
            named = library.find_actor(words)
        named = named or library.find_actor(without_title(words))
        in_article = _actors_of(library, article)
        if named is not None and named.id in in_article:
            return named, False
        by_surname = _by_surname(in_article, words)
        if by_surname is not None:
            by_surname.aliases.append(" ".join(words.split()))
            library.save_actor(by_surname)
            return by_surname, False
        if named is not None:
            return named, False
        return library.actor_named(words, type=type)


def _actors_of(library: Library, article: Article) -> dict[str, Actor]:
    """The actors this article mentions or quotes."""
    ids: set[str] = set()
    for mark in library.annotations(article.id):
        if mark.kind == ACTOR and mark.actor:
            ids.add(mark.actor)
        elif mark.kind == CLAIM and mark.speaker:
            ids.add(mark.speaker)
    found = {i: library.actor(i) for i in sorted(ids)}
    return {i: a for i, a in found.items() if a is not None}


def _by_surname(actors: dict[str, Actor], words: str) -> Actor | None:
    key = normalise_name(without_title(words))
    if not key or len(key.split()) > 3:
        return None
    matches = [a for a in actors.values() if any(_ends_with(n, key) for n in a.names())]
    return matches[0] if len(matches) == 1 else None


def _ends_with(name: str, surname: str) -> bool:
    words, tail = normalise_name(name).split(), surname.split()
    return len(words) > len(tail) and words[-len(tail):] == tail


def similar_actors(library: Library, name: str) -> list[Actor]:
    """Actors whose names share a word with `name` without being it ("Maria" and "Maria
    Lopez"): when `name` makes a new actor, the one meant may well be among them."""
    words = set(normalise_name(without_title(without_possessive(name))).split())
    if not words:
        return []
    key = normalise_name(name)
    return [actor for actor in library.actors()
            if all(normalise_name(n) != key for n in actor.names())
            and any(words & set(normalise_name(n).split()) for n in actor.names())]
