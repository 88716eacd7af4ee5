"""A separate writer process for the crash and concurrency tests.

    python -m tests.helpers.writer LIBRARY mark COUNT SEED   mark COUNT random spans (-1: forever)
    python -m tests.helpers.writer LIBRARY hold SECONDS       hold the library lock, then let go

`mark` prints each new annotation's id on its own line once `new_annotation` has
returned, that is once the save is durable: whatever was printed must survive a kill.
`hold` prints `holding` once it has the lock.
"""

from __future__ import annotations

import random
import sys
import time
from itertools import count as counter

from annotations.marking import new_annotation
from annotations.model import ACTOR, CLAIM, QUESTION
from annotations.store import Library
from reader.document.cache import load_document


def mark_forever(library: Library, how_many: int, seed: int) -> None:
    rng = random.Random(seed)
    articles = library.articles()
    documents = {a.id: load_document(library, a) for a in articles}
    steps = counter() if how_many < 0 else range(how_many)
    for step in steps:
        article = rng.choice(articles)
        document = documents[article.id]
        start = rng.randrange(0, len(document.text) - 30)
        end = start + rng.randint(1, 30)
        kind = rng.choice((CLAIM, CLAIM, QUESTION, ACTOR))
        speaker = rng.choice(("", "", "Dana Whitlock", f"Speaker {step % 7}")) if kind == CLAIM else ""
        annotation = new_annotation(library, article, document.text, document.places,
                                    start, end, kind, note=f"note {seed} {step}", speaker=speaker)
        print(annotation.id, flush=True)


def hold(library: Library, seconds: float) -> None:
    with library.writing("glossator annotate"):
        print("holding", flush=True)
        time.sleep(seconds)


def main(argv: list[str]) -> None:
    library = Library.open(argv[1])
    if argv[2] == "mark":
        mark_forever(library, int(argv[3]), int(argv[4]))
    elif argv[2] == "hold":
        hold(library, float(argv[3]))
    else:
        raise SystemExit(f"unknown mode {argv[2]!r}")


if __name__ == "__main__":
    main(sys.argv)
