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
from dataclasses import dataclass

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


def quotations(text: str, block: Block, continued: bool = False) -> list[Quotation]:
    """The outermost quotations of `block`; `continued` when the block before ran on."""
    stack: list[tuple[str, int]] = []
    found: list[Quotation] = []
    for match in _MARKS.finditer(text, block.start, block.end):
        at, mark = match.start(), match.group()
        before = text[at - 1] if at > block.start else " "
        after = text[at + 1] if at + 1 < block.end else " "
        role = _role(mark, before, after, stack, text, at, block.end)
        if role == "open":
            stack.append((mark, at))
        elif role == "close":
            depth = _matching_opener(mark, stack)
            if depth < 0:
                continue
            opened = stack[depth][1]
            del stack[depth:]
            if depth == 0:
                found.append(_quotation(text, opened, at, continued and opened == block.start))
    if stack:
        opened = stack[0][1]
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


def _matching_opener(mark: str, stack: list[tuple[str, int]]) -> int:
    for depth in range(len(stack) - 1, -1, -1):
        if mark in _CLOSES[stack[depth][0]]:
            return depth
    return -1


def _role(mark: str, before: str, after: str, stack: list[tuple[str, int]], text: str,
          at: int, block_end: int) -> str:
    """"open", "close" or "" (an apostrophe, a stray mark) for the mark at `at`."""
    spaced_before, spaced_after = before in _SPACE_BEFORE, after in _SPACE_AFTER
    top = stack[-1][0] if stack else ""
    closes_something = _matching_opener(mark, stack) >= 0
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
        if spaced_before and not spaced_after and not after.isdigit():
            return "open"
        return ""
    # ’ and ': an apostrophe between letters ("don’t"), or after an s ("the workers’
    # union") unless no other close follows; otherwise a close of an open single mark.
    if closes_something and not spaced_before:
        if before.isalpha() and after.isalpha():
            return ""
        if before in "sS" and after == " " and _STRONG_SINGLE_CLOSE.search(text, at + 1, block_end):
            return ""
        return "close"
    if mark == "'" and spaced_before and not spaced_after:
        return "open"
    return ""
