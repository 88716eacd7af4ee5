"""Running headers and footers, and bare page numbers: the lines at a page's top or
bottom that come back at the same height on the pages around it, the same but for their
page numbers ("Journal of Harbour Studies 12 (2024) 113", "– 7 –", "xii").

A journal alternates its heads: "112 … JOURNAL OF HARBOUR STUDIES" on even pages,
"OKAFOR: HARBOUR DREDGING … 113" on odd ones. Each page is compared with the pages of
its own parity as well as with the others, and a head is compared as each of its pieces
and as the whole row at its height, so that a head PDFium gives as two pieces on one
page (cut at a column gutter) and as one line on the next is still the same head.

Leaving a line out of the text loses it for good, so a line must show every mark of a
running line (edges.py: a short row at the page's edge, set apart from the text, in type
no larger than the body's) and come back on enough pages the same but for the numbers
that count the pages: "Recommendation 1" and "Recommendation 3" on two pages in a row
are not one head, and a number in the middle of a line never counts the pages.

They are left out of the text; the numbers printed in them are what tells the printed
page numbers (page_labels.py).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.importing.pdf.cleaning import folded
from reader.importing.pdf.edges import (
    Edge,
    bare_number,
    edge_lines,
    measure,
    roman_value,
    same_height,
)
from reader.importing.pdf.lines import Line, PageText

_NEIGHBOURS = (-6, -4, -3, -2, -1, 1, 2, 3, 4, 6)
"""Pages compared with each page: the three of its own parity each way (alternating
heads are seen twice even at either end of the document, or beside a chapter's first
page that prints none), and the two of the other parity."""
_SEEN_ON = 2
"""A running line comes back on this many of those pages: a lone footnote "12 Ibid." at
the foot of two pages is not one."""
_SHORT_DOCUMENT = 5
"""In a document of fewer pages, a running line is on most of them (two of two, two of
three, three of four) instead."""
_NUMBER = re.compile(r"\d{1,7}")
_NUMBER_OR_ROMAN = re.compile(r"\d{1,7}|\b[ivxlc]+\b")
_PAGE_NUMBER_MARKS = frozenset(" -–—|·•()[]")


class PageNumbers(NamedTuple):
    arabic: tuple[int, ...]
    roman: tuple[int, ...]
    """Numbers printed in a page's running lines, as found."""


class RunningLines(NamedTuple):
    lines: list[set[int]]
    """Per page, the indices (into `PageText.lines`) of its running lines."""
    numbers: list[PageNumbers]
    edges: list[list[Edge]]
    """Per page, its edge lines as told from the document's body text: those running
    lines were found among, and bare page numbers are looked for in."""


