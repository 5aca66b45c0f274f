"""The installed tool: build the sdist and the wheel, install the wheel into a fresh virtual environment
and run the commands from an empty folder, as someone who installs Golden Thread on a server would.

Nothing here reads the checkout through the installed tool: the build works on a clean copy of the
source (so no ``build/`` or ``*.egg-info`` left in the checkout can slip into the wheel), the fresh
environment has no access to the test environment's packages (pip installs the wheel's declared
dependencies, so a missing one fails here), and every command runs from an empty folder with the
checkout neither the working directory nor on ``sys.path``. What the installed commands print is
compared with what the checkout's commands print for the same plan, so the test needs no figures
of the bundled plan written into it.

Slow (about one to three minutes, most of it pip installing the dependencies): marked ``slow``.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.main import main as checkout_main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: What a checkout has beside the package that must not reach the build copy.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "site", "*.egg-info", "__pycache__",
                                    "*.pyc", ".pytest_cache", "tmp", ".hypothesis")
#: The folders that are the package: every file in them ships (code, templates, assets, the bundled plan).
PACKAGE_FOLDERS = ("model", "site_builder", "cli", "plan_data")
PACKAGE_TOP_FILES = ("__init__.py", "__main__.py", "mkdocs.yml")
#: Run by every command's check below; the environment a user's shell would give, without Python overrides.
CLEAN_ENV = {key: value for key, value in os.environ.items()
             if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONSAFEPATH"}}


def package_files(root: Path) -> set[str]:
    """Every file the wheel must hold, as ``goldenthread/...`` names: the package folders whole, and the top files."""
    names = {f"goldenthread/{name}" for name in PACKAGE_TOP_FILES}
    for folder in PACKAGE_FOLDERS:
        for path in (root / folder).rglob("*"):
            parts = path.relative_to(root).parts
            if path.is_file() and "__pycache__" not in parts and not path.name.startswith(".") \
                    and path.suffix != ".pyc":
                names.add("goldenthread/" + "/".join(parts))
    return names


@dataclass
class Installed:
    venv: Path
    sdist: Path
    wheel: Path
    work: Path

    @property
    def command(self) -> Path:
        return self.venv / "bin" / "goldenthread"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, *args: str | Path, cwd: Path, expect: int | None = 0) -> subprocess.CompletedProcess:
        """Run the installed ``goldenthread`` with *args* in *cwd*; fail unless it exits *expect* (None: 0 or 1)."""
        result = subprocess.run([str(self.command), *map(str, args)], cwd=cwd, env=CLEAN_ENV, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode in ((0, 1) if expect is None else (expect,)), (
            f"goldenthread {' '.join(map(str, args))} exited {result.returncode}\n"
            f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}")
        return result

    def python_says(self, code: str, cwd: Path) -> str:
        """What the fresh environment's python prints for *code*, run from *cwd*."""
        result = subprocess.run([str(self.python), "-c", code], cwd=cwd, env=CLEAN_ENV, capture_output=True,
                                text=True, timeout=120, check=True)
        return result.stdout.strip()


def _run(args: list, cwd: Path, timeout: int) -> None:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=CLEAN_ENV, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("installed")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    # python -m build: the sdist from the source, then the wheel from the sdist (each in its own
    # isolated environment with the build-system requirements of pyproject.toml), as a release would.
    _run([sys.executable, "-m", "build", "--outdir", work / "dist", source], cwd=work, timeout=600)
    shutil.rmtree(source)  # nothing can be read from the copy once it is built
    sdist, = (work / "dist").glob("goldenthread-*.tar.gz")
    wheel, = (work / "dist").glob("goldenthread-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=work, timeout=300)
    _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile", "--no-input", wheel],
         cwd=work, timeout=900)
    return Installed(venv=venv, sdist=sdist, wheel=wheel, work=work)


@pytest.fixture
def empty(installed, tmp_path) -> Path:
    """An empty working folder, outside the checkout."""
    folder = tmp_path / "empty"
    folder.mkdir()
    assert not folder.is_relative_to(ROOT)
    return folder


