"""A Finnish crowdfunding service provider (Regulation (EU) 2020/1503, authorised by
Finanssivalvonta; DORA Art. 2(1)(t)), a microenterprise of eight people, written as its COO
would keep it (tests/data/programmes/crowdfunding-fi): a Finnish cloud provider (described as
"cloud hosting", no service model recorded), the software house that built the platform and
holds production access, a French payment institution holding investors' money in wallets (a
financial service, not an ICT one), a strong-identification and screening SaaS, a CRM on its
online terms, a one-person bookkeeping firm, an office cleaner, a small cyber policy, two
continuity plans and one tabletop. Each planted gap (a ``# gap`` comment) is found, and nothing
else is reported but what the list below explains.

The entity records DORA's simplified ICT risk-management framework, which Art. 16(1) does not
offer a crowdfunding service provider whatever its size (the Commission's answer to ESMA Q&A
2292): ENT-01 reports the flag, and the checks resting on Articles 5 to 15 are made all the
same (EXR-04: the yearly test of the functions that are not critical, DORA Art. 11(6)(a))."""

from __future__ import annotations

from pathlib import Path

from programmes import copy_programme, located, planted_gaps

FOUND = [
    ("CTR-01", "contracts/koodiverstas.yaml", 36),  # gap G3: no Art. 30(2)(i) training clause
    ("CTR-03", "contracts/koodiverstas.yaml", 45),  # gap G2: 72 h, confirmed breach only
    # warning, policy: the CRM's 48 hours and our triage do not fit the insurer's 48-hour notice
    ("CTR-04", "contracts/other.yaml", 89),
    # warning: the payment institution's agreement renewed in March; record the current term
    ("CTR-13", "contracts/paylio.yaml", 17),
    ("BCM-06", "controls.yaml", 50),  # gap G9: last restore test August 2025
    ("ENT-01", "entities.yaml", 19),  # gap G1: Art. 16(1) does not name a crowdfunding provider
    ("EXR-03", "exercises/2026-03-platform-tabletop.yaml", 19),  # gap G6: finding h2 overdue
    # G1 too: under Articles 5 to 15, the functions that are not critical are tested yearly
    ("EXR-04", "functions/functions.yaml", 47),
    ("EXR-04", "functions/functions.yaml", 67),
    ("EXR-04", "functions/functions.yaml", 80),
    ("EVD-01", "insurance/cyber-2026.yaml", 3),  # no claims evidence package (market practice)
    ("INS-04", "insurance/cyber-2026.yaml", 23),  # info: 12-hour waiting period, 8-hour RTO
    # warning, market practice: dependent cover is for IT providers, the payment institution is
    # none, and both critical functions rest on it
    ("INS-04", "insurance/cyber-2026.yaml", 25),
    ("INS-01", "insurance/cyber-2026.yaml", 31),  # G4 too: MFA attested, admin MFA at 70 %
    ("BCM-04", "plans/plans.yaml", 3),  # gap G5: the platform plan names no deputy
    ("PLB-02", "suppliers/koodiverstas.yaml", 4),  # gap G10: no joint playbook
    # DORA Art. 28(8): the software house's exit plan was reviewed, never tested
    ("SUP-08", "suppliers/koodiverstas.yaml", 41),
    ("IAM-02", "suppliers/koodiverstas.yaml", 54),  # gap G4: production SSH without MFA
    ("IAM-02", "suppliers/koodiverstas.yaml", 60),  # policy: 30 minutes to disable, 15 allowed
    ("SUP-10", "suppliers/pilviasema.yaml", 39),  # gap G8: no storage or processing countries
    ("SUP-04", "suppliers/tunnistamo.yaml", 24),  # gap G7: tier 2 last assessed October 2023
]


def test_the_platforms_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("crowdfunding-fi", tmp_path, "kasvuvirta")
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    found = result.json()["findings"]
    assert located(found) == FOUND
    assert planted_gaps(root) == 10
    paths = {Path(f["path"]).as_posix() for f in found}
    # the bookkeeper, the cleaner and the identification service's contract are asked nothing
    assert not paths & {"suppliers/small-suppliers.yaml"}
    assert not [f for f in found if f["id"] in ("ctr-laine", "ctr-kirkas", "ctr-tunnistamo-2024")]
    # the cloud provider, "cloud hosting" in its words, is not asked step-in rights
    assert not [f for f in found if f["code"] == "CTR-08"]
