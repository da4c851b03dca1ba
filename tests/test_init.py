"""resilint init scaffolds a repository and never overwrites a file."""

from __future__ import annotations

from pathlib import Path

import yaml


def test_init_creates_configuration_hooks_and_ci(cli, tmp_path: Path) -> None:
    result = cli("init", "programme")
    assert result.exit_code == 0
    root = tmp_path / "programme"
    for name in ("resilint.yaml", ".pre-commit-config.yaml", ".github/workflows/resilint.yml",
                 ".gitlab-ci.yml"):
        assert (root / name).is_file(), name
        yaml.safe_load((root / name).read_text())
    workflow = yaml.safe_load((root / ".github/workflows/resilint.yml").read_text())
    steps = workflow["jobs"]["resilint"]["steps"]
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif")
               for step in steps)
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text())
    assert "codequality" in gitlab["resilint"]["artifacts"]["reports"]
    assert cli("config", cwd=root).exit_code == 0  # the scaffolded configuration is valid


def test_init_never_overwrites(cli, tmp_path: Path) -> None:
    (tmp_path / "resilint.yaml").write_text("fail_on: never\n")
    result = cli("init")
    assert "kept" in result.stdout and result.exit_code == 0
    assert (tmp_path / "resilint.yaml").read_text() == "fail_on: never\n"


def test_action_definition_passes_inputs_through_the_environment() -> None:
    action = yaml.safe_load((Path(__file__).parent.parent / "action.yml").read_text())
    run_steps = [s for s in action["runs"]["steps"] if "run" in s]
    assert all("${{" not in step["run"] for step in run_steps)
    assert {"paths", "sarif", "fail-on"} <= set(action["inputs"])
