"""Quotations in a block: every mark style, apostrophes told apart, runs across paragraphs.

One pass over the quotation marks of a block with a stack of open marks. Each mark is
read in its context: “ opens in English but closes a German „; » closes a « but opens a
»Danish« quotation; ’ between letters or after a word's s is an apostrophe, not a close.
Only outermost quotations are returned: a ‘nested’ one belongs to the quote around it.

A block that ends with a quotation still open (the news convention for a quote that runs
on into the next paragraph, which opens with a mark again) gives a quotation to the end
of the block, marked `runs_on`; the next block's quotation that opens at its start is
marked `continued`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from annotations.suggestions.lexicon.common import ELISIONS
from annotations.suggestions.text import Block

_MARKS = re.compile("[“”„«»‹›‘’‚\"']")
_SPACE_BEFORE = frozenset(" \t\n([{—–-/\u00a0“„«»‹›‘‚\"'")
_SPACE_AFTER = frozenset(" \t\n.,;:!?)]}—–-\u00a0”»«›‹’\"'")
_STRONG_SINGLE_CLOSE = re.compile(r"(?<=[.,!?;:—–])’|’(?=[.,!?;:—–])")


@dataclass(frozen=True)
class Quotation:
    open: int
    """Where the opening mark is."""
    close: int
    """Where the closing mark is; the block's end when the quotation runs on."""
    start: int
    end: int
    """The words inside the marks, trimmed of spaces."""
    runs_on: bool = False
    continued: bool = False

    @property
    def after(self) -> int:
        """The first offset after the closing mark."""
        return self.close + 1 if not self.runs_on else self.close


class Quoted:
    """Where a block's quotations stand, marks included (open mark .. after the close): in
    order and never overlapping, so asked by bisection (a paragraph may hold thousands)."""

    def __init__(self, quotes: list[Quotation]) -> None:
        self.spans = [(q.open, q.after) for q in quotes]
        self._starts = [start for start, _ in self.spans]

    def at(self, at: int) -> bool:
        """Whether offset `at` is inside a quotation (or on its marks)."""
        i = bisect_right(self._starts, at) - 1
        return i >= 0 and at < self.spans[i][1]

    def around(self, start: int, end: int) -> bool:
        """Whether one quotation holds all of `start..end`."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self.spans[i][1] >= end

    def opens_between(self, start: int, end: int) -> bool:
        """Whether a quotation opens strictly between `start` and `end`."""
        i = bisect_right(self._starts, start)
        return i < len(self._starts) and self._starts[i] < end

    def reaches_past(self, before: int, at: int) -> bool:
        """Whether a quotation opening before `before` closes after `at`."""
        i = bisect_left(self._starts, before)
        return i > 0 and self.spans[i - 1][1] > at


def quotations(text: str, block: Block, continued: bool = False) -> list[Quotation]:
    """The outermost quotations of `block`; `continued` when the block before ran on."""
    stack = _OpenMarks()
    found: list[Quotation] = []
    # where the block's last unmistakable closing ’ stands, for "the workers’ union": asked
    # of every mark, a search to the block's end would make a long paragraph quadratic
    strong = [m.start() for m in _STRONG_SINGLE_CLOSE.finditer(text, block.start, block.end)]
    last_strong = strong[-1] if strong else -1
    for match in _MARKS.finditer(text, block.start, block.end):
        at, mark = match.start(), match.group()
        before = text[at - 1] if at > block.start else " "
        after = text[at + 1] if at + 1 < block.end else " "
        role = _role(mark, before, after, stack, text, at, block.end, last_strong > at)
        if role == "open":
            stack.push(mark, at)
        elif role == "close":
            depth = stack.matching(mark)
            if depth < 0:
                continue
            opened = stack.cut(depth)
            if depth == 0:
                found.append(_quotation(text, opened, at, continued and opened == block.start))
    if stack:
        opened = stack.bottom
        quote = _quotation(text, opened, block.end, continued and opened == block.start)
        found.append(Quotation(quote.open, block.end, quote.start, quote.end, runs_on=True,
                               continued=quote.continued))
    return [q for q in found if q.end > q.start]


def _quotation(text: str, opened: int, closed: int, continued: bool) -> Quotation:
    start, end = opened + 1, closed
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quotation(opened, closed, start, end, continued=continued)


_CLOSES = {"“": "”“", "„": "“”", "«": "»", "»": "«", "‹": "›", "›": "‹", "‘": "’",
           "‚": "‘’", '"': '"', "'": "'", "”": "”"}
"""Which marks close each opening mark."""
_CLOSED_BY = {mark: tuple(o for o, closes in _CLOSES.items() if mark in closes)
              for mark in "".join(_CLOSES.values())}
"""Which opening marks each mark closes."""


class _OpenMarks:
    """The quotation marks open so far, innermost last, with where each kind was last
    opened: finding the mark a close matches looks at the kinds it closes, not at every
    open mark (a paragraph of 40,000 opening marks would be quadratic otherwise)."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, int]] = []
        self.depths: dict[str, list[int]] = {}

    def __bool__(self) -> bool:
        return bool(self.marks)

    @property
    def top(self) -> str:
        return self.marks[-1][0] if self.marks else ""

    @property
    def bottom(self) -> int:
        """Where the outermost open mark is."""
        return self.marks[0][1]

    def push(self, mark: str, at: int) -> None:
        self.depths.setdefault(mark, []).append(len(self.marks))
        self.marks.append((mark, at))

    def matching(self, mark: str) -> int:
        """The depth of the innermost open mark that `mark` closes; -1 when none."""
        depth = -1
        for opener in _CLOSED_BY.get(mark, ()):
            depths = self.depths.get(opener)
            if depths and depths[-1] > depth:
                depth = depths[-1]
        return depth

    def cut(self, depth: int) -> int:
        """Close the mark at `depth` and every mark inside it; where that mark was."""
        opened = self.marks[depth][1]
        for mark, _ in self.marks[depth:]:
            self.depths[mark].pop()
        del self.marks[depth:]
        return opened


