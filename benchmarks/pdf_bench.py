"""Issue 8's PDF target, measured: `make bench` (or `python benchmarks/pdf_bench.py`).

A generated 300-page journal volume is imported: two columns drawn line by line across
the page (the harder case: PDFium runs each left line and right line together, and
every such line is cut at the gutter), a running head with the journal's page number, a
page number in the footer, headings, hyphenated words and footnotes.

1. `import_pdf` alone, median of 3 (target 3 s), its processor time, and pages per
   second;
2. `glossator add` of it as a process: start-up, the document build and the store too;
3. `pdftotext -layout` (poppler-utils) on the same file in the same run, when it is on
   the PATH: the baseline, and the ratio against it.

Working files go to benchmarks/.work/ (git-ignored), rebuilt on every run.
"""

from __future__ import annotations

import gc
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

import common  # noqa: E402
from common import WORK, glossator, print_figures, sentence, timings  # noqa: E402

from reader.importing.pdf import import_pdf  # noqa: E402
from tests.helpers.pdfs import Item, PdfBook  # noqa: E402

PAGES = 300
TARGET_SECONDS = 3.0
RUNS = 3

WORDS = (
    "harbour council forecast dredging auditor licence ferry sub|sidy tram reservoir "
    "capacity figure report spokes|person budget vote minister island crossing contract "
    "passengers winter channel tonnes cargo review estimate disposal trust fishermen "
    "consul|tants deficit timetable hospital league regional authority extension sediment "
    "estuary engineers plume tidal state-of-the-art infra|structure operators"
).split()


class Figure(common.Figure):
    NAME_WIDTH = 44  # narrower names, and room for "p/s"
    UNIT_WIDTH = 4


def build_volume(path: Path, interleave: bool, pages: int) -> int:
    """A two-column journal issue of about `pages` pages; returns the pages it has. Its words
    are WORDS, their hyphenation points marked with `|`."""
    rng = random.Random(2026)
    book = PdfBook(columns=2, interleave=interleave, size=9.5, leading=11.5,
                   header=lambda p: f"Journal of Estuary Studies 12 (2024) {46 + p}",
                   footer=lambda p: str(46 + p))
    book.top_block = [Item("heading", "Dredging the estuary: a volume of studies", 16, "Times-Bold")]
    section = 0
    # About 6.75 paragraphs of 4 to 7 sentences (and their footnotes) fill a page of two
    # 9.5 pt columns.
    for number in range(int(pages * 6.75)):
        if number % 20 == 0:
            section += 1
            book.heading(f"{section} {sentence(rng, WORDS).rstrip('.')[:40]}", 12)
        note = sentence(rng, WORDS) if number % 13 == 5 else ""
        book.paragraph(" ".join(sentence(rng, WORDS) for _ in range(rng.randint(4, 7))), footnote=note)
    return len(book.save(path).lines)


def median_seconds(action, clock=time.perf_counter) -> float:
    gc.collect()  # the typesetter's garbage is not the importer's to pay for
    return statistics.median(timings(action, RUNS, clock))


def glossator_add(library: Path, source: Path) -> float:
    shutil.rmtree(library, ignore_errors=True)
    return glossator(library, "add", str(source))


def _processor_time() -> float:
    """This process's processor time and its finished children's: a long PDF's pages are
    read by worker processes (reader/importing/pdf/extract.py)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def pdftotext_seconds(source: Path) -> float | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    return median_seconds(lambda: subprocess.run([tool, "-layout", str(source), "-"],
                                                 capture_output=True, check=True))


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    source = WORK / "volume.pdf"
    began = time.perf_counter()
    pages = build_volume(source, interleave=True, pages=PAGES)
    print(f"built {source.name}: {pages} pages, {source.stat().st_size / 1e6:.1f} MB, "
          f"in {time.perf_counter() - began:.1f} s")
    seconds = median_seconds(lambda: import_pdf(source))
    # The processor time too: on a shared machine the wall clock counts others' work.
    cpu = median_seconds(lambda: import_pdf(source), clock=_processor_time)
    figures = [
        Figure(f"import_pdf, {pages} pages (median of {RUNS})", seconds, "s", TARGET_SECONDS),
        Figure("  processor time, the readers of its pages included", cpu, "s"),
        Figure("pages per second", pages / seconds, "p/s"),
        Figure("glossator add, whole process", glossator_add(WORK / "pdf-library", source), "s"),
    ]
    baseline = pdftotext_seconds(source)
    if baseline is None:
        figures.append(Figure("pdftotext baseline", float("nan"), "s",
                              note="(not installed: apt-get install poppler-utils)"))
    else:
        figures.append(Figure(f"pdftotext -layout (median of {RUNS})", baseline, "s"))
        figures.append(Figure("ratio import_pdf / pdftotext", seconds / baseline, "x"))
    print("PDF import (issue 8):")
    print_figures(figures)


if __name__ == "__main__":
    main()
