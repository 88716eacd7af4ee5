"""Who speaks: the subject of a reporting verb, read as a name, a pronoun or a noun phrase.

    "…,” said Trevor Houser, a partner at Rhodium.     the name after the verb; its appositive
    "…,” Houser said. / Sheinbaum said: "…"            the name before the verb
    "…,” she said.                                     the nearest suitable person before
    "…,” the ministry said. / a spokesperson for X     the organisation the phrase points to

A pronoun takes the person who spoke last when no other person stands nearer as a
sentence's subject: in news a "he said" follows its speaker's quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from annotations.suggestions.actors import Cast
from annotations.suggestions.bodies import body_kind, body_kind_of_name
from annotations.suggestions.lexicon import organisations, titles, verbs
from annotations.suggestions.names import ORGANISATION, PERSON, Mention

_AUX_HEAD = re.compile(r"\s*(?:(?:" + "|".join(sorted(verbs.AUXILIARIES)) + r")\s+)*")
_PRONOUN_HEAD = re.compile(r"\s*(he|she|they|it|we|I)\b")
_AUX_WORDS = verbs.AUXILIARIES | {"not", "n’t", "n't"}
_PRONOUNS = frozenset("He he She she They they It it We we I".split())
_DETERMINERS = frozenset(w for word in "the a an one another its his her their two three several "
                         "some many".split() for w in (word, word.capitalize()))
_NOUN_WORD = re.compile(r"[a-z][\w-]*")
_BETWEEN_WORD = re.compile(r"[\w’'-]+")
_NOUN_HEAD = re.compile(
    r"\s*(?:the|a|an|one|another|its|his|her|their|two|three|several|some|many)\s+"
    r"(?:[\w’'-]+\s+){0,3}?([a-z][\w-]*)\b"
)
_CLAUSE_CHARS = r"(?:[^,“”\"«»;:.!?]|\.(?=\d))"
_APPOSITIVE_TAIL = re.compile(rf",\s*({_CLAUSE_CHARS}{{2,160}}),\s*$")
_PARENTHESIS_TAIL = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_NAMED_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,4}?,\s*")
_POSSESSIVE_S = re.compile(r"['’]s?")
_RELATIVE_TAIL = re.compile(r",\s*(which|who)\s*$")
_OF_TAIL = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?$")
_POSSESSOR = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z][\w-]*)['’]s\s")
_APPOSITIVE_AFTER = re.compile(
    r",\s*((?:a|an|the|one|its|his|her|their)\b(?:[^“”\"«».!?;,]|(?<=\d)[.,](?=\d)){1,120})(,?)")
_RELATIVE = frozenset("that who which whose whom where".split())

ORGANISATION_HEADS = frozenset(
    "ministry company agency council department government authority firm group board "
    "commission bank union police office bureau committee party court army navy "
    "administration institute university foundation association federation service "
    "organisation organization corporation operator utility regulator airline carrier "
    "embassy consulate campaign charity network coalition alliance league club team "
    "prosecutor's report study survey statement analysis audit review assessment paper "
    "filing document letter website".split()
)
_UNNAMED_VOICES = frozenset("spokesperson spokesman spokeswoman representative statement "
                            "release".split())
DOCUMENT_HEADS = frozenset("report study survey analysis audit review assessment paper research "
                           "trial findings filing".split())


_PRONOUN_GENDERS = {"he": "m", "she": "f"}
_SUBJECT_REACH = 200
"""How far before the nearest name a sentence's subject may stand and still be what a
pronoun after them points to ("Maria Lopez met John Smith on Tuesday. She …")."""
_NEAR = 90
"""How far before a verb its subject's pronoun, noun phrase or auxiliaries can start."""
_FAR = 240
"""… and a subject with an appositive ("Houser, a partner at Rhodium, said")."""
_LOOKBACK = 6000
"""How far back (code points) "the ministry" or "the minister" looks for its name: an
article's length; in a book, the chapter around it rather than everything before."""


class Speaker(NamedTuple):
    name: str
    start: int
    end: int
    """The words the speaker was read from (a name, a pronoun, a noun phrase)."""
    type: str = ""
    description: str = ""


