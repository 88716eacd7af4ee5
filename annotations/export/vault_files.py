"""Writing a vault's pages over an earlier export without losing a word of the reader's.

Every page glossator writes (article notes, actor pages, Index, Questions, Claims) names
its subject in its front matter (`glossator-article`, `glossator-actor`, `glossator-page`)
and ends in a `## My notes` region. Exporting again:

- finds each subject's earlier page by that name, wherever the file now is, so a page
  whose title or name changed is carried to its new file name with its notes;
- keeps the region word for word, and the earlier file as `<name>.md.bak` when the
  generated part had been edited (as the single-note export does);
- a page whose subject has left the vault (an article removed from the library, an actor
  deleted, merged or no longer mentioned) is deleted only when the reader never wrote in
  it; otherwise it moves, untouched, to `Removed/`, and comes back should its subject
  return;
- refuses, before writing anything, to overwrite a file glossator did not write, or a
  page whose My notes markers are broken.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotations.atomic import describe_os_error, fsync_folder, temp_path_for
from annotations.errors import GlossatorError, LibraryError
from annotations.export.markdown import (
    DEFAULT_MY_NOTES,
    KEY_PREFIX,
    NoteWrite,
    generated_digest,
    kept_region,
    stored_digest,
)
from annotations.export.vault_links import ACTORS, ARTICLES, REMOVED
from annotations.export.vault_names import unused_name
from annotations.naming import path_inside

ARTICLE_PAGE, ACTOR_PAGE, LIBRARY_PAGE = "article", "actor", "page"
"""What a page is about: its owner is `article:<id>`, `actor:<id>` or `page:<name>`."""
_OWNER_KEYS = {ARTICLE_PAGE: f"{KEY_PREFIX}article", ACTOR_PAGE: f"{KEY_PREFIX}actor",
               LIBRARY_PAGE: f"{KEY_PREFIX}page"}
_PLACES = {"": LIBRARY_PAGE, ARTICLES: ARTICLE_PAGE, ACTORS: ACTOR_PAGE, REMOVED: LIBRARY_PAGE,
           f"{REMOVED}/{ARTICLES}": ARTICLE_PAGE, f"{REMOVED}/{ACTORS}": ACTOR_PAGE}
"""The folders glossator writes in, and what the pages in each are about."""
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def owner(kind: str, subject: str) -> str:
    return f"{kind}:{subject}"


@dataclass(frozen=True)
class Page:
    """A page to write: where, about what, and its text around a given My notes region."""

    path: str
    """From the vault's root, `/` between folders: `Actors/Dana Whitlock.md`."""
    owner: str
    render: Callable[[str], str]


@dataclass(frozen=True)
class Earlier:
    """A page an earlier export left in the vault, as it is now."""

    path: str
    text: str
    owner: str
    """Whose page it is; empty for a file glossator did not write."""

    @property
    def removed(self) -> bool:
        return self.path.startswith(f"{REMOVED}/")

    def holds_the_readers_words(self, where: Path) -> bool:
        """Whether deleting it could lose anything the reader wrote."""
        try:
            region = kept_region(self.text, where)
        except GlossatorError:
            return True  # its markers are broken: what is whose cannot be told
        return region != DEFAULT_MY_NOTES or stored_digest(self.text) != generated_digest(self.text)


@dataclass
class VaultFile(NoteWrite):
    """What the export did with one file: `new`, `updated`, `unchanged`, `removed` (moved
    to Removed/, `path` its new place) or `deleted` (it held nothing of the reader's)."""

    change: str = "new"
    was: Path | None = None
    """Where the file was before, when it moved."""


@dataclass
class Survey:
    """The vault folder as an earlier export (and the reader) left it."""

    folder: Path
    files: list[Earlier] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Looked up once per page of a vault of a thousand: indexed, not searched.
        self._by_owner: dict[str, list[Earlier]] = {}
        self._by_path: dict[str, list[Earlier]] = {}
        for earlier in self.files:
            self._by_owner.setdefault(earlier.owner, []).append(earlier)
            self._by_path.setdefault(earlier.path.casefold(), []).append(earlier)

    def owned_by(self, subject: str) -> list[Earlier]:
        return self._by_owner.get(subject, []) if subject else []

    def at(self, path: str) -> list[Earlier]:
        """The files at `path` as a case-insensitive file system finds them."""
        return self._by_path.get(path.casefold(), [])

    def subjects(self, kind: str) -> set[str]:
        """The subjects of `kind` with a page in the vault (Removed/ included)."""
        prefix = f"{kind}:"
        return {e.owner[len(prefix):] for e in self.files if e.owner.startswith(prefix)}

    def earlier_page(self, page: Page) -> Earlier | None:
        """The file that holds `page`'s earlier text: the one at its place, else the one in
        its folder (its title changed), else the one in Removed/ (its subject is back)."""
        mine = self.owned_by(page.owner)
        here = [e for e in mine if e.path.casefold() == page.path.casefold()]
        kept = [e for e in mine if not e.removed]
        return (here or kept or mine or [None])[0]


