"""GUIDs for a REFI-QDA project: stable, so the same library exports the same project.

A mark's or an actor's id is already a UUID and is its own GUID; everything else (an
article, whose id is a slug; a code, a user, a note) gets a name-based UUID (version 5)
from what it is, in a namespace of our own. Other tools write GUIDs in capitals or in
braces: `plain_guid` gives the form we keep.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import lru_cache

NAMESPACE = uuid.UUID("6f1d3a52-9c4e-5b7a-8d2f-3e0c1b9a7d64")
"""glossator's own namespace for name-based GUIDs (any fixed UUID would do)."""

_GUID = re.compile(r"\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?")


_NAMESPACE_BYTES = NAMESPACE.bytes


def derived_guid(what: str, key: str) -> str:
    """The GUID of the `what` ("article", "code", "user", "note:mark"…) called `key`:
    `uuid.uuid5(NAMESPACE, f"{what}:{key}")`, spelled out, since building a UUID object
    for each of 150,000 codings and notes costs a second of a large export."""
    name = f"{what}:{key}".encode("utf-8", "surrogatepass")
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    hexed = digest.hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


@lru_cache(maxsize=4096)
def named_guid(what: str, key: str) -> str:
    """`derived_guid` for the few things named again and again (codes, users, variables)."""
    return derived_guid(what, key)


def guid_for_id(what: str, identifier: str) -> str:
    """`identifier` itself when it is a UUID (marks, actors), else one derived from it."""
    plain = plain_guid(identifier)
    return plain if plain else derived_guid(what, identifier)


def plain_guid(value: str | None) -> str:
    """A GUID as we keep it: lower case, no braces; "" when `value` is not a GUID."""
    found = _GUID.fullmatch(value.strip()) if value else None
    return found.group(1).lower() if found else ""
