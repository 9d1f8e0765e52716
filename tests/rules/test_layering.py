"""How the code is layered, checked by reading its imports (ast), so a regression fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPERATOR_NAMES = {"at_least", "below", "between", "one_of", "at_least_level", "is"}


def imports(path: Path, package: str) -> set[str]:
    """Every module `path` imports, at the top or inside a function, resolved to dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = f"{package}.{path.stem}" if path.stem != "__init__" else package
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(own.split(".")[: len(own.split(".")) - node.level + (path.stem == "__init__")]
                                + ([node.module] if node.module else []))
            submodules = {a.name for a in node.names if (ROOT / base.replace(".", "/") / f"{a.name}.py").exists()}
            if len(submodules) < len(node.names):  # `from rules import schemas` imports rules.schemas only
                found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph(package: str) -> dict[str, set[str]]:
    modules = {f"{package}.{p.stem}" if p.stem != "__init__" else package: p
               for p in (ROOT / package).glob("*.py")}
    return {name: {m for m in imports(path, package) if m in modules and m != name} for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_cycles_in_rules():
    edges = graph("rules")
    assert edges["rules.cli"] >= {"rules.interactive", "rules.diff"}  # the graph sees imports inside functions
    assert cycles(edges) == []


def test_knowledge_and_datafiles_import_nothing_from_rules():
    for package in ("knowledge", "datafiles"):
        for path in (ROOT / package).glob("*.py"):
            assert not {m for m in imports(path, package) if m == "rules" or m.startswith("rules.")}, path
    for path in (ROOT / "datafiles").glob("*.py"):
        assert not {m for m in imports(path, "datafiles") if m.startswith("knowledge")}, path


def test_the_policy_loader_knows_no_path_of_knowledge():
    # Only the wiring (inputs.py) and the tools that show places (interactive) or rebuild a revision (diff)
    # reach into knowledge, through its API; the loader and the model are handed what they need.
    users = {m for m, path in ((f"rules.{p.stem}", p) for p in (ROOT / "rules").glob("*.py"))
             if any(i == "knowledge" or i.startswith("knowledge.") for i in imports(path, "rules"))}
    assert users == {"rules.inputs", "rules.interactive", "rules.diff"}
    for name in ("loading.py", "policy.py", "schemas.py", "evaluator.py", "cases.py"):
        assert "knowledge/" not in (ROOT / "rules" / name).read_text(encoding="utf-8"), name


def test_test_operators_are_defined_in_one_place():
    """Outside operators.py (and the reference evaluator, which reads each test its own way on purpose),
    no module decides by a test operator's name (`op == "between"`, `OPERATORS["is"]`): they all go
    through the registry."""
    for path in (ROOT / "rules").glob("*.py"):
        if path.name in ("operators.py", "reference.py"):
            continue
        named = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                parts = [node.left, *node.comparators]
            elif isinstance(node, ast.Subscript):
                parts = [node.slice]
            else:
                continue
            named |= {p.value for p in parts if isinstance(p, ast.Constant) and p.value in OPERATOR_NAMES}
        assert not named, (path.name, named)


def test_one_yaml_reader_for_every_maintainer_file():
    """datafiles is the neutral YAML module: no other package parses YAML itself."""
    for package in ("rules", "knowledge", "reports"):
        for path in (ROOT / package).glob("*.py"):
            found = imports(path, package)
            assert not {m for m in found if m.split(".")[0] in ("yaml", "ruamel")}, path
