"""Edits specific to bot/texts/*.yml: what a maintainer rewording the assistant gets wrong."""

from __future__ import annotations

import random
import re
from pathlib import Path


def specific(file: str, text, rng: random.Random) -> list:
    from tests.data_files.mutations import ROOT, Mutation

    out: list = []
    lines = text.lines

    def add(kind: str, new: str | None, expect: str, target: str = file) -> None:
        if new is not None and new != (ROOT / target).read_text(encoding="utf-8"):
            out.append(Mutation(f"{target}:{kind}:{len(out)}", "texts", target, new, kind, expect))

    def at(index: int, row: str | None) -> str:
        return "\n".join(lines[:index] + ([row] if row is not None else []) + lines[index + 1:])

    said = [(i, row) for i, row in enumerate(lines) if re.match(r'    (es|en): "', row)]
    with_fields = [(i, row) for i, row in enumerate(lines) if re.search(r"\{[a-z_]+\}", row)]
    for i, row in rng.sample(said, min(3, len(said))):
        add("language deleted", at(i, None), "refuse")
        add("language misspelt", at(i, row.replace("es:", "sp:").replace("en:", "eng:")), "refuse")
        add("text left empty", at(i, re.sub(r'"(.*)"', '""', row, count=1)), "refuse")
        add("text unquoted", at(i, re.sub(r'"(.*)"', r"\1", row, count=1)), "either")
        add("placeholder the code does not fill", at(i, row[:-1] + ' {nombre}"'), "refuse")
        add("stray brace", at(i, row[:-1] + ' {"'), "refuse")
        add("text as a list", at(i, re.sub(r'("(.*)")', r"[\1]", row, count=1)), "refuse")
    for i, row in rng.sample(with_fields, min(4, len(with_fields))):
        name = re.search(r"\{([a-z_]+)\}", row).group(1)
        add("placeholder renamed in one language", at(i, row.replace(f"{{{name}}}", f"{{{name}s}}", 1)), "refuse")
        add("placeholder dropped in one language", at(i, row.replace(f"{{{name}}}", "", 1)), "refuse")
        for written in (f"{{{name}!r}}", f"{{{name}:>10}}", f"{{{name}.upper}}", "{0}", f"{{{name}[0]}}", f"{name}}}"):
            add("placeholder not a plain name", at(i, row.replace(f"{{{name}}}", written, 1)), "refuse")
    buttons = [(i, row) for i, row in enumerate(lines) if "payload:" in row]
    for i, row in rng.sample(buttons, min(3, len(buttons))):
        add("button without a payload", at(i, re.sub(r", payload: \"[^\"]*\"", "", row)), "refuse")
        add("button without a title", at(i, re.sub(r"title: \"[^\"]*\", ", "", row)), "refuse")
        add("payload misspelt", at(i, re.sub(r'payload: "/(\w)(\w)', r'payload: "/\2\1', row)), "refuse")
        add("payload without its slash", at(i, row.replace('payload: "/', 'payload: "')), "refuse")
        add("button removed in one language", at(i, None), "refuse")
        add("button's title left empty", at(i, re.sub(r'title: "[^"]*"', 'title: ""', row)), "refuse")
        add("button with an extra key", at(i, row.replace("}", ", url: \"https://example.org\"}")), "refuse")
    starts = [i for i, row in enumerate(lines) if row.startswith("      buttons:")]
    if starts:
        i = starts[0]
        end = next(j for j in range(i + 1, len(lines)) if not lines[j].startswith("        - "))
        add("buttons left empty", "\n".join(lines[:i] + ["      buttons: []"] + lines[end:]), "refuse")
        add("buttons deleted", "\n".join(lines[:i] + lines[end:]), "refuse")
    keys = [(i, row) for i, row in enumerate(lines) if re.match(r"  [a-z_0-9]+:$", row)]
    if len(keys) >= 2:
        (i, _), (j, _) = keys[0], keys[1]
        block, rest = lines[i:j], lines[:i] + lines[j:]
        add("texts reordered", "\n".join(rest + block) + "\n", "valid")
        add("tab instead of spaces", at(i, "\t" + lines[i].lstrip()), "refuse")
        add("text written twice in a file", text.text.rstrip("\n") + "\n" + "\n".join(block) + "\n", "refuse")
        others = sorted(p for p in Path(ROOT / file).parent.glob("*.yml") if p.name != Path(file).name)
        if others:
            other = str(others[0].relative_to(ROOT))
            add("text copied into another file", others[0].read_text(encoding="utf-8").rstrip("\n") + "\n"
                + "\n".join(block) + "\n", "refuse", other)
        add("texts: written as a list", text.text.replace("texts:\n", "texts:\n  -\n", 1), "refuse")
    return out
