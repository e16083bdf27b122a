"""The package keeps its shape: imports point down the stages, and functions stay short.

The stages, lowest first: the shared records (model, errors, entity types, paths), read
(sources → articles, catalog, notes), link (mentions, stories, relations, corpus views, and
the per-article memo), render (pages), ingest (commands' edits of sources), the pipeline that
wires read → link → render → compare, publish (writing, rebuilding, serving), and the catalog
commands on top. A module may import from its own stage or a lower one, never a higher one.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "atlas"
STAGES = {
    "model": 0, "errors": 0, "entity_types": 0, "paths": 0, "cores": 0,
    "read": 1,
    "link": 2, "memo": 2,
    "render": 3,
    "ingest": 4,
    "pipeline": 5,
    "publish": 6,
    "curate": 7,
}  # fmt: skip
LONGEST_FUNCTION = 60  # lines, from its "def" to its last line, docstring included


def stage(module: str) -> int:
    """The stage of a dotted module name inside the package ('atlas.link.report' → link)."""
    return STAGES[module.split(".")[1]]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) > 1:
            found.append((".".join(parts), path))
    return found


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("atlas."):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("atlas.")]
    return found


def test_every_module_belongs_to_a_stage():
    assert [name for name, _ in modules() if name.split(".")[1] not in STAGES] == []


def test_imports_only_point_down_the_stages():
    upward = [
        f"{path.relative_to(ROOT)}:{line}: {name} (stage {stage(name)}) imports {target} (stage {stage(target)})"
        for name, path in modules()
        for line, target in imports(path)
        if stage(target) > stage(name)
    ]
    assert upward == []


def test_no_function_is_longer_than_a_screen():
    long = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} has {node.end_lineno - node.lineno + 1} lines"  # type: ignore[operator]
        for _, path in modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION  # type: ignore[operator]
    ]
    assert long == []
