"""Which actor each name refers to, read with the whole article in view.

`names` types each capitalised run by its own words; here the article decides the rest:

- a person's canonical name is the first full form the article gives ("Ricardo
  Trevilla"); a later surname, first name or shorter tail ("Trevilla", "López Obrador")
  is the same person;
- an acronym in parentheses after a name ("National Transportation Safety Board (NTSB)")
  is that organisation's alias, no mention of its own; the acronym alone later is;
- one capitalised word nobody was named by is an organisation when it acts like one (it
  speaks, or it is not a sentence's first word and never a place: "in Valdemoro" makes
  Valdemoro a place everywhere in the article, "shares in Vantera" does not);
- what the article's wording says of a name its words leave open ("Moody's said", "Rio
  Tinto's chief executive", "… It added") is read in `organisation_cues`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotations.suggestions.lexicon import places, verbs
from annotations.suggestions.names import ORGANISATION, PARTICLES, PERSON, PLACE, UNKNOWN, Mention
from annotations.suggestions.organisation_cues import (
    called_a_body,
    has_a_voice,
    is_money_put_in,
    with_possessive_names,
)

_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
_PLACE_BEFORE = re.compile(
    r"(?:\bin|\bnear|\boutside|\bacross|\bthroughout|\baround|\binto|\btowards?|\bfrom|\bvia|"
    r"\bof|\bnorth of|\bsouth of|\beast of|\bwest of|\bat)\s+(?:the\s+)?$"
)
_PLACE_ONLY_BEFORE = re.compile(
    r"(?:\bin|\bnear|\boutside|\bacross|\bthroughout|\baround|\binto|\btowards?|\bvia|\bon|"
    r"\bnorth of|\bsouth of|\beast of|\bwest of|\b(?:island|town|city|village|region|province|"
    r"state|county|port|district|valley|suburb|borough|parish)\s+of|"
    # the first word of a place's own name: Port Aldwick, Mount Pleasant, Lake Ruth
    r"\b(?:Port|Mount|Lake|Cape|Fort))\s+"
    r"(?:[A-Z][\w’'-]+\s+(?:and|or)\s+)?$"
)
_PLACE_AFTER = re.compile(
    r"-based\b|,\s+(?:[A-Z][a-z]+\s)?(?:state|province|county)\b|\s+(?:residents|valley|river|"
    r"town|city|village|area|region|coast|border|estuary|county|district|island|islands|"
    r"harbour|harbor|bay|ward|constituency|parish|borough|estate|neighbourhood|neighborhood|"
    r"street|road|lane|town hall|high street|airport|station)\b"
)
_BODY_BEFORE = 600
"""How near before a name another organisation's name stands and may be what "the
company" after it means."""
_WORD_AFTER = re.compile(r"\s+(?:(?:has|had|have|also|later|then|will|would|again|previously)\s+)*"
                         r"([a-z]+)")


@dataclass
class Cast:
    """The article's actors: every kept mention with its canonical name, and the people
    and organisations by name, for the speakers' resolution."""

    mentions: list[Mention]
    people: dict[str, Mention] = field(default_factory=dict)
    """canonical name → its first full mention."""
    organisations: dict[str, Mention] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    """acronym → canonical organisation name."""


def cast(text: str, found: list[Mention], lower_words: frozenset[str],
         quoted: Sequence[tuple[int, int]] = ()) -> Cast:
    """The actors among `found` (every block's names, in text order), each with its name;
    `quoted` are the spans inside quotation marks, in order."""
    found = _with_bodies_named_by_their_acts(text, with_possessive_names(text, _with_acronyms(text, found)))
    # one-word names that are no actor here: places, capitals only inside quotation marks
    no_actors = _place_words(text, found) | _only_quoted(found, quoted)
    people: dict[str, Mention] = {}
    organisations: dict[str, Mention] = {}
    aliases: dict[str, str] = {}
    by_part: dict[str, str] = {}
    for mention in found:
        if mention.type == PERSON and len(mention.text.split()) > 1:
            name = _known_person(mention.text, people, by_part) or mention.text
            if name not in people:
                people[name] = mention
                _index_parts(name, by_part)
        elif mention.type == ORGANISATION:
            for alias in mention.aliases:
                aliases[alias] = mention.text
    speakers = _lone_speakers(text, found, people, by_part, aliases)
    kept: list[Mention] = []
    firsts: dict[str, str] = {}
    for mention in found:
        resolved = _resolve(text, mention, people, by_part, organisations, firsts, aliases,
                            no_actors, lower_words, speakers)
        if resolved is not None:
            kept.append(resolved)
            if resolved.type == ORGANISATION and resolved.name not in organisations:
                organisations[resolved.name] = resolved
                _add_first_word(resolved.name, firsts)
    return Cast(kept, people, organisations, aliases)


