"""Libraries and annotation files for the W3C and Hypothesis tests, written here.

- `rich_library`: every kind of mark, tags (hierarchical too), Markdown notes, speakers,
  statuses, an answer, a PDF with printed page labels, an EPUB with chapters, Unicode
  beyond the BMP, an orphan, a fuzzy re-anchoring with its history, a field only a newer
  glossator knows, an article without marks;
- Hypothesis rows and exports, shaped as the Hypothesis API and client write them, with
  their positions in UTF-16 code units as JavaScript counts them;
- W3C annotations from "another tool": plain JSON-LD, no glossator keys.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.model import Annotation, Article, Tag
from annotations.store import Library
from reader.cli.adding import add_source
from tests.helpers.epubs import novella
from tests.helpers.library import SAMPLE_MARKDOWN, mark, write_sample
from tests.helpers.pdfs import PdfBook

UNICODE_TEXT = """\
# Über die Brücke 🌉 — 港の話

Die Stadträtin 👩🏽‍⚖️ Ayşe Yılmaz sagte: „Die Brücke kostet 𠀋 12 Millionen Euro.“

港湾局は「𠮷野家の前に新しい桟橋を作る」と発表した。

مجلس المدينة وافق على الجسر الجديد.

Wer bezahlt die Wartung, wenn der Zuschuss 2027 ausläuft? 🤔
"""

HARBOUR_PAGES = (
    "The harbour board met on Tuesday to approve the dredging contract for the channel.",
    "Board minutes show the contractor's estimate rose by a third between the two votes.",
    "The auditor wrote that the disposal site had not been licensed for the sediment.",
)


@dataclass
class RichLibrary:
    library: Library
    sources: dict[str, Path]
    """Name → the file each article was added from (to add again to a fresh library)."""
    articles: dict[str, Article]
    marks: list[Annotation] = field(default_factory=list)


def rich_sources(folder: Path) -> dict[str, Path]:
    """The source files of `rich_library`, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {"tram": write_sample(folder, "tram.md", SAMPLE_MARKDOWN),
               "unicode": write_sample(folder, "brücke.md", UNICODE_TEXT),
               "empty": write_sample(folder, "empty.txt", "Nothing has been marked here yet.\n")}
    book = PdfBook(labels=[(0, "ROMAN_LOWER", 4), (1, "ARABIC", 11)])
    book.paragraph(HARBOUR_PAGES[0])
    for text in HARBOUR_PAGES[1:]:
        book.new_page().paragraph(text)
    book.save(folder / "harbour.pdf")
    sources["pdf"] = folder / "harbour.pdf"
    sources["epub"] = novella().write(folder / "salt-road.epub")
    return sources


def add_sources(library: Library, sources: dict[str, Path]) -> dict[str, Article]:
    return {name: add_source(library, str(path)).article for name, path in sources.items()}


def rich_library(library: Library, folder: Path) -> RichLibrary:
    sources = rich_sources(folder)
    articles = add_sources(library, sources)
    rich = RichLibrary(library, sources, articles)
    tram, uni, pdf, epub = (articles[n] for n in ("tram", "unicode", "pdf", "epub"))
    library.save_tag(Tag("funding/public", "#30a060", "Money from the state."))
    library.save_tag(Tag("transport"))

    claim = mark(library, tram, "the line would carry 9,000 passengers a day within three years",
                 speaker="Dana Whitlock", note="Check the **forecast** against the 2019 study.\n\n"
                 "- page 4\n- table 2", tags=["transport", "funding/public"])
    claim.status = "disputed"
    rich.marks.append(_saved(library, claim))
    rich.marks.append(mark(library, tram, "Councillor Dana Whitlock", kind="actor"))
    question = mark(library, tram, "Who will pay if passenger numbers fall short of 9,000 a day?",
                    kind="question", note="Ask the authority's press office.")
    question.status, question.answer = "answered", "The regional authority, says its budget."
    rich.marks.append(_saved(library, question))
    rich.marks.append(mark(library, tram, "has not published the cost of land purchases",
                           kind="funding/public", tags=["transport"]))
    orphan = mark(library, tram, "Construction is due to start in spring.", note="Gone after an edit.")
    orphan.orphaned, orphan.exact = True, "Construction was due to start in winter."
    rich.marks.append(_saved(library, orphan))
    fuzzy = mark(library, tram, "wildly optimistic")
    fuzzy.anchor_score = 0.912
    fuzzy.history = [{"at": "2026-01-05T09:00:00Z", "quote": "wildly optimistc", "start": 190,
                      "end": 206, "why": "refresh"}]
    fuzzy.extra = {"origin": "suggested", "reviewed_by": {"name": "Kofi", "when": "2026-01-06"}}
    rich.marks.append(_saved(library, fuzzy))

    rich.marks.append(mark(library, uni, "Ayşe Yılmaz", kind="actor"))
    uni_claim = mark(library, uni, "Die Brücke kostet 𠀋 12 Millionen Euro.", speaker="Ayşe Yılmaz",
                     note="Zahl prüfen 🧐 — 𠀋 ist CJK Ext. B")
    uni_claim.status = "false"
    rich.marks.append(_saved(library, uni_claim))
    rich.marks.append(mark(library, uni, "「𠮷野家の前に新しい桟橋を作る」", note="港湾局の発表"))
    rich.marks.append(mark(library, uni, "مجلس المدينة وافق على الجسر الجديد", tags=["transport"]))
    rich.marks.append(mark(library, uni, "Wer bezahlt die Wartung, wenn der Zuschuss 2027 ausläuft? 🤔",
                           kind="question"))

    spans_pages = mark(library, pdf, "for the channel. Board minutes show",
                       note="Runs over a page break.")
    rich.marks.append(spans_pages)
    rich.marks.append(mark(library, pdf, "The auditor wrote", kind="actor"))
    rich.marks.append(mark(library, epub, "eleven passengers where the manifest promised nine",
                           tags=["transport"]))
    rich.marks.append(mark(library, epub, "the price of bread", kind="question"))
    rich.marks = [library.annotation(m.article, m.id) for m in rich.marks]
    return rich


