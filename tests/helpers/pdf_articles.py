"""The invented articles the PDF tests typeset (a harbour board's dredging plan, as a
journal prints it), and what they read back out of an imported PDF's body: its pages,
its blocks, its paragraphs joined across pages as the reader joins them."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2

from tests.helpers.pdfs import Item, PdfBook

HARBOUR = [
    "The harbour board of Eastmere voted in March to deepen the main channel by two metres, a "
    "project its engineers priced at forty million euros. Critics on the council called the "
    "figure a guess, and the regional auditor asked for the sub|sidy terms to be published "
    "before any contract was signed.",
    "Dredging of this kind is not new to the estuary. The last campaign removed close to a "
    "million tonnes of silt, and the spoil was dumped at sea under a licence that has since "
    "lapsed. Fishermen say the plume of fine sediment drove the sole and plaice out of the bay "
    "for three seasons.",
    "The board's consultants describe their method as state-of-the-art, with suction dredgers "
    "that return the finest fraction to the water column in a controlled way. Independent "
    "marine scientists are less sure, noting that the method has never been tried in a tidal "
    "channel as narrow as this one.",
    "Ferry operators, for their part, want the work done quickly. Larger vessels already wait "
    "for the tide at the harbour mouth, and one operator says that every hour lost costs it "
    "more than the annual harbour dues. The crossing to the islands carries nearly two hundred "
    "thousand passengers a year.",
    "Whether the money will come from the national infra|structure fund or from harbour dues "
    "remains unclear. The minister has promised an answer before the summer recess, but a "
    "spokesperson declined to say whether the fund has money left for projects outside the "
    "capital region.",
    "Residents of the old quay have their own worries. Their houses stand on timber piles "
    "driven in the eighteenth century, and a structural engineer hired by the residents' "
    "association warns that a deeper channel could lower the water table under the quay.",
]


def readable(text: str) -> str:
    """A paragraph as the reader should get it: hyphenation marks of the source gone."""
    return text.replace("|", "")


def pages_of(body: str) -> list[dict]:
    data = json.loads(body)
    assert data["glossator"] == "pages" and data["version"] == 1
    return data["pages"]


def blocks(body: str, kind: str | None = None) -> list[str]:
    return [b["text"] for page in pages_of(body) for b in page["blocks"]
            if kind is None or b["kind"] == kind]


def paragraphs(body: str) -> list[str]:
    """The blocks' texts with each page's continuation joined to the paragraph it
    continues, as the reader's document builder joins them."""
    texts: list[str] = []
    for page in pages_of(body):
        for block in page["blocks"]:
            if "joins" in block and texts:
                texts[-1] += block["joins"] + block["text"]
            else:
                texts.append(block["text"])
    return texts


def journal(path: Path, columns: int = 2, interleave: bool = False, repeat: int = 2,
            **options) -> Path:
    """A journal article: title and abstract across the page, then the body."""
    book = PdfBook(columns=columns, interleave=interleave,
                   header=lambda p: f"Journal of Estuary Studies 12 (2024) {111 + p}",
                   footer=lambda p: str(111 + p), **options)
    book.top_block = [
        Item("heading", "Dredging the Eastmere channel: costs, claims and open questions", 16,
             "Times-Bold"),
        Item("paragraph", "Abstract. We follow the harbour board's plan to deepen the channel "
             "and ask who pays, who gains and what the sediment does to the bay, from the "
             "board's papers, the auditor's letters and interviews on the quay.", 9,
             "Times-Italic"),
    ]
    book.heading("1 Introduction", 12)
    for _ in range(repeat):
        for text in HARBOUR:
            book.paragraph(text)
    book.heading("2 Who pays", 12)
    for text in reversed(HARBOUR):
        book.paragraph(text)
    book.save(path)
    return path


def pdfium_lines(path: Path, page: int = 0) -> list[str]:
    """The page's lines as PDFium itself gives them."""
    return pypdfium2.PdfDocument(path)[page].get_textpage().get_text_range().split("\r\n")
