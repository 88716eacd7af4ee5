"""Two articles compared, as a reader compares two outlets' coverage of one story: the
actors found in both and in one only, and the claims found in both and in one only.

Actors are the same when they are the same actor of the library (by id): an article
has an actor when it mentions them (an `actor` mark) or quotes them (a claim's speaker).
Claims are the same when their words are alike enough (similarity.py, `SAME_CLAIM`):
each claim is paired at most once, the most alike pairs first. Orphaned marks are left
out: their words are no longer in the article, so it no longer covers them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotations.model import ACTOR, CLAIM, Actor, Annotation, Article, normalise_name
from annotations.views.similarity import SAME_CLAIM, claim_similarity


@dataclass(frozen=True)
class Presence:
    """An actor in an article: where first mentioned (or, never mentioned, first quoted)."""

    actor: Actor
    first: Annotation


@dataclass(frozen=True)
class SharedActor:
    actor: Actor
    in_a: Annotation
    in_b: Annotation


@dataclass(frozen=True)
class ClaimPair:
    in_a: Annotation
    in_b: Annotation
    score: float


@dataclass
class Coverage:
    a: Article
    b: Article
    actors_in_both: list[SharedActor] = field(default_factory=list)
    actors_only_in_a: list[Presence] = field(default_factory=list)
    actors_only_in_b: list[Presence] = field(default_factory=list)
    claims_in_both: list[ClaimPair] = field(default_factory=list)
    claims_only_in_a: list[Annotation] = field(default_factory=list)
    claims_only_in_b: list[Annotation] = field(default_factory=list)


def actors_present(marks: Iterable[Annotation], actors: dict[str, Actor]) -> dict[str, Presence]:
    """Each actor of the library an article mentions or quotes, by id."""
    mentioned: dict[str, Annotation] = {}
    quoted: dict[str, Annotation] = {}
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if mark.orphaned:
            continue
        if mark.kind == ACTOR and mark.actor in actors:
            mentioned.setdefault(mark.actor, mark)
        elif mark.kind == CLAIM and mark.speaker in actors:
            quoted.setdefault(mark.speaker, mark)
    firsts = {**quoted, **mentioned}  # a mention, where there is one, shows who they are
    return {actor_id: Presence(actors[actor_id], mark) for actor_id, mark in firsts.items()}


def paired_claims(claims_a: list[Annotation],
                  claims_b: list[Annotation]) -> tuple[list[ClaimPair], list[Annotation],
                                                       list[Annotation]]:
    """The claims of A and B that are one claim, most alike first; and the rest of each."""
    scored = []
    for i, a in enumerate(claims_a):
        for j, b in enumerate(claims_b):
            score = claim_similarity(a.exact, b.exact, a.speaker, b.speaker)
            if score >= SAME_CLAIM:
                scored.append((score, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(ClaimPair(claims_a[i], claims_b[j], round(score, 2)))
    pairs.sort(key=lambda p: (p.in_a.start, p.in_a.end))
    only_a = [c for i, c in enumerate(claims_a) if i not in used_a]
    only_b = [c for j, c in enumerate(claims_b) if j not in used_b]
    return pairs, only_a, only_b


def compare_coverage(a: Article, marks_a: Iterable[Annotation], b: Article,
                     marks_b: Iterable[Annotation], actors: dict[str, Actor]) -> Coverage:
    marks_a, marks_b = list(marks_a), list(marks_b)
    result = Coverage(a, b)
    present_a, present_b = actors_present(marks_a, actors), actors_present(marks_b, actors)

    def by_name(actor_id: str) -> tuple[str, str]:
        return normalise_name(actors[actor_id].name), actor_id

    for actor_id in sorted(present_a.keys() | present_b.keys(), key=by_name):
        in_a, in_b = present_a.get(actor_id), present_b.get(actor_id)
        if in_a and in_b:
            result.actors_in_both.append(SharedActor(in_a.actor, in_a.first, in_b.first))
        elif in_a:
            result.actors_only_in_a.append(in_a)
        elif in_b:
            result.actors_only_in_b.append(in_b)
    result.claims_in_both, result.claims_only_in_a, result.claims_only_in_b = paired_claims(
        _claims(marks_a), _claims(marks_b))
    return result


def _claims(marks: list[Annotation]) -> list[Annotation]:
    return sorted((m for m in marks if m.kind == CLAIM and not m.orphaned),
                  key=lambda m: (m.start, m.end))
