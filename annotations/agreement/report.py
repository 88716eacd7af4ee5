"""The agreement of chosen coders over chosen articles, per code: what `glossator agreement`
prints and `--json` gives.

Each article is compared on its own (NVivo's rows: one per code and source), and the
articles' characters are also taken together as one text, for one figure per code: its
2×2 table is the sum of the articles' tables, so its percentage agreement is the
articles' agreement weighted by their length, which is how NVivo's help says to average
across sources. Alpha is computed over the pooled characters the same way.

`agreement` and `kappa` of a code are the pair's with two coders (percentage agreement,
Cohen's kappa), the group's with three or more: the mean of every pair's percentage
agreement, and Fleiss' kappa (fleiss.py); `kappa_method` says which ("cohen",
"fleiss"), and `pairs` has every pair's own figures either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotations.agreement.alpha import nominal_alpha
from annotations.agreement.coding import Coding, coding_of
from annotations.agreement.fleiss import fleiss_kappa
from annotations.agreement.intervals import size
from annotations.agreement.kappa import PairTable, pair_table
from annotations.model import Annotation


@dataclass(frozen=True)
class ArticleText:
    """What the comparison needs of one article: its id, its text's length, its marks."""

    id: str
    length: int
    marks: Sequence[Annotation]


@dataclass(frozen=True)
class CodeAgreement:
    code: str
    characters: int
    coded: dict[str, int]
    """Coder → how many characters they coded with this code."""
    pairs: tuple[PairTable, ...]
    """Every pair of coders, in the order the coders were given."""
    alpha: float | None
    group_kappa: float | None = None
    """Fleiss' kappa of three coders or more (fleiss.py); None for two."""

    @property
    def agreement(self) -> float | None:
        """Percentage agreement (0–1): of the two coders, or with three or more the mean of
        every pair's (Fleiss' observed agreement, fleiss.py); None for no characters."""
        if len(self.pairs) == 1:
            return self.pairs[0].agreement
        found = [p.agreement for p in self.pairs]
        if not found or any(a is None for a in found):
            return None
        return sum(a for a in found if a is not None) / len(found)

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa of the two coders; Fleiss' kappa of three or more."""
        return self.pairs[0].kappa if len(self.pairs) == 1 else self.group_kappa

    @property
    def kappa_method(self) -> str:
        return "cohen" if len(self.pairs) == 1 else "fleiss"


@dataclass(frozen=True)
class AgreementReport:
    coders: tuple[str, ...]
    codes: tuple[CodeAgreement, ...]
    """Per code, over every chosen article's characters together."""
    by_article: tuple[tuple[str, tuple[CodeAgreement, ...]], ...] = field(default=())
    """Per article, per code."""
    characters: int = 0


def compare(texts: Sequence[ArticleText], coders: Sequence[str],
            codes: Sequence[str]) -> AgreementReport:
    """How far `coders` agree on each of `codes` in `texts`."""
    coders = tuple(coders)
    codings = [coding_of(t.marks, t.length, coders) for t in texts]
    by_article = tuple(
        (text.id, tuple(_code_agreement(code, [(text.length, coding)], coders) for code in codes))
        for text, coding in zip(texts, codings, strict=True)
    )
    if len(texts) == 1:
        pooled = by_article[0][1]
    else:
        both = [(t.length, c) for t, c in zip(texts, codings, strict=True)]
        pooled = tuple(_code_agreement(code, both, coders) for code in codes)
    return AgreementReport(coders, pooled, by_article, sum(t.length for t in texts))


def _code_agreement(code: str, texts: Sequence[tuple[int, Coding]],
                    coders: tuple[str, ...]) -> CodeAgreement:
    characters = sum(length for length, _ in texts)
    runs = [(length, [coding.get(code, {}).get(coder, []) for coder in coders])
            for length, coding in texts]
    coded = {coder: sum(size(per_coder[i]) for _, per_coder in runs)
             for i, coder in enumerate(coders)}
    pairs = []
    for i, j in combinations(range(len(coders)), 2):
        table = PairTable(coders[i], coders[j], 0, 0, 0, 0)
        for length, per_coder in runs:
            table = table + pair_table(coders[i], coders[j], per_coder[i], per_coder[j], length)
        pairs.append(table)
    group = fleiss_kappa(runs, len(coders)) if len(coders) > 2 else None
    return CodeAgreement(code, characters, coded, tuple(pairs), nominal_alpha(runs, len(coders)),
                         group)


def report_record(report: AgreementReport) -> dict[str, Any]:
    """The documented shape of `agreement --json` (keys are added, never renamed)."""
    return {
        "coders": list(report.coders),
        "articles": [article for article, _ in report.by_article],
        "characters": report.characters,
        "codes": [code_record(c) for c in report.codes],
        "by_article": [{"article": article, "characters": codes[0].characters if codes else 0,
                        "codes": [code_record(c) for c in codes]}
                       for article, codes in report.by_article],
    }


def code_record(result: CodeAgreement) -> dict[str, Any]:
    two = result.pairs[0] if len(result.pairs) == 1 else None
    return {
        "code": result.code,
        "agreement": result.agreement,
        "kappa": result.kappa,
        "kappa_method": result.kappa_method,
        "alpha": result.alpha,
        "characters": result.characters,
        "coded": dict(result.coded),
        "both": two.both if two else None,
        "only": {two.first: two.only_first, two.second: two.only_second} if two else None,
        "neither": two.neither if two else None,
        "pairs": [_pair_record(p) for p in result.pairs],
    }


def _pair_record(table: PairTable) -> dict[str, Any]:
    return {"coders": [table.first, table.second], "agreement": table.agreement,
            "expected": table.expected, "kappa": table.kappa, "both": table.both,
            "only": {table.first: table.only_first, table.second: table.only_second},
            "neither": table.neither}
