"""Names in a block: runs of capitalised words, cut into people, organisations and the rest.

A run is capitalised words joined by single spaces or by the small words names contain
("Bank of England", "Ludwig van Beethoven", "Procter & Gamble"). Each run is then read:

- a sentence's first word is capitalised anyway: dropped when the text also uses it in
  lower case ("Officials said", "Asked about …") or when it is a function word;
- a title ("Defense Secretary", "Prime Minister", "Secretary of State") is cut off the
  name before it and kept as the description, with a place or demonym before it
  ("Mexican President", "Texas Governor"); what stands before that is a name of its own
  ("Port Authority Director Ana Ruiz" is the Port Authority and Ana Ruiz);
- an organisation word makes an organisation, and so does a link no person's name holds
  ("Save the Children", "Doctors Without Borders"); "Jane Doe of Greenpeace" is a person
  and the organisation she speaks for; a gazetteer place, a place word
  ("River", "County"), a month, a weekday, a demonym or a thing ("Act", "Cup") makes no
  actor; two to four name-like words make a person;
- one word alone is left `unknown` for `actors` to decide with the whole article in view.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from annotations.citation.organisations import GIVEN_NAMES
from annotations.suggestions.lexicon import common, organisations, places, titles
from annotations.suggestions.text import LOWER, UPPER

PERSON = "person"
ORGANISATION = "organisation"
PLACE = "place"
OTHER = "other"
UNKNOWN = "unknown"

_TOKEN_PATTERN = (
    rf"(?:[{UPPER}]\.){{2,}}"                                  # U.S., U.K.
    rf"|[{UPPER}]\.(?=\s[{UPPER}])"                           # an initial: J. K. Rowling
    rf"|(?:Mc|Mac|De|Le|La|Di|Da|O['’]|[Aa]l-|[Ee]l-)?[{UPPER}][{UPPER}{LOWER}0-9]*"
    rf"(?:[-'’][{UPPER}{LOWER}0-9]+)*\.?"
)
_TOKEN = re.compile(_TOKEN_PATTERN)
_PARTICLE_WORDS = "della del de di da van von der den du dos das la le bin ibn al el y ter"
_SECOND_PARTICLES = "der den dem de la las los le het"
"""Particles of a surname, alone or two together ("van der Linde", "de la Fuente")."""
_LINKS = "of for the and & e on upon"
"""The small words inside organisations' names ("Bank of England", "Procter & Gamble")."""


def _connector(space: str) -> str:
    """A link or a surname's particles between two capitalised words, and the space after."""
    links = "|".join(_LINKS.split())
    particles = "|".join(_PARTICLE_WORDS.split())
    second = "|".join(_SECOND_PARTICLES.split())
    return rf"(?:{links}|(?:{particles})(?:{space}(?:{second}))?){space}(?:the{space})?"


_SPACED_CONNECTOR = _connector(r"\s")
_CANDIDATE = re.compile(
    # Every token begins with a capital: the lookahead lets the engine skip the other
    # positions before it tries the token's alternatives (three times faster on a book)
    rf"(?=[{UPPER}])(?:{_TOKEN_PATTERN})(?:['’]?\s(?:{_SPACED_CONNECTOR})?(?:{_TOKEN_PATTERN}))*"
)
"""A stretch of capitalised words that may hold names: found at C speed, then read."""
PARTICLES = frozenset(_PARTICLE_WORDS.split())
"""The particles of surnames: they part no names ("Anja van der Linde" is one)."""
_GAP = re.compile(rf" (?:{_connector(' ')})?")
_INITIAL_BEFORE = frozenset(".!?:;“„«»‹›‘‚\"'—–")
_POSSESSIVE = ("'s", "’s", "'", "’")
_NEVER_NAMES = frozenset(w.capitalize() for w in common.FUNCTION) - {"May", "Will", "Young"}
_INNER_PREPOSITIONS = frozenset(("Without", "Sans"))
"""Capitalised prepositions inside organisations' names: "Doctors Without Borders",
"Médecins Sans Frontières"; no person's name holds one."""
_CONTRACTION = re.compile(r"^[A-Za-z]+['’](?:m|d|ll|ve|re|t|s)$")
"""I’m, It’s, They’re, Don’t: a capital at a sentence's start, no name."""


