"""Issue 10's vault target, measured: `python benchmarks/vault_bench.py` (part of `make bench`).

`glossator export --all --format vault -o DIR` of the 1,000-article, 50,000-mark bench
library (store_bench's `build_library`, with citations kept as `add` keeps them), as a
process, start-up included: first into a new folder, then again over that export (every
page read back, its My notes region kept, unchanged pages left alone), then over it with
the reader's notes in every page and one mark changed in each article since the last
export. Target ≤ 10 s each; each figure is the median of 3 runs (the machine is shared).
The baseline, measured in the same run, is the Markdown export of the same articles
(`--format markdown`): the vault is that plus actor pages, Index, Questions and Claims,
and every page read back over an earlier export.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

from common import WORK, Figure, glossator, machine, print_figures  # noqa: E402
from store_bench import build_library, keep_citations_as_add_does  # noqa: E402

from annotations.export.markdown import MY_NOTES_END, MY_NOTES_START  # noqa: E402
from annotations.store import Library  # noqa: E402

TARGET_S = 10
RUNS = 3


def export(folder: Path, fmt: str, out: Path) -> float:
    return glossator(folder, "export", "--all", "--format", fmt, "-o", str(out))


def write_notes_everywhere(vault: Path) -> int:
    """The reader's own lines in every page's My notes region; how many pages."""
    pages = list(vault.rglob("*.md"))
    for page in pages:
        text = page.read_text("utf-8")
        start = text.index(MY_NOTES_START) + len(MY_NOTES_START)
        notes = f"\n## My notes\n\nRead again on Monday: {page.stem}.\n\n"
        page.write_text(text[:start] + notes + text[text.rindex(MY_NOTES_END):], "utf-8")
    return len(pages)


def change_a_mark_in_every_article(folder: Path, round_: int) -> None:
    library = Library.open(folder)
    for article in library.articles():
        first = library.annotations(article.id)[0]
        first.note = f"Checked against the minutes ({round_})."
        library.save_annotation(first)


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    folder = WORK / "vault-library"
    marks = len(build_library(folder))
    keep_citations_as_add_does(folder)
    vaults = [WORK / f"vault-{n}" for n in range(RUNS)]
    baselines = [WORK / f"vault-baseline-notes-{n}" for n in range(RUNS)]
    for out in (*vaults, *baselines):
        shutil.rmtree(out, ignore_errors=True)

    baseline = statistics.median([export(folder, "markdown", out) for out in baselines])
    first = statistics.median([export(folder, "vault", out) for out in vaults])
    vault = vaults[0]
    files = list(vault.rglob("*.md"))
    size = sum(p.stat().st_size for p in files) / 1024 / 1024
    again = statistics.median([export(folder, "vault", vault) for _ in range(RUNS)])
    pages = write_notes_everywhere(vault)
    rounds = []
    for round_ in range(RUNS):
        change_a_mark_in_every_article(folder, round_)
        rounds.append(export(folder, "vault", vault))
    changed = statistics.median(rounds)

    print(f"library: 1,000 articles, {marks:,} annotations; vault: {len(files):,} pages, "
          f"{size:.0f} MB ({vault})")
    print(machine())
    figures = [
        Figure("export --format vault, first", first, "s", TARGET_S,
               f"{first / baseline:.1f}x the Markdown export"),
        Figure("export --format vault, over the earlier export", again, "s", TARGET_S,
               f"{again / baseline:.1f}x the Markdown export"),
        Figure(f"  … over it, notes in all {pages:,} pages, marks changed", changed, "s",
               TARGET_S, f"{changed / baseline:.1f}x the Markdown export"),
        Figure("baseline: export --format markdown, same articles", baseline, "s"),
    ]
    print_figures(figures)
    for out in (*vaults[1:], *baselines):  # vault-0 stays, to look at
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
