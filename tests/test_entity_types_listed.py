"""An entity authorised as more than one kind of financial entity (a UCITS management company
that is also an authorised AIFM) records each type: ``entity_type`` takes a list. The rules
read every type listed (CTR-16 asks the AIFM's outsourcing law's terms), and the DORA register,
which holds one type per entity, reports the first."""

from __future__ import annotations

import csv
from pathlib import Path

from one_file import check, doc, messages, repo

LAW = "the sector's outsourcing law asks"


def delegation(entity_type: str) -> str:
    """Our entity of ``entity_type`` and a delegated portfolio manager (no ICT service) with no
    audit rights recorded."""
    entity = doc(
        "Entity",
        "fundco",
        "name: Fundco Asset Management S.A.\ncountry: LU\nlei: 529900T8BM49AURSDO55\n"
        f"entity_type: {entity_type}\nregimes: [dora]\n",
    )
    supplier = doc(
        "Supplier",
        "sub-manager",
        "provides_ict_services: false\nsupports_critical_function: true\n"
        "services:\n  - name: delegated-portfolio-management\n"
        "    service_type: delegated collective portfolio management\n",
    )
    contract = doc(
        "Contract",
        "ctr-sub-manager",
        "supplier: sub-manager\nstatus: active\ncovers_ict_services: false\n"
        "outsources_function: true\naudit: {frequency_months: 12}\n",
    )
    return repo(entity, supplier, contract)


def test_a_management_company_that_is_also_an_aifm_is_read_as_both(cli, write) -> None:
    both = "[management_company, alternative_investment_fund_manager]"
    found = check(cli, write, delegation(both), ["SCH-01", "CTR-16"])
    assert [f["code"] for f in found] == ["CTR-16"]
    assert LAW in messages(found, "CTR-16")  # the AIFM's law asks, not only market practice
    # as a management company alone, the access clause is market practice
    alone = check(cli, write, delegation("management_company"), ["CTR-16"])
    assert LAW not in messages(alone, "CTR-16")


def test_the_register_reports_the_first_type_listed(cli, tmp_path: Path) -> None:
    both = "[management_company, alternative_investment_fund_manager]"
    (tmp_path / "repo.yaml").write_text(delegation(both), encoding="utf-8")
    out = tmp_path / "out"
    cli(
        "register",
        "export",
        ".",
        "--format",
        "csv",
        "-o",
        str(out),
        "--allow-incomplete",
        cwd=tmp_path,
    )
    for template in ("b_01.01.csv", "b_01.02.csv"):
        with (out / template).open(encoding="utf-8") as rows:
            (row,) = list(csv.DictReader(rows))
        assert row["c0040"] == "management_company", template


def test_the_schema_takes_a_list_of_financial_types_only(cli, write) -> None:
    for wrong in (
        "[management_company, non_financial_other]",
        "[management_company, fund_manager]",
        "[]",
        "[management_company, management_company]",
    ):
        found = check(cli, write, delegation(wrong), ["SCH-01"])
        assert [f["code"] for f in found] == ["SCH-01"], wrong
