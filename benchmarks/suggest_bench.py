"""Issue 11's targets for suggestions, measured: `make bench` (or `python benchmarks/suggest_bench.py`).

1. Quality on the labelled sets of tests/suggestions, `dev` (the rules are tuned on it)
   and `heldout` (the targets are judged on it) separately: precision, recall and F1 per
   kind with the overlap rule (≥ 50% of the shorter span), and the speaker accuracy on
   the claims found. Targets on heldout: claims P ≥ 0.85, R ≥ 0.80; speakers ≥ 90%;
   actors P ≥ 0.85, R ≥ 0.80; questions P ≥ 0.7.
2. Speed: milliseconds per article and per 1,000 words (median of repeated runs over the
   labelled articles; target ≤ 30 ms per 1,000 words), against a baseline measured in the
   same run: pysbd, the sentence segmenter already among the dependencies, segmenting the
   same articles; and a 3.2 MB book made of our own news articles, names varied (target
   ≤ 5 s), beside a stress text of the same size in which every sentence is an
   attribution, a hedge or a question (three times the suggestions of real news; no target).

`--only dev` measures the dev set alone (for working on the rules without looking at
heldout figures).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `benchmarks` is also a package pysbd installs: import by path

import common  # noqa: E402
from common import REPO, machine, print_figures, timed, timings  # noqa: E402

from annotations.suggestions import KINDS, suggest  # noqa: E402
from annotations.suggestions.scoring import Score, score_article  # noqa: E402

SETS = REPO / "tests" / "suggestions"
_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def _unwrapped(text: str) -> str:
    """Paragraphs written hard-wrapped below, one line each as an article has them."""
    return _LINE_BREAK.sub(" ", text.strip())
BOOK_BYTES = int(3.2 * 1024 * 1024)
RUNS = 15

TARGETS = {("claim", "P"): 0.85, ("claim", "R"): 0.80, ("actor", "P"): 0.85, ("actor", "R"): 0.80,
           ("question", "P"): 0.70}
SPEAKER_TARGET = 0.90


class Figure(common.Figure):
    NAME_WIDTH = 74  # the quality figures' names are long, their values fractions
    VALUE_FORMAT = ">8.3f"


def articles(folder: str) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SETS / folder).glob("*.json"))]


def quality(folder: str, judged: bool) -> list[Figure]:
    found = articles(folder)
    total = Score()
    for article in found:
        total.add(score_article(article, suggest(article["text"], language=article.get("language", "en"))))
    figures = []
    for kind in KINDS:
        tally = total.kinds[kind]
        for short, value in (("P", tally.precision), ("R", tally.recall), ("F1", tally.f1)):
            target = TARGETS.get((kind, short)) if judged else None
            figures.append(Figure(f"{folder}: {kind} {short} ({tally.matched} of {tally.suggested} "
                                  f"suggested, {tally.gold} labelled)", value, target=target,
                                  at_least=True))
    figures.append(Figure(f"{folder}: speaker right on found claims ({total.speakers_right} of "
                          f"{total.speakers_found})", total.speaker_accuracy,
                          target=SPEAKER_TARGET if judged else None, at_least=True))
    return figures


def median_seconds(run, texts: list[str]) -> float:
    def every_text() -> None:
        for text in texts:
            run(text)

    return statistics.median(timings(every_text, RUNS))


def speed(texts: list[str]) -> list[Figure]:
    import pysbd

    words = sum(len(t.split()) for t in texts)
    for text in texts:
        suggest(text)  # warm: regexes compiled, modules imported
    ours = median_seconds(suggest, texts)
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    baseline = median_seconds(segmenter.segment, texts)
    per_thousand = ours / words * 1000 * 1000
    return [
        Figure(f"suggest, per article ({len(texts)} articles, {words / len(texts):.0f} words on average)",
               ours / len(texts) * 1000, "ms"),
        Figure("suggest, per 1,000 words", per_thousand, "ms", 30),
        Figure("baseline: pysbd sentence segmentation, per 1,000 words",
               baseline / words * 1000 * 1000, "ms"),
        Figure("ratio suggest / pysbd segmentation", ours / baseline, "×"),
    ]


_OWN_ARTICLES = tuple(_unwrapped(text) for text in (
"""WASHINGTON — Sen. Maria Delgado, D-N.M., on Thursday accused the Interior Department of sitting on a
report that she said showed the Rio Verde pipeline would cross three aquifers.

