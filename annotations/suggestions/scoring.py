"""How suggestions are measured against a labelled article (tests/suggestions/GUIDELINES.md).

A suggested span matches a gold span of the same kind when they overlap by at least half
of the shorter of the two; each gold label and each suggestion is matched at most once,
the largest overlaps first. A found claim's speaker is right when it is the label's
speaker, or a surname or alias of it that the article uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotations.suggestions.model import CLAIM, KINDS, Suggestion


@dataclass
class Tally:
    """Counts for one kind over one or more articles."""

    suggested: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.suggested += other.suggested
        self.gold += other.gold
        self.matched += other.matched


@dataclass
class Score:
    kinds: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    speakers_right: int = 0
    speakers_found: int = 0
    misses: list[tuple[str, str, Any]] = field(default_factory=list)
    """(article, "missed" | "extra" | "speaker", detail), for reading what failed."""

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_found if self.speakers_found else 0.0

    def add(self, other: Score) -> None:
        for kind, tally in other.kinds.items():
            self.kinds[kind].add(tally)
        self.speakers_right += other.speakers_right
        self.speakers_found += other.speakers_found
        self.misses.extend(other.misses)


def overlaps_enough(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and shared * 2 >= shorter


def matches(suggested: Sequence[tuple[int, int]],
            gold: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(suggestion index, gold index) pairs, each side used once, largest overlap first."""
    pairs = []
    for i, s in enumerate(suggested):
        for j, g in enumerate(gold):
            if overlaps_enough(s, g):
                pairs.append((min(s[1], g[1]) - max(s[0], g[0]), i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_s: set[int] = set()
    used_g: set[int] = set()
    found = []
    for _, i, j in pairs:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            found.append((i, j))
    return found


def speaker_is_right(suggested: str, gold: str, article: dict[str, Any]) -> bool:
    if not suggested:
        return False
    if suggested == gold:
        return True
    names = {label["quote"] for label in article["labels"]
             if label["kind"] == "actor" and label.get("name") == gold}
    return suggested in names or (suggested == gold.split()[-1] and suggested in article["text"])


def score_article(article: dict[str, Any], suggestions: Iterable[Suggestion]) -> Score:
    """The score of one labelled article (the JSON of tests/suggestions)."""
    score = Score()
    every = list(suggestions)
    name = article.get("id", "")
    for kind in KINDS:
        ours = [s for s in every if s.kind == kind]
        gold = [label for label in article["labels"] if label["kind"] == kind]
        pairs = matches([(s.start, s.end) for s in ours], [(g["start"], g["end"]) for g in gold])
        score.kinds[kind] = Tally(len(ours), len(gold), len(pairs))
        matched_s = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        score.misses.extend((name, f"missed {kind}", g) for j, g in enumerate(gold) if j not in matched_g)
        score.misses.extend((name, f"extra {kind}", s) for i, s in enumerate(ours) if i not in matched_s)
        if kind != CLAIM:
            continue
        for i, j in pairs:
            score.speakers_found += 1
            if speaker_is_right(ours[i].speaker, gold[j].get("speaker", ""), article):
                score.speakers_right += 1
            else:
                score.misses.append((name, "speaker", (ours[i], gold[j].get("speaker", ""))))
    return score
