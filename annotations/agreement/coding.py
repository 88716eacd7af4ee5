"""Who coded what: an article's marks as each coder's characters per code.

A mark codes its kind (claim, actor, question or a codebook tag) and each of its extra
tags: a claim tagged `funding` counts for both codes, as a segment coded at two nodes
does in NVivo. Orphaned marks (their words are gone from the text) and marks with no
author are left out: neither has characters or a coder to count for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from annotations.agreement.intervals import Runs, union
from annotations.errors import GlossatorError
from annotations.model import BUILTIN_KINDS, Annotation

Coding = dict[str, dict[str, Runs]]
"""code → coder → the characters that coder marked with it."""


def codes_of(mark: Annotation) -> list[str]:
    return list(dict.fromkeys([mark.kind, *mark.tags]))


def countable(mark: Annotation) -> bool:
    return bool(mark.author) and not mark.orphaned and mark.end > mark.start


def coders_of(marks: Iterable[Annotation]) -> list[str]:
    """Every author of these marks, in alphabetical order."""
    return sorted({m.author for m in marks if countable(m)}, key=str.casefold)


def codes_used(marks: Iterable[Annotation], coders: Sequence[str]) -> list[str]:
    """The three kinds, then every tag one of `coders` used, in alphabetical order."""
    chosen = set(coders)
    used = {code for m in marks if countable(m) and m.author in chosen for code in codes_of(m)}
    return [*BUILTIN_KINDS, *sorted(used - set(BUILTIN_KINDS), key=str.casefold)]


def coding_of(marks: Iterable[Annotation], length: int, coders: Sequence[str]) -> Coding:
    """Each coder's characters per code in one article of `length` characters."""
    spans: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    chosen = set(coders)
    for mark in marks:
        if countable(mark) and mark.author in chosen:
            for code in codes_of(mark):
                spans[code][mark.author].append((mark.start, mark.end))
    return {code: {coder: union(found, length) for coder, found in by_coder.items()}
            for code, by_coder in spans.items()}


def choose_coders(here: Sequence[str], wanted: Sequence[str] = (),
                  elsewhere: Callable[[], Sequence[str]] = list) -> list[str]:
    """The coders to compare: `wanted` (names as given, matched regardless of case), or
    everyone who marked `here`. A wanted name nobody marked anything with `here` is still
    a coder, one who coded nothing, if `elsewhere()` (the library's authors) knows it."""
    if not wanted:
        if len(here) < 2:
            who = f"all by {here[0]}" if here else "none with an author"
            raise GlossatorError(f"agreement needs marks by two coders or more, and these marks are "
                                 f"{who}; each coder marks the same articles under their own name "
                                 "([user] name in config.toml, or GLOSSATOR_AUTHOR)")
        return list(here)
    chosen: list[str] = []
    known: list[str] | None = None
    for name in wanted:
        match = _named(name, here)
        if match is None:
            known = list(elsewhere()) if known is None else known
            match = _named(name, known)
        if match is None:
            shown = ", ".join(known or here) or "nobody yet"
            raise GlossatorError(f"no coder {name!r}: nobody of that name has marked anything "
                                 f"(authors: {shown})")
        if match not in chosen:
            chosen.append(match)
    if len(chosen) < 2:
        raise GlossatorError("--coders needs two names or more, e.g. --coders ana,ben")
    return chosen


def _named(name: str, authors: Sequence[str]) -> str | None:
    if name in authors:
        return name
    matches = [a for a in authors if a.casefold() == name.casefold()]
    return matches[0] if len(matches) == 1 else None
