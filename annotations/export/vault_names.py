"""File names of a vault's pages: one per subject, stable, and safe on every system.

`safe_file_stem` already keeps a name inside its folder and legal on Windows, macOS and
Linux (no `<>:"/\\|?*`, no control characters, no reserved device names, no trailing dot
or space, under 200 bytes), and drops the characters Obsidian reads in a link. Here:

- names that differ only in case, or that clean to the same name, are told apart by
  the subject's id, judged against the whole library so a name does not change when
  another subject enters or leaves the vault;
- a name that ends in an extension Obsidian opens (`Annual report.pdf`) would make
  `[[Articles/Annual report.pdf]]` mean that file rather than the note: its last dot
  becomes a space;
- the last dot turned to a space can leave a device name Windows reserves: it is
  cleared again (`naming.clear_of_devices`).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from annotations.export.markdown import note_file_names
from annotations.model import Actor, Article
from annotations.naming import clear_of_devices, safe_file_stem

_NAME_BYTES = 200
_OPENED_EXTENSIONS = frozenset(
    "md canvas base pdf png jpg jpeg gif bmp svg webp avif mp3 wav m4a ogg flac 3gp webm mp4 "
    "mkv mov ogv".split()
)
"""What Obsidian opens itself, so reads as a file of its own at the end of a link."""
def linkable_stem(name: str, fallback: str, max_bytes: int = _NAME_BYTES) -> str:
    """`safe_file_stem(name)`, its last dot made a space when what follows it would read as
    a file extension Obsidian opens, and clear of every device name Windows reserves."""
    return fit_for_links(safe_file_stem(name, fallback, max_bytes))


def fit_for_links(stem: str) -> str:
    """A stem from `safe_file_stem`, fit for a link's end and clear of device names."""
    base, dot, extension = stem.rpartition(".")
    if dot and base.strip() and extension.casefold() in _OPENED_EXTENSIONS:
        stem = f"{base.rstrip()} {extension}"
    return clear_of_devices(stem)


def article_note_names(articles: Sequence[Article], every: Sequence[Article]) -> dict[str, str]:
    """The file name of each article's note in Articles/: the Markdown export's names
    (`note_file_names`), but never ending in an extension a link would take for a file."""
    seen: dict[str, Article] = {}

    def titled_to_fit(article: Article) -> Article:
        if article.id not in seen:
            safe = safe_file_stem(article.title)
            stem = fit_for_links(safe)
            seen[article.id] = dataclasses.replace(article, title=stem) if stem != safe else article
        return seen[article.id]

    return note_file_names([titled_to_fit(a) for a in articles], [titled_to_fit(a) for a in every])


def actor_page_names(actors: Sequence[Actor], every: Sequence[Actor]) -> dict[str, str]:
    """The file name of each actor's page in Actors/: the name, or `name (id)` when names
    meet in one file name (`Ana Ruiz` and `ana ruiz`; `Ruiz: Ana` and `Ruiz Ana`)."""
    meeting = Counter(linkable_stem(a.name, "actor").casefold() for a in every)
    names: dict[str, str] = {}
    used: set[str] = set()
    for actor in actors:
        stem = linkable_stem(actor.name, "actor")
        if meeting[stem.casefold()] > 1:
            # The id, never shortened: a cut name could meet another cut name again.
            suffix = f" ({actor.id.replace('-', '')[:8]})"
            stem = linkable_stem(actor.name, "actor", _NAME_BYTES - len(suffix)) + suffix
        names[actor.id] = unused_name(f"{stem}.md", used)
    return names


def unused_name(name: str, used: set[str]) -> str:
    """`name`, or `stem 2.md`…, the first whose case-folded form is not in `used` (a
    case-insensitive file system's view); it is in `used` from then on."""
    stem, chosen, n = name.removesuffix(".md"), name, 2
    while chosen.casefold() in used:
        chosen, n = f"{stem} {n}.md", n + 1
    used.add(chosen.casefold())
    return chosen
