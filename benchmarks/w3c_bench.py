"""Issue 10's import target, measured: `make bench` (or `python benchmarks/w3c_bench.py`).

`glossator import` of 10,000 W3C annotations from another tool (no glossator keys, so
every one goes through matching, anchoring and the duplicate rule) into 5 generated
articles of about 150 KB each (target 5 s). Of the annotations, about 70% quote their
words exactly at the right offsets, 15% exactly but with offsets of another text (a
hint that misses, as another tool's positions do), 12% with a word or two changed (the
fuzzy matcher), and 3% quote words the article does not have (orphans).

Also timed: the same 10,000 as a Hypothesis export (UTF-16 positions, the astral
characters sprinkled in the text making the conversion matter), importing the W3C file
a second time (every annotation a duplicate), and, as the baseline measured in the same
run, `glossator list` on the same library: what starting the program costs.

Commands run as real processes, start-up included. The library is written in the store's
real format straight from generated records (as benchmarks/store_bench.py does); working
files go to benchmarks/.work/ (git-ignored), rebuilt on every run.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

import common  # noqa: E402
from common import WORDS, Figure, machine, print_figures, run_glossator  # noqa: E402
from store_bench import library_tables, write_article  # noqa: E402

from annotations.atomic import AtomicJSONStorage  # noqa: E402
from annotations.model import Article  # noqa: E402
from reader.document.build import build_document  # noqa: E402
from reader.document.cache import content_hash  # noqa: E402

WORK = common.WORK / "w3c"
ARTICLES = 5
PARAGRAPHS = 170
ANNOTATIONS = 10_000
TARGET_S = 5.0
EXTRA = ["🚋", "𠀋", "港", "é"]
"""Sprinkled into the text: two beyond the BMP (two UTF-16 units each), two within."""


def sentence(rng: random.Random) -> str:
    """The bench library's sentences (common.sentence), some with an EXTRA character."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(EXTRA))
    return " ".join(words).capitalize() + "."


def article_body(rng: random.Random, title: str) -> str:
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(3, 7))) for _ in range(PARAGRAPHS)]
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def build_library(folder: Path) -> dict[str, str]:
    """The articles in the store's real format; their address → text."""
    rng = random.Random(10)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "articles").mkdir(parents=True)
    records, texts = {}, {}
    for n in range(ARTICLES):
        title = f"Harbour report {n}"
        body = article_body(rng, title)
        document = build_document(body, "markdown")
        url = f"https://bench.example/reports/{n}"
        article = Article(id=f"report-{n}", title=title, url=url, content_hash=content_hash(body),
                          text_hash=document.text_hash, source=url)
        records[article.id] = article.to_record()
        write_article(folder, article, body, document)
        texts[url] = document.text
    AtomicJSONStorage(folder / "library.json").write(library_tables(records))
    return texts


def changed(rng: random.Random, quote: str) -> str:
    """`quote` with a word or two changed, as a later edit of the page would."""
    words = quote.split(" ")
    for _ in range(rng.choice((1, 1, 2))):
        i = rng.randrange(len(words))
        words[i] = words[i][:-1] + "x" if len(words[i]) > 3 else rng.choice(WORDS)
    return " ".join(words)


def annotations(texts: dict[str, str]) -> list[dict]:
    """(source, quote, prefix, suffix, start, end) of every annotation, in code points."""
    rng = random.Random(11)
    made = []
    urls = list(texts)
    for n in range(ANNOTATIONS):
        url = urls[n % len(urls)]
        text = texts[url]
        start = rng.randrange(0, len(text) - 120)
        while text[start - 1:start].isalnum():
            start += 1
        end = start + rng.randint(20, 90)
        while end < len(text) and text[end - 1:end].isalnum():
            end += 1
        quote, prefix, suffix = text[start:end], text[max(0, start - 32):start], text[end:end + 32]
        roll = rng.random()
        if roll < 0.15:
            start, end = start + rng.randint(-400, 400), end  # another text's offsets
            start = max(0, start)
            end = start + len(quote)
        elif roll < 0.27:
            quote = changed(rng, quote)
        elif roll < 0.30:
            quote = " ".join(rng.choice(WORDS) for _ in range(8)) + " none of this was written"
            prefix = suffix = ""
        made.append({"url": url, "quote": quote, "prefix": prefix, "suffix": suffix,
                     "start": start, "end": start + len(quote), "n": n})
    return made


