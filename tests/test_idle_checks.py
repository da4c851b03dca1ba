"""A built-in check names the kinds of document its findings start from (``NEEDS`` in
:mod:`resilint.rules.builtin`); with none of them in the repository it is not run at all. Each
entry is held here to what the check finds: run anyway on the examples with those kinds taken
out, it finds nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_example

from resilint.rules.builtin import NEEDS
from resilint.rules.python import PythonRule


def _codes_by_check() -> dict[str, str]:
    codes = {}
    for path in sorted((REPO / "rules").glob("*.yaml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            if "check" in rule:
                codes[rule["check"]] = rule["code"]
    return codes


def _without(root: Path, kinds: tuple[str, ...]) -> None:
    """Every document of ``kinds`` taken out of the repository, by its text: the examples hold
    documents no YAML library would read (a defect planted on purpose)."""
    for path in root.rglob("*.yaml"):
        if path.name == "resilint.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        parts = re.split(r"(?m)^---[ \t]*$", text)
        kept = [p for p in parts if not re.search(rf"(?m)^kind:\s*({'|'.join(kinds)})\s*$", p)]
        if len(kept) != len(parts):
            if any(p.strip() for p in kept):
                path.write_text("---".join(kept), encoding="utf-8")
            else:
                path.unlink()


def _found(cli, root: Path, codes: list[str]) -> set[str]:
    run = cli("check", ".", "--no-cache", "--format", "json", "--select", ",".join(codes), cwd=root)
    assert run.exit_code in (0, 1, 2), run.stderr
    report = json.loads(run.stdout)
    found = {f["code"] for f in [*report["findings"], *report.get("suppressed", [])]}
    return found & set(codes)  # not the checks every run makes (REF-01 on what was taken out)


@pytest.mark.parametrize("example", ["defects", "lindenau-planted"])
def test_each_check_finds_nothing_without_the_kinds_it_needs(
    example: str, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = _codes_by_check()
    groups: dict[tuple[str, ...], list[str]] = {}
    for check, kinds in NEEDS.items():
        groups.setdefault(kinds, []).append(codes[check])
    monkeypatch.setattr(PythonRule, "idle", lambda self, index: False)  # every check runs
    found_with = set()
    for number, (kinds, group) in enumerate(groups.items()):
        whole = copy_example(example, tmp_path / f"whole-{number}")
        found_with |= _found(cli, whole, group)
        trimmed = copy_example(example, tmp_path / f"without-{number}")
        _without(trimmed, kinds)
        assert _found(cli, trimmed, group) == set(), f"{group} without {kinds}"
    # the examples give the checks something to find: the test could fail
    assert len(found_with) >= 8, sorted(found_with)


def test_a_repository_of_suppliers_runs_no_insurance_check(cli, tmp_path: Path) -> None:
    """The same findings whether idle checks are skipped or not (what the examples show), and a
    check whose kinds are absent is reported as run: its rule is listed, its findings none."""
    root = copy_example("defects", tmp_path)
    _without(
        root, ("InsurancePolicy", "EvidencePackage", "Exercise", "Waiver", "Control", "Playbook")
    )
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=root)
    report = json.loads(run.stdout)
    codes = {f["code"] for f in report["findings"]}
    assert not codes & {"INS-01", "INS-04", "INS-05", "INS-06", "INS-07", "EVD-01", "EXR-02"}
    assert {"SUP-01", "CTR-04"} & codes  # the rules of what is there still run
