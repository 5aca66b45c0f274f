"""Issue 12, control characters: refused when written as YAML escapes, exactly as raw ones are, and shown
escaped in everything a command prints.

Each test is the attack as it was reported, and the outcome asserted.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.main import main
from goldenthread.cli.output import echo
from goldenthread.model.errors import PlanLoadError, Location
from goldenthread.model.printable import CONTROL, printable, printable_json
from site_fixtures import MINI_PLAN

RAW_CONTROLS = [chr(c) for c in [*range(0, 9), *range(11, 32), 127, *range(128, 160)]]


@pytest.mark.parametrize("escape, shown", [
    (r'"\e]0;pwned\aGREEN"', "U+001B"),      # reported: sets the terminal's title from an error message
    (r'"\0GREEN"', "U+0000"),                # reported: NUL landed in 10 pages and traceability.csv
    (r'"GR\aEEN"', "U+0007"),
    (r'"\x9bGREEN"', "U+009B"),              # C1 CSI: a terminal reads it as ESC [
])
def test_control_characters_written_as_escapes_are_refused(tmp_path, monkeypatch, escape, shown):
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    group = plan / "groups" / "leadership.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("rag: GREEN", f"rag: {escape}"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in (["validate", "plan"], ["check", "plan"], ["build", "plan", "--out", "site"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert f"error: invalid YAML: the character {shown} is not allowed in a YAML file" in result.output
        assert not CONTROL.search(result.output.replace("\n", "")), repr(result.output)
    assert not (tmp_path / "site").exists()


def test_a_carriage_return_in_a_field_name_cannot_fake_an_ok_line(tmp_path, monkeypatch):
    # reported: a \r in an unknown field name could overwrite the error line with a fake `OK:`
    plan = tmp_path / "plan"
    shutil.copytree(MINI_PLAN, plan)
    group = plan / "groups" / "leadership.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace(
        "rag: GREEN\n", 'rag: GREEN\n            "rag\\rOK: plan is valid": x\n'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "plan"])
    assert result.exit_code == 2
    assert "\r" not in result.output
    assert "leadership.yaml:26:13: error: invalid YAML: the character U+000D" in result.output


def test_an_error_message_shows_control_characters_escaped():
    error = PlanLoadError("unknown RAG value '\x1b]0;pwned\x07GREEN'", Location("plan/x.yaml", 3, 4), "fix \r it")
    text = error.format()
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "\\x1b]0;pwned\\x07GREEN" in text


@pytest.mark.parametrize("char", RAW_CONTROLS + ["\u202e", "\u2066"])
def test_every_control_character_is_shown_escaped(char):
    assert not CONTROL.search(printable(f"a{char}b"))
    assert json.loads(printable_json(json.dumps(f"a{char}b", ensure_ascii=False))) == f"a{char}b"


def test_the_one_printing_helper_escapes_text_and_keeps_json_valid(capsys):
    echo("trace: \x1b[2J wiped")
    echo(json.dumps({"text": "a\x9bb\x1bc"}, ensure_ascii=False), json=True)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "trace: \\x1b[2J wiped"
    assert json.loads(out[1]) == {"text": "a\x9bb\x1bc"} and "\x9b" not in out[1]


def test_every_command_prints_through_the_helper():
    """No command module calls click.echo (or print) directly: all go through cli.output.echo."""
    cli = Path(__file__).resolve().parents[1] / "cli"
    for module in cli.glob("*.py"):
        if module.name == "output.py":
            continue
        text = module.read_text(encoding="utf-8")
        assert "click.echo(" not in text and "click.secho(" not in text and "print(" not in text, module.name


HOSTILE_NAME = "plan\x1b]0;pwned\x07\x1b[2J"


@pytest.mark.parametrize("command", [["trace", "--all", "--plan-dir", HOSTILE_NAME],
                                     ["trace", "LP1.main.o-fewer-referrals", "--plan-dir", HOSTILE_NAME],
                                     ["trace", "LP1.main.o-fewer-referrals", "--format", "json", "--plan-dir",
                                      HOSTILE_NAME],
                                     ["stats", HOSTILE_NAME], ["check", HOSTILE_NAME], ["validate", HOSTILE_NAME],
                                     ["diff", HOSTILE_NAME, "plan2"]])
def test_commands_print_no_raw_control_character(tmp_path, monkeypatch, command):
    # reported: `trace --all` wrote raw ESC to the terminal. Plan text can no longer hold one (above);
    # a folder's name still can, and commands print it.
    shutil.copytree(MINI_PLAN, tmp_path / HOSTILE_NAME)
    shutil.copytree(MINI_PLAN, tmp_path / "plan2")
    group = tmp_path / "plan2" / "groups" / "leadership.yaml"
    group.write_text(group.read_text(encoding="utf-8").replace("rag: GREEN", "rag: RED"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, command)
    assert result.exit_code in (0, 1), result.output + result.stderr
    printed = result.output
    assert printed.strip()
    assert "\x1b" not in printed and "\x07" not in printed
    if command[0] == "validate":
        assert "plan\\x1b]0;pwned\\x07" in printed           # the name is shown, escaped


def test_an_error_about_a_hostile_folder_name_is_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", HOSTILE_NAME])
    assert result.exit_code == 2
    assert "plan\\x1b]0;pwned\\x07\\x1b[2J does not exist" in result.stderr
    assert "\x1b" not in result.stderr
