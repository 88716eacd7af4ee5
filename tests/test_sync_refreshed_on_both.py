"""Ana and Ben both refresh one article into different texts, offline, then sync through a
bare remote: one text is the article's, the other is kept as a version of it (the same
bytes on both machines), the marks follow the text kept without a conflict each, and
`glossator conflicts --keep other` takes the other text back, its marks found again."""

from __future__ import annotations

import hashlib
import json
import shutil

from annotations.store import Library
from annotations.sync.conflicts import conflicts
from annotations.versions import versions
from reader.cli.refreshing import refresh
from tests.helpers.library import SAMPLE_MARKDOWN, add_sample, mark
from tests.sync_support import (
    glossator,
    make_team,
    marks_hold_their_words,
    no_conflict_markers,
    ok,
    shared_files,
)
from tests.test_merge_repair import both_ways

ANAS = SAMPLE_MARKDOWN.replace("9,000 passengers a day within", "9,500 passengers a day within")
BENS = SAMPLE_MARKDOWN.replace("on Monday", "on Tuesday")


def refreshed_by_both(tmp_path):
    """A team whose article has three marks; Ana refreshes it into her text, Ben into his,
    and they sync: Ana, Ben, Ana."""
    team = make_team(tmp_path)
    for quote in ("9,000 passengers a day", "wildly optimistic", "Construction is due"):
        ok(glossator(team.ana, "annotate", team.article, "--kind", "claim", "--quote", quote))
    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    for folder, author, text in ((team.ana, "ana", ANAS), (team.ben, "ben", BENS)):
        source = tmp_path / f"{author}.md"
        source.write_text(text, encoding="utf-8")
        ok(glossator(folder, "refresh", team.article, str(source), author=author))
    ok(glossator(team.ana, "sync"))
    merged = ok(glossator(team.ben, "sync", author="ben")).out
    ok(glossator(team.ana, "sync"))
    return team, merged


def words_of(body: str) -> str:
    """Whose refresh a body is: "ana" (9,500 passengers), "ben" (on Tuesday)."""
    assert ("9,500" in body) != ("Tuesday" in body)
    return "ana" if "9,500" in body else "ben"


def test_the_text_the_merge_set_aside_is_kept_as_a_version_and_taken_back_on_request(tmp_path):
    team, merged = refreshed_by_both(tmp_path)
    assert "both sides refreshed “Tram extension splits the valley towns” into different " \
           "texts" in merged
    assert shared_files(team.ana) == shared_files(team.ben)
    library = Library.open(team.ana)
    article = library.article(team.article)
    kept = library.body(article)
    loser = "ben" if words_of(kept) == "ana" else "ana"

    every = versions(library, team.article)
    assert [v.number for v in every] == [1, 2]
    assert "9,500" not in (library.article_folder(team.article) / "versions" /
                           every[0].file).read_text(encoding="utf-8")
    folder = library.article_folder(team.article)
    other = (folder / "versions" / every[1].file).read_text(encoding="utf-8")
    assert words_of(other) == loser and every[1].content_hash == \
        hashlib.sha256(other.encode()).hexdigest()
    listed = ok(glossator(team.ana, "versions", team.article)).out
    assert str(tmp_path / f"{loser}.md") in listed
    other_hash = every[1].content_hash

    # The marks' places followed the body kept: only the body is a conflict, in words.
    found = conflicts(library)
    assert [c.field for c in found] == ["body"]
    shown = ok(glossator(team.ana, "conflicts")).out
    assert '{"' not in shown and "set aside the text read from" in shown
    assert marks_hold_their_words(team.ana) and marks_hold_their_words(team.ben)

    done = ok(glossator(team.ana, "conflicts", "--resolve", f"{team.article}:body", "--keep",
                        "other"))
    assert "body settled, the other text kept (version 2" in done.out
    assert "the text it replaces is version 3" in done.out
    library = Library.open(team.ana)
    article = library.article(team.article)
    assert library.body(article) == other and article.content_hash == other_hash
    assert conflicts(library) == []
    assert [v.content_hash for v in versions(library, team.article)][-1] == \
        hashlib.sha256(kept.encode()).hexdigest()  # the text it replaced is kept in its turn
    assert marks_hold_their_words(team.ana)
    assert len(library.annotations(team.article)) == 3

    ok(glossator(team.ana, "sync"))
    ok(glossator(team.ben, "sync", author="ben"))
    assert shared_files(team.ana) == shared_files(team.ben)
    bens = Library.open(team.ben)
    assert bens.body(bens.article(team.article)) == other
    assert marks_hold_their_words(team.ben) and no_conflict_markers(team.ben)
    doctor = ok(glossator(team.ben, "doctor", author="ben")).out
    assert "healthy" in doctor


def test_both_teammates_merging_the_two_refreshes_keep_the_same_version_bytes(tmp_path):
    base = tmp_path / "base"
    library = Library.open(base)
    article = add_sample(library, tmp_path / "src")
    for quote in ("9,000 passengers a day", "wildly optimistic"):
        mark(library, article, quote)
    for name, text in (("ours", ANAS), ("theirs", BENS)):
        shutil.copytree(base, tmp_path / name)
        source = tmp_path / f"{name}.md"
        source.write_text(text, encoding="utf-8")
        side = Library.open(tmp_path / name)
        refresh(side, side.article(article.id), source=str(source))

    # Merged as each side would (both_ways checks both end with the same files).
    refreshed = {Library.open(tmp_path / n).articles()[0].content_hash for n in ("ours", "theirs")}
    merged, lines = both_ways(tmp_path, base, tmp_path / "ours", tmp_path / "theirs")
    assert any("into different texts" in line for line in lines)
    hashes = {v.content_hash for v in versions(merged, article.id)}
    assert refreshed - hashes == {merged.article(article.id).content_hash}
    assert [c.field for c in conflicts(merged)] == ["body"]
    raw = json.loads((merged.article_folder(article.id) / "versions.json").read_bytes())
    assert [v["number"] for v in raw] == [1, 2]
