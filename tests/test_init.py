"""resilint init scaffolds a repository and never overwrites a file."""

from __future__ import annotations

from pathlib import Path

import yaml

# The day the example programme's dates were written for (assessments, rotations, evidence...).
TEMPLATES_WRITTEN = "2026-11-26"


def test_init_creates_configuration_hooks_and_ci(cli, tmp_path: Path) -> None:
    result = cli("init", "programme")
    assert result.exit_code == 0
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


def test_action_definition_passes_inputs_through_the_environment() -> None:
    action = yaml.safe_load((Path(__file__).parent.parent / "action.yml").read_text())
    run_steps = [s for s in action["runs"]["steps"] if "run" in s]
    assert all("${{" not in step["run"] for step in run_steps)
    assert {"paths", "sarif", "fail-on"} <= set(action["inputs"])
