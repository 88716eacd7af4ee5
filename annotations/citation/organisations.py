"""Authors who are the site or publisher itself: "Deutsche Welle" on DW is `{Deutsche Welle}`.

A news site often names itself where the author goes. Cited as a person that is
"Welle, D." (APA) and `author = {Welle, Deutsche}` (BibTeX); it is an organisation,
cited whole. An author is the site or publisher when its name, compared case-, accent-
and punctuation-insensitively and without words like "News" or ".com" (GENERIC_WORDS):

1. is one of the names the site or publisher goes by ("Reuters" for Reuters, "BBC News"
   for BBC), or an abbreviation of one ("DW" for Deutsche Welle): always;
2. is the site's host name ("Reuters" on reuters.com, "Valley Courier" on
   valley-courier.example), or has the initials of a name or host in capitals ("Deutsche
   Welle" for DW or dw.com): unless the name reads as a person's, one with an initial
   ("Peter N. A. Smith" for PNAS) or a common given name first ("Daniel Weber" on dw.com,
   "Martin Fowler" on martinfowler.com). Initials and host names match people by chance;
   a site's spelled-out name does not.

A name written turned round ("Weber, Daniel") is a person whatever the site: that is how
a user keeps a person whose name is also the site's. A braced name is already an
organisation.

This is decided three times, so that whichever comes last counts: when a page is read
(reader/importing/authors.py), when the metadata change (annotations/metadata_changes.py:
`meta --set site=…` after the authors), and when a citation is built
(annotations/citation/csl.py: a record written before the site was known).

`names_site` is also what tells a title's site suffix (reader/importing/titles.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

from annotations.model import Article

GENERIC_WORDS = frozenset(
    "the news online com net org co uk de fr es eu info www digital website site homepage "
    "home live edition".split()
)
"""Words a site adds to its name in titles and bylines: "BBC News", "DW.COM", "Reuters.com"."""

GIVEN_NAMES = frozenset("""
    aaron abdul abdullah adam adrian ahmed aisha alan albert alberto alejandro alex alexander
    alexandra alexandre ali alice alicia alison amanda amara amelia amir amy ana andrea andreas
    andrew andy angela anita ann anna anne annette anthony antoine antonio arjun arthur ashley
    barbara ben benjamin bernard bernd beth birgit bob brian bruce bruno carl carla carlos
    caroline catherine cecile charles charlotte chen chris christian christina christine
    christoph christopher claire clara claudia daniel daniela david deborah denis dennis diana
    diego dieter dimitri dirk dmitry dominic donald dorothy edward elena elisabeth elizabeth
    ellen emily emma eric erik erika eva fatima felix fernando florian francesca francesco
    francis frank franz fred frederick gabriel gabriele gary george gerhard giovanni giulia
    giuseppe gregory hana hannah hans harry hassan heinz helen helena helmut henrik henry
    herbert herman hiroshi holger hugo ian ibrahim ines ingrid irene isabel isabella ivan jack
    jacob james jan jane janet jason javier jean jennifer jens jessica jim joan joachim joanna
    joe johan johann johannes john jonas jonathan jorge jose joseph juan judith julia julian
    julie jurgen karen karin karl katarzyna kate katharina katherine kathryn kevin kim klaus
    kurt kwame lars laura lauren lea leon li linda lisa liu lucas lucia luis luisa lukas maja
    manfred manuel marc marco marcus margaret maria marie marina mario mark markus martha
    martin mary matthew matthias max maximilian mehmet michael michel michelle miguel mike min
    mohamed mohammad mohammed monika mustafa nadia nancy natalia natasha nicholas nick nicola
    nicolas niels nina noah olaf oliver olivia omar oscar pablo patricia patrick paul paula
    pedro peter petra philip philipp pierre rachel rafael rainer ralf raj ramon rebecca richard
    rita robert roberto robin roger roman rosa ruth ryan sabine samuel sandra sara sarah
    sebastian sergei sergio simon simone sofia sophie stefan stefanie stephanie stephen steven
    susan susanne sven tanja thomas tim timothy tobias tom tomas ursula uwe valentina vera
    victor vincent walter wang wei werner william wolfgang xavier yuki yusuf zhang
