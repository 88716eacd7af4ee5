"""Vault file names that every system takes, and links that survive what is in a name.

Titles and actor names here are the ones that break vaults: Windows device names and
forbidden characters, trailing dots, names alike but for case or accents (one file on
Windows and macOS), names that clean to one name, names longer than a file name may be,
and the characters Obsidian reads inside a link (`#`, `|`, `^`, `[`, `]`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from annotations.export.vault_links import link_alias, wikilink
from annotations.model import Actor
from annotations.store import Library
from tests.helpers.library import mark
from tests.test_vault import (
    add_text,
    all_links,
    block_ids,
    broken_links,
    export_direct,
    front_matter,
    live_in_front_matter,
    live_markup,
)

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
OBSIDIAN_LINK_SPECIALS = set("#|^[]")
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"} | {
    f"{d}{n}" for d in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]}

AWKWARD_TITLES = [
    "C# in [brackets] | pipes ^caret",
    "Budget: the plan?",
    "Budget the plan",
    "budget THE plan",
    "CON",
    "nul.txt",
    "COM1",
    "COM¹",
    "lpt0",
    "aux.",
    "Annual report.pdf",
    "Minutes.md",
    "../../etc/passwd",
    "..",
    ".hidden plans",
    "Trailing dots...",
    "Trailing spaces   ",
    "Control\x1b[31m chars\x07 and\ttabs\nnewlines",
    "Très long titre " * 25,
    "Très long titre " * 25 + "but a different ending",
    unicodedata.normalize("NFC", "Café crème"),
    unicodedata.normalize("NFD", "Café crème"),
    "Émoji 🚋 and CJK 路面電車",
    "x#y|z [[w]] ![[e]] ^q <b>bold</b> %%c%%",
]

AWKWARD_ACTORS = [
    "Ana Ruiz",
    "ana ruiz",
    "ANA RUIZ",
    "Ruiz: Ana",
    "Ruiz Ana",
    "A|B [Team] #1 ^x",
    "CON",
    "aux.",
    "CONIN$",
    "Report.pdf",
    "José Núñez",
    unicodedata.normalize("NFD", "José Núñez"),
    "<script>alert(1)</script>",
    "x" * 300,
    "",
    'Union: "Dock" | #1 [[x]] ^b',
]


def windows_trouble(name: str) -> list[str]:
    """What Windows (or macOS, or Obsidian) would refuse or misread in a file name."""
    trouble = []
    if set(name) & WINDOWS_FORBIDDEN:
        trouble.append("forbidden character")
    if set(name) & OBSIDIAN_LINK_SPECIALS:
        trouble.append("character Obsidian reads in a link")
    if any(ord(ch) < 32 or unicodedata.category(ch) == "Cc" for ch in name):
        trouble.append("control character")
    if name.endswith((".", " ")) or name.startswith("."):
        trouble.append("leading dot or trailing dot or space")
    if name.split(".")[0].rstrip().upper() in WINDOWS_DEVICES:
        trouble.append("device name")
    if len(name.encode("utf-8")) > 255 or len(name.encode("utf-16-le")) // 2 > 255:
        trouble.append("too long")
    return trouble


@pytest.fixture
def awkward(library: Library, tmp_path: Path):
    """An article per awkward title, an actor per awkward name, each mentioned once."""
    articles = []
    for n, title in enumerate(AWKWARD_TITLES):
        article = add_text(library, tmp_path / "src", f"a{n}.txt",
                           f"Article {n}\n\nThe body of article {n} names mention {n} once.\n",
                           title=title)
        articles.append(article)
    actors = []
    for n, name in enumerate(AWKWARD_ACTORS):
        actor = Actor(name=name, id=f"{n:08x}-0000-4000-8000-000000000000")
        library.save_actor(actor)
        mention = mark(library, articles[n % len(articles)], f"mention {n % len(articles)}",
                       kind="actor") if n < len(articles) else None
        if mention is None:
            continue
        mention.actor = actor.id
        library.save_annotation(mention)
        claim = mark(library, articles[n], f"body of article {n}")
        claim.speaker = actor.id
        library.save_annotation(claim)
        actors.append(actor)
    return articles, actors


def test_every_file_name_is_safe_everywhere_and_unique_in_any_case(library, awkward, tmp_path):
    articles, actors = awkward
    out = tmp_path / "vault"
    export_direct(library, out)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(out.resolve()) for p in files)
    for path in files:
        for part in path.relative_to(out).parts:
            assert windows_trouble(part) == [], (part, windows_trouble(part))
    for folder in ("Articles", "Actors"):
        names = [p.name for p in (out / folder).iterdir()]
        # One name per file on a case-insensitive, normalisation-insensitive file system.
        folded = {unicodedata.normalize("NFC", n).casefold() for n in names}
        assert len(folded) == len(names), sorted(names)
    notes = {front_matter(p)["glossator-article"] for p in (out / "Articles").iterdir()}
    assert notes == {a.id for a in articles}
    pages = {front_matter(p)["glossator-actor"] for p in (out / "Actors").iterdir()}
    assert pages == {a.id for a in actors}


def test_every_link_resolves_whatever_the_names_hold(library, awkward, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    assert broken_links(out) == []
    targets = {link.target for link in all_links(out)}
    assert "Articles/C in brackets pipes caret" in targets
    assert "Actors/A B Team 1 x" in targets


def test_no_title_or_name_makes_a_link_tag_block_or_html_of_its_own(library, awkward, tmp_path):
    """A title holding `[[w]]`, `![[e]]`, `#y`, ` ^q`, HTML and a comment, and an actor
    named `Union: "Dock" | #1 [[x]] ^b`: in every page, the reference, the citation after
    each quote, headings and names are text; the only links are the vault's own, and
    every one of them resolves."""
    articles, actors = awkward
    odd = next(a for a in articles if a.title.startswith("x#y|z"))
    union = next(a for a in actors if a.name.startswith("Union"))
    mention = mark(library, odd, "mention 23", kind="actor")
    mention.actor = union.id
    library.save_annotation(mention)
    out = tmp_path / "vault"
    export_direct(library, out)
    assert broken_links(out) == []
    assert {link.target for link in all_links(out)} <= {
        p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.md")} | {""}
    marks = {m.block_id for a in articles for m in library.annotations(a.id)}
    for page in out.rglob("*.md"):
        assert live_markup(page) == [], page.name
        assert live_in_front_matter(page) == [], page.name
        assert block_ids(page) <= marks, page.name
    [note_path] = [p for p in (out / "Articles").iterdir()
                   if front_matter(p)["glossator-article"] == odd.id]
    note = note_path.read_text("utf-8")
    shown = "x\\#y\\|z \\[\\[w\\]\\] !\\[\\[e\\]\\] \\^q \\<b\\>bold\\</b\\> \\%%c\\%%"
    assert f"\n# {shown}\n" in note
    assert f"\n*{shown}*. (n.d.).\n" in note  # the reference
    assert f"> — (*{shown[0].upper()}{shown[1:]}*, n.d., para. 2)" in note  # after each quote
    [page] = [p for p in (out / "Actors").iterdir() if front_matter(p)["glossator-actor"] == union.id]
    assert front_matter(page)["aliases"] == ['Union: "Dock" ¦ #1 ((x)) ^b']
    assert '# Union: "Dock" \\| \\#1 \\[\\[x\\]\\] \\^b' in page.read_text("utf-8")
    assert front_matter(note_path)["title"] == odd.title  # the properties keep it as data


def test_names_alike_but_for_case_or_cleaning_get_the_actors_id(library, awkward, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    names = sorted(p.name for p in (out / "Actors").iterdir())
    ruiz = [n for n in names if "ruiz" in n.casefold()]
    # "Ruiz: Ana" cleans to "Ruiz Ana", as "Ruiz Ana" is: both get their id.
    assert ruiz == ["ANA RUIZ (00000002).md", "Ana Ruiz (00000000).md", "Ruiz Ana (00000003).md",
                    "Ruiz Ana (00000004).md", "ana ruiz (00000001).md"]
    assert "José Núñez (0000000a).md" in names and unicodedata.normalize(
        "NFC", "José Núñez (0000000b).md") in names
    assert "CON note.md" in names and "CONIN$ note.md" in names and "aux note.md" in names
    assert "Report pdf.md" in names and "actor.md" in names
    titles = sorted(p.name for p in (out / "Articles").iterdir())
    assert "Annual report pdf.md" in titles and "Minutes md.md" in titles
    assert "COM¹ note.md" in titles and "lpt0 note.md" in titles and "CON note.md" in titles
    assert "nul txt.md" in titles  # "nul.txt note" would still be NUL on Windows
    assert sum(1 for t in titles if t.startswith(("Budget the plan", "budget THE plan"))) == 3


def test_the_page_not_named_exactly_so_has_the_name_as_an_alias(library, awkward, tmp_path):
    out = tmp_path / "vault"
    export_direct(library, out)
    page = out / "Actors" / "A B Team 1 x.md"
    # Spelled as the links show it: Obsidian writes a suggested alias into the link.
    assert front_matter(page)["aliases"] == ["A¦B (Team) #1 ^x"]
    assert front_matter(out / "Actors" / "aux note.md")["aliases"] == ["aux."]
    text = page.read_text("utf-8")
    # The heading shows the name as it is; links to the page show it made safe.
    assert "# A\\|B \\[Team\\] \\#1 \\^x" in text
    claims = (out / "Claims.md").read_text("utf-8")
    assert "[[Actors/A B Team 1 x|A¦B (Team) #1 ^x]]" in claims


def test_a_link_never_carries_a_character_that_would_end_or_redirect_it():
    assert link_alias("A|B [x]] \\ y\nz") == "A¦B (x)) / y z"
    assert wikilink("Articles/Plain", "a|b", "gl-1234abcd") == "[[Articles/Plain#^gl-1234abcd|a¦b]]"
    assert wikilink("Articles/Plain", "x", in_table=True) == "[[Articles/Plain\\|x]]"
    for bad in ("Articles/C#", "Articles/a|b", "Articles/^x", "Articles/[x]"):
        with pytest.raises(ValueError):
            wikilink(bad)


def test_the_link_checker_finds_what_is_broken(tmp_path):
    vault = tmp_path / "vault"
    (vault / "Articles").mkdir(parents=True)
    (vault / "Articles" / "Note.md").write_text("> quote\n\n^gl-0000aaaa\n\n## Heading\n", "utf-8")
    (vault / "Index.md").write_text(
        "[[Articles/Note#^gl-0000aaaa|ok]] [[Articles/Note#^gl-ffffffff|no block]]\n"
        "| [[Articles/Missing\\|no file]] | ![[Articles/Note#Heading]] [[Articles/Note#Nope]]\n"
        "\\[\\[not a link\\]\\] [[#^gl-0000aaaa]]\n", "utf-8")
    broken = broken_links(vault)
    assert broken == ["Index.md: [[Articles/Note#^gl-ffffffff]] (no such block)",
                      "Index.md: [[Articles/Missing#]] (no such file)",
                      "Index.md: [[Articles/Note#Nope]] (no such heading)",
                      "Index.md: [[#^gl-0000aaaa]] (no such block)"]
    embeds = [link for link in all_links(vault) if link.embed]
    assert [(e.target, e.anchor) for e in embeds] == [("Articles/Note", "Heading")]
    assert re.search(r"no such", " ".join(broken))
