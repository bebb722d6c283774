"""Imports go downwards only (shared/architecture.md): no cycle between two apps, and no domain
code (models, services, selectors, access, errors, tasks) importing the web layer or any views or
API module. Read from the source with ``ast``, so an import inside a function counts too."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Modules that serve requests: they may import ``web`` and their own app's domain code. Charts
# are presentation drawn on the shared base of ``web/charts.py`` (ADR 0058).
WEB_SIDE = {"views", "api", "templatetags", "management", "urls", "forms", "admin", "apps",
            "charts"}  # fmt: skip
# What the shared web layer stands on (shared/architecture.md): never a domain app. The error
# hierarchy it maps is ``qorgau/errors.py``, below every app (ADR 0021).
WEB_FLOORS = {"web", "errors", "config", "names", "reference", "organisations", "audit", "formats"}


def _imports() -> list[tuple[Path, str, str]]:
    """(file, its app, the qorgau module it imports) for the product's code."""
    found = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [(path, parts[0], n) for n in names if n.startswith("qorgau.")]
    return found


def _web_side(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return path.stem.endswith("views") or bool(WEB_SIDE & {p.removesuffix(".py") for p in parts})


def test_no_two_apps_import_each_other() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for _, app, module in _imports():
        target = module.split(".")[1]
        if target != app:
            edges[app].add(target)

    cycles = {tuple(sorted((a, b))) for a in edges for b in edges[a] if a in edges.get(b, set())}

    assert cycles == set(), sorted(cycles)


def test_the_web_layer_imports_no_domain_app() -> None:
    downward = {module.split(".")[1] for _, app, module in _imports() if app == "web"}

    assert downward <= WEB_FLOORS, sorted(downward - WEB_FLOORS)


def test_domain_code_never_imports_the_web_layer() -> None:
    upward = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path, app, module in _imports()
        if not _web_side(path)
        and (
            (module.split(".")[1] == "web" and app != "web")
            or any(part in ("views", "api") for part in module.split(".")[2:])
        )
    ]

    assert upward == []


def test_no_app_imports_another_apps_private_names() -> None:
    """What two apps share goes down a floor or into ``web/`` under a public name (style.md 19)."""
    private = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module):
                continue
            module = node.module.split(".")
            if module[0] != "qorgau" or len(module) < 2 or module[1] == parts[0]:
                continue
            private += [
                f"{path.relative_to(ROOT)}: {node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_")
            ]

    assert private == []
