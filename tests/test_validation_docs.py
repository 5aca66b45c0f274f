"""docs/validation.md agrees with the code: every error the tests provoke is documented, every documented
error exists, and the limits are the code's."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from goldenthread.model import limits

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
CORPUS = sorted((ROOT / "tests" / "fixtures" / "bad").glob("*.yaml"))
IMPORT_TESTS = (ROOT / "tests" / "test_import_errors.py").read_text(encoding="utf-8")


def documented_messages() -> list[str]:
    """The message column of the page's error tables, `…` standing for any text."""
    messages = []
    for cell in re.findall(r"^\| (`.+?`) \| ", PAGE, re.MULTILINE):
        for message in cell.split(" / "):
            messages.append(message[3:-3] if message.startswith("`` ") else message[1:-1])
    return messages


def pattern(message: str, anything: str = ".+?") -> re.Pattern:
    """*message* as a regular expression, `…` matching *anything*."""
    return re.compile(anything.join(re.escape(part) for part in message.split("…")))


def is_documented(title: str) -> bool:
    return any(pattern(message).fullmatch(title) for message in documented_messages())


def corpus_titles() -> list[tuple[str, str]]:
    """(case, title) of every error, details included, that the plan folder scenarios expect."""
    return [(case.stem, title) for case in CORPUS
            for title in re.findall(r"error: (.*)", YAML(typ="safe").load(case.read_text(encoding="utf-8"))["expected"])]


def test_the_page_documents_many_messages():
    assert len(documented_messages()) >= 60


@pytest.mark.parametrize("case, title", corpus_titles())
def test_every_error_of_the_plan_folder_scenarios_is_documented(case, title):
    assert is_documented(title), f"{case}: {title!r} is not in docs/validation.md"


@pytest.mark.parametrize("title", sorted(set(re.findall(r'error: ([^"]+?)\\n', IMPORT_TESTS))))
def test_every_error_of_the_importer_tests_is_documented(title):
    assert is_documented(title), f"{title!r} is not in docs/validation.md"


def code_texts() -> set[str]:
    """Every string of model/, f-strings with `…` for what they fill in (the messages' templates)."""
    texts = set()
    for path in sorted((ROOT / "model").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                texts.add("".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.add(node.value)
    return texts


CODE_TEXTS = code_texts()


@pytest.mark.parametrize("message", documented_messages())
def test_every_documented_message_is_one_the_code_gives(message):
    """Each documented message fits a message template of the code (`…` in either standing for any text)."""
    templates = [text for text in CODE_TEXTS if len(re.sub(r"[…\s]", "", text)) >= 3]
    assert any(pattern(text, ".*?").fullmatch(message) for text in templates), f"{message!r} is not a message of model/"


def test_the_limits_are_the_code_s():
    rows = re.findall(r"^\| .* \(`(\w+)`\) \| ([\d,]+) ", PAGE, re.MULTILINE)
    assert {name: int(value.replace(",", "")) for name, value in rows} == {
        name: value for name, value in vars(limits).items() if name.startswith("MAX_")}


def test_the_page_is_linked_from_the_index_and_the_yaml_format_page():
    for page in ("index.md", "yaml-format.md"):
        assert "](validation.md)" in (ROOT / "docs" / page).read_text(encoding="utf-8"), page