def checkout(*args: str | Path, cwd: Path, expect: int = 0) -> str:
    """What the checkout's command prints for *args*, run in this process from *cwd* on an explicit plan folder."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(checkout_main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == expect, result.output
    return result.stdout


def installed_plan_dir(installed: Installed, cwd: Path) -> Path:
    return Path(installed.python_says("from importlib.resources import files; print(files('goldenthread') / "
                                      "'plan_data')", cwd))


# --- what was built ---------------------------------------------------------------------------------------

def test_the_wheel_holds_the_package_and_nothing_else(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    shipped = {name for name in names if not name.startswith("goldenthread-")}
    expected = package_files(ROOT)
    assert expected - shipped == set(), "files of the package missing from the wheel (package_data in setup.py?)"
    assert shipped - expected == set(), "the wheel holds files that are not part of the package"
    assert not any(name.split("/")[0] not in {"goldenthread"} and not name.startswith("goldenthread-")
                   for name in names), "the wheel installs more than one top-level name"


def test_the_sdist_holds_the_package_and_the_tests(installed):
    with tarfile.open(installed.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for name in package_files(ROOT):
        assert name.removeprefix("goldenthread/") in names
    for name in ("setup.py", "pyproject.toml", "README.md", "tests/test_installed.py", "docs/architecture.md"):
        assert name in names


# --- where it runs from -------------------------------------------------------------------------------------

def test_the_package_is_imported_from_the_environment_not_the_checkout(installed, empty):
    site_packages = installed.python_says("import sysconfig; print(sysconfig.get_paths()['purelib'])", empty)
    for cwd in (empty, ROOT):  # from the checkout's own folder too, where the current folder is on sys.path
        where = Path(installed.python_says("import goldenthread; print(goldenthread.__file__)", cwd))
        assert where.is_relative_to(Path(site_packages)), where
        assert not where.is_relative_to(ROOT)
    paths = json.loads(installed.python_says("import json, sys; print(json.dumps(sys.path))", empty))
    assert not any(path and Path(path).resolve().is_relative_to(ROOT) for path in paths)
    # one import name: nothing called model, site_builder or cli at the top of site-packages
    top = {path.name for path in Path(site_packages).iterdir()}
    assert {"model", "site_builder", "cli", "plan_data"} & top == set()


def test_every_command_has_help_and_python_dash_m_works(installed, empty):
    listed = installed.run("--help", cwd=empty).stdout
    assert all(f"  {name} " in listed for name in checkout_main.commands)
    assert installed.run("import", "--help", cwd=empty).stdout.startswith("Usage: goldenthread import")
    # every command's --help, in one process of the fresh environment (a process each would only be slower)
    helps = json.loads(installed.python_says(
        "import json; from click.testing import CliRunner; from goldenthread.cli.main import main\n"
        "print(json.dumps({name: (r.exit_code, r.output) for name in main.commands\n"
        "                  for r in [CliRunner().invoke(main, [name, '--help'], prog_name='goldenthread')]}))", empty))
    assert set(helps) == set(checkout_main.commands)
    for name, (exit_code, output) in helps.items():
        assert exit_code == 0 and output.startswith(f"Usage: goldenthread {name} "), (name, output)
    version = subprocess.run([str(installed.python), "-m", "goldenthread", "--version"], cwd=empty, env=CLEAN_ENV,
                             capture_output=True, text=True, timeout=120, check=True).stdout
    assert version.strip() == "goldenthread, version " + installed.wheel.name.split("-")[1]


# --- the commands, from an empty folder -------------------------------------------------------------------

def test_validate_stats_export_and_check_read_the_bundled_plan(installed, empty):
    bundled = installed_plan_dir(installed, empty)
    assert bundled.is_relative_to(installed.venv)
    validated = installed.run("validate", cwd=empty).stdout
    assert validated.startswith(f"OK: {bundled}:")
    assert validated == checkout("validate", ROOT / "plan_data", cwd=empty).replace(str(ROOT / "plan_data"), str(bundled))
    # the same plan, the same figures and findings, byte for byte
    assert installed.run("stats", "--format", "json", cwd=empty).stdout == checkout(
        "stats", ROOT / "plan_data", "--format", "json", cwd=empty)
    assert installed.run("export", "--format", "json", cwd=empty).stdout == checkout(
        "export", ROOT / "plan_data", "--format", "json", cwd=empty)
    got_check = installed.run("check", "--format", "json", cwd=empty, expect=None)
    assert got_check.stdout == checkout("check", ROOT / "plan_data", "--format", "json", cwd=empty,
                                        expect=got_check.returncode)
    assert json.loads(got_check.stdout)["findings"], "the bundled plan has findings: check found none"
    assert not list(empty.iterdir()), "the read-only commands wrote files"


def test_trace_and_impact(installed, empty):
    nodes = json.loads(installed.run("export", "--format", "json", cwd=empty).stdout)["nodes"]
    outcomes = [node["id"] for node in nodes if node["kind"] == "outcome"]
    priority = next(node["id"] for node in nodes if node["kind"] == "priority")
    trace = installed.run("trace", outcomes[0], cwd=empty).stdout
    assert trace.startswith(f"Trace of {outcomes[0]} (outcome)")
    assert trace == checkout("trace", outcomes[0], "--plan-dir", ROOT / "plan_data", cwd=empty).replace(
        str(ROOT / "plan_data"), str(installed_plan_dir(installed, empty)))
    matrix = list(csv.reader(io.StringIO(installed.run("trace", "--all", cwd=empty).stdout)))
    assert matrix[0][0] == "outcome_id" and sorted(row[0] for row in matrix[1:]) == sorted(outcomes)
    impact = installed.run("impact", priority, cwd=empty).stdout
    assert impact.startswith(f"Impact of removing or renumbering {priority} (priority)")
    installed.run("trace", "no-such-item", cwd=empty, expect=2)


def test_synth_writes_a_plan_that_validates_and_diffs(installed, empty):
    said = installed.run("synth", "--scale", "1", "--out", "synthetic", cwd=empty).stdout
    assert said.startswith("Wrote a synthetic plan to synthetic/")
    manifest = json.loads((empty / "synthetic" / "synth-manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["outcomes"] > 0
    assert f"{manifest['counts']['outcomes']} outcomes" in installed.run("validate", "synthetic", cwd=empty).stdout
    diff = installed.run("diff", installed_plan_dir(installed, empty), "synthetic", cwd=empty).stdout
    assert " added, " in diff.splitlines()[0]


def test_import_of_the_bundled_source_gives_the_bundled_plan(installed, empty):
    bundled = installed_plan_dir(installed, empty)
    source, = (bundled / "source").glob("*.txt")
    installed.run("import", source, "--out", "imported", "--corrections", bundled / "import" / "corrections.yaml",
                  cwd=empty)
    assert (empty / "imported" / "import" / "report.txt").is_file()
    # the imported plan is the bundled plan: the same graph, and diff finds no change
    assert installed.run("export", "imported", "--format", "json", cwd=empty).stdout == \
        installed.run("export", "--format", "json", cwd=empty).stdout
    assert " 0 added, 0 removed" in installed.run("diff", bundled, "imported", cwd=empty).stdout


def test_pages_and_build_make_the_site(installed, empty, tmp_path):
    installed.run("pages", "--out", "pages", cwd=empty)
    theme = json.loads((empty / "pages" / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["custom_dir"]
    assert Path(theme).is_relative_to(installed.venv) and Path(theme).is_dir()
    # the same pages as the checkout writes for the same plan
    checkout("pages", ROOT / "plan_data", "--out", tmp_path / "reference", cwd=tmp_path)
    pages = sorted(p.relative_to(empty / "pages" / "docs").as_posix() for p in (empty / "pages" / "docs").rglob("*.md"))
    reference = sorted(p.relative_to(tmp_path / "reference" / "docs").as_posix()
                       for p in (tmp_path / "reference" / "docs").rglob("*.md"))
    assert pages == reference and pages

    said = installed.run("build", cwd=empty).stdout
    assert said.startswith("Built site/ from ")
    site = empty / "site"
    for page in pages:  # every generated page was built into the site
        assert (site / page).with_suffix(".html").is_file(), page
    for asset in ("index.html", "assets/goldenthread.css", "assets/favicon.svg", "search/search_index.json"):
        assert (site / asset).is_file(), asset
    assert list((site / "assets" / "vendor").rglob("*.js")), "the network views' script is not in the site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert str(ROOT) not in index and str(installed.venv) not in index
