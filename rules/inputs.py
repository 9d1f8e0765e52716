"""What the policy reads from other parts of the project, handed to the loader.

The policy loader (loading.py) reads only rules/policy/; a list another package owns is declared in
parameters.yml as `{injected: NAME}` and given here. Today that is the certifiable profiles, whose one
source of truth is the knowledge base's profiles file, read (and checked) by the knowledge package;
its names are what an applicant reads for a profile ("Bordador", never "bordador").
"""

from __future__ import annotations

from pathlib import Path

from rules.loading import Injected
from rules.loading import load_policy as load_with
from rules.policy import Policy


def project_lists(sources_dir: str | Path | None = None) -> dict[str, Injected]:
    """The lists the project's policy reads: {name: Injected(values, files)}. Raises DataFileError
    (file:line:column) when the file that holds one is broken."""
    from knowledge.sources import certifiable_profile_names

    names, path = certifiable_profile_names(sources_dir)
    return {"certifiable_profiles": Injected(tuple(names), (path,), names)}


def load_policy(folder: str | Path | None = None, lists: dict[str, Injected] | None = None) -> Policy:
    """The policy in `folder` (default rules/policy) with the project's lists, unless others are given."""
    return load_with(folder, project_lists() if lists is None else lists)
