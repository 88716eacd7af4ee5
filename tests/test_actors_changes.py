"""Actors across articles: merge, rename, split an alias off, set; counts first, undoable."""

from __future__ import annotations

import pytest

from annotations.errors import AmbiguousError, GlossatorError, NotFoundError
from annotations.library_changes.actor_refs import find_actor
from annotations.library_changes.applying import apply_change
from annotations.library_changes.merge_actors import MergeActors
from annotations.library_changes.rename_actor import RenameActor
from annotations.library_changes.set_actor import SetActor, parse_actor_assignments
from annotations.library_changes.split_alias import SplitAlias
from annotations.library_changes.undo import UndoError, undo_change, undo_records
from annotations.model import Actor
from annotations.store import Library
from annotations.tallies import TALLIES_CACHE, read_tallies
from tests.helpers.library import add_sample, mark, snapshot

MINISTRY = """\
---
title: Defence ministry defends the border plan
site: The Northern Ledger
published: 2025-02-11
---

Minister Ricardo Trevilla said the plan was lawful. Trevilla added that the army would
stay for a year. Min. Trevilla later told reporters the budget was already approved.
"""

HEARING = """\
---
title: Senate hearing on the border plan
site: Capital Wire
published: 2025-03-02
---

At the hearing, Min. Trevilla said no soldier had been injured. The senator Ana Ruiz
called the figures incomplete. Min. Trevilla promised a report by June.
"""


REFORM = """\
---
title: Sheinbaum defends energy reform
---

President Claudia Sheinbaum said the reform would lower prices for households.

Critics said the reform favours Pemex. "This is a disaster for investment," said Jorge
Ramírez, an economist.
"""


@pytest.fixture
def articles(library: Library, tmp_path):
    """Two articles naming one minister three ways, his marks spread over two actors."""
    first = add_sample(library, tmp_path / "src", "ministry.md", MINISTRY)
    second = add_sample(library, tmp_path / "src", "hearing.md", HEARING)
    mark(library, first, "Ricardo Trevilla", "actor")
    mark(library, first, "Trevilla", "actor", occurrence=2)
    mark(library, first, "the plan was lawful", "claim", speaker="Ricardo Trevilla")
    library.save_actor(Actor(name="Min. Trevilla", description="As the wires call him."))
    mark(library, first, "Min. Trevilla", "actor")
    mark(library, first, "the budget was already approved", "claim", speaker="Min. Trevilla")
    mark(library, second, "Min. Trevilla", "actor", occurrence=1)
    mark(library, second, "Min. Trevilla", "actor", occurrence=2)
    mark(library, second, "no soldier had been injured", "claim", speaker="Min. Trevilla")
    mark(library, second, "Ana Ruiz", "actor")
    mark(library, second, "the figures incomplete", "claim", speaker="Ana Ruiz")
    return first, second


def actor(library: Library, name: str) -> Actor:
    return find_actor(library.actors(), name)


def marks_of(library: Library, actor_id: str) -> list[tuple[str, str]]:
    return sorted((m.kind, m.exact) for m in library.all_annotations()
                  if actor_id in (m.actor, m.speaker))


def test_merging_moves_every_mention_and_claim_and_unites_the_names(library, articles):
    kept, gone = actor(library, "Ricardo Trevilla"), actor(library, "Min. Trevilla")
    plan = MergeActors(gone.id, kept.id).plan(library)
    assert plan.summary == ("merge 'Min. Trevilla' into 'Ricardo Trevilla': "
                            "3 mentions and 2 claims in 2 articles")
    assert (plan.mentions, plan.claims, len(plan.articles)) == (3, 2, 2)
    before = snapshot(library.folder)
    assert snapshot(library.folder) == before  # planning writes nothing

    done = apply_change(library, MergeActors(gone.id, kept.id))

    assert done.undo_id and done.result == kept.id
    assert library.actor(gone.id) is None
    merged = library.actor(kept.id)
    assert merged.name == "Ricardo Trevilla"
    assert merged.aliases == ["Trevilla", "Min. Trevilla"]
    assert merged.description == "As the wires call him."
    assert len(marks_of(library, kept.id)) == 3 + 2 + 3  # with his own two mentions and claim
    assert marks_of(library, gone.id) == []
    ruiz = actor(library, "Ana Ruiz")
    assert marks_of(library, ruiz.id) == [("actor", "Ana Ruiz"), ("claim", "the figures incomplete")]
    # The merged-away id still finds the actor its marks went to.
    assert find_actor(library.actors(), gone.id).id == kept.id


