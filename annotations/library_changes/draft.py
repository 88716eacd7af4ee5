"""The files a library-wide change rewrites, read raw and changed in memory.

Raw records rather than model objects for the marks: a merge rewrites two fields of a
thousand marks, and every other field (and anything a newer glossator keeps) must reach
the disk exactly as it was. A change sets a record's fields (or puts a new record in its
place), never changes a list or dict inside one in place: each record is kept as loaded,
a shallow copy, and what the change did is found against it for the undo log
(reversing.py). Files are read straight from disk, not through the library's
TinyDB objects, so two hundred articles read for a merge are let go when it is done.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from annotations.atomic import NONCE_KEY, database_bytes, load_json
from annotations.errors import CorruptFileError
from annotations.library_changes.plan import LibraryChange, Plan
from annotations.library_changes.reversing import changes_of, database_tables
from annotations.model import Actor, Tag, now_iso
from annotations.store import Library
from annotations.tallies import Tallies, read_tallies

ACTORS_FILE = "actors.json"
CODEBOOK_FILE = "codebook.json"
MARKS_FILE = "annotations.json"


class Draft:
    """Tables of the library as a change would leave them; `writes` gives their bytes."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.at = now_iso()
        """When the change is made: the `updated` time of every mark it rewrites."""
        self._data: dict[Path, dict[str, Any]] = {}
        self._loaded: dict[Path, dict[str, Any]] = {}
        """Each file's tables as loaded: their records copied (shallow), not changed."""
        self._changed: set[Path] = set()
        self.articles: set[str] = set()
        """Articles whose marks were changed."""

    def _table(self, path: Path, name: str) -> dict[str, Any]:
        data = self._data.get(path)
        if data is None:
            loaded = load_json(path)
            if loaded is None:
                loaded = {}
            if not isinstance(loaded, dict) or not isinstance(loaded.get(name, {}), dict):
                raise CorruptFileError(f"{path} does not hold a glossator database; it was left "
                                       "untouched: run `glossator doctor --repair`")
            loaded.pop(NONCE_KEY, None)
            self._loaded[path] = {
                table: {key: dict(r) if isinstance(r, dict) else r for key, r in records.items()}
                if isinstance(records, dict) else records for table, records in loaded.items()}
            data = self._data[path] = loaded
        return data.setdefault(name, {})

    def _changing(self, path: Path, name: str) -> dict[str, Any]:
        """The table, to be changed: its file goes among the writes."""
        table = self._table(path, name)
        self._changed.add(path)
        return table

    @cached_property
    def tallies(self) -> Tallies:
        """Which articles name which actors and carry which tags, as on disk: where the
        marks a change rewrites are. Read once, when first wanted."""
        return read_tallies(self.library)

    # -- actors ----------------------------------------------------------------------------

    @property
    def _actors_path(self) -> Path:
        return self.library.folder / ACTORS_FILE

    def actors(self) -> list[Actor]:
        return [Actor.from_record(r) for r in self._table(self._actors_path, "actors").values()]

    def actor(self, actor_id: str) -> Actor | None:
        record = self._table(self._actors_path, "actors").get(actor_id)
        return Actor.from_record(record) if record else None

    def put_actor(self, actor: Actor) -> None:
        self._changing(self._actors_path, "actors")[actor.id] = actor.to_record()

    def drop_actor(self, actor_id: str) -> None:
        self._changing(self._actors_path, "actors").pop(actor_id, None)

    # -- codebook --------------------------------------------------------------------------

    @property
    def _codebook_path(self) -> Path:
        return self.library.folder / CODEBOOK_FILE

    def stored_tags(self) -> dict[str, Tag]:
        """The tags codebook.json holds (built-in kinds only when recoloured), by name."""
        table = self._table(self._codebook_path, "tags")
        return {name: Tag.from_record(r) for name, r in table.items()}

    def put_tag(self, tag: Tag) -> None:
        self._changing(self._codebook_path, "tags")[tag.name] = tag.to_record()

    def drop_tag(self, name: str) -> None:
        self._changing(self._codebook_path, "tags").pop(name, None)

    # -- marks -----------------------------------------------------------------------------

    def _marks_path(self, article_id: str) -> Path:
        return self.library.article_folder(article_id) / MARKS_FILE

    def marks(self, article_id: str) -> dict[str, dict[str, Any]]:
        """The article's mark records by id: change them in place, then `touched`."""
        if not self.library.article_folder(article_id).is_dir():
            return {}
        return self._table(self._marks_path(article_id), "annotations")

    def touched(self, article_id: str, record: dict[str, Any]) -> None:
        """`record` (one of `marks(article_id)`) was changed."""
        record["updated"] = self.at
        self._changed.add(self._marks_path(article_id))
        self.articles.add(article_id)

    # -- the result ------------------------------------------------------------------------

    def writes(self) -> dict[Path, bytes]:
        """Every changed file's new bytes, in a stable order."""
        return {path: database_bytes(self._data[path]) for path in sorted(self._changed)}

    def changes(self) -> dict[Path, list[dict[str, Any]]]:
        """What the draft changed in each file, record by record (reversing.changes_of)."""
        found = {}
        for path in sorted(self._changed):
            before, after = database_tables(self._loaded[path]), database_tables(self._data[path])
            if before is not None and after is not None:
                found[path] = changes_of(before, after)
        return found

    def plan(self, change: LibraryChange, summary: str, *, action: str = "",
             mentions: int = 0, claims: int = 0, marks: int = 0,
             notes: list[str] | None = None, result: str = "") -> Plan:
        """`change` as this draft holds it: the articles whose marks it rewrote and every
        changed file's bytes, under `summary`. A draft that changed nothing plans nothing."""
        return Plan(change.group, action or change.action, summary, mentions, claims, marks,
                    set(self.articles), list(notes or []), self.writes(), result=result,
                    changes=self.changes())
