"""load_plan's two ways of reading YAML give the same plan: the quick way answers only when sure.

``load_plan`` reads a plan quickly (:func:`model.quick_yaml.quick_load`: C parser,
no positions) and reads it carefully (ruamel's round-trip loader, with
positions) only when a file is beyond the quick reader or when something is
wrong. That is safe only if, whenever the quick reader answers, the careful
reader accepts the same text and gives exactly the same plain data
(``to_plain`` of its tree): same values *and* same types, so ``yes`` stays
text, ``010`` is ten and a date is a date. These tests check that promise on
every YAML file of the repository, on hand-written tricky cases and on random
edits of plan files, and check that load_plan really skips the careful parse
of a valid plan and still reports errors from the careful one.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from goldenthread.model import loader
from goldenthread.model import yaml_source as source
from goldenthread.model.errors import PlanLoadError
from goldenthread.model.loader import load_plan
from goldenthread.model.quick_yaml import available, quick_load
from goldenthread.model.yaml_source import read_yaml, to_plain

ROOT = Path(__file__).resolve().parents[1]
YAML_FILES = sorted(path for folder in ("plan_data", "tests/fixtures", "tests/scenarios", "tests/import_scenarios")
                    for pattern in ("*.yaml", "*.yml") for path in (ROOT / folder).rglob(pattern))
MINI_PLAN = ROOT / "tests" / "fixtures" / "mini_plan"
BAD_CASES_DIR = ROOT / "tests" / "fixtures" / "bad"
BAD_CASES = sorted(BAD_CASES_DIR.glob("*.yaml"))


def careful(text: str):
    """What the careful reader makes of *text*: ("data", plain data) or ("error", exception type name)."""
    try:
        return "data", to_plain(YAML(typ="rt").load(text))
    except Exception as error:  # noqa: BLE001 - any refusal counts as a refusal
        return "error", type(error).__name__


def identical(a, b) -> bool:
    """Equal values of the same types all the way down, keys in the same order (NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(identical(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def disagreement(text: str) -> str | None:
    """Why the quick reading of *text* cannot be trusted, or ``None`` when it defers or agrees."""
    quick = quick_load(text)
    if quick is None:
        return None
    outcome, slow = careful(text)
    if outcome == "error":
        return f"quick reader accepted what the careful reader refuses ({slow})"
    if not identical(quick, slow):
        return f"quick reader read {quick!r}, careful reader {slow!r}"
    return None


def test_the_c_parser_is_installed():
    """pyproject.toml depends on ruamel.yaml.clib: without it every load is the slow careful one."""
    assert available()


@pytest.mark.parametrize("path", YAML_FILES, ids=[str(p.relative_to(ROOT)) for p in YAML_FILES])
def test_every_yaml_file_of_the_repository_reads_the_same_both_ways(path):
    text = path.read_text(encoding="utf-8")
    assert disagreement(text) is None
    if BAD_CASES_DIR not in path.parents:  # the error scenarios quote anchors, tags... in their descriptions
        assert quick_load(text) is not None or not text.strip(), "a plain plan file should not need the careful reader"


@pytest.mark.parametrize("case", BAD_CASES, ids=[p.stem for p in BAD_CASES])
def test_every_broken_plan_of_the_error_scenarios_reads_the_same_both_ways(case, broken_plan, bad_case):
    plan_dir = broken_plan(bad_case(case.stem)["edits"])
    for path in sorted(plan_dir.rglob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not UTF-8 (a scenario's point): refused before either reader sees it
        assert disagreement(text) is None, path


# (name, YAML text, whether the quick reader should answer rather than defer)
TRICKY = [
    ("yes-no-on-off are text in YAML 1.2", "a: yes\nb: no\nc: on\nd: off\ne: Yes\nf: y\ng: N\n", True),
    ("true and false are booleans", "a: true\nb: False\nc: TRUE\n", True),
    ("octal-looking and other numbers", "a: 010\nb: 0o17\nc: 1_000\nd: 0x1F\ne: +12\nf: -0\ng: 00\nh: 0b101\n", True),
    ("decimals", "a: 1.5\nb: 1e3\nc: .5\nd: 1_0.5\ne: -.inf\nf: .NaN\ng: 0.\nh: 1e-3\n", True),
    ("number-like text", "a: 1:20\nb: 12:30:45\nc: 0x\nd: 2021-4-1\ne: 1.2.3\nf: '010'\ng: \"1_000\"\n", True),
    ("dates, quoted dates and a tagged date",
     "a: 2021-04-01\nb: \"2021-04-01\"\nc: '2021-04-01'\nd: !!str 2021-04-01\n", True),
    ("!!str tags", "a: !!str 5\nb: !!str yes\nc: !!str |\n  block\nd: !!str\ne: !!str 010\n", True),
    ("literal blocks with every chomping",
     "a: |\n  one\n  two\nb: |-\n  strip\n\nc: |+\n  keep\n\nd: |2\n    indented\n", True),
    ("folded blocks", "a: >\n  folded\n  text\n\n  new paragraph\nb: >-\n  x\n   more indented\n  y\n", True),
    ("empty values", "a:\nb: ~\nc: null\nd: ''\ne: \"\"\nf: []\ng: {}\nh:\n  -\n  - ~\n", True),
    ("an ampersand in text", "a: Health & Safety\nb: R&D\nc: '&x'\n", True),
    ("unicode", "a: café ☃ 日本 😀\nb: \"\\u00e9 \\U0001F600 \\x41\"\nc: 'it''s'\n", True),
    ("multi-line plain and quoted text", "a: first\n  second\n\n  third\nb: \"one \\\n  two\n  three\"\nc: 'x\n  y'\n",
     True),
    ("comments and flow collections", "# top\na: [x, y, {z: 1}]  # after\nb: {c: d, e: [f]}\nc: e#not\n", True),
    ("explicit keys and document markers", "---\n? a\n: b\n...\n", True),
    ("Windows line endings", "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: [d,\r\n  e]\r\n", True),
    ("old Mac line endings", "a: 1\rb: 2\r", True),
    ("a long line", "a: " + "word " * 4000 + "\n", True),
    ("escapes of line breaks", "a: \"\\N \\L \\P \\_ \\e \\0 \\/\"\n", True),
    # the quick reader defers on these (and the careful reader decides, as it always did)
    ("a %YAML 1.1 directive makes yes a boolean", "%YAML 1.1\n---\na: yes\nb: 010\n", False),
    ("a tab after a value", "a: b\t\n", False),
    ("a tab inside quotes", "a: \"b\tc\"\n", False),
    ("a tab between key and value", "a:\tb\n", False),
    ("anchors and aliases", "base: &b {rag: RED, text: x}\ncopy: *b\nlist: &l [1, 2]\nagain: *l\n", False),
    ("an anchored boolean (the careful reader reads 1)", "a: &t true\nb: *t\n", False),
    ("a block scalar whose first line is only spaces", "a: |-\n  \n   more\n", False),
    ("a merge key (the merged keys come in another order)", "b: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", False),
    ("a date with a time of day", "a: 2021-04-01 10:00:00\nb: 2021-04-01T10:00:00.5+01:00\n", False),
    ("an !!int tag", "a: !!int \"12\"\n", False),
    ("a local tag", "a: !thing x\n", False),
    ("a set", "a: !!set {x, y}\n", False),
    ("binary", "a: !!binary aGVsbG8=\n", False),
    ("a number as a key", "1: a\n2021-04-01: b\n", False),
    ("nothing as a key", "~: a\n", False),
    ("an alias inside itself", "a: &x [1, *x]\n", False),
    ("a duplicated key", "a: 1\nb: 2\na: 3\n", False),
    ("a byte-order mark", "\ufeffa: 1\n", False),
    ("YAML 1.1 line breaks", "a: x\u2028y\n", False),
    ("a next-line character", "a: x\x85y\n", False),
    ("a control character", "a: x\x07y\n", False),
    ("the = value", "a: =\n", False),
    ("an impossible date", "a: 2021-02-30\n", False),
    ("two documents", "a: 1\n---\nb: 2\n", False),
    ("bad YAML", "a: [b\n", False),
    ("a colon inside a flow sequence", "a: [b:c]\n", False),
    ("an empty file", "", False),
]


@pytest.mark.parametrize("text, answers", [(t, a) for _, t, a in TRICKY], ids=[name for name, _, _ in TRICKY])
def test_tricky_yaml_reads_the_same_both_ways_or_is_left_to_the_careful_reader(text, answers):
    assert disagreement(text) is None
    assert (quick_load(text) is not None) == answers


def test_yaml_1_2_values_as_the_careful_reader_gives_them():
    """Spot checks of what the quick reader gives, not only that both agree."""
    data = quick_load(TRICKY[0][1] + "h: 010\ni: 2021-04-01\nj: '2021-04-01'\nk: !!str 5\nl: 1_000\n")
    assert [data[k] for k in "abcdhijkl"] == ["yes", "no", "on", "off", 10, dt.date(2021, 4, 1), "2021-04-01",
                                              "5", 1000]


# what random edits insert: YAML's indicators, troublesome characters, and fragments of plan YAML
_PIECES = list(" \t:-?#\"'|>[]{},&*!%@`\n\r.+_\\~=<") + list("abyno0123456789é") + [
    "\n  ", ": ", "- ", " #", "!!str ", "&a ", "*a", "<<: *a", "\n- ", "yes", "2021-04-01", "0o7", "1_0",
    "---\n", "...\n", "\ufeff", "\x85", "\u2028", " \t", "\\x41", "\n%YAML 1.1\n"]


def _random_edit(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        at, what = rng.randrange(len(text) + 1), rng.random()
        if what < 0.4:
            text = text[:at] + rng.choice(_PIECES) + text[at:]
        elif what < 0.7:
            text = text[:at] + text[at + rng.randint(1, 3):]
        else:  # copy a short stretch of the file elsewhere: keys, indentation, quotes out of place
            start = rng.randrange(len(text) + 1)
            text = text[:at] + text[start:start + rng.randint(1, 12)] + text[at:]
    return text


def test_random_edits_of_plan_files_read_the_same_both_ways():
    texts = [path.read_text(encoding="utf-8") for path in sorted(MINI_PLAN.rglob("*.yaml"))]
    rng = random.Random(20210401)
    answered, problems = 0, []
    for _ in range(1200):
        text = _random_edit(rng.choice(texts), rng)
        answered += quick_load(text) is not None
        problem = disagreement(text)
        if problem:
            problems.append((text, problem))
    assert problems == []
    assert answered > 300, "too few edits left the quick reader sure: the test would prove little"


# words that YAML may read as something other than text, or that are awkward to scan
_WORDS = ["yes", "No", "on", "OFF", "true", "False", "null", "~", "010", "0o7", "0x1F", "1_000", "1e3", ".5",
          "-.inf", ".nan", "2021-04-01", "2021-04-01 10:00:00", "12:30", "1:20", "=", "a b", "x#y", "x #y", "é",
          "😀", "-x", "?x", ":x", "x:", "x:y", "0", "+1", "-0", "1.", "0b11", "a,b", "x]", "R&D", "a & b", "x!",
          "x > y", "x | y", "N/A", "AMBER/GREEN", "2021/22", "---x", "x...", "@x", "`x", "%x", "'", '"']


def _random_document(rng: random.Random) -> str:
    """A random YAML document built from all kinds of scalars and collections, at varied indentations."""
    def scalar(indent: int) -> str:
        word, form = rng.choice(_WORDS), rng.random()
        if form < 0.45:
            return word
        if form < 0.6:
            return "'" + word.replace("'", "''") + rng.choice(["", f"\n{' ' * (indent + 2)}more"]) + "'"
        if form < 0.75:
            escaped = word.replace("\\", "\\\\").replace('"', '\\"')
            ending = rng.choice(["", "\\u00e9", "\\x41", "\\n", "\\/", f"\\\n{' ' * (indent + 2)}more"])
            return '"' + escaped + ending + '"'
        if form < 0.9:  # a block scalar: any header, lines at varied indentation, some blank or only spaces
            lines = [" " * (indent + rng.choice([1, 2, 2, 3, 4])) + rng.choice(_WORDS) if rng.random() < 0.7
                     else " " * rng.randint(0, indent + 4) for _ in range(rng.randint(1, 4))]
            return rng.choice(["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-"]) + "\n" + "\n".join(lines)
        return word + "\n" + " " * (indent + rng.randint(1, 3)) + rng.choice(_WORDS)  # plain text on two lines

    def flow(depth: int) -> str:
        if depth > 2 or rng.random() < 0.4:
            return rng.choice(["a", "1", "yes", "'q r'", '"s,t"', "2021-04-01", "null", "é"])
        items = [flow(depth + 1) for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.5:
            return "[" + ", ".join(items) + "]"
        return "{" + ", ".join(f"k{i}: {item}" for i, item in enumerate(items)) + "}"

    anchors: list[str] = []

    def value(indent: int, depth: int) -> str:
        form = rng.random()
        if anchors and rng.random() < 0.05:
            return " *" + rng.choice(anchors)
        if depth > 3 or form < 0.55:
            anchor = ""
            if rng.random() < 0.1:
                anchors.append(f"a{len(anchors)}")
                anchor = f" &{anchors[-1]}"
            return anchor + " " + (scalar(indent) if form < 0.45 else flow(0))
        inner = indent + rng.choice([0, 1, 2, 2, 4]) if form < 0.78 else indent + rng.choice([1, 2, 2, 4])
        if form < 0.78:
            return "".join(f"\n{' ' * inner}-{value(inner + 2, depth + 1)}" for _ in range(rng.randint(1, 3)))
        return "".join(f"\n{' ' * inner}{rng.choice(['id', 'text', 'k1', 'k2', 'a b', 'é'])}:"
                       f"{value(inner, depth + 1)}{rng.choice(['', '', ' # note'])}"
                       for _ in range(rng.randint(1, 4)))

    text = "\n".join(f"key{i}:{value(0, 0)}" for i in range(rng.randint(1, 5))) + rng.choice(["\n", "", "\n# end\n"])
    return text.replace("\n", "\r\n") if rng.random() < 0.2 else text


def test_random_documents_read_the_same_both_ways():
    rng = random.Random(2021)
    answered, problems = 0, []
    for _ in range(1500):
        text = _random_document(rng)
        answered += quick_load(text) is not None
        problem = disagreement(text)
        if problem:
            problems.append((text, problem))
    assert problems == []
    assert answered > 300, "too few documents left the quick reader sure: the test would prove little"


@pytest.fixture
def careful_reads(monkeypatch):
    """The files load_plan reads carefully (round-trip parse, positions) from now on, in order."""
    careful_files: list[str] = []

    def recording(path, *, quick=False):
        try:
            doc = read_yaml(path, quick=quick)
        except PlanLoadError:
            careful_files.append(path.as_posix())
            raise
        if not doc.quick:
            careful_files.append(path.as_posix())
        return doc

    monkeypatch.setattr(loader, "read_yaml", recording)
    monkeypatch.setattr(source, "read_yaml", recording)  # a quickly read file asked for a position
    return careful_files


PLAN_FILES = ["plan/plan.yaml", "plan/groups/leadership.yaml", "plan/groups/departmental.yaml",
              "plan/operational_plans.yaml"]


def test_a_valid_plan_is_loaded_without_the_careful_parse(broken_plan, careful_reads):
    plan_dir = broken_plan([])
    quick = load_plan(plan_dir)
    assert careful_reads == []
    assert quick.model_dump() == loader._load(plan_dir, quick=False).model_dump()
    assert careful_reads == PLAN_FILES


def test_a_file_beyond_the_quick_reader_is_read_carefully_and_the_rest_quickly(broken_plan, careful_reads):
    # a tab inside quotes: valid YAML, but only the careful reader is sure of it
    plan_dir = broken_plan([{"file": "operational_plans.yaml", "replace": "name: Fostering Plan",
                             "with": "name: \"Fostering\tPlan\""}])
    data = load_plan(plan_dir)
    assert careful_reads == ["plan/operational_plans.yaml"]
    assert data.operational.plans[0].name == "Fostering\tPlan"


@pytest.mark.parametrize("edit, read_again", [
    ({"file": "groups/leadership.yaml", "replace": "rag: AMBER\n", "with": "rag: AMBR\n"},  # a field's value
     ["plan/groups/leadership.yaml"]),
    ({"file": "groups/departmental.yaml", "replace": "id: DP1.corporate-parenting.o-local-offer",
      "with": "id: LP1.main.o-fewer-referrals"},  # a cross-file check: both places are named
     ["plan/groups/departmental.yaml", "plan/groups/leadership.yaml"]),
    ({"file": "plan.yaml", "replace": "groups: [leadership, departmental]", "with": "groups: [leadership"},  # YAML
     ["plan/plan.yaml"]),
], ids=["invalid field", "duplicate ID", "bad YAML"])
def test_an_error_is_reported_as_by_a_careful_reading_reading_only_its_files_again(edit, read_again, broken_plan,
                                                                                    careful_reads):
    plan_dir = broken_plan([edit])
    with pytest.raises(PlanLoadError) as caught:
        load_plan(plan_dir)
    reads_of_load_plan = list(careful_reads)
    careful_reads.clear()
    with pytest.raises(PlanLoadError) as carefully:
        loader._load(plan_dir, quick=False)
    assert caught.value.format() == carefully.value.format()
    # only the files the error names were parsed the slow, careful way (each once), not the whole plan
    assert sorted(reads_of_load_plan) == read_again
    assert len(careful_reads) > len(read_again)
