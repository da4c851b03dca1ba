"""A prospective supplier recorded as tier 1 is critical by its record, so the board's what-if
review (`resilint impact --all-critical`, the posture report's What if) lists it; nothing of
ours runs on it yet, and the rules ask it nothing but its due diligence. Its row says it is
prospective, so that "none" across it does not read as an outage that would harm nothing
(through the CLI)."""

from __future__ import annotations

from pathlib import Path

from one_file import doc, repo

PROSPECTIVE = "newvendor (New Vendor Ltd; prospective: not engaged yet, no contract in force)"

PROGRAMME = repo(
    doc("Entity", "eu-bank", "name: EU Bank AG\ncountry: DE\n"),
    doc(
        "BusinessFunction",
        "payments",
        "name: Payments\ncriticality: critical\nrto_hours: 4\nmtpd_hours: 24\n"
        "depends_on: {suppliers: [corecloud]}\n",
    ),
    doc(
        "Supplier",
        "corecloud",
        "name: CoreCloud SE\ntier: 1\nprovides_ict_services: true\nstatus: active\n",
    ),
    doc(
        "Supplier",
        "newvendor",
        "name: New Vendor Ltd\ntier: 1\nprovides_ict_services: true\nstatus: prospective\n"
        "supports_critical_function: true\n",
    ),
    doc(
        "Contract",
        "ctr-corecloud",
        "supplier: corecloud\nentities: [eu-bank]\nstatus: active\nstart_date: 2025-01-01\n",
    ),
)


def root_of(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "resilint.yaml").write_text("profiles: [baseline]\n", encoding="utf-8")
    (root / "repo.yaml").write_text(PROGRAMME, encoding="utf-8")
    return root


def test_the_boards_row_of_a_prospective_supplier_says_so(cli, tmp_path: Path) -> None:
    root = root_of(tmp_path)
    args = ("impact", "--all-critical", "--as-of", "2026-12-01")
    markdown = cli(*args, "-f", "markdown", cwd=root).stdout
    assert f"| {PROSPECTIVE} | none |" in markdown
    assert "| corecloud (CoreCloud SE) | payments |" in markdown
    text = cli(*args, cwd=root).stdout
    assert "newvendor (prospective: not engaged yet, no contract in force): 0 functions" in text


def test_the_reports_what_if_says_so_too(cli, tmp_path: Path) -> None:
    root = root_of(tmp_path)
    out = tmp_path / "report.html"
    cli("report", "--as-of", "2026-12-01", "-o", str(out), cwd=root)
    assert PROSPECTIVE in out.read_text(encoding="utf-8")
