"""Agreement between coders, checked against worked examples done by hand.

Units are characters: a 100-character text, each coder's coding of a code is the set of
characters they marked with it. The arithmetic of each example is written out beside it;
the code must reach the same numbers.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.agreement.alpha import nominal_alpha
from annotations.agreement.coding import choose_coders, coders_of, codes_used, coding_of
from annotations.agreement.intervals import difference, intersection, overlap, size, union
from annotations.agreement.kappa import PairTable
from annotations.agreement.report import ArticleText, compare, report_record
from annotations.errors import GlossatorError
from annotations.model import Annotation


def mark(author: str, start: int, end: int, kind: str = "claim", tags: tuple[str, ...] = (),
         orphaned: bool = False) -> Annotation:
    return Annotation(article="a", kind=kind, exact="x" * (end - start), start=start, end=end,
                      author=author, tags=list(tags), orphaned=orphaned)


def result(report, code):
    return next(c for c in report.codes if c.code == code)


# -- worked example 1: two coders, one claim each, partly over the same words ---------------
#
# Text of 100 characters. Ana marks a claim over [10, 40) (30 characters), Ben over
# [20, 50) (30 characters).
#
#                      Ben coded   Ben not
#     Ana coded            20         10        (both: [20,40); only Ana: [10,20))
#     Ana not              10         60        (only Ben: [40,50); neither: the other 60)
#
# p_o = (20 + 60) / 100                         = 0.80
# p_e = (30·30 + 70·70) / 100² = 5800 / 10000   = 0.58
# κ   = (0.80 − 0.58) / (1 − 0.58) = 0.22/0.42  = 11/21 = 0.523809…
#
# Krippendorff's alpha, nominal, 2 coders × 100 units = n = 200 values:
#   coincidences o(0,0) = 2·60 = 120, o(1,1) = 2·20 = 40, o(0,1) = o(1,0) = 20
#   n_0 = 120 + 20 = 140, n_1 = 40 + 20 = 60
#   α = 1 − (n − 1)·(o(0,1) + o(1,0)) / (2·n_0·n_1) = 1 − 199·40 / 16800 = 1 − 7960/16800
#     = 8840/16800 = 221/420 = 0.526190…

EXAMPLE_1 = [mark("ana", 10, 40), mark("ben", 20, 50)]


def test_worked_example_two_coders_one_claim_each():
    report = compare([ArticleText("a", 100, EXAMPLE_1)], ["ana", "ben"], ["claim"])
    claim = result(report, "claim")
    table = claim.pairs[0]
    assert (table.both, table.only_first, table.only_second, table.neither) == (20, 10, 10, 60)
    assert claim.agreement == pytest.approx(0.80)
    assert table.expected == pytest.approx(0.58)
    assert claim.kappa == pytest.approx(11 / 21)
    assert claim.alpha == pytest.approx(221 / 420)
    assert claim.coded == {"ana": 30, "ben": 30}


# -- worked example 2: one coder used the code, the other did not ---------------------------
#
# Ana marks a question over [0, 10); Ben marks no question.
#     both 0, only Ana 10, only Ben 0, neither 90
# p_o = 90/100 = 0.90;  p_e = (10·0 + 90·100)/100² = 0.90;  κ = 0/0.10 = 0
# α: o(0,0) = 180, o(1,1) = 0, o(0,1) = o(1,0) = 10; n_0 = 190, n_1 = 10
#    α = 1 − 199·20 / (2·190·10) = 1 − 3980/3800 = −180/3800 = −9/190 = −0.047368…

def test_worked_example_one_coder_did_not_use_the_code():
    marks = [mark("ana", 0, 10, kind="question"), mark("ben", 50, 60)]
    question = result(compare([ArticleText("a", 100, marks)], ["ana", "ben"], ["question"]),
                      "question")
    assert question.agreement == pytest.approx(0.90)
    assert question.kappa == 0
    assert question.alpha == pytest.approx(-9 / 190)


# -- worked example 3: a code neither coder used -------------------------------------------
#
# Nobody marks an actor: both 0, only 0, only 0, neither 100.
# p_o = 1, p_e = (0 + 100·100)/100² = 1, κ = (1 − 1)/(1 − 1) = 0/0: not defined.
# α: every value is 0, D_e = 0, α = 0/0: not defined. Both None, no error.

def test_a_code_neither_coder_used_has_no_kappa_and_no_alpha():
    actor = result(compare([ArticleText("a", 100, EXAMPLE_1)], ["ana", "ben"], ["actor"]), "actor")
    assert actor.agreement == 1.0
    assert actor.kappa is None
    assert actor.alpha is None
    record = report_record(compare([ArticleText("a", 100, EXAMPLE_1)], ["ana", "ben"], ["actor"]))
    assert record["codes"][0]["kappa"] is None and record["codes"][0]["alpha"] is None


# -- worked example 4: overlapping marks of one coder count each character once -------------
#
# Ana marks two claims, [10, 30) and [20, 40): together the characters [10, 40), the same
# 30 characters as in example 1, so every figure is example 1's.

def test_overlapping_marks_of_one_coder_count_once():
    marks = [mark("ana", 10, 30), mark("ana", 20, 40), mark("ben", 20, 50)]
    claim = result(compare([ArticleText("a", 100, marks)], ["ana", "ben"], ["claim"]), "claim")
    assert claim.coded["ana"] == 30
    assert claim.kappa == pytest.approx(11 / 21)
    assert claim.alpha == pytest.approx(221 / 420)


# -- worked example 5: three coders ------------------------------------------------------------
#
# A text of 10 characters. Claims: Ana [0, 4), Ben [0, 4), Cy [2, 6).
# Coders coding each character: 0,1 → 2 (Ana, Ben); 2,3 → 3; 4,5 → 1 (Cy); 6–9 → 0.
# A unit with c0 coders saying 0 and c1 saying 1 adds c0(c0−1)/2 to o(0,0), c1(c1−1)/2
# to o(1,1) and c0·c1/2 to o(0,1) (m_u − 1 = 2):
#   units 0,1 (1,2): o11 += 2·1, o01 += 2·1      units 2,3 (0,3): o11 += 2·3
#   units 4,5 (2,1): o00 += 2·1, o01 += 2·1      units 6–9 (3,0): o00 += 4·3
#   o00 = 14, o11 = 8, o01 = o10 = 4; n_0 = 18, n_1 = 12, n = 30
#   α = 1 − 29·8 / (2·18·12) = 1 − 232/432 = 200/432 = 25/54 = 0.462962…
# Pairs: Ana–Ben agree on all 10: p_o = 1, p_e = (4·4 + 6·6)/100 = 0.52, κ = 0.48/0.48 = 1.
#        Ana–Cy: both 2, only 2, only 2, neither 4: p_o = 0.6, p_e = 0.52, κ = 0.08/0.48 = 1/6.

def test_worked_example_three_coders():
    marks = [mark("ana", 0, 4), mark("ben", 0, 4), mark("cy", 2, 6)]
    claim = result(compare([ArticleText("a", 10, marks)], ["ana", "ben", "cy"], ["claim"]),
                   "claim")
    assert claim.alpha == pytest.approx(25 / 54)
    assert claim.agreement == pytest.approx(11 / 15)  # the group's: see fleiss.py, below
    assert claim.kappa == pytest.approx(4 / 9) and claim.kappa_method == "fleiss"
    pairs = {(p.first, p.second): p for p in claim.pairs}
    assert pairs["ana", "ben"].kappa == pytest.approx(1.0)
    assert pairs["ana", "cy"].agreement == pytest.approx(0.6)
    assert pairs["ana", "cy"].kappa == pytest.approx(1 / 6)
    assert pairs["ben", "cy"].kappa == pytest.approx(1 / 6)


# The same three coders as a group, Fleiss' kappa: m = 3, so m(m − 1) = 6 ordered pairs
# per character, of which k(k − 1) + (3 − k)(2 − k) agree:
#   units 0,1 (k = 2): 2 each     units 2,3 (k = 3): 6 each
#   units 4,5 (k = 1): 2 each     units 6–9 (k = 0): 6 each
#   P̄ = (4 + 12 + 4 + 24) / (10·6) = 44/60 = 11/15 = 0.7333…
#     = the mean of the pairs' agreement, (1 + 0.6 + 0.6) / 3
#   p_1 = 12/30, p_0 = 18/30: P̄_e = (144 + 324)/900 = 0.52
#   κ = (11/15 − 13/25) / (1 − 13/25) = (16/75) / (12/25) = 4/9 = 0.4444…

def test_fleiss_kappa_of_a_group_is_exact_and_undefined_when_nobody_used_the_code():
    from annotations.agreement.fleiss import fleiss_kappa

    runs = [(10, [[(0, 4)], [(0, 4)], [(2, 6)]])]
    assert Fraction(fleiss_kappa(runs, 3)).limit_denominator(1000) == Fraction(4, 9)
    assert fleiss_kappa([(10, [[], [], []])], 3) is None
    assert fleiss_kappa([(10, [[(0, 10)]] * 3)], 3) is None
    # With two coders Fleiss' kappa is Scott's pi: example 1 has p_e = ((30+30)/200)² +
    # ((70+70)/200)² = 0.58 either way, so it equals Cohen's 11/21 there.
    assert fleiss_kappa([(100, [[(10, 40)], [(20, 50)]])], 2) == pytest.approx(11 / 21)


# -- worked example 6: two articles taken together ------------------------------------------
#
# Article a (100 characters) is example 1: table (20, 10, 10, 60). Article b (50
# characters): Ana [0, 10), Ben [0, 10): table (10, 0, 0, 40).
# Together: (30, 10, 10, 100), N = 150.
#   p_o = 130/150 = 13/15;  p_e = (40·40 + 110·110)/150² = 13700/22500 = 137/225
#   κ = (13/15 − 137/225)/(1 − 137/225) = (195 − 137)/(225 − 137) = 58/88 = 29/44
# α over the 150 units: o00 = 200, o11 = 60, o01 = o10 = 20; n_0 = 220, n_1 = 80, n = 300
#   α = 1 − 299·40 / (2·220·80) = 1 − 11960/35200 = 23240/35200 = 581/880

def test_articles_taken_together_sum_their_tables():
    other = [mark("ana", 0, 10), mark("ben", 0, 10)]
    report = compare([ArticleText("a", 100, EXAMPLE_1), ArticleText("b", 50, other)],
                     ["ana", "ben"], ["claim"])
    claim = result(report, "claim")
    table = claim.pairs[0]
    assert (table.both, table.only_first, table.only_second, table.neither) == (30, 10, 10, 100)
    assert claim.agreement == pytest.approx(13 / 15)
    assert claim.kappa == pytest.approx(29 / 44)
    assert claim.alpha == pytest.approx(581 / 880)
    per_article = dict(report.by_article)
    assert per_article["a"][0].kappa == pytest.approx(11 / 21)
    assert per_article["b"][0].kappa == pytest.approx(1.0)
    assert report.characters == 150


def test_kappa_is_exact_in_whole_numbers():
    # (N(a+d) − E) / (N² − E) for example 1: (100·80 − 5800) / (10000 − 5800) = 2200/4200.
    table = PairTable("ana", "ben", 20, 10, 10, 60)
    assert Fraction(table.kappa).limit_denominator(1000) == Fraction(11, 21)
    assert PairTable("a", "b", 0, 0, 0, 0).agreement is None
    assert PairTable("a", "b", 100, 0, 0, 0).kappa is None  # both coded everything


def test_a_mark_codes_its_kind_and_its_tags():
    marks = [mark("ana", 0, 10, tags=("funding",)), mark("ben", 0, 10, kind="funding")]
    coding = coding_of(marks, 100, ["ana", "ben"])
    assert coding["funding"] == {"ana": [(0, 10)], "ben": [(0, 10)]}
    assert coding["claim"] == {"ana": [(0, 10)]}
    assert codes_used(marks, ["ana", "ben"]) == ["claim", "actor", "question", "funding"]


def test_orphans_and_marks_without_an_author_are_left_out():
    marks = [mark("ana", 0, 10), mark("", 0, 50), mark("ben", 0, 10, orphaned=True)]
    assert coders_of(marks) == ["ana"]
    assert coding_of(marks, 100, ["ana", "ben"])["claim"] == {"ana": [(0, 10)]}


def test_marks_past_the_end_are_clipped_to_the_text():
    assert union([(90, 120), (95, 99)], 100) == [(90, 100)]


def test_alpha_of_one_coder_is_not_defined():
    assert nominal_alpha([(100, [[(0, 10)]])], coders=1) is None
    assert nominal_alpha([(0, [[], []])], coders=2) is None


def test_character_sets():
    first, second = [(0, 10), (20, 30)], [(5, 25)]
    assert overlap(first, second) == 10
    assert intersection(first, second) == [(5, 10), (20, 25)]
    assert difference(first, second) == [(0, 5), (25, 30)]
    assert difference(second, first) == [(10, 20)]
    assert size(union([(3, 5), (0, 2), (1, 4)], 10)) == 5


# -- choosing the coders ----------------------------------------------------------------------

def test_coders_are_everyone_who_marked_unless_named():
    assert choose_coders(["ana", "ben"]) == ["ana", "ben"]
    assert choose_coders(["ana", "ben", "cy"], ["Cy", "ana"]) == ["cy", "ana"]


def test_a_named_coder_who_marked_other_articles_coded_nothing_here():
    assert choose_coders(["ana"], ["ana", "ben"], elsewhere=lambda: ["ana", "ben"]) == ["ana", "ben"]


@pytest.mark.parametrize(("here", "wanted", "message"), [
    (["ana"], [], "all by ana"),
    ([], [], "none with an author"),
    (["ana", "ben"], ["ana"], "two names or more"),
    (["ana", "ben"], ["ana", "zed"], "no coder 'zed'"),
])
def test_too_few_or_unknown_coders_are_one_clear_line(here, wanted, message):
    with pytest.raises(GlossatorError, match=message):
        choose_coders(here, wanted, elsewhere=lambda: ["ana", "ben"])


# -- the runs arithmetic against character-by-character counting ---------------------------

spans = st.lists(st.tuples(st.integers(-5, 70), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=6)


@settings(max_examples=150, deadline=None)
@given(length=st.integers(1, 60), first=spans, second=spans, third=spans)
def test_runs_count_what_characters_one_by_one_count(length, first, second, third):
    marks = ([mark("ana", s, e) for s, e in first] + [mark("ben", s, e) for s, e in second]
             + [mark("cy", s, e) for s, e in third])
    marks = [m for m in marks if m.end > m.start]
    coded = {coder: {i for m in marks if m.author == coder for i in range(max(0, m.start),
                                                                         min(length, m.end))}
             for coder in ("ana", "ben", "cy")}
    claim = result(compare([ArticleText("a", length, marks)], ["ana", "ben", "cy"], ["claim"]),
                   "claim")
    table = next(p for p in claim.pairs if (p.first, p.second) == ("ana", "ben"))
    a, b = coded["ana"], coded["ben"]
    assert table.both == len(a & b)
    assert (table.only_first, table.only_second) == (len(a - b), len(b - a))
    assert table.neither == length - len(a | b)
    # Alpha as the package computes it from the plain reliability matrix, one row a coder.
    import krippendorff
    import numpy as np

    matrix = np.array([[1 if i in coded[c] else 0 for i in range(length)] for c in coded])
    if len(np.unique(matrix)) < 2:
        assert claim.alpha is None
    else:
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert claim.alpha == pytest.approx(expected)
