"""An Irish electronic money institution under DORA, part of a small group, written as its risk
and procurement teams would keep it (tests/data/programmes/emoney-ie): a core e-money ledger
SaaS, a card issuer-processor, the bank holding the safeguarding account (a financial service,
not ICT), the cloud the ledger and our app run on, an identity-verification API, a customer
support outsourcer reading customer data, a fraud-scoring SaaS, an SMS gateway, the group parent
providing shared IT (intra-group), an exited former processor and a prospective open-banking
aggregator; a cyber policy with MFA and backup conditions and a 48-hour notice, continuity plans
for the ledger and card processing, a tabletop exercise and a claims evidence package. Each
planted gap (a ``# gap`` comment) is found, and nothing else is reported but what the list
below explains. The safeguarding bank is asked no ICT contract terms, the intra-group provider
and the SMS gateway none beyond the programme's, the prospective aggregator nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme, located, planted_gaps

FOUND = [
    ("CTR-04", "contracts/fraudlens.yaml", 34),  # warning: 48 h + triage past the insurer's 48 h
    ("CTR-03", "contracts/karta.yaml", 43),  # gap G2: 72-hour window for a tier-1 processor
    ("CTR-02", "contracts/ledgerworks.yaml", 26),  # gap G1: Art. 30(3)(f), exit strategy
    ("INS-02", "controls.yaml", 47),  # evidence of a control the insurer relies on > 90 days
    ("EXR-03", "exercises/2026-09-ledger-outage.yaml", 19),  # gap G8: finding overdue
    ("EXR-01", "functions/card-payments.yaml", 3),  # gap G7: stand-in fallback tested 2025
    ("BCM-03", "functions/card-payments.yaml", 19),  # the ledger's contract: 0.25 h of data, RPO 0
    ("BCM-03", "functions/emoney-accounts.yaml", 20),  # group IT's contract: 1 h, RPO 0.25 h
    ("EXR-04", "functions/onboarding-support.yaml", 3),  # Art. 11(6)(a): every function yearly
    ("EXR-04", "functions/onboarding-support.yaml", 22),
    # a critical function without a plan: BCM-07 asks for it, not BCM-03 once more for the
    # bank's outage it would carry the function through
    ("BCM-07", "functions/safeguarding.yaml", 3),
    ("IAM-02", "identities/harbourline.yaml", 49),  # group admins: 30 minutes to cut off
    ("INS-04", "insurance/cyber-2026.yaml", 24),  # info: 4 h waiting period, RTO 2 h and 4 h
    ("INS-04", "insurance/cyber-2026.yaml", 26),  # gap G10: ledger not named for DBI
    ("INS-01", "insurance/cyber-2026.yaml", 35),  # gaps G6 and G5: MFA attested, 85 %
    ("SUP-01", "suppliers/arcbridge.yaml", 7),  # gap G9: exited, still listed
    ("SUP-02", "suppliers/fraudlens.yaml", 3),  # gap G11: no LEI
    ("SUP-03", "suppliers/harbourline.yaml", 20),  # outsourcer with access: no 24x7 contact
    ("SUP-02", "suppliers/idverify.yaml", 12),  # the parent group's LEI (B_05.01.0110)
    ("SUP-04", "suppliers/idverify.yaml", 26),  # gap G4: last assessed 2024
    ("SUP-08", "suppliers/karta.yaml", 38),  # the processor's exit plan never tested
    ("SUP-02", "suppliers/ledgerworks.yaml", 12),  # the parent group's LEI
    ("SUP-02", "suppliers/nimbus.yaml", 12),  # the parent group's LEI
    ("SUP-07", "suppliers/nimbus.yaml", 27),  # gap G3: no exit plan for the cloud
    ("SUP-09", "suppliers/nimbus.yaml", 27),  # subcontracting not decided: Art. 30(2)(a)
]


def _found(cli: Any, root: Path) -> list[dict[str, Any]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return list(result.json()["findings"])


def test_the_e_money_institution_s_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("emoney-ie", tmp_path, "emoney")
    found = _found(cli, root)
    assert located(found) == FOUND
    assert planted_gaps(root) == 11
    paths = {Path(f["path"]).as_posix() for f in found}
    # the safeguarding bank's account agreement, the intra-group IT agreement, the SMS
    # gateway, the prospective aggregator and the exited processor's ended contract: nothing
    for quiet in (
        "contracts/liffey-bank.yaml",
        "contracts/corrib-holdings.yaml",
        "suppliers/corrib-holdings.yaml",
        "contracts/relaypoint.yaml",
        "suppliers/relaypoint.yaml",
        "suppliers/bankbridge.yaml",
        "contracts/arcbridge.yaml",
    ):
        assert quiet not in paths, quiet
    # the exited processor only a function still lists is a warning, and says what to do
    (exited,) = [f for f in found if f["code"] == "SUP-01"]
    assert exited["level"] == "warning"
    assert "update its depends_on" in exited["message"]
    # the missing exit plan cites the article that asks it and says what to write
    (exit_plan,) = [f for f in found if f["code"] == "SUP-07"]
    assert "DORA Art. 28(8) asks an exit strategy for it" in exit_plan["message"]
    assert "record where it is kept in exit_plan.reference" in exit_plan["message"]
