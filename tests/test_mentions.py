"""A surname, or a title and a surname, names the actor of its article whose name ends with it."""

from __future__ import annotations

from annotations.mentions import without_title
from tests.helpers.library import add_sample, mark

STORY = """\
# Festival jury picks a late entry

Joaquin Phoenix chaired the jury this year. Phoenix said the late entry "changed the
room". Mr. Phoenix left before the vote on the short films.

Maria van der Berg, the festival's director, thanked him. Van der Berg also named
Rosa Lind and Tomas Lind as next year's jurors. Lind declined to comment.
"""


def names(library):
    return {a.name: sorted(a.aliases) for a in library.actors()}


def test_a_surname_and_a_titled_surname_join_the_article_actor(library, tmp_path):
    article = add_sample(library, tmp_path / "src", "jury.md", STORY)
    full = mark(library, article, "Joaquin Phoenix", kind="actor")
    surname = mark(library, article, "Phoenix", kind="actor", occurrence=2)
    titled = mark(library, article, "Mr. Phoenix", kind="actor")
    assert full.actor == surname.actor == titled.actor
    assert names(library) == {"Joaquin Phoenix": ["Phoenix"]}  # "Mr. Phoenix" is found by it


def test_a_surname_is_a_speaker_too(library, tmp_path):
    article = add_sample(library, tmp_path / "src", "jury.md", STORY)
    mark(library, article, "Maria van der Berg", kind="actor")
    claim = mark(library, article, "changed the room", speaker="Van der Berg")
    assert library.actor(claim.speaker).name == "Maria van der Berg"


def test_a_surname_two_actors_share_makes_a_new_actor(library, tmp_path):
    article = add_sample(library, tmp_path / "src", "jury.md", STORY)
    mark(library, article, "Rosa Lind", kind="actor")
    mark(library, article, "Tomas Lind", kind="actor")
    lind = mark(library, article, "Lind declined", kind="actor")
    assert library.actor(lind.actor).name == "Lind declined"
    alone = mark(library, article, "Lind", kind="actor", occurrence=3)
    assert library.actor(alone.actor).name == "Lind"  # ambiguous: not guessed


def test_an_actor_of_another_article_does_not_take_the_surname(library, tmp_path):
    other = add_sample(library, tmp_path / "src", "city.md",
                       "# Heat in the desert city\n\nPhoenix recorded its hottest night.\n")
    city = mark(library, other, "Phoenix", kind="actor")
    article = add_sample(library, tmp_path / "src", "jury.md", STORY)
    person = mark(library, article, "Joaquin Phoenix", kind="actor")
    surname = mark(library, article, "Phoenix", kind="actor", occurrence=2)
    assert surname.actor == person.actor != city.actor


def test_titles_are_taken_off():
    assert without_title("Dr. Ana Ruiz") == "Ana Ruiz"
    assert without_title("Councillor Dana Whitlock") == "Dana Whitlock"
    assert without_title("Drake Ames") == "Drake Ames"


def test_a_possessive_names_the_actor_without_its_s(library, tmp_path):
    article = add_sample(library, tmp_path / "src", "jury.md",
                         STORY + "\nPhoenix’s own film was not in the running.\n")
    full = mark(library, article, "Joaquin Phoenix", kind="actor")
    possessive = mark(library, article, "Phoenix’s", kind="actor")
    assert possessive.actor == full.actor
    assert names(library) == {"Joaquin Phoenix": ["Phoenix"]}
