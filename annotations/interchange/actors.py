"""The actors an import links its marks to, for every importer (W3C and Hypothesis files,
REFI-QDA projects).

The library's actors are found as `Library.find_actor` finds them, by id, else by name or
alias whatever the case and spacing, from an index built once (a file names hundreds, and
the library is not read again for each). Actors the import makes are `pending` until the
marks naming them are committed, in the same transaction.

Another tool's actor mark names its actor by its words alone: the actor answering to
them, else a new one named by them, as marking a mention does (`Library.actor_named`), so
`glossator actors` lists what an import marked as it lists what the reader marked.
"""

from __future__ import annotations

from annotations.interchange.w3c.incoming import AgentRef
from annotations.library_changes.printable import name_of_words
from annotations.model import Actor, normalise_name
from annotations.store import Library


class Actors:
    """The library's actors and those this import makes (`pending` until committed)."""

    def __init__(self, library: Library) -> None:
        self.known = {actor.id: actor for actor in library.actors()}
        self.pending: list[Actor] = []
        self._by_name: dict[str, str] = {}
        for actor in self.known.values():
            self._name(actor)

    def _name(self, actor: Actor) -> None:
        for name in actor.names():
            self._by_name.setdefault(normalise_name(name), actor.id)

    def named(self, name: str) -> Actor | None:
        """The actor with this name or alias, the library's or this import's."""
        found = self._by_name.get(normalise_name(name)) if name.strip() else None
        return self.known[found] if found is not None else None

    def add(self, actor: Actor) -> None:
        """Make `actor` one of this import's, to be committed with the marks naming it."""
        self.known[actor.id] = actor
        self._name(actor)
        self.pending.append(actor)

    def resolve(self, ref: AgentRef) -> str:
        """The id of the actor `ref` names: by id, else by name or alias, else a new one."""
        if ref.id and ref.id in self.known:
            return ref.id
        named = self.named(ref.name)
        if named is not None:
            return named.id
        if not ref.name:
            return ref.id  # a link to an actor the file does not describe: kept as it was
        actor = Actor(name=ref.name, type=ref.type, aliases=list(ref.aliases),
                      description=ref.description)
        if ref.id:
            actor.id = ref.id
        if ref.created:
            actor.created = ref.created
        self.add(actor)
        return actor.id

    def mentioned(self, words: str) -> str:
        """The id of the actor a mention's words name: the one answering to them, else a
        new one named by them ("" for words that hold no name at all)."""
        return self.resolve(AgentRef(name=name_of_words(words)))
