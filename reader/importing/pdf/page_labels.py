"""The printed page number of each page, for locators ("p. iv", "p. 47700").

The PDF's own page labels come first, when it has any that are more than the page
index again. Otherwise the numbers in the running heads and footers, when they form a
+1 sequence across the pages (a journal's 112, 113…, a register's 47699, 47700…): every
page then gets its number from the sequence, also the pages whose number was not
found (a chapter's first page often prints none). Roman numbers of front matter
before the sequence count the same way. Failing both, the page index.
"""

from __future__ import annotations

from collections import Counter

from reader.importing.pdf.running_heads import PageNumbers

_MIN_PAGES = 2
"""A sequence must show on at least this many pages…"""
_MIN_SHARE = 0.5
"""…and on at least half of the pages whose running lines hold a number."""


def page_labels(pdf_labels: list[str], numbers: list[PageNumbers]) -> list[str]:
    """One label per page; `pdf_labels` are the PDF's own ("" where it has none)."""
    if _has_own_labels(pdf_labels):
        return [label.strip() or str(i) for i, label in enumerate(pdf_labels, start=1)]
    count = len(numbers)
    labels = [str(i) for i in range(1, count + 1)]
    arabic = _offset(numbers, roman=False)
    first_arabic = count + 1 if arabic is None else _first_page_with(numbers, arabic)
    front = _front_matter(numbers, before=first_arabic)
    labels[:len(front)] = front
    if arabic is not None:
        for page in range(len(front) + 1, count + 1):
            if page + arabic >= 1:
                labels[page - 1] = str(page + arabic)
    return labels


def _front_matter(numbers: list[PageNumbers], before: int) -> list[str]:
    """The labels of the pages numbered in roman before page `before` (none when they
    are not), from the first page on."""
    roman = _offset(numbers, roman=True)
    if roman is None:
        return []
    last = 0
    for page, found in enumerate(numbers[:before - 1], start=1):
        if page + roman in found.roman:
            last = page
    return [to_roman(page + roman) if page + roman >= 1 else str(page)
            for page in range(1, last + 1)]


def _has_own_labels(pdf_labels: list[str]) -> bool:
    # Some producers label every page with its index; that says nothing the running
    # heads could not say better.
    return any(label.strip() and label.strip() != str(i)
               for i, label in enumerate(pdf_labels, start=1))


def _offset(numbers: list[PageNumbers], roman: bool) -> int | None:
    """The offset most pages agree on, when enough of them do."""
    support: Counter[int] = Counter()
    with_numbers = 0
    for page, found in enumerate(numbers, start=1):
        values = found.roman if roman else found.arabic
        if values:
            with_numbers += 1
            support.update({value - page for value in values})
    if not support:
        return None
    offset, pages = support.most_common(1)[0]
    if pages >= _MIN_PAGES and pages >= _MIN_SHARE * with_numbers:
        return offset
    return None


def _first_page_with(numbers: list[PageNumbers], offset: int) -> int:
    """The first page printing its arabic number of the sequence `offset` gives."""
    for page, found in enumerate(numbers, start=1):
        if page + offset in found.arabic:
            return page
    return len(numbers) + 1


def to_roman(value: int) -> str:
    parts = []
    for size, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                          (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                          (4, "iv"), (1, "i")):
        count, value = divmod(value, size)
        parts.append(letters * count)
    return "".join(parts)
