"""An article's earlier bodies: kept when a refresh finds its text changed.

    articles/<id>/versions.json      [{"number": 1, "saved": …, "content_hash": …, …}, …]
    articles/<id>/versions/1.md      the body as it was (hard-linked, never copied)

Version numbers count from 1, oldest first; the current body is the one after the last.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from annotations.atomic import dump_json, load_json
from annotations.errors import GlossatorError
from annotations.model import Article
from annotations.store import BODY_FILES, Library

VERSIONS_NAME = "versions.json"
VERSIONS_FOLDER = "versions"
CURRENT = "current"


@dataclass(frozen=True)
class Version:
    number: int
    saved: str
    """When this body stopped being the current one (the refresh that replaced it)."""
    added: str
    """When this body became the current one (the article's add, or an earlier refresh)."""
    content_hash: str
    text_hash: str
    format: str
    source: str
    file: str
    """The body's file name in versions/."""

    def record(self) -> dict:
        return asdict(self)


def versions_path(library: Library, article_id: str) -> Path:
    return library.article_folder(article_id) / VERSIONS_NAME


def versions(library: Library, article_id: str) -> list[Version]:
    """The article's earlier versions, oldest first (none before its first change)."""
    data = load_json(versions_path(library, article_id)) or []
    if not isinstance(data, list):
        return []
    found = []
    for record in data:
        try:
            found.append(Version(**{k: record[k] for k in Version.__dataclass_fields__}))
        except (KeyError, TypeError):
            continue
    return found


def next_version(library: Library, article: Article, saved: str) -> Version:
    """The version the current body becomes when it is replaced now."""
    earlier = versions(library, article.id)
    number = earlier[-1].number + 1 if earlier else 1
    suffix = Path(BODY_FILES.get(article.format, "body.md")).name.removeprefix("body")
    added = str(article.extra.get("body_added") or article.added)
    return Version(number=number, saved=saved, added=added, content_hash=article.content_hash,
                   text_hash=article.text_hash, format=article.format, source=article.source,
                   file=f"{number}{suffix}")


def versions_bytes(every: list[Version]) -> bytes:
    """The versions file in the library's canonical JSON (one record per entry: a sync
    merges it by version number)."""
    return dump_json([v.record() for v in every])


def version_body(library: Library, article: Article, version: Version) -> str:
    path = library.article_folder(article.id) / VERSIONS_FOLDER / version.file
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossatorError(f"version {version.number} of {article.id!r} cannot be read "
                             f"({path}: {error}); run `glossator doctor`") from None


def resolve_version(library: Library, article: Article, reference: str) -> Version | None:
    """The version named `reference` (its number, or `current`: None)."""
    if reference.strip().lower() in (CURRENT, "now", ""):
        return None
    every = versions(library, article.id)
    try:
        number = int(reference)
    except ValueError:
        number = 0
    if number < 0:
        number = len(every) + 1 + number  # -1: the one before the current
    for version in every:
        if version.number == number:
            return version
    if number == len(every) + 1:
        return None  # the number after the last is the current body
    shown = f"1 to {len(every)}, or current" if every else "only current: it has not changed yet"
    raise GlossatorError(f"{article.id!r} has no version {reference!r}; there is {shown} "
                         f"(`glossator versions {article.id}` lists them)")