def survey_vault(folder: Path) -> Survey:
    """Every Markdown file where glossator writes, with the subject it names."""
    for place in _PLACES:
        where = folder / place if place else folder
        if where.exists() and not where.is_dir():
            raise GlossatorError(f"{where} is a file; the vault needs a folder there")
    files: list[Earlier] = []
    for place, kind in _PLACES.items():
        where = folder / place if place else folder
        if not where.is_dir():
            continue
        for path in sorted(where.glob("*.md")):
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            relative = f"{place}/{path.name}" if place else path.name
            files.append(Earlier(relative, text, _owner_in(text, kind)))
    return Survey(folder, files)


def _owner_in(text: str, kind: str) -> str:
    match = _FRONT_MATTER.match(text)
    if not match:
        return ""
    key = _OWNER_KEYS[kind]
    found = re.search(rf"^{key}: (.+)$", match.group(1), re.MULTILINE)
    return owner(kind, found.group(1).strip().strip("'\"")) if found else ""


@dataclass
class _Write:
    page: Page
    target: Path
    text: str
    earlier: Earlier | None
    backup: bool
    durable: bool

    @property
    def unchanged(self) -> bool:
        return self.earlier is not None and self.earlier.path == self.page.path and (
            self.earlier.text == self.text)


@dataclass
class _Removal:
    earlier: Earlier
    destination: str | None
    """Its place in Removed/; None when it is deleted."""


def pages_leaving(survey: Survey, pages: Sequence[Page]) -> list[tuple[Earlier, bool]]:
    """The earlier pages no page of this export carries on, and whether each is deleted
    (True: it held nothing of the reader's) rather than moved to Removed/.

    A page leaves when its subject is no longer in the vault, or when it stands where
    another page now goes; an extra copy of a page the reader made elsewhere stays.
    """
    staying = {p.owner for p in pages}
    targets = {p.path.casefold() for p in pages}
    carried = {id(e) for p in pages if (e := survey.earlier_page(p)) is not None}
    leaving = []
    for earlier in survey.files:
        if not earlier.owner or earlier.removed or id(earlier) in carried:
            continue
        if earlier.owner in staying and earlier.path.casefold() not in targets:
            continue
        deleted = not earlier.holds_the_readers_words(survey.folder / earlier.path)
        leaving.append((earlier, deleted))
    return leaving


def removed_pages(survey: Survey, pages: Sequence[Page]) -> list[str]:
    """The pages in Removed/ after this export, as paths from the vault's root: those
    already there and not brought back, and those moving there now."""
    carried = {id(e) for p in pages if (e := survey.earlier_page(p)) is not None}
    there = [e.path for e in survey.files if e.removed and e.owner and id(e) not in carried]
    moving = _destinations(survey, pages)
    return sorted([*there, *moving.values()], key=str.casefold)


def _destinations(survey: Survey, pages: Sequence[Page]) -> dict[int, str]:
    """Where each page moving to Removed/ goes: its folder's name, free in Removed/."""
    destinations: dict[int, str] = {}
    taken: dict[str, set[str]] = {}
    for earlier, deleted in pages_leaving(survey, pages):
        if deleted:
            continue
        folder, _, name = earlier.path.rpartition("/")
        place = f"{REMOVED}/{folder}" if folder else REMOVED
        names = taken.setdefault(place, _names_in(survey.folder / place))
        chosen = unused_name(name, names)
        destinations[id(earlier)] = f"{place}/{chosen}"
    return destinations


