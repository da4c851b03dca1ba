"""The register's scope for an intra-group provider, and REG messages a register owner can act
on: a sister company outside the keeping entity's register (its parent is a non-financial
holding) is a direct ICT third-party provider (B_03.02, B_05.01 with the group as ultimate
parent), not an entity in B_03.03; REG-09 to REG-11 say which field of which document to change;
services of one ICT service type under one contract are one B_07.01 row.
Run through the CLI on a copy of examples/havelbank."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from conftest import EXAMPLES

BANK = EXAMPLES / "havelbank"
HOLDING_LEI = "529900HAVELHOLDING43"
HB_IT_LEI = "529900HAVELITSERVI62"
ACME_AND_CLOUDCO = """
        apiVersion: resilint/v1
        kind: Entity
        id: acme-bank
        lei: 5299000J2N45DDNE4Y28
        regimes: [dora]
        ---
        apiVersion: resilint/v1
        kind: Supplier
        id: cloudco
        provider_id: 529900T8BM49AURSDO55
        provider_id_type: LEI
        provides_ict_services: true
"""
"""A DORA bank and an ICT provider with an LEI, the head of the repositories these tests write."""
HOLDING = f"""---
apiVersion: resilint/v1
kind: Entity
id: hb-holding
name: Havel Holding SE
lei: {HOLDING_LEI}
country: DE
entity_type: non_financial_other
owner: group-cfo
"""


def sister_bank(tmp_path: Path, keep_parent: bool = False) -> Path:
    """Havel Bank with its ICT company moved under a non-financial holding."""
    repo = tmp_path / "bank"
    shutil.copytree(BANK, repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    entities = repo / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    marker = "id: hb-it\n"
    head, tail = text.split(marker)
    tail = tail.replace("parent: hb-bank\n", "parent: hb-holding\n", 1)
    entities.write_text(head + marker + tail + HOLDING, encoding="utf-8")
    if not keep_parent:
        supplier = repo / "suppliers" / "hb-it-services.yaml"
        lines = supplier.read_text(encoding="utf-8").splitlines(keepends=True)
        supplier.write_text("".join(x for x in lines if not x.startswith("ultimate_parent:")))
    return repo


def rows(out: Path, template: str) -> list[list[str]]:
    with (out / f"{template}.csv").open(encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def test_a_sister_company_is_a_third_party_provider_with_its_group(cli, tmp_path) -> None:
    repo = sister_bank(tmp_path)
    found = cli("check", str(repo), "--format", "json", "--no-cache", "--select", "REG-10")
    messages = [f["message"] for f in found.json()["findings"] if f["code"] == "REG-10"]
    assert not any("B_03.03" in m for m in messages), messages
    out = tmp_path / "csv"
    result = cli("register", "export", str(repo), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert not any(HB_IT_LEI in row for row in rows(out, "b_03.03"))
    assert any(row[1] == HB_IT_LEI for row in rows(out, "b_03.02"))
    (provider,) = [row for row in rows(out, "b_05.01") if row[0] == HB_IT_LEI]
    assert provider[10] == HOLDING_LEI  # the ultimate parent: the group's top entity
    (holding,) = [row for row in rows(out, "b_05.01") if row[0] == HOLDING_LEI]
    assert holding[4] == "Havel Holding SE" and holding[7] == "DE"
    assert rows(out, "b_02.03"), "the intra-group arrangement stays linked to the cloud one"


def test_an_entity_the_register_covers_stays_in_b0303(cli, tmp_path) -> None:
    out = tmp_path / "csv"
    assert cli("register", "export", str(BANK), "--format", "csv", "-o", str(out)).exit_code == 0
    assert any(row[1] == HB_IT_LEI for row in rows(out, "b_03.03"))


def test_reg10_says_which_field_of_which_document_to_change(cli, write) -> None:
    write("resilint.yaml", json.dumps({"profiles": ["dora-register"], "select": ["REG-10"]}))
    write(
        "repo.yaml",
        ACME_AND_CLOUDCO
        + """\
        services: [{name: hosting, ict_service_type: S17}]
        ---
        apiVersion: resilint/v1
        kind: Contract
        id: ctr-cloudco
        supplier: cloudco
        """,
    )
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--select", "REG-10")
    (finding,) = result.json()["findings"]
    message = finding["message"]
    assert message.startswith("link contract ctr-cloudco to the business functions it serves")
    assert "depends_on.suppliers" in message
    assert "B_02.02.0050 (Function identifier) is part of the key and is empty" in message
    assert finding["line"] == 18


def test_reg09_and_reg11_name_the_field(cli, write) -> None:
    write("resilint.yaml", json.dumps({"profiles": ["dora-register"]}))
    write(
        "repo.yaml",
        """
        apiVersion: resilint/v1
        kind: Entity
        id: acme-bank
        lei: 5299000J2N45DDNE4Y29
        country: DE
        regimes: [dora]
        branches:
          - {code: ACME-GR, name: Athens branch, country: EL}
        """,
    )
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache")
    found = {f["code"]: f for f in result.json()["findings"]}
    closed = found["REG-09"]
    assert closed["message"].startswith(
        "correct 'EL' in the field branches[0].country of entity acme-bank: a country is a "
        "two-letter ISO 3166 code (Greece GR"
    )
    assert "B_01.03.0040" in closed["message"] and closed["line"] == 8
    assert found["REG-11"]["message"].startswith("correct the field lei of entity acme-bank")
    assert "B_01.02.0010" in found["REG-11"]["message"]


def test_services_of_one_type_under_one_contract_are_one_assessment_row(
    cli, write, tmp_path
) -> None:
    # B_07.01's key is contract, provider and ICT service type: one row, as hard to replace as
    # the hardest service, with an exit plan only where every service has one
    write(
        "repo.yaml",
        ACME_AND_CLOUDCO
        + """\
        services:
          - name: compute
            ict_service_type: S17
            substitutability: highly_complex
            non_substitutability_reason: difficult_migration
            reintegration: difficult
            discontinuation_impact: medium
            alternatives_identified: "yes"
            last_audit: 2025-03-01
          - name: storage
            ict_service_type: S17
            substitutability: easily_substitutable
            reintegration: easy
            discontinuation_impact: high
            alternatives_identified: "no"
            last_audit: 2026-02-01
            exit_plan: {reference: "grc://exit/storage.pdf"}
          - {name: backup, ict_service_type: S09, substitutability: easily_substitutable}
        ---
        apiVersion: resilint/v1
        kind: Contract
        id: ctr-cloudco
        supplier: cloudco
        ---
        apiVersion: resilint/v1
        kind: BusinessFunction
        id: lending
        criticality: critical
        depends_on: {suppliers: [cloudco]}
        """,
    )
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--select", "REG-10")
    assert not any("B_07.01" in f["message"] for f in result.json()["findings"])
    out = tmp_path / "csv"
    args = ["register", "export", "repo.yaml", "--format", "csv", "-o", str(out)]
    # as of the end of 2026: both audits were done by then (a later one is not reported)
    done = cli(*args, "--allow-incomplete", "--reference-date", "2026-12-31")
    assert done.exit_code == 0, done.stdout + done.stderr
    assessed = {r[3]: r for r in rows(out, "b_07.01")}
    assert sorted(assessed) == ["S09", "S17"]
    # substitutability, reason, last audit, exit plan, reintegration, impact, alternatives
    assert assessed["S17"][4:11] == [
        "highly_complex",
        "difficult_migration",
        "2026-02-01",
        "no",
        "difficult",
        "high",
        "no",
    ]


def test_the_export_names_each_gap_once_whatever_checks_ignore(cli, tmp_path) -> None:
    repo = tmp_path / "bank"
    shutil.copytree(BANK, repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    supplier = repo / "suppliers" / "corebanq.yaml"
    text = supplier.read_text(encoding="utf-8")
    supplier.write_text(text.replace("    reintegration: highly_complex\n", "", 1))
    config = repo / "resilint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "ignore: [REG-06]\n")
    result = cli("register", "export", str(repo), "--format", "csv", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    # the readiness rule, at the file, line and column, and not again as the register's own
    # problem with the same column
    assert "bank/suppliers/corebanq.yaml:55:5: REG-06 error" in result.stdout
    assert result.stdout.count("B_07.01.0090") == 1
    assert "not ready to file (1 finding)" in result.stderr