""".split())
"""First names common enough that a name starting with one reads as a person's ("Daniel
Weber"), where initials or a host name would make it the site. Names that are as often
places or words ("Victoria", "Jordan", "Al" of Al Jazeera) are not here."""

_WORD = re.compile(r"[^\W_]+")
_HOST = re.compile(r"[\w-]+(\.[\w-]+)+")


def words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation; "&" is "and"."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def names_site(text: str, site_names: Iterable[str], expand: bool = True) -> bool:
    """Whether `text` is the name of one of `site_names` (names, publishers or URLs/hosts).

    `expand` lets a long name match an abbreviation among the site names ("Deutsche
    Welle" for "DW"); the other way ("DW" for "Deutsche Welle") always counts.
    """
    segment = words(text)
    if not segment:
        return False
    core = [w for w in segment if w not in GENERIC_WORDS] or segment
    for candidate in site_keys(site_names):
        candidate_core = [w for w in candidate if w not in GENERIC_WORDS] or candidate
        if "".join(core) == "".join(candidate_core) or "".join(segment) == "".join(candidate):
            return True
        if is_abbreviation(core, candidate_core) or (expand and is_abbreviation(candidate_core, core)):
            return True
    return False


def is_abbreviation(short: list[str], long: list[str]) -> bool:
    """"dw" for ["deutsche", "welle"]: one word of 2–6 letters, the initials of two or more."""
    return (len(short) == 1 and len(long) >= 2 and 2 <= len(short[0]) <= 6
            and short[0] == "".join(w[0] for w in long))


def site_keys(site_names: Iterable[str]) -> list[list[str]]:
    """Each site name as its words; a URL or host name as the words of its own name
    ("https://www.dw.com/en/…" is ["dw"], "saltmarsh-gazette.example" ["saltmarsh", "gazette"])."""
    keys = []
    for name in site_names:
        name = name.strip()
        if not name:
            continue
        host = host_name(name)
        if host:
            labels = host.split(".")
            labels = labels[1:] if labels[0] == "www" and len(labels) > 2 else labels
            keys.append(words(labels[0]))
            keys.append(words(".".join(labels)))
        else:
            keys.append(words(name))
    return [k for k in keys if k]


def host_name(name: str) -> str:
    """"www.dw.com" of "https://www.dw.com/en/…" or of "www.dw.com"; "" for a name."""
    if "://" in name:
        return (urlsplit(name).hostname or "").lower()
    if " " not in name and _HOST.fullmatch(name) and not name[-1].isdigit():
        return name.lower()
    return ""


def is_site_author(name: str, site_names: Iterable[str]) -> bool:
    """Whether the author `name` (as written, unbraced) is the site or publisher that
    `site_names` name (names, publishers, URLs): the rules at the top of this module."""
    name = " ".join(name.split())
    if not name or "," in name or is_braced(name):
        return False
    sites = [s for s in site_names if s and s.strip()]
    spelled = [s for s in sites if not host_name(s)]
    if names_site(name, spelled, expand=False):
        return True
    return not reads_as_a_person(name) and names_site(name, sites)


def reads_as_a_person(name: str) -> bool:
    """"Daniel Weber", "Peter N. A. Smith": a given name first, or an initial in it."""
    tokens = words(name)
    if len(tokens) < 2:
        return False
    return tokens[0] in GIVEN_NAMES or any(len(token) == 1 for token in tokens)


def is_braced(name: str) -> bool:
    return name.startswith("{") and name.endswith("}")


def organisation_authors(names: Iterable[str], site_names: Iterable[str]) -> list[str]:
    """`names` with those that are the site or publisher braced: "{Deutsche Welle}"."""
    sites = list(site_names)
    return ["{" + " ".join(name.split()) + "}" if is_site_author(name, sites) else name
            for name in names]


class CitedNames(NamedTuple):
    authors: list[str]
    editors: list[str]


def cited_names(article: Article) -> CitedNames:
    """The article's authors and editors with those that are its site or publisher
    braced, however late the site was set and whatever the record says."""
    site_names = (article.site, article.publisher, article.url)
    return CitedNames(organisation_authors(article.authors, site_names),
                      organisation_authors(article.editors, site_names))


def same_organisation(name: str, other: str) -> bool:
    """Whether two organisations' names are one's: "Deutsche Welle" and "DW", "BBC" and
    "BBC News"."""
    return bool(name.strip()) and bool(other.strip()) and names_site(name, [other])
