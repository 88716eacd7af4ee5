"""F7: the codebook as a tree (`actor/government/local` under `actor`), each tag with its
colour and the marks carrying it library-wide; rename, move, merge, delete, recolour and
describe it, each with its counts first, and undo.

A tag's sub-tags follow it in every change. The three built-in kinds can be recoloured
and described only. A deleted tag whose marks have it as their kind asks which kind they
take instead (annotations/library_changes/delete_tag.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from annotations.errors import GlossatorError
from annotations.model import BUILTIN_KINDS, Tag
from annotations.store import Library
from annotations.textsafety import inert
from reader.screens.reloading import ReloadedOnResume
from reader.widgets.actor_dialogs import ChangeFlow, ChoicePicker, TextPrompt
from reader.widgets.quiet_footer import QuietFooter


def tag_tree(tags: list[Tag], counts: dict[str, int]) -> dict[str, list[str]]:
    """Parent path → child paths, for every tag and the paths above it ("" is the top);
    a path above a tag need not be a tag itself (`a/b` without `a`)."""
    children: dict[str, list[str]] = {"": []}
    for name in [t.name for t in tags] + sorted(set(counts) - {t.name for t in tags}):
        parts = name.split("/")
        for depth in range(1, len(parts) + 1):
            path, parent = "/".join(parts[:depth]), "/".join(parts[:depth - 1])
            siblings = children.setdefault(parent, [])
            if path not in siblings:
                siblings.append(path)
            children.setdefault(path, [])
    return children


class CodebookScreen(ReloadedOnResume, Screen):
    LIBRARY_VIEW: ClassVar[bool] = True
    """A library-wide view: an article opened from it comes back here on escape."""

    BINDINGS = [
        Binding("r", "rename", "Rename", id="codebook.rename"),
        Binding("p", "move", "Move", id="codebook.move"),
        Binding("m", "merge", "Merge into…", id="codebook.merge"),
        Binding("d,delete", "delete", "Delete", id="codebook.delete"),
        Binding("c", "colour", "Colour", id="codebook.colour"),
        Binding("e", "describe", "Describe", id="codebook.describe"),
        Binding("n", "new", "New tag", id="codebook.new"),
        Binding("u", "undo", "Undo", id="codebook.undo"),
        Binding("escape", "back", "Back", id="codebook.back"),
        Binding("j", "cursor(1)", "Down", show=False, id="codebook.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="codebook.up"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.tags: dict[str, Tag] = {}
        self.counts: dict[str, int] = {}
        self.flow = ChangeFlow(self, library, "codebook", self._changed)
        self.flow.on_error = self._kind_needed

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("Codebook", id="tags")
        tree.show_root = False
        yield tree
        yield Static("", id="status", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(Tree).focus()

    def reload(self, select: str | None = None) -> None:
        from annotations.tallies import read_tallies

        try:
            self.counts = dict(read_tallies(self.library).tag_marks)
        except GlossatorError as error:
            self.counts = {}
            self.notify(inert(str(error)), title="Cannot count the marks", severity="error")
        codebook = self.library.codebook()
        self.tags = {t.name: t for t in codebook}
        self._build(codebook, select or self.selected)
        used = sum(1 for name in self.counts if name not in BUILTIN_KINDS)
        self.query_one("#status", Static).update(inert(
            f"{len(codebook) - len(BUILTIN_KINDS)} tag(s) in the codebook, {used} in use · "
            "sub-tags follow every change"))

    def _build(self, codebook: list[Tag], select: str | None) -> None:
        tree = self.query_one(Tree)
        tree.clear()
        children = tag_tree(codebook, self.counts)
        totals = self._totals(children)

        def add(node: TreeNode[str], path: str) -> None:
            for child in children.get(path, []):
                branch = node.add(self._label(child, totals), data=child, expand=True,
                                  allow_expand=bool(children.get(child)))
                add(branch, child)

        add(tree.root, "")
        tree.root.expand()
        # The tree lays its new lines out on the next refresh; a cursor set now is lost.
        self.call_after_refresh(self._select, select)

    def _totals(self, children: dict[str, list[str]]) -> dict[str, int]:
        """Marks of each tag and of its sub-tags, once each (a count per name, summed)."""
        totals: dict[str, int] = {}

        def total(path: str) -> int:
            totals[path] = self.counts.get(path, 0) + sum(total(c) for c in children.get(path, []))
            return totals[path]

        total("")
        return totals

    def _label(self, path: str, totals: dict[str, int]) -> Text:
        tag = self.tags.get(path)
        leaf = path.rpartition("/")[2]
        label = Text()
        colour = tag.colour if tag and tag.colour else ""
        label.append("● ", style=colour or "dim")
        label.append(inert(leaf), style="bold" if path in BUILTIN_KINDS else "")
        own, total = self.counts.get(path, 0), totals.get(path, 0)
        label.append(f"  {own:,} mark{'s' if own != 1 else ''}", style="dim")
        if total != own:
            label.append(f" ({total:,} with sub-tags)", style="dim")
        if tag is None:
            label.append("  (not in the codebook)" if own else "", style="dim italic")
        elif tag.description:
            label.append(f"  {inert(tag.description.splitlines()[0])}", style="italic dim")
        return label

    def _select(self, path: str | None) -> None:
        tree = self.query_one(Tree)
        if not path:
            tree.move_cursor(tree.root.children[0] if tree.root.children else None)
            return
        node = self._node(tree.root, path) or self._node(tree.root, path.rpartition("/")[0])
        if node is not None:
            tree.move_cursor(node)

    def _node(self, node: TreeNode[str], path: str) -> TreeNode[str] | None:
        for child in node.children:
            if child.data == path:
                return child
            if child.data and path.startswith(child.data + "/"):
                return self._node(child, path)
        return None

    @property
    def selected(self) -> str | None:
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    # -- changes -------------------------------------------------------------------------------

    def _user_tag(self) -> str | None:
        name = self.selected
        if name in BUILTIN_KINDS:
            self.notify(f"'{name}' is a built-in kind: it can be recoloured (c) and described "
                        "(e), not renamed, moved, merged or deleted.", timeout=6)
            return None
        return name

    def _names(self) -> list[str]:
        return sorted(set(self.tags) | set(self.counts), key=lambda n: (n not in BUILTIN_KINDS, n))

    def action_rename(self) -> None:
        from annotations.library_changes.rename_tag import RenameTag

        name = self._user_tag()
        if name:
            self._ask(f"Rename tag “{name}” (its sub-tags follow; a/b moves it under a)", name,
                      lambda new: self.flow.propose(RenameTag(name, new), verb="Rename"),
                      check=_name_problem)

    def action_move(self) -> None:
        from annotations.library_changes.set_tag import SetTag

        name = self._user_tag()
        if not name:
            return
        here = name.rpartition("/")[0]
        choices = [("\0top", "(the top level)")] + [
            (n, n) for n in self._names() if n != here and n != name and not n.startswith(name + "/")]

        def chosen(parent: str | None) -> None:
            if parent is not None:
                self.flow.propose(SetTag(name, parent="" if parent == "\0top" else parent),
                                  verb="Move")

        self.app.push_screen(ChoicePicker(inert(f"Move “{name}” (with its sub-tags) under…"),
                                          choices), chosen)

    def action_merge(self) -> None:
        from annotations.library_changes.merge_tags import MergeTags

        name = self._user_tag()
        if not name:
            return
        choices = [(n, n) for n in self._names() if n != name and not n.startswith(name + "/")]

        def chosen(target: str | None) -> None:
            if target:
                self.flow.propose(MergeTags(name, target), verb="Merge")

        self.app.push_screen(ChoicePicker(
            inert(f"Merge “{name}” into which tag? (its marks take that tag instead)"), choices),
            chosen)

    def action_delete(self) -> None:
        from annotations.library_changes.delete_tag import DeleteTag

        name = self._user_tag()
        if name:
            self.flow.propose(DeleteTag(name), verb="Delete")

    def _kind_needed(self, error: GlossatorError) -> bool:
        """A deletion refused for want of a kind: ask which, then propose it again."""
        from annotations.library_changes.delete_tag import DeleteTag, KindNeededError

        if not isinstance(error, KindNeededError):
            return False
        name = error.tag
        choices = [(n, n) for n in self._names() if n != name and not n.startswith(name + "/")]

        def chosen(kind: str | None) -> None:
            if kind:
                self.flow.propose(DeleteTag(name, kind), verb="Delete")

        self.app.push_screen(ChoicePicker(
            inert(f"{error.count:,} mark(s) have “{name}” as their kind. Which kind do they take "
                  "instead?"), choices, hint="their other tags stay · enter picks · escape "
                                             "cancels (nothing is deleted)"), chosen)
        return True

    def action_colour(self) -> None:
        from annotations.library_changes.set_tag import SetTag
        from annotations.library_changes.tag_tree import check_colour

        name = self.selected
        if not name:
            return
        current = self.tags[name].colour if name in self.tags else ""
        self._ask(f"Colour of “{name}” (#RRGGBB; empty for none)", current,
                  lambda colour: self.flow.propose(SetTag(name, colour=colour), verb="Recolour"),
                  check=lambda value: _problem(check_colour, value), allow_empty=True)

    def action_describe(self) -> None:
        from annotations.library_changes.set_tag import SetTag

        name = self.selected
        if not name:
            return
        current = self.tags[name].description if name in self.tags else ""
        self._ask(f"What “{name}” means", current,
                  lambda text: self.flow.propose(SetTag(name, description=text), verb="Save"),
                  allow_empty=True)

    def action_new(self) -> None:
        from reader.screens.tag_picker import TAG_PALETTE

        parent = self.selected or ""
        start = f"{parent}/" if parent else ""

        def create(name: str) -> None:
            from annotations.library_changes.tag_tree import new_tag_name

            try:
                name = new_tag_name(name)
                self.library.save_tag(Tag(name, TAG_PALETTE[len(self.tags) % len(TAG_PALETTE)]))
            except GlossatorError as error:
                self.notify(inert(str(error)), severity="error")
                return
            self.reload(name.strip().strip("/"))

        self._ask("New tag (a/b for a sub-tag)", start, create,
                  check=lambda value: "That tag exists already." if value.strip("/") in self.tags
                  else _name_problem(value) if value.strip("/") else "Type a name.")

    def action_undo(self) -> None:
        self.flow.undo()

    def action_cursor(self, step: int) -> None:
        tree = self.query_one(Tree)
        tree.action_cursor_down() if step > 0 else tree.action_cursor_up()

    def action_back(self) -> None:
        self.app.pop_screen()

    def _ask(self, title: str, value: str, then: Any, check: Any = None,
             allow_empty: bool = False) -> None:
        def answered(text: str | None) -> None:
            if text is not None and (text or allow_empty) and text != value:
                then(text)

        if check is None and allow_empty:
            check = lambda _value: None  # noqa: E731 - an empty answer is an answer here
        self.app.push_screen(TextPrompt(inert(title), value, check=check), answered)

    def _changed(self, done: Any) -> None:
        # After a rename, a move or a merge the cursor goes where the tag now is.
        self.reload(getattr(done, "result", "") or self.selected)


def _name_problem(value: str) -> str | None:
    from annotations.library_changes.tag_tree import new_tag_name

    return _problem(new_tag_name, value)


def _problem(check: Any, value: str) -> str | None:
    try:
        check(value)
    except GlossatorError as error:
        return str(error)
    return None

