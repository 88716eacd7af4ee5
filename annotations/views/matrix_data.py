"""The matrix for scripts: long-form CSV (a row per cell with claims) and JSON.

Kept apart from the Markdown tables so `glossator matrix --format csv|json` loads no
Markdown or YAML code.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from annotations.export.csv_cells import text_cells
from annotations.model import CLAIM_STATUSES
from annotations.textsafety import dumps_json
from annotations.views.matrix import Matrix

MATRIX_CSV_COLUMNS = ("actor_id", "actor", "column_id", "column", "claims", *CLAIM_STATUSES)


def matrix_csv(matrix: Matrix) -> str:
    """One row per cell with claims (long form: what R, pandas and spreadsheets pivot)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"{matrix.by}_id" if c == "column_id" else matrix.by if c == "column" else c
                     for c in MATRIX_CSV_COLUMNS])
    # An actor's and a column's cells are made safe once, not once for each of their cells.
    actors: dict[str, list[Any]] = {}
    columns: dict[str, list[Any]] = {}
    rows = []
    for row, column, counts in matrix.filled():
        actor = actors.get(row.id)
        if actor is None:
            actor = actors[row.id] = text_cells([row.id, row.label])
        where = columns.get(column.id)
        if where is None:
            where = columns[column.id] = text_cells([column.id, column.label])
        rows.append([*actor, *where, sum(counts), *counts])
    writer.writerows(rows)
    return out.getvalue()


def matrix_record(matrix: Matrix) -> dict[str, Any]:
    """The `matrix --format json` shape (stable: keys are added, never renamed)."""
    def counts(c: Any) -> dict[str, int]:
        return {s: c[s] for s in CLAIM_STATUSES}

    return {
        "by": matrix.by,
        "claims": matrix.claims,
        "actors": [{"id": r.id or None, "name": r.label, "claims": sum(matrix.row_totals[r.id].values()),
                    "statuses": counts(matrix.row_totals[r.id])} for r in matrix.rows],
        "columns": [{"id": c.id or None, "label": c.label,
                     "claims": sum(matrix.column_totals[c.id].values()),
                     "statuses": counts(matrix.column_totals[c.id])} for c in matrix.columns],
        "cells": [{"actor": r.id or None, "column": c.id or None, "claims": sum(cell),
                   "statuses": dict(zip(CLAIM_STATUSES, cell, strict=True))}
                  for r, c, cell in matrix.filled()],
    }


def matrix_json(matrix: Matrix) -> str:
    return dumps_json(matrix_record(matrix)) + "\n"
