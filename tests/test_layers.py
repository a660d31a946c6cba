"""The architecture, checked: each layer imports only from the layers under it, and no
module is part of an import cycle (see the README's Architecture section)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Bottom to top; a module may import from its own layer and the ones below.
LAYERS = [
    ("align",),
    ("qa.core",),
    ("qa.glossary",),
    ("qa.checks",),
    ("qa.pipeline", "qa.fix"),
    ("qa.formats", "qa.report"),
    ("qa.cli", "qa.commands", "qa.__main__"),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in out if m.split(".")[0] in ("align", "qa")}


def layer(module: str) -> int:
    for k, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return k
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


MODULES = {module_name(p): p for d in ("align", "qa") for p in (ROOT / d).rglob("*.py")}


def test_every_module_imports_only_downward():
    wrong = []
    for name, path in sorted(MODULES.items()):
        for target in imports(path):
            if target not in MODULES:
                continue  # a name imported from a module, checked through its module
            if layer(target) > layer(name):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_import_cycles():
    graph = {name: {t for t in imports(path) if t in MODULES and t != name}
             for name, path in MODULES.items()}
    # Packages re-export from their modules; an edge into a package's __init__ from its own
    # submodule is the only allowed way back.
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