"They have had this for six months," Ms. Delgado said in an interview. "The public deserves to see
it."

A department spokeswoman, Karen Ott, said the report was still under review and would be released
"in due course." She declined to say when.

The pipeline's developer, Tallgrass Midstream LLC, has said the route avoids sensitive areas. In a
statement on Wednesday, the company said it had "complied with every federal requirement."

Environmental groups were unconvinced. "This is exactly what we warned about," said Luis Ferreira,
the policy director at the Western Water Alliance. He added that the group would sue if the permit
were approved.

According to figures from the U.S. Geological Survey, the three aquifers supply drinking water to
about 400,000 people. An analysis by the Brookfield Institute estimated that a major spill could
cost $1.2 billion to clean up.

Mr. Ferreira, who has fought the project since 2019, said the developer's own filings contradicted
its public statements. Tallgrass did not immediately respond to a request for comment.

The White House has not taken a position. Asked about the pipeline on Thursday, press secretary Dana
Hill told reporters that the administration was "reviewing all the facts."

Will the report ever see daylight? Delgado said she would ask the inspector general to intervene if
it was not published by March.""",
"""Plans for a tidal barrage across the Severn estuary have been shelved after ministers concluded that
the £14bn project would not pay for itself, the Guardian understands.

Ellen Marsh, the chief executive of Tidal Power Partners, said she was “bitterly disappointed” by
the decision. Speaking to the BBC on Monday, she said the government had “moved the goalposts three
times”.

‘We were told in January that the case was strong,’ Marsh said. ‘Nobody has explained what changed.’

The Department for Energy Security and Net Zero (DESNZ) said no final decision had been taken. A
spokesperson said: ‘We keep all options under review.’

Mr Patel, the local MP, welcomed the pause. He told the Western Daily Press that fishermen had been
ignored for too long, and claimed the barrage would have destroyed the spawning grounds of the shad.

Ellen Marsh disputed that. She pointed out that the company had commissioned two independent
surveys, both of which found no lasting harm. Her colleague Tom Hardy, the firm’s engineering
director, said the surveys were published in full.

It is not yet clear whether the company will appeal. A decision on its licence is due in the autumn.

Is this the end of tidal power in Britain? Not necessarily, according to analysts at Cornwall
Insight, who say smaller lagoon schemes remain viable.""",
"""The ferry left Kestrel Bay at six, as it has every morning since 1958. On the car deck, Ana Pereira
checked the lashings on a lorry of fish boxes while the first passengers climbed the stairs with
coffee. She has worked the crossing for twenty-two years.

The island has 3,400 residents, one school and a clinic that opens three days a week. Most of what
they eat, and everything they sell, travels on the ferry. When the boat stops, the island stops with
it.

"People on the mainland think of it as a bus," Pereira said. "For us it is the road, the ambulance
and the post office."

The operator, Sarn Ferries, wants to replace the 1958 vessel with a smaller electric boat. The
company says the new boat would cut fuel costs by half. Islanders fear it will not cope with winter
swells. A consultation closes next month, and the council is expected to decide in the spring.

At the harbour café, Kofi Mensah, who runs the island's only haulage firm, laid out the timetable on
the table. He said two of his drivers had already moved to the mainland. "If the new boat cannot
carry my lorries in February, I close," he said.

