"""The importer and hostile input: every bad source gives one located error (exit 2, no traceback), and an
import never destroys work: it needs --force to replace a plan, and writes all at once or not at all."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import goldenthread.model.importer
import goldenthread.model.importer.folder
import goldenthread.model.loader
from goldenthread import model
from goldenthread.model.errors import GoldenThreadError, PlanImportError, Location, PlanLoadError
from goldenthread.model.importer import run_import
from goldenthread.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "plan_data" / "source" / "service-development-plan-2020-21.txt"
OTHER_SOURCE = ROOT / "tests" / "import_scenarios" / "01_other_council" / "source.txt"


def _novel() -> str:
    """A made-up novel: paragraphs of prose, no tables, no plan title."""
    words = ["the", "of", "and", "a", "to", "in", "he", "was", "that", "it", "his", "her", "with", "as", "had", "for", "she", "on", "at", "by", "which"]
    pick = random.Random(6).choice
    paragraphs = [" ".join(pick(words) for _ in range(80)).capitalize() + "." for _ in range(40)]
    return "CHAPTER I\n\n" + "\n\n".join(paragraphs) + "\n"


NOT_A_PLAN = ("no table of priorities found: this does not look like a plan's text export\n"
              "  hint: a plan's text export has a heading like '7 Strategic Leadership Priorities' followed by a "
              "table whose cells are separated by tabs\n")
NOT_TEXT = ("is not a text file: it holds NUL bytes\n  hint: this looks like binary data (an image, a word-processor "
            "file) or text saved as UTF-16: save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)\n")

#: (case, the source's bytes, the exact error the import prints)
BAD_SOURCES = [
    ("empty file", b"",
     ("export.txt: error: export.txt is empty\n"
     "  hint: give the plan's text export: the document saved as text, with its tables\n")),
    ("only blank lines", b"\n  \n\t\n",
     ("export.txt: error: export.txt is empty\n"
     "  hint: give the plan's text export: the document saved as text, with its tables\n")),
    ("a PNG image", bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"),
     "export.txt:3:1: error: export.txt " + NOT_TEXT),
    ("random bytes", random.Random(6).randbytes(4000),
     "export.txt:1:34: error: export.txt " + NOT_TEXT),
    ("a Latin-1 export", "Children's Services Plan 2020/2021\nVISION\nCaf\u00e9s for all\n".encode("latin-1"),
     ("export.txt:3:4: error: export.txt is not UTF-8 text: byte 0xE9 is not valid UTF-8\n"
     "  hint: save the file as UTF-8 (this byte is probably an accented letter or a symbol saved in another "
     "encoding, such as Latin-1 or Windows-1252)\n")),
    ("a UTF-16 export", "Children's Services Plan 2020/2021\n".encode("utf-16"),
     ("export.txt:1:1: error: export.txt is saved as UTF-16, not UTF-8\n"
     "  hint: save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)\n")),
    ("UTF-16 without a byte-order mark", "Children's Services Plan 2020/2021\n".encode("utf-16-le"),
     "export.txt:1:2: error: export.txt " + NOT_TEXT),
    ("the README", (ROOT / "README.md").read_bytes(), "export.txt: error: " + NOT_A_PLAN),
    ("a novel", _novel().encode(), "export.txt: error: " + NOT_A_PLAN),
    ("a line longer than any text of a plan", b"Service Plan 2020/2021\nVISION\n" + b"word " * 12_000 + b"\n",
     ("export.txt:3:50001: error: line 3 is too long (60,000 characters; a text of a plan may have 50,000)\n"
     "  hint: check that this is the plan's text export: its lines are a paragraph or a table row each\n")),
    ("a title but no tables", b"Service Plan 2020/2021\n\nVISION\nA better place\n", "export.txt: error: " + NOT_A_PLAN),
]


@pytest.mark.parametrize("case, data, expected", BAD_SOURCES, ids=[case for case, _, _ in BAD_SOURCES])
def test_a_bad_source_gives_one_located_error_and_writes_nothing(case, data, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("export.txt").write_bytes(data)
    result = CliRunner().invoke(main, ["import", "export.txt", "--out", "plan"])
    assert result.exit_code == 2
    assert result.stderr == expected
    assert "Traceback" not in result.output
    assert sorted(os.listdir(tmp_path)) == ["export.txt"]  # no plan folder, no hidden staging folder left


def test_a_missing_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["import", "nowhere.txt", "--out", "plan"])
    assert (result.exit_code, result.stderr) == (
        2, "nowhere.txt: error: no such file: nowhere.txt\n  hint: give the path of the plan's text export\n")


def test_a_folder_as_the_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("exports").mkdir()
    result = CliRunner().invoke(main, ["import", "exports", "--out", "plan"])
    assert (result.exit_code, result.stderr) == (
        2, "exports: error: exports is a folder\n  hint: give the path of the plan's text export\n")


def test_a_source_over_the_size_limit_is_refused_without_being_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open("export.txt", "wb") as handle:
        handle.truncate(30_000_000_000)  # sparse: reading it whole would take minutes
    result = CliRunner().invoke(main, ["import", "export.txt", "--out", "plan"])
    assert (result.exit_code, result.stderr) == (
        2, ("export.txt: error: export.txt is too large: 30000.0 MB (the limit is 20.0 MB)\n"
           "  hint: check that this is the right file: a plan's files are far smaller; see docs/validation.md "
           "for the limits\n"))


def test_import_with_debug_shows_the_traceback(tmp_path):
    (tmp_path / "export.txt").write_bytes(b"")
    shown = subprocess.run([sys.executable, "-m", "goldenthread", "--debug", "import", "export.txt",
                            "--out", "plan"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert shown.returncode != 0
    assert "Traceback (most recent call last)" in shown.stderr
    assert "goldenthread.model.errors.PlanImportError: export.txt: error: export.txt is empty" in shown.stderr


# --- the corrections file is read like a plan file -------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    (("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
     "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
     "priority_titles: *h\n"),
     ("corrections.yaml:1:4: error: invalid YAML: anchor &a (plan files do not use anchors and aliases)\n"
     "  hint: delete the anchor, and write out in full every value that refers to it with *\n")),
    ("plan:\n  period_start: 2021-13-01\n",
     ("corrections.yaml:2:17: error: 2021-13-01 is not a date that exists (month must be in 1..12)\n"
     "  hint: write a real date as YYYY-MM-DD, e.g. 2021-03-31\n")),
    ("plan:\n  period_start: April\n",
     ("corrections.yaml:2:17: error: corrections file: `period_start` must be a date, not 'April'\n"
     "  hint: write dates as YYYY-MM-DD, e.g. 2021-03-31\n")),
    ("priority_titles: [line: 3]\n", None),
])
def test_a_hostile_corrections_file_gives_a_located_error(text, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("corrections.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(OTHER_SOURCE), "--out", "plan", "--corrections",
                                       "corrections.yaml"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    if expected:
        assert result.stderr.startswith(expected)
    else:
        assert result.stderr.startswith("corrections.yaml:1:19: error: corrections file: missing required field")
    assert not Path("plan").exists()


def test_corrections_saved_as_latin1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("corrections.yaml").write_bytes("plan:\n  organisation: Conseil de Qu\u00e9bec\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["import", str(OTHER_SOURCE), "--out", "plan", "--corrections",
                                       "corrections.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith("corrections.yaml:2:30: error: corrections.yaml is not UTF-8 text: byte 0xE9")


# --- never over work without --force ---------------------------------------------------------------------

def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* and its bytes (folders included as b'<dir>')."""
    return {str(p.relative_to(folder)): b"<dir>" if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


@pytest.fixture
def existing_plan(tmp_path, monkeypatch) -> Path:
    """A plan folder imported from the other council's document, with a person's notes and corrections in it."""
    monkeypatch.chdir(tmp_path)
    run_import(OTHER_SOURCE, Path("plan"))
    Path("plan/notes.txt").write_text("my notes\n", encoding="utf-8")
    Path("plan/import/corrections.yaml").write_text("plan:\n  organisation: Other Council\n", encoding="utf-8")
    return Path("plan")


def test_an_existing_plan_is_not_replaced_without_force(existing_plan):
    before = _tree(existing_plan)
    result = CliRunner().invoke(main, ["import", str(SOURCE), "--out", "plan"])
    assert result.exit_code == 2
    assert result.stderr == ("plan: error: plan already holds a plan\n"
                             "  hint: add --force to replace it (the files the import writes are replaced; the "
                             "corrections file and any other files are kept), or give --out another folder\n")
    assert _tree(existing_plan) == before


def test_a_folder_of_other_things_is_never_replaced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("documents").mkdir()
    Path("documents/letter.txt").write_text("Dear Sir\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(SOURCE), "--out", "documents", "--force"])
    assert (result.exit_code, result.stderr) == (
        2, ("documents: error: documents is not empty and holds no plan\n"
           "  hint: give --out a new or empty folder, or the plan folder to replace\n"))
    assert _tree(Path("documents")) == {"letter.txt": b"Dear Sir\n"}


def test_the_current_folder_is_never_replaced(existing_plan, monkeypatch):
    monkeypatch.chdir(existing_plan)
    with pytest.raises(PlanImportError, match="is the folder you are working in"):
        run_import(OTHER_SOURCE, Path("."), force=True)


def test_an_empty_folder_or_one_holding_only_corrections_needs_no_force(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    run_import(OTHER_SOURCE, Path("empty"))
    Path("prepared/import").mkdir(parents=True)
    Path("prepared/import/corrections.yaml").write_text("plan:\n  organisation: Prepared Council\n")
    run_import(OTHER_SOURCE, Path("prepared"))
    assert "organisation: Prepared Council" in Path("prepared/plan.yaml").read_text()
    assert Path("prepared/import/corrections.yaml").read_text() == "plan:\n  organisation: Prepared Council\n"


def test_force_replaces_what_the_import_writes_and_keeps_everything_else(existing_plan):
    Path("plan/groups/retired.yaml").write_text("key: retired\n", encoding="utf-8")  # a group the new import lacks
    result = CliRunner().invoke(main, ["import", str(OTHER_SOURCE), "--out", "plan", "--force"])
    assert result.exit_code == 0, result.output
    assert Path("plan/notes.txt").read_text() == "my notes\n"
    assert Path("plan/import/corrections.yaml").read_text() == "plan:\n  organisation: Other Council\n"
    assert "organisation: Other Council" in Path("plan/plan.yaml").read_text()  # the kept corrections applied
    assert not Path("plan/groups/retired.yaml").exists()
    assert model.loader.load_plan(existing_plan).plan.organisation == "Other Council"
    assert [p.name for p in Path(".").iterdir() if p.name.startswith(".")] == []


def _fail_on_call(function, number: int, error: BaseException):
    """*function*, except that its *number*-th call raises *error*."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise error
        return function(*args, **kwargs)
    return wrapper


STAGES = {
    "copying the kept files": (shutil, "copyfile", 1),
    "writing the new files": (model.importer, "write_text", 3),
    "copying the source": (shutil, "copyfile", "last"),
    "moving the old folder aside": (os, "rename", 1),
    "moving the new folder in": (os, "rename", 2),
}


@pytest.mark.parametrize("stage", [*STAGES, "validating the new folder", "interrupted while moving in"])
def test_a_failed_forced_import_leaves_the_folder_exactly_as_it_was(stage, existing_plan, monkeypatch):
    before = _tree(existing_plan)
    if stage == "validating the new folder":
        def refuse(folder):
            raise PlanLoadError("a problem", Location(str(folder)))
        monkeypatch.setattr(model.loader, "load_plan", refuse)
    elif stage == "interrupted while moving in":
        monkeypatch.setattr(os, "rename", _fail_on_call(os.rename, 2, KeyboardInterrupt()))
    else:
        owner, name, number = STAGES[stage]
        if number == "last":  # the kept files are copied first (one call each), then the source
            number = sum(1 for p in existing_plan.rglob("*") if p.is_file()) + 1
        monkeypatch.setattr(owner, name, _fail_on_call(getattr(owner, name), number, OSError(28, "No space left")))
    with pytest.raises((GoldenThreadError, KeyboardInterrupt)):
        run_import(SOURCE, existing_plan, force=True)
    assert _tree(existing_plan) == before
    assert [p.name for p in Path(".").iterdir() if p.name.startswith(".")] == []  # no staging folder left


def test_a_write_failure_is_reported_without_a_traceback(existing_plan, monkeypatch):
    monkeypatch.setattr(os, "rename", _fail_on_call(os.rename, 1, OSError(13, "Permission denied", "plan")))
    result = CliRunner().invoke(main, ["import", str(SOURCE), "--out", "plan", "--force"])
    assert (result.exit_code, result.stderr) == (
        2, ("plan: error: cannot write the plan folder: Permission denied\n"
           "  hint: check that the folder and the one above it can be written to; nothing was changed\n"))


def test_a_text_that_grows_past_the_limit_from_several_lines_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    """Two lines of 30,000 characters make a vision of 60,000: the plan format cannot hold it."""
    monkeypatch.chdir(tmp_path)
    lines = OTHER_SOURCE.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("VISION")) + 1
    Path("export.txt").write_text("\n".join(lines[:at] + ["word " * 6_000] * 2 + lines[at:]), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "export.txt", "--out", "plan"])
    assert result.exit_code == 2
    assert result.stderr == ("export.txt: error: the document holds what a plan cannot: String should have at most "
                             "50000 characters (at text)\n"
                             "  hint: see docs/validation.md for what a plan may hold\n")
    assert not Path("plan").exists()
