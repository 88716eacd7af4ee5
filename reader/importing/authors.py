"""Authors as a citation needs them: people, organisations in {braces}, and no non-names.

A page's byline or metadata says "By Ana Ruiz and Tom Lee", "Deutsche Welle", "Reuters
Staff", "Letters" or "newsdesk@example.org". The rules, in order, for each name:

1. Already in braces: kept as it is (the user or the source said "organisation").
2. A byline is split into names: a "By", "Written by", "Reporting by", "Von"… prefix
   goes; names are split at ";", " and ", " & ", " und " and at commas, except a comma
   that only turns a name round ("Okafor, Maria") or adds a suffix ("King, Jr.").
   "Editing by …", "Photos by …" and the like are not authors. "(Reuters)", "in Madrid"
   and an e-mail address in angle brackets are dropped from a name.
3. Not a name, so left out: an e-mail address, a URL, a @handle, anything with digits,
   a sentence (more than eight words), and the words a site puts where no author is
   named: "Letters", "Opinion", "Comment", "Editorial", "Staff", "Admin", "Guest",
   "Anonymous", "Newsroom", "Editor", "Contributor", "Staff writer"… (the full list is
   NON_NAMES).
4. A staff byline names its outlet, cited as the organisation: "Reuters Staff" is
   `{Reuters}`, "Guardian staff reporter" on The Guardian's page `{The Guardian}` (the
   site's name as the site writes it). A staff byline without an outlet ("Staff", "Our
   Foreign Staff") names no one (rule 3).
5. An organisation, written `{Name}` so it is never split into "Welle, D.": the site or
   publisher itself (annotations/citation/organisations.py: "Deutsche Welle" on DW or
   dw.com, "Reuters" on reuters.com, but not "Daniel Weber" on dw.com, whose initials only
   happen to be DW), one the page itself calls an Organization (JSON-LD), a wire agency,
   an abbreviation in capitals ("AFP", "dpa" excepted as written), anything starting
   with "The " ("The Editorial Board"), and anything holding an organisation word
   ("Agency", "News", "Press", "Staff", "Desk", "Newsroom", "Editorial", "Bureau",
   "Service", "Ministry", "Council", "University", "International", "Times"…;
   ORGANISATION_WORDS). A name the page calls a Person (JSON-LD) is never an
   organisation.
6. Anyone else is a person, kept as written; a name in capitals ("JANE DOE", as some
   bylines are set) is title-cased ("Jane Doe", "O'Brien"; "MCDONALD" can only become
   "Mcdonald").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotations.citation.organisations import is_site_author, names_site, words

NON_NAMES = frozenset({
    "letters", "letter", "letters to the editor", "your letters", "readers letters",
    "readers", "reader", "opinion", "opinions", "comment", "comments", "commentary",
    "editorial", "editorials", "analysis", "review", "reviews", "feature", "features",
    "admin", "administrator", "webmaster", "webadmin", "author", "authors", "anonymous",
    "unknown", "user", "users", "redaktion", "redaction", "redaccion", "sponsored",
    "sponsored content", "partner content", "advertisement", "advertorial",
    "press release", "agencies", "wires", "wire", "none", "null", "n a", "na",
    "microsoft office user", "windows user", "office user", "owner", "python docx",
})
"""Bylines that name no one: what a site or a program puts where no author is named."""

ROLE_WORDS = frozenset({
    "guest", "staff", "writer", "writers", "reporter", "reporters", "correspondent",
    "correspondents", "columnist", "editor", "editors", "contributor", "contributors",
    "contributing", "senior", "chief", "special", "our", "desk", "news", "web", "online",
    "digital", "team", "political", "foreign", "science", "business", "sports", "sport",
    "economics", "health", "culture", "arts", "freelance", "deputy", "associate",
    "managing", "executive", "assistant", "author", "post", "blogger", "newsroom", "by",
})
"""A byline made only of these is a job, not a name: "Staff", "Senior Correspondent",
"Our Foreign Staff", "Guest Columnist", "News Desk"."""

ORGANISATION_WORDS = frozenset({
    "agency", "agence", "agentur", "newsroom", "desk", "staff", "editorial", "bureau",
    "ministry", "department", "council", "committee", "commission", "institute", "institut",
    "university", "universitat", "college", "association", "society", "foundation",
    "stiftung", "organisation", "organization", "corporation", "company", "inc", "ltd",
    "llc", "gmbh", "plc", "broadcasting", "authority", "government", "parliament", "news",
    "nachrichten", "media", "network", "networks", "magazine", "press", "presse", "times",
    "herald", "gazette", "tribune", "journal", "chronicle", "courier", "telegraph",
    "newspaper", "radio", "television", "tv", "channel", "board", "office", "group",
    "union", "redaktion", "editors", "service", "services", "federation", "coalition",
    "alliance", "centre", "center", "international", "internationale", "nations", "party",
    "movement", "campaign", "initiative", "forum", "observatory", "programme", "program",
    "fund", "institution", "ngo", "greenpeace", "oxfam", "unicef", "unesco", "nato",
})
"""Words that make a byline an organisation. Words that are also common surnames (Post,
Star, Sun, Mail, Bank, Trust) are not here: they count when the site's name says so."""

