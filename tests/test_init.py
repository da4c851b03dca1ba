"""resilint init scaffolds a repository and never overwrites a file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from offline import offline_env

from resilint import __version__
from resilint.init import VERSION_MARK

# The day the example programme's dates were written for (assessments, rotations, evidence...).
TEMPLATES_WRITTEN = "2026-11-26"


def test_init_creates_configuration_hooks_and_ci(cli, tmp_path: Path) -> None:
    result = cli("init", "programme")
    assert result.exit_code == 0
    # the hook checks nothing until pre-commit installs it
    assert "`pre-commit install` to check each commit" in result.stdout.splitlines()[-1]
    root = tmp_path / "programme"
    for name in (
        "resilint.yaml",
        ".pre-commit-config.yaml",
        ".github/workflows/resilint.yml",
        ".gitlab-ci.yml",
    ):
        assert (root / name).is_file(), name
        yaml.safe_load((root / name).read_text())
    workflow = yaml.safe_load((root / ".github/workflows/resilint.yml").read_text())
    steps = workflow["jobs"]["resilint"]["steps"]
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps
    )
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text())
    assert "codequality" in gitlab["resilint"]["artifacts"]["reports"]
    assert cli("config", cwd=root).exit_code == 0  # the scaffolded configuration is valid


def test_init_example_programme_checks_clean_with_one_document_of_every_kind(
    cli, tmp_path: Path
) -> None:
    assert cli("init", "repo").exit_code == 0
    root = tmp_path / "repo"
    result = cli("check", "--as-of", TEMPLATES_WRITTEN, "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stdout
    findings = result.json()["findings"]
    assert [f for f in findings if not f["suppressed"]] == [], result.stdout
    # The waiver accepts exactly one real finding: the supplier's irreplaceable service has no
    # exit plan yet (and so is not reported as unused by EXC-02).
    assert [(f["code"], f["kind"], f["id"], f["suppression"]["source"]) for f in findings] == [
        ("CON-04", "Supplier", "hearthline", "Waiver waiver-con04-hearthline")
    ]
    assert result.json()["summary"]["suppressed"] == 1

    kinds = {line.split()[0] for line in cli("schema").lines if line.strip()}
    documents = [
        document
        for path in sorted((root / "programme").rglob("*.yaml"))
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8"))
    ]
    assert kinds and kinds <= {document["kind"] for document in documents}
    assert all(document["apiVersion"] == "resilint/v1" for document in documents)
    # The entity switches on NIS2 for its contracts: the clean result covers that profile too.
    (entity,) = (d for d in documents if d["kind"] == "Entity")
    assert entity["regimes"] == ["nis2"]
    # The README tells users the dates go stale and the day they were written for.
    assert TEMPLATES_WRITTEN in (root / "programme" / "README.md").read_text(encoding="utf-8")
    assert not any(
        "yaml-language-server" in path.read_text(encoding="utf-8")
        for path in (root / "programme").rglob("*.yaml")
    )


def test_init_never_overwrites(cli, tmp_path: Path) -> None:
    (tmp_path / "resilint.yaml").write_text("fail_on: never\n")
    result = cli("init")
    assert "kept" in result.stdout and result.exit_code == 0
    assert (tmp_path / "resilint.yaml").read_text() == "fail_on: never\n"


def test_init_writes_what_it_can_and_fails_clearly_on_what_it_cannot(cli, tmp_path: Path) -> None:
    """Regular files where init puts directories (a stray `.github` or `programme` file): each
    file that cannot be written is named with the reason, the rest are written, status 2 (it
    was an internal error, status 4, after writing a part)."""
    (tmp_path / ".github").write_text("")
    (tmp_path / "programme").write_text("")
    result = cli("init")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    failed = [line for line in result.lines if line.startswith("failed ")]
    assert any(
        line.endswith(f"cannot write it: Not a directory: {tmp_path / '.github' / 'workflows'}")
        for line in failed
    ), failed
    assert any(f"Not a directory: {tmp_path / 'programme'}" in line for line in failed), failed
    assert (tmp_path / "resilint.yaml").is_file() and (tmp_path / ".gitlab-ci.yml").is_file()
    assert (tmp_path / ".github").read_text() == "" and (tmp_path / "programme").read_text() == ""


def test_action_definition_passes_inputs_through_the_environment() -> None:
    action = yaml.safe_load((Path(__file__).parent.parent / "action.yml").read_text())
    run_steps = [s for s in action["runs"]["steps"] if "run" in s]
    assert all("${{" not in step["run"] for step in run_steps)
    assert {"paths", "sarif", "fail-on"} <= set(action["inputs"])
    assert all("${{" not in value for step in run_steps for value in step.get("env", {}))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.slow
def test_generated_pre_commit_configuration_runs_offline_in_a_fresh_repository(
    tmp_path: Path,
) -> None:
    """`resilint init`, then the real `pre-commit run --all-files`: nothing is cloned or
    downloaded (the hook is the installed resilint), the example programme passes, and a gap
    planted afterwards is blocked."""
    repo = tmp_path / "programme"
    repo.mkdir()
    _git(repo, "init", "-q")  # git's own default branch, whatever it is called
    _git(repo, "config", "user.email", "risk@example.com")
    _git(repo, "config", "user.name", "Risk Team")
    home = tmp_path / "pre-commit-home"
    env = offline_env(
        tmp_path / "offline",
        PRE_COMMIT_HOME=str(home),
        NO_COLOR="1",
        # the installed resilint, as a user who ran `pip install resilint` has it
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
        )

    assert run("resilint", "init").returncode == 0
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    # The example programme's dates were written for this day; pin it so the test never ages.
    with (repo / "resilint.yaml").open("a", encoding="utf-8") as out:
        out.write(f"as_of: {TEMPLATES_WRITTEN}\n")
    _git(repo, "add", ".")

    passed = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "resilint" in passed.stdout and "Passed" in passed.stdout
    assert not list(home.glob("repo*")), "pre-commit cloned or installed a hook repository"

    contract = repo / "programme" / "contracts" / "example-contract.yaml"
    contract.write_text(
        contract.read_text(encoding="utf-8").replace("supplier: hearthline", "supplier: nobody"),
        encoding="utf-8",
    )
    _git(repo, "add", ".")
    blocked = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "REF-01" in blocked.stdout


def test_generated_files_pin_this_version_of_resilint(cli, tmp_path: Path) -> None:
    assert cli("init").exit_code == 0
    for name in (".pre-commit-config.yaml", ".gitlab-ci.yml", ".github/workflows/resilint.yml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert VERSION_MARK not in text, name
        assert f"resilint=={__version__}" in text, name
    assert f"rev: v{__version__}" in (tmp_path / ".pre-commit-config.yaml").read_text()


def test_generated_workflow_runs_on_pull_requests_and_the_default_branch(
    cli, tmp_path: Path
) -> None:
    assert cli("init").exit_code == 0
    text = (tmp_path / ".github/workflows/resilint.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push"} and not triggers["push"]
    job = workflow["jobs"]["resilint"]
    assert "github.event.repository.default_branch" in job["if"]
    assert workflow["permissions"] == {}
    assert job["permissions"] == {
        "contents": "read",
        "security-events": "write",
        "actions": "read",  # upload-sarif reads the run: refused in a private repository
    }
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert all(re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert "upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e # v4." in text
    (upload,) = (s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert "head.repo.full_name == github.repository" in upload["if"]  # not from forks
    # a private repository without code scanning refuses the upload: the job must not fail on it
    assert upload["continue-on-error"] is True
