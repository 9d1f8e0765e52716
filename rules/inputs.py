"""What the policy reads from other parts of the project, handed to the loader.

The policy loader (loading.py) reads only rules/policy/; a list another package owns is declared in
parameters.yml as `{injected: NAME}` and given here. Today that is the certifiable profiles, whose one
source of truth is the knowledge base's profiles file, read (and checked) by the knowledge package;
its names are what an applicant reads for a profile ("Bordador", never "bordador"). And the keys of the
applicant's texts (bot/texts), so a question of asked_together.yml that names no text is refused.
"""

from __future__ import annotations

from pathlib import Path

import datafiles
from rules.loading import Injected
from rules.loading import load_policy as load_with
from rules.policy import Policy

TEXTS_DIR = Path(__file__).resolve().parent.parent / "bot" / "texts"


def project_lists(sources_dir: str | Path | None = None) -> dict[str, Injected]:
    """The lists the project's policy reads: {name: Injected(values, files)}. Raises DataFileError
    (file:line:column) when the file that holds one is broken."""
    from knowledge.sources import certifiable_profile_names

    names, path = certifiable_profile_names(sources_dir)
    lists = {"certifiable_profiles": Injected(tuple(names), (path,), names)}
    texts = text_keys()
    if texts is not None:
        lists["texts"] = texts
    return lists


def text_keys(folder: Path = TEXTS_DIR) -> Injected | None:
    """The keys of bot/texts, or None when a texts file cannot be read: the texts' own store refuses that
    file (with its line), and the policy is not refused for it."""
    files = sorted(Path(folder).glob("*.yml"))
    keys = set()
    for path in files:
        try:
            data = datafiles.read(path).data
        except datafiles.DataFileError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("texts"), dict):
            return None
        keys |= set(data["texts"])
    return Injected(tuple(sorted(keys)), tuple(files)) if files else None


def load_policy(folder: str | Path | None = None, lists: dict[str, Injected] | None = None) -> Policy:
    """The policy in `folder` (default rules/policy) with the project's lists, unless others are given."""
    return load_with(folder, project_lists() if lists is None else lists)