def _saved(library: Library, annotation: Annotation) -> Annotation:
    return library.save_annotation(annotation)


# -- Hypothesis ---------------------------------------------------------------------------

def utf16_offset(text: str, index: int) -> int:
    """Where code point `index` of `text` is in UTF-16 code units (JavaScript's indices)."""
    return len(text[:index].encode("utf-16-le")) // 2


def hypothesis_row(uri: str, exact: str = "", *, text: str = "", tags: list[str] | None = None,
                   start: int | None = None, end: int | None = None, prefix: str = "",
                   suffix: str = "", user: str = "acct:orla@hypothes.is", row_id: str = "",
                   created: str = "2026-03-01T10:15:30.123456+00:00", updated: str = "",
                   title: Any = "Tram extension splits the valley towns",
                   references: list[str] | None = None) -> dict[str, Any]:
    """One annotation as the Hypothesis API returns it. `start`/`end` are UTF-16 units."""
    selectors: list[dict[str, Any]] = [
        {"type": "RangeSelector", "endOffset": 12, "startOffset": 0,
         "endContainer": "/main[1]/p[2]", "startContainer": "/main[1]/p[2]"}]
    if start is not None:
        selectors.append({"type": "TextPositionSelector", "start": start,
                          "end": end if end is not None else start + len(exact.encode("utf-16-le")) // 2})
    if exact:
        quote = {"type": "TextQuoteSelector", "exact": exact}
        if prefix:
            quote["prefix"] = prefix
        if suffix:
            quote["suffix"] = suffix
        selectors.append(quote)
    row: dict[str, Any] = {
        "id": row_id or _digest("h", uri, exact, text, start, references),
        "created": created, "updated": updated or created, "user": user, "uri": uri,
        "text": text, "tags": list(tags or []), "group": "__world__",
        "permissions": {"read": ["group:__world__"], "admin": [user], "update": [user],
                        "delete": [user]},
        "target": [{"source": uri, "selector": selectors}] if (exact or start is not None) else
                  [{"source": uri}],
        "links": {"html": f"https://hypothes.is/a/{row_id}", "incontext": f"https://hyp.is/{row_id}"},
        "flagged": False, "hidden": False,
        "user_info": {"display_name": user.removeprefix("acct:").split("@")[0].title()},
    }
    if references:
        row["references"] = references
        row["target"] = [{"source": uri}]
    if title is not None:
        row["document"] = {"title": title}
    return row


def hypothesis_export(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The file the Hypothesis client's "Export" writes."""
    return {"export_date": "2026-03-02T08:00:00.000Z", "export_userid": "acct:orla@hypothes.is",
            "client_version": "1.1530.0", "annotations": rows}


# -- another tool's W3C -------------------------------------------------------------------

def w3c_annotation(source: str, exact: str = "", *, start: int | None = None,
                   end: int | None = None, note: str = "", tags: list[str] | None = None,
                   selectors: list[dict[str, Any]] | None = None, annotation_id: str = "",
                   creator: Any = None, motivation: str = "commenting",
                   created: str = "2026-02-01T12:00:00Z") -> dict[str, Any]:
    """A W3C annotation as another tool writes one: no glossator keys."""
    chosen = list(selectors or [])
    if exact:
        chosen.append({"type": "TextQuoteSelector", "exact": exact})
    if start is not None:
        chosen.append({"type": "TextPositionSelector", "start": start,
                       "end": end if end is not None else start + len(exact)})
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": t}
                                  for t in tags or []]
    if note:
        body.append({"type": "TextualBody", "value": note, "format": "text/plain"})
    record: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": annotation_id or f"https://annotations.example.org/anno/{_digest(source, exact, start)}",
        "type": "Annotation", "motivation": motivation, "created": created,
        "target": {"source": source, "selector": chosen} if chosen else source,
    }
    if body:
        record["body"] = body if len(body) > 1 else body[0]
    if creator is not None:
        record["creator"] = creator
    return record


def _digest(*parts: object) -> str:
    """A stable id made of `parts` (not `hash`, which changes with every process)."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:16]


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_json_lines(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path
