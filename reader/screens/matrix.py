"""F6 in the library: who claims what, actors × articles (or × tags, `t`).

The matrix is built by a worker (from the cached tallies: a fraction of a second on a
thousand articles), so the screen shows at once and fills in. Enter on a cell lists its
claims, each opening its article at the claim; `x` saves the matrix as a Markdown table.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from annotations.store import Library
from annotations.textsafety import inert
from annotations.views.matrix import BY_ARTICLE, BY_TAG, Matrix, status_mix
from reader.screens.from_worker import deliver
from reader.screens.table_export import export_table
from reader.widgets.matrix_grid import MatrixGrid
from reader.widgets.quiet_footer import QuietFooter


class MatrixScreen(Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A library-wide view: an article opened from it comes back here on escape."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="matrix.back"),
        Binding("t", "toggle_axis", "By article / by tag", id="matrix.toggle"),
        Binding("x", "export", "Save as Markdown", id="matrix.export"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.by = BY_ARTICLE
        self.matrix: Matrix | None = None

    def compose(self) -> ComposeResult:
        yield Static("Who claims what", classes="view-title", id="matrix-title")
        yield MatrixGrid(id="matrix")
        yield Static("Reading the claims…", id="cell-detail", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(MatrixGrid).focus()
        self._build(self.by)

    def on_screen_resume(self) -> None:
        if self.matrix is not None:  # back from a cell's claims: the library may have changed
            self._build(self.by)

    @work(thread=True, exclusive=True, group="matrix")
    def _build(self, by: str) -> None:
        from annotations.views.matrix import build_matrix

        deliver(self, lambda: build_matrix(self.library, by), self._show, failed="No matrix")

    def _show(self, matrix: Matrix) -> None:
        grid = self.query_one(MatrixGrid)
        keep = grid.current
        self.matrix, self.by = matrix, matrix.by
        grid.show(matrix)
        if keep is not None:
            rows = [r.id for r in matrix.rows]
            columns = [c.id for c in matrix.columns]
            if keep[0].id in rows and keep[1].id in columns:
                grid.move_to(rows.index(keep[0].id), columns.index(keep[1].id))
        across = "articles" if matrix.by == BY_ARTICLE else "tags"
        self.query_one("#matrix-title", Static).update(inert(
            f"Who claims what · {matrix.claims} claims · {len(matrix.rows)} speakers × "
            f"{len(matrix.columns)} {across} · t: by {'tag' if matrix.by == BY_ARTICLE else 'article'}"))
        if not matrix.rows:
            self.query_one("#cell-detail", Static).update(
                "No claims yet: mark one in an article with c.")
        for line in matrix.problems:
            self.notify(inert(line), title="Left out", severity="warning", timeout=10)

    @on(MatrixGrid.CellHighlighted)
    def _highlighted(self, event: MatrixGrid.CellHighlighted) -> None:
        if self.matrix is None:
            return
        counts = self.matrix.cell(event.row.id, event.column.id)
        total = sum(counts.values())
        column = event.column.label + (f" ({event.column.detail})" if event.column.detail else "")
        mix = ", ".join(f"{counts[s]} {s}" for s in ("supported", "disputed", "false", "unverified")
                        if counts[s])
        said = f"{total} claim{'s' if total != 1 else ''}" + (f": {mix}" if mix else "")
        hint = " · enter lists them" if total else ""
        # One line, always: no layout to redo for it, on every move of the cursor.
        self.query_one("#cell-detail", Static).update(
            inert(f"{event.row.label} × {column} — {said}{hint}"), layout=False)

    @on(MatrixGrid.CellChosen)
    def _chosen(self, event: MatrixGrid.CellChosen) -> None:
        if self.matrix is None or not self.matrix.cell(event.row.id, event.column.id):
            return
        self._open_cell(self.matrix, event.row, event.column)

    @work(thread=True, exclusive=True, group="cell")
    def _open_cell(self, matrix: Matrix, row, column) -> None:
        from annotations.views.matrix import claims_in_cell

        rows = claims_in_cell(self.library, matrix, row.id, column.id)
        actors = {a.id: a for a in self.library.actors()}
        self.app.call_from_thread(self._list_cell, row, column, rows, actors)

    def _list_cell(self, row, column, rows, actors) -> None:
        from reader.screens.describing import claim_describer
        from reader.screens.listed_marks import ListedMarks

        mix = status_mix(self.matrix.cell(row.id, column.id)) if self.matrix else ""
        title = inert(f"Claims: {row.label} × {column.label} ({len(rows)}: {mix})")
        self.app.push_screen(ListedMarks(self.library, title, rows, claim_describer(actors)))

    def action_toggle_axis(self) -> None:
        self._build(BY_TAG if self.by == BY_ARTICLE else BY_ARTICLE)

    def action_export(self) -> None:
        matrix = self.matrix
        if matrix is None or not matrix.rows:
            self.notify("Nothing to save yet.", timeout=2)
            return

        def markdown() -> str:
            from annotations.views.tables import matrix_markdown

            return matrix_markdown(matrix)

        export_table(self, "the matrix", Path.home() / f"who-claims-what-by-{matrix.by}.md",
                     markdown, saved="Saved the matrix")