Whether the council will listen is another matter. Its transport committee has postponed the
decision twice. A spokesman for the council said no option had been ruled out.""",
))
"""News articles written for this benchmark (a US wire report, a British broadsheet report,
a feature): the book is these, one after another, their names varied."""

_NAME_SWAPS = (
    ("Maria Delgado", "Delgado"), ("Ellen Marsh", "Marsh"), ("Ana Pereira", "Pereira"),
    ("Luis Ferreira", "Ferreira"), ("Kofi Mensah", "Mensah"), ("Tom Hardy", "Hardy"),
)
_NEW_NAMES = ("Dana Whitlock", "Ines Calloway", "Marcus Felloway", "Priya Anand", "Tomasz Wójcik",
              "Lucía Ferrer", "Jonas Keller", "Hanna Roos", "Owen Gallagher", "Ruth Okonjo")


_PEOPLE = ["Ana Pereira", "Kofi Mensah", "Dana Whitlock", "Ines Calloway", "Marcus Felloway",
           "Priya Anand", "Tomasz Wójcik", "Lucía Ferrer", "Ilona Varga", "Jonas Keller"]
_ORGS = ["Valley Water Trust", "Harbour Board", "Calder Shipping Group", "Orrin Institute",
         "Maritime Transport Union", "Kessler University", "Brennan Holdings Inc."]
_TEMPLATE = _unwrapped("""
{org} said on {day} that the {thing} would cost {n} million, more than twice the estimate it gave in
the spring.

"We have been patient for {m} months, and patience has not worked," {person}, the {role} of the
{org2}, told reporters. "Our members are exhausted."

{surname} said the {org2} had offered to meet the board again. She added that nobody had replied.
According to the {org3}, the {thing} will not be ready before {year}. A study by the {org3} found
that {m} in ten households had cut their use.

"The door is open," said {person2}, a spokesman for the {org}. "It has been open since March."
{surname2} declined to comment on the cost.

It was not immediately clear when the {thing} would reopen. Will the {org} survive another winter?
The vote was postponed until {day2}, the {org_short} said.
""")


def book_text(size: int) -> str:
    """News prose to a book's length: our own articles one after another, names varied."""
    rng = random.Random(11)
    parts, length = [], 0
    while length < size:
        text = _OWN_ARTICLES[len(parts) % len(_OWN_ARTICLES)]
        for (full, surname), new in zip(_NAME_SWAPS, rng.sample(_NEW_NAMES, len(_NAME_SWAPS)), strict=True):
            text = text.replace(full, new).replace(surname, new.split()[-1])
        parts.append(f"## Chapter {len(parts) + 1}\n\n{text}")
        length += len(parts[-1]) + 2
    return "\n\n".join(parts)[:size]


def dense_text(size: int) -> str:
    """A stress text: every sentence an attribution, a hedge or a question (no target)."""
    rng = random.Random(11)
    things = ["crossing", "reservoir", "ferry terminal", "tram line", "harbour wall", "bypass"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    parts, length = [], 0
    while length < size:
        person, person2 = rng.sample(_PEOPLE, 2)
        org, org2, org3 = rng.sample(_ORGS, 3)
        text = _TEMPLATE.format(
            org=org, org2=org2, org3=org3, org_short=org.split()[-1].lower(), person=person,
            person2=person2, surname=person.split()[-1], surname2=person2.split()[-1],
            role=rng.choice(["general secretary", "chair", "chief executive"]),
            thing=rng.choice(things), n=rng.randint(2, 90), m=rng.randint(2, 11),
            year=rng.randint(2027, 2031), day=rng.choice(days), day2=rng.choice(days))
        parts.append(f"## Chapter {len(parts) + 1}\n\n{text}")
        length += len(parts[-1]) + 2
    return "\n\n".join(parts)[:size]


def book_figures() -> list[Figure]:
    figures = []
    for name, text, target in (("book of our news prose", book_text(BOOK_BYTES), 5.0),
                               ("stress: every sentence attributed", dense_text(BOOK_BYTES), None)):
        seconds, found = timed(lambda text=text: suggest(text), runs=3)
        figures.append(Figure(f"suggest, {len(text.encode()) / 1024 / 1024:.1f} MB {name} "
                              f"({len(found):,} suggestions; median of 3)", seconds, "s", target))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("dev", "heldout"), help="measure one labelled set")
    args = parser.parse_args()
    folders = [args.only] if args.only else ["dev", "heldout"]
    print(machine())
    figures: list[Figure] = []
    for folder in folders:
        figures.extend(quality(folder, judged=folder == "heldout"))
    texts = [a["text"] for folder in folders for a in articles(folder)]
    figures.extend(speed(texts))
    figures.extend(book_figures())
    print_figures(figures)


if __name__ == "__main__":
    main()
