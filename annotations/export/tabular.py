"""JSON and CSV exports of annotations, in the `annotations --json` shape."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from annotations.export.csv_cells import text_cell
from annotations.export.records import annotation_record
from annotations.model import Actor, Annotation, Article
from annotations.textsafety import dumps_json

CSV_COLUMNS = (
    "id", "article", "kind", "quote", "start", "end", "paragraph", "note", "tags",
    "speaker", "actor", "status", "answer", "author", "created", "updated", "page", "chapter",
    "origin",
)


def export_json(articles: Iterable[Article], annotations_of, actors: dict[str, Actor],
                counts_of) -> str:
    from annotations.export.records import article_record

    data = []
    for article in articles:
        record = article_record(article, counts_of(article.id))
        record["annotations"] = [annotation_record(a, actors) for a in annotations_of(article.id)]
        data.append(record)
    return dumps_json(data) + "\n"


def export_csv(annotations: Iterable[Annotation], actors: dict[str, Actor]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for annotation in annotations:
        row = annotation_record(annotation, actors)
        row["tags"] = ";".join(row["tags"])
        writer.writerow({k: "" if v is None else text_cell(v) for k, v in row.items()})
    return out.getvalue()
