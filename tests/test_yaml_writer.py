"""The one YAML writer (model/yaml_writer.py) against ruamel.yaml, whose output it copies.

The importer used to write with ruamel.yaml's round-trip dumper; the plan
files it wrote are the project's source of truth and people diff them, so the
writer must quote as ruamel did. Every text here is written both ways and must
come out byte for byte the same (apart from the characters the writer always
escapes), and read back as the same data.
"""
from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from goldenthread.model.yaml_writer import text_scalar, to_yaml

# Characters that change how YAML writes or reads text: indicators, quotes, spaces,
# line breaks and control characters, and a few letters, digits and non-ASCII ones.
ALPHABET = list("aZ09 -:#,[]{}&*!|>'\"%@`?.~=+/\\_^$<\t\r\n") + ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\xa0",
                                                                   "é", "–", "’", "\u2028", "\ufeff", "\U0001f600"]
# Whole words that YAML 1.2 might read as something other than text.
WORDS = ["true", "False", "null", "~", "yes", "No", "on", "5", "-3", "0x1F", "0o17", "1_000", "1.5", ".inf",
         "-.NaN", "1e3", "2020-04-01", "2020-4-1", "2020-04-01 10:00", "12:30", "---", "...", "<<", "=", "y"]
# Texts the always-escaped characters would make differ: ruamel leaves them raw, the writer escapes them.
ESCAPED_ALWAYS = ("\x85", "\u2028", "\u2029", "\ufeff")


def ruamel_text(data: dict) -> str:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        if rng.random() < 0.3:
            out.append(rng.choice(WORDS) + rng.choice(["", "", " ", ":", " x", "\n"]))
        else:
            out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 8))))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_single_line_text_is_quoted_as_ruamel_quotes_it(seed):
    compared = 0
    for text in texts(seed, 1500):
        if "\n" in text or any(c in text for c in ESCAPED_ALWAYS):
            continue
        expected = ruamel_text({"k": text})
        assert f"k: {text_scalar(text)}\n" == expected, repr(text)
        compared += 1
    assert compared > 700


@pytest.mark.parametrize("seed", range(4))
def test_every_text_reads_back_the_same(seed):
    loader = YAML(typ="safe")
    for text in texts(seed + 100, 1500):
        data = {"text": text, "items": [text, "x"], "nested": {"list": [{"id": "o1", "text": text}]}}
        assert loader.load(to_yaml(data)) == data, repr(text)


def test_a_plan_shaped_document_is_written_as_ruamel_writes_it():
    data = {
        "id": "plan", "title": "Children's Services - Plan 2020/2021", "label": "5", "sub": "5a",
        "period": {"start": dt.date(2020, 4, 1), "label": "2020/2021"}, "rag": None, "count": 3,
        "groups": ["leadership", "departmental"], "lines": [6, 8],
        "items": [{"id": "a1", "text": "Retained focus: neglect", "aliases": ["x: y", "it's"]},
                  {"id": "a2", "text": "Two\nlines", "children": [{"id": "o1", "rag": "RED"}]}],
        "actions": ["Embed a clear process & support", "#hash-first"],
    }
    expected = CommentedMap(data)
    expected["groups"] = CommentedSeq(data["groups"])
    expected["groups"].fa.set_flow_style()
    expected["lines"] = CommentedSeq(data["lines"])
    expected["lines"].fa.set_flow_style()
    expected["items"][1] = dict(data["items"][1], text=LiteralScalarString("Two\nlines"))
    assert to_yaml(data) == ruamel_text(expected)


def test_line_break_look_alikes_are_escaped():
    assert text_scalar("a\u2028b") == '"a\\Lb"'
    assert text_scalar("\ufeffBOM") == '"\\uFEFFBOM"'
    assert text_scalar("next\x85line") == '"next\\Nline"'
