"""Where the cursor goes: by character, word, sentence and paragraph. Pure functions.

Sentences come from pysbd, one paragraph at a time (a book is never segmented whole).
Character moves step over whole grapheme clusters, so the cursor never lands inside
an accented letter or an emoji sequence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotations.anchoring import trimmed
from reader.document.model import Document

_WORD = re.compile(r"\w+|[^\w\s]+")
_PYSBD_LANGUAGES = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()
)


def next_word(text: str, offset: int) -> int:
    """Start of the next word after `offset` (or the end of the text)."""
    match = _WORD.search(text, offset)
    if match and match.start() == offset:
        match = _WORD.search(text, match.end())
    return match.start() if match else len(text)


def previous_word(text: str, offset: int) -> int:
    """Start of the word before `offset` (or 0)."""
    window_start = max(0, offset - 400)
    starts = [m.start() for m in _WORD.finditer(text, window_start, offset)]
    starts = [s for s in starts if s < offset]
    if starts:
        return starts[-1]
    return previous_word(text, window_start) if window_start > 0 else 0


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word (run of word characters) covering `offset`, for a double-click."""
    for match in re.finditer(r"\w+", text[max(0, offset - 200) : offset + 200]):
        start = match.start() + max(0, offset - 200)
        end = match.end() + max(0, offset - 200)
        if start <= offset < end:
            return start, end
    return None


@lru_cache(maxsize=256)
def _segmenter(language: str):
    import pysbd

    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def sentence_language(language: str) -> str:
    code = (language or "en").split("-")[0].lower()
    return code if code in _PYSBD_LANGUAGES else "en"


def sentences_in(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, trimmed of surrounding whitespace."""
    if not text.strip():
        return []
    spans = []
    for span in _segmenter(sentence_language(language)).segment(text):
        start, end = trimmed(text, span.start, span.end)
        if end > start:
            spans.append((start, end))
    return spans or [(0, len(text.rstrip()))]


_WINDOW = 3000


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph cut after full stops into pieces pysbd handles quickly: it needs about
    a second for 30,000 characters, so a long paragraph is segmented piece by piece, only
    where the cursor goes. A sentence may break at a cut with no full stop near."""
    windows = []
    while end - start > _WINDOW:
        cut = text.rfind(". ", start, start + _WINDOW)
        if cut > start:
            cut += 2
        else:
            cut = text.rfind(" ", start, start + _WINDOW) + 1
            if cut <= start:
                cut = start + _WINDOW
        windows.append((start, cut))
        start = cut
    windows.append((start, end))
    return windows


class Sentences:
    """Sentence spans of one document, found on first use, piece by piece, and kept."""

    def __init__(self, document: Document, language: str = "en") -> None:
        self.document = document
        self.language = language
        self._windows: dict[int, list[tuple[int, int]]] = {}
        self._cache: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def _windows_of(self, index: int) -> list[tuple[int, int]]:
        if index not in self._windows:
            block = self.document.text_blocks[index]
            self._windows[index] = _windows(self.document.text, block.start, block.end)
        return self._windows[index]

    def _sentences(self, window: tuple[int, int]) -> list[tuple[int, int]]:
        if window not in self._cache:
            start, end = window
            local = sentences_in(self.document.text[start:end], self.language)
            self._cache[window] = [(start + s, start + e) for s, e in local]
        return self._cache[window]

    def _from(self, offset: int):
        """Windows from the one holding `offset` to the end of the document."""
        blocks = self.document.text_blocks
        index = self.document.block_index_at(offset)
        first = True
        while index < len(blocks):
            for window in self._windows_of(index):
                if first and window[1] <= offset and window != self._windows_of(index)[-1]:
                    continue
                first = False
                yield window
            index += 1

    def _back_from(self, offset: int):
        index = self.document.block_index_at(offset)
        first = True
        while index >= 0:
            for window in reversed(self._windows_of(index)):
                if first and window[0] >= offset and window != self._windows_of(index)[0]:
                    continue
                first = False
                yield window
            index -= 1

    def of_block(self, index: int) -> list[tuple[int, int]]:
        return [s for w in self._windows_of(index) for s in self._sentences(w)]

    def at(self, offset: int) -> tuple[int, int] | None:
        """The sentence holding `offset`, or the nearest one in its paragraph."""
        if not self.document.text_blocks:
            return None
        index = self.document.block_index_at(offset)
        windows = self._windows_of(index)
        window = next((w for w in windows if w[0] <= offset < w[1]), windows[-1])
        spans = self._sentences(window)
        for start, end in spans:
            if offset < end:
                return (start, end)
        return spans[-1] if spans else None

    def next_start(self, offset: int) -> int:
        if not self.document.text_blocks:
            return 0
        for window in self._from(offset):
            for start, _ in self._sentences(window):
                if start > offset:
                    return start
        return len(self.document.text)

    def previous_start(self, offset: int) -> int:
        if not self.document.text_blocks:
            return 0
        for window in self._back_from(offset):
            for start, _ in reversed(self._sentences(window)):
                if start < offset:
                    return start
        return 0


def next_paragraph(document: Document, offset: int) -> int:
    blocks = document.text_blocks
    index = document.block_index_at(offset)
    if index + 1 < len(blocks) and blocks[index].start <= offset:
        return blocks[index + 1].start
    if blocks and offset < blocks[0].start:
        return blocks[0].start
    return blocks[-1].end if blocks else 0


def previous_paragraph(document: Document, offset: int) -> int:
    blocks = document.text_blocks
    if not blocks:
        return 0
    index = document.block_index_at(offset)
    if blocks[index].start < offset:
        return blocks[index].start
    return blocks[max(0, index - 1)].start
