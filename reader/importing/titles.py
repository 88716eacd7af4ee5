"""Page titles without the site's suffix: "Headline | DW | 19.01.2020" is "Headline".

The suffix would otherwise go into every citation. A trailing segment after " | ",
" - ", " – ", " — ", " · ", " • " or " :: " is dropped while it is a date or names the
site or publisher, compared case-, accent- and punctuation-insensitively, and also as
an abbreviation ("DW" for Deutsche Welle or dw.com) or with words like "News" or
".com" around it ("BBC News" for BBC). Nothing is dropped when the rest would be empty,
or when the page's own headline (its <h1>) carries the same words: then the segment is
part of the headline. Only trailing segments go: a leading "Site | " is rare, and
"Opinion | " or "Analysis - " before a headline is part of what it says.

`names_site` is also what tells an organisation author from a person (authors.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

_SEPARATOR = re.compile(r"(\s+(?:\||-|–|—|·|•|::|»)\s+)")
_NUMERIC_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december januar februar märz maerz mai juni juli "
    "oktober dezember janvier février fevrier mars avril juin juillet août aout septembre "
    "octobre novembre décembre decembre enero febrero marzo abril mayo junio julio agosto "
    "septiembre octubre noviembre diciembre".split()
)
_WEEKDAYS = frozenset(
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
_DATE_WORDS = frozenset("updated published am on at of the th st nd rd de".split())
GENERIC_WORDS = frozenset(
    "the news online com net org co uk de fr es eu info www digital website site homepage "
    "home live edition".split()
)
"""Words a site adds to its name in titles and bylines: "BBC News", "DW.COM", "Reuters.com"."""
_WORD = re.compile(r"[^\W_]+")


def strip_site_suffix(title: str, site_names: Iterable[str], headline: str = "") -> str:
    """`title` without trailing segments that are a date or name the site."""
    return split_site_suffix(title, site_names, headline)[0]


def split_site_suffix(title: str, site_names: Iterable[str], headline: str = ""
                      ) -> tuple[str, str]:
    """`strip_site_suffix`'s title, and the site's name as the suffix wrote it ("The
    Guardian" of "Headline | The Guardian"; "" when no segment named the site)."""
    title = " ".join(title.split())
    names = [n for n in site_names if n and n.strip()]
    if headline and words(headline) == words(title):
        return title, ""  # the page's headline says it all: nothing is a suffix
    parts = _SEPARATOR.split(title)  # text, separator, text, separator, …
    site = ""
    while len(parts) >= 3:
        segment = parts[-1]
        if is_date(segment):
            pass
        elif names_site(segment, names):
            site = site or segment.strip()
        else:
            break
        parts = parts[:-2]
    stripped = "".join(parts).strip()
    return (stripped, site) if stripped else (title, "")


def is_date(text: str) -> bool:
    """"19.01.2020", "2020-01-19", "19 January 2020", "Jan. 19, 2020", "Sunday, 19 Jan 2020"."""
    text = text.strip()
    if _NUMERIC_DATE.match(text):
        return True
    tokens = words(text)
    if not tokens or not any(t.isdigit() for t in tokens):
        return False
    # A month name is required: a bare "1984" after a dash may well be the headline's.
    has_month = any(t in _MONTHS for t in tokens)
    known = all(t.isdigit() or t in _MONTHS or t in _WEEKDAYS or t in _DATE_WORDS
                or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", t) for t in tokens)
    return known and has_month and len(tokens) <= 6


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
        host = _host(name)
        if host:
            labels = host.split(".")
            labels = labels[1:] if labels[0] == "www" and len(labels) > 2 else labels
            keys.append(words(labels[0]))
            keys.append(words(".".join(labels)))
        else:
            keys.append(words(name))
    return [k for k in keys if k]


def _host(name: str) -> str:
    if "://" in name:
        return (urlsplit(name).hostname or "").lower()
    if " " not in name and re.fullmatch(r"[\w-]+(\.[\w-]+)+", name) and not name[-1].isdigit():
        return name.lower()
    return ""


def words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation; "&" is "and"."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)
