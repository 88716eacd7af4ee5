"""The demo library `make run` opens: the bundled sample article, a few marks made."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from annotations.store import Library

SAMPLE_NAME = "harbour-dredging.md"

# (kind, quote, speaker, note): marks a researcher might make on a first read.
SAMPLE_MARKS = (
    ("actor", "Helen Achterberg", "", ""),
    ("claim", "pay for itself within\neight years", "Helen Achterberg",
     "Depends entirely on the Meridian traffic forecast."),
    ("claim", "the dredging would create 420 permanent jobs", "Helen Achterberg",
     "Source: Meridian report. Ask for the breakdown."),
    ("actor", "Priya Raman", "", ""),
    ("question", "Has a marine licence for disposal at sea been applied for", "", ""),
)


def sample_path() -> Path:
    return Path(str(files("reader.demo") / SAMPLE_NAME))


def ensure_demo_library(folder: Path) -> Library:
    """Create the demo library in `folder` once; later runs leave the reader's marks alone."""
    from annotations.anchoring import choose_occurrence, find_quote
    from annotations.marking import new_annotation
    from reader.cli.adding import add_source
    from reader.document.cache import load_document

    library = Library.open(folder)
    if library.articles():
        return library
    article = add_source(library, str(sample_path())).article
    document = load_document(library, article)
    for kind, quote, speaker, note in SAMPLE_MARKS:
        start, end = choose_occurrence(find_quote(document.text, quote), quote, None, article.id)
        new_annotation(library, article, document.text, document.places, start, end,
                       kind, note=note, speaker=speaker)
    return library