def _names_in(folder: Path) -> set[str]:
    return {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()


def write_vault(survey: Survey, pages: Sequence[Page]) -> list[VaultFile]:
    """Write `pages` over the vault `survey` found; every refusal comes before any change."""
    folder = survey.folder
    writes = [_planned(survey, page) for page in pages]
    destinations = _destinations(survey, pages)
    removals = [_Removal(e, destinations.get(id(e))) for e, _ in pages_leaving(survey, pages)]
    _refuse_foreign_files(survey, writes)

    try:
        done = [_remove(folder, removal) for removal in removals]
        for write in writes:
            _rename_case_only(folder, write)
        done += _written(folder, writes)
        targets = {w.page.path.casefold() for w in writes}
        for write in writes:
            earlier = write.earlier
            if earlier and earlier.path.casefold() != write.page.path.casefold() and (
                    earlier.path.casefold() not in targets):
                # Carried to its new name above (notes in it, edits in its .bak): the old
                # file goes last, so a crash before this leaves two copies, never none.
                (folder / earlier.path).unlink(missing_ok=True)
    except OSError as error:
        raise LibraryError(f"cannot write the vault in {folder}: {_why(error)}") from error
    return done


def _planned(survey: Survey, page: Page) -> _Write:
    target = _target(survey.folder, page.path)
    earlier = survey.earlier_page(page)
    my_notes, edited = DEFAULT_MY_NOTES, False
    if earlier is not None:
        my_notes = kept_region(earlier.text, survey.folder / earlier.path)
        edited = stored_digest(earlier.text) != generated_digest(earlier.text)
    # Only a page that holds the reader's words is worth an fsync: the rest can be
    # exported again, and a vault of a thousand pages would spend seconds on them.
    durable = my_notes != DEFAULT_MY_NOTES
    return _Write(page, target, page.render(my_notes), earlier, edited, durable)


def _target(folder: Path, relative: str) -> Path:
    place, _, name = relative.rpartition("/")
    return path_inside(folder / place if place else folder, name)


def _refuse_foreign_files(survey: Survey, writes: Sequence[_Write]) -> None:
    for write in writes:
        foreign = [e for e in survey.at(write.page.path) if not e.owner]
        if foreign or (write.target.exists() and not write.target.is_file()):
            raise GlossatorError(
                f"{write.target} already exists and is not a glossator page; move it or "
                "export the vault to another folder"
            )


def _remove(folder: Path, removal: _Removal) -> VaultFile:
    source = _target(folder, removal.earlier.path)
    if removal.destination is None:
        source.unlink(missing_ok=True)
        return VaultFile(source, change="deleted")
    destination = _target(folder, removal.destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, destination)
    return VaultFile(destination, change="removed", was=source)


def _rename_case_only(folder: Path, write: _Write) -> None:
    """A page whose new name differs from its file's only in case is renamed first: on a
    case-insensitive file system, writing the new name would keep the old one."""
    earlier = write.earlier
    if earlier and earlier.path != write.page.path and (
            earlier.path.casefold() == write.page.path.casefold()):
        os.replace(folder / earlier.path, write.target)


def _written(folder: Path, writes: Sequence[_Write]) -> list[VaultFile]:
    """Write every changed page: each to a temp file beside it (fsynced when it holds the
    reader's words), then all renamed into place and each folder fsynced once. Each file
    is the old one or the new one whatever happens; a vault of a thousand pages with
    notes in them costs a thousand fsyncs, not two thousand."""
    done: list[VaultFile] = []
    staged: list[tuple[Path, _Write, Path | None]] = []
    try:
        for write in writes:
            backup = _backed_up(write)
            if write.unchanged:
                done.append(VaultFile(write.target, backup, change="unchanged"))
                continue
            write.target.parent.mkdir(parents=True, exist_ok=True)
            temp = temp_path_for(write.target)
            _write_file(temp, write.text.encode("utf-8"), write.durable)
            staged.append((temp, write, backup))
        for temp, write, backup in staged:
            os.replace(temp, write.target)
            done.append(VaultFile(write.target, backup,
                                  change="updated" if write.earlier else "new"))
        for parent in {w.target.parent for _, w, _ in staged if w.durable}:
            fsync_folder(parent)
    except BaseException:
        for temp, _, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return done


def _why(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable; give another with -o"
    return describe_os_error(error)  # a full disk, and the rest, as the library says them


def _backed_up(write: _Write) -> Path | None:
    """The earlier file kept beside the page as `.md.bak` when its generated part had been
    edited; durable before the page is replaced."""
    if not (write.backup and write.earlier is not None):
        return None
    backup = write.target.with_name(write.target.name + ".bak")
    temp = temp_path_for(backup)
    try:
        _write_file(temp, write.earlier.text.encode("utf-8"), durable=True)
        os.replace(temp, backup)
    finally:
        temp.unlink(missing_ok=True)
    fsync_folder(backup.parent)
    return backup


def _write_file(path: Path, data: bytes, durable: bool) -> None:
    """`data` into the temp file `path`, which does not outlive a failure."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if durable:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
