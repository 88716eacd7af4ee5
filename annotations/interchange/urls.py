"""Matching an annotation's page to an article by its address, as people write them.

"https://www.example.org/news/story/?utm_source=x#comments" and
"http://example.org/news/story" are the same page: the scheme, a leading `www.`, a
trailing slash, the fragment and tracking parameters (`utm_*`, `fbclid`, `gclid`…) are
not part of what identifies it. Other query parameters are kept (sorted): `?id=42` is a
page of its own. An address written with Unicode ("https://de.example/wiki/Brücke") and
the same address as a URI ("https://de.example/wiki/Br%C3%BCcke") are the same page too.
"""

from __future__ import annotations

import re
from contextlib import suppress
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "_ga")


_URI_SAFE = "!#$&'()*+,-./:;=?@[]_~%"
"""What RFC 3986 allows in a URI besides letters and digits (and `%` of an escape)."""
_NOT_IN_A_URI = re.compile(r"[\x00-\x20\"<>\\^`{|}\x7f]")
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def as_uri(iri: str) -> str:
    """`iri` as a URI (RFC 3987 §3.1): a Unicode host in IDNA, every other character a URI
    may not hold percent-encoded as UTF-8. A URI is returned as it is."""
    iri = iri.strip()
    if iri.isascii() and not _NOT_IN_A_URI.search(iri):
        return iri
    try:
        parts = urlsplit(iri)
    except ValueError:
        return quote(iri, safe=_URI_SAFE)
    netloc = parts.netloc if parts.netloc.isascii() else _ascii_netloc(parts.netloc)
    return quote(urlunsplit(parts._replace(netloc=netloc)), safe=_URI_SAFE)


def _ascii_netloc(netloc: str) -> str:
    userinfo, at, host_port = netloc.rpartition("@")
    host, colon, port = host_port.partition(":")
    with suppress(UnicodeError):  # not a name IDNA can spell: percent-encoded with the rest
        host = host.encode("idna").decode("ascii")
    return f"{userinfo}{at}{host}{colon}{port}"


def normalise_url(url: str) -> str:
    """A key equal for every way of writing the same page's address."""
    url = _ESCAPE.sub(lambda m: m.group().upper(), as_uri(url))  # %c3 and %C3 alike
    try:
        parts = urlsplit(url)
        port_number = parts.port  # ValueError for "example.org:99999" or "example.org:abc"
    except ValueError:
        return url.casefold()  # no address a page has: it matches only itself
    host = (parts.hostname or "").casefold().removeprefix("www.")
    if not host:
        return url.casefold()
    port = f":{port_number}" if port_number and port_number not in (80, 443) else ""
    path = parts.path.rstrip("/") or ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    tail = f"?{urlencode(sorted(query))}" if query else ""
    return f"{host}{port}{path}{tail}"