def test_a_merge_is_undone_file_for_file(library, articles):
    before = snapshot(library.folder)
    kept, gone = actor(library, "Ricardo Trevilla"), actor(library, "Min. Trevilla")
    apply_change(library, MergeActors(gone.id, kept.id))
    record = undo_change(library)
    assert record.action == "merge"
    after = snapshot(library.folder)
    changed = {k for k in before.keys() | after.keys()
               if before.get(k) != after.get(k) and not k.startswith(("backups/", "undo/"))}
    assert changed <= {TALLIES_CACHE, "counts-cache.json", "library.lock"}
    assert undo_records(library.folder) == []


def test_undo_of_a_merge_keeps_the_work_done_since_in_the_same_articles(library, articles):
    first, second = articles
    kept, gone = actor(library, "Ricardo Trevilla"), actor(library, "Min. Trevilla")
    ruiz = actor(library, "Ana Ruiz")
    apply_change(library, MergeActors(gone.id, kept.id))
    # Work in both articles after the merge: a new mark, a note on a mark the merge
    # moved, and one moved claim given to another speaker.
    added = mark(library, first, "the army would\nstay for a year", "claim")
    moved = [m for m in library.annotations(second.id) if m.actor == kept.id]
    noted = moved[0]
    noted.note = "Checked against the hearing video."
    library.save_annotation(noted)
    claim = next(m for m in library.annotations(second.id) if m.speaker == kept.id)
    claim.speaker = ruiz.id
    library.save_annotation(claim)

    record = undo_change(library)

    assert record.action == "merge"
    assert record.notes == ["1 mark left as edited since (its later values kept)"]
    assert actor(library, "Min. Trevilla").id == gone.id
    assert actor(library, "Ricardo Trevilla").aliases == ["Trevilla"]
    assert library.annotation(first.id, added.id).exact == added.exact  # still there
    back = library.annotation(second.id, noted.id)
    assert (back.actor, back.note) == (gone.id, "Checked against the hearing video.")
    assert "merged_from" not in back.extra
    assert library.annotation(second.id, claim.id).speaker == ruiz.id  # the later edit wins
    assert marks_of(library, gone.id) == [("actor", "Min. Trevilla")] * 3 + [
        ("claim", "the budget was already approved")]
    assert undo_records(library.folder) == []


def test_undo_of_a_merge_skips_an_article_removed_since(library, articles):
    first, second = articles
    kept, gone = actor(library, "Ricardo Trevilla"), actor(library, "Min. Trevilla")
    apply_change(library, MergeActors(gone.id, kept.id))
    library.remove_article(second.id)
    record = undo_change(library)
    assert record.notes == ["3 marks removed since stay removed"]
    assert not library.article_folder(second.id).exists()
    assert marks_of(library, gone.id) == [("actor", "Min. Trevilla"),
                                          ("claim", "the budget was already approved")]


def test_undo_is_a_stack_of_library_wide_changes(library, articles):
    kept, gone = actor(library, "Ricardo Trevilla"), actor(library, "Min. Trevilla")
    apply_change(library, MergeActors(gone.id, kept.id))
    apply_change(library, RenameActor(kept.id, "Gen. Ricardo Trevilla"))
    first = undo_records(library.folder)[0]
    with pytest.raises(UndoError, match="the later change “rename 'Ricardo Trevilla'"):
        undo_change(library, first.id)
    assert undo_change(library).action == "rename"
    assert undo_change(library).action == "merge"
    assert actor(library, "Min. Trevilla").id == gone.id
    with pytest.raises(NotFoundError, match="no library-wide actor change to undo"):
        undo_change(library, group="actors")


