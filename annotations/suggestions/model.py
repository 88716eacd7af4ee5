"""What a suggestion is: one claim, actor or open question the program proposes.

Offsets count code points in the article text, 0-based, end exclusive, like every other
offset in the project. A suggestion becomes a mark only when the reader accepts it.
"""

from __future__ import annotations

from typing import NamedTuple

CLAIM = "claim"
ACTOR = "actor"
QUESTION = "question"
KINDS: tuple[str, ...] = (CLAIM, ACTOR, QUESTION)


class Suggestion(NamedTuple):
    """A named tuple, not a frozen dataclass: a book has 80,000 of them, and a frozen
    dataclass takes three times as long to make."""

    kind: str
    """"claim", "actor" or "question"."""
    start: int
    end: int
    quote: str
    """`text[start:end]`."""
    speaker: str = ""
    """Claims: the speaker's canonical name, titles kept out ("Ricardo Trevilla")."""
    speaker_start: int = -1
    speaker_end: int = -1
    """The words the speaker was read from: a name, a pronoun, a noun phrase."""
    description: str = ""
    """A title kept out of the name ("Defense Secretary"), or an appositive ("a partner
    at Rhodium"): of the speaker for a claim, of the mention for an actor."""
    actor_type: str = ""
    """Actors, and claims' speakers: "person" or "organisation"."""
    name: str = ""
    """Actors: the canonical name this mention refers to (a later "Trevilla" is
    "Ricardo Trevilla")."""
    aliases: tuple[str, ...] = ()
    """Actors: other names the article gives it, such as an acronym in parentheses."""
    cue: str = ""
    """Claims: the reporting verb or phrase ("said", "according to")."""
    rule: str = ""
    """The rule that fired: "quote-then-said", "according-to", "hedge:declined"…"""