COURTESY_TITLES = frozenset("mr mrs ms miss mx m mme mlle herr frau señor señora sr sra".split())
"""Titles that say only how to address someone: no description of who they are."""


def description_of(title: str) -> str:
    """A title as a description: "Defense Secretary"; "" for "Mr" or "Ms."."""
    return title if not title or title.rstrip(".").casefold() not in COURTESY_TITLES else ""


@dataclass
class Mention:
    """One name in the text, before the article-wide reading gives its canonical name."""

    start: int
    end: int
    text: str
    type: str
    title: str = ""
    """The title (and place or demonym) before the name: "Defense Secretary"."""
    title_start: int = -1
    honorific: bool = False
    """A title that says a person ("Mr.", "President") stands before it."""
    initial: bool = False
    """The name begins a sentence, so its capital says nothing."""
    possessive: bool = False
    name: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """What its title says the actor is ("Defense Secretary")."""
        return description_of(self.title)


class _Token(NamedTuple):
    """One capitalised word; a named tuple, as a book has hundreds of thousands."""

    start: int
    end: int
    word: str
    possessive: bool
    key: str
    """The word case-folded, for the word lists."""
    joined_by: str = ""
    """The small word between this token and the one before it ("of" in "Bank of
    England"), "" for a plain space or the run's first token."""


LONGEST_RUN = 24
"""Capitalised words read as one run at most: no name is longer, and reading a run
(titles, splits) takes time growing faster than its length ("Dr. Ruiz and Dr. Ruiz and
…" through a whole paragraph)."""

RunCache = dict[tuple, list[tuple]]
"""How each run was read, by its words and gaps: a book names the same people thousands
of times, and reading a run is most of the names' cost."""


def mentions(text: str, start: int, end: int, lower_words: frozenset[str],
             cache: RunCache | None = None) -> list[Mention]:
    """Every name in `text[start:end]` (one block), typed as far as its words tell."""
    found: list[Mention] = []
    cache = {} if cache is None else cache
    for stretch in _CANDIDATE.finditer(text, start, end):
        words = stretch.group()
        base = stretch.start()
        if words in _NEVER_NAMES or (base > start and text[base - 1].isalnum()):
            continue  # "The", "But", "He": most capitals of a text; "mmHg", "iPhone"
        if base > start and text[base - 1] in "’'" and words.casefold() in common.ELISIONS:
            continue  # "’Twas"
        key = (_is_initial(text, base, start), words)
        read = cache.get(key)
        if read is None:
            read = [_relative(m, base) for run in _runs(text, base, stretch.end())
                    for m in _read_run(text, run, _is_initial(text, run[0].start, start), lower_words)]
            cache[key] = read
        found.extend(_absolute(r, base) for r in read)
    return found


def _relative(mention: Mention, base: int) -> tuple:
    return (mention.start - base, mention.end - base, mention.text, mention.type, mention.title,
            mention.title_start - base if mention.title_start >= 0 else -1, mention.honorific,
            mention.initial, mention.possessive)


def _absolute(read: tuple, base: int) -> Mention:
    start, end, words, kind, title, title_start, honorific, initial, possessive = read
    return Mention(start + base, end + base, words, kind, title,
                   title_start + base if title_start >= 0 else -1, honorific, initial, possessive)