def _role(mark: str, before: str, after: str, stack: _OpenMarks, text: str, at: int,
          block_end: int, strong_close_follows: bool) -> str:
    """"open", "close" or "" (an apostrophe, a stray mark) for the mark at `at`."""
    spaced_before, spaced_after = before in _SPACE_BEFORE, after in _SPACE_AFTER
    top = stack.top
    closes_something = stack.matching(mark) >= 0
    if mark in "„‚":
        return "open"
    if mark == "“":
        if top == "„" or (top == "“" and spaced_after and not spaced_before):
            return "close"
        return "open"
    if mark == "”":
        if closes_something:
            return "close"
        return "open" if spaced_before and not spaced_after else ""
    if mark in "«‹":
        return "close" if closes_something and top in "»›" else "open"
    if mark in "»›":
        if closes_something:
            return "close"
        return "open" if spaced_before and not spaced_after else ""
    if mark == '"':
        if closes_something:
            return "close"
        return "open" if not after.isspace() else ""
    if mark == "‘":
        if closes_something and top == "‚":
            return "close"
        if spaced_before and (not spaced_after or _elision_at(text, at + 1, block_end)) \
                and not after.isdigit():
            return "open"  # ‘We …’, and ‘’Twas …’: a quotation opening on an elision
        return ""
    # ’ and ': an apostrophe between letters ("don’t"), after an s ("the workers’ union")
    # unless no other close follows, or ending an elision ("rock ’n’ roll"); otherwise a
    # close of an open single mark.
    if closes_something and not spaced_before:
        if before.isalpha() and after.isalpha():
            return ""
        if before in "sS" and after == " " and strong_close_follows:
            return ""
        if _ends_elision(text, at):
            return ""
        return "close"
    if mark == "'" and spaced_before and not spaced_after:
        return "open"
    return ""


def _elision_at(text: str, at: int, end: int) -> bool:
    """Whether an apostrophe opening an elided word ("’Twas", "’90s") stands at `at`."""
    if at + 1 >= end or text[at] not in "’'":
        return False
    following = text[at + 1]
    if following.isdigit():
        return True
    word_end = at + 1
    while word_end < end and text[word_end].isalpha():
        word_end += 1
    return text[at + 1:word_end].casefold() in ELISIONS


def _ends_elision(text: str, at: int) -> bool:
    """Whether the ’ at `at` closes "’n’" (rock ’n’ roll): the word began with an
    apostrophe after a space."""
    start = at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start >= 2 and text[start - 1] in "’'" and text[start - 2] in " \t\n\u00a0" and \
        text[start:at].casefold() == "n"
