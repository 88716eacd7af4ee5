"""The Core issue's targets, measured: `make bench` (or `python benchmarks/store_bench.py`).

1. A durable annotation save in a library of 1,000 articles / 50,000 annotations (median;
   target 5 ms), against TinyDB's default JSONStorage inserting into one file that holds
   the same 50,000 documents (the baseline, measured in the same run).
2. `glossator add` of a generated 3 MB plain-text book (target 3 s).
3. `glossator export --all --format markdown -o DIR` of the library (target 5 s).
4. `glossator list` of the library (target 1 s).

Commands run as real processes, start-up included. The library is written in its real
format (the store's own storage class and layout) straight from generated records, so
building it takes seconds rather than 50,000 one-by-one saves. Working files go to
benchmarks/.work/ (git-ignored), rebuilt on every run.
"""

from __future__ import annotations

import random
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

from common import (  # noqa: E402
    WORK,
    Figure,
    article_body,
    glossator,
    machine,
    median_ms,
    print_figures,
    sentence,
    timed,
    timings,
)

from annotations.anchoring import select  # noqa: E402
from annotations.atomic import AtomicJSONStorage  # noqa: E402
from annotations.marking import new_annotation  # noqa: E402
from annotations.model import ACTOR, CLAIM, QUESTION, Actor, Annotation, Article  # noqa: E402
from annotations.store import SCHEMA_VERSION, Library  # noqa: E402
from reader.document.build import build_document  # noqa: E402
from reader.document.cache import CACHE_NAME, content_hash, encode_document  # noqa: E402
from reader.document.model import Document  # noqa: E402

ARTICLES = 1_000
MARKS_PER_ARTICLE = 50
ACTORS = 300
SAVES = 200
BASELINE_INSERTS = 10
BOOK_BYTES = 3 * 1024 * 1024


def random_marks(rng: random.Random, article: Article, text: str, starts: list[int],
                 actors: list[Actor]) -> list[Annotation]:
    marks = []
    for _ in range(MARKS_PER_ARTICLE):
        start = rng.randrange(0, len(text) - 80)
        selector = select(text, start, start + rng.randint(10, 80), starts)
        kind = rng.choice((CLAIM, CLAIM, ACTOR, QUESTION))
        mark = Annotation(article=article.id, kind=kind, exact=selector.exact,
                          start=selector.start, end=selector.end, prefix=selector.prefix,
                          suffix=selector.suffix, paragraph=selector.paragraph,
                          note=sentence(rng) if rng.random() < 0.5 else "", author="bench")
        if kind == ACTOR:
            mark.actor = rng.choice(actors).id
        elif kind == CLAIM and rng.random() < 0.6:
            mark.speaker = rng.choice(actors).id
        marks.append(mark)
    return marks


def build_library(folder: Path) -> list[dict]:
    """A 1,000-article, 50,000-mark library in the store's real format; every mark record."""
    rng = random.Random(2026)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "articles").mkdir(parents=True)
    actors = [Actor(name=f"{rng.choice(['Ana', 'Marcus', 'Dana', 'Kofi', 'Ines'])} "
                         f"{rng.choice(['Pereira', 'Felloway', 'Whitlock', 'Mensah'])} {i}")
              for i in range(ACTORS)]
    records, every_mark = {}, []
    for n in range(ARTICLES):
        title = f"{sentence(rng).rstrip('.')} ({n})"
        body = article_body(rng, title)
        document = build_document(body, "markdown")
        article = Article(id=f"article-{n:04d}", title=title, authors=["Orla Brennan"],
                          site="The Valley Courier", published=f"20{10 + n % 15}-0{1 + n % 9}-1{n % 10}",
                          citekey=f"brennan{n}", content_hash=content_hash(body),
                          text_hash=document.text_hash, source=f"/sources/{n}.md")
        records[article.id] = article.to_record()
        article_folder = write_article(folder, article, body, document)
        marks = random_marks(rng, article, document.text, document.paragraph_starts, actors)
        marks_table = {m.id: m.to_record() for m in marks}
        AtomicJSONStorage(article_folder / "annotations.json").write({"annotations": marks_table})
        every_mark += marks_table.values()
    AtomicJSONStorage(folder / "actors.json").write({"actors": {a.id: a.to_record() for a in actors}})
    AtomicJSONStorage(folder / "library.json").write(library_tables(records))
    return every_mark


def write_article(folder: Path, article: Article, body: str, document: Document) -> Path:
    """The article's folder in the library as the store keeps it: its Markdown body and its
    document cache, as `add` leaves them; returns the folder."""
    article_folder = folder / "articles" / article.id
    article_folder.mkdir()
    (article_folder / "body.md").write_text(body, encoding="utf-8")
    (article_folder / CACHE_NAME).write_bytes(encode_document(document, article.content_hash))
    return article_folder


def library_tables(records: dict[str, dict]) -> dict:
    """What library.json holds: the schema's version and the article records."""
    return {
        "meta": {"schema": {"version": SCHEMA_VERSION, "created": "2026-01-01T00:00:00Z"}},
        "articles": records,
    }


