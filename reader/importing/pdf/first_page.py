"""What page 1 shows about the work when its metadata does not say: the title, set
in the largest type, and the DOI printed on it."""

from __future__ import annotations

from reader.importing.pdf.cleaning import folded
from reader.importing.pdf.hyphens import Vocabulary, glue
from reader.importing.pdf.lines import Line
from reader.importing.pdf.metadata import find_doi
from reader.importing.pdf.reading_order import Flow
from reader.importing.pdf.styles import Styles

_SAME_SIZE = 0.03
_MAX_TITLE_CHARS = 300


def title_on_page(flows: list[Flow], styles: Styles, words: Vocabulary) -> str:
    """The run of lines in page 1's largest type, when that is larger than the body's
    (`flows` of readable lines, as cleaning.readable_page makes them)."""
    lines = [line for flow in flows for line in flow.lines if _has_words(line)]
    if not lines:
        return ""
    largest = max(line.size for line in lines)
    if largest < styles.body * 1.15:
        return ""
    run: list[str] = []
    for line in lines:
        if abs(line.size - largest) <= _SAME_SIZE * largest:
            run.append(line.text)
        elif run:
            break
    title = run[0]
    for text in run[1:]:
        between = glue(title, text, words)
        title = title[:len(title) - between.drop] + between.text + text
    return title if len(title) <= _MAX_TITLE_CHARS else ""


def doi_on_page(lines: list[Line]) -> str:
    """The first DOI printed on the page, running heads included (journals put it there)."""
    for line in sorted(lines, key=lambda ln: -ln.y):
        doi = find_doi(folded(line.text))
        if doi:
            return doi
    return ""


def _has_words(line: Line) -> bool:
    return sum(c.isalpha() for c in line.text) >= 2