class Speakers:
    """The speaker resolution of one article: its cast, and who has spoken so far."""

    def __init__(self, text: str, cast: Cast, credits: frozenset[int] = frozenset()) -> None:
        """`credits`: where the names that report the article begin (a dateline's agency,
        "LONDON (Reuters) —"): they say nothing in it, so they speak for no one."""
        self.text = text
        self.cast = cast
        people = [m for m in cast.mentions if m.type in (PERSON, ORGANISATION)
                  and m.start not in credits]
        self._mentions = people
        self._starts = [m.start for m in people]
        self._ends = sorted((m.end, i) for i, m in enumerate(people))
        self._end_keys = [e for e, _ in self._ends]
        self._by_title_start = {m.title_start: m for m in people if m.title_start >= 0}
        self._by_start = {m.start: m for m in people}
        self.last_document: Speaker | None = None
        """Who a study or report named before belongs to: "the study" later is theirs."""
        self.last: Speaker | None = None
        """The speaker of the latest claim, for pronouns and floating quotes."""
        self.last_at = -1
        self._genders: dict[str, str] = {}
        """Person → "m" or "f", from a title ("Ms", "spokesman") or a pronoun that meant them."""
        for mention in people:
            gender = _gender_of(mention.title) if mention.title else ""
            if gender and mention.type == PERSON:
                self._genders.setdefault(mention.name or mention.text, gender)

    # -- names -------------------------------------------------------------------------
    def mention_at(self, at: int) -> Mention | None:
        """The name (or the title before it) that begins at `at`."""
        return self._by_start.get(at) or self._by_title_start.get(at)

    def mention_ending_at(self, at: int) -> Mention | None:
        i = bisect_left(self._end_keys, at)
        if i < len(self._ends) and self._ends[i][0] == at:
            return self._mentions[self._ends[i][1]]
        return None

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return self._mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def speaker_of(self, mention: Mention, description: str = "") -> Speaker:
        return Speaker(mention.name or mention.text, mention.start, mention.end, mention.type,
                       description or mention.description)

    # -- subjects ----------------------------------------------------------------------
    def subject_after(self, at: int, limit: int) -> tuple[Speaker | None, int]:
        """The subject that begins at `at` (spaces skipped), and where it ends."""
        text = self.text
        while at < limit and text[at] in " \t\u00a0":
            at += 1
        mention = self.mention_at(at)
        if mention is None and text.startswith(("the ", "The "), at):
            mention = self.mention_at(at + 4)
        if mention is not None:
            owned = self._named_after_owner(mention, limit)
            if owned is not None:
                return owned
            appositive = appositive_after(text, mention.end, limit)
            return self.speaker_of(mention, appositive[0] if appositive else ""), mention.end
        pronoun = _PRONOUN_HEAD.match(text, at, limit)
        if pronoun:
            return self.pronoun(pronoun.group(1), pronoun.start(1)), pronoun.end()
        noun = _NOUN_HEAD.match(text, at, limit)
        if noun:
            named = self._named_in_phrase(noun.end(), limit) or self._named_after(noun, limit)
            if named is not None:
                return named
            return self.noun(noun.group(1), noun.start(), noun.end()), noun.end()
        return None, at

    def _named_after(self, noun: re.Match[str], limit: int) -> tuple[Speaker, int] | None:
        """"its operations director, Hélène Dufresne, said": the name after the phrase."""
        comma = _NAMED_AFTER.match(self.text, noun.end(), limit)
        if comma is None:
            return None
        mention = self.mention_at(comma.end())
        if mention is None or mention.type != PERSON:
            return None
        description = self.text[noun.start():comma.end()].strip(" ,")
        return self.speaker_of(mention, mention.description or description), mention.end

    def _named_after_owner(self, owner: Mention, limit: int) -> tuple[Speaker, int] | None:
        """"said Rio Tinto's chief executive, Jakob Stausholm": the name after the phrase."""
        if not owner.possessive:
            return None
        comma = _NAMED_AFTER.match(self.text, _POSSESSIVE_S.match(self.text, owner.end).end(), limit)
        if comma is None or not any(w.casefold() in titles.HEADS for w in
                                    self.text[owner.end:comma.end()].strip(" ,").split()):
            return None  # "according to Vantera's report, Olivia Hartley earned": no role
        mention = self.mention_at(comma.end())
        if mention is None or mention.type != PERSON:
            return None
        description = self.text[owner.start:comma.end()].strip(" ,")
        return self.speaker_of(mention, mention.description or description), mention.end

    def _named_in_phrase(self, at: int, limit: int) -> tuple[Speaker, int] | None:
        """"a spokesperson for the Port Authority": the organisation the phrase names."""
        match = re.compile(r"\s+(?:for|at|of|from|with|in)\s+(?:the\s+)?").match(self.text, at, limit)
        if match:
            mention = self.mention_at(match.end())
            if mention is not None:
                return self.speaker_of(mention), mention.end
        return None

    def subject_before(self, at: int, floor: int) -> Speaker | None:
        """The subject that ends at `at` (a verb's start), auxiliaries and an appositive
        between them allowed: "Houser, a partner at Rhodium, has said"."""
        text = self.text
        # read backwards from the verb, word by word: a pattern anchored at the end would
        # be tried from every position of the window before it (most of a book's time)
        end = _before_auxiliaries(text, max(floor, at - _NEAR), at)
        near, far = max(floor, end - _NEAR), max(floor, end - _FAR)
        mention = self.mention_ending_at(end)
        if mention is None and _ends_with(text, near, end, ")"):
            parenthesis = _PARENTHESIS_TAIL.search(text, near, end)
            if parenthesis:
                mention = self.mention_ending_at(parenthesis.start())  # "… Board (NTSB) said"
        if mention is not None and mention.start >= floor:
            return self.speaker_of(self._person_of(mention, floor) or mention)
        relative = _RELATIVE_TAIL.search(text, near, end) if _ends_with(text, near, end, "which", "who") \
            else None
        if relative:
            # "Brightplate, a catering company that …, which said": the name before "which"
            for named in reversed(self.mentions_between(floor, relative.start())):
                if relative.group(1) != "who" or named.type == PERSON:
                    return self.speaker_of(named)
        appositive = _appositive_before(text, far, end)
        if appositive:
            inside = self.mention_at(appositive.start(1))
            if inside is not None and inside.end == appositive.end(1):
                # "Its chair, Priya Sandhu, told …": the appositive is the name
                return self.speaker_of(inside, inside.description
                                       or text[floor:appositive.start()].strip())
            before = appositive.start()
            if _ends_with(text, max(floor, before - _NEAR), before, ")"):
                parenthesis = _PARENTHESIS_TAIL.search(text, max(floor, before - _NEAR), before)
                if parenthesis:
                    before = parenthesis.start()
            mention = self.mention_ending_at(before)
            if mention is not None and mention.start >= floor:
                description = appositive.group(1).strip()
                if description.split()[0].casefold() in ("who", "which", "whose", "whom"):
                    description = ""  # a clause, not a description: the title's
                return self.speaker_of(mention, description)
            end = before
        near = max(floor, end - _NEAR)
        pronoun_at = _pronoun_before(text, near, end)
        if pronoun_at is not None:
            start, word = pronoun_at
            return self.pronoun(word, start)
        noun = _noun_before(text, near, end)
        if noun is not None:
            start, word = noun
            possessor = _POSSESSOR.search(text[near:end], start - near)
            return self.noun(possessor.group(1) if possessor else word, start, end)
        return None

    def _person_of(self, mention: Mention, floor: int) -> Mention | None:
        """"Judge Carla Mendez of the Harlan County Circuit Court told her": the judge."""
        if mention.type != ORGANISATION:
            return None
        of = _OF_TAIL.search(self.text, max(floor, mention.start - 12), mention.start)
        if of is None:
            return None
        person = self.mention_ending_at(of.start())
        return person if person is not None and person.type == PERSON else None

    def sentence_subject(self, start: int, before: int) -> Speaker | None:
        """The name a sentence begins with (its subject), when it begins with one."""
        text = self.text
        while start < before and text[start] in " \t\"“‘'«„":
            start += 1
        mention = self.mention_at(start)
        if mention is None and text.startswith(("The ", "the "), start):
            mention = self.mention_at(start + 4)
        if mention is not None and mention.end <= before:
            return self.speaker_of(mention)
        pronoun = _PRONOUN_HEAD.match(text, start, before)
        if pronoun and pronoun.start(1) == start:
            return self.pronoun(pronoun.group(1), start)
        noun = _NOUN_HEAD.match(text, start, before)
        if noun and noun.start() == start:
            return self.noun(noun.group(1), noun.start(), noun.end())
        return None

    # -- what a pronoun or a noun phrase points to -------------------------------------
    def pronoun(self, word: str, at: int) -> Speaker | None:
        """The person (or organisation, for "it") a pronoun points to: who spoke last, unless
        another stands nearer as a sentence's subject; never one of the other gender ("she"
        after "Mr Ruiz", or after a "he" that meant him)."""
        key = word.casefold()
        wanted = ORGANISATION if key == "it" else PERSON
        if key == "they":
            wanted = ""
        gender = _PRONOUN_GENDERS.get(key, "")
        nearest = self._nearest_before(at, wanted, gender)
        if nearest is not None and wanted == PERSON and not self._is_subject(nearest):
            # "Maria Lopez met John Smith. She said …": the subject before the object
            subject = self._nearest_before(at, wanted, gender,
                                           subjects_since=nearest.start - _SUBJECT_REACH)
            nearest = subject or nearest
        last = self.last
        last_fits = last is not None and (not wanted or last.type == wanted) and \
            at - self.last_at < 2500 and self._fits(last.name, gender)
        if last is not None and last_fits and (
                nearest is None or nearest.name == last.name or not self._is_subject(nearest)):
            chosen = Speaker(last.name, at, at + len(word), last.type, last.description)
        elif nearest is None:
            return None
        else:
            chosen = Speaker(nearest.name or nearest.text, at, at + len(word), nearest.type,
                             nearest.description)
        if gender and chosen.type == PERSON:
            self._genders.setdefault(chosen.name, gender)
        return chosen

    def _fits(self, name: str, gender: str) -> bool:
        return not gender or self._genders.get(name, gender) == gender

    def noun(self, head: str, start: int, end: int) -> Speaker | None:
        """"the ministry" → the Ministry named before; "the minister" → the person whose
        title says so; a plain "officials" names nobody."""
        key = head.casefold()
        if key in DOCUMENT_HEADS and self.last_document is not None:
            return Speaker(self.last_document.name, start, end, self.last_document.type)
        if key in ORGANISATION_HEADS or key in organisations.WORDS or key in _UNNAMED_VOICES:
            # "A Nissan spokeswoman said", "the Harbour Authority board": the one named inside
            inside = [m for m in self.mentions_between(start, end)
                      if m.end <= end and (m.type == ORGANISATION or key in _UNNAMED_VOICES)]
            if inside:
                return Speaker(inside[-1].name or inside[-1].text, start, end, inside[-1].type)
        if key in ORGANISATION_HEADS or key in organisations.WORDS:
            capital = key.capitalize()
            for mention in reversed(self.mentions_between(max(0, start - _LOOKBACK), start)):
                if mention.type == ORGANISATION and capital in (mention.name or mention.text).split():
                    return Speaker(mention.name or mention.text, start, end, ORGANISATION)
            nearest = self._nearest_body_that_fits(start, key)
            if nearest is not None:
                return Speaker(nearest.name or nearest.text, start, end, ORGANISATION)
            return None
        if key in _UNNAMED_VOICES:
            # "A spokesperson said": the organisation named last speaks through them
            nearest = self._nearest_before(start, ORGANISATION)
            if nearest is not None and start - nearest.end < 1200:
                return Speaker(nearest.name or nearest.text, start, end, ORGANISATION)
        if key in titles.HEADS:
            for mention in reversed(self.mentions_between(max(0, start - _LOOKBACK), start)):
                if mention.type == PERSON and key in mention.title.casefold().split():
                    return Speaker(mention.name or mention.text, start, end, PERSON,
                                   mention.description)
        return None

    def _nearest_body_that_fits(self, at: int, head: str) -> Mention | None:
        """The nearest organisation before `at` that "the company" (`head`) can be: not a
        ministry or a court for a company, nor a company for "the ministry"; none rather
        than one that does not fit."""
        wanted = body_kind(head)
        i = bisect_right(self._starts, at) - 1
        while i >= 0 and self._mentions[i].start >= at - 3000:
            mention = self._mentions[i]
            if mention.end <= at and mention.type == ORGANISATION:
                kind = body_kind_of_name(mention.name or mention.text)
                if not wanted or not kind or kind == wanted:
                    return mention
            i -= 1
        return None

    def _nearest_before(self, at: int, wanted: str, gender: str = "",
                        subjects_since: int | None = None) -> Mention | None:
        """The nearest name before `at` of the type wanted and fitting `gender`; with
        `subjects_since`, the nearest sentence subject after that offset."""
        i = bisect_right(self._starts, at) - 1
        floor = at - 3000 if subjects_since is None else subjects_since
        while i >= 0 and self._mentions[i].start >= floor:
            mention = self._mentions[i]
            if mention.end <= at and (not wanted or mention.type == wanted) and \
                    self._fits(mention.name or mention.text, gender) and \
                    (subjects_since is None or self._is_subject(mention)):
                return mention
            i -= 1
        return None

    def _is_subject(self, mention: Mention) -> bool:
        """Whether `mention` is what a sentence is about: its first words, or a verb's."""
        start = mention.title_start if mention.title_start >= 0 else mention.start
        return mention.initial or start == 0 or self.text[start - 1] in "\n“\"" or (
            self.text[max(0, start - 2):start] in (". ", ", "))

    def heard(self, speaker: Speaker | None, at: int) -> None:
        """Remember who spoke last, for the pronouns and floating quotes after `at`."""
        if speaker is not None and speaker.name:
            self.last, self.last_at = speaker, at


