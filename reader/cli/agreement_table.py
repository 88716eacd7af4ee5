"""How `glossator agreement` lays out its figures for people (scripts take `--json`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from annotations.agreement.report import AgreementReport, CodeAgreement
from annotations.textsafety import excerpt

NOT_DEFINED = "n/a"


def percent(value: float | None) -> str:
    return NOT_DEFINED if value is None else f"{value * 100:.2f}%"


def coefficient(value: float | None) -> str:
    return NOT_DEFINED if value is None else f"{value:.4f}"


def report_lines(report: AgreementReport) -> Iterator[str]:
    articles = len(report.by_article)
    yield (f"{_names(report.coders)} · {articles} article{'s' if articles != 1 else ''} · "
           f"{report.characters:,} characters")
    yield ""
    width = max([len(c.code) for c in report.codes] + [4])
    if len(report.coders) == 2:
        yield from _pair_table(report.codes, report.coders, width)
    else:
        yield from _group_table(report.codes, report.coders, width)
    if articles > 1:
        yield ""
        yield "by article:"
        id_width = max(len(article) for article, _ in report.by_article)
        for article, codes in report.by_article:
            for result in codes:
                yield f"  {article:<{id_width}}  {_short(result, width)}"
    if any(c.alpha is None or any(p.kappa is None for p in c.pairs) for c in report.codes):
        yield ""
        yield (f"{NOT_DEFINED}: not defined (0/0), where nobody used the code, or everybody "
               "coded every character")


def _pair_table(codes: Sequence[CodeAgreement], coders: Sequence[str], width: int) -> Iterator[str]:
    first, second = (excerpt(c, 12) for c in coders)
    only = max(len(first), len(second)) + 5
    yield (f"{'code':<{width}}  {'agreement':>9}  {'kappa':>7}  {'alpha':>7}  {'both':>8}  "
           f"{'only ' + first:>{only}}  {'only ' + second:>{only}}  {'neither':>9}")
    for result in codes:
        pair = result.pairs[0]
        yield (f"{result.code:<{width}}  {percent(result.agreement):>9}  "
               f"{coefficient(result.kappa):>7}  {coefficient(result.alpha):>7}  {pair.both:>8}  "
               f"{pair.only_first:>{only}}  {pair.only_second:>{only}}  {pair.neither:>9}")


def _group_table(codes: Sequence[CodeAgreement], coders: Sequence[str], width: int) -> Iterator[str]:
    names = [excerpt(c, 12) for c in coders]
    columns = "  ".join(f"{n:>{max(len(n), 6)}}" for n in names)
    yield (f"{'code':<{width}}  {'agreement':>9}  {'kappa':>7}  {'alpha':>7}  "
           f"characters coded by: {columns}")
    for result in codes:
        counts = "  ".join(f"{result.coded[c]:>{max(len(n), 6)}}" for c, n in zip(coders, names,
                                                                                   strict=True))
        yield (f"{result.code:<{width}}  {percent(result.agreement):>9}  "
               f"{coefficient(result.kappa):>7}  {coefficient(result.alpha):>7}  {'':21} {counts}")
    yield ""
    yield ("agreement: the mean of every pair's; kappa: Fleiss' kappa of the group; "
           "alpha: Krippendorff's")
    yield ""
    yield "pairs (percentage agreement, Cohen's kappa):"
    for result in codes:
        pairs = " · ".join(f"{p.first}–{p.second} {percent(p.agreement)} κ {coefficient(p.kappa)}"
                           for p in result.pairs)
        yield f"  {result.code:<{width}}  {pairs}"


def _short(result: CodeAgreement, width: int) -> str:
    return (f"{result.code:<{width}}  {percent(result.agreement):>9}  κ {coefficient(result.kappa):>7}"
            f"  α {coefficient(result.alpha):>7}")


def _names(coders: Sequence[str]) -> str:
    if len(coders) == 2:
        return f"{coders[0]} and {coders[1]}"
    return f"{', '.join(coders[:-1])} and {coders[-1]}"
