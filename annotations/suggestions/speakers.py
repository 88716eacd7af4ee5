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
from dataclasses import dataclass

from annotations.suggestions.actors import Cast
from annotations.suggestions.lexicon import organisations, titles, verbs
from annotations.suggestions.names import ORGANISATION, PERSON, Mention

_AUX_TAIL = re.compile(r"(?:\s+(?:" + "|".join(sorted(verbs.AUXILIARIES)) + r"|not|n[o’']t))*\s*$")
_AUX_HEAD = re.compile(r"\s*(?:(?:" + "|".join(sorted(verbs.AUXILIARIES)) + r")\s+)*")
_PRONOUN_TAIL = re.compile(r"\b([Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\s*$")
_PRONOUN_HEAD = re.compile(r"\s*(he|she|they|it|we|I)\b")
_NOUN_TAIL = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]wo|[Tt]hree|"
    r"[Ss]everal|[Ss]ome|[Mm]any)\s+(?:[\w’'-]+\s+){0,3}?([a-z][\w-]*)\s*$"
)
_NOUN_HEAD = re.compile(
    r"\s*(?:the|a|an|one|another|its|his|her|their|two|three|several|some|many)\s+"
    r"(?:[\w’'-]+\s+){0,3}?([a-z][\w-]*)\b"
)
_CLAUSE_CHARS = r"(?:[^,“”\"«»;:.!?]|\.(?=\d))"
_APPOSITIVE_TAIL = re.compile(rf",\s*({_CLAUSE_CHARS}{{2,160}}),\s*$")
_PARENTHESIS_TAIL = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_NAMED_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,4}?,\s*")
_RELATIVE_TAIL = re.compile(r",\s*(which|who)\s*$")
_OF_TAIL = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?$")
_POSSESSOR = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z][\w-]*)['’]s\s")
_APPOSITIVE_AFTER = re.compile(r",\s*((?:a|an|the|one|its|his|her|their)\b[^“”\"«».!?;]{1,120})")

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


_NEAR = 90
"""How far before a verb its subject's pronoun, noun phrase or auxiliaries can start."""
_FAR = 240
"""… and a subject with an appositive ("Houser, a partner at Rhodium, said")."""
_LOOKBACK = 6000
"""How far back (code points) "the ministry" or "the minister" looks for its name: an
article's length; in a book, the chapter around it rather than everything before."""


@dataclass(frozen=True)
class Speaker:
    name: str
    start: int
    end: int
    """The words the speaker was read from (a name, a pronoun, a noun phrase)."""
    type: str = ""
    description: str = ""


class Speakers:
    """The speaker resolution of one article: its cast, and who has spoken so far."""

    def __init__(self, text: str, cast: Cast) -> None:
        self.text = text
        self.cast = cast
        people = [m for m in cast.mentions if m.type in (PERSON, ORGANISATION)]
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
                       description or mention.title)

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
            appositive = _APPOSITIVE_AFTER.match(text, mention.end, limit)
            description = appositive.group(1).strip() if appositive else ""
            return self.speaker_of(mention, description), mention.end
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
        return self.speaker_of(mention, mention.title or description), mention.end

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
        # end-anchored patterns below would rescan the whole window from its start: each
        # looks at the stretch it can match, no more
        near = max(floor, at - _NEAR)
        aux = _AUX_TAIL.search(text, near, at)
        end = aux.start() if aux else at
        near, far = max(floor, end - _NEAR), max(floor, end - _FAR)
        mention = self.mention_ending_at(end)
        if mention is None:
            parenthesis = _PARENTHESIS_TAIL.search(text, near, end)
            if parenthesis:
                mention = self.mention_ending_at(parenthesis.start())  # "… Board (NTSB) said"
        if mention is not None and mention.start >= floor:
            return self.speaker_of(self._person_of(mention, floor) or mention)
        relative = _RELATIVE_TAIL.search(text, near, end)
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
                return self.speaker_of(inside, inside.title or text[floor:appositive.start()].strip())
            before = appositive.start()
            parenthesis = _PARENTHESIS_TAIL.search(text, max(floor, before - _NEAR), before)
            if parenthesis:
                before = parenthesis.start()
            mention = self.mention_ending_at(before)
            if mention is not None and mention.start >= floor:
                description = appositive.group(1).strip()
                if description.split()[0].casefold() in ("who", "which", "whose", "whom"):
                    description = mention.title
                return self.speaker_of(mention, description)
            end = before
        near = max(floor, end - _NEAR)
        head = text[near:end]
        pronoun = _PRONOUN_TAIL.search(head)
        if pronoun:
            return self.pronoun(pronoun.group(1), near + pronoun.start(1))
        noun = _NOUN_TAIL.search(head)
        if noun:
            possessor = _POSSESSOR.search(head, noun.start())
            word = possessor.group(1) if possessor else noun.group(1)
            return self.noun(word, near + noun.start(), near + noun.end())
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
        key = word.casefold()
        wanted = ORGANISATION if key == "it" else PERSON
        if key == "they":
            wanted = ""
        nearest = self._nearest_before(at, wanted)
        last = self.last
        last_fits = last is not None and (not wanted or last.type == wanted) and at - self.last_at < 2500
        if last is not None and last_fits and (
                nearest is None or nearest.name == last.name or not self._is_subject(nearest)):
            return Speaker(last.name, at, at + len(word), last.type, last.description)
        if nearest is None:
            return None
        return Speaker(nearest.name or nearest.text, at, at + len(word), nearest.type, nearest.title)

    def noun(self, head: str, start: int, end: int) -> Speaker | None:
        """"the ministry" → the Ministry named before; "the minister" → the person whose
        title says so; a plain "officials" names nobody."""
        key = head.casefold()
        if key in DOCUMENT_HEADS and self.last_document is not None:
            return Speaker(self.last_document.name, start, end, self.last_document.type)
        if key in ORGANISATION_HEADS or key in organisations.WORDS:
            capital = key.capitalize()
            for mention in reversed(self.mentions_between(max(0, start - _LOOKBACK), start)):
                if mention.type == ORGANISATION and capital in (mention.name or mention.text).split():
                    return Speaker(mention.name or mention.text, start, end, ORGANISATION)
            nearest = self._nearest_before(start, ORGANISATION)
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
                    return Speaker(mention.name or mention.text, start, end, PERSON, mention.title)
        return None

    def _nearest_before(self, at: int, wanted: str) -> Mention | None:
        i = bisect_right(self._starts, at) - 1
        while i >= 0 and at - self._mentions[i].start < 3000:
            mention = self._mentions[i]
            if mention.end <= at and (not wanted or mention.type == wanted):
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
