"""`glossator agreement`: two teammates mark the same article under their own names, and
the command reports per code how far they agree, as a table and as JSON."""

from __future__ import annotations

import json

import pytest

# 100 characters; the claims below cover [10, 40) and [20, 50), worked example 1 of
# tests/test_agreement.py: κ = 11/21, α = 221/420.
TEXT = "The mayor said that a new bridge opens in May, and engineers doubt it. Nobody knows who pays for it."
ANA_CLAIM = TEXT[10:40]
BEN_CLAIM = TEXT[20:50]
QUESTION = TEXT[71:100]


@pytest.fixture
def article(cli, tmp_path, monkeypatch):
    assert len(TEXT) == 100
    source = tmp_path / "bridge.txt"
    source.write_text(TEXT + "\n", encoding="utf-8")
    assert cli("add", str(source), "--title", "Bridge").exit_code == 0

    def mark(author: str, kind: str, quote: str, *extra: str) -> None:
        monkeypatch.setenv("GLOSSATOR_AUTHOR", author)
        assert cli("annotate", "bridge", "--kind", kind, "--quote", quote, *extra).exit_code == 0

    mark("ana", "claim", ANA_CLAIM)
    mark("ben", "claim", BEN_CLAIM)
    # Ana asks a question Ben did not: question 0 both, 29 only Ana, 71 neither.
    # p_o = 0.71, p_e = (29·0 + 71·100)/100² = 0.71, κ = 0;
    # α = 1 − 199·(2·29) / (2·171·29) = 1 − 199/171 = −28/171.
    mark("ana", "question", QUESTION)
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "tester")
    return "bridge"


def test_the_table_gives_agreement_kappa_and_alpha_per_code(cli, article):
    result = cli("agreement", article)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ana and ben · 1 article · 100 characters"
    claim = next(line for line in lines if line.startswith("claim"))
    assert claim.split() == ["claim", "80.00%", "0.5238", "0.5262", "20", "10", "10", "60"]
    actor = next(line for line in lines if line.startswith("actor"))
    assert actor.split()[:4] == ["actor", "100.00%", "n/a", "n/a"]
    question = next(line for line in lines if line.startswith("question"))
    assert question.split()[:4] == ["question", "71.00%", "0.0000", "-0.1637"]
    assert "n/a: not defined" in result.stdout


def test_json_gives_the_figures_and_the_counts(cli, article):
    result = cli("agreement", article, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["coders"] == ["ana", "ben"]
    assert data["articles"] == ["bridge"]
    assert data["characters"] == 100
    codes = {c["code"]: c for c in data["codes"]}
    assert list(codes) == ["claim", "actor", "question"]
    claim = codes["claim"]
    assert claim["agreement"] == pytest.approx(0.8)
    assert claim["kappa"] == pytest.approx(11 / 21)
    assert claim["alpha"] == pytest.approx(221 / 420)
    assert (claim["both"], claim["only"], claim["neither"]) == (20, {"ana": 10, "ben": 10}, 60)
    assert claim["coded"] == {"ana": 30, "ben": 30}
    assert claim["pairs"][0]["expected"] == pytest.approx(0.58)
    assert codes["actor"]["kappa"] is None and codes["actor"]["alpha"] is None
    assert codes["question"]["kappa"] == 0
    assert codes["question"]["alpha"] == pytest.approx(-28 / 171)
    assert data["by_article"][0]["article"] == "bridge"


def test_kind_picks_one_code(cli, article):
    data = json.loads(cli("agreement", article, "--kind", "claim", "--json").stdout)
    assert [c["code"] for c in data["codes"]] == ["claim"]


def test_all_compares_every_article(cli, article):
    data = json.loads(cli("agreement", "--all", "--json").stdout)
    assert data["articles"] == ["bridge"]


def test_a_third_coder_gets_alpha_for_the_group_and_kappa_per_pair(cli, article, monkeypatch):
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "cy")
    assert cli("annotate", article, "--kind", "claim", "--quote", ANA_CLAIM).exit_code == 0
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "tester")
    result = cli("agreement", article, "--kind", "claim")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("ana, ben and cy")
    assert "ana–cy 100.00% κ 1.0000" in result.stdout
    data = json.loads(cli("agreement", article, "--kind", "claim", "--json").stdout)
    claim = data["codes"][0]
    assert claim["kappa_method"] == "fleiss" and claim["kappa"] is not None
    assert claim["agreement"] == pytest.approx(
        sum(p["agreement"] for p in claim["pairs"]) / 3)  # the mean of the pairs'
    assert claim["both"] is None
    assert len(claim["pairs"]) == 3
    assert claim["alpha"] is not None
    two = json.loads(cli("agreement", article, "--coders", "ana,ben", "--json").stdout)
    assert two["codes"][0]["kappa"] == pytest.approx(11 / 21)
    assert two["codes"][0]["kappa_method"] == "cohen"


@pytest.mark.parametrize(("args", "message"), [
    ((), "name the articles to compare, or pass --all"),
    (("bridge", "--all"), "not both"),
    (("bridge", "--coders", "ana"), "two names or more"),
    (("bridge", "--coders", ","), "names no coder"),
    (("bridge", "--coders", " , "), "names no coder"),
    (("bridge", "--coders", "ana,zed"), "no coder 'zed'"),
    (("bridge", "--kind", "nope"), "unknown kind 'nope'"),
    (("nosuch",), "no article 'nosuch'"),
])
def test_bad_requests_are_one_line(cli, article, args, message):
    result = cli("agreement", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_one_coder_only_says_what_to_do(cli, tmp_path):
    source = tmp_path / "solo.txt"
    source.write_text(TEXT + "\n", encoding="utf-8")
    cli("add", str(source), "--title", "Solo")
    cli("annotate", "solo", "--kind", "claim", "--quote", ANA_CLAIM)
    result = cli("agreement", "solo")
    assert result.exit_code == 1
    assert "marks by two coders or more, and these marks are all by tester" in result.stderr
