"""Start-up stays light: opening the reader imports nothing it does not need yet."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("trafilatura", "citeproc", "lxml", "pysbd", "markdown_it", "yaml", "bibtexparser",
         "htmldate", "courlan", "justext", "pyperclip", "urllib3",
         # the second wave: document readers, the matcher, the index, sync, agreement
         "pypdfium2", "pypdfium2_raw", "mammoth", "markdownify", "bs4", "pylatexenc",
         "rapidfuzz", "edlib", "sqlite3", "krippendorff", "numpy", "jsonschema", "zipfile",
         "filelock")
# (subprocess is not listed: asyncio, which Textual runs on, imports it.)
OURS_LOADED_LATER = ("reader.importing.pdf", "reader.importing.epub", "reader.importing.docx",
                     "reader.importing.pasted", "reader.document.pages", "reader.document.chapters")
"""Our own modules for one kind of source: imported when such a source is read."""


def imported_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_reader_starts_without_heavy_imports():
    modules = imported_after(
        "import reader.cli, reader.app, reader.screens.reader, reader.screens.library"
    )
    assert "textual.app" in modules  # the probe did import the reader
    assert not {m for m in modules if m.split(".")[0] in HEAVY}
    assert not {m for m in modules if m.startswith(OURS_LOADED_LATER)}


def test_the_domain_library_imports_without_textual_or_reader():
    modules = imported_after(
        "import annotations.store, annotations.export.markdown, annotations.citation.render, "
        "annotations.clipboard, annotations.marking"
    )
    assert not {m for m in modules if m.split(".")[0] in ("textual", "reader", "citeproc")}
