"""The house: the domain library stands alone, and its modules import in one direction."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO


def _modules(package: str) -> dict[str, Path]:
    root = REPO / package
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _graph(package: str) -> dict[str, set[str]]:
    modules = _modules(package)
    return {name: {m for m in _imports(path) if m in modules and m != name}
            for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def _without_bare_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    # `from annotations.citation import render` names the package too; a package whose
    # __init__ imports nothing is no step in a chain.
    bare = {name for name in graph if not graph[name] and _is_package(name)}
    return {name: targets - bare for name, targets in graph.items()}


def _is_package(name: str) -> bool:
    return REPO.joinpath(*name.split("."), "__init__.py").exists()


def test_the_domain_never_imports_the_reader_or_textual():
    for name, path in _modules("annotations").items():
        outside = {m for m in _imports(path) if m.split(".")[0] in ("reader", "textual")}
        assert not outside, f"{name} imports {sorted(outside)}"


def test_the_domain_has_no_import_cycles():
    graph = _without_bare_packages(_graph("annotations"))
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_reader_folders_show_the_architecture():
    loose = sorted(p.name for p in (REPO / "reader").glob("*.py"))
    assert loose == ["__main__.py", "app.py", "config.py", "palette.py",
                     "session.py", "ui_state.py"]
