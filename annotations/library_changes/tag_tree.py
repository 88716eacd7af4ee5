"""What the codebook changes share: tag names and sub-trees, rewriting the marks, and
the notes on what followed.

Tags are hierarchical by `/`: a change to `actor/government` reaches
`actor/government/local` too, as a folder's rename reaches what is inside it. A mark
carries a tag as its kind or among its extra tags; both are rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from annotations.errors import GlossatorError, NotFoundError
from annotations.library_changes.draft import Draft
from annotations.library_changes.plan import agreeing, counted, quoted
from annotations.library_changes.printable import refuse_unprintable
from annotations.model import BUILTIN_KINDS, BUILTIN_TAGS, Tag, default_status, statuses_for

_COLOUR = re.compile(r"^#(?:[0-9a-f]{3}|[0-9a-f]{6})$")


def clean_tag_name(name: str) -> str:
    """"  actor / government/ " → "actor/government"; refused when nothing is left."""
    parts = [" ".join(p.split()) for p in name.split("/")]
    cleaned = "/".join(p for p in parts if p)
    if not cleaned:
        raise GlossatorError("a tag needs a name (hierarchical by '/': actor/government)")
    return cleaned


def new_tag_name(name: str) -> str:
    """A name a tag is to take, cleaned: refused when it holds a control or format
    character (printable.py), or nothing."""
    refuse_unprintable(name, "a tag name")
    return clean_tag_name(name)


def in_subtree(name: str, root: str) -> bool:
    return name == root or name.startswith(root + "/")


def subtree(names: Iterable[str], root: str) -> list[str]:
    """`root` and the tags under it, root first."""
    return sorted((n for n in names if in_subtree(n, root)), key=lambda n: (n != root, n))


def moved(name: str, old_root: str, new_root: str) -> str:
    return new_root + name[len(old_root):]


def subtree_moved(names: Iterable[str], old_root: str, new_root: str) -> dict[str, str]:
    """`old_root` and the tags under it (root first), each with its name under `new_root`."""
    return {n: moved(n, old_root, new_root) for n in subtree(names, old_root)}


def sub_tag_moves(mapping: Mapping[str, str], root: str) -> list[str]:
    """"old/x → new/x" for each sub-tag that follows `root`."""
    return [f"{n} → {new}" for n, new in mapping.items() if n != root]


def every_tag_name(draft: Draft) -> set[str]:
    """Tags in the codebook, the built-in kinds, and tags marks carry without an entry."""
    return set(draft.stored_tags()) | set(BUILTIN_KINDS) | set(draft.tallies.tag_marks)


def user_tag(name: str, names: set[str], doing: str) -> str:
    """`name`, cleaned, when it is a tag that may be changed this way."""
    cleaned = clean_tag_name(name)
    if cleaned in BUILTIN_KINDS:
        raise GlossatorError(f"{quoted(cleaned)} is one of the built-in kinds (claim, actor, "
                             f"question), which cannot be {doing}; it can be recoloured with "
                             f"`glossator codebook set {cleaned} colour=#RRGGBB`")
    if cleaned not in names:
        raise NotFoundError(f"no tag {quoted(cleaned)} in the codebook; `glossator codebook` "
                            "lists them")
    return cleaned


def tag_entry(draft: Draft, name: str) -> Tag:
    """The codebook's entry for `name`: stored, built in, or a bare one."""
    stored = draft.stored_tags().get(name)
    if stored is not None:
        return stored
    builtin = next((t for t in BUILTIN_TAGS if t.name == name), None)
    return Tag.from_record(builtin.to_record()) if builtin else Tag(name)


def check_colour(value: str) -> str:
    """"#D08050" → "#d08050", "#fff" → "#ffffff"; "" clears; anything else is refused."""
    colour = value.strip().lower()
    if colour and not colour.startswith("#"):
        colour = "#" + colour
    if colour and not _COLOUR.match(colour):
        raise GlossatorError(f"{value!r} is not a colour; give it as #RRGGBB (e.g. #d08050)")
    if len(colour) == 4:  # #abc: written out, as other tools' codebooks want #RRGGBB
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


class MarkRewrite:
    """Counts of a rewrite of the marks' kinds and tags."""

    def __init__(self) -> None:
        self.marks = 0
        self.as_kind = 0
        """Marks whose kind changed."""


def rewrite_marks(draft: Draft, mapping: Mapping[str, str | None],
                  replacement_kind: str = "") -> MarkRewrite:
    """Rename (or, mapped to None, remove) tags in every mark that carries them.

    A mark whose kind is removed takes `replacement_kind`; a mark that becomes a claim or a
    question takes that kind's first status unless it has one of its statuses already.
    """
    counts = MarkRewrite()
    for article_id in draft.tallies.articles_tagged(mapping):
        for record in draft.marks(article_id).values():
            if _rewritten(record, mapping, replacement_kind, counts):
                counts.marks += 1
                draft.touched(article_id, record)
    return counts


def _rewritten(record: dict, mapping: Mapping[str, str | None], replacement_kind: str,
               counts: MarkRewrite) -> bool:
    kind = record.get("kind", "")
    tags = list(record.get("tags") or [])
    new_kind = kind
    if kind in mapping:
        new_kind = mapping[kind] or replacement_kind
    new_tags = [mapping.get(t, t) for t in tags]
    new_tags = [t for t in dict.fromkeys(new_tags) if t and not (t == new_kind != kind)]
    if new_kind == kind and new_tags == tags:
        return False
    record["tags"] = new_tags
    if new_kind != kind:
        record["kind"] = new_kind
        counts.as_kind += 1
        if statuses_for(new_kind) and record.get("status") not in statuses_for(new_kind):
            record["status"] = default_status(new_kind)
    return True


def listed(pairs: list[str], most: int = 4) -> str:
    shown = ", ".join(pairs[:most])
    return shown + (f" and {len(pairs) - most} more" if len(pairs) > most else "")


def followers_note(followers: list[str]) -> str:
    n = len(followers)
    return f"{counted(n, 'sub-tag')} {agreeing(n, 'follows', 'follow')}: {listed(followers)}"


def moved_notes(counts: MarkRewrite, followers: list[str], becomes: str = "") -> list[str]:
    """The sub-tags that followed, and the marks that have the tag as their kind (with the
    tag they now have, when it `becomes` another's)."""
    notes = []
    if followers:
        notes.append(followers_note(followers))
    if counts.as_kind:
        n = counts.as_kind
        note = f"{counted(n, 'mark')} {agreeing(n, 'has it as its', 'have it as their')} kind"
        if becomes:
            note += f": {agreeing(n, 'it becomes', 'they become')} {quoted(becomes)}"
        notes.append(note)
    return notes