def _runs(text: str, start: int, end: int) -> list[list[_Token]]:
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    inner: re.Match[str] | None = None
    for match in _TOKEN.finditer(text, start, end):
        if match.start() > start and text[match.start() - 1].isalnum():
            continue  # inside a word: "iPhone", "McDonald" already taken whole
        if match.group() in _INNER_PREPOSITIONS and current and inner is None and \
                not current[-1].possessive and text[current[-1].end:match.start()] == " ":
            inner = match  # joins the words around it when a name follows
            continue
        if match.group() in _NEVER_NAMES:
            # "The", "But", "He": most capitals of a text; they name nobody and end a run
            if current:
                runs.append(current)
                current = []
            continue
        token = _token(match)
        if token is None:
            if current:
                runs.append(current)
                current = []
            continue
        gap = _GAP.fullmatch(text, current[-1].end, token.start) if current else None
        if inner is not None:
            gap = _GAP.fullmatch(" ") if text[inner.end():token.start] == " " else None
            token = token._replace(joined_by=inner.group().casefold()) if gap else token
            inner = None
        if current and _owns_organisation(text, current[-1], token):
            # "Residents’ Association", "Women’s Institute": the possessive is the name's
            current[-1] = current[-1]._replace(possessive=False)
            gap = _GAP.fullmatch(" ")
        if gap is not None and not current[-1].possessive and len(current) < LONGEST_RUN:
            joined_by = token.joined_by or " ".join(gap.group().split())
            current.append(token._replace(joined_by=joined_by))
        else:
            if current:
                runs.append(current)
            current = [token]
    if current:
        runs.append(current)
    return runs


def _owns_organisation(text: str, owner: _Token, token: _Token) -> bool:
    """Whether "Farmers’ Union" is one name: a plural or "’s" owner right before an
    organisation word, with a single space between."""
    between = text[owner.end:token.start]
    return token.key in organisations.WORDS and between in ("’ ", "' ", "’s ", "'s ") and \
        not owner.word.isupper()


def _token(match: re.Match[str]) -> _Token | None:
    word, start, end = match.group(), match.start(), match.end()
    if word.endswith(".") and not _keeps_stop(word):
        word, end = word[:-1], end - 1
    possessive = False
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            if suffix in ("'", "’") and word[-2] not in "sS":
                continue
            word, end, possessive = word[: -len(suffix)], end - len(suffix), True
            break
    if not word or not (word[0].isupper() or word.startswith(("al-", "el-"))) or \
            _CONTRACTION.match(word):
        return None
    return _Token(start, end, word, possessive, word.casefold())


def _keeps_stop(word: str) -> bool:
    """"Dr.", "Corp.", "U.S.", "J." keep their full stop; "Houser." ends a sentence."""
    bare = word[:-1]
    return bare.casefold() in titles.ABBREVIATIONS or len(bare) == 1 or "." in bare


def _is_initial(text: str, at: int, block_start: int) -> bool:
    """Whether the word at `at` begins a sentence (or a quotation, or the block)."""
    i = at - 1
    while i >= block_start and text[i] in " \t\u00a0":
        i -= 1
    if i < block_start:
        return True
    if text[i] in _INITIAL_BEFORE:
        return True
    if text[i] in "([":
        return _is_initial(text, i, block_start)
    return text[i] in "”’»›)" and i > block_start and text[i - 1] in ".!?"


def _read_run(text: str, run: list[_Token], initial: bool,
              lower_words: frozenset[str]) -> list[Mention]:
    tokens = list(run)
    if initial and _is_common_first(tokens[0], lower_words) and not _begins_surname(tokens) \
            and not _joined_inside_organisation(tokens[:2]):
        tokens = tokens[1:]
        initial = False
    tokens = _strip_edges(tokens)
    if not tokens:
        return []
    return list(_split_titles(text, tokens, initial, lower_words))


def _begins_surname(tokens: list[_Token]) -> bool:
    """"Van der Linde said", "De la Fuente added", "Van Dam added": a particle, capitalised
    as a sentence begins, before the name it belongs to."""
    return len(tokens) > 1 and tokens[0].key in PARTICLES and (
        not tokens[1].joined_by or tokens[1].joined_by.split()[0] in PARTICLES)


_ORGANISATION_LINKS = frozenset(("the", "without", "sans"))
"""Links no person's name holds: "Save the Children", "Doctors Without Borders"."""


