"""A configuration whose critical_levels count a criticality otherwise than its name says (only
critical functions, so an important one is not critical or important; or standard ones too):
the checks, the register (B_06.01.0050) and the impact analysis's clocks judge the function so,
and where `resilint impact` and the posture report show its recorded criticality they also say
how it is counted, so that "important" beside "stops no critical or important function" is not
read as a contradiction (through the CLI)."""

from __future__ import annotations

from pathlib import Path

from one_file import DORA_BANK, doc, register_rows, repo

PROGRAMME = repo(
    DORA_BANK,
    doc(
        "BusinessFunction",
        "onboarding",
        "name: Customer onboarding\nentities: [eu-bank]\ncriticality: important\n"
        "rto_hours: 24\nmtpd_hours: 72\ndepends_on: {suppliers: [kycco]}\n",
    ),
    doc(
        "Supplier",
        "kycco",
        "name: KYC Co\ntier: 2\nprovides_ict_services: true\nstatus: active\n"
        "services:\n  - {name: kyc-check, ict_service_type: S03}\n",
    ),
    doc(
        "Contract",
        "ctr-kyc",
        "supplier: kycco\nentities: [eu-bank]\nstatus: active\nstart_date: 2025-01-01\n"
        "covers_ict_services: true\n",
    ),
)
NOT_COUNTED = (
    "important (not counted as critical or important: the configuration's critical_levels)"
)


def write_repo(root: Path, levels: str) -> None:
    root.mkdir(exist_ok=True)
    (root / "resilint.yaml").write_text(
        f"profiles: [baseline, dora]\ncritical_levels: {levels}\n", encoding="utf-8"
    )
    (root / "repo.yaml").write_text(PROGRAMME, encoding="utf-8")


def test_impact_says_an_important_function_is_not_counted_as_one(cli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_repo(root, "[critical]")
    text = cli("impact", "--supplier", "kycco", "--as-of", "2026-12-01", cwd=root).stdout
    assert f"onboarding (Customer onboarding), {NOT_COUNTED}" in text
    markdown = cli(
        "impact", "--supplier", "kycco", "-f", "markdown", "--as-of", "2026-12-01", cwd=root
    ).stdout
    assert "important (not counted as critical or important" in markdown
    # the register reads the function as every check does
    (row,) = register_rows(cli, root, "b_06.01", "2026-06-30")[1:]
    assert row[0] == "onboarding" and row[4] == "no"


def test_with_the_default_levels_the_criticality_is_shown_as_recorded(cli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_repo(root, "[critical, important]")
    text = cli("impact", "--supplier", "kycco", "--as-of", "2026-12-01", cwd=root).stdout
    assert "onboarding (Customer onboarding), important\n" in text
    (row,) = register_rows(cli, root, "b_06.01", "2026-06-30")[1:]
    assert row[4] == "yes"


def test_the_report_says_a_standard_function_is_counted_as_critical(cli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write_repo(root, "[critical, important, standard]")
    (root / "repo.yaml").write_text(
        PROGRAMME.replace("criticality: important", "criticality: standard"), encoding="utf-8"
    )
    out = tmp_path / "report.html"
    cli("report", "--as-of", "2026-12-01", "-o", str(out), cwd=root)
    page = out.read_text(encoding="utf-8")
    assert "<td>standard (counted as critical or important: the configuration&#x27;s" in page