def test_renaming_keeps_the_old_name_as_an_alias_unless_told(library, articles):
    minister = actor(library, "Ricardo Trevilla")
    plan = apply_change(library, RenameActor(minister.id, "Gen. Ricardo Trevilla"))
    assert plan.summary == ("rename 'Ricardo Trevilla' to 'Gen. Ricardo Trevilla': "
                            "2 mentions and 1 claim in 1 article show the new name")
    assert plan.notes == ["'Ricardo Trevilla' stays as an alias"]
    assert library.actor(minister.id).aliases == ["Trevilla", "Ricardo Trevilla"]
    apply_change(library, RenameActor(minister.id, "Trevilla", keep_alias=False))
    renamed = library.actor(minister.id)
    assert (renamed.name, renamed.aliases) == ("Trevilla", ["Ricardo Trevilla"])


def test_renaming_to_another_actors_name_is_refused_with_the_way_to_merge(library, articles):
    minister = actor(library, "Ricardo Trevilla")
    with pytest.raises(GlossatorError, match="already 'Min. Trevilla'.s name or alias; .*merge"):
        apply_change(library, RenameActor(minister.id, "min.  trevilla"))


def test_splitting_a_merged_name_off_brings_that_actor_back_with_all_it_brought(library, articles):
    kept, gone = actor(library, "Ricardo Trevilla"), actor(library, "Min. Trevilla")
    before = marks_of(library, gone.id)
    apply_change(library, MergeActors(gone.id, kept.id))
    plan = apply_change(library, SplitAlias(kept.id, "min. trevilla"))
    assert plan.summary == ("split 'Min. Trevilla' off 'Ricardo Trevilla' as an actor of its "
                            "own: 3 mentions and 2 claims in 2 articles follow it")
    assert "5 marks it brought go back with it" in plan.notes[0]
    back = library.actor(gone.id)  # the same actor again, as it was
    assert back is not None and back.name == "Min. Trevilla"
    assert back.description == "As the wires call him."
    # Even the claim in the piece that names the minister three ways goes back: it was
    # Min. Trevilla's before the merge, whatever the words around it say.
    assert marks_of(library, gone.id) == before
    minister = library.actor(kept.id)
    assert minister.aliases == ["Trevilla"] and minister.description == ""
    assert gone.id not in minister.extra.get("merged_ids", [])
    assert not any("merged_from" in m.extra for m in library.all_annotations())


def test_a_merge_of_a_merge_comes_apart_one_actor_at_a_time(library, articles):
    kept, gone = actor(library, "Ricardo Trevilla"), actor(library, "Min. Trevilla")
    ruiz = actor(library, "Ana Ruiz")
    ruiz_marks = marks_of(library, ruiz.id)
    apply_change(library, MergeActors(ruiz.id, gone.id))
    apply_change(library, MergeActors(gone.id, kept.id))
    apply_change(library, SplitAlias(kept.id, "Ana Ruiz"))
    assert marks_of(library, ruiz.id) == ruiz_marks
    assert library.actor(kept.id).aliases == ["Trevilla", "Min. Trevilla"]


def test_splitting_a_name_that_never_was_an_actor_goes_by_the_words(library, tmp_path):
    """An alias given by mistake: the mentions in its words follow it, and the claims whose
    attribution names it; a claim attributed in the words the actor keeps stays."""
    piece = add_sample(library, tmp_path / "src", "reform.md", REFORM)
    library.save_actor(Actor(name="Claudia Sheinbaum", aliases=["Jorge Ramírez"]))
    mark(library, piece, "Claudia Sheinbaum", "actor")
    mark(library, piece, "Jorge Ramírez", "actor")
    mark(library, piece, "the reform would lower prices", "claim", speaker="Claudia Sheinbaum")
    mark(library, piece, "This is a disaster for investment", "claim", speaker="Claudia Sheinbaum")
    sheinbaum = actor(library, "Claudia Sheinbaum")
    plan = apply_change(library, SplitAlias(sheinbaum.id, "Jorge Ramírez"))
    assert plan.summary == ("split 'Jorge Ramírez' off 'Claudia Sheinbaum' as an actor of its "
                            "own: 1 mention and 1 claim in 1 article follow it")
    ramirez = actor(library, "Jorge Ramírez")
    assert marks_of(library, ramirez.id) == [("actor", "Jorge Ramírez"),
                                             ("claim", "This is a disaster for investment")]
    assert marks_of(library, sheinbaum.id) == [("actor", "Claudia Sheinbaum"),
                                               ("claim", "the reform would lower prices")]


