"""Marks over time: how many claims, actors, questions and tagged marks the library holds,
by the date of the articles they are in (`published`: YYYY, YYYY-MM or YYYY-MM-DD).

Months, or years when the dated articles span more than `MAX_MONTHS` months (a chart of
more rows than that is read as years anyway). Every month (or year) between the first
and the last is there, empty ones included, so the gaps show. An article dated to the
year only has no month: in a chart by month its marks are a bucket of that year of
their own ("2024, no month"), before that year's first month on the chart, rather than
put in a month they were not; the span of months is that of the articles dated to the
month. Articles without a usable date are counted apart (`undated`).

Built from `Library.all_counts`, which is cached: drawing the chart reads no mark.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from annotations.model import ACTOR, CLAIM, QUESTION, Article
from annotations.store import Library

TAGGED = "tag"
SERIES = (CLAIM, ACTOR, QUESTION, TAGGED)
"""What a bucket counts: each built-in kind, and every mark of a codebook tag together."""
MAX_MONTHS = 36
MONTH, YEAR = "month", "year"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class Bucket:
    label: str
    """`2024-03`, `2024`, or `2024, no month`."""
    counts: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Timeline:
    unit: str
    """`month` or `year`."""
    buckets: list[Bucket] = field(default_factory=list)
    undated: Counter[str] = field(default_factory=Counter)
    undated_articles: int = 0

    @property
    def peak(self) -> int:
        return max((b.total for b in self.buckets), default=0)


def article_date(published: str) -> tuple[int, int | None] | None:
    """(year, month or None) of a `published` value; None when it holds no usable date."""
    match = _DATE.match(published.strip())
    if not match:
        return None
    year, month = int(match.group(1)), match.group(2)
    if year < 1 or (month is not None and not 1 <= int(month) <= 12):
        return None
    return year, int(month) if month else None


def series_counts(counts: Counter[str]) -> Counter[str]:
    """An article's marks per kind, every codebook tag counted as `tag`."""
    result: Counter[str] = Counter()
    for kind, n in counts.items():
        result[kind if kind in (CLAIM, ACTOR, QUESTION) else TAGGED] += n
    return result


def marks_over_time(articles: Sequence[Article], counts: Mapping[str, Counter[str]],
                    max_months: int = MAX_MONTHS) -> Timeline:
    dated: list[tuple[int, int | None, Counter[str]]] = []
    undated: Counter[str] = Counter()
    undated_articles = 0
    for article in articles:
        marks = series_counts(counts.get(article.id, Counter()))
        when = article_date(article.published)
        if when is None:
            undated += marks
            undated_articles += 1
        else:
            dated.append((when[0], when[1], marks))
    timeline = Timeline(YEAR, undated=undated, undated_articles=undated_articles)
    months = [_month_index(year, month) for year, month, _ in dated if month is not None]
    if months and max(months) - min(months) + 1 <= max_months:
        timeline.unit = MONTH
        timeline.buckets = _monthly(dated, min(months), max(months))
    else:
        timeline.buckets = _yearly(dated)
    return timeline


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _yearly(dated: list[tuple[int, int | None, Counter[str]]]) -> list[Bucket]:
    totals: dict[int, Counter[str]] = {}
    for year, _, marks in dated:
        totals.setdefault(year, Counter()).update(marks)
    if not totals:
        return []
    return [Bucket(str(y), totals.get(y, Counter())) for y in range(min(totals), max(totals) + 1)]


def _monthly(dated: list[tuple[int, int | None, Counter[str]]], first: int,
             last: int) -> list[Bucket]:
    """Every month from `first` to `last`; a year's "no month" bucket just before its
    first month shown (or before or after them all, for a year outside the span)."""
    months: dict[int, Counter[str]] = {}
    year_only: dict[int, Counter[str]] = {}
    for year, month, marks in dated:
        if month is None:
            year_only.setdefault(year, Counter()).update(marks)
        else:
            months.setdefault(_month_index(year, month), Counter()).update(marks)

    def no_month(year: int) -> Bucket:
        return Bucket(f"{year}, no month", year_only.pop(year))

    first_year, last_year = first // 12, last // 12
    buckets = [no_month(y) for y in sorted(y for y in year_only if y < first_year)]
    for index in range(first, last + 1):
        year, month = divmod(index, 12)
        if year in year_only:
            buckets.append(no_month(year))
        buckets.append(Bucket(f"{year:04d}-{month + 1:02d}", months.get(index, Counter())))
    buckets += [no_month(y) for y in sorted(y for y in year_only if y > last_year)]
    return buckets


def library_timeline(library: Library) -> Timeline:
    """The library's marks over time (from the cached counts)."""
    return marks_over_time(library.articles(), library.all_counts())