def _gender_of(title: str) -> str:
    words = title.casefold().split()
    if any(word in titles.FEMALE for word in words):
        return "f"
    return "m" if any(word in titles.MALE for word in words) else ""


def appositive_after(text: str, at: int, limit: int) -> tuple[str, int, bool] | None:
    """", a partner at Rhodium," right after a name at `at`: (the description, where the
    words after it begin, whether a comma closes it). A clause is no appositive: "According
    to John Smith, the mine will close" (a finite verb before any "that", "who", "which")."""
    match = _APPOSITIVE_AFTER.match(text, at, limit)
    if match is None:
        return None
    for word in match.group(1).split():
        word = word.casefold()
        if word in _RELATIVE:
            break
        if word in verbs.FINITE:
            return None
    return match.group(1).strip(), match.end(), bool(match.group(2))


def _before_auxiliaries(text: str, floor: int, at: int) -> int:
    """Where the auxiliaries and negations right before `at` begin, after the spaces that
    end the word before them ("Houser has also said": just after "Houser"); `at` when none
    stand there. Nothing before `floor` is read."""
    head = text[floor:at].rstrip()
    start = floor + len(head)
    while True:
        parts = head.rsplit(None, 1)
        if not parts or parts[-1] not in _AUX_WORDS:
            return start
        if len(parts) == 1:
            # a word of its own only after a space the window holds
            return floor if head[:1].isspace() else start
        head = parts[0]
        start = floor + len(head)


