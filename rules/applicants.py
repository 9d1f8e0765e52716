"""Applicants' facts read from a file for `python -m rules evaluate` and `rules diff --population`."""

from __future__ import annotations

import sys

import datafiles


class ListOfOne(list):
    """A single applicant read from a file that held a mapping, not a list."""


def read_applicants(file: str) -> list:
    """One applicant (a mapping) or a list of them, from a YAML or JSON file or stdin ("-").
    Raises DataFileError (file:line:column) or ValueError."""
    doc = (datafiles.loads(sys.stdin.read(), None, "<stdin>") if file == "-" else datafiles.load(file)).data
    if isinstance(doc, dict):
        return ListOfOne([dict(doc)])
    if isinstance(doc, list) and all(isinstance(item, dict) for item in doc):
        return [dict(item) for item in doc]
    raise ValueError("the file must hold one applicant's facts (a mapping) or a list of them")
