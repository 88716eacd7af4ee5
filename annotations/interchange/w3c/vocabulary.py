"""The words glossator's W3C Web Annotation files use, shared by the export and the import.

Every document's `@context` is the Web Annotation context and one prefix of our own:

    ["http://www.w3.org/ns/anno.jsonld", {"glossator": "https://glossator.example.invalid/ns#"}]

so our extension keys are compact IRIs (`glossator:speaker` expands to
`https://glossator.example.invalid/ns#speaker`). The `.invalid` domain can never resolve
(RFC 6761): the namespace names our terms without pretending a vocabulary is served there.
The IRI is stable; a key is added, never renamed.

IRIs we mint are `urn:uuid:` URNs (RFC 4122): a mark's own id, an actor's own id, and for
what has no id of its own (an article read from a local file, a collection, its page) a
name-based UUID (version 5) of something stable, so exporting twice gives the same IRIs.
"""

from __future__ import annotations

import uuid

from annotations.interchange.urls import as_uri
from annotations.model import ACTOR, CLAIM, QUESTION, Article

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "https://glossator.example.invalid/ns#"
PREFIX = "glossator"
CONTEXT: list[object] = [ANNO_CONTEXT, {PREFIX: NAMESPACE}]
"""The `@context` of every collection and of every annotation in it (each annotation can
be lifted out of its page and still be a whole W3C annotation)."""


def term(name: str) -> str:
    """Our extension key `name` as it is written in a document: `glossator:name`."""
    return f"{PREFIX}:{name}"


ID = term("id")
"""A mark's or actor's own id, given only when it is not a UUID (its IRI is minted then)."""
KIND = term("kind")
STATUS = term("status")
ANSWER = term("answer")
SPEAKER = term("speaker")
"""The actor who made a claim: an agent object (see `agent`)."""
ACTOR_KEY = term("actor")
"""The actor an actor mark mentions: an agent object."""
PARAGRAPH = term("paragraph")
PAGE = term("page")
PAGE_END = term("pageEnd")
CHAPTER = term("chapter")
ORPHANED = term("orphaned")
START = term("start")
"""An orphan's last offsets: its words are not in the text, so it has no position selector."""
END = term("end")
FUZZY_SCORE = term("fuzzyScore")
"""How sure the last re-anchoring was (0–1) when it found the words only approximately."""
ORIGIN = term("origin")
HISTORY = term("history")
"""Earlier quotes and places of the mark: its history entries, each key a `glossator:` one."""
EXTRA = term("extra")
"""Whatever else a mark keeps (fields of a newer glossator), as a JSON text."""
ARTICLE = term("article")
"""The article id, on a collection."""
FILE = term("file")
"""On a target whose source is a local file's URN: the file the article was added from."""
ACTOR_TYPE = term("actorType")
ALIASES = term("aliases")
DESCRIPTION = term("description")
CREATED = term("created")
"""When an actor was made, on an agent object: the W3C `created` there would say when the
agent (not our record of it) came to be."""

MOTIVATIONS = {CLAIM: "assessing", ACTOR: "identifying", QUESTION: "questioning"}
"""The motivation of each built-in kind; a mark of a codebook tag is `tagging`."""
TAG_MOTIVATION = "tagging"
KIND_OF_MOTIVATION = {motivation: kind for kind, motivation in MOTIVATIONS.items()}

AGENT_TYPES = {"person": "Person", "organisation": "Organization"}
"""Our actor types that FOAF, through the annotation context, has a class for."""

_NAMES = uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)
"""The UUID namespace of the name-based UUIDs we mint."""


def minted(name: str) -> str:
    """A stable `urn:uuid:` IRI for `name`."""
    return f"urn:uuid:{uuid.uuid5(_NAMES, name)}"


def id_iri(own_id: str) -> str:
    """The IRI of a mark or actor id: `urn:uuid:<id>` for a UUID, else one minted from it."""
    try:
        if str(uuid.UUID(own_id)) == own_id:
            return f"urn:uuid:{own_id}"
    except ValueError:
        pass
    return minted(f"id {own_id}")


def own_id(iri: str) -> str | None:
    """The id `id_iri` made `iri` from, when it holds one (`urn:uuid:<uuid>`)."""
    if not iri.lower().startswith("urn:uuid:"):
        return None
    try:
        return str(uuid.UUID(iri[len("urn:uuid:"):]))
    except ValueError:
        return None


def article_source(article: Article) -> str:
    """The target `source` of an article's marks: its web address (as a URI), or for an
    article read from a file, a URN of its content (the same file added to another library
    gets the same one)."""
    if article.url:
        return as_uri(article.url)
    if article.source.startswith(("http://", "https://")):
        return as_uri(article.source)
    return content_urn(article)


def content_urn(article: Article) -> str:
    if article.content_hash:
        return minted(f"sha256 {article.content_hash}")
    return minted(f"article {article.id}")


def collection_iri(article: Article) -> str:
    return minted(f"collection {article_source(article)}")


def page_iri(article: Article) -> str:
    return minted(f"page 1 {article_source(article)}")