def _with_bodies_named_by_their_acts(text: str, found: list[Mention]) -> list[Mention]:
    """Names of several words typed people or places by their words, that the article
    shows are organisations: "Rio Tinto said", "Rio Tinto's chief executive" (a name
    that only looks like a place's: the gazetteer's "Beijing said" stays its government's
    capital), "Hale Morgan said … It added" (no given name first, called "it")."""
    bodies = [m.start for m in found if m.type == ORGANISATION]
    decided: dict[str, bool] = {}
    for mention in found:
        if mention.type == PLACE and _named_like_a_place(mention.text) and \
                (_speaks(text, mention, verbs.SPEECH) or has_a_voice(text, mention)):
            mention.type = ORGANISATION
        elif mention.type == PERSON and len(mention.text.split()) > 1:
            if mention.text not in decided:
                after = bisect_right(bodies, mention.start)
                next_body_at = bodies[after] if after < len(bodies) else len(text)
                decided[mention.text] = _alone(bodies, after, mention) and \
                    _speaks(text, mention, verbs.SPEECH) and \
                    called_a_body(text, mention, next_body_at, nouns=True, strict=True)
            if decided[mention.text]:
                mention.type = ORGANISATION
    return found


def _alone(bodies: list[int], after: int, mention: Mention) -> bool:
    """Whether no other organisation is named just before `mention` (`bodies[after]` the
    first after it): "the company" after them may mean it."""
    return after == 0 or bodies[after - 1] < mention.start - _BODY_BEFORE


def _named_like_a_place(words: str) -> bool:
    """"Rio Tinto", "San Lorenzo": a place's first word, but no place the gazetteer knows,
    nor one whose last word says it is ("Harris County" speaks for its council)."""
    keys = words.casefold().split()
    return len(keys) > 1 and keys[0] in places.PLACE_LEADS and keys[-1] not in places.PLACE_WORDS \
        and words not in places.PLACES


def _only_quoted(found: list[Mention], quoted: Sequence[tuple[int, int]]) -> frozenset[str]:
    """One-word names found only inside quotation marks: in „Wir fahren jeden zweiten Zug
    mit Verlust“ the capitals are German nouns. A word the article also names outside
    quotation marks is a name there too."""
    starts = [start for start, _ in quoted]
    inside, outside = set(), set()
    for mention in found:
        if mention.type != UNKNOWN:
            continue
        i = bisect_right(starts, mention.start) - 1
        (inside if i >= 0 and mention.start < quoted[i][1] else outside).add(mention.text)
    return frozenset(inside - outside)


def _with_acronyms(text: str, found: list[Mention]) -> list[Mention]:
    """Names followed by "(NTSB)" take it as an alias; the acronym there is no mention."""
    kept, skip_at = [], -1
    for mention in found:
        if mention.start == skip_at:
            continue
        match = _ACRONYM_AFTER.match(text, mention.end)
        if match and mention.type in (ORGANISATION, UNKNOWN, PERSON) and _abbreviates(
                match.group(1), mention.text):
            mention.aliases = (*mention.aliases, match.group(1))
            if mention.type != PERSON:
                mention.type = ORGANISATION
            skip_at = match.start(1)
        kept.append(mention)
    return kept


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether `acronym`'s capitals are the initials of `name`'s capitalised words, or
    most of them (English acronyms of foreign names rarely match letter for letter)."""
    letters = [c for c in acronym if c.isupper()]
    initials = [w[0] for w in name.replace("-", " ").split() if w[0].isupper()]
    if not letters or not initials:
        return False
    if letters == initials or letters[0] == initials[0]:
        return True
    return len(set(letters) & set(initials)) * 2 >= len(letters)


def _place_words(text: str, found: list[Mention]) -> frozenset[str]:
    """One-word names the article uses as places: "in Valdemoro", "Valdemoro-based"."""
    words, bodies = set(), set()
    for mention in found:
        if mention.type != UNKNOWN:
            continue
        if has_a_voice(text, mention):
            bodies.add(mention.text)  # "Vantera's chief executive": no place, wherever
        before = text[max(0, mention.start - 20):mention.start]
        if (_PLACE_ONLY_BEFORE.search(before) and not is_money_put_in(before)) or \
                _PLACE_AFTER.match(text, mention.end):
            words.add(mention.text)
    return frozenset(words - bodies)


def _index_parts(name: str, by_part: dict[str, str]) -> None:
    """A person's surname, first name and tails, for the later mentions that use them."""
    words = name.split()
    keys = {words[-1], words[0], " ".join(words[-2:])}
    if len(words) > 2:
        keys.add(" ".join(words[1:]))
    particle = next((i for i, word in enumerate(words[1:-1], 1) if word in PARTICLES), 0)
    if particle:
        keys.add(" ".join(words[particle:]))  # "van der Linde", "de la Fuente"
    # … and "Van der Linde", "Al-Sayed" as a sentence begins
    keys |= {key[0].upper() + key[1:] for key in keys if key[0].islower()}
    for key in keys:
        # a word two people share names neither of them alone
        if key in by_part and by_part[key] != name:
            by_part[key] = ""
        else:
            by_part.setdefault(key, name)


