"""What the code says: every `say(...)` and `render(...)` call in actions/ and channels/, read from the
source with ast (independent of actions/texts.py's own declaration of the texts and their values)."""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = "<the key's last part>"


@lru_cache(maxsize=1)
def said() -> tuple[dict, dict]:
    """({literal key: names of the values passed}, {regex of a computed key (f"ask_{slot}"): names}); SUFFIX
    among the names stands for the part of the key the f-string filled in."""
    literal: dict[str, set] = {}
    computed: dict[str, set] = {}
    for path in sorted((ROOT / "actions").rglob("*.py")) + sorted((ROOT / "channels").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and _name(node.func) in ("say", "render")):
                continue
            names = {k.arg for k in node.keywords if k.arg and k.arg != "buttons"}
            if any(k.arg is None and isinstance(k.value, ast.Dict) and len(k.value.keys) == 1
                   and isinstance(k.value.keys[0], ast.Name) for k in node.keywords):
                names.add(SUFFIX)  # say(f"result_centre_{key}", **{key: ...}): the value is named as the key ends
            for arg in _alternatives(node.args[0]):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literal.setdefault(arg.value, set()).update(names)
                elif isinstance(arg, ast.JoinedStr):
                    pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else r"(\w+)"
                                      for v in arg.values)
                    computed.setdefault(pattern, set()).update(names)
    return literal, computed


def _name(func) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _alternatives(node):
    if isinstance(node, ast.IfExp):  # say("a" if x else "b")
        yield from _alternatives(node.body)
        yield from _alternatives(node.orelse)
    else:
        yield node
