"""How alike two claims are, from their words: the rule coverage uses to find the same
claim in two outlets' articles.

Two reports of one claim rarely quote the same words: one writes "the work would cost
14 million and take two winters", the other "the dredging will cost €14m". What they
share is their content words. So a quote becomes a set of word stems: case and Unicode
forms folded, function words dropped (not negations: "will not cost" is another claim),
numbers kept as their digits ("14m", "14 million" and "14" all give `14`; "14,000" gives
`14000`), and each word cut to a crude stem (a final -ing, -ed, -es, -s, -e or -ly off,
then at most seven letters), so "estimates" meets "estimated" and "dredging" "dredge".

The score of two sets is the mean of their Dice coefficient (shared words against both
sizes) and their overlap coefficient (shared words against the smaller set: one outlet
quoting a longer stretch of the same sentence is still the same claim), a number
weighing twice a word; with a single word in common only the Dice coefficient counts,
since one shared word proves nothing. Two quotes that both give figures, none of them
the same, lose `NUMBERS_DIFFER`: "fell to 4.2 percent" and "rose to 3.1 percent" are two
claims. Then the speaker counts: the same actor on both adds `SAME_SPEAKER`, two
different actors take off `OTHER_SPEAKER` (a rebuttal often echoes the words it rebuts).

Words alone cannot tell a claim from its denial: "the reform will lower prices" and "the
reform will not lower prices" share every content word, and so do "crime rose" and
"crime fell" but one. Two small rules see to that. A negation on one side only (not, no,
never, n't, without, none, nobody, nothing, neither, nor, cannot, and Spanish no, nunca,
sin, jamás) takes off `OPPOSITE`; so does a trend that goes the other way: a word of
rising (rose, increase, up, higher, more, gain…) on one side and only words of falling
(fell, decrease, down, lower, less, cut…) on the other. `OPPOSITE` puts even identical
words spoken by one speaker under the bar: a claim and its denial are two claims.

The wording counts for a little too: the score is scaled by 0.9 plus a tenth of how
alike the two quotes are letter by letter (RapidFuzz's normalised Indel similarity), so
two quotes with the same content words in other words score under 1.0, and only the same
text scores 1.0. The speaker's bonus is capped likewise, at half the way left to 1.0.

`SAME_CLAIM` is the bar. On the twenty labelled pairs of tests/test_views_coverage.py
(ten claims as two outlets word them; ten pairs from one story that share its words but
not a claim, the hard case) the same-claim pairs score 0.59 to 0.97 before the speaker
counts and the others 0 to 0.53: 0.57 lies between. Below it a claim is listed as "only
in" its article: a reader sees a miss at once, where a false pairing would hide one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SAME_CLAIM = 0.57
SAME_SPEAKER = 0.15
OTHER_SPEAKER = 0.1
NUMBER_WEIGHT = 2
"""A number shared says more than a word shared: two reports of one claim give the same
figure, two claims about one story share its words."""
NUMBERS_DIFFER = 0.2
"""Taken off when both quotes give figures and none is the same (4.2 percent, 3.1 percent)."""
OPPOSITE = 0.6
"""Taken off when one quote denies what the other says, or has it going the other way."""
WORDING_SHARE = 0.1
"""How much of the score the letter-by-letter likeness of the two quotes decides."""

NEGATIONS = frozenset("""
not no never none nobody nothing neither nor without cannot nowhere
nunca sin jamás jamas tampoco ni ningún ninguno ninguna nada nadie
""".split())
"""Words that deny what the rest says ("n't" is found on its own)."""
_NOT_SUFFIX = re.compile(r"\w(?:n't|n’t)\b|\b(?:won't|can't|won’t|can’t)\b")

RISING = frozenset("""
rise rises rising rose risen increase increases increased increasing up higher more
grow grows grew grown growing gain gains gained climb climbs climbed climbing jump jumps
jumped soar soars soared surge surged raise raises raised boost boosted expand expanded
improve improved
""".split())
FALLING = frozenset("""
fall falls falling fell fallen decrease decreases decreased decreasing down lower lowers
lowered lowering less fewer shrink shrinks shrank shrunk drop drops dropped dropping
decline declines declined declining plunge plunged slump slumped cut cuts reduce reduced
reduces sink sank worsen worsened
""".split())
"""Words of a trend, each way: "rose" against "fell", "higher" against "lower"."""

_STOP = frozenset("""
a an the this that these those there here it its he she him her his they them their we us our i
me my you your who whom whose which what when where why how whether if then than so but and or
yet for because since as at by in on of to from with into onto upon about above below after
before during until over under up down out off all any both each every either some such other
another one two three four five six seven eight nine ten is are was were be been being am do
does did done have has had having will would shall should can could may might must also even
still just already again now today yesterday said says say told according added per via
million millions billion billions thousand thousands hundred m bn k mn percent per cent
""".split())
"""Words that say nothing about what is claimed. Negations (not, no, never) are kept."""

_THOUSANDS = re.compile(r"(?<=\d)[,.'’\u202f\u00a0](?=\d{3}(?!\d))")
_WORD = re.compile(r"\d+(?:[.,]\d+)?|\w+")
_SUFFIXES = ("ing", "ed", "es", "s", "e", "ly")
_STEM_LENGTH = 7


def _stem(word: str) -> str:
    if word[0].isdigit():
        return word.replace(",", ".")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:_STEM_LENGTH]


@lru_cache(maxsize=4096)
def claim_words(text: str) -> frozenset[str]:
    """The stems of a quote's content words (see the module's docstring)."""
    folded = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).casefold())
    folded = folded.replace("’", "'").replace("'s", "")
    return frozenset(_stem(w) for w in _WORD.findall(folded) if w not in _STOP and w != "_")


def _weight(words: frozenset[str]) -> int:
    return sum(NUMBER_WEIGHT if w[0].isdigit() else 1 for w in words)


def words_score(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two sets of stems are, 0–1 (see the module's docstring)."""
    if not a or not b:
        return 0.0
    common = a & b
    shared = _weight(common)
    dice = 2 * shared / (_weight(a) + _weight(b))
    overlap = shared / min(_weight(a), _weight(b)) if len(common) >= 2 else dice
    score = (dice + overlap) / 2
    numbers_a = {w for w in a if w[0].isdigit()}
    numbers_b = {w for w in b if w[0].isdigit()}
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        score -= NUMBERS_DIFFER
    return max(0.0, score)


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("’", "'").split())


