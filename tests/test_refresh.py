"""Articles change: `refresh` reads the source again, keeps the old text as a version,
finds every mark again and says how; `versions` and `diff` show what changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotations.store import Library
from tests.helpers.library import snapshot
from tests.test_bad_input import assert_refused

FIRST = """\
---
title: Ferry timetable cut for the winter
author: Ines Okafor
site: The Estuary Gazette
---

The ferry operator will run four crossings a day from November, down from seven.

A spokesperson said the cut would save the company about £80,000 over the winter.

Passengers at the quay said nobody had asked them. The island's doctor warned that
appointments on the mainland would be missed.

The council has not said whether it will step in.
"""

# Corrected and updated: a typo fixed inside one quote, a sentence added at the top,
# the doctor's paragraph removed.
SECOND = """\
---
title: Ferry timetable cut for the winter, operator confirms
author: Ines Okafor
site: Estuary Gazette Online
---

UPDATED with the operator's statement.

The ferry operator will run four crossings a day from November, down from seven.

A spokesperson said the cut would save the company about £85,000 over the winter.

Passengers at the quay said nobody had asked them.

The council has not said whether it will step in.
"""


def json_of(cli, *args: str):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def changing(cli, tmp_path: Path) -> tuple[Path, str]:
    source = tmp_path / "ferry.md"
    source.write_text(FIRST, encoding="utf-8")
    added = cli("add", str(source))
    assert added.exit_code == 0, added.stderr
    article = added.stdout.split()[1]
    for kind, quote in (("claim", "run four crossings a day"),
                        ("claim", "save the company about £80,000 over the winter"),
                        ("claim", "appointments on the mainland would be missed"),
                        ("question", "The council has not said whether it will step in")):
        assert cli("annotate", article, "--kind", kind, "--quote", quote).exit_code == 0
    return source, article


def test_refresh_finds_every_mark_again_and_says_how(cli, changing):
    source, article = changing
    source.write_text(SECOND, encoding="utf-8")
    result = cli("refresh", article)
    assert result.exit_code == 0, result.stderr
    assert "0 kept, 2 moved, 1 fuzzy" in result.stdout and "1 orphaned" in result.stdout
    assert "version 1" in result.stdout
    text = cli("text", article).stdout.rstrip("\n")
    marks = {m["quote"]: m for m in json_of(cli, "annotations", article, "--json")}
    for quote, mark in marks.items():
        if not mark["orphaned"]:
            assert text[mark["start"]:mark["end"]] == quote  # each sits on its words
    fuzzy = marks["save the company about £85,000 over the winter"]
    assert 0 < fuzzy["anchor_score"] < 1
    orphan = marks["appointments on the mainland would be missed"]
    assert orphan["orphaned"] is True  # kept, with its old words, never deleted
    listed = cli("annotations", article, "--orphaned").stdout
    assert "appointments on the mainland" in listed and "crossings" not in listed
    assert f"(was {orphan['start']}-{orphan['end']})" in listed  # not a place in the text now


def test_the_old_quote_is_kept_in_the_marks_history(cli, changing, library_dir):
    source, article = changing
    source.write_text(SECOND, encoding="utf-8")
    cli("refresh", article)
    library = Library.open(library_dir)
    [fuzzy] = [m for m in library.annotations(article) if m.anchor_score is not None]
    assert fuzzy.history[-1]["quote"] == "save the company about £80,000 over the winter"
    assert fuzzy.history[-1]["why"] == "refresh"


def test_versions_keep_the_earlier_text_and_diff_shows_the_words(cli, changing, library_dir):
    source, article = changing
    source.write_text(SECOND, encoding="utf-8")
    cli("refresh", article)
    listed = cli("versions", article).stdout.splitlines()
    assert listed[0].lstrip().startswith("1 ") and listed[-1].lstrip().startswith("current")
    kept = library_dir / "articles" / article / "versions" / "1.md"
    assert kept.read_text(encoding="utf-8") == FIRST.split("---\n\n", 1)[1]  # the body as it was
    diff = cli("diff", article).stdout
    assert "[-£80,000-] {+£85,000+}" in diff
    assert "{+UPDATED with the operator's statement.+}" in diff
    assert "[-The island's doctor warned that appointments on the mainland would be missed.-]" \
        in diff.replace("\n", " ")
    assert cli("diff", article, "1", "current").stdout == diff
    refused = cli("diff", article, "7")
    assert refused.exit_code == 1 and "no version '7'" in refused.stderr


def test_metadata_the_user_edited_is_never_refreshed_away(cli, changing):
    source, article = changing
    assert cli("meta", article, "--set", "title=Winter ferry cuts").exit_code == 0
    source.write_text(SECOND, encoding="utf-8")
    result = cli("refresh", article)
    assert "updated site" in result.stdout
    meta = json_of(cli, "meta", article, "--json")
    assert meta["title"] == "Winter ferry cuts"  # the user's
    assert meta["site"] == "Estuary Gazette Online"  # the source's, never edited


def test_an_unchanged_source_changes_nothing(cli, changing, library_dir):
    _, article = changing
    before = snapshot(library_dir)
    result = cli("refresh", article)
    assert result.exit_code == 0 and result.stdout.startswith(f"unchanged {article}")
    assert snapshot(library_dir) == before


def test_refresh_from_a_new_file(cli, changing, tmp_path):
    _, article = changing
    newer = tmp_path / "ferry-v2.md"
    newer.write_text(SECOND, encoding="utf-8")
    result = cli("refresh", article, str(newer))
    assert result.exit_code == 0, result.stderr
    assert json_of(cli, "meta", article, "--json")["source"] == str(newer.resolve())


def test_refresh_of_a_web_page(cli, web_server):
    url = web_server.publish("/ferry", _page("Four crossings a day from November, the operator "
                                             "said, down from seven in the summer months."))
    added = cli("add", url)
    article = added.stdout.split()[1]
    assert cli("annotate", article, "--kind", "claim", "--quote", "down from seven").exit_code == 0
    web_server.publish("/ferry", _page("Five crossings a day from November, the operator said "
                                       "on Tuesday, down from seven in the summer months."))
    result = cli("refresh", article)
    assert result.exit_code == 0, result.stderr
    assert "1 moved" in result.stdout


@pytest.mark.parametrize("change", ["gone", "slow", "empty"])
def test_a_failed_refresh_keeps_everything_as_it_was(cli, web_server, library_dir, change,
                                                     monkeypatch):
    url = web_server.publish("/pier", _page("The pier reopens in May after repairs to three "
                                            "of its wooden supports, the trust said."))
    article = cli("add", url).stdout.split()[1]
    cli("annotate", article, "--kind", "claim", "--quote", "reopens in May")
    if change == "gone":
        web_server.publish("/pier", "Not here", status=404)
    elif change == "slow":
        monkeypatch.setenv("GLOSSATOR_HTTP_TIMEOUT", "0.5")
        _point_source_at(library_dir, article, web_server.base + "/slow")
    else:
        web_server.publish("/pier", "<html><body><nav>Home</nav></body></html>")
    before = snapshot(library_dir)
    words = {"gone": "404", "slow": "did not answer", "empty": "article text"}[change]
    assert_refused(cli("refresh", article), library_dir, before, words,
                   f"{article!r} was kept as it was")


def test_a_refusal_advises_refreshing_not_adding(cli, changing, library_dir, tmp_path):
    _, article = changing
    before = snapshot(library_dir)
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    assert_refused(cli("refresh", article, str(empty)), library_dir, before, "is empty",
                   f"{article!r} was kept as it was")
    result = cli("refresh", article, "-", input="")
    assert_refused(result, library_dir, before, f"`glossator refresh {article} -`")
    assert "glossator add" not in result.stderr


def test_a_change_of_formatting_only_keeps_no_version(cli, changing, library_dir):
    """Emphasis added and lines re-wrapped: the body is new, its text is not, so the
    marks stay where they are and no version is made of a text that did not change."""
    source, article = changing
    source.write_text(FIRST.replace("four crossings", "*four* crossings")
                      .replace("Passengers at the quay said", "Passengers at the quay\nsaid"),
                      encoding="utf-8")
    result = cli("refresh", article)
    assert result.exit_code == 0, result.stderr
    assert "only its formatting changed" in result.stdout and "4 kept" in result.stdout
    assert "has not changed since it was added" in cli("versions", article).stdout
    body = (library_dir / "articles" / article / "body.md").read_text(encoding="utf-8")
    assert "*four* crossings" in body


def test_a_pasted_article_needs_its_new_text(cli, library_dir):
    added = cli("add", "-", "--title", "Harbour notes", input="The tide came in at six.\n")
    article = added.stdout.split()[1]
    before = snapshot(library_dir)
    assert_refused(cli("refresh", article), library_dir, before, "was pasted")
    again = cli("refresh", article, "-", input="The tide came in at seven.\n")
    assert again.exit_code == 0, again.stderr
    assert "seven" in cli("text", article).stdout


def test_the_version_body_is_linked_not_copied(cli, changing, library_dir):
    source, article = changing
    body = library_dir / "articles" / article / "body.md"
    inode = os.stat(body).st_ino
    source.write_text(SECOND, encoding="utf-8")
    cli("refresh", article)
    assert os.stat(library_dir / "articles" / article / "versions" / "1.md").st_ino == inode


def _page(paragraph: str) -> str:
    return ("<html><head><title>Pier news</title></head><body><article><h1>Pier news</h1>"
            f"<p>{paragraph}</p><p>The trust thanked the volunteers who raised the money for "
            "the work over two winters of events.</p></article></body></html>")


def _point_source_at(library_dir: Path, article: str, url: str) -> None:
    library = Library.open(library_dir)
    record = library.article(article)
    record.source = url
    library.update_article(record)


def test_a_slightly_wrong_quote_is_offered_its_closest_match_not_guessed(cli, changing, library_dir):
    _, article = changing
    before = snapshot(library_dir)
    typo = "save the company about £80,000 over the wintr"
    result = cli("annotate", article, "--kind", "claim", "--quote", typo)
    assert_refused(result, library_dir, before, "the closest is", "--closest")
    assert '"save the company about £80,000 over the winter"' in result.stderr
    taken = cli("annotate", article, "--kind", "claim", "--quote", typo, "--closest")
    assert taken.exit_code == 0, taken.stderr
    marks = json_of(cli, "annotations", article, "--json")
    assert sum(m["quote"] == "save the company about £80,000 over the winter" for m in marks) == 2
    nothing = cli("annotate", article, "--kind", "claim", "--quote", "a wholly different sentence "
                  "about tram depots and bus lanes")
    assert nothing.exit_code == 1 and "nor anything close" in nothing.stderr


def test_a_closest_match_that_occurs_twice_is_not_picked_for_the_user(cli, tmp_path, library_dir):
    source = tmp_path / "river.md"
    source.write_text("# The River\n\nThe river rose on Monday. By Friday the river fell.\n",
                      encoding="utf-8")
    article = cli("add", str(source)).stdout.split()[1]
    before = snapshot(library_dir)
    for extra in ((), ("--closest",)):
        result = cli("annotate", article, "--kind", "claim", "--quote", "the rivr", *extra)
        assert_refused(result, library_dir, before, "occurs 3 times", "--closest --occurrence N")
    taken = cli("annotate", article, "--kind", "claim", "--quote", "the rivr", "--closest",
                "--occurrence", "3")
    assert taken.exit_code == 0, taken.stderr
    [mark] = json_of(cli, "annotations", article, "--json")
    text = cli("text", article).stdout
    assert mark["quote"] == "the river" and mark["start"] == text.rindex("the river")


def _accessed_long_ago(library_dir: Path, article: str) -> None:
    """The page was last read long ago (the library's record says so; not a user edit)."""
    library = Library.open(library_dir)
    record = library.article(article)
    record.accessed = "2020-01-02"
    library.update_article(record)


def test_a_page_read_again_says_it_was_accessed_today(cli, web_server, library_dir):
    from datetime import date

    url = web_server.publish("/quay", _page("The quay wall will be rebuilt next year."))
    article = cli("add", url).stdout.split()[1]
    _accessed_long_ago(library_dir, article)
    web_server.publish("/quay", _page("The quay wall will be rebuilt next spring."))
    result = cli("refresh", article)
    assert result.exit_code == 0, result.stderr
    assert "accessed" in result.stdout  # among the details the refresh updated
    assert Library.open(library_dir).article(article).accessed == date.today().isoformat()


def test_an_accessed_date_the_user_set_is_kept_by_a_refresh(cli, web_server, library_dir):
    url = web_server.publish("/slip", _page("The slipway closes for a month in June."))
    article = cli("add", url).stdout.split()[1]
    assert cli("meta", article, "--set", "accessed=2021-03-04").exit_code == 0
    web_server.publish("/slip", _page("The slipway closes for six weeks in June."))
    assert cli("refresh", article).exit_code == 0
    assert Library.open(library_dir).article(article).accessed == "2021-03-04"


def test_a_page_that_times_out_is_advised_to_be_refreshed_from_a_saved_file(
        cli, web_server, library_dir, monkeypatch):
    url = web_server.publish("/tide", _page("High tide is at noon on Saturday."))
    article = cli("add", url).stdout.split()[1]
    monkeypatch.setenv("GLOSSATOR_HTTP_TIMEOUT", "0.5")
    _point_source_at(library_dir, article, web_server.base + "/slow")
    result = cli("refresh", article)
    assert result.exit_code == 1
    assert f"save the page and refresh from that file: `glossator refresh {article} FILE`" \
        in result.stderr
    assert "add the file" not in result.stderr
