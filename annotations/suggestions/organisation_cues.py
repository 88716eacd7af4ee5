"""What an article's wording says about a name its words leave open: a person or a body.

A name's own words often cannot tell ("Morgan Hale" and "Rio Tinto" look alike, "Northvolt"
and "Okafor" too); the sentences around it can:

- a possessive that speaks is a body's name: "Moody's said", "McDonald's added";
- a body has voices and shares: "a Nissan spokeswoman", "Vantera's chief executive",
  "Rio Tinto's board";
- the article refers back to a body with "it", "its", "the group", "the company": a name
  with no given name first and no title, referred to so before any "he" or "she", is one;
- "shares in Vantera", "a stake in Northvolt" are money put in a body, not a place.
"""

from __future__ import annotations

import re

from annotations.suggestions.lexicon import verbs
from annotations.suggestions.names import ORGANISATION, Mention, is_given_name

_POSSESSIVE_VERB = re.compile(r"['’]s\s+(?:(?:has|had|also|later|then|again)\s+)*([a-z]+)")
_VOICE_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:chief\s+executive|chief|chairman|chairwoman|chair|spokesman|spokeswoman|"
    r"spokesperson|spokespeople|shareholders|shares|board|executives|directors)\b"
)
_BACK_REFERENCE = re.compile(
    r"\b(?:(?P<person>[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]imself|[Hh]erself)"
    r"|(?P<it>[Ii]ts|[Ii]tself|[Ii]t\s+(?:also\s+)?(?:said|says|added|warned|argued|noted|"
    r"stated|insisted|claimed|announced|confirmed|denied))"
    r"|(?P<noun>[Tt]he\s+(?:group|company|firm|bank|"
    r"charity|organisation|organization|agency|carmaker|insurer|lender|broadcaster|network|"
    r"retailer|miner|airline|manufacturer|conglomerate|consultancy|startup|start-up)))\b"
)
_REACH = 400
"""How far after a name its first back reference may stand and still point to it."""
_MONEY_IN = re.compile(
    r"(?i)\b(?:shares?|stakes?|stock|holdings?|investments?|invest(?:s|ed|ing)?|interest|money|"
    r"capital|confidence|faith)\s+in\s+(?:the\s+)?$"
)


def with_possessive_names(text: str, found: list[Mention]) -> list[Mention]:
    """"Moody's said", "McDonald's added": the possessive is the body's name."""
    for mention in found:
        if not mention.possessive:
            continue
        match = _POSSESSIVE_VERB.match(text, mention.end)
        if match and match.group(1) in verbs.REPORTING:
            mention.end = match.start() + 2
            mention.text = text[mention.start:mention.end]
            mention.possessive = False
            mention.type = ORGANISATION
    return found


def has_a_voice(text: str, mention: Mention) -> bool:
    """"a Nissan spokeswoman", "Vantera's chief executive": what a body has."""
    return bool(_VOICE_AFTER.match(text, mention.end))


def called_a_body(text: str, mention: Mention, next_body_at: int, *, nouns: bool,
                  strict: bool = False) -> bool:
    """Whether the first back reference after `mention`, before the next organisation's
    name (at `next_body_at`), is "it", "its" or, with `nouns`, "the group" rather than
    "he" or "she". `nouns` only when no other body was named just before: "the company"
    may be theirs.

    `strict`, for a name of several words (most are people's): only a sentence that begins
    "It said" or "The group" counts; an "its" often means a thing ("said the council had
    broken its promise")."""
    if mention.title or mention.honorific or is_given_name(mention.text.split()[0]):
        return False
    match = _BACK_REFERENCE.search(text, mention.end, min(next_body_at, mention.end + _REACH))
    if match is None or match.group("person") or (match.group("noun") and not nouns):
        return False
    if not strict:
        return True
    at = match.start()
    begins_sentence = at == 0 or text[at - 1] == "\n" or text[max(0, at - 2):at] == ". "
    return begins_sentence and match.group()[0].isupper() and not match.group().startswith("Its")


def is_money_put_in(before: str) -> bool:
    """Whether the words before a name ("shares in ", "a stake in ") put money in it."""
    return bool(_MONEY_IN.search(before))