@lru_cache(maxsize=4096)
def _polarity(text: str) -> tuple[bool, frozenset[int]]:
    """Whether the quote holds a negation, and which ways its trend words go (+1, -1)."""
    folded = _folded(text)
    words = _WORD.findall(folded)
    negated = bool(_NOT_SUFFIX.search(folded)) or any(w in NEGATIONS for w in words)
    ways = frozenset(1 if w in RISING else -1 for w in words if w in RISING or w in FALLING)
    return negated, ways


def opposed(quote_a: str, quote_b: str) -> bool:
    """Whether one quote denies the other, or says the trend goes the other way."""
    negated_a, ways_a = _polarity(quote_a)
    negated_b, ways_b = _polarity(quote_b)
    if negated_a != negated_b:
        return True
    return len(ways_a) == 1 and len(ways_b) == 1 and ways_a != ways_b


def wording_likeness(quote_a: str, quote_b: str) -> float:
    """How alike two quotes are letter by letter, 0–1 (1: the same text, case and spacing
    aside)."""
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(_folded(quote_a), _folded(quote_b))


def claim_similarity(quote_a: str, quote_b: str, speaker_a: str = "",
                     speaker_b: str = "") -> float:
    """How likely two quotes are one claim, 0–1: their words, their wording, whether one
    denies the other, then their speakers (see the module's docstring)."""
    score = words_score(claim_words(quote_a), claim_words(quote_b))
    if score:
        score *= 1 - WORDING_SHARE + WORDING_SHARE * wording_likeness(quote_a, quote_b)
    if speaker_a and speaker_b:
        # Half the way left to 1.0 at most: a speaker never makes two wordings identical.
        score += min(SAME_SPEAKER, (1 - score) / 2) if speaker_a == speaker_b else -OTHER_SPEAKER
    if opposed(quote_a, quote_b):
        score -= OPPOSITE
    return max(0.0, min(1.0, score))
