"""One root error for everything Golden Thread reports to a person.

Every error knows where it happened (file, line, column), carries a one-line
title and a hint that says what to do about it. The CLI prints it as::

    plan_data/groups/leadership.yaml:12:7: error: unknown RAG value 'AMBR'
      hint: did you mean AMBER?

and never shows a traceback unless asked with ``--debug``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from goldenthread.model.printable import printable


@dataclass(frozen=True)
class Location:
    """A place in a file. Line and column are 1-based; ``None`` when unknown."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass
class GoldenThreadError(Exception):
    """The root of every error meant for a person rather than a developer."""

    title: str
    location: Location | None = None
    hint: str | None = None
    details: list["GoldenThreadError"] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.title)

    def format(self) -> str:
        """Render as ``file:line:col: error: title`` plus an indented hint, control characters escaped
        (a message may quote the plan: it must not drive the terminal it is printed on)."""
        where = f"{self.location}: " if self.location else ""
        text = f"{where}error: {self.title}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        for detail in self.details:
            text += "\n" + detail.format()
        return printable(text)

    def __str__(self) -> str:
        return self.format()


class PlanLoadError(GoldenThreadError):
    """The plan folder could not be read or did not validate."""


class PlanImportError(GoldenThreadError):
    """The plan document's text export could not be imported."""


class UnknownItemError(GoldenThreadError):
    """A command was given an item ID the plan does not have."""


def relative(path: Path | str) -> str:
    """Show *path* relative to the working directory when it lies below it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
