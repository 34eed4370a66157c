"""The layers of docs/architecture.md, checked on every import the code makes.

Layers, top to bottom: ``cli/``, ``ui/``, ``demo/`` → ``central/``, ``sync/``,
``printing/`` → ``kiosk/``. An import goes down, never up, and never
sideways across the middle (``sync/protocol.py`` is the one module
``central/`` takes from ``sync/``); ``ui/`` imports no ``central/``; only
``ui/`` (and what runs it) touches Qt. ``resources/`` is data that any layer
may read; ``bench/`` and ``tests/`` stand above everything and nothing
imports them.

Every module is parsed with :mod:`ast`, so the imports inside functions
count (they are how the terminal tools keep start-up fast, and they are
imports all the same), and so do the imports under ``if TYPE_CHECKING``.

For the layers, a ``TYPE_CHECKING`` import counts because a lower layer that
names a higher layer's types depends on that layer's shape: it cannot be
read, changed or moved without it.

For cycles it counts too. Python tolerates a cycle through an import that
never runs, but the two modules still have to be understood and changed
together, which is what a cycle costs; and the annotation usually stands for
a real call made through an attribute (``ui/flow.py`` and
``ui/feedback_flow.py`` were such a pair). Package ``__init__`` modules are
reached only when imported by name (``from kiosk.forms import X``), not as
the parents of every submodule, which Python loads first without the
submodule depending on them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "sync", "printing", "central", "ui", "demo", "cli", "resources", "bench")
"""The project's packages under the layer rule (tests/ joins them for cycles)."""

QT = ("PySide6", "shiboken6")
MIDDLE = ("central", "sync", "printing")

MAY_IMPORT: dict[str, frozenset[str]] = {
    "kiosk": frozenset({"kiosk", "resources"}),
    "sync": frozenset({"sync", "kiosk", "resources"}),
    "printing": frozenset({"printing", "kiosk", "resources"}),
    "central": frozenset({"central", "kiosk", "resources", "sync.protocol"}),
    "ui": frozenset({"ui", "sync", "printing", "kiosk", "resources", *QT}),
    "demo": frozenset({"demo", *MIDDLE, "kiosk", "resources"}),
    "cli": frozenset({"cli", "ui", "demo", *MIDDLE, "kiosk", "resources"}),
    "resources": frozenset({"resources"}),
}
"""What each package may import from the project and Qt (bench and tests: anything)."""

RULES = {
    "kiosk": "kiosk/ imports none of sync/printing/central/ui/cli/demo/bench/tests/PySide6",
    "sync": "sync/ imports only kiosk/ below it: no central/printing (sideways), ui/cli/demo, Qt",
    "printing": "printing/ imports only kiosk/ below it: no sync/central, ui/cli/demo, Qt",
    "central": "central/ imports kiosk/ and sync/protocol.py only: no other sync/, printing/,"
    " ui/cli/demo, Qt",
    "ui": "ui/ imports kiosk/, sync/, printing/ and Qt: no central/, cli/, demo/",
    "demo": "demo/ imports the layers below it: no ui/, cli/, Qt",
    "cli": "cli/ imports any layer but Qt itself (screens come through ui/)",
    "resources": "resources/ is data and imports no other package of the project",
}


@dataclass(frozen=True)
class Import:
    """One import statement's target, where it is written."""

    module: str
    """The importing module, dotted (``kiosk.cli``)."""
    where: str
    """``path:line`` from the project's folder, as an editor opens it."""
    target: str
    """The imported module, dotted (``sync.usb_transfer``), or the outside package's name."""


def module_name(path: Path, root: Path) -> str:
    """``kiosk/forms/__init__.py`` → ``kiosk.forms``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(packages: tuple[str, ...], root: Path = PROJECT) -> dict[str, Path]:
    """Every module of ``packages`` under ``root`` by its dotted name."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            found[module_name(path, root)] = path
    return found


def _absolute(name: str, is_package: bool, level: int, module: str | None) -> str:
    """The dotted name a ``from`` import in module ``name`` means (relative ones resolved)."""
    if level == 0:
        return module or ""
    package = name.split(".") if is_package else name.split(".")[:-1]
    package = package[: len(package) - (level - 1)]
    return ".".join([*package, *([module] if module else [])])


