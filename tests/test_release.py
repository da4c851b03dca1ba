"""Release-ready: the distributions build and pass `twine check`, the version lives in one place,
and the changelog has a section per release in the form the release workflow checks."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from resilint import __version__

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build`, without isolation: the backend comes from the test extra, so nothing
    is downloaded."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_build_gives_an_sdist_and_a_wheel_that_twine_accepts(dist: Path) -> None:
    names = sorted(p.name for p in dist.iterdir())
    assert names == [f"resilint-{__version__}-py3-none-any.whl", f"resilint-{__version__}.tar.gz"]
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_distributions_ship_the_templates_schemas_and_rules(dist: Path) -> None:
    wheel = set(zipfile.ZipFile(dist / f"resilint-{__version__}-py3-none-any.whl").namelist())
    for name in (
        "resilint/templates/init/.pre-commit-config.yaml",
        "resilint/templates/init/.github/workflows/resilint.yml",
        "resilint/_data/schemas/config.json",
        "resilint/_data/rules/contracts.yaml",
    ):
        assert name in wheel, name
    with tarfile.open(dist / f"resilint-{__version__}.tar.gz") as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    assert {"CHANGELOG.md", "README.md", "pyproject.toml", "schemas/contract.json"} <= members


def test_the_version_is_written_in_one_place() -> None:
    """resilint/__init__.py holds it; hatch reads it from there, `resilint init` writes it into
    the templates, and the README's examples show the same one."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "resilint/__init__.py"' in pyproject
    templates = REPO / "resilint" / "templates" / "init"
    for path in templates.rglob("*"):
        if path.is_file() and "programme" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"resilint==\d|rev: v\d", text), path  # the marker instead
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"(?:resilint==|rev: v|# v)(\d+\.\d+\.\d+)\b", readme))
    mentions = set(re.findall(r"resilint(?:==| )v?(\d+\.\d+\.\d+)", readme))
    assert (shown | mentions) - {__version__} <= _action_versions(), shown | mentions


def _action_versions() -> set[str]:
    """Releases of the actions the README pins (actions/checkout v5.1.0 ...), not resilint's."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"actions/\S+@[0-9a-f]{40} # v(\d+\.\d+\.\d+)", readme))


def test_changelog_has_a_section_per_release() -> None:
    """`## [Unreleased]` first, then `## [X.Y.Z] - YYYY-MM-DD` per release, newest first; the
    release workflow refuses a tag without its section."""
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.*)$", changelog, re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    releases = [re.fullmatch(r"\[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}", h) for h in headings[1:]]
    assert all(releases), headings
    versions = [tuple(map(int, m.group(1).split("."))) for m in releases if m]
    assert versions == sorted(versions, reverse=True)
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    checks = " ".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "CHANGELOG.md" in checks and "resilint/__init__.py" in checks
