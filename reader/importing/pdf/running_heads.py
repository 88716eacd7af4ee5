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
_NEIGHBOURS = (-2, -1, 1, 2)
"""Pages compared with each page: two each way, for heads that alternate left and right."""
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
    found: list[set[int]] = [set() for _ in pages]
    for at, page_edges in enumerate(edges):
        for index, key, line in page_edges:
            if _recurs(key, line, edges, at):
                found[at].add(index)
    numbers = [_numbers_in(page, indices) for page, indices in zip(pages, found, strict=True)]
    return RunningLines(found, numbers)


def _edge_lines(page: PageText) -> list[tuple[int, str, Line]]:
    """The page's top and bottom lines with their keys: text with numbers set aside."""
    order = sorted(range(len(page.lines)), key=lambda i: -page.lines[i].y)
    chosen = order[:EDGE_LINES] + order[EDGE_LINES:][-EDGE_LINES:]
    return [(i, _key(page.lines[i].text), page.lines[i]) for i in chosen]


def _key(text: str) -> str:
    return _NUMBER_OR_ROMAN.sub("#", folded(text).lower())


def _recurs(key: str, line: Line, edges: list[list[tuple[int, str, Line]]], at: int) -> bool:
    tolerance = max(2.0, 0.5 * line.size)
    for step in _NEIGHBOURS:
        other = at + step
        if not 0 <= other < len(edges):
            continue
        for _i, other_key, other_line in edges[other]:
            if other_key == key and abs(other_line.y - line.y) <= tolerance:
                return True
    return False


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
