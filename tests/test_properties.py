"""Property tests: whatever the input, the loader and the importer give a plan or our own located error.

Hypothesis mangles valid input (flipped bytes, lines deleted or repeated,
random text, Unicode and YAML structures put in) and checks that
:func:`load_plan` and :func:`run_import` either succeed or raise a
:class:`~model.errors.GoldenThreadError` that has a location; never another
exception, and never a hang (each example runs under an alarm, besides
hypothesis's deadline).

The ``ci`` profile (the default) is derandomized: the same examples on every
run, about a hundred per test, a few seconds each. For a longer hunt::

    GOLDENTHREAD_HYPOTHESIS=thorough .venv/bin/pytest -q tests/test_properties.py
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import signal
import tempfile
from pathlib import Path, PureWindowsPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML

from goldenthread.model.errors import GoldenThreadError
from goldenthread.model.importer import run_import
from goldenthread.model.loader import load_plan
from goldenthread.model.schema import WINDOWS_DEVICE_NAMES, ItemId

ROOT = Path(__file__).resolve().parents[1]
MINI_PLAN = ROOT / "tests" / "fixtures" / "mini_plan"
PLAN_FILES = ["plan.yaml", "groups/leadership.yaml", "groups/departmental.yaml", "operational_plans.yaml"]
SHIPPED_SOURCES = sorted((ROOT / "plan_data" / "source").glob("*.txt"))
SCENARIO_SOURCES = sorted((ROOT / "tests" / "import_scenarios").glob("*/source.txt"))

settings.register_profile("ci", max_examples=100, derandomize=True, deadline=dt.timedelta(seconds=20),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", max_examples=2000, deadline=dt.timedelta(seconds=20),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("GOLDENTHREAD_HYPOTHESIS", "ci"))

#: Longer than any example takes on a loaded machine; an example still running then is a hang.
HANG_SECONDS = 60


class Hang(Exception):
    """An example ran for HANG_SECONDS."""


@contextlib.contextmanager
def no_hang():
    def alarm(signum, frame):
        raise Hang(f"still running after {HANG_SECONDS} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_ours(error: GoldenThreadError) -> None:
    """Our error, with a location, that formats."""
    assert error.location is not None, error.format()
    assert error.format().count("error:") == 1 + len(error.details)


# --- edits ---------------------------------------------------------------------------------------------

#: Any YAML value: scalars of every kind YAML has, lists and mappings of them.
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.dates() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12)


def dump(value) -> str:
    buffer = io.StringIO()
    YAML().dump(value, buffer)
    return buffer.getvalue()


@st.composite
def edited(draw, data: bytes) -> bytes:
    """*data* after one to three random edits."""
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\n")
        kind = draw(st.sampled_from(["flip", "delete", "repeat", "text", "bytes", "yaml", "value"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        line = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "flip" and data:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif kind == "delete":
            data = b"\n".join(lines[:line] + lines[line + 1:])
        elif kind == "repeat":
            data = b"\n".join(lines[:line + 1] + lines[line:])
        elif kind == "text":
            data = data[:at] + draw(st.text(max_size=20)).encode("utf-8", "surrogatepass") + data[at:]
        elif kind == "bytes":
            data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
        elif kind == "yaml":  # a whole random document
            data = dump(draw(yaml_values)).encode()
        else:  # a line's value replaced by a random value, in flow style
            text = lines[line].decode("utf-8", "replace")
            key, colon, _ = text.partition(": ")
            flow = dump(draw(yaml_values)).strip().replace("\n", " ")
            lines[line] = (key + colon + flow if colon else flow).encode()
            data = b"\n".join(lines)
    return data


# --- the loader ----------------------------------------------------------------------------------------

@given(data=st.data(), file=st.sampled_from(PLAN_FILES))
def test_a_mangled_plan_file_loads_or_gives_our_located_error(data, file):
    original = (MINI_PLAN / file).read_bytes()
    mangled = data.draw(edited(original))
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan"
        shutil.copytree(MINI_PLAN, plan)
        (plan / file).write_bytes(mangled)
        with no_hang():
            try:
                load_plan(plan)
            except GoldenThreadError as error:
                assert_ours(error)


@given(document=yaml_values, file=st.sampled_from(PLAN_FILES))
def test_any_yaml_document_in_place_of_a_plan_file(document, file):
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan"
        shutil.copytree(MINI_PLAN, plan)
        (plan / file).write_text(dump(document), encoding="utf-8")
        with no_hang():
            try:
                load_plan(plan)
            except GoldenThreadError as error:
                assert_ours(error)


# --- the importer --------------------------------------------------------------------------------------

def _import(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "export.txt"
        source.write_bytes(data)
        with no_hang():
            try:
                run_import(source, Path(tmp) / "plan")
            except GoldenThreadError as error:
                assert_ours(error)
                assert not (Path(tmp) / "plan").exists()  # a failed import writes nothing
            else:
                load_plan(Path(tmp) / "plan")  # what an import writes always loads


@given(text=st.text(max_size=400))
def test_any_text_imports_or_gives_our_located_error(text):
    _import(text.encode("utf-8", "surrogatepass"))


@given(data=st.binary(max_size=400))
def test_any_bytes_import_or_give_our_located_error(data):
    _import(data)


@st.composite
def shipped_source_excerpt(draw) -> bytes:
    """A stretch of a shipped source document, after its first lines (title and vision), whole or cut."""
    path = draw(st.sampled_from(SHIPPED_SOURCES + SCENARIO_SOURCES))
    lines = path.read_bytes().split(b"\n")
    if path in SHIPPED_SOURCES:  # the bundled document takes a second to import: cut it to keep tests quick
        start = draw(st.integers(10, len(lines) - 1))
        lines = lines[:10] + lines[start:start + draw(st.integers(1, 60))]
    return b"\n".join(lines)


@pytest.mark.skipif(not SHIPPED_SOURCES, reason="no shipped source document")
@given(data=st.data())
@settings(max_examples=60 if settings.default.max_examples <= 100 else settings.default.max_examples)
def test_a_mangled_source_document_imports_or_gives_our_located_error(data):
    _import(data.draw(edited(data.draw(shipped_source_excerpt()))))


# --- IDs as file names ---------------------------------------------------------------------------------

@given(candidate=st.text(max_size=12) | st.from_regex(r"[A-Za-z0-9.\\/:_ -]{1,12}", fullmatch=True))
def test_an_id_the_schema_accepts_never_names_a_file_outside_its_folder(candidate):
    """The site saves pages as <folder>/<ID>.md (site_builder/urls.py): an accepted ID stays in <folder>."""
    try:
        item_id = TypeAdapter(ItemId).validate_python(candidate)
    except ValidationError:
        return
    folder = Path("/site/plans")
    page = folder / f"{item_id}.md"
    assert Path(os.path.normpath(page)).parent == folder
    assert PureWindowsPath(f"C:/site/plans/{item_id}.md").parent == PureWindowsPath("C:/site/plans")
    assert not item_id.endswith(".") and item_id.split(".")[0].upper() not in WINDOWS_DEVICE_NAMES
