"""What is wrong with a data file, and where: `file:line:column: reason`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file. `line` and `column` are 1-based; 0 when the whole file is meant."""

    path: str
    line: int
    column: int
    reason: str

    def __str__(self) -> str:
        if not self.line:
            return f"{self.path}: {self.reason}"
        return f"{self.path}:{self.line}:{self.column}: {self.reason}"


class DataFileError(ValueError):
    """A file that cannot be used. `problems` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def path(self) -> str:
        return self.problems[0].path if self.problems else ""
