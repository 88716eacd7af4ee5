"""A small library for the library-wide views (issue 12): two outlets' reports of one
harbour story, a ferry story dated to the year only, and an undated letter.

Claims have speakers, every status and hierarchical tags; questions are open and
answered. Everything is marked the way `glossator annotate` marks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotations.model import Annotation, Article, Tag
from annotations.store import Library
from tests.helpers.library import add_sample, mark

COASTAL = """\
---
title: Harbour dredging plan approved despite protests
authors: [Maria Okafor]
site: The Coastal Record
published: 2025-03-14
---

The harbour board approved the dredging of the north channel on Thursday. Board chair
Ines Pereira said the work would cost 14 million and take two winters.

Fishermen's spokesperson Kofi Mensah called the estimate "a fantasy | a fairy tale" and
said the last dredging ran three years late.

Where will the dredged silt go? Who pays if the work runs late?
"""

HERALD = """\
---
title: Board backs channel dredging
authors: [Sam Adeyemi]
site: Bay Herald
published: 2025-04-02
---

Ines Pereira, who chairs the harbour board, told reporters the dredging will cost
€14m in all. The council's auditor Marcus Felloway said the figure was disputed by his
office.

Residents asked whether the silt would be dumped at sea.
"""

FERRY = """\
---
title: Ferry subsidy cut leaves island without winter crossing
site: The Valley Courier
published: 2024
---

Minister Ines Pereira said the island would keep a crossing all winter. Kofi Mensah
said cargo would move by road instead.
"""

LETTER = """\
---
title: A letter about the quay
---

The quay lights have been out since May, a reader writes.
"""


@dataclass
class ViewsSample:
    library: Library
    coastal: Article
    herald: Article
    ferry: Article
    letter: Article
    marks: dict[str, Annotation]


def views_sample(library: Library, sources: Path) -> ViewsSample:
    coastal = add_sample(library, sources, "coastal.md", COASTAL)
    herald = add_sample(library, sources, "herald.md", HERALD)
    ferry = add_sample(library, sources, "ferry.md", FERRY)
    letter = add_sample(library, sources, "letter.md", LETTER)
    # Added a second apart, as a reader adds them: the library's order is theirs, whatever
    # order the index file keeps articles added within one second in.
    for n, article in enumerate((coastal, herald, ferry, letter)):
        article.added = f"2026-01-01T00:00:0{n}Z"
        library.update_article(article)
    library.save_tag(Tag("funding"))
    library.save_tag(Tag("funding/state"))
    library.save_tag(Tag("funding/private"))
    m = {
        "cost": mark(library, coastal, "the work would cost 14 million and take two winters",
                     speaker="Ines Pereira", tags=["funding/state"]),
        "fantasy": mark(library, coastal, "a fantasy | a fairy tale", speaker="Kofi Mensah"),
        "late": mark(library, coastal, "the last dredging ran three years late",
                     speaker="Kofi Mensah"),
        "pereira": mark(library, coastal, "Ines Pereira", kind="actor"),
        "mensah": mark(library, coastal, "Kofi Mensah", kind="actor"),
        "silt": mark(library, coastal, "Where will the dredged silt go?", kind="question"),
        "pays": mark(library, coastal, "Who pays if the work runs late?", kind="question"),
        "herald-cost": mark(library, herald, "the dredging will cost\n€14m in all",
                            speaker="Ines Pereira", tags=["funding/state", "funding/private"]),
        "disputed": mark(library, herald, "the figure was disputed by his\noffice",
                         speaker="Marcus Felloway", tags=["funding"]),
        "herald-pereira": mark(library, herald, "Ines Pereira", kind="actor"),
        "felloway": mark(library, herald, "Marcus Felloway", kind="actor"),
        "dumped": mark(library, herald, "whether the silt would be dumped at sea",
                       kind="question"),
        "crossing": mark(library, ferry, "the island would keep a crossing all winter",
                         speaker="Ines Pereira"),
        "road": mark(library, ferry, "cargo would move by road instead"),
        "lights": mark(library, letter, "The quay lights have been out since May"),
    }
    for key, status in (("fantasy", "false"), ("late", "supported"), ("disputed", "disputed")):
        m[key].status = status
        library.save_annotation(m[key])
    m["silt"].status, m["silt"].answer = "answered", "At sea, | 4 km out: see the permit."
    library.save_annotation(m["silt"])
    return ViewsSample(library, coastal, herald, ferry, letter, m)
