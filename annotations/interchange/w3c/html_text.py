"""Another tool's HTML comment (a `text/html` commenting body) as the Markdown of a note.

Annotation tools that write HTML bodies write a comment's formatting, not a page: a few
paragraphs, emphasis, links, lists, a quotation, some code. Those become their Markdown
(`**bold**`, `[text](href)`, `- item`, `> quoted`, fenced code); every other tag is
dropped with its words kept, and what is never shown (scripts, styles, the head) goes
with its words. Entities are decoded. What comes out is plain text a person can read
where Markdown is not rendered too, which is how the TUI shows a note.

The standard library's forgiving parser reads it: a comment is no well-formed document.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure",
    "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
    "table", "thead", "tbody", "tr", "dl", "dt", "dd", "address", "details", "summary", "hr",
})
_HIDDEN = frozenset({"script", "style", "head", "template", "noscript", "svg", "math"})
_INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`", "del": "~~", "s": "~~"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_TAG = re.compile(r"<[^>]*>")


def html_to_markdown(html: str) -> str:
    """The comment `html` as Markdown (plain text where it had no formatting)."""
    converter = _Converter()
    try:
        converter.feed(html)
        converter.close()
    except (AssertionError, ValueError):  # a parser that gives up: the words, without tags
        return " ".join(unescape(_TAG.sub(" ", html)).split())
    return converter.markdown()


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        """Finished paragraphs, each with whether it is a list item (joined to the next
        item by one line break, not a blank line)."""
        self.line: list[str] = []
        self.hidden = 0
        self.quote = 0
        self.pre = 0
        self.heading = 0
        self.lists: list[list[int]] = []
        """Open lists, innermost last: [ordered (0/1), items so far]."""
        self.item: str | None = None
        """The marker ("- ", "3. ") of a list item whose words have not come yet."""
        self.links: list[str] = []

    # -- the parser's calls ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if self.hidden:
            return
        if tag in _BLOCKS:
            self.flush()
        values = dict(attrs)
        if tag == "br":
            self.line.append("\n")
        elif tag == "hr":
            self.blocks.append(("---", False))
        elif tag == "img" and values.get("alt"):
            self.line.append(values["alt"] or "")
        elif tag == "blockquote":
            self.quote += 1
        elif tag in ("ul", "ol"):
            self.lists.append([int(tag == "ol"), 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            ordered, count = self.lists[-1]
            self.item = f"{count}. " if ordered else "- "
        elif tag in _HEADINGS:
            self.heading = _HEADINGS[tag]
        elif tag == "pre":
            self.pre += 1
        elif tag in _INLINE and not self.pre:
            self.line.append(_INLINE[tag])
        elif tag == "a":
            href = (values.get("href") or "").strip()
            self.links.append(href)
            if href:
                self.line.append("[")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if self.hidden:
            return
        if tag in _INLINE and not self.pre:
            self.line.append(_INLINE[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.line.append(f"]({href})")
        if tag in _BLOCKS:
            self.flush()
        if tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag in _HEADINGS:
            self.heading = 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.line.append(data)

    # -- paragraphs ------------------------------------------------------------------------

    def flush(self) -> None:
        """End the paragraph being read: its words, with its heading, list marker and
        quotation prefixes."""
        text = "".join(self.line)
        self.line = []
        if self.pre:
            body = text.strip("\n")
            lines = ["```", *body.split("\n"), "```"] if body.strip() else []
        else:
            lines = [" ".join(part.split()) for part in text.split("\n")]
            while lines and not lines[-1]:
                lines.pop()
            while lines and not lines[0]:
                lines.pop(0)
        if not lines:
            return
        if self.heading:
            lines[0] = "#" * self.heading + " " + lines[0]
        in_list = bool(self.lists)
        indent = "   " * max(0, len(self.lists) - 1)
        if self.item is not None:
            marker, self.item = self.item, None
            lines = [indent + marker + lines[0],
                     *(indent + " " * len(marker) + line if line else "" for line in lines[1:])]
        elif in_list:
            lines = [indent + "  " + line if line else "" for line in lines]
        prefix = "> " * self.quote
        self.blocks.append(("\n".join((prefix + line).rstrip() for line in lines), in_list))

    def markdown(self) -> str:
        self.flush()
        parts: list[str] = []
        previous_in_list = False
        for block, in_list in self.blocks:
            if parts:
                parts.append("\n" if in_list and previous_in_list else "\n\n")
            parts.append(block)
            previous_in_list = in_list
        return "".join(parts).strip()