def _joined_inside_organisation(tokens: list[_Token]) -> bool:
    """Whether a link only organisations' names hold joins `tokens` ("Save the Children");
    not a place, a date or a title before "the" ("Mexico the President", "Monday the …")."""
    if len(tokens) < 2 or not any(t.joined_by in _ORGANISATION_LINKS for t in tokens[1:]):
        return False
    first, last = tokens[0], tokens[-1]
    return not (_is_place_token(first) or _drops(first) or _is_title_word(first)
                or _is_title_word(last) or first.key in places.PLACE_LEADS)


def _is_common_first(token: _Token, lower_words: frozenset[str]) -> bool:
    key = token.key
    return key in common.FUNCTION or key in lower_words or key in common.CALENDAR or key in common.GROUPS


def _drops(token: _Token) -> bool:
    return token.key in common.FUNCTION or token.key in common.CALENDAR


def _strip_edges(tokens: list[_Token]) -> list[_Token]:
    """Function words and calendar words off both ends."""
    while tokens and _drops(tokens[0]):
        tokens = tokens[1:]
    while tokens and _drops(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _is_head(token: _Token) -> bool:
    return token.key in titles.HEADS


def _is_title_word(token: _Token) -> bool:
    key = token.key
    return key in titles.HEADS or key in titles.MODIFIERS or key in common.DEMONYMS


def _is_place_token(token: _Token) -> bool:
    return token.word in places.PLACES


def _splits(token: _Token) -> bool:
    """Whether the word before `token` ("and", "of") parts two names."""
    return bool(token.joined_by) and token.joined_by.split()[0] not in PARTICLES \
        and token.joined_by != "&"


def _split_titles(text: str, tokens: list[_Token], initial: bool,
                  lower_words: frozenset[str]):
    """The names of one run, a title cut off each and kept as its description."""
    i = 0
    while i < len(tokens):
        title_at, name_at = _title_span(tokens, i)
        if name_at < 0:
            yield from _names(text, tokens[i:], initial and i == 0, lower_words)
            return
        if title_at > i:
            yield from _names(text, tokens[i:title_at], initial and i == 0, lower_words)
        j = name_at + 1
        while j < len(tokens) and not _is_head(tokens[j]) and tokens[j].joined_by not in ("and", "&"):
            j += 1
        if j < len(tokens) and _is_head(tokens[j]):
            # "… Blinken and Prime Minister Keir Starmer": the next title's modifiers
            while j > name_at + 1 and tokens[j - 1].key in titles.MODIFIERS and not tokens[j].joined_by:
                j -= 1
        title = text[tokens[title_at].start:tokens[name_at - 1].end]
        courtesy = description_of(title) == ""  # "Mr", "Ms": a person whatever the words
        for mention in _names(text, tokens[name_at:j], False, lower_words):
            if mention.type in (UNKNOWN, PERSON) or (courtesy and mention.type == ORGANISATION):
                mention.type = PERSON
                mention.title, mention.title_start = title, tokens[title_at].start
                mention.honorific = True
            yield mention
        i = j


def _may_be_in_title(tokens: list[_Token], at: int) -> bool:
    """A title word, a place ("Texas Governor"), or any word right before a head: a
    portfolio no list can hold ("Harbour Minister", "Tourism Commissioner")."""
    token = tokens[at]
    if _is_title_word(token) or _is_place_token(token):
        return True
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    return after is not None and _is_head(after) and not after.joined_by \
        and token.key not in organisations.WORDS


def _title_span(tokens: list[_Token], at: int) -> tuple[int, int]:
    """(where a title begins, where the name after it begins) from `at`; (-1, -1): none.

    A title is title words holding a head, followed by a name that has no organisation
    word ("General Motors", "Justice Department" are organisations, not titles)."""
    n = len(tokens)
    for begin in range(at, n - 1):
        if not _may_be_in_title(tokens, begin):
            continue
        j, last_head = begin, -1
        while j < n - 1 and (j == begin or tokens[j].joined_by in ("", "of", "for", "of the", "and")) \
                and _may_be_in_title(tokens, j):
            if _is_head(tokens[j]):
                last_head = j
            j += 1
        if last_head < 0:
            continue
        name_at = last_head + 1
        # "Secretary of State Antony Blinken": the modifiers after "of" are the title's
        if name_at < n - 1 and tokens[name_at].joined_by in ("of", "for", "of the", "for the") \
                and tokens[name_at].key in titles.MODIFIERS:
            name_at += 1
            while name_at < n - 1 and not tokens[name_at].joined_by \
                    and tokens[name_at].key in titles.MODIFIERS:
                name_at += 1
        if name_at >= n or tokens[name_at].joined_by:
            continue
        rest = tokens[name_at:]
        courtesy = name_at == begin + 1 and tokens[begin].key.rstrip(".") in COURTESY_TITLES
        if any(t.key in organisations.WORDS for t in rest) and not any(_splits(t) for t in rest) \
                and not courtesy:  # "Mr Dale Watch" is a person whatever his surname
            continue
        return begin, name_at
    return -1, -1


def _names(text: str, tokens: list[_Token], initial: bool,
           lower_words: frozenset[str]):
    """The names in a run with no title in it: split at "and"/"of" between people."""
    tokens = _strip_edges(tokens)
    if not tokens:
        return
    for part in _split_connectors(tokens):
        part = _strip_edges(part)
        if part:
            yield _mention(text, part, initial and part[0] is tokens[0], lower_words)


def _split_connectors(tokens: list[_Token]) -> list[list[_Token]]:
    """Split two names joined by "and" ("Sarn Ferries and the Maritime Transport Union"),
    or a person "of" an organisation ("Carla Mendez of the Harlan County Circuit Court"),
    but keep "of", "for", "and" inside an organisation's name ("Bank of England",
    "Department of Health and Human Services", "Dunmore & Pratt")."""
    parts, current = [], []
    after_of = False
    for at, token in enumerate(tokens):
        if current and _splits(token) and _parts_here(current, tokens[at:], tokens, after_of):
            parts.append(current)
            current = []
            after_of = False
        elif token.joined_by.startswith(("of", "for")):
            after_of = True
        current.append(token)
    if current:
        parts.append(current)
    return parts


def _parts_here(left: list[_Token], right: list[_Token], tokens: list[_Token],
                after_of: bool) -> bool:
    """Whether the run parts between `left` and `right` (the rest of `tokens`)."""
    token = right[0]
    word = token.joined_by.split()[0]
    if token.joined_by in _ORGANISATION_LINKS and _joined_inside_organisation([*left, token]):
        return False  # "Save the Children", "Doctors Without Borders"
    organisation_left = any(t.key in organisations.WORDS for t in left)
    organisation_anywhere = organisation_left or any(t.key in organisations.WORDS for t in tokens)
    if word in ("and", "&"):
        return not after_of and (organisation_left or not organisation_anywhere
                                 or token.joined_by == "and the")
    if word in ("of", "for"):
        person_left = len(left) <= 3 and \
            all(t.key not in titles.HEADS and t.key not in titles.MODIFIERS for t in left)
        if organisation_left or not person_left:
            return False
        # "Jane Doe of Amnesty International", "Ana Ruiz of Greenpeace": a person of the
        # body named after "of"
        return organisation_anywhere or (len(left) >= 2 and is_given_name(left[0].word)
                                         and _names_body(right))
    return not organisation_anywhere


def _names_body(tokens: list[_Token]) -> bool:
    """Whether `tokens` are a known organisation ("Greenpeace") or one that begins with an
    acronym ("IG Metall")."""
    words = " ".join(t.word if not t.joined_by or i == 0 else f"{t.joined_by} {t.word}"
                     for i, t in enumerate(tokens))
    return words.casefold() in organisations.KNOWN or _is_acronym(tokens[0].word)


def _mention(text: str, tokens: list[_Token], initial: bool,
             lower_words: frozenset[str]) -> Mention:
    start, end = tokens[0].start, tokens[-1].end
    words = text[start:end]
    mention = Mention(start, end, words, _type(words, tokens, lower_words), initial=initial,
                      possessive=tokens[-1].possessive)
    return mention


def _type(words: str, tokens: list[_Token], lower_words: frozenset[str]) -> str:
    keys = [t.key for t in tokens]
    bare = words[4:] if words.startswith("the ") else words
    if bare in places.PLACES or words.rstrip(".") in places.PLACES:
        return PLACE
    if words.casefold() in organisations.KNOWN or _joined_inside_organisation(tokens):
        return ORGANISATION
    if len(tokens) > 1 and tokens[0].word in _NATIONAL_PREFIXES:
        return ORGANISATION  # "U.S. Geological Survey", "UK Statistics Authority"
    if any(k in organisations.WORDS or k.rstrip(".") in organisations.SUFFIXES for k in keys):
        if keys[0] in places.PLACE_LEADS and keys[-1] not in organisations.WORDS:
            return PLACE
        if keys[-1] in common.NOT_ACTORS:
            return OTHER
        return ORGANISATION
    if keys[0] in ("van", "von") or any(t.joined_by.startswith(("van", "von")) for t in tokens):
        return PERSON  # "Piet van Dam": a Dutch or German particle makes a surname, no place
    if keys[-1] in places.PLACE_WORDS or (len(keys) > 1 and keys[0] in places.PLACE_LEADS) \
            or keys[0].startswith(_PLACE_PREFIXES):
        return PLACE
    if any(t.joined_by == "&" for t in tokens):
        return ORGANISATION
    if all(k in common.DEMONYMS or k in common.FUNCTION or t.word in places.PLACES
           for k, t in zip(keys, tokens, strict=True)):
        return OTHER
    if keys[-1] in common.NOT_ACTORS or keys[0] in common.NOT_ACTORS:
        return OTHER
    if len(tokens) == 1:
        return _single_type(tokens[0])
    if all(_is_title_word(t) for t in tokens):
        return OTHER  # a title on its own: "Prime Minister"
    if len(tokens) > 5 or any(_is_acronym(t.word) for t in tokens):
        return ORGANISATION if len(tokens) <= 6 else OTHER
    common_words = sum(1 for k in keys if k in lower_words and k not in PARTICLES)
    if common_words * 2 > len(keys):
        return OTHER  # "Climate Change", "Public Health" in Title Case
    if keys[-1] in lower_words:
        return ORGANISATION  # "Ambler Weaving", "Pennine Building Consultants": a firm
    return PERSON


_NATIONAL_PREFIXES = frozenset(("U.S.", "US", "U.K.", "UK", "EU", "UN", "U.N."))
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z]")
"""A US legislator's party and state: "Sen. Maria Delgado, D-N.M."."""
_PLACE_PREFIXES = ("saint-", "st-", "sainte-", "san-", "santa-", "port-", "fort-")


def is_given_name(word: str) -> bool:
    """"Jane", "Jürgen": a first name of the list the citations tell people by."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)) in GIVEN_NAMES


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and "." not in word


def _single_type(token: _Token) -> str:
    word, key = token.word, token.key
    if key in organisations.KNOWN:
        return ORGANISATION
    if "." in word or _PARTY_TAG.match(word):
        return OTHER  # a lone initial, an abbreviation, "D-N.M."
    if word.isupper() and word.title() in places.PLACES:
        return PLACE  # a dateline's "WASHINGTON"
    if word.isupper() and len(word.rstrip("s")) >= 2:
        if word in common.NOT_ACTOR_ACRONYMS or word.rstrip("s") in common.NOT_ACTOR_ACRONYMS:
            return OTHER
        return ORGANISATION
    if key in common.DEMONYMS or key in common.NOT_ACTORS or key in titles.HEADS:
        return OTHER
    return UNKNOWN