TAGS = ("claim", "question", "harbour")


def w3c_file(path: Path, made: list[dict]) -> None:
    items = [{
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"https://annotations.example.org/bench/{a['n']}", "type": "Annotation",
        "motivation": "commenting", "created": "2026-02-01T12:00:00Z",
        "body": [{"type": "TextualBody", "value": f"Note {a['n']}", "format": "text/plain"},
                 {"type": "TextualBody", "purpose": "tagging", "value": TAGS[a["n"] % 3]}],
        "target": {"source": a["url"], "selector": [
            quote_selector(a), {"type": "TextPositionSelector", "start": a["start"], "end": a["end"]}]},
    } for a in made]
    path.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x-bench:page",
                                "type": "AnnotationPage", "items": items}), encoding="utf-8")


def hypothesis_file(path: Path, made: list[dict], texts: dict[str, str]) -> None:
    def units(text: str, index: int) -> int:
        return len(text[:index].encode("utf-16-le")) // 2

    rows = [{
        "id": f"bench{a['n']:05d}", "created": "2026-03-01T10:15:30.123456+00:00",
        "updated": "2026-03-01T10:15:30.123456+00:00", "user": "acct:bench@hypothes.is", "uri": a["url"],
        "text": f"Note {a['n']}", "tags": [TAGS[a["n"] % 3]],
        "target": [{"source": a["url"], "selector": [
            {"type": "TextPositionSelector", "start": units(texts[a["url"]], a["start"]),
             "end": units(texts[a["url"]], a["end"])},
            quote_selector(a)]}],
        "document": {"title": ["Harbour report"]},
    } for a in made]
    export = {"export_date": "2026-03-02T08:00:00Z", "export_userid": "acct:bench@hypothes.is",
              "client_version": "1.1530.0", "annotations": rows}
    path.write_text(json.dumps(export), encoding="utf-8")


def quote_selector(a: dict) -> dict:
    return {"type": "TextQuoteSelector", "exact": a["quote"], "prefix": a["prefix"], "suffix": a["suffix"]}


def glossator(folder: Path, *args: str, runs: int = 1) -> tuple[float, str]:
    """Seconds for `glossator --library FOLDER ARGS` as a process (median of `runs`), and
    its first line of output."""
    done = [run_glossator(folder, *args) for _ in range(runs)]
    out = done[-1][1]
    return statistics.median(took for took, _ in done), out.splitlines()[0] if out else ""


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    folder = WORK / "library"
    texts = build_library(folder)
    made = annotations(texts)
    w3c_path, hypothesis_path = WORK / "annotations.jsonld", WORK / "hypothesis.json"
    w3c_file(w3c_path, made)
    hypothesis_file(hypothesis_path, made, texts)
    size = sum(len(t) for t in texts.values()) / 1024
    print(f"library: {ARTICLES} articles, {size:.0f} K code points of text; {ANNOTATIONS} annotations, "
          f"W3C file {w3c_path.stat().st_size / 1024 / 1024:.1f} MB ({WORK})")

    baseline, _ = glossator(folder, "list", runs=3)
    w3c_s, w3c_report = glossator(folder, "import", str(w3c_path))
    again_s, again_report = glossator(folder, "import", str(w3c_path))
    build_library(folder)
    hypothesis_s, hypothesis_report = glossator(folder, "import", str(hypothesis_path))

    figures = [
        Figure(f"glossator import, {ANNOTATIONS:,} W3C annotations", w3c_s, "s", TARGET_S,
               f"{w3c_s / baseline:.1f}x the baseline"),
        Figure(f"glossator import, {ANNOTATIONS:,} as a Hypothesis export", hypothesis_s, "s", TARGET_S,
               f"{hypothesis_s / baseline:.1f}x the baseline"),
        Figure("glossator import of the W3C file again (all duplicates)", again_s, "s", None,
               f"{again_s / baseline:.1f}x the baseline"),
        Figure("baseline: glossator list, same library (median of 3)", baseline, "s"),
    ]
    print(machine())
    print_figures(figures)
    for name, line in (("W3C", w3c_report), ("Hypothesis", hypothesis_report), ("again", again_report)):
        print(f"  {name}: {line}")


if __name__ == "__main__":
    main()
