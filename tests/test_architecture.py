"""The code keeps the architecture that docs/architecture.md describes.

The rules are read from the table between ``<!-- import-rules -->`` markers in
docs/architecture.md: which Golden Thread packages and which libraries each
package may import. Every module's imports are parsed (with :mod:`ast`, the
imports inside functions included) and checked against its row, and the
module graph must have no cycle. So the page and the code cannot drift: a new
import against the rules fails here, and so does a change of the rules that
the page does not show. The checker itself is tested on small fake packages
written to a temporary folder, to show that it does fail.
"""
from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
TOP = "goldenthread"
#: The folders of the repository that are code of the package; the top folder's own modules belong to it too.
CODE_FOLDERS = ("model", "site_builder", "cli")
#: Names that are only importable by accident (a checkout's folder on sys.path), never by a user of the package.
BARE_NAMES = set(CODE_FOLDERS) | {"plan_data"}


@dataclass(frozen=True)
class Rule:
    package: str                 # "model.analysis", or "goldenthread" for the top folder's own modules
    may_import: frozenset[str]   # rows of the table
    libraries: frozenset[str]    # top-level names of libraries beyond the standard library


@dataclass(frozen=True)
class Import:
    file: str      # relative to the scanned root, for messages
    line: int
    module: str    # the importing module, e.g. "goldenthread.model.graph"
    target: str    # what it imports, absolute, e.g. "goldenthread.model.schema" or "networkx"


def read_rules(markdown: str) -> dict[str, Rule]:
    """The rows of the import-rules table of *markdown*, by package."""
    block = re.search(r"<!-- import-rules -->\n(.*?)<!-- /import-rules -->", markdown, re.S)
    assert block, "docs/architecture.md has no <!-- import-rules --> table"
    rules = {}
    for line in block.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] == "Package" or set(cells[0]) <= {"-"}:
            continue
        package, = re.findall(r"`([\w.]+)`", cells[0])
        rules[package] = Rule(package, frozenset(re.findall(r"`([\w.]+)`", cells[2])),
                              frozenset(re.findall(r"`([\w.]+)`", cells[3])))
    return rules


