"""Running headers and footers, and bare page numbers: the lines at a page's top or
bottom that come back at the same height on the pages around it once their numbers
are set aside ("Journal of Harbour Studies 12 (2024) 113", "– 7 –", "xii").

They are left out of the text; the numbers printed in them are what tells the printed
page numbers (page_labels.py).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.importing.pdf.cleaning import folded
from reader.importing.pdf.lines import Line, PageText

EDGE_LINES = 3
"""How many lines at the top and at the bottom of a page may be running lines."""
_APART = 2.0
"""A running head stands further from the text than twice its lines' size."""
_NEIGHBOURS = (-4, -3, -2, -1, 1, 2, 3, 4)
"""Pages compared with each page: four each way, so that heads alternating left and
right are seen twice even at either end of the document."""
_SEEN_ON = 2
"""A running line comes back on this many of those pages (one, in a document of fewer
than five pages): a lone footnote "12 Ibid." at the foot of two pages is not one."""
_NUMBER = re.compile(r"\d{1,7}")
_ROMAN = re.compile(r"(?i)\b(?=[ivxlc]+\b)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\b")
_NUMBER_OR_ROMAN = re.compile(r"\d+|(?i:\b[ivxlc]+\b)")


class PageNumbers(NamedTuple):
    arabic: tuple[int, ...]
    roman: tuple[int, ...]
    """Numbers printed in a page's running lines, as found."""


class RunningLines(NamedTuple):
    lines: list[set[int]]
    """Per page, the indices (into `PageText.lines`) of its running lines."""
    numbers: list[PageNumbers]


def find_running_lines(pages: list[PageText]) -> RunningLines:
    edges = [_edge_lines(page) for page in pages]
    needed = _SEEN_ON if len(pages) >= 5 else 1
    found: list[set[int]] = [set() for _ in pages]
    for at, page_edges in enumerate(edges):
        for index, key, line in page_edges:
            if _pages_repeating(key, line, edges, at) >= needed:
                found[at].add(index)
    numbers = [_numbers_in(page, indices) for page, indices in zip(pages, found, strict=True)]
    return RunningLines(found, numbers)


def _edge_lines(page: PageText) -> list[tuple[int, str, Line]]:
    """The page's top and bottom lines set apart from its body, with their keys: text
    with numbers set aside."""
    order = sorted(range(len(page.lines)), key=lambda i: -page.lines[i].y)
    chosen = _set_apart(order, page.lines)
    chosen |= _set_apart(order[::-1], page.lines)
    return [(i, _key(page.lines[i].text), page.lines[i]) for i in sorted(chosen)]


def _set_apart(order: list[int], lines: list[Line]) -> set[int]:
    """Of the lines `order` goes through from a page's edge inward, those before the
    first wide gap, within the first EDGE_LINES: a running head stands apart from the
    text (a first line "Yes." on each page does not, nor does a footnote)."""
    for count in range(1, min(EDGE_LINES, len(order)) + 1):
        if count == len(order):
            return set(order)
        outer, inner = lines[order[count - 1]], lines[order[count]]
        if abs(outer.y - inner.y) > _APART * max(outer.size, inner.size, 1.0):
            return set(order[:count])
    return set()


def _key(text: str) -> str:
    return _NUMBER_OR_ROMAN.sub("#", folded(text).lower())


def _pages_repeating(key: str, line: Line, edges: list[list[tuple[int, str, Line]]],
                     at: int) -> int:
    """How many pages around page `at` have a line of this key at this height."""
    tolerance = max(2.0, 0.5 * line.size)
    count = 0
    for step in _NEIGHBOURS:
        other = at + step
        if 0 <= other < len(edges) and any(
                other_key == key and abs(other_line.y - line.y) <= tolerance
                for _i, other_key, other_line in edges[other]):
            count += 1
    return count


def _numbers_in(page: PageText, indices: set[int]) -> PageNumbers:
    arabic: list[int] = []
    roman: list[int] = []
    for i in sorted(indices):
        text = folded(page.lines[i].text)
        arabic += [int(n) for n in _NUMBER.findall(text)]
        roman += [value for value in map(_roman_value, _ROMAN.finditer(text)) if value]
    return PageNumbers(tuple(arabic), tuple(roman))


def bare_number(text: str) -> str:
    """The page number a line consists of ("12", "– 12 –", "Page 12", "xii"), or ""."""
    words = folded(text).strip("-–— ").lower()
    if words.startswith("page "):
        words = words[5:].strip()
    words = words.split(" of ")[0].strip()
    if words.isdigit() or (words and _ROMAN.fullmatch(words)):
        return words
    return ""


def _roman_value(match: re.Match[str]) -> int:
    text = match.group(0).lower()
    if not text:
        return 0
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for char, following in zip(text, text[1:] + " ", strict=True):
        value = values[char]
        total += -value if following != " " and values[following] > value else value
    return total


def without_running_lines(pages: list[PageText], running: RunningLines, labels: list[str]
                          ) -> list[PageText]:
    """The pages without their running lines, nor a bare page number at top or bottom
    that is the page's own printed number (a chapter's first page prints it alone)."""
    kept: list[PageText] = []
    for page, found, label in zip(pages, running.lines, labels, strict=True):
        edges = {i for i, _key, _line in _edge_lines(page)}
        drop = found | {i for i in edges if bare_number(page.lines[i].text) == label.lower()}
        kept.append(page._replace(lines=[ln for i, ln in enumerate(page.lines) if i not in drop]))
    return kept
