"""Names stay one actor's across a sync: one teammate merges "Regulators" into "The
company" while the other renames it "The regulators" (the old name kept as an alias)
and quotes it as a speaker. After both sync, one actor answers to "Regulators", the
other's alias is a conflict to settle, both libraries are the same, and the doctor finds
nothing wrong."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from annotations.store import Library
from annotations.sync.conflicts import conflicts
from tests.helpers.library import add_sample
from tests.sync_support import glossator, ok, shared_files

THREE = "# Three\n\nThe company denied any wrongdoing. Regulators opened an inquiry in May.\n"


def team_of_two(root: Path) -> tuple[Path, Path, str]:
    """ana's library with an article and its two actors, shared; ben's, a clone of it."""
    remote, ana, ben = root / "remote.git", root / "ana", root / "ben"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True, timeout=60)
    article = add_sample(Library.open(ana), root / "src", "three.md", THREE).id
    for quote in ("The company", "Regulators"):
        ok(glossator(ana, "annotate", article, "--kind", "actor", "--quote", quote))
    ok(glossator(ana, "sync", "init", str(remote)))
    ok(glossator(ben, "sync", "clone", str(remote), str(ben), author="ben"))
    return ana, ben, article


def answering_to(folder: Path, name: str) -> list[str]:
    return [a.name for a in Library.open(folder).actors() if a.answers_to(name)]


def test_an_alias_two_teammates_gave_two_actors_is_left_to_one_on_both_sides(tmp_path):
    ana, ben, article = team_of_two(tmp_path)
    ok(glossator(ana, "actors", "merge", "-y", "Regulators", "The company"))
    ok(glossator(ben, "actors", "rename", "Regulators", "The regulators", author="ben"))
    ok(glossator(ben, "annotate", article, "--kind", "claim", "--quote", "opened an inquiry",
                 "--speaker", "The regulators", author="ben"))

    ok(glossator(ana, "sync"))
    report = json.loads(ok(glossator(ben, "sync", "--json", author="ben")).out)
    ok(glossator(ana, "sync"))

    assert "actors: “Regulators” was a name of “The company” and of “The regulators”; " \
           "“The company” keeps it, the other's alias is set aside as a conflict " \
           "(`glossator conflicts`)" in report["lines"]
    assert report["conflicts"] == len(conflicts(Library.open(ben)))
    for folder in (ana, ben):
        assert answering_to(folder, "Regulators") == ["The company"]
        assert ok(glossator(folder, "doctor")).out.startswith("the library is healthy")
        (aside,) = [c for c in conflicts(Library.open(folder)) if c.field == "aliases"]
        assert (aside.label, aside.current, aside.other) == ("The regulators", [], ["Regulators"])
    assert shared_files(ana) == shared_files(ben)

    spoken = ok(glossator(ana, "annotate", article, "--kind", "claim", "--quote", "in May",
                          "--speaker", "Regulators"))
    library = Library.open(ana)
    made = library.annotation(article, spoken.out.strip())
    assert library.actor(made.speaker).name == "The company"

    refused = glossator(ana, "conflicts", "--resolve", aside.ref, "--keep", "other")
    assert refused.code == 1
    assert refused.err.splitlines() == [
        "glossator: error: 'Regulators' is 'The company''s name or alias too, so 'The "
        "regulators' cannot have it back; keep the current value, or make them one actor "
        "with `glossator actors merge`"]
    assert answering_to(ana, "Regulators") == ["The company"]


def test_the_same_person_made_an_actor_on_both_sides_is_one_actor_after_the_sync(tmp_path):
    ana, ben, article = team_of_two(tmp_path)
    ok(glossator(ana, "annotate", article, "--kind", "claim", "--quote", "denied any wrongdoing",
                 "--speaker", "Dana Whitlock"))
    ok(glossator(ben, "annotate", article, "--kind", "claim", "--quote", "opened an inquiry",
                 "--speaker", "Dana  Whitlock", author="ben"))
    ok(glossator(ana, "sync"))
    report = ok(glossator(ben, "sync", author="ben")).out
    ok(glossator(ana, "sync"))

    assert "actors: 2 actors were named “Dana Whitlock”; they are one actor now, and the marks " \
           "of each name it" in report
    for folder in (ana, ben):
        library = Library.open(folder)
        (dana,) = [a for a in library.actors() if a.answers_to("Dana Whitlock")]
        speakers = {m.speaker for m in library.annotations(article) if m.kind == "claim"}
        assert speakers == {dana.id}
        assert ok(glossator(folder, "doctor")).out.startswith("the library is healthy")
    assert shared_files(ana) == shared_files(ben)