def _ends_with(text: str, floor: int, end: int, *words: str) -> bool:
    """Whether `text[floor:end]` ends with one of `words`, spaces after it aside."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return text.endswith(words, floor, end)


def _word_before(text: str, floor: int, end: int) -> tuple[int, int]:
    """The word characters that end `text[floor:end]`, spaces after them aside: (start, end)."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    start = end
    while start > floor and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return start, end


def _pronoun_before(text: str, floor: int, end: int) -> tuple[int, str] | None:
    """"he", "She", "they"… ending `text[floor:end]`: (where it starts, the pronoun)."""
    start, word_end = _word_before(text, floor, end)
    word = text[start:word_end]
    return (start, word) if word in _PRONOUNS else None


def _noun_before(text: str, floor: int, end: int) -> tuple[int, str] | None:
    """"the ministry", "its three lawyers" ending `text[floor:end]`: a determiner, up to
    three words, and a lower-case head noun; (where the determiner starts, the noun). The
    determiner farthest back wins, as a pattern searched from the left would find it."""
    window = text[floor:end]
    words = window.split()[-5:]
    if len(words) < 2 or not _NOUN_WORD.fullmatch(words[-1]):
        return None
    found, at = -1, len(window.rstrip()) - len(words[-1])
    for k in range(len(words) - 2, -1, -1):
        word = words[k]
        at = window.rfind(word, 0, at)
        # the determiner ends its word, after a mark or a bracket at most ("(the council")
        letters = len(word)
        while letters and (word[letters - 1].isalnum() or word[letters - 1] == "_"):
            letters -= 1
        if word[letters:] in _DETERMINERS:
            found = at + letters
        if k < len(words) - 4 or not _BETWEEN_WORD.fullmatch(word):
            break
    return (floor + found, words[-1]) if found >= 0 else None


def _appositive_before(text: str, floor: int, end: int) -> re.Match[str] | None:
    """", a partner at Rhodium," ending at `end`: found from its closing comma back to the
    comma before, rather than by a pattern tried from every comma of the window."""
    close = end - 1
    while close >= floor and text[close] in " \t":
        close -= 1
    if close < floor or text[close] != ",":
        return None
    opening = text.rfind(",", floor, close)
    if opening < 0:
        return None
    return _APPOSITIVE_TAIL.match(text, opening, end)
