"""Building a `Document` block by block, and from markdown-it's token stream."""

from __future__ import annotations

from reader.document.model import (
    BLOCK_SEPARATOR,
    CODE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    RULE,
    TABLE_ROW,
    Block,
    Document,
    StyleSpan,
)


class DocumentBuilder:
    """Builds a `Document` block by block; `build` walks markdown-it's token stream,
    keeping the container stack it implies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.spans: list[StyleSpan] = []
        self.lists: list[list[int | str]] = []  # per open list: [next number or bullet]
        self.quote_depth = 0
        self.pending_marker = ""
        self.table_cells: list[tuple[str, list[StyleSpan]]] | None = None

    def document(self) -> Document:
        return Document("".join(self.parts), self.blocks, self.spans)

    def _begin_block(self) -> int:
        if self.length:
            self.parts.append(BLOCK_SEPARATOR)
            self.length += len(BLOCK_SEPARATOR)
        return self.length

    def add_block(self, kind: str, text: str, spans: list[StyleSpan] = (), **extra) -> None:  # type: ignore[assignment]
        if not text:
            return
        start = self._begin_block()
        self.parts.append(text)
        self.length += len(text)
        self.spans.extend(StyleSpan(s.start + start, s.end + start, s.style, s.href) for s in spans)
        self.blocks.append(Block(kind, start, self.length, **extra))

    def extend_last_block(self, glue: str, text: str) -> int:
        """Continue the last block with `glue` and `text` (a paragraph running on past a
        page break); returns where `text` starts."""
        if not self.blocks:
            self.add_block(PARAGRAPH, text)
            return self.blocks[-1].start if self.blocks else self.length
        self.parts.append(glue + text)
        self.length += len(glue)
        start = self.length
        self.length += len(text)
        self.blocks[-1] = self.blocks[-1]._replace(end=self.length)
        return start

    @property
    def next_block_start(self) -> int:
        """Where the next block's text will start."""
        return self.length + len(BLOCK_SEPARATOR) if self.length else 0

    def _container(self, kind: str) -> tuple[str, dict]:
        extra: dict = {"list_depth": len(self.lists), "quote_depth": self.quote_depth}
        if self.lists:
            extra["marker"], self.pending_marker = self.pending_marker, ""
            return LIST_ITEM, extra
        if self.quote_depth:
            return QUOTE, extra
        return kind, extra

    def build(self, tokens: list) -> Document:
        heading_level = 0
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                heading_level = int(token.tag[1:])
            elif kind == "heading_close":
                heading_level = 0
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrs.get("start", 1) if kind == "ordered_list_open" else "•"
                self.lists.append([int(start) if kind == "ordered_list_open" else start])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                current = self.lists[-1]
                if isinstance(current[0], int):
                    number = int(token.info) if token.info.isdigit() else current[0]
                    self.pending_marker = f"{number}{token.markup or '.'}"
                    current[0] = number + 1
                else:
                    self.pending_marker = "•" if len(self.lists) % 2 else "◦"
            elif kind == "list_item_close":
                self.pending_marker = ""
            elif kind == "inline":
                text, spans = _inline_text(token.children or [])
                if self.table_cells is not None:
                    self.table_cells.append((text, spans))
                elif heading_level:
                    _, extra = self._container(HEADING)
                    self.add_block(HEADING, text, spans, level=heading_level,
                                   quote_depth=extra["quote_depth"])
                else:
                    block_kind, extra = self._container(PARAGRAPH)
                    self.add_block(block_kind, text, spans, **extra)
            elif kind in ("fence", "code_block"):
                _, extra = self._container(CODE)
                extra.pop("marker", None)
                language = token.info.split()[0] if token.info.strip() else ""
                self.add_block(CODE, token.content.rstrip("\n"), language=language, **extra)
            elif kind == "hr":
                self.blocks.append(Block(RULE, self.length, self.length))
            elif kind == "tr_open":
                self.table_cells = []
            elif kind == "tr_close":
                self._add_table_row()
            elif kind in ("html_block",):
                block_kind, extra = self._container(PARAGRAPH)
                self.add_block(block_kind, token.content.strip(), **extra)
        return self.document()

    def _add_table_row(self) -> None:
        cells, self.table_cells = self.table_cells or [], None
        text, spans, offset = [], [], 0
        for i, (cell, cell_spans) in enumerate(cells):
            if i:
                text.append(" | ")
                offset += 3
            text.append(cell)
            spans.extend(StyleSpan(s.start + offset, s.end + offset, s.style, s.href)
                         for s in cell_spans)
            offset += len(cell)
        self.add_block(TABLE_ROW, "".join(text), spans, quote_depth=self.quote_depth)


_STYLE_OPENERS = {"em_open": "em", "strong_open": "strong", "s_open": "strike", "link_open": "link"}
_STYLE_CLOSERS = {"em_close": "em", "strong_close": "strong", "s_close": "strike",
                  "link_close": "link"}


def _inline_text(children: list) -> tuple[str, list[StyleSpan]]:
    """The plain text of an inline token's children, and its style spans (block-relative)."""
    parts: list[str] = []
    length = 0
    spans: list[StyleSpan] = []
    open_styles: list[tuple[str, int, str]] = []

    def emit(text: str) -> None:
        nonlocal length
        parts.append(text)
        length += len(text)

    for child in children:
        kind = child.type
        if kind == "text":
            emit(child.content)
        elif kind == "softbreak":
            emit(" ")
        elif kind == "hardbreak":
            emit("\n")
        elif kind == "code_inline":
            start = length
            emit(child.content)
            spans.append(StyleSpan(start, length, "code"))
        elif kind == "image":
            # The alt text is inline Markdown of its own: show its words, not its markup.
            start = length
            emit(_inline_text(child.children or [])[0] or child.content or "image")
            spans.append(StyleSpan(start, length, "image", str(child.attrs.get("src", ""))))
        elif kind in _STYLE_OPENERS:
            open_styles.append((_STYLE_OPENERS[kind], length, str(child.attrs.get("href", ""))))
        elif kind in _STYLE_CLOSERS:
            style = _STYLE_CLOSERS[kind]
            for i in range(len(open_styles) - 1, -1, -1):
                if open_styles[i][0] == style:
                    _, start, href = open_styles.pop(i)
                    if length > start:
                        spans.append(StyleSpan(start, length, style, href))
                    break
        elif kind == "html_inline":
            emit(child.content)
    spans.sort(key=lambda s: (s.start, -s.end))
    return "".join(parts), spans
