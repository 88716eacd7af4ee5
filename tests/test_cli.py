"""The command line as a researcher uses it: add, list, read, mark, look back, export, remove."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from annotations.store import Library
from reader.cli import main
from tests.conftest import FIXTURES
from tests.helpers.library import write_sample

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture
def tram(cli, tmp_path) -> str:
    """The sample article, added through the CLI; its id."""
    result = cli("add", str(write_sample(tmp_path / "src")))
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()[1]


def annotate(cli, article: str, *args: str) -> str:
    result = cli("annotate", article, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


# -- add and list ------------------------------------------------------------------------


def test_add_prints_one_line_per_article_and_says_when_it_already_exists(cli, tmp_path):
    sample = write_sample(tmp_path / "src")
    first = cli("add", str(sample), str(FIXTURES / "allotment-minutes.txt"))
    assert first.exit_code == 0 and first.stderr == ""
    assert first.stdout.splitlines() == [
        "added tram-extension-splits Tram extension splits the valley towns",
        "added allotment-society-minutes Allotment society minutes, April meeting",
    ]
    again = cli("add", str(sample))
    assert again.stdout.strip() == (
        "exists tram-extension-splits Tram extension splits the valley towns")
    assert len(Library.open(tmp_path / "library").articles()) == 2


def test_add_with_metadata_flags(cli):
    result = cli("add", str(FIXTURES / "allotment-minutes.txt"), "--title", "April minutes",
                 "--author", "Jo Haskett", "--author", "Sam Oduya", "--site", "Allotment News",
                 "--date", "2024-04", "--url", "https://allotments.example/april",
                 "--tag", "local", "--tag", "water")
    assert result.stdout.strip() == "added april-minutes April minutes"
    [record] = json.loads(cli("list", "--json").stdout)
    assert (record["title"], record["authors"], record["site"], record["published"],
            record["url"]) == ("April minutes", ["Jo Haskett", "Sam Oduya"], "Allotment News",
                               "2024-04", "https://allotments.example/april")


def test_list_shows_articles_with_counts_and_json_has_the_documented_shape(cli, tram):
    annotate(cli, tram, "--kind", "claim", "--quote", "wildly optimistic")
    annotate(cli, tram, "--kind", "claim", "--quote", "9,000 passengers a day",
             "--occurrence", "1")
    annotate(cli, tram, "--kind", "question", "--quote", "Who will pay")
    table = cli("list").stdout.splitlines()
    assert table[0].split() == ["ID", "MARKS", "DATE", "SITE", "TITLE"]
    assert table[1].split()[:5] == [tram, "2c", "1q", "2024-06-02", "The"]
    assert "Tram extension splits the valley towns" in table[1]
    [record] = json.loads(cli("list", "--json").stdout)
    assert {"id", "title", "authors", "site", "published", "url", "added",
            "annotations"} <= record.keys()
    assert (record["id"], record["annotations"], record["counts"]) == (
        tram, 3, {"claim": 2, "question": 1})
    assert record["authors"] == ["Orla Brennan", "Kofi Mensah"]


def test_an_empty_library_says_how_to_start(cli):
    result = cli("list")
    assert result.exit_code == 0 and "glossator add" in result.stdout
    assert json.loads(cli("list", "--json").stdout) == []


# -- text, annotate, annotations -------------------------------------------------------


def test_text_prints_the_plain_article_text_by_id_prefix(cli, tram):
    text = cli("text", tram[:5]).stdout
    assert text.startswith("Tram extension splits the valley towns\n\nThe regional authority")
    assert "**" not in text and "---" not in text and "title:" not in text
    assert "- Construction" not in text and "Construction is due to start" in text


def test_a_claim_marked_from_the_command_line_sits_at_its_quote(cli, tram):
    text = cli("text", tram).stdout.rstrip("\n")
    annotation_id = annotate(cli, tram, "--kind", "claim",
                             "--quote", "carry   9,000\npassengers a day", "--occurrence", "1",
                             "--note", "Model unpublished.", "--speaker", "The regional authority",
                             "--tag", "numbers")
    assert UUID.match(annotation_id)
    [record] = json.loads(cli("annotations", tram, "--json").stdout)
    assert {"id", "article", "kind", "quote", "prefix", "suffix", "start", "end", "note", "tags",
            "speaker", "status", "created", "updated"} <= record.keys()
    assert record["id"] == annotation_id and record["article"] == tram
    assert record["quote"] == "carry 9,000 passengers a day"
    assert text[record["start"]:record["end"]] == record["quote"]
    assert record["prefix"] == text[record["start"] - 32:record["start"]]
    assert record["suffix"] == text[record["end"]:record["end"] + 32]
    assert (record["kind"], record["status"], record["note"], record["tags"],
            record["speaker"]) == ("claim", "unverified", "Model unpublished.", ["numbers"],
                                   "The regional authority")
    assert record["created"] == record["updated"]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", record["created"])


def test_an_ambiguous_quote_needs_an_occurrence(cli, tram):
    result = cli("annotate", tram, "--kind", "claim", "--quote", "9,000")
    assert result.exit_code == 1
    assert "occurs 2 times" in result.stderr and "--occurrence" in result.stderr
    second = annotate(cli, tram, "--kind", "claim", "--quote", "9,000", "--occurrence", "2")
    [record] = json.loads(cli("annotations", "--json").stdout)
    text = cli("text", tram).stdout
    assert record["id"] == second and record["start"] == text.rindex("9,000")


def test_annotations_lists_one_article_or_all_filtered_by_kind(cli, tram, tmp_path):
    other = cli("add", str(FIXTURES / "allotment-minutes.txt")).stdout.split()[1]
    claim = annotate(cli, tram, "--kind", "claim", "--quote", "wildly optimistic")
    mention = annotate(cli, other, "--kind", "actor", "--quote", "Mr Haskett")
    everything = cli("annotations").stdout.splitlines()
    assert [line.split()[:3] for line in everything] == [
        [claim[:8], tram, "claim"], [mention[:8], other, "actor"]]
    assert "actor: Mr Haskett" in everything[1]
    only_tram = cli("annotations", tram).stdout.splitlines()
    assert len(only_tram) == 1 and only_tram[0].startswith(claim[:8])
    actors_only = json.loads(cli("annotations", "--kind", "actor", "--json").stdout)
    assert [a["id"] for a in actors_only] == [mention]
    assert actors_only[0]["actor"] == "Mr Haskett"


def test_actors_gathers_mentions_and_claims_across_articles(cli, tram):
    other = cli("add", str(FIXTURES / "allotment-minutes.txt")).stdout.split()[1]
    annotate(cli, tram, "--kind", "actor", "--quote", "Councillor Dana Whitlock")
    annotate(cli, tram, "--kind", "claim", "--quote", "wildly optimistic",
             "--speaker", "councillor  dana whitlock")
    annotate(cli, other, "--kind", "actor", "--quote", "Mr Haskett")
    records = json.loads(cli("actors", "--json").stdout)
    assert [r["name"] for r in records] == ["Councillor Dana Whitlock", "Mr Haskett"]
    whitlock = records[0]
    assert (len(whitlock["mentions"]), len(whitlock["claims"]), whitlock["articles"]) == (
        1, 1, [tram])
    assert cli("actors").stdout.splitlines()[0] == (
        "Councillor Dana Whitlock [person]: 1 mention(s), 1 claim(s) in 1 article(s)")


def test_rm_removes_the_article_and_its_marks(cli, tram):
    annotate(cli, tram, "--kind", "claim", "--quote", "wildly optimistic")
    result = cli("rm", tram)
    assert result.stdout.strip() == (
        f"removed {tram} Tram extension splits the valley towns (1 annotation(s))")
    assert json.loads(cli("list", "--json").stdout) == []
    assert cli("text", tram).exit_code == 1


# -- export ------------------------------------------------------------------------------


def test_export_markdown_to_stdout_a_file_and_json_csv(cli, tram, tmp_path):
    claim = annotate(cli, tram, "--kind", "claim", "--quote", "wildly optimistic")
    note = cli("export", tram, "--format", "markdown").stdout
    assert note.startswith("---\ntitle: Tram extension splits the valley towns\n")
    assert f"^gl-{claim.replace('-', '')[:8]}" in note
    written = cli("export", tram, "--format", "markdown", "-o", str(tmp_path / "tram.md"))
    assert written.stdout == "" and f"wrote {tmp_path / 'tram.md'}" in written.stderr
    assert (tmp_path / "tram.md").read_text("utf-8") == note
    [exported] = json.loads(cli("export", tram, "--format", "json").stdout)
    assert exported["annotations"][0]["quote"] == "wildly optimistic"
    rows = list(csv.DictReader(io.StringIO(cli("export", "--all", "--format", "csv").stdout)))
    assert [(r["id"], r["quote"], r["kind"]) for r in rows] == [
        (claim, "wildly optimistic", "claim")]


def test_export_needs_articles_or_all_and_a_folder_for_many(cli, tram):
    cli("add", str(FIXTURES / "allotment-minutes.txt"))
    assert "--all" in cli("export", "--format", "markdown").stderr
    many = cli("export", "--all", "--format", "markdown")
    assert many.exit_code == 1 and "-o DIR" in many.stderr


# -- where the library is ----------------------------------------------------------------


def test_the_library_comes_from_the_flag_the_environment_or_the_user_data_folder(
        tmp_path, monkeypatch):
    runner = CliRunner()
    sample = str(write_sample(tmp_path / "src"))
    from_env = tmp_path / "env-library"
    monkeypatch.setenv("GLOSSATOR_LIBRARY", str(from_env))
    assert runner.invoke(main, ["add", sample]).exit_code == 0
    assert Library.open(from_env).articles()[0].id == "tram-extension-splits"
    flagged = tmp_path / "flag-library"
    assert runner.invoke(main, ["list", "--library", str(flagged)]).exit_code == 0
    assert runner.invoke(main, ["--library", str(flagged), "add", sample]).exit_code == 0
    assert len(Library.open(flagged).articles()) == 1
    monkeypatch.delenv("GLOSSATOR_LIBRARY")
    assert runner.invoke(main, ["add", sample]).exit_code == 0
    # conftest points XDG_DATA_HOME into a temp folder; platformdirs puts the library there
    import os

    default = os.path.join(os.environ["XDG_DATA_HOME"], "glossator", "library")
    assert [a.id for a in Library.open(default).articles()] == ["tram-extension-splits"]


def test_the_real_program_runs_as_its_own_process(cli_process, tmp_path):
    added = cli_process("add", str(write_sample(tmp_path / "src")))
    assert added.exit_code == 0, added.stderr
    article = added.stdout.split()[1]
    marked = cli_process("annotate", article, "--kind", "question", "--quote", "Who will pay")
    assert marked.exit_code == 0 and UUID.match(marked.stdout.strip())
    listed = json.loads(cli_process("annotations", "--json").stdout)
    assert [a["id"] for a in listed] == [marked.stdout.strip()]
    assert cli_process("--help").stdout.startswith("Usage:")


# -- control characters in article text never reach the terminal -------------------------

HOSTILE = ("# Hostile \x1b[2J title\n\n"
           "Plain words then \x1b]52;c;ZXZpbA==\x07 clipboard grab, a \x9b31m C1 colour and "
           "\x1b[2J clear and a \x1bP device string \x1b\\ and \x07 bell.\n")
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_escape_sequences_in_an_article_never_reach_stdout(cli, tmp_path):
    source = tmp_path / "hostile.md"
    source.write_text(HOSTILE, encoding="utf-8")
    added = cli("add", str(source))
    article = added.stdout.split()[1]
    result = cli("annotate", article, "--kind", "claim",
                 "--quote", "then \x1b]52;c;ZXZpbA==\x07 clipboard grab, a \x9b31m C1",
                 "--note", "note with \x1b[31m red", "--speaker", "Evil \x1b[5m Blink")
    assert result.exit_code == 0, result.stderr
    annotate(cli, article, "--kind", "actor", "--quote", "Hostile \x1b[2J title")
    outputs = {
        "add": added.stdout,
        "list": cli("list").stdout,
        "list --json": cli("list", "--json").stdout,
        "text": cli("text", article).stdout,
        "annotations": cli("annotations").stdout,
        "annotations --json": cli("annotations", "--json").stdout,
        "actors": cli("actors").stdout,
        "export markdown": cli("export", article, "--format", "markdown").stdout,
        "export json": cli("export", article, "--format", "json").stdout,
        "export csv": cli("export", article, "--format", "csv").stdout,
    }
    for name, output in outputs.items():
        assert not _TERMINAL_CONTROLS.search(output.replace("\n", "").replace("\t", "")), name
    assert "␛]52;c;ZXZpbA==␇ clipboard" in outputs["text"]  # shown, not obeyed, not lost
    assert json.loads(outputs["annotations --json"])[1]["quote"].startswith("then \x1b]52")


# -- the demo library `make run` opens -----------------------------------------------------


def test_the_demo_library_holds_the_sample_with_its_marks_and_is_made_once(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    folder = tmp_path / "demo-library"
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "reader.demo", str(folder)], cwd=REPO,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and done.stderr == "", done.stderr
    library = Library.open(folder)
    [article] = library.articles()
    assert article.title == "Port Aldwick council backs harbour dredging despite doubts over cost"
    marks = library.annotations(article.id)
    assert sorted(m.kind for m in marks) == ["actor", "actor", "claim", "claim", "question"]
    speakers = {library.actor(m.speaker).name for m in marks if m.speaker}
    assert speakers == {"Helen Achterberg"}
    text = library.body(article)
    assert all(m.exact.split()[0] in text for m in marks)
