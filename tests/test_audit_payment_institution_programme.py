"""A Lithuanian payment institution under DORA (authorised under PSD2, 45 staff: a small
enterprise, not a microenterprise, and not on the simplified framework of Art. 16, which only an
exempted payment institution may apply), part of a UK fintech group, written as its risk and
procurement teams would keep it (tests/data/programmes/pi-lt): the UK parent running the payment
platform and IT operations (intra-group, third country), a hyperscaler, a card scheme and a BIN
sponsor bank (financial services, not ICT), a KYC SaaS, an open-banking aggregator, a
customer-support SaaS, a core ledger vendor with remote access, an offshore development
contractor in Ukraine with production access, an accountant, a prospective fraud-scoring vendor
and an exited SMS gateway; a group cyber policy bought by the parent, continuity plans for a
platform outage and for ransomware at the parent, and one exercise. Each planted gap (a
``# gap`` comment) is found, and nothing else is reported but what the list below explains."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme, located, planted_gaps, unsuppressed

FOUND = [
    # the contractor is tier 1 in effect (gap G2): step-in rights are the programme's term
    ("CTR-08", "contracts/devworks.yaml", 55),
    ("CTR-02", "contracts/ledgerline.yaml", 39),  # gap G3: Art. 30(3)(e), audit rights
    ("CTR-08", "contracts/ledgerline.yaml", 57),  # warning: no step-in rights (policy)
    ("REG-03", "contracts/openlink.yaml", 3),  # gap G11: ended, recorded as in force
    ("CTR-13", "contracts/openlink.yaml", 18),  # gap G11
    ("CTR-02", "contracts/parent.yaml", 42),  # gap G1: Art. 30(3)(f), exit strategy
    ("CTR-03", "contracts/parent.yaml", 44),  # gap G9: 96-hour notice window
    ("CTR-01", "contracts/verifid.yaml", 27),  # gap G4: Art. 30(2)(c), data protection
    ("EXR-03", "exercises/2026-10-ransomware.yaml", 19),  # gap G7: finding overdue
    # an important function and a critical one with no plan and no exercise
    ("BCM-07", "functions/onboarding.yaml", 3),
    ("EXR-01", "functions/onboarding.yaml", 3),
    ("BCM-07", "functions/payments.yaml", 28),
    ("EXR-01", "functions/payments.yaml", 28),
    ("IAM-03", "identities.yaml", 8),  # gap G2: privileged access, tier 2
    ("IAM-02", "identities.yaml", 11),  # gap G2: no MFA
    ("IAM-02", "identities.yaml", 47),  # group admins: 30 minutes to cut off (policy)
    ("EVD-01", "insurance/group-cyber.yaml", 4),  # no claims evidence package
    ("INS-04", "insurance/group-cyber.yaml", 25),  # info: 8 h waiting period, RTO 4 h
    ("INS-04", "insurance/group-cyber.yaml", 27),  # the scheme: seldom insurable, says so
    ("INS-04", "insurance/group-cyber.yaml", 27),  # the aggregator not named
    ("INS-04", "insurance/group-cyber.yaml", 27),  # gap G8: the cloud not named
    ("INS-01", "insurance/group-cyber.yaml", 35),  # gap G2: attested MFA, contractor without
    ("INS-01", "insurance/group-cyber.yaml", 36),
    ("EXR-01", "plans/platform-outage.yaml", 54),  # gap G5: plan tested June 2025
    ("INS-05", "playbooks/group-platform.yaml", 36),  # insurer notice only to the parent
    ("SUP-04", "suppliers/accountant.yaml", 3),  # warning: never assessed (policy)
    # scheme and sponsor bank recorded as supporting a critical function at tier 2
    ("SUP-03", "suppliers/cardscheme.yaml", 3),
    ("SUP-01", "suppliers/cardscheme.yaml", 14),
    ("PLB-02", "suppliers/kyivcode.yaml", 3),  # gap G2: tier 1 in effect, no playbook
    ("SUP-02", "suppliers/kyivcode.yaml", 9),  # a non-EU legal person needs an LEI
    ("SUP-01", "suppliers/kyivcode.yaml", 16),  # gap G2: privileged access at tier 2
    ("SUP-07", "suppliers/parent.yaml", 28),  # gap G10: no exit plan, Art. 28(8)
    ("SUP-03", "suppliers/sponsorbank.yaml", 3),
    ("SUP-01", "suppliers/sponsorbank.yaml", 14),
    ("SUP-01", "suppliers/textpulse.yaml", 7),  # gap G6: exited, still listed
]


def test_the_payment_institution_s_findings_are_its_planted_gaps(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("pi-lt", tmp_path, "pi")
    found = unsuppressed(cli, root)
    assert located(found) == FOUND
    assert planted_gaps(root) == 11
    paths = {Path(f["path"]).as_posix() for f in found}
    # the scheme's and the bank's agreements, the accountant's engagement, the prospective
    # fraud-scoring vendor, the exited gateway's ended contract, the hyperscaler, the entities
    for quiet in (
        "contracts/financial-services.yaml",
        "suppliers/fraudsense.yaml",
        "contracts/textpulse.yaml",
        "contracts/stratocloud.yaml",
        "suppliers/cloud.yaml",
        "entities.yaml",
    ):
        assert quiet not in paths, quiet
    # the UK parent is filed in B_05.01 by its LEI, as a provider outside the EU is
    register = cli(
        "register",
        "export",
        ".",
        "--format",
        "csv",
        "-o",
        "reg",
        "--reference-date",
        "2026-12-07",
        "--allow-incomplete",
        cwd=root,
    )
    assert register.exit_code in (0, 1), register.stdout + register.stderr
    providers = (root / "reg" / "b_05.01.csv").read_text(encoding="utf-8")
    assert "2138007BALTVERAGRP75,LEI,,,Baltvera Group Ltd,,legal_person,GB," in providers
    # the scheme, the bank and the accountant provide no ICT services: not in the register
    for name in ("Europay", "Nemunas", "Rasa"):
        assert name not in providers
