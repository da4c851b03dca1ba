"""The package as users install it: a built wheel, its console script, its data files."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from resilint import __version__
from resilint.cli import main
from resilint.resources import data_dir

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
    )
    (built,) = out.glob("resilint-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a directory of its own (dependencies come from this env)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    return target


def run_installed(installed: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "resilint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_wheel_ships_every_schema_and_rule(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for part in ("schemas", "rules"):
        for source in (REPO / part).glob("*.*"):
            assert f"resilint/_data/{part}/{source.name}" in names, source


def test_installed_wheel_writes_the_report(installed: Path, tmp_path: Path) -> None:
    """The report's style and script (resilint/report/*.css, *.js) ship in the wheel."""
    target = tmp_path / "report.html"
    example = REPO / "examples" / "northwind"
    result = run_installed(installed, "report", str(example), "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "@media print" in text and "findings-table" in text


def test_installed_wheel_checks_the_example_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    probe = run_installed(installed, "--version", cwd=tmp_path)
    assert probe.returncode == 0 and __version__ in probe.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import resilint; print(resilint.__file__)"],
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(installed)), "the test must run the wheel, not the source"
    result = run_installed(installed, "check", str(REPO / "examples" / "northwind"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no findings" in result.stdout


def test_console_script_is_declared(installed: Path) -> None:
    entry_points = next(installed.glob("resilint-*.dist-info")) / "entry_points.txt"
    assert "resilint = resilint.launch:run" in entry_points.read_text()


def test_source_checkout_finds_top_level_data() -> None:
    assert (data_dir("schemas") / "supplier.json").is_file()


def test_pre_commit_hook_definition_matches_the_cli() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook, fixer = hooks
    assert hook["id"] == "resilint"
    assert hook["entry"] == "resilint pre-commit"
    for each in (hook, fixer):
        assert each["always_run"] is True  # a deletion alone must still be checked
        assert each["language"] == "python"
        assert "yaml" in each["types_or"]
    assert fixer["id"] == "resilint-fix"
    assert fixer["entry"] == "resilint pre-commit --fix --exit-non-zero-on-fix"
    command = main.get_command(None, "pre-commit")  # type: ignore[arg-type]
    assert command is not None
    options = {name for param in command.params for name in param.opts}
    assert {"--fix", "--exit-non-zero-on-fix"} <= options


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    command = next(
        line.strip()
        for line in readme.splitlines()
        if "pytest" in line and line.strip().startswith("python3 -m venv")
    )
    assert command in ci
