"""The codebook as REFI-QDA Codes: a tree by `/`, and tag names from a tree.

Out: claim, actor and question first, then every other tag, each nested under its parent
(`actor/government` is a Code "government" inside "actor"). A parent that is no tag of its
own (`funding` when only `funding/public` is one) is written as a Code that cannot be
coded (`isCodable="false"`), as QDA tools write a category. Every code has a `#RRGGBB`
colour: its tag's, else one made from its name (annotations/colours.py).

In: a Code's tag name is its ancestors' names and its own joined by `/`; a `/` inside one
name (another tool's "yes/no") becomes "∕", so it nests nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotations.colours import name_colour
from annotations.interchange.refi_qda import xmltext
from annotations.interchange.refi_qda.guids import named_guid
from annotations.model import BUILTIN_KINDS, Tag

_RGB = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
NAME_SLASH = "\u2215"
"""What a `/` inside one code's name becomes in a tag name (DIVISION SLASH)."""


@dataclass
class CodeNode:
    name: str
    """The tag name, the whole path: `actor/government`."""
    codable: bool
    colour: str = ""
    description: str = ""
    children: list[CodeNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Its own name in the tree: `government`."""
        return self.name.rpartition("/")[2]


def code_guid(name: str) -> str:
    return named_guid("code", name)


def rgb_colour(colour: str) -> str:
    """`colour` as `#RRGGBB` (a `#RGB` widened), or "" when it is no colour of that form."""
    found = _RGB.fullmatch(colour.strip()) if colour else None
    if not found:
        return ""
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits.lower()


def code_tree(codebook: Sequence[Tag], used: Iterable[str]) -> list[CodeNode]:
    """The codebook's tags and every tag a mark uses (even one since removed from the
    codebook), as a tree: built-in kinds first, then by name."""
    tags = {t.name: t for t in codebook}
    names = set(tags) | {n for n in used if n} | set(BUILTIN_KINDS)
    nodes: dict[str, CodeNode] = {}
    roots: list[CodeNode] = []

    def node(name: str) -> CodeNode:
        found = nodes.get(name)
        if found is not None:
            return found
        tag = tags.get(name)
        colour = rgb_colour(tag.colour) if tag else ""
        made = nodes[name] = CodeNode(name, codable=name in names,
                                      colour=colour or name_colour(name),
                                      description=tag.description if tag else "")
        parent = name.rpartition("/")[0]
        (node(parent).children if parent else roots).append(made)
        return made

    for name in sorted(names, key=_order):
        node(name)
    for made in nodes.values():
        made.children.sort(key=lambda n: _order(n.name))
    roots.sort(key=lambda n: _order(n.name))
    return roots


def _order(name: str) -> tuple[int, str]:
    root = name.split("/", 1)[0]
    return (BUILTIN_KINDS.index(root) if root in BUILTIN_KINDS else len(BUILTIN_KINDS), name)


def codebook_xml(roots: Sequence[CodeNode]) -> str:
    parts = ["<CodeBook><Codes>"]
    for root in roots:
        _code_xml(root, parts)
    parts.append("</Codes></CodeBook>")
    return "".join(parts)


def _code_xml(node: CodeNode, parts: list[str]) -> None:
    colour = f' color="{node.colour}"' if node.colour else ""
    parts.append(f'<Code guid="{code_guid(node.name)}" name="{xmltext.attr(node.label)}" '
                 f'isCodable="{"true" if node.codable else "false"}"{colour}>')
    if node.description:
        parts.append(f"<Description>{xmltext.text(node.description)}</Description>")
    for child in node.children:
        _code_xml(child, parts)
    parts.append("</Code>")


def tag_name(path: Sequence[str]) -> str:
    """The tag name of a code whose names, from the root down, are `path`."""
    return "/".join(" ".join(p.replace("/", NAME_SLASH).split()) or "unnamed code" for p in path)
