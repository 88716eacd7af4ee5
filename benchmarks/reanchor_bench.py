"""Re-anchoring benchmark (issue 9, point 4): a War-and-Peace-sized book, 10,000 marks,
1% of its words edited at random; every mark found again in ≤ 2 s, against a naive
baseline measured in the same run (one fuzzy search over the whole text per mark).

The book is generated, not pasted: prose from an invented vocabulary of 30,000 words drawn
with a Zipf-like law (as words in real prose are: a few very common, most rare), in
sentences and paragraphs, with chapter headings. Marks are made as a reader makes them,
on whole words: a name or a phrase (2-6 words), a sentence, or a few sentences. The edits
replace, delete or insert single words, and the benchmark keeps track of where every
untouched word went, so it can say whether each mark landed where its words now are.

A second, smaller run uses a 39-word vocabulary: the same phrases then occur dozens of
times, sentences repeat, and a random stretch resembles any quote, so every step has more
to choose from and fuzzy scores of wrong places rise towards the bar (its figures have no
target; they show what repetitive text costs).

Run: .venv/bin/python benchmarks/reanchor_bench.py   (about a minute)
"""

from __future__ import annotations

import bisect
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

from common import WORDS, WORK, Figure, machine, print_figures, run_glossator, timed  # noqa: E402

from annotations.matching import Found, Quote, find_again, find_all_again  # noqa: E402
from annotations.matching.edits import best_spans  # noqa: E402
from annotations.matching.fuzzy import best_candidate  # noqa: E402
from annotations.matching.offsets import OffsetMap  # noqa: E402
from annotations.matching.scoring import (  # noqa: E402
    MIN_CONTEXT,
    MIN_FUZZY_SCORE,
    SHORT_QUOTE,
    match_score,
    max_errors,
)

BOOK_CODE_POINTS = 3_200_000  # War and Peace in English, as plain text
REFRESH_RUNS = 3
MARKS = 10_000
EDITED_WORDS = 0.01
BASELINE_SAMPLE = 60
FOREIGN_QUOTES = 40
RUNS = 3
SMALL_VOCABULARY = WORDS  # the bench library's 39 words
SYLLABLES = ("ka lo mi ren sta vor el un tha bri col dun fe gar ho is jen ku lem nor ost pri "
             "qua ru sel tor ul ve wen yar zo ash ber cin dra fal gon hul ith").split()


# The book

def invented_vocabulary(rng: random.Random, size: int) -> list[str]:
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Prose:
    """Words drawn with a Zipf-like law (the n-th commonest word has weight 1/n^1.05)."""

    def __init__(self, rng: random.Random, vocabulary: list[str]) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        total, self.cumulative = 0.0, []
        for rank in range(1, len(vocabulary) + 1):
            total += 1 / rank**1.05
            self.cumulative.append(total)

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)

    def sentence(self) -> str:
        words = self.words(self.rng.randint(5, 28))
        for n in range(3, len(words) - 2, 7):
            if self.rng.random() < 0.4:
                words[n] += ","
        return " ".join(words).capitalize() + self.rng.choice("........?!;")

    def book(self, size: int) -> str:
        parts, length, chapter = ["The Estuary Years\n\n"], 0, 0
        while length < size:
            if self.rng.random() < 0.01:
                chapter += 1
                parts.append(f"Chapter {chapter}\n\n")
            paragraph = " ".join(self.sentence() for _ in range(self.rng.randint(1, 9))) + "\n\n"
            parts.append(paragraph)
            length += len(paragraph)
        return "".join(parts).rstrip() + "\n"


# The marks and the edits

def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


def random_marks(rng: random.Random, text: str, count: int) -> list[Quote]:
    """Marks on whole words: a name or phrase, a sentence or so, or a few sentences."""
    words = word_spans(text)
    marks = []
    for _ in range(count):
        first = rng.randrange(len(words) - 80)
        length = rng.choice((rng.randint(2, 6), rng.randint(2, 6), rng.randint(8, 30),
                             rng.randint(8, 30), rng.randint(30, 70)))
        start, end = words[first][0], words[first + length - 1][1]
        marks.append(Quote.at(text, start, end))
    return marks