def module_files(root: Path) -> dict[str, Path]:
    """Every module of the package under *root*, by its dotted name (``goldenthread.model.graph``)."""
    files = [root / "__init__.py", root / "__main__.py"]
    for folder in CODE_FOLDERS:
        files += sorted((root / folder).rglob("*.py"))
    modules = {}
    for path in files:
        if not path.exists() or "__pycache__" in path.parts:
            continue
        parts = [TOP, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imports_of(module: str, path: Path, root: Path, known: set[str]) -> list[Import]:
    """Every import in the file *path* of *module*, resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module
            # "from package import module" imports the module; "from module import name", the module
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found += [Import(path.relative_to(root).as_posix(), node.lineno, module, target) for target in targets]
    return found


def row_of(module: str, rules: dict[str, Rule]) -> str | None:
    """The row of *module*: the longest package of the table that holds it (None: no row)."""
    relative = module.removeprefix(TOP).removeprefix(".")
    rows = [row for row in rules if row != TOP and (relative == row or relative.startswith(row + "."))]
    if rows:
        return max(rows, key=len)
    if "." not in relative and TOP in rules:
        return TOP  # goldenthread itself, goldenthread.__main__
    return None


def is_standard_library(name: str) -> bool:
    return name in sys.stdlib_module_names or name == "__future__"


def violations(root: Path, rules: dict[str, Rule]) -> list[str]:
    """Every import under *root* against *rules*, and every module with no row, as messages."""
    modules = module_files(root)
    problems = []
    for module, path in modules.items():
        row = row_of(module, rules)
        if row is None:
            problems.append(f"{path.relative_to(root)}: {module} belongs to no row of the import-rules table")
            continue
        for imp in imports_of(module, path, root, set(modules)):
            top = imp.target.split(".")[0]
            where = f"{imp.file}:{imp.line}: {module} imports {imp.target}"
            if module == TOP and top == TOP:
                problems.append(f"{where}: every package may import {TOP} itself, so it imports nothing of ours")
                continue
            if imp.target == TOP:
                continue  # the top package itself (its __version__); it imports nothing of ours
            if top == TOP:
                target_row = row_of(imp.target, rules)
                if target_row not in rules[row].may_import:
                    problems.append(f"{where} (package {target_row}), which the row of {row} does not allow")
            elif top in BARE_NAMES:
                problems.append(f"{where} by a bare name: import it as {TOP}.{imp.target}")
            elif not is_standard_library(top) and top not in rules[row].libraries:
                problems.append(f"{where}, a library the row of {row} does not list")
    return problems


def import_cycles(root: Path) -> list[list[str]]:
    """The groups of modules under *root* that import each other in a cycle (imports inside functions too)."""
    modules = module_files(root)
    graph = nx.DiGraph()
    for module, path in modules.items():
        graph.add_node(module)
        for imp in imports_of(module, path, root, set(modules)):
            if imp.target in modules and imp.target != module:
                graph.add_edge(module, imp.target)
    return sorted(sorted(group) for group in nx.strongly_connected_components(graph) if len(group) > 1)


RULES = read_rules(DOC.read_text(encoding="utf-8"))


# --- the code against the page ----------------------------------------------------------------------

def test_the_table_names_every_package_and_only_real_ones():
    assert TOP in RULES and "model" in RULES and "cli" in RULES
    for row in RULES:
        if row != TOP:
            assert (ROOT / row.replace(".", "/") / "__init__.py").is_file(), f"row {row} is not a package"
        assert RULES[row].may_import <= set(RULES), f"row {row} allows packages that have no row"
    packages = {path.parent.relative_to(ROOT).as_posix().replace("/", ".")
                for folder in CODE_FOLDERS for path in (ROOT / folder).rglob("__init__.py")}
    assert {p for p in packages if row_of(f"{TOP}.{p}", RULES) in (None, TOP)} == set()


def test_no_module_imports_against_the_rules():
    problems = violations(ROOT, RULES)
    assert not problems, ("imports against docs/architecture.md (change the code, or the table if the rule "
                          "should change):\n" + "\n".join(problems))


def test_no_import_cycles():
    assert import_cycles(ROOT) == []


def test_the_table_keeps_the_layering_the_page_states():
    """The prose rules of the page hold in its table: a careless edit of a row cannot loosen them."""
    for row, rule in RULES.items():
        if row.startswith("model"):
            assert not {p for p in rule.may_import if not p.startswith("model")}, row
            assert not rule.libraries & {"jinja2", "markupsafe", "pyvis", "mkdocs", "material", "click"}, row
        if row.startswith("site_builder"):
            assert "cli" not in rule.may_import and "click" not in rule.libraries, row
        if row not in (TOP, "cli"):
            assert "cli" not in rule.may_import, row
        if row != "site_builder.network":
            assert "pyvis" not in rule.libraries, row
        if row != "cli":
            assert "click" not in rule.libraries, row


def test_benchmarks_use_the_installed_package_not_the_tests():
    test_modules = {path.stem for path in (ROOT / "tests").rglob("*.py")}
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "path" and getattr(node.value, "id", "") == "sys":
                pytest.fail(f"{path.name}:{node.lineno} changes or reads sys.path")
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                assert top not in test_modules, f"{path.name}:{node.lineno} imports {name} from tests/"
                assert top not in BARE_NAMES, f"{path.name}:{node.lineno} imports {name} by a bare name"


# --- the checker fails when it should --------------------------------------------------------------

def fake_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"__init__.py": "", "model/__init__.py": "", "site_builder/__init__.py": "",
                       "site_builder/views/__init__.py": "", "cli/__init__.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


FAKE_RULES = read_rules("""<!-- import-rules -->
| Package | What it holds | May import (Golden Thread) | May import (libraries) |
|---|---|---|---|
| `goldenthread` | top | `cli` | |
| `model` | model | `model` | `networkx` |
| `site_builder` | site | `model`, `site_builder`, `site_builder.views` | `jinja2` |
| `site_builder.views` | views | `model`, `site_builder`, `site_builder.views` | |
| `cli` | commands | `model`, `site_builder`, `cli` | `click` |
<!-- /import-rules -->
""")


def test_the_checker_passes_imports_the_rules_allow(tmp_path):
    root = fake_package(tmp_path, {
        "model/graph.py": "import json\nimport networkx as nx\nfrom goldenthread.model import schema\n",
        "model/schema.py": "from __future__ import annotations\n",
        "site_builder/views/home.py": "from goldenthread.model.graph import build\nfrom . import other\n",
        "site_builder/views/other.py": "",
        "cli/main.py": "import click\n\ndef run():\n    from goldenthread.site_builder import build\n",
        "site_builder/build.py": "from goldenthread.site_builder.views import home\n",
    })
    assert violations(root, FAKE_RULES) == []
    assert import_cycles(root) == []


@pytest.mark.parametrize("name, text, expected", [
    ("model/graph.py", "from goldenthread.site_builder import build\n", "(package site_builder)"),
    ("model/graph.py", "def f():\n    import goldenthread.cli.main\n", "(package cli)"),
    ("model/graph.py", "import jinja2\n", "imports jinja2, a library the row of model does not list"),
    ("model/graph.py", "from markupsafe import Markup\n", "imports markupsafe, a library"),
    ("site_builder/views/home.py", "from goldenthread.cli import main\n", "the row of site_builder.views"),
    ("site_builder/views/home.py", "from ...cli import main\n", "imports goldenthread.cli.main"),
    ("site_builder/build.py", "import click\n", "imports click, a library the row of site_builder"),
    ("site_builder/build.py", "from model.graph import build\n", "by a bare name"),
    ("__init__.py", "from goldenthread.cli import main\n", "so it imports nothing of ours"),
    ("model/graph.py", "import goldenthread\n", None),  # the top package itself: its version, anywhere
    ("plugins/extra.py", "", None),  # not a code folder: not scanned, so no complaint
])
def test_the_checker_finds_an_import_against_the_rules(tmp_path, name, text, expected):
    root = fake_package(tmp_path, {"cli/main.py": "", name: text})
    found = violations(root, FAKE_RULES)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0], found
        assert found[0].startswith(name + ":")


def test_the_checker_finds_a_module_with_no_row(tmp_path):
    rules = {row: rule for row, rule in FAKE_RULES.items() if row != "site_builder.views"}
    root = fake_package(tmp_path, {"site_builder/views/home.py": ""})
    assert violations(root, rules) == []  # site_builder's row holds the views when they have none of their own
    del rules["site_builder"]
    assert any("belongs to no row" in problem for problem in violations(root, rules))


def test_the_checker_finds_a_cycle(tmp_path):
    root = fake_package(tmp_path, {
        "model/a.py": "from goldenthread.model import b\n",
        "model/b.py": "def later():\n    from goldenthread.model.c import x\n",
        "model/c.py": "import goldenthread.model.a\n",
    })
    assert import_cycles(root) == [["goldenthread.model.a", "goldenthread.model.b", "goldenthread.model.c"]]