STAFF_WORDS = frozenset({
    "staff", "reporter", "reporters", "correspondent", "correspondents", "writer", "writers",
    "desk", "newsroom", "team",
})
"""Words after an outlet's name that make a byline a staff byline: "Reuters Staff",
"Guardian staff reporter", "AP Newsroom"."""

WIRE_AGENCIES = frozenset(
    "reuters afp ap dpa epd kna efe ansa anp apa sda ats belga tass interfax xinhua kyodo "
    "jiji yonhap pti ians ani bernama antara anadolu upi".split()
)

_PREFIX = re.compile(
    r"^(?:(?:(?:written|words|story|text|posted|reporting|reported|additional\s+reporting|"
    r"compiled|report)\s+)?by|(?:von|par|por|door|af|av)(?=\s+(?-i:[A-Z])))\s*[:\-–—]?\s+",
    re.I,
)
_NOT_AUTHORS = re.compile(
    r"^(?:edit(?:ed|ing)|photo(?:s|graph|graphs|graphy)?|pictures?|images?|illustrations?|"
    r"graphics?|video|design|produced|production|translated|translation|fact-?checking)\b",
    re.I,
)
_AND = re.compile(r"\s+(?:and|&|und|et|en|og|och)\s+|\s*[|/]\s*", re.I)
_PARENTHETICAL = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_ANGLE_BRACKETS = re.compile(r"\s*<[^>]*>")
_PLACE = re.compile(r"\s+(?:in|at|from)\s+(?-i:[A-Z])[\w.\- ]*$", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net|de|co\.uk|info)(?:/|$)", re.I)
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd ph.d. md".split())
_PARTICLES = frozenset("van von der den de del della di da du dos das la le ter ten".split())
_MAX_WORDS = 8


def clean_authors(raw: Iterable[str], site_names: Iterable[str] = (),
                  organisations: Iterable[str] = (), people: Iterable[str] = ()) -> list[str]:
    """The authors among `raw` bylines, organisations braced, non-names left out.

    `site_names` are the site's or publisher's names (and its URL); `organisations` and
    `people` what the page itself says its authors are (JSON-LD's @type).
    """
    sites = [s for s in site_names if s]
    known_orgs = {" ".join(words(o)) for o in organisations if o}
    known_people = {" ".join(words(p)) for p in people if p}
    found: list[str] = []
    seen: set[str] = set()
    for byline in raw:
        for name in split_byline(byline):
            author = classify(name, sites, known_orgs, known_people)
            key = " ".join(words(author))
            if author and key not in seen:
                seen.add(key)
                found.append(author)
    return found


def split_byline(byline: str) -> list[str]:
    """"By Ana Ruiz and Tom Lee" → ["Ana Ruiz", "Tom Lee"]; braced names stay whole."""
    byline = " ".join(str(byline).split()).strip(" ,;:-–—")
    if byline.startswith("{") and byline.endswith("}"):
        return [byline]
    names: list[str] = []
    for part in re.split(r"\s*;\s*", byline):
        part = _ANGLE_BRACKETS.sub("", _PARENTHETICAL.sub("", _PREFIX.sub("", part))).strip()
        if not part or _NOT_AUTHORS.match(part) or not is_name(part.replace(",", " ")):
            continue
        # "Department of Health and Social Care" is one author, "Ruiz and Lee" two.
        pieces = [part] if is_organisation(part) else _AND.split(part)
        for piece in pieces:
            names.extend(split_commas(_PREFIX.sub("", piece.strip())))
    return [n for n in (tidy_name(n) for n in names) if n]


