"""The import report: what the importer could not place with certainty, and why.

Every entry names the source line, a short code and a sentence a person can act
on. ``error`` entries stop the import (nothing is written); ``warning`` entries
are places where a person should look (and may record a decision in the
corrections file); ``info`` entries say how an unusual row was read.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportEntry:
    level: str          # "error" | "warning" | "info"
    line: int | None
    code: str
    message: str
    hint: str | None = None

    def format(self, source_name: str) -> str:
        where = f"{source_name}:{self.line}" if self.line else source_name
        text = f"{where}: {self.level}: [{self.code}] {self.message}"
        return text + (f"\n  hint: {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Accounted:
    """Source text that the plan does not hold, on purpose: a page header, a table header, a marker..."""

    line: int
    text: str
    reason: str


@dataclass
class ImportReport:
    entries: list[ReportEntry] = field(default_factory=list)
    #: Text consumed without becoming plan text (see :mod:`model.importer.accounting`), listed in the report.
    accounted: list[Accounted] = field(default_factory=list)
    #: What the import makes, in numbers (an :class:`~model.importer.summary.ImportSummary`), once it has run.
    summary: object | None = None

    def account(self, line: int, text: str, reason: str) -> None:
        """Record that *text* of *line* was read as *reason* and is therefore not in the plan."""
        self.accounted.append(Accounted(line, text, reason))

    def add(self, level: str, line: int | None, code: str, message: str, hint: str | None = None) -> None:
        self.entries.append(ReportEntry(level, line, code, message, hint))

    def error(self, line, code, message, hint=None):
        self.add("error", line, code, message, hint)

    def warn(self, line, code, message, hint=None):
        self.add("warning", line, code, message, hint)

    def info(self, line, code, message, hint=None):
        self.add("info", line, code, message, hint)

    @property
    def errors(self) -> list[ReportEntry]:
        return [e for e in self.entries if e.level == "error"]

    def counts(self) -> dict[str, int]:
        return {level: sum(1 for e in self.entries if e.level == level)
                for level in ("error", "warning", "info")}

    def accounted_summary(self, source_name: str) -> list[str]:
        """One line per reason: the source lines whose text was read as that, not as plan text."""
        by_reason: dict[str, list[int]] = {}
        for item in self.accounted:
            lines = by_reason.setdefault(item.reason, [])
            if item.line not in lines:
                lines.append(item.line)
        return [f"{source_name}: accounted: {reason}: line{'s' if len(lines) > 1 else ''} "
                f"{', '.join(str(n) for n in sorted(lines))}" for reason, lines in sorted(by_reason.items())]

    def format(self, source_name: str) -> str:
        """The whole report, in source-line order, as plain text."""
        ordered = sorted(self.entries, key=lambda e: (e.line or 0, e.level, e.code))
        lines = [e.format(source_name) for e in ordered]
        lines += self.accounted_summary(source_name)
        counts = self.counts()
        lines.append(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes")
        return "\n".join(lines) + "\n"