def find_running_lines(pages: list[PageText]) -> RunningLines:
    body = measure(pages)
    lines_at_edges = [edge_lines(page, body) for page in pages]
    edges = [[_Candidate.of(edge, page.index) for edge in found]
             for page, found in zip(pages, lines_at_edges, strict=True)]
    needed = _SEEN_ON if len(pages) >= _SHORT_DOCUMENT else max(1, len(pages) // 2)
    found: list[set[int]] = [set() for _ in pages]
    for at, page_edges in enumerate(edges):
        for candidate in page_edges:
            if _pages_repeating(candidate, edges, at) >= needed:
                found[at].add(candidate.edge.index)
    numbers = [_numbers_in(page, indices) for page, indices in zip(pages, found, strict=True)]
    return RunningLines(found, numbers, lines_at_edges)


class _Text(NamedTuple):
    """A running line's text as compared across pages."""

    pattern: str
    """Folded, lowercase, each number (arabic or roman) a "#"."""
    numbers: tuple[int, ...]
    counting: frozenset[int]
    """Which of `numbers` may be the page's number, and so differ from page to page in
    step with the pages: one at the end of the text, one at its start in a head (at
    the foot, a number first is a footnote's), or a bare page number's ("Page 3 of 12")."""


def _text(text: str, top: bool) -> _Text:
    plain = folded(text).lower()
    numbers: list[int] = []
    counting: set[int] = set()
    parts: list[str] = []
    last = 0
    for match in _NUMBER_OR_ROMAN.finditer(plain):
        value = int(match.group()) if match.group().isdigit() else roman_value(match.group())
        if not value:
            continue  # a word of roman letters that is no number: "civil", "ill"
        if _only_marks(plain[match.end():]) or (top and _only_marks(plain[:match.start()])):
            counting.add(len(numbers))
        parts += [plain[last:match.start()], "#"]
        numbers.append(value)
        last = match.end()
    parts.append(plain[last:])
    if numbers and bare_number(text):
        counting.add(0)
    return _Text("".join(parts), tuple(numbers), frozenset(counting))


def _only_marks(text: str) -> bool:
    """Nothing but spaces, dashes and brackets: what sets a page number off ("– 7 –",
    "[113]"); not a sentence's words, nor its full stop ("see figure 2.")."""
    return all(char in _PAGE_NUMBER_MARKS for char in text)


def _in_step(a: _Text, b: _Text, distance: int) -> bool:
    """The two texts, `distance` pages apart, are one running line: the same words and
    numbers, but for page numbers that differ by as many pages."""
    if a.pattern != b.pattern or len(a.numbers) != len(b.numbers):
        return False  # (a "#" of the text's own, "Issue #3", may stand for no number)
    return all(x == y or (k in a.counting and k in b.counting and y - x == distance)
               for k, (x, y) in enumerate(zip(a.numbers, b.numbers, strict=True)))


class _Candidate(NamedTuple):
    """An edge line with what it is compared by."""

    edge: Edge
    texts: tuple[_Text, ...]
    """The line's own text and its row's."""
    steps: frozenset[int]
    """For a row ending with a number (or, at the top, beginning with one), that number
    less the page index: 111 on page 1 printing "112 … JOURNAL" and on page 2 printing
    "OKAFOR: … 113", two heads that differ but number in step."""

    @classmethod
    def of(cls, edge: Edge, page: int) -> _Candidate:
        texts = {_text(edge.line.text, edge.top), _text(edge.row, edge.top)}
        steps = frozenset(number - page for number in _end_numbers(edge.row, edge.top))
        return cls(edge, tuple(texts), steps)

    def matches(self, other: _Candidate, distance: int) -> bool:
        if not same_height(self.edge.line, other.edge.line):
            return False
        return bool(self.steps & other.steps) or any(
            _in_step(mine, theirs, distance) for mine in self.texts for theirs in other.texts)


def _end_numbers(text: str, at_start: bool) -> set[int]:
    words = folded(text).split()
    ends = words[-1:] + (words[:1] if at_start else [])
    return {int(word) for word in ends if _NUMBER.fullmatch(word)}


def _pages_repeating(candidate: _Candidate, edges: list[list[_Candidate]], at: int) -> int:
    """How many pages around page `at` have this line at its height."""
    count = 0
    for step in _NEIGHBOURS:
        other = at + step
        if 0 <= other < len(edges) and any(candidate.matches(theirs, step)
                                           for theirs in edges[other]):
            count += 1
    return count


def _numbers_in(page: PageText, indices: set[int]) -> PageNumbers:
    arabic: list[int] = []
    roman: list[int] = []
    for i in sorted(indices):
        text = folded(page.lines[i].text)
        arabic += [int(n) for n in _NUMBER.findall(text)]
        roman += [value for word in re.findall(r"(?i)\b[ivxlc]+\b", text)
                  if (value := roman_value(word))]
    return PageNumbers(tuple(arabic), tuple(roman))


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
    for page, found, edges, label in zip(pages, running.lines, running.edges, labels,
                                         strict=True):
        drop = found | {edge.index for edge in edges if bare_number(edge.line.text) == label.lower()}
        if printed:
            drop |= _rows_numbered(edges, label, heights)
        kept.append(page._replace(lines=[ln for i, ln in enumerate(page.lines) if i not in drop]))
    return kept


def _rows_numbered(edges: list[Edge], label: str, heights: list[Line]) -> set[int]:
    """The edge lines in rows at a running line's height that begin or end with `label`."""
    drop: set[int] = set()
    for edge in edges:
        words = folded(edge.row).lower().split()
        if (words and label.lower() in (words[0], words[-1])
                and any(same_height(edge.line, head) for head in heights)):
            drop.add(edge.index)
    return drop
