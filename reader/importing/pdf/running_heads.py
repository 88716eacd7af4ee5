"""Running headers and footers, and bare page numbers: the lines at a page's top or
bottom that come back at the same height on the pages around it once their numbers
are set aside ("Journal of Harbour Studies 12 (2024) 113", "– 7 –", "xii").

A journal alternates its heads: "112 … JOURNAL OF HARBOUR STUDIES" on even pages,
"OKAFOR: HARBOUR DREDGING … 113" on odd ones. Each page is compared with the pages of
its own parity as well as with the others, and a head is compared without the page
number at either end and as the whole row at its height, so that a head PDFium gives as
two pieces on one page (cut at a column gutter) and as one line on the next is still
the same head.

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
_NEIGHBOURS = (-6, -4, -3, -2, -1, 1, 2, 3, 4, 6)
"""Pages compared with each page: the three of its own parity each way (alternating
heads are seen twice even at either end of the document, or beside a chapter's first
page that prints none), and the two of the other parity."""
_SEEN_ON = 2
"""A running line comes back on this many of those pages (one, in a document of fewer
than five pages): a lone footnote "12 Ibid." at the foot of two pages is not one."""
_NUMBER = re.compile(r"\d{1,7}")
_ROMAN = re.compile(r"(?i)\b(?=[ivxlc]+\b)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\b")
_NUMBER_OR_ROMAN = re.compile(r"\d+|(?i:\b[ivxlc]+\b)")
_SPACES = re.compile(r"\s+")


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
        for index, keys, line in page_edges:
            if _pages_repeating(keys, line, edges, at) >= needed:
                found[at].add(index)
    numbers = [_numbers_in(page, indices) for page, indices in zip(pages, found, strict=True)]
    return RunningLines(found, numbers)


_Edge = tuple[int, frozenset[str], Line]
"""A line at a page's edge: its index, its keys, itself."""


def _edge_lines(page: PageText) -> list[_Edge]:
    """The page's top and bottom lines set apart from its body, with their keys: the
    line's text and its row's with numbers set aside, and, for a row in type no larger
    than the page's text that ends with a number (or, at the top, begins with one), that
    number less the page index: "@111" on page 1 printing "112 … JOURNAL" and on page 2
    printing "OKAFOR: … 113", two heads that differ but number in step. (A footnote at
    the foot begins with its number, and may be in step with the pages.)"""
    order = sorted(range(len(page.lines)), key=lambda i: -page.lines[i].y)
    top = _set_apart(order, page.lines)
    chosen = sorted(top | _set_apart(order[::-1], page.lines))
    text_size = sorted(line.size for line in page.lines)[len(page.lines) // 2] if chosen else 0.0
    edges = []
    for i in chosen:
        line = page.lines[i]
        row = sorted((page.lines[j] for j in chosen if _same_height(page.lines[j], line)),
                     key=lambda other: other.x0)
        row_text = " ".join(other.text for other in row)
        keys = {_key(line.text), _key(row_text)}
        if max(other.size for other in row) <= text_size:
            keys |= {f"@{number - page.index}"
                     for number in _end_numbers(row_text, at_start=i in top)}
        edges.append((i, frozenset(keys), line))
    return edges


def _end_numbers(text: str, at_start: bool) -> set[int]:
    words = folded(text).split()
    ends = words[-1:] + (words[:1] if at_start else [])
    return {int(word) for word in ends if _NUMBER.fullmatch(word)}


def _same_height(line: Line, other: Line) -> bool:
    return abs(other.y - line.y) <= max(2.0, 0.5 * line.size)


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
    """The text with its numbers set aside, and a number at either end left out: the
    page number of "OKAFOR: HARBOUR DREDGING 113" may stand apart on the next page."""
    key = _SPACES.sub(" ", _NUMBER_OR_ROMAN.sub("#", folded(text).lower()))
    return key.strip("# ") or "#"


def _pages_repeating(keys: frozenset[str], line: Line, edges: list[list[_Edge]],
                     at: int) -> int:
    """How many pages around page `at` have a line of one of these keys at this height."""
    count = 0
    for step in _NEIGHBOURS:
        other = at + step
        if 0 <= other < len(edges) and any(
                keys & other_keys and _same_height(line, other_line)
                for _i, other_keys, other_line in edges[other]):
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
    that is the page's own printed number (a chapter's first page prints it alone).

    When the labels are printed numbers (not the page index), a row at the height of
    the running lines of other pages that starts or ends with the page's own number
    goes too: in a short document an odd page's head "OKAFOR: HARBOUR DREDGING 113"
    may be the only one of its kind.
    """
    printed = labels != [str(page.index) for page in pages]
    heights = [line for page, found in zip(pages, running.lines, strict=True)
               for line in (page.lines[i] for i in found)]
    kept: list[PageText] = []
    for page, found, label in zip(pages, running.lines, labels, strict=True):
        edges = _edge_lines(page)
        drop = found | {i for i, _keys, line in edges if bare_number(line.text) == label.lower()}
        if printed:
            drop |= _rows_numbered(edges, label, heights)
        kept.append(page._replace(lines=[ln for i, ln in enumerate(page.lines) if i not in drop]))
    return kept


def _rows_numbered(edges: list[_Edge], label: str, heights: list[Line]) -> set[int]:
    """The edge lines in rows at a running line's height that begin or end with `label`."""
    drop: set[int] = set()
    for _i, _keys, line in edges:
        row = sorted(((j, other) for j, _k, other in edges if _same_height(other, line)),
                     key=lambda item: item[1].x0)
        words = folded(" ".join(other.text for _j, other in row)).lower().split()
        if (words and label.lower() in (words[0], words[-1])
                and any(_same_height(line, head) for head in heights)):
            drop |= {j for j, _other in row}
    return drop
