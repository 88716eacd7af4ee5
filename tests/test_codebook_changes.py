"""The codebook managed: rename, move, merge, delete, recolour, library-wide and undoable."""

from __future__ import annotations

import pytest

from annotations.errors import GlossatorError, NotFoundError
from annotations.library_changes.applying import apply_change
from annotations.library_changes.delete_tag import DeleteTag, KindNeededError
from annotations.library_changes.merge_tags import MergeTags
from annotations.library_changes.rename_tag import RenameTag
from annotations.library_changes.set_tag import SetTag, parse_tag_assignments
from annotations.library_changes.undo import undo_change
from annotations.model import Tag
from annotations.store import Library
from tests.helpers.library import add_sample, mark, snapshot

BUDGET = """\
---
title: Council budget leaves the ferry short
site: Harbour Times
published: 2025-05-20
---

The council said the ferry subsidy would be cut by a third. The mayor's office said the
city government had no other choice. Local councillors called it a broken promise, and
the regional government said it would not step in.
"""

QUAY = """\
---
title: Fishermen protest on the quay
site: Coastal Weekly
published: 2025-05-22
---

Fishermen said the subsidy cut would end the early crossing. The city government did not
answer. A spokesperson for the regional government said talks would resume in June.
"""


@pytest.fixture
def tagged(library: Library, tmp_path):
    for name, colour in (("funding", "#d08050"), ("actor/government", "#50a0a0"),
                         ("actor/government/local", ""), ("actor/state", "#80b040"),
                         ("promise", "#a070d0")):
        library.save_tag(Tag(name, colour))
    budget = add_sample(library, tmp_path / "src", "budget.md", BUDGET)
    quay = add_sample(library, tmp_path / "src", "quay.md", QUAY)
    mark(library, budget, "the ferry subsidy would be cut by a third", "claim", tags=["funding"])
    mark(library, budget, "city government", "actor/government/local")
    mark(library, budget, "regional government", "actor/government", tags=["funding"])
    mark(library, budget, "a broken promise", "promise", tags=["funding"])
    mark(library, quay, "the subsidy cut", "funding", tags=["promise"])
    mark(library, quay, "city government", "actor/government/local")
    mark(library, quay, "regional government", "actor/government")
    return budget, quay


def kept_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """The library's own files, without snapshots and derived caches."""
    return {k: v for k, v in files.items() if not k.startswith("backups/")
            and not k.endswith("cache.json")}


def kinds_and_tags(library: Library) -> list[tuple[str, list[str], str | None]]:
    return sorted((m.kind, m.tags, m.status) for m in library.all_annotations())


def names(library: Library) -> list[str]:
    return [t.name for t in library.codebook()]


def test_renaming_a_tag_takes_its_sub_tags_and_every_mark_with_it(library, tagged):
    plan = RenameTag("actor/government", "actor/public").plan(library)
    assert plan.summary == "rename tag 'actor/government' to 'actor/public': 4 marks in 2 articles"
    assert plan.notes == ["1 sub-tag follows: actor/government/local → actor/public/local",
                          "4 marks have it as their kind"]
    apply_change(library, RenameTag("actor/government", "actor/public"))
    assert "actor/government" not in names(library)
    assert library.tag("actor/public").colour == "#50a0a0"
    assert library.tag("actor/public/local") is not None
    kinds = [k for k, _, _ in kinds_and_tags(library)]
    assert kinds.count("actor/public") == 2 and kinds.count("actor/public/local") == 2
    moved = apply_change(library, RenameTag("actor/public", "state/public"))
    assert moved.action == "move" and library.tag("state/public/local") is not None


def test_set_parent_moves_a_tag_under_another(library, tagged):
    plan = apply_change(library, SetTag("actor/government/local", parent="actor/state"))
    assert plan.action == "move" and plan.result == "actor/state/local"
    assert plan.summary == ("set tag 'actor/government/local': move to 'actor/state/local': "
                            "2 marks in 2 articles")
    assert library.tag("actor/state/local") is not None
    apply_change(library, SetTag("actor/state/local", parent=""))
    assert library.tag("local") is not None


def test_renaming_onto_an_existing_tag_is_refused_with_the_way_to_merge(library, tagged):
    with pytest.raises(GlossatorError, match="'actor/state' is already a tag; to join the two "
                                             "use `glossator codebook merge"):
        RenameTag("actor/government", "actor/state").plan(library)
    with pytest.raises(GlossatorError, match="cannot move under itself"):
        RenameTag("actor/government", "actor/government/old").plan(library)


def test_merging_tags_gives_their_marks_the_other_and_drops_the_first(library, tagged):
    plan = apply_change(library, MergeTags("promise", "funding"))
    assert plan.summary == "merge tag 'promise' into 'funding': 2 marks in 2 articles"
    assert "promise" not in names(library)
    assert library.tag("funding").colour == "#d08050"
    marks = kinds_and_tags(library)
    assert ("funding", [], "unverified") not in marks  # a tag's marks have no status…
    assert ("funding", [], None) in marks  # …and the promise, now funding, keeps no duplicate
    assert all("promise" not in tags for _, tags, _ in marks)


def test_merging_into_a_built_in_kind_gives_the_marks_its_status(library, tagged):
    apply_change(library, MergeTags("promise", "claim"))
    promised = [m for m in library.all_annotations() if m.exact == "a broken promise"]
    assert (promised[0].kind, promised[0].tags, promised[0].status) == (
        "claim", ["funding"], "unverified")