@dataclass
class Edited:
    text: str
    kept_from: list[int]
    """Old offsets where stretches of untouched text start (with `kept_to`, `kept_length`)."""
    kept_to: list[int]
    kept_length: list[int]
    edits: int

    def where(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the old span is now, if no edit touched it."""
        i = bisect.bisect_right(self.kept_from, start) - 1
        if i < 0 or end > self.kept_from[i] + self.kept_length[i]:
            return None
        shift = self.kept_to[i] - self.kept_from[i]
        return start + shift, end + shift


def edit_words(rng: random.Random, text: str, prose: Prose, rate: float) -> Edited:
    """`rate` of the words replaced, deleted, or followed by an inserted word, at random;
    remembers where every untouched stretch went."""
    parts = re.split(r"(\s+)", text)
    out: list[str] = []
    kept_from: list[int] = []
    kept_to: list[int] = []
    kept_length: list[int] = []
    old = new = edits = 0

    def keep(piece: str) -> None:
        if kept_from and kept_from[-1] + kept_length[-1] == old and kept_to[-1] + kept_length[-1] == new:
            kept_length[-1] += len(piece)
        else:
            kept_from.append(old)
            kept_to.append(new)
            kept_length.append(len(piece))

    for piece in parts:
        change = piece and not piece.isspace() and rng.random() < rate
        if not change:
            keep(piece)
            out.append(piece)
            new += len(piece)
        else:
            edits += 1
            kind = rng.random()
            if kind < 1 / 3:
                replacement = prose.words(1)[0]
            elif kind < 2 / 3:
                replacement = ""
            else:
                keep(piece)  # the word stays; one is inserted after it
                out.append(piece)
                new += len(piece)
                old += len(piece)
                piece, replacement = "", " " + prose.words(1)[0]
            out.append(replacement)
            new += len(replacement)
        old += len(piece)
    return Edited("".join(out), kept_from, kept_to, kept_length, edits)


# Measuring

def naive_find(text: str, quote: Quote) -> tuple[int, int, float] | None:
    """The baseline: one fuzzy search over the whole text (edlib, min(256, len/2) edits),
    its candidates scored as Hypothesis scores them."""
    errors, spans = best_spans(quote.exact, text, max_errors(quote.exact))
    scored = [(match_score(text, s, e, errors, quote, quote.start).total, s, e) for s, e in spans[:16]]
    if not scored:
        return None
    score, start, end = max(scored)
    return start, end, score


def outcome_line(found: list[Found]) -> str:
    counts = Counter(f.outcome for f in found)
    fuzzy = [f.score for f in found if f.outcome == "fuzzy"]
    lowest = f" (lowest {min(fuzzy):.2f})" if fuzzy else ""
    return (f"{counts['kept']} kept, {counts['moved']} moved, {counts['fuzzy']} fuzzy{lowest}, "
            f"{counts['orphaned']} orphaned")


def landing(edited: Edited, quotes: list[Quote], found: list[Found]) -> tuple[int, int, int, int]:
    """(marks whose words no edit touched, of them found exactly where they went,
    marks with an edited word, of them found overlapping where their words went)."""
    intact = right = touched = near = 0
    for quote, result in zip(quotes, found, strict=True):
        expected = edited.where(quote.start, quote.end)
        if expected is not None:
            intact += 1
            right += result.found and result.span == expected
        else:
            touched += 1
            lo = edited.where(quote.start, quote.start + 1)
            hi = edited.where(quote.end - 1, quote.end)
            first = lo[0] if lo else None
            last = hi[1] if hi else None
            if result.found and (first is None or result.start < (last or first + len(quote.exact))) \
                    and (last is None or result.end > (first or last - len(quote.exact))):
                near += 1
    return intact, right, touched, near


def rewritten_pages(text: str, prose: Prose, count: int) -> str:
    """What happens to marks on a page that was rewritten: quotes (with surroundings)
    from other prose of the same vocabulary, looked for in `text` as one mark is. They
    should all be orphaned; a tiny vocabulary shows why the surroundings must agree."""
    other = prose.book(40_000)
    quotes = random_marks(prose.rng, other, count)
    outcomes: Counter[str] = Counter()
    best = 0.0
    for quote in quotes:
        outcomes[find_again(text, quote, min(quote.start, len(text) - 1)).outcome] += 1
        candidate = best_candidate(text, quote, min(quote.start, len(text) - 1))
        best = max(best, candidate.score if candidate else 0.0)
    words = ", ".join(f"{n} {outcome}" for outcome, n in outcomes.most_common())
    return (f"{count} marks on a rewritten page: {words} (best fuzzy score anywhere {best:.2f}; "
            f"bar {MIN_FUZZY_SCORE}, and {MIN_CONTEXT} for the surroundings of quotes under "
            f"{SHORT_QUOTE} code points)")


def scenario(name: str, vocabulary: list[str], size: int, marks: int, runs: int,
             seed: int) -> tuple[list[Figure], list[str]]:
    rng = random.Random(seed)
    prose = Prose(rng, vocabulary)
    old = prose.book(size)
    quotes = random_marks(rng, old, marks)
    edited = edit_words(rng, old, prose, EDITED_WORDS)
    new = edited.text

    seconds, found = timed(lambda: find_all_again(new, quotes, old_text=old), runs)
    diff_seconds, _ = timed(lambda: OffsetMap.between(old, new), runs)
    alone_seconds, alone = timed(lambda: find_all_again(new, quotes), 1)
    intact, right, touched, near = landing(edited, quotes, found)

    sample = random.Random(seed + 1).sample(range(len(quotes)), BASELINE_SAMPLE)
    began = time.perf_counter()
    naive = [naive_find(new, quotes[n]) for n in sample]
    per_mark = (time.perf_counter() - began) / len(sample)
    baseline = per_mark * len(quotes)
    agree = sum(1 for n, result in zip(sample, naive, strict=True)
                if result is not None and found[n].found and (result[0], result[1]) == found[n].span)

    figures = [
        Figure(f"re-anchor {len(quotes):,} marks, old text known", seconds, "s",
               2 if name == "zipf" else None, f"{baseline / seconds:,.0f}x faster than the baseline"),
        Figure("  of which the diff of the two texts", diff_seconds, "s"),
        Figure(f"baseline: whole-text fuzzy search per mark (x{len(quotes):,})", baseline, "s", None,
               f"({per_mark * 1000:.0f} ms a mark, measured on {len(sample)}, extrapolated)"),
        Figure("re-anchor, old text unknown (import)", alone_seconds, "s", None,
               f"{baseline / alone_seconds:,.0f}x faster than the baseline"),
    ]
    notes = [
        f"book: {len(old) / 1e6:.1f} M code points, {len(vocabulary):,}-word vocabulary, "
        f"{edited.edits:,} words edited ({EDITED_WORDS:.0%})",
        f"outcomes: {outcome_line(found)}",
        f"outcomes, old text unknown: {outcome_line(alone)}",
        f"landed: {right:,} of {intact:,} untouched marks exactly where their words went; "
        f"{near:,} of {touched:,} edited marks on their words' new place",
        f"baseline agrees on {agree} of {len(sample)} sampled marks",
        rewritten_pages(new, prose, FOREIGN_QUOTES),
    ]
    if name == "zipf":
        # The worst refresh: the source now serves another book altogether.
        other = prose.book(size)
        replaced_seconds, replaced = timed(lambda: find_all_again(other, quotes, old_text=old), 1)
        figures.append(Figure("re-anchor after the book was replaced by another", replaced_seconds, "s",
                              None, "(every mark searched for and, but by chance, orphaned)"))
        notes.append(f"outcomes, book replaced: {outcome_line(replaced)}")
    return figures, notes


def whole_refresh(vocabulary: list[str], seed: int) -> tuple[list[Figure], list[str]]:
    """`glossator refresh` as a process: the book in a library with 10,000 marks, its file
    edited (1% of words), read again, the old body kept as a version, every mark found
    again and saved."""
    import resource
    import shutil

    from annotations.anchoring import select
    from annotations.model import Annotation
    from annotations.store import Library
    from reader.cli.adding import add_source
    from reader.document.cache import load_document

    work = WORK / "refresh"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rng = random.Random(seed)
    prose = Prose(rng, vocabulary)
    book = work / "book.txt"
    book.write_text(prose.book(BOOK_CODE_POINTS), encoding="utf-8")
    library = Library.open(work / "library")
    article = add_source(library, str(book)).article
    document = load_document(library, article)
    marks = []
    for quote in random_marks(rng, document.text, MARKS):
        selector = select(document.text, quote.start, quote.end, document.places)
        marks.append(Annotation(article=article.id, kind="claim", exact=selector.exact,
                                start=selector.start, end=selector.end, prefix=selector.prefix,
                                suffix=selector.suffix, paragraph=selector.paragraph))
    library.save_annotations(article.id, marks)
    edited = edit_words(rng, book.read_text(encoding="utf-8"), prose, EDITED_WORDS)
    book.write_text(edited.text, encoding="utf-8")
    samples, cpu, said = [], [], ""
    for run in range(REFRESH_RUNS):  # each on its own copy of the library as it was
        copy = work / f"library-{run}"
        shutil.copytree(work / "library", copy)
        os.sync()  # the copy on disk first: its write-back is not the refresh's time
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds, said = run_glossator(copy, "refresh", article.id)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        samples.append(seconds)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return ([Figure(f"glossator refresh, {MARKS:,} marks, whole process (median of "
                    f"{REFRESH_RUNS})", statistics.median(samples), "s", 2,
                    "(read the file, parse, keep the version, re-anchor, save)")],
            [f"refresh said: {said.strip()}",
             "refresh runs: " + ", ".join(f"{s:.2f} s" for s in samples)
             + "; CPU seconds of each (what other work on the machine blurs least): "
             + ", ".join(f"{s:.2f}" for s in cpu)])


def main() -> None:
    rng = random.Random(2026)
    vocabulary = invented_vocabulary(rng, 30_000)
    figures, notes = scenario("zipf", vocabulary, BOOK_CODE_POINTS, MARKS, RUNS, 9)
    refresh_figures, refresh_notes = whole_refresh(vocabulary, 13)
    figures += refresh_figures
    notes += refresh_notes
    small_figures, small_notes = scenario("small", SMALL_VOCABULARY, BOOK_CODE_POINTS // 4,
                                          MARKS // 4, 1, 11)
    print(machine())
    print("War-and-Peace-sized book, Zipf vocabulary:")
    print_figures(figures)
    for note in notes:
        print(f"  {note}")
    print("A quarter of the book, a quarter of the marks, 39-word vocabulary (harder; no target):")
    print_figures(small_figures)
    for note in small_notes:
        print(f"  {note}")


if __name__ == "__main__":
    main()
