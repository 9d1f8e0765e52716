"""Applicants' facts read from a file for `python -m rules evaluate` and `rules diff --population`."""

from __future__ import annotations

import sys

import datafiles
from datafiles import DataFileError


class ListOfOne(list):
    """A single applicant read from a file that held a mapping, not a list."""


def read_applicants(file: str, policy=None) -> list:
    """One applicant (a mapping) or a list of them, from a YAML or JSON file or stdin ("-").
    Raises DataFileError (file:line:column) or ValueError. With a policy, an amount in soles written
    with a thousands dot (`monthly_income: 1.500`, which reads 1.5) is refused at its place."""
    doc = datafiles.loads(sys.stdin.read(), None, "<stdin>") if file == "-" else datafiles.load(file)
    data = doc.data
    rows = [((), data)] if isinstance(data, dict) else [((i,), item) for i, item in enumerate(data)] \
        if isinstance(data, list) else []
    if not rows or not all(isinstance(item, dict) for _, item in rows):
        raise ValueError("the file must hold one applicant's facts (a mapping) or a list of them")
    money = [name for name, fact in (policy.facts.items() if policy else ()) if fact.money]
    problems = [p for at, item in rows for name in money if name in item
                for p in datafiles.validate(doc.part((*at, name)), {"amount": True})]
    if problems:
        raise DataFileError(problems)
    if isinstance(data, dict):
        return ListOfOne([dict(data)])
    return [dict(item) for item in data]