def split_commas(text: str) -> list[str]:
    """Names in a comma list; "Okafor, Maria" and "King, Jr." are each one name."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) == 2 and is_turned_round(parts[0], parts[1]):
        return [f"{parts[0]}, {parts[1]}"]
    merged: list[str] = []
    for part in parts:
        if merged and part.lower() in _SUFFIXES:
            merged[-1] += f", {part}"
        elif len(merged) == 1 and len(parts) == 3 and parts[1].lower() in _SUFFIXES:
            merged[-1] += f", {part}"  # "King, Jr., Martin Luther"
        else:
            merged.append(part)
    return merged


def is_turned_round(family: str, given: str) -> bool:
    """"Okafor, Maria", "van Dijk, Jan", "Lee, T. J.": a surname, then given names."""
    family_words = family.split()
    surname_only = len(family_words) == 1 or (
        len(family_words) == 2 and family_words[0].lower() in _PARTICLES)
    given_words = given.split()
    return (surname_only and 1 <= len(given_words) <= 2 and not is_organisation(family)
            and not is_organisation(given)
            and all(w[:1].isupper() and (not w.isupper() or _INITIAL.match(w) or len(w) == 1)
                    for w in given_words))


def tidy_name(name: str) -> str:
    name = name.strip(" \"'“”‘’,;:-–—")
    if len(name.split()) > 2 and not is_organisation(name):
        name = _PLACE.sub("", name)  # "Ana Ruiz in Madrid"
    last = name.split()[-1] if name.split() else ""
    if name.endswith(".") and len(last) > 3 and last.lower() not in _SUFFIXES:
        name = name[:-1]  # a sentence's full stop, not an initial's or a "Jr."
    return name.strip()


def classify(name: str, sites: list[str], known_orgs: set[str], known_people: set[str]) -> str:
    """`name` as a person, `{name}` as an organisation, or "" when it names no one."""
    if name.startswith("{") and name.endswith("}"):
        return name
    if not is_name(name):
        return ""
    key = " ".join(words(name))
    if key in known_people:
        return title_cased(name)
    outlet = staff_outlet(name, sites)
    if outlet:
        return "{" + outlet + "}"
    if key in known_orgs or is_organisation(name) or is_site_author(name, sites):
        return "{" + name + "}"
    return title_cased(name)


def staff_outlet(name: str, sites: list[str]) -> str:
    """The outlet a staff byline names ("Reuters" for "Reuters Staff"; the site's own
    name, "The Guardian", for "Guardian staff reporter" on its page), or ""."""
    parts = name.split()
    cut = len(parts)
    while cut and words(parts[cut - 1]) and all(w in STAFF_WORDS | ROLE_WORDS
                                               for w in words(parts[cut - 1])):
        cut -= 1
    rest = parts[:cut]
    if cut == len(parts) or not rest or not any(w in STAFF_WORDS for p in parts[cut:]
                                                for w in words(p)):
        return ""
    outlet = " ".join(rest).strip(" ,;:-–—")
    if not words(outlet) or all(w in ("the", "our") for w in words(outlet)):
        return ""
    named = next((site for site in sites if not _URL.search(site) and names_site(outlet, [site])),
                 "")
    return named or outlet


def title_cased(name: str) -> str:
    """A person's name set in capitals, in the case names are written: "JANE DOE" →
    "Jane Doe", "MARY-ANNE O'BRIEN" → "Mary-Anne O'Brien"; any other name as it is."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 4 or not all(ch.isupper() for ch in letters) or len(name.split()) < 2:
        return name  # "AFP", "Li", "JANE" alone: not plainly a name set in capitals
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())


def is_name(text: str) -> bool:
    if _EMAIL.search(text) or _URL.search(text) or text.startswith("@"):
        return False
    if any(ch.isdigit() for ch in text):
        return False
    tokens = words(text)
    if not tokens or len(tokens) > _MAX_WORDS:
        return False
    if " ".join(tokens) in NON_NAMES or " ".join(t for t in tokens if t != "the") in NON_NAMES:
        return False
    # "Staff", "Senior Correspondent" name a job; "The Editors" is a group, kept.
    return tokens[0] == "the" and len(tokens) > 1 or not all(t in ROLE_WORDS for t in tokens)


def is_login_name(name: str) -> bool:
    """A user name a program wrote where the author goes: one token, lower-case or with
    digits or an underscore ("jdoe", "user01", "m_okafor")."""
    name = name.strip()
    return bool(name) and " " not in name and (name.islower() or bool(LOGIN_TOKEN.fullmatch(name)))


LOGIN_TOKEN = re.compile(r"[\w.-]*(?:_|\d)[\w.-]*")
"""One token with a digit or an underscore in it: what programs write for a user
("user01", "m_okafor") or a file ("ms_2024_017"), not what people are or works are named."""


def is_organisation(name: str) -> bool:
    tokens = words(name)
    if len(tokens) >= 2 and tokens[0] == "the":
        return True
    if len(tokens) == 1 and (tokens[0] in WIRE_AGENCIES
                             or (name.isupper() and 2 <= len(name) <= 6)):
        return True
    return any(t in ORGANISATION_WORDS for t in tokens)
