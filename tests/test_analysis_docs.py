"""The planner and auditor pages agree with the code: the codes table, and every example's output.

Every ```` ```console ```` block in ``docs/planners/`` and ``docs/auditors/`` is run: its ``$ ``
lines are run one after the other by bash, in a fresh folder per page holding a copy of the bundled
plan as ``plan_data/`` (a page's blocks run in order, in the same folder), with the project's
``goldenthread`` on the PATH; the lines under each command are
its expected output (standard output and error), compared exactly. After a deliberate change,
``GOLDENTHREAD_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_analysis_docs.py`` rewrites the outputs
in the pages; read the diff before committing.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goldenthread.model.analysis import CODES
from goldenthread.model.analysis.fixes import FIXES
from goldenthread.cli.paths import BUNDLED_PLAN_DIR

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*(ROOT / "docs" / "planners").glob("*.md"), *(ROOT / "docs" / "auditors").glob("*.md")])
UPDATE = os.environ.get("GOLDENTHREAD_UPDATE_GOLDEN") == "1"
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.M | re.S)
MARK = "@@goldenthread-docs-{}@@"


def examples(block: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` pairs of one console block."""
    pairs: list[list[str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append([line[2:], ""])
        else:
            assert pairs, f"output before any command: {line!r}"
            pairs[-1][1] += line + "\n"
    return [(command, output) for command, output in pairs]


def run_block(commands: list[str], workdir: Path) -> list[str]:
    """Run *commands* in one bash session; the output of each (stdout and stderr)."""
    script = ["set +e", "__status=0"]
    for n, command in enumerate(commands):
        script += [f"echo '{MARK.format(n)}'", "(exit $__status)", f"{{ {command} ; }} 2>&1", "__status=$?"]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "COLUMNS": "120"}
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=workdir, env=env, capture_output=True,
                            text=True, timeout=300)
    parts = re.split(r"^@@goldenthread-docs-\d+@@\n", result.stdout, flags=re.M)
    assert len(parts) == len(commands) + 1, result.stderr
    return parts[1:]


def tidy(output: str) -> str:
    return "\n".join(line.rstrip() for line in output.splitlines()) + ("\n" if output.strip() else "")


@pytest.mark.skipif(not (BUNDLED_PLAN_DIR / "plan.yaml").is_file(), reason="no bundled plan")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_console_examples_show_real_output(page: Path, tmp_path: Path):
    text = page.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks, f"{page.name} shows no example"
    new_text, cursor, mismatches = [], 0, []
    shutil.copytree(BUNDLED_PLAN_DIR, tmp_path / "plan_data")
    for match in BLOCK.finditer(text):
        workdir = tmp_path
        pairs = examples(match.group(1))
        outputs = run_block([c for c, _ in pairs], workdir)
        for (command, expected), actual in zip(pairs, outputs):
            if tidy(actual) != expected:
                mismatches.append(command)
        rebuilt = "".join(f"$ {c}\n{tidy(o)}" for (c, _), o in zip(pairs, outputs))
        new_text.append(text[cursor:match.start()] + f"```console\n{rebuilt}```\n")
        cursor = match.end()
    new_text.append(text[cursor:])
    if UPDATE:
        page.write_text("".join(new_text), encoding="utf-8")
        pytest.skip(f"rewrote the examples of {page.name}")
    assert not mismatches, f"{page.name}: the output of {mismatches} differs from the page"


def test_the_table_of_codes_is_the_registry():
    table = (ROOT / "docs" / "planners" / "check.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- codes -->\n(.*?)<!-- /codes -->", table, re.S).group(1)
    documented = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z-]+)` \| (\w+) \|", table, re.M)}
    assert documented == {code: severity for code, (severity, _) in CODES.items()}
    for code, (_, meaning) in CODES.items():
        assert meaning.rstrip(".") in table, f"{code}: the table does not give the registry's meaning"
    rows = {m.group(1): (m.group(2), m.group(3)) for m in
            re.finditer(r"^\| `([a-z-]+)` \| \w+ \| ([^|]+) \| [^|]+ \| ([^|]+) \|$", table, re.M)}
    assert rows == {code: (fix.name, fix.fix) for code, fix in FIXES.items()}, \
        "the table's names and fixes differ from model/analysis/fixes.py"


def test_links_between_the_pages_point_at_files_that_exist():
    for page in PAGES:
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().is_file(), f"{page.name} links to missing {target}"