def imports_of(path: Path, modules: dict[str, Path], root: Path = PROJECT) -> Iterator[Import]:
    """Every import in ``path`` (module level, in functions, under TYPE_CHECKING)."""
    name = module_name(path, root)
    where = path.relative_to(root)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, f"{where}:{node.lineno}", _known(alias.name, modules))
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, path.name == "__init__.py", node.level, node.module)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                target = submodule if submodule in modules else _known(base, modules)
                yield Import(name, f"{where}:{node.lineno}", target)


def _known(dotted: str, modules: dict[str, Path]) -> str:
    """The deepest project module ``dotted`` names (itself, or a package above a name)."""
    parts = dotted.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return dotted


def _allowed(package: str, target: str) -> bool:
    allowed = MAY_IMPORT[package]
    top = target.split(".")[0]
    if top in allowed:
        return True
    return any(target == entry or target.startswith(entry + ".") for entry in allowed)


def layer_violations(packages: tuple[str, ...] = PACKAGES, root: Path = PROJECT) -> list[str]:
    """One line per import that breaks the rule of its package."""
    modules = project_modules(packages, root)
    guarded = set(MAY_IMPORT) | {"bench", "tests", *QT}
    problems = []
    for name, path in modules.items():
        package = name.split(".")[0]
        if package not in MAY_IMPORT:
            continue
        for found in imports_of(path, modules, root):
            top = found.target.split(".")[0]
            if top in guarded and not _allowed(package, found.target):
                problem = f"{found.where}: {name} imports {found.target} — {RULES[package]}"
                if problem not in problems:  # one line for `from x import a, b`
                    problems.append(problem)
    return problems


def import_graph(packages: tuple[str, ...] = PACKAGES) -> dict[str, dict[str, Import]]:
    """Module → the project modules it imports, each with the first place it does."""
    modules = project_modules(packages)
    graph: dict[str, dict[str, Import]] = {name: {} for name in modules}
    for name, path in modules.items():
        for found in imports_of(path, modules):
            if found.target in modules and found.target != name:
                graph[name].setdefault(found.target, found)
    return graph


def cycles(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def describe_cycle(group: list[str], graph: dict[str, dict[str, Import]]) -> str:
    """The imports that tie a group of modules together, each with its file:line."""
    members = set(group)
    edges = [
        f"  {found.where}: {source} imports {target}"
        for source in group
        for target, found in graph[source].items()
        if target in members
    ]
    return f"import cycle between {', '.join(group)} — there are no cycles:\n" + "\n".join(edges)


def test_every_import_goes_down_the_layers() -> None:
    problems = layer_violations()
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


def test_no_module_imports_itself_through_others() -> None:
    graph = import_graph((*PACKAGES, "tests"))
    found = [describe_cycle(group, graph) for group in cycles(graph)]
    assert not found, "\n".join(found)


def test_imports_in_functions_and_for_type_checking_are_named_with_file_and_line(
    tmp_path: Path,
) -> None:
    for package in ("kiosk", "sync", "ui"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "sync" / "outbox.py").write_text("", encoding="utf-8")
    (tmp_path / "kiosk" / "helper.py").write_text("", encoding="utf-8")
    (tmp_path / "kiosk" / "sample.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import helper\n"
        "if TYPE_CHECKING:\n"
        "    from ui import app\n"
        "def send() -> None:\n"
        "    from sync.outbox import OutboxSender\n",
        encoding="utf-8",
    )

    problems = layer_violations(("kiosk", "sync", "ui"), tmp_path)

    assert [problem.split(" — ")[0] for problem in problems] == [
        "kiosk/sample.py:4: kiosk.sample imports ui",
        "kiosk/sample.py:6: kiosk.sample imports sync.outbox",
    ]
    assert all(RULES["kiosk"] in problem for problem in problems)


def test_a_cycle_is_named_with_its_files_and_lines() -> None:
    graph = {
        "a": {"b": Import("a", "a.py:3", "b")},
        "b": {"a": Import("b", "b.py:7", "a")},
        "c": {"a": Import("c", "c.py:1", "a")},
    }

    assert cycles(graph) == [["a", "b"]]
    text = describe_cycle(["a", "b"], graph)
    assert "a.py:3: a imports b" in text
    assert "b.py:7: b imports a" in text