def bench_saves(folder: Path) -> tuple[float, float]:
    """Median ms of a durable save: in the open article, and as the first in an article."""
    from reader.document.cache import load_document

    rng = random.Random(7)
    library = Library.open(folder)
    articles = library.articles()

    def save_one(article: Article, text: str, starts: list[int]) -> float:
        start = rng.randrange(0, len(text) - 60)
        began = time.perf_counter()
        new_annotation(library, article, text, starts, start, start + 40, CLAIM,
                       note="benchmark mark")
        return time.perf_counter() - began

    current = articles[0]
    document = load_document(library, current)
    library.annotations(current.id)  # the article is open in the reader
    same_article = [save_one(current, document.text, document.paragraph_starts)
                    for _ in range(SAVES)]
    first_saves = []
    for article in rng.sample(articles[1:], SAVES):
        doc = load_document(library, article)
        first_saves.append(save_one(article, doc.text, doc.paragraph_starts))
    return median_ms(same_article), median_ms(first_saves)


def bench_baseline(every_mark: list[dict]) -> float:
    """TinyDB's default storage: one JSON file of 50,000 documents, one insert."""
    from tinydb import TinyDB

    path = WORK / "baseline.json"
    path.unlink(missing_ok=True)
    db = TinyDB(path)
    db.table("annotations").insert_multiple(every_mark)
    extra = dict(every_mark[0], note="benchmark mark")
    samples = timings(lambda: db.table("annotations").insert(extra), BASELINE_INSERTS)
    db.close()
    return median_ms(samples)


def keep_citations_as_add_does(folder: Path) -> float:
    """`add` renders an article's citations and keeps them (`keep_citations`); the library
    here is written straight from records, so do the same for all of it, in one save.
    Returns the seconds per article this costs (paid once, at add, not at every export)."""
    from annotations.citation.cache import CitationCache

    library = Library.open(folder)
    started = time.perf_counter()
    cache = CitationCache(folder)
    articles = library.articles()
    for article in articles:
        cache.prepare(article)
    cache.save()
    return (time.perf_counter() - started) / len(articles)


def bench_exports(folder: Path) -> tuple[float, float, float, float, float, int]:
    """export --all: with nothing kept, then (citations kept as `add` keeps them) first
    into a new folder, again into another, and over its own notes."""
    shutil.rmtree(WORK / "notes-cold", ignore_errors=True)
    (folder / "citations-cache.json").unlink(missing_ok=True)
    cold = glossator(folder, "export", "--all", "--format", "markdown", "-o",
                     str(WORK / "notes-cold"))
    (folder / "citations-cache.json").unlink(missing_ok=True)
    per_article = keep_citations_as_add_does(folder)  # the first render in this process
    shutil.rmtree(WORK / "notes-first", ignore_errors=True)
    shutil.rmtree(WORK / "notes-warm", ignore_errors=True)
    runs = [glossator(folder, "export", "--all", "--format", "markdown", "-o", str(WORK / name))
            for name in ("notes-first", "notes-warm", "notes-warm")]
    notes = len(list((WORK / "notes-first").glob("*.md")))
    return cold, runs[0], runs[1], runs[2], per_article, notes


def write_book(path: Path) -> None:
    rng = random.Random(3)
    parts, size = ["The Estuary Years\n\nA novel in many chapters.\n"], 0
    chapter = 0
    while size < BOOK_BYTES:
        if rng.random() < 0.02:
            chapter += 1
            parts.append(f"\nChapter {chapter}\n")
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 8)))
        # Hard-wrapped at about 72 columns, as text books usually are.
        lines, line = [], ""
        for word in paragraph.split():
            if len(line) + len(word) > 72:
                lines.append(line)
                line = ""
            line = f"{line} {word}".strip()
        lines.append(line)
        block = "\n".join(lines) + "\n"
        parts.append("\n" + block)
        size += len(block) + 1
    path.write_text("".join(parts), encoding="utf-8")


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    folder = WORK / "library"
    built, every_mark = timed(lambda: build_library(folder))
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1024 / 1024
    print(f"library: {ARTICLES} articles, {len(every_mark)} annotations, {size:.0f} MB, "
          f"built in {built:.1f} s ({folder})")

    same, first = bench_saves(folder)
    baseline = bench_baseline(every_mark)
    export_cold, export_first, export_warm, export_again, per_article, notes = (
        bench_exports(folder))
    list_first = glossator(folder, "list")
    list_s = glossator(folder, "list", runs=3)
    book = WORK / "book.txt"
    write_book(book)
    add_s = glossator(folder, "add", str(book))

    figures = [
        Figure("durable save, article already open (median)", same, "ms", 5,
               f"{baseline / same:.0f}x faster than the baseline"),
        Figure("durable save, first in an article (median)", first, "ms", None,
               f"{baseline / first:.0f}x faster than the baseline"),
        Figure("baseline: TinyDB JSONStorage insert, 50,000 docs", baseline, "ms"),
        Figure(f"glossator add, {book.stat().st_size / 1024 / 1024:.1f} MB text book", add_s, "s", 3),
        Figure(f"glossator export --all ({notes} notes), first", export_first, "s", 5,
               "(citations kept since add)"),
        Figure("glossator export --all, again into a new folder", export_warm, "s", 5),
        Figure("glossator export --all, over the last export", export_again, "s", 5),
        Figure("glossator export --all, nothing kept (cache deleted)", export_cold, "s", None,
               "(renders every citation)"),
        Figure("citations rendered and kept at add, per article", per_article * 1000, "ms"),
        Figure("glossator list, first (counts cache built)", list_first, "s", 1),
        Figure("glossator list (median of 3)", list_s, "s", 1),
    ]
    print(machine())
    print_figures(figures)


if __name__ == "__main__":
    main()
