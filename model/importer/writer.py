"""Writing the imported plan as YAML that people can read and edit by hand.

Empty optional fields are left out, except those whose emptiness is news
(an outcome with no ``rag``, a plan with no ``document``). Texts of several
lines are written as ``|`` blocks; ``lines`` as ``[first, last]``.
"""
from __future__ import annotations

import io
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

#: Fields written even when empty, because an empty value says something.
ALWAYS_WRITTEN = {"rag", "timescale", "document", "lead", "organisation", "last_updated"}


def _tidy(value, key: str | None = None):
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            if (v is None or v == []) and k not in ALWAYS_WRITTEN:
                continue
            out[k] = _tidy(v, k)
        return out
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(_tidy(v) for v in value)
        if key == "lines" or (key in ("priorities", "groups", "candidates") and all(isinstance(v, str) for v in value)):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def to_yaml(model: BaseModel, header: str) -> str:
    """One model as a YAML document with a comment header."""
    yaml = YAML()
    yaml.width = 4096  # one line per value: easier to find and edit than wrapped text
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    buffer.write("".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()))
    yaml.dump(_tidy(model.model_dump(mode="python")), buffer)
    return buffer.getvalue()


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
