"""Marks over time by article date, with dates to the day, the month, the year, or none."""

from __future__ import annotations

from collections import Counter

from annotations.model import Article
from annotations.views.timeline import MONTH, YEAR, article_date, library_timeline, marks_over_time


def articles(*dates: str) -> list[Article]:
    return [Article(id=f"a{n}", title=f"A {n}", published=d) for n, d in enumerate(dates)]


def test_dates_to_the_day_the_month_or_the_year_and_nonsense():
    assert article_date("2025-03-14") == (2025, 3)
    assert article_date("2025-03") == (2025, 3)
    assert article_date("2025") == (2025, None)
    assert article_date("") is None
    assert article_date("March 2025") is None
    assert article_date("2025-13-01") is None


def test_by_month_with_every_month_between_and_the_kinds_apart():
    chosen = articles("2025-01-20", "2025-03", "2025-03-02", "")
    counts = {"a0": Counter(claim=2, actor=1), "a1": Counter(question=1, funding=2),
              "a2": Counter(claim=1, **{"funding/state": 1}), "a3": Counter(claim=4)}
    timeline = marks_over_time(chosen, counts)
    assert timeline.unit == MONTH
    assert [b.label for b in timeline.buckets] == ["2025-01", "2025-02", "2025-03"]
    assert timeline.buckets[0].counts == {"claim": 2, "actor": 1}
    assert timeline.buckets[1].total == 0
    assert timeline.buckets[2].counts == {"claim": 1, "question": 1, "tag": 3}
    assert timeline.undated == {"claim": 4} and timeline.undated_articles == 1
    assert timeline.peak == 5


def test_a_date_to_the_year_only_is_a_bucket_of_its_own_before_its_months():
    chosen = articles("2024-11", "2025", "2025-02", "2023")
    counts = {a.id: Counter(claim=1) for a in chosen}
    timeline = marks_over_time(chosen, counts)
    assert [b.label for b in timeline.buckets] == [
        "2023, no month", "2024-11", "2024-12", "2025, no month", "2025-01", "2025-02"]
    assert sum(b.total for b in timeline.buckets) == 4


def test_a_long_span_goes_by_year():
    chosen = articles("2010-05-01", "2012", "2024-01-09")
    timeline = marks_over_time(chosen, {a.id: Counter(actor=2) for a in chosen})
    assert timeline.unit == YEAR
    assert [b.label for b in timeline.buckets][:3] == ["2010", "2011", "2012"]
    assert len(timeline.buckets) == 15
    assert timeline.buckets[2].counts == {"actor": 2}


def test_only_years_or_no_dates_at_all():
    assert marks_over_time(articles("2020", "2022"), {}).unit == YEAR
    empty = marks_over_time(articles("", "n.d."), {"a0": Counter(claim=1)})
    assert empty.buckets == [] and empty.undated == {"claim": 1} and empty.undated_articles == 2


def test_the_library_timeline_comes_from_its_counts(library, tmp_path):
    from tests.helpers.views_library import views_sample

    views_sample(library, tmp_path / "src")
    timeline = library_timeline(library)
    assert timeline.unit == MONTH
    labels = [b.label for b in timeline.buckets]
    assert labels == ["2024, no month", "2025-03", "2025-04"]
    assert timeline.buckets[1].counts == {"claim": 3, "actor": 2, "question": 2}
    assert timeline.undated == {"claim": 1}
