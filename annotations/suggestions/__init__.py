"""Suggested marks: claims with their speakers, actors and open questions, found offline.

    suggest(text, blocks=None, language="en") -> list[Suggestion]

Rules and word lists written for the project (`lexicon`), no model and no download, in
one pass over the article (`engine`). A suggestion is only offered: the reader accepts or
rejects it, and an accepted one becomes a mark with `origin: suggested`.

The modules, in the order the article is read: `text` (blocks, sentences), `quotes`
(quotation marks of every style), `names` (capitalised runs, titles), `actors` (the
article's cast: canonical names, surnames, acronyms), `speakers` (who a verb's subject,
a pronoun or "the ministry" is), `claims`, `interviews` (Q&A turns), `questions`;
`scoring` measures suggestions against labelled articles (tests/suggestions). Pure domain
code: it imports nothing outside the standard library.
"""

from annotations.suggestions.engine import is_english, suggest
from annotations.suggestions.model import ACTOR, CLAIM, KINDS, QUESTION, Suggestion

__all__ = ["ACTOR", "CLAIM", "KINDS", "QUESTION", "Suggestion", "is_english", "suggest"]