def _known_person(words: str, people: dict[str, Mention], by_part: dict[str, str]) -> str:
    if words in people:
        return words
    return by_part.get(words, "")


def _lone_speakers(text: str, found: list[Mention], people: dict[str, Mention],
                   by_part: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """One capitalised word nobody was named by, that speaks ("Sheinbaum said: …"): a
    person, as news names organisations in full; an organisation when the article calls it
    "it" ("Pemex said … Its chief …"), or when it begins an organisation's name."""
    organisation_firsts = {m.text.split()[0] for m in found if m.type == ORGANISATION}
    bodies = [m.start for m in found if m.type == ORGANISATION]
    voiced = {m.text for m in found if m.type == UNKNOWN and has_a_voice(text, m)}
    decided: dict[str, str] = {}
    for mention in found:
        words = mention.text
        if mention.type != UNKNOWN or words in decided or words in aliases or \
                words in organisation_firsts or _known_person(words, people, by_part) or \
                not _speaks(text, mention, verbs.SPEECH):
            continue
        after = bisect_right(bodies, mention.start)
        next_body_at = bodies[after] if after < len(bodies) else len(text)
        called = called_a_body(text, mention, next_body_at, nouns=_alone(bodies, after, mention))
        decided[words] = ORGANISATION if words in voiced or called else PERSON
    return decided


def _resolve(text: str, mention: Mention, people: dict[str, Mention], by_part: dict[str, str],
             organisations: dict[str, Mention], firsts: dict[str, str], aliases: dict[str, str],
             no_actors: frozenset[str], lower_words: frozenset[str],
             speakers: dict[str, str]) -> Mention | None:
    words = mention.text
    if mention.type == PERSON:
        mention.name = _known_person(words, people, by_part) or words
        return mention
    if mention.type == ORGANISATION:
        mention.name = aliases.get(words, "") or _known_organisation(words, organisations, firsts) or words
        return mention
    if mention.type != UNKNOWN:
        return None
    person = _known_person(words, people, by_part)
    if person:
        mention.type, mention.name = PERSON, person
        return mention
    if words in aliases:
        mention.type, mention.name = ORGANISATION, aliases[words]
        return mention
    organisation = _known_organisation(words, organisations, firsts)
    if organisation:
        mention.type, mention.name = ORGANISATION, organisation
        return mention
    if words in speakers:
        mention.type, mention.name = speakers[words], words
        return mention
    if words in no_actors or words.casefold() in lower_words:
        return None
    if mention.initial and not _speaks(text, mention):
        return None
    before = text[max(0, mention.start - 20):mention.start]
    if not _speaks(text, mention) and _PLACE_BEFORE.search(before) and not is_money_put_in(before):
        return None
    mention.type, mention.name = ORGANISATION, words
    return mention


def _known_organisation(words: str, organisations: dict[str, Mention],
                        firsts: dict[str, str]) -> str:
    """"Rhodium" for a Rhodium Group named before; "" when none or several are."""
    if words in organisations:
        return words
    return firsts.get(words, "")


def _add_first_word(name: str, firsts: dict[str, str]) -> None:
    first = name.split()[0]
    if first != name:
        firsts[first] = "" if firsts.get(first, name) != name else name


def _speaks(text: str, mention: Mention, verbs_of: frozenset[str] = verbs.REPORTING) -> bool:
    """Whether a reporting verb follows the name ("Pemex said", "Pemex has also warned")."""
    match = _WORD_AFTER.match(text, mention.end)
    return bool(match) and match.group(1) in verbs_of
