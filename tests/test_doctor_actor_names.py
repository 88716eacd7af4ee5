"""`glossator doctor` says when two actors answer to one name or alias (`--speaker NAME`
could not tell which is meant), and `--repair` leaves the name to one of them: the
other's alias set aside as a conflict, or two actors of one name made one, their marks
with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.model import Actor
from annotations.store import Library
from annotations.sync.conflicts import conflicts
from tests.helpers.library import add_sample, mark


@pytest.fixture
def article_id(library: Library, tmp_path: Path) -> str:
    return add_sample(library, tmp_path / "src").id


def test_an_alias_two_actors_share_is_found_and_left_to_one(cli, library, article_id):
    company = Actor(name="The company", aliases=["Regulators"], created="2026-01-01T00:00:00Z")
    regulators = Actor(name="The regulators", aliases=["regulators", "Watchdog"],
                       created="2026-02-01T00:00:00Z")
    for actor in (company, regulators):
        library.save_actor(actor)

    found = cli("doctor")
    assert found.exit_code == 1
    assert found.stdout.splitlines()[0] == (
        "actors.json: “Regulators” is a name or alias of 2 actors (“The company”, “The "
        "regulators”), so a mark made with `--speaker Regulators` cannot tell which; "
        "`glossator doctor --repair` leaves it to “The company”")

    mended = cli("doctor", "--repair")
    assert mended.exit_code == 0, mended.stdout
    assert "actors: “Regulators” was a name of “The company” and of “The regulators”; “The " \
           "company” keeps it, the other's alias is set aside as a conflict (`glossator " \
           "conflicts`)" in mended.stdout
    assert mended.stdout.splitlines()[-1].startswith("the library is healthy")
    reopened = Library.open(library.folder)
    assert reopened.actor(regulators.id).aliases == ["Watchdog"]
    assert reopened.actor(company.id).aliases == ["Regulators"]
    (aside,) = conflicts(reopened)
    assert (aside.field, aside.other) == ("aliases", ["regulators", "Watchdog"])


def test_a_name_stays_with_the_actor_whose_name_it_is(cli, library, article_id):
    older = Actor(name="Orla Brennan", aliases=["Kofi Mensah"], created="2020-01-01T00:00:00Z")
    kofi = Actor(name="Kofi Mensah", created="2026-01-01T00:00:00Z")
    for actor in (older, kofi):
        library.save_actor(actor)
    assert "leaves it to “Kofi Mensah”" in cli("doctor").stdout
    assert cli("doctor", "--repair").exit_code == 0
    assert Library.open(library.folder).actor(older.id).aliases == []


def test_two_actors_of_one_name_become_one_with_the_marks_of_both(cli, library, article_id):
    first = Actor(name="Dana Whitlock", created="2026-01-01T00:00:00Z", description="councillor")
    second = Actor(name="dana  whitlock", created="2026-03-01T00:00:00Z", aliases=["Whitlock"])
    for actor in (first, second):
        library.save_actor(actor)
    article = library.article(article_id)
    claims = [mark(library, article, "wildly optimistic", speaker=first.id),
              mark(library, article, "9,000 passengers a day", speaker=second.id)]
    assert cli("doctor").exit_code == 1

    mended = cli("doctor", "--repair")
    assert mended.exit_code == 0, mended.stdout
    assert "actors: 2 actors were named “Dana Whitlock”; they are one actor now, and the marks " \
           "of each name it" in mended.stdout
    reopened = Library.open(library.folder)
    (dana,) = reopened.actors()
    assert (dana.id, dana.aliases, dana.description) == (first.id, ["Whitlock"], "councillor")
    assert dana.extra["merged_ids"] == [second.id]
    marks = {m.id: m for m in reopened.annotations(article_id)}
    assert [marks[c.id].speaker for c in claims] == [first.id, first.id]
    assert marks[claims[1].id].extra["merged_from"] == second.id
