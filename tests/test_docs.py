"""The documentation agrees with the code: commands, fields, RAG values, timescales, error output."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from goldenthread.model import schema
from goldenthread.model.timescale import parse_timescale
from goldenthread.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
YAML_FORMAT = (ROOT / "docs" / "yaml-format.md").read_text(encoding="utf-8")

MAIN_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/goldenthread build"
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest -q"


def section(markdown: str, heading: str) -> str:
    """The text under *heading* (a whole heading line) up to the next heading of the same or higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = markdown.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines))
                if re.match(r"#{1,%d} " % level, lines[i])), len(lines))
    return "\n".join(lines[start:end])


def between_markers(markdown: str, name: str) -> str:
    """The lines between ``<!-- name -->`` and ``<!-- /name -->``, without code fences."""
    block = re.search(rf"<!-- {name} -->\n(.*?)<!-- /{name} -->", markdown, re.S)
    assert block, f"no <!-- {name} --> markers"
    return "\n".join(line for line in block.group(1).splitlines() if not line.startswith("```")).strip()


# --- README ----------------------------------------------------------------------------------------

def test_every_command_in_the_readme_exists():
    named = set(re.findall(r"`goldenthread ([a-z][a-z-]*)", section(README, "## Commands")))
    assert named, "the Commands section names no command"
    assert named <= set(main.commands), f"not in the CLI: {sorted(named - set(main.commands))}"


def test_every_command_of_the_cli_is_in_the_readme():
    named = set(re.findall(r"`goldenthread ([a-z][a-z-]*)", section(README, "## Commands")))
    assert set(main.commands) <= named, f"not in README's Commands: {sorted(set(main.commands) - named)}"


def test_the_readme_commands_are_the_agreed_ones():
    assert between_markers(README, "main-command") == MAIN_COMMAND
    assert between_markers(README, "test-command") == TEST_COMMAND


def test_ci_runs_the_readme_test_command():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    assert "set -euo pipefail" in script.read_text()
    printed = subprocess.run([str(script), "--print-command"], capture_output=True, text=True, check=True)
    assert printed.stdout.strip() == TEST_COMMAND


def test_readme_and_docs_links_point_at_files_that_exist():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if not re.match(r"[a-z]+:", target):
                assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_every_anchor_the_yaml_format_page_links_to_exists():
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).strip().replace(" ", "-")
               for h in re.findall(r"^#+ (.*)$", YAML_FORMAT, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", YAML_FORMAT):
        assert anchor in anchors


# --- docs/yaml-format.md -------------------------------------------------------------------------

def schema_models() -> dict[str, type[BaseModel]]:
    """Every model a YAML file may contain (PlanData is built by the loader, not written)."""
    return {name: model for name, model in vars(schema).items()
            if isinstance(model, type) and issubclass(model, schema.Strict) and model is not schema.Strict}


def documented_fields() -> dict[str, dict[str, bool]]:
    """Model name -> {field: required} from the doc's field tables under headings ending in (`Model`)."""
    documented = {}
    for heading in re.findall(r"^#{2,4} .*\(`\w+`\)$", YAML_FORMAT, re.M):
        name = re.search(r"\(`(\w+)`\)$", heading).group(1)
        rows = re.findall(r"^\| `(\w+)` \| (yes|no) \|", section(YAML_FORMAT, heading), re.M)
        documented[name] = {field: required == "yes" for field, required in rows}
    return documented


def test_every_schema_model_is_documented():
    assert set(documented_fields()) == set(schema_models())


@pytest.mark.parametrize("name", sorted(schema_models()))
def test_documented_fields_match_the_schema(name):
    model = schema_models()[name]
    expected = {field: info.is_required() for field, info in model.model_fields.items()}
    assert documented_fields()[name] == expected


def test_the_documented_rag_values_are_the_schema_s():
    table = section(YAML_FORMAT, "## RAG values")
    assert tuple(re.findall(r"^\| `([^`]+)` \|", table, re.M)) == schema.RAG_VALUES


def test_the_timescale_examples_are_what_parse_timescale_gives():
    table = section(YAML_FORMAT, "## Timescales")
    rows = re.findall(r"^\| `([^`]+)` \| (\w+) \| ([\d-]*) ?\| ([\w-]*) ?\| ([\w ]*?) ?\|$", table, re.M)
    assert len(rows) >= 10
    for raw, kind, due, recurrence, status in rows:
        parsed = parse_timescale(raw)
        assert (parsed["kind"], parsed["due"], parsed["recurrence"], parsed["status"]) == (
            kind, due or None, recurrence or None, status or None), raw


@pytest.mark.parametrize("case", re.findall(r"<!-- example-errors: (\w+) -->", YAML_FORMAT))
def test_the_example_errors_are_real_cli_output(case, broken_plan, bad_case):
    block = re.search(rf"<!-- example-errors: {case} -->\n```text\n(.*?)```", YAML_FORMAT, re.S).group(1)
    command, _, shown = block.partition("\n")
    assert command == "$ goldenthread validate plan_data"
    broken_plan(bad_case(case)["edits"], name="plan_data")
    result = CliRunner().invoke(main, ["validate", "plan_data"])
    assert result.exit_code == 2
    assert result.stderr == shown
