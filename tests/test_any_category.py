"""An insurance condition met by any one of its control categories ("offline or immutable
backups", ``any_category: true``): one category implemented meets it, and none met is one
finding listing each category's gap, not a finding per category. Through the CLI on real YAML."""

from __future__ import annotations

from one_file import check, doc, repo

POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "conditions:\n"
    "  - id: backups\n"
    "    statement: Backups are kept offline or immutable.\n"
    "    control_categories: [backup_offline, backup_immutable]\n"
    "    any_category: true\n"
    "    scope: [backups]\n",
)


def control(cid: str, category: str, status: str = "implemented") -> str:
    return doc("Control", cid, f"category: {category}\nstatus: {status}\nscope: [backups]\n")


def test_one_category_implemented_meets_the_condition(cli, write) -> None:
    found = check(cli, write, repo(POLICY, control("vault", "backup_immutable")), ["INS-01"])
    assert found == []


def test_none_met_is_one_finding_naming_each_categorys_gap(cli, write) -> None:
    planned = control("tapes", "backup_offline", "planned")
    (finding,) = check(cli, write, repo(POLICY, planned), ["INS-01"])
    message = finding["message"]
    assert "is met by any one of backup_offline or backup_immutable, but none is met" in message
    assert "backup_offline: it needs an implemented backup_offline control" in message
    assert "control tapes is planned" in message


def test_without_it_every_category_is_asked(cli, write) -> None:
    every = POLICY.replace("    any_category: true\n", "")
    found = check(cli, write, repo(every, control("vault", "backup_immutable")), ["INS-01"])
    assert len(found) == 1 and "backup_offline" in found[0]["message"]


def test_the_report_does_not_list_the_category_it_need_not_have(cli, write, tmp_path) -> None:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", repo(POLICY, control("vault", "backup_immutable")))
    target = tmp_path / "report.html"
    run = cli("report", ".", "-o", str(target), "--as-of", "2026-11-26")
    page = target.read_text()
    assert "vault (backup_immutable: implemented)" in page, run.stderr
    assert "no backup_offline control" not in page
