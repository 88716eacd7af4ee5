"""Page titles without the site's suffix: "Headline | DW | 19.01.2020" is "Headline".

The suffix would otherwise go into every citation. A trailing segment after " | ",
" - ", " – ", " — ", " · ", " • " or " :: " is dropped while it is a date or names the
site or publisher, compared case-, accent- and punctuation-insensitively, and also as
an abbreviation ("DW" for Deutsche Welle or dw.com) or with words like "News" or
".com" around it ("BBC News" for BBC). Nothing is dropped when the rest would be empty,
or when the page's own headline (its <h1>) carries the same words: then the segment is
part of the headline. Only trailing segments go: a leading "Site | " is rare, and
"Opinion | " or "Analysis - " before a headline is part of what it says.

The site's name is the segment that named it, or, where trafilatura took a date for
the site's name ("19.01.2020" of "Headline | DW | 19.01.2020") and nothing named the site,
the last segment of the suffix that is no date (`suffix_site`: "DW").

How a segment names a site (`names_site`) is annotations/citation/organisations.py's: the
same rules tell an organisation author from a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotations.citation.organisations import names_site, words

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


def split_site_suffix(title: str, site_names: Iterable[str], headline: str = ""
                      ) -> tuple[str, str]:
    """`title` without trailing segments that are a date or name the site, and the site's
    name as the suffix wrote it ("The Guardian" of "Headline | The Guardian"; "" when no
    segment named the site)."""
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


def suffix_site(full_title: str, title: str) -> str:
    """The last segment of `full_title` after `title` that is not a date ("DW" of
    "Headline | DW | 19.01.2020" after "Headline"); "" when `full_title` is not `title`
    followed by segments, or they are all dates."""
    parts = _SEPARATOR.split(" ".join(full_title.split()))  # text, separator, text, …
    wanted = words(title)
    for cut in range(1, len(parts), 2):
        if words("".join(parts[:cut])) == wanted:
            segments = [s.strip() for s in parts[cut + 1::2]]
            return next((s for s in reversed(segments) if s and not is_date(s)), "")
    return ""


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
