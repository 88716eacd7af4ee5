"""Which actor a person means: by id, a prefix of it, the name or an alias.

Names come first ("Trevilla" is a name long before it is an id prefix); a name or alias
that several actors answer to is refused with all of them listed, so a merge never picks
one by chance. An actor merged into another still answers to its old id (kept by the
merge), so a script holding that id reaches the actor its marks went to.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotations.errors import AmbiguousError, NotFoundError
from annotations.model import Actor, normalise_name

MIN_ID_PREFIX = 4
"""Shorter prefixes match too much to mean anything."""


def short_id(actor: Actor) -> str:
    return actor.id.replace("-", "")[:8]


def find_actor(actors: Sequence[Actor], reference: str) -> Actor:
    """The one actor `reference` names; NotFoundError or AmbiguousError otherwise."""
    wanted = reference.strip()
    by_id = next((a for a in actors if a.id == wanted), None)
    if by_id is not None:
        return by_id
    key = normalise_name(wanted)
    named = [a for a in actors if key and any(normalise_name(n) == key for n in a.names())]
    if len(named) == 1:
        return named[0]
    if named:
        raise AmbiguousError(f"{wanted!r} names {len(named)} actors: {_listed(named)}; "
                             "give the id instead")
    compact = wanted.replace("-", "").casefold()
    prefixed = [a for a in actors if len(compact) >= MIN_ID_PREFIX
                and a.id.replace("-", "").startswith(compact)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        raise AmbiguousError(f"{wanted!r} begins the ids of {len(prefixed)} actors: "
                             f"{_listed(prefixed)}; type more of the id")
    merged = [a for a in actors if wanted in a.extra.get("merged_ids", [])]
    if len(merged) == 1:
        return merged[0]
    raise NotFoundError(f"no actor {wanted!r} in the library (by name, alias or id); "
                        "`glossator actors` lists them")


def _listed(actors: Sequence[Actor], most: int = 6) -> str:
    shown = ", ".join(f"{a.name} ({short_id(a)})" for a in actors[:most])
    return shown + (f" and {len(actors) - most} more" if len(actors) > most else "")
