"""Two articles' coverage compared, for people (lines) and for scripts (JSON)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from annotations.model import Annotation
from annotations.textsafety import excerpt
from annotations.views.coverage import Coverage


def _mark(mark: Annotation) -> dict[str, Any]:
    return {"annotation": mark.id, "quote": mark.exact, "start": mark.start, "end": mark.end,
            "speaker_id": mark.speaker or None}


def coverage_record(coverage: Coverage) -> dict[str, Any]:
    """The `compare --json` shape (stable: keys are added, never renamed)."""
    def presence(p: Any) -> dict[str, Any]:
        return {"id": p.actor.id, "name": p.actor.name, "first": _mark(p.first)}

    return {
        "a": coverage.a.id,
        "b": coverage.b.id,
        "actors": {
            "both": [{"id": s.actor.id, "name": s.actor.name, "in_a": _mark(s.in_a),
                      "in_b": _mark(s.in_b)} for s in coverage.actors_in_both],
            "only_a": [presence(p) for p in coverage.actors_only_in_a],
            "only_b": [presence(p) for p in coverage.actors_only_in_b],
        },
        "claims": {
            "both": [{"in_a": _mark(p.in_a), "in_b": _mark(p.in_b), "score": p.score}
                     for p in coverage.claims_in_both],
            "only_a": [_mark(m) for m in coverage.claims_only_in_a],
            "only_b": [_mark(m) for m in coverage.claims_only_in_b],
        },
    }


def coverage_lines(coverage: Coverage) -> Iterator[str]:
    a, b = coverage.a, coverage.b
    yield f"A: {a.title} ({a.id})"
    yield f"B: {b.title} ({b.id})"
    yield ""
    yield f"Actors in both ({len(coverage.actors_in_both)})"
    yield from (f"  {s.actor.name}" for s in coverage.actors_in_both)
    yield f"Actors only in A ({len(coverage.actors_only_in_a)})"
    yield from (f"  {p.actor.name}" for p in coverage.actors_only_in_a)
    yield f"Actors only in B ({len(coverage.actors_only_in_b)})"
    yield from (f"  {p.actor.name}" for p in coverage.actors_only_in_b)
    yield ""
    yield f"Claims in both ({len(coverage.claims_in_both)})"
    for pair in coverage.claims_in_both:
        yield f"  A “{excerpt(pair.in_a.exact, 70)}”"
        yield f"  B “{excerpt(pair.in_b.exact, 70)}”  ({pair.score:.2f} alike)"
    yield f"Claims only in A ({len(coverage.claims_only_in_a)})"
    yield from (f"  “{excerpt(m.exact, 70)}”" for m in coverage.claims_only_in_a)
    yield f"Claims only in B ({len(coverage.claims_only_in_b)})"
    yield from (f"  “{excerpt(m.exact, 70)}”" for m in coverage.claims_only_in_b)
