"""Plain-text bodies: paragraphs from blank lines, and from the lengths of the lines.

A blank line always ends a paragraph. Within a run of lines between blank lines (a
chunk), the line lengths tell what a single line break means:

- **Hard-wrapped** (a 70-column e-text, an e-mail, a wire story of short paragraphs):
  the chunk's longest line is at most 120 columns, at least 50, and at least 70% of its
  line breaks came where the next word would not have fitted; or, when its paragraphs
  are short, at least 70% of the breaks within sentences did, and they are at least a
  third of all its line breaks (a break on a sentence's end says nothing either way:
  text of one paragraph per line has only those). Its lines are joined ("reflowed"). A
  line that ended early, with room for the next word, on a sentence's end, or a line
  indented where the others are not, still ends a paragraph: some e-texts mark
  paragraphs that way, and a wrapper never ends a line early otherwise.
- **One paragraph per line** (a browser copy, a wire story): not wrapped so, and half or
  more of the lines are long (over 100 columns), or half or more of the lines but the
  last end a sentence. Each line is a paragraph, so "para. 5" is the fifth of them.
- **Verse or a list** (a poem, headlines, an address): not wrapped so, lines mostly
  short (median under 60), and every line starts with a capital, a digit or a symbol,
  as prose continued over a line break seldom does. One paragraph, its line breaks kept.
- Anything else: one paragraph, reflowed — a single line break is soft, as before.
"""

from __future__ import annotations

import re
from statistics import median

from reader.document.builder import DocumentBuilder
from reader.document.model import PARAGRAPH, Document

WRAP_MIN, WRAP_MAX = 50, 120
"""The widths text is hard-wrapped at: 60–80 columns in practice."""
WRAPPED_SHARE = 0.7
FULL_SHARE = 1 / 3
"""Of all line breaks, the share that fall within a sentence, where the next word would
not have fitted, in a hard-wrapped chunk of short paragraphs: about half of them in
paragraphs of two lines; next to none in text of one paragraph per line."""
LONG_LINE = 100
SHORT_MEDIAN = 60
_CHUNKS = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’»)\]]*$")


def parse_plain(source: str) -> Document:
    builder = DocumentBuilder()
    for chunk in _CHUNKS.split(source.replace("\r\n", "\n").replace("\r", "\n")):
        for paragraph in chunk_paragraphs([line for line in chunk.split("\n") if line.strip()]):
            builder.add_block(PARAGRAPH, paragraph)
    return builder.document()


def chunk_paragraphs(raw_lines: list[str]) -> list[str]:
    """The paragraphs of one chunk of non-blank lines (see the module's rules)."""
    lines = [" ".join(line.split()) for line in raw_lines]
    if len(lines) <= 1:
        return lines
    if is_hard_wrapped(lines):
        return reflowed(lines, raw_lines)
    long = sum(len(line) > LONG_LINE for line in lines)
    # The last line ends a sentence in verse and prose alike: only the others tell.
    ended = sum(bool(_SENTENCE_END.search(line)) for line in lines[:-1])
    if 2 * long >= len(lines) or 2 * ended >= len(lines) - 1:
        return lines
    if median(len(line) for line in lines) < SHORT_MEDIAN and all(
            not line[0].islower() for line in lines):
        return ["\n".join(lines)]
    return [" ".join(lines)]


def is_hard_wrapped(lines: list[str]) -> bool:
    width = max(len(line) for line in lines)
    if not WRAP_MIN <= width <= WRAP_MAX:
        return False
    full = full_within_sentence = early_within_sentence = 0
    for line, following in zip(lines, lines[1:], strict=False):
        early = ended_early(line, following, width)
        full += not early
        if not _SENTENCE_END.search(line):
            full_within_sentence += not early
            early_within_sentence += early
    breaks = len(lines) - 1
    if full >= WRAPPED_SHARE * breaks:
        return True
    # Short paragraphs: a line that ends a sentence says nothing either way (text of one
    # paragraph per line has nothing else), so the breaks within sentences decide.
    within = full_within_sentence + early_within_sentence
    return (full_within_sentence >= WRAPPED_SHARE * within
            and full_within_sentence >= FULL_SHARE * breaks)


def ended_early(line: str, following: str, width: int) -> bool:
    """Whether the next line's first word would have fitted on this one."""
    return len(line) + 1 + len(following.split(" ", 1)[0]) <= width


def reflowed(lines: list[str], raw_lines: list[str]) -> list[str]:
    width = max(len(line) for line in lines)
    indented = [raw[:1] in (" ", "\t") for raw in raw_lines]
    marks_paragraphs = 0 < sum(indented) < len(lines) / 2
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if paragraphs[-1] and marks_paragraphs and indented[i]:
            paragraphs.append([])
        paragraphs[-1].append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if following and ended_early(line, following, width) and _SENTENCE_END.search(line):
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]
