"""The GitHub Action (action.yml), the repository's workflows and the workflow `resilint init`
writes: inputs and outputs, pinned actions, least permissions, and the action's scripts run for
real with bash, as the runner runs them."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO
from packaging.requirements import Requirement

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
TEMPLATE = REPO / "resilint" / "templates" / "init" / ".github" / "workflows" / "resilint.yml"
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w./-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*$")


def _step(step_id: str) -> dict[str, object]:
    (step,) = (s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)
    return step


def test_action_inputs_and_outputs() -> None:
    wanted = {"paths", "config", "baseline", "as-of", "format", "fail-on", "extra-args", "version"}
    assert wanted <= set(ACTION["inputs"])
    assert {"findings", "errors", "sarif"} <= set(ACTION["outputs"])
    assert all(spec.get("description") for spec in ACTION["inputs"].values())
    assert all(spec.get("description") for spec in ACTION["outputs"].values())


@pytest.mark.parametrize("path", [REPO / "action.yml", TEMPLATE, *WORKFLOWS], ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha(path: Path) -> None:
    """`uses: owner/repo@<40 hex> # vX.Y.Z`: a tag can be moved, a commit cannot."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*(- )?uses: ", line) and "uses: ./" not in line:
            assert PINNED.match(line), line


@pytest.mark.parametrize("path", [TEMPLATE, *WORKFLOWS], ids=lambda p: p.name)
def test_workflows_grant_nothing_by_default(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        granted = job.get("permissions", {})
        assert set(granted.values()) <= {"read", "write"}
        assert granted.get("contents", "read") == "read"


def test_a_refused_sarif_upload_does_not_fail_the_action() -> None:
    """A private repository without code scanning (GitHub Code Security) refuses the upload:
    the check's verdict, not the upload's, is the step's."""
    (upload,) = (s for s in ACTION["runs"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["continue-on-error"] is True


def test_release_workflow_publishes_with_trusted_publishing() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert any("pypa/gh-action-pypi-publish@" in s.get("uses", "") for s in publish["steps"])
    assert not any("password" in s.get("with", {}) for s in publish["steps"])  # no token


def test_constraints_pin_every_runtime_dependency_within_pyproject_ranges() -> None:
    """The action installs its release with .github/action-constraints.txt: every package
    resilint needs at run time is pinned there, to a version its requirements accept."""
    pins = {}
    for line in (REPO / ".github" / "action-constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_canonical(name)] = version.strip()
    needed, todo = set(), ["resilint"]
    while todo:
        requirements = importlib.metadata.requires(todo.pop()) or []
        for requirement in map(Requirement, requirements):
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = _canonical(requirement.name)
            assert name in pins, f"{name} is not pinned in .github/action-constraints.txt"
            assert requirement.specifier.contains(pins[name], prereleases=True), requirement
            if name not in needed:
                needed.add(name)
                todo.append(name)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _run_step(step_id: str, tmp_path: Path, **inputs: str) -> tuple[int, dict[str, str], str]:
    """Run one of the action's bash steps as the runner does, with its inputs in the environment."""
    step = _step(step_id)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    outputs, summary = tmp_path / "outputs", tmp_path / "summary.md"
    env.update(
        GITHUB_OUTPUT=str(outputs),
        GITHUB_STEP_SUMMARY=str(summary),
        RUNNER_TEMP=str(tmp_path),
        GITHUB_ACTION_PATH=str(REPO),
        NO_COLOR="1",
    )
    for name, value in step["env"].items():
        match = re.fullmatch(r"\$\{\{ (inputs|steps)\.([\w.-]+) \}\}", value)
        assert match, value
        key = match.group(2) if match.group(1) == "inputs" else "python"
        default = str(ACTION["inputs"].get(key, {}).get("default", ""))
        env[name] = inputs.get(key, default if match.group(1) == "inputs" else sys.executable)
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    written = outputs.read_text() if outputs.exists() else ""
    values = dict(line.split("=", 1) for line in written.splitlines() if "=" in line)
    return done.returncode, values, done.stdout + done.stderr


def test_action_run_step_reports_a_clean_programme(tmp_path: Path) -> None:
    programme = tmp_path / "northwind"
    shutil.copytree(EXAMPLES / "northwind", programme, ignore=shutil.ignore_patterns(".resilint_*"))
    status, outputs, log = _run_step(
        "run", tmp_path, paths=str(programme), **{"as-of": "2026-11-26"}
    )
    assert status == 0, log
    assert not (programme / ".resilint_cache").exists()  # no cache written into the checkout
    assert outputs["findings"] == "0" and outputs["errors"] == "0", outputs
    assert outputs["exit-code"] == "0"
    assert json.loads((tmp_path / outputs["sarif"]).read_text())["version"] == "2.1.0"
    assert "no findings" in (tmp_path / "summary.md").read_text()


def test_action_run_step_reports_findings_as_annotations_and_outputs(tmp_path: Path) -> None:
    status, outputs, log = _run_step(
        "run",
        tmp_path,
        paths=f"{EXAMPLES / 'defects' / 'programme'}",
        config=str(EXAMPLES / "defects" / "resilint.yaml"),
        **{"fail-on": "error"},
    )
    assert status == 1, log
    assert int(outputs["findings"]) > 0 and int(outputs["errors"]) > 0, outputs
    assert outputs["exit-code"] == "1"
    assert "::error file=" in log  # annotations: what a pull request from a fork still gets
    assert (tmp_path / "resilint.sarif").is_file()
    assert "|" in (tmp_path / "summary.md").read_text()  # the step summary's table


def test_action_refuses_a_version_that_is_not_a_version_number(tmp_path: Path) -> None:
    status, _, log = _run_step("install", tmp_path, version="--index-url=http://evil.example")
    assert status == 2, log
    assert "must be a version number" in log


def _zizmor() -> str:
    found = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if found is None:
        pytest.skip("zizmor is not installed (pip install -e '.[dev]')")
    return found


@pytest.mark.slow
def test_zizmor_reports_nothing_on_the_action_and_the_generated_workflow(
    cli, tmp_path: Path
) -> None:
    assert cli("init").exit_code == 0
    generated = tmp_path / ".github" / "workflows" / "resilint.yml"
    result = subprocess.run(
        [_zizmor(), "--offline", "--format", "json", str(REPO / "action.yml"), str(generated)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    findings = json.loads(result.stdout)
    assert findings == [], result.stdout
    assert result.returncode == 0, result.stderr


# `python -m X` and `python -c` put the current directory, the pull request's checkout, first
# on the module path: its click.py, json.py, venv/, pip/ or resilint/ would be imported and run
# in the gate, which could then pass whatever the YAML says.
PYTHON_STARTED = re.compile(r'(?:\bpython|"\$\w*PYTHON"|"\$python")((?:\s+-\w+)*)\s+-[mc]\s', re.I)
PLANTED = 'open({marker!r}, "a").write("{name} ran\\n")\n'


def _plant(checkout: Path, marker: Path) -> None:
    for name in ("click", "yaml", "json", "marshal", "jsonschema_rs"):
        (checkout / f"{name}.py").write_text(PLANTED.format(marker=str(marker), name=name))
    for package in ("pip", "venv", "resilint"):
        (checkout / package).mkdir()
        for part in ("__init__", "__main__"):
            text = PLANTED.format(marker=str(marker), name=f"{package}/{part}")
            (checkout / package / f"{part}.py").write_text(text)


def test_action_runs_no_python_of_the_checkout(tmp_path: Path) -> None:
    marker = tmp_path.parent / f"{tmp_path.name}-planted-code-ran"
    _plant(tmp_path, marker)
    programme = tmp_path / "northwind"
    shutil.copytree(EXAMPLES / "northwind", programme, ignore=shutil.ignore_patterns(".resilint_*"))
    status, outputs, log = _run_step(
        "run", tmp_path, paths=str(programme), **{"as-of": "2026-11-26"}
    )
    assert not marker.exists(), marker.read_text()
    assert status == 0, log
    assert outputs["findings"] == "0" and outputs["exit-code"] == "0", outputs


def test_every_python_the_action_and_the_workflow_start_in_the_checkout_is_isolated() -> None:
    """The install steps cannot run here (they download); each `python -m`/`-c` they start in
    the checkout must take -I, which leaves the current directory off the module path."""
    scripts = [str(step["run"]) for step in ACTION["runs"]["steps"] if "run" in step]
    template = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    scripts += [
        str(s["run"]) for job in template["jobs"].values() for s in job["steps"] if "run" in s
    ]
    started = [
        match.group(1).split() for script in scripts for match in PYTHON_STARTED.finditer(script)
    ]
    assert len(started) == 5, started  # venv, pip, resilint, the summary, the workflow's pip
    assert all("-I" in flags for flags in started), started
