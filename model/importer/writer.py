"""Writing the imported plan as YAML that people can read and edit by hand.

Empty optional fields are left out, except those whose emptiness is news
(an outcome with no ``rag``, a plan with no ``document``). The text is
written by :mod:`model.yaml_writer`, the project's one YAML writer: texts of
several lines as ``|-`` blocks, ``lines`` and lists of IDs in flow style.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from goldenthread.model.yaml_writer import to_yaml as _yaml_text

#: Fields written even when empty, because an empty value says something.
ALWAYS_WRITTEN = {"rag", "timescale", "document", "lead", "organisation", "last_updated"}


def _tidy(value):
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items() if not ((v is None or v == []) and k not in ALWAYS_WRITTEN)}
    if isinstance(value, (list, tuple)):
        return [_tidy(v) for v in value]
    return value


def to_yaml(model: BaseModel, header: str) -> str:
    """One model as a YAML document with a comment header."""
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return _yaml_text(_tidy(model.model_dump(mode="python")), comments)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