def test_deleting_a_tag_keeps_the_marks_other_tags(library, tagged):
    plan = apply_change(library, DeleteTag("promise", kind="claim"))
    assert plan.summary == "delete tag 'promise': 2 marks in 2 articles lose it"
    assert plan.notes == ["marks keep their other tags",
                          "1 mark had it as its kind: it becomes 'claim'"]
    marks = kinds_and_tags(library)
    assert ("claim", ["funding"], "unverified") in marks  # "a broken promise"
    assert ("funding", [], None) in marks  # "the subsidy cut" lost its extra tag only
    assert "promise" not in names(library)


def test_deleting_a_tag_that_is_a_marks_kind_needs_the_kind_they_take(library, tagged):
    before = snapshot(library.folder)
    with pytest.raises(KindNeededError) as refused:
        apply_change(library, DeleteTag("actor/government"))
    assert refused.value.count == 4
    assert str(refused.value).startswith(
        "4 marks have 'actor/government' (or a sub-tag) as their kind; say which kind they take "
        "instead with --kind KIND")
    with pytest.raises(GlossatorError, match="is being deleted too"):
        DeleteTag("actor/government", kind="actor/government/local").plan(library)
    assert kept_files(snapshot(library.folder)) == kept_files(before)
    plan = apply_change(library, DeleteTag("actor/government", kind="actor"))
    assert plan.notes[0] == "its sub-tag goes too: actor/government/local"
    assert [m.kind for m in library.all_annotations()].count("actor") == 4


def test_the_built_in_kinds_can_be_recoloured_but_not_renamed_or_deleted(library, tagged):
    for change in (RenameTag("claim", "assertion"), DeleteTag("question"),
                   MergeTags("actor", "funding"), SetTag("claim", parent="x")):
        with pytest.raises(GlossatorError, match="built-in kind"):
            change.plan(library)
    plan = apply_change(library, SetTag("claim", colour="#FFF"))
    assert plan.summary == "set tag 'claim': colour #ffffff (was #e0a030)"
    assert library.tag("claim").colour == "#ffffff"
    assert library.tag("claim").description == "A statement of fact that can be checked."
    undo_change(library)
    assert library.tag("claim").colour == "#e0a030"


def test_colours_and_settings_are_checked(library, tagged):
    with pytest.raises(GlossatorError, match="'teal' is not a colour; give it as #RRGGBB"):
        SetTag("funding", colour="teal").plan(library)
    assert parse_tag_assignments(["color=#abcdef", "parent="]) == {"colour": "#abcdef",
                                                                     "parent": ""}
    with pytest.raises(GlossatorError, match="KEY one of: colour, description, parent"):
        parse_tag_assignments(["name=x"])
    with pytest.raises(NotFoundError, match="no tag 'nothing' in the codebook"):
        RenameTag("nothing", "something").plan(library)


def test_a_codebook_rename_is_undone_whole(library, tagged):
    before = kinds_and_tags(library), names(library)
    apply_change(library, RenameTag("actor/government", "actor/public"))
    apply_change(library, SetTag("funding", description="Money promised or cut"))
    assert undo_change(library, group="codebook").action == "set"
    assert undo_change(library, group="codebook").action == "rename"
    assert (kinds_and_tags(library), names(library)) == before


def test_undo_of_a_tag_deleted_puts_it_back_and_keeps_the_tagging_done_since(library, tagged):
    budget, _ = tagged
    apply_change(library, DeleteTag("funding", kind="claim"))
    # After the deletion: a new mark in the same article, a tag added to a mark that lost
    # `funding`, a note on another.
    added = mark(library, budget, "Local councillors", "actor")
    regional = next(m for m in library.annotations(budget.id) if m.exact == "regional government")
    regional.tags = [*regional.tags, "promise"]
    library.save_annotation(regional)
    cut = next(m for m in library.annotations(budget.id) if m.exact.startswith("the ferry"))
    cut.note = "The budget book says a quarter."
    library.save_annotation(cut)

    record = undo_change(library)

    assert record.notes == []  # nothing the deletion set was set again since
    assert library.tag("funding").colour == "#d08050"
    by_words = {m.exact: m for m in library.annotations(budget.id)}
    assert by_words["regional government"].tags == ["funding", "promise"]
    assert by_words["the ferry subsidy would be cut by a third"].tags == ["funding"]
    assert by_words["the ferry subsidy would be cut by a third"].note == \
        "The budget book says a quarter."
    assert by_words["a broken promise"].tags == ["funding"]
    assert added.id in {m.id for m in library.annotations(budget.id)}
    quay = [m for m in library.all_annotations() if m.exact == "the subsidy cut"]
    assert (quay[0].kind, quay[0].tags, quay[0].status) == ("funding", ["promise"], None)


def test_a_renamed_tags_mark_given_another_kind_since_keeps_it_and_the_undo_says_so(library,
                                                                                   tagged):
    apply_change(library, RenameTag("promise", "pledge"))
    pledged = next(m for m in library.all_annotations() if m.kind == "pledge")
    pledged.kind, pledged.status = "claim", "disputed"
    library.save_annotation(pledged)
    tagged_so = next(m for m in library.all_annotations() if "pledge" in m.tags)
    tagged_so.tags = ["sea", *tagged_so.tags]
    library.save_annotation(tagged_so)

    record = undo_change(library)

    assert record.notes == ["1 mark left as edited since (its later values kept)"]
    again = library.annotation(pledged.article, pledged.id)
    assert (again.kind, again.status) == ("claim", "disputed")
    assert library.annotation(tagged_so.article, tagged_so.id).tags == ["sea", "promise"]
    assert "promise" in names(library) and "pledge" not in names(library)
