"""A mid-size Spanish credit institution under DORA (a significant institution under direct ECB
supervision) with a branch in Lisbon, written as its risk, procurement and legal teams would keep
it (tests/data/programmes/bank-es): the group IT subsidiary running the core banking platform
and the data centres (an intra-group provider, its arrangement linked to the hyperscaler's), a
hyperscaler designated a critical ICT third-party provider, a card processor, a SWIFT service
bureau, a mobile app developer, an ATM maintenance firm whose engineers sign in on site only, a
sanctions-screening SaaS, a printing and mailing house (personal data, no ICT), a law firm, a
prospective core banking vendor and an exited call-centre outsourcer; a cyber policy with
conditions, continuity plans for a core banking outage and a cyber attack on the IT subsidiary,
a threat-led penetration test and a tabletop exercise. Each planted gap (a ``# gap`` comment)
is found, and nothing else is reported but what the list below explains. The intra-group
provider is asked the DORA Art. 30 clauses and an exit plan, not step-in or an indemnity; the
printing house, the law firm and the prospective vendor's term sheet draw no ICT terms beyond
what the list says; the card processor's missing exit clause is one finding, not two."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme, located, planted_gaps

FOUND = [
    ("EXR-03", "exercises.yaml", 19),  # gap G7: tabletop finding overdue
    # sanctions screening behind payments: 1 hour of data against the function's 0.25
    ("BCM-03", "functions.yaml", 44),
    # the backup control covers deposits and payments, not onboarding (DORA Art. 12)
    ("BCM-06", "functions.yaml", 48),
    ("EVD-01", "insurance.yaml", 3),  # no claims evidence package (market practice)
    ("INS-04", "insurance.yaml", 24),  # info: 8-hour waiting periods, RTOs of 4 and 8 hours
    ("INS-04", "insurance.yaml", 26),  # gap G6: card processor not named for DBI
    ("INS-01", "insurance.yaml", 36),  # gap G5: MFA attested at 100 %, 90 % covered
    ("EXR-01", "plans.yaml", 69),  # gap G8: the cyber plan last tested June 2025
    ("SUP-02", "suppliers/appsol.yaml", 3),  # gap G10: no LEI
    # the app developer and the ATM maintainer: tier 2 with ICT services and access, their
    # service model unrecorded (policy terms, asked as of a service run for us)
    ("SUP-03", "suppliers/appsol.yaml", 19),
    ("CTR-06", "suppliers/appsol.yaml", 39),
    ("CTR-07", "suppliers/appsol.yaml", 39),
    ("CTR-02", "suppliers/bac-tech-services.yaml", 123),  # gap G11: Art. 30(3)(e) intra-group
    ("SUP-03", "suppliers/cajetec.yaml", 20),
    ("CTR-06", "suppliers/cajetec.yaml", 40),
    ("CTR-07", "suppliers/cajetec.yaml", 40),
    ("SUP-01", "suppliers/contacta.yaml", 7),  # gap G9: exited, still listed
    ("CTR-03", "suppliers/iberbureau.yaml", 92),  # gap G2: 72 h from a confirmed breach
    # the printing house holds customers' personal data: its contract is silent on helping
    # our incident team (GDPR Art. 28(3)(f) asks a processor's assistance)
    ("CTR-07", "suppliers/imprenta-levante.yaml", 32),
    # the prospective core banking vendor's term sheet settles no notice periods
    ("CTR-13", "suppliers/kernelbank.yaml", 36),
    ("SUP-07", "suppliers/nubalia.yaml", 36),  # gap G3: no exit plan for the hyperscaler
    ("CTR-08", "suppliers/nubalia.yaml", 107),  # warning: a shared platform's indemnity
    ("CTR-02", "suppliers/tarjetia.yaml", 93),  # gap G1: Art. 30(3)(f), reported once
    ("SUP-04", "suppliers/verifica.yaml", 31),  # gap G4: last assessed September 2024
]


def _found(cli: Any, root: Path) -> list[dict[str, Any]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return list(result.json()["findings"])


def test_the_spanish_bank_s_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("bank-es", tmp_path)
    found = _found(cli, root)
    assert located(found) == FOUND
    assert planted_gaps(root) == 11
    codes_at = {(f["code"], Path(f["path"]).as_posix()) for f in found}
    # the intra-group provider is asked no step-in rights or indemnity, the law firm nothing
    assert ("CTR-08", "suppliers/bac-tech-services.yaml") not in codes_at
    assert not any(path == "suppliers/rivas-ortega.yaml" for _, path in codes_at)
    # the processor's missing exit clause is CTR-02's alone, not SUP-11's again, and the
    # finding says what to do about it
    assert ("SUP-11", "suppliers/tarjetia.yaml") not in codes_at
    (exit_clause,) = [
        f for f in found if f["code"] == "CTR-02" and f["path"] == "suppliers/tarjetia.yaml"
    ]
    assert "(dora.30.3.f)" in exit_clause["message"]
    assert "or accept its absence in a waiver approved by the risk owner" in exit_clause["message"]


def test_the_register_files_the_intra_group_arrangement_and_the_branch(cli, tmp_path: Path) -> None:
    root = copy_programme("bank-es", tmp_path)
    out = tmp_path / "register"
    run = cli(
        "register", "export", ".", "--format", "csv", "-o", str(out),
        "--reference-date", "2026-12-31", "--allow-incomplete", cwd=root,
    )  # fmt: skip
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "SUP-02" in run.stdout  # the developer without an LEI keeps it from filing

    def rows(template: str) -> list[list[str]]:
        lines = (out / f"{template}.csv").read_text(encoding="utf-8").splitlines()
        return [line.split(",") for line in lines[1:]]

    bank, tech = "95980020ALCAZARBK020", "95980020ALCAZARTEC14"
    assert rows("b_03.03") == [["BAC-IG-2022-001", tech, "true"]]
    assert rows("b_02.03") == [["BAC-IG-2022-001", "BAC-2024-033", "true"]]
    assert rows("b_01.03")[0][:2] == ["BAC-PT-LIS", bank]
    branch_uses = {r[0] for r in rows("b_04.01") if r[-1] == "BAC-PT-LIS"}
    assert branch_uses == {"BAC-2021-007", "BAC-2023-040", "BAC-2024-052", "BAC-IG-2022-001"}
    # the printing house and the law firm are no ICT providers; the prospect is not engaged
    arrangements = {r[0] for r in rows("b_02.01")}
    assert "BAC-2024-060" not in arrangements
    assert len(arrangements) == 8
