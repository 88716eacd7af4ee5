"""Issue 10's REFI-QDA target, measured: `python benchmarks/qdpx_bench.py` (in `make bench`).

`glossator export --all --format qdpx -o FILE` of the 1,000-article, 50,000-mark bench
library (store_bench's `build_library`), as a process, start-up included: target 10 s.
Against a baseline measured in the same run: `export --all --format json` of the same
library, the other one-file export of every mark, through the same command line.

Also shown, without targets: the project written in-process with every article's body kept
(what lets an import into another library restore the articles whole), the .qde checked
against the published Project.xsd, and the project read back (checked whole, as an
import does before it writes anything). And `glossator import` of the exported project,
as a process: into the library it came from (every mark already there: found by the
article our export kept, skipped by id), and into an empty library (a thousand articles
added, fifty thousand marks placed), once each.
"""

from __future__ import annotations

import shutil
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

from common import REPO, WORK, Figure, glossator, machine, print_figures, timed  # noqa: E402
from store_bench import build_library  # noqa: E402

from annotations.interchange.refi_qda.exporting import write_project  # noqa: E402
from annotations.interchange.refi_qda.reading import read_project  # noqa: E402
from annotations.store import Library  # noqa: E402
from reader.document.cache import text_reader  # noqa: E402

XSD = REPO.parent / "shared" / "refi-qda" / "Project.xsd"


def with_bodies(folder: Path, path: Path) -> float:
    library = Library.open(folder)
    began = time.perf_counter()
    write_project(path, library.articles(), library.annotations,
                  {a.id: a for a in library.actors()}, library.codebook(), text_reader(library),
                  body_of=library.body)
    return time.perf_counter() - began


def schema_verdict(path: Path) -> str:
    if not XSD.exists():
        return "not checked (no Project.xsd beside the repository)"
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(XSD)))
    with zipfile.ZipFile(path) as archive:
        valid = schema.validate(etree.fromstring(archive.read("project.qde")))
    return "valid" if valid else f"INVALID: {schema.error_log.last_error}"


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    folder = WORK / "qdpx-library"
    built, every_mark = timed(lambda: build_library(folder))
    print(f"library: 1000 articles, {len(every_mark)} annotations, built in {built:.1f} s ({folder})")
    project = WORK / "library.qdpx"
    glossator(folder, "list")  # the counts cache, as a used library has it
    export_s = glossator(folder, "export", "--all", "--format", "qdpx", "-o", str(project), runs=3)
    baseline = glossator(folder, "export", "--all", "--format", "json", "-o",
                         str(WORK / "library.json"), runs=3)
    size = project.stat().st_size / 1024 / 1024
    kept = WORK / "library-with-bodies.qdpx"
    bodies_s = with_bodies(folder, kept)
    read_s, read = timed(lambda: read_project(kept))
    selections = sum(len(s.selections) for s in read.sources)
    again_s = glossator(folder, "import", str(project))
    empty = WORK / "qdpx-import-library"
    shutil.rmtree(empty, ignore_errors=True)
    into_empty_s = glossator(empty, "import", str(project))
    shutil.rmtree(empty, ignore_errors=True)

    figures = [
        Figure(f"export --all --format qdpx ({size:.1f} MB, median of 3)", export_s, "s", 10,
               f"{export_s / baseline:.2f}x the baseline"),
        Figure("baseline: export --all --format json (median of 3)", baseline, "s"),
        Figure("write_project in-process, bodies kept", bodies_s, "s", None,
               f"({kept.stat().st_size / 1024 / 1024:.1f} MB)"),
        Figure(f"read_project of it, checked whole ({selections} selections)", read_s, "s"),
        Figure("glossator import of the export, into its own library (all duplicates)", again_s,
               "s", None, f"{again_s / baseline:.2f}x the baseline"),
        Figure("glossator import of the export, into an empty library", into_empty_s, "s", None,
               f"{into_empty_s / baseline:.2f}x the baseline"),
    ]
    print(machine())
    print_figures(figures)
    print(f"  project.qde against Project.xsd: {schema_verdict(kept)}")


if __name__ == "__main__":
    main()