def test_split_refuses_what_is_not_an_alias(library, articles):
    minister = actor(library, "Ricardo Trevilla")
    with pytest.raises(GlossatorError, match="'Phoenix' is not an alias of 'Ricardo Trevilla' "
                                             r"\(its aliases: 'Trevilla'\)"):
        SplitAlias(minister.id, "Phoenix").plan(library)
    with pytest.raises(GlossatorError, match="is the actor's name, not an alias"):
        SplitAlias(minister.id, "ricardo trevilla").plan(library)


def test_setting_type_and_description(library, articles):
    ruiz = actor(library, "Ana Ruiz")
    values = parse_actor_assignments(["type=Organization", "description=Senate committee"])
    plan = apply_change(library, SetActor(ruiz.id, **values))
    assert plan.summary == "set 'Ana Ruiz': type organisation (was person), a new description"
    assert (library.actor(ruiz.id).type, library.actor(ruiz.id).description) == (
        "organisation", "Senate committee")
    again = apply_change(library, SetActor(ruiz.id, type="organisation"))
    assert again.changes_nothing and not again.undo_id
    with pytest.raises(GlossatorError, match="unknown actor type 'robot'; use one of: person, "):
        SetActor(ruiz.id, type="robot").plan(library)
    with pytest.raises(GlossatorError, match="to change the name use `glossator actors rename`"):
        parse_actor_assignments(["name=Ana"])


def test_actors_are_found_by_name_alias_id_or_prefix_and_ambiguity_lists_them(library, articles):
    every = library.actors()
    minister = actor(library, "Ricardo Trevilla")
    assert find_actor(every, "  TREVILLA ").id == minister.id  # an alias
    assert find_actor(every, minister.id[:6]).id == minister.id
    assert find_actor(every, minister.id).id == minister.id
    library.save_actor(Actor(name="Trevilla Holdings", aliases=["Trevilla"], type="organisation"))
    with pytest.raises(AmbiguousError) as ambiguous:
        find_actor(library.actors(), "Trevilla")
    assert str(ambiguous.value).startswith("'Trevilla' names 2 actors: ")
    assert "Ricardo Trevilla (" in str(ambiguous.value)
    with pytest.raises(NotFoundError, match="no actor 'Nobody' in the library"):
        find_actor(every, "Nobody")


def test_merging_an_actor_into_itself_is_refused(library, articles):
    minister = actor(library, "Ricardo Trevilla")
    with pytest.raises(GlossatorError, match="are the same actor"):
        MergeActors(minister.id, minister.id).plan(library)


def test_the_counts_cache_follows_changes_and_is_safe_to_delete(library, articles):
    first, _ = articles
    minister, ruiz = actor(library, "Ricardo Trevilla"), actor(library, "Ana Ruiz")
    tallies = read_tallies(library)
    assert (tallies.mentions[minister.id], tallies.claims[minister.id]) == (2, 1)
    assert tallies.claim_statuses[ruiz.id] == {"unverified": 1}
    assert (library.folder / TALLIES_CACHE).exists()
    mark(library, first, "the army would\nstay for a year", "claim", speaker="Trevilla")
    assert read_tallies(library).claims[minister.id] == 2  # that article counted afresh
    (library.folder / TALLIES_CACHE).write_text("{not json")
    assert read_tallies(library).claims[minister.id] == 2
    (library.folder / TALLIES_CACHE).unlink()
    assert read_tallies(library).actor_articles[minister.id] == 1


def test_undo_keeps_a_bounded_log(library, articles):
    from annotations.library_changes import undo

    ruiz = actor(library, "Ana Ruiz")
    for n in range(undo.KEEP + 3):
        apply_change(library, SetActor(ruiz.id, description=f"note {n}"))
    records = undo_records(library.folder)
    assert len(records) == undo.KEEP
    assert records[-1].summary == "set 'Ana Ruiz': a new description"
    assert len(list((library.folder / "undo").iterdir())) == undo.KEEP
