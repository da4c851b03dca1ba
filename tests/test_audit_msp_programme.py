"""A Czech managed IT service provider (NIS2 Annex I point 9, a medium-sized important entity;
Implementing Regulation (EU) 2024/2690 binds it directly), written as its CISO would keep it
(tests/data/programmes/msp-cz): the RMM platform whose agent runs on every customer endpoint, a
password vault holding customers' admin credentials, Microsoft on its standard terms (accepted
in a waiver), an out-of-hours SOC in Bratislava, a colocation in Brno and a redundant fibre
carrier, hosted telephony for the service desk, a freelance engineer with privileged access, an
accounting firm and a former backup provider, a cyber policy with its claims evidence package,
four continuity plans and two exercises. Several suppliers record no service model: the vault,
the RMM and the hosted telephony are read as SaaS from their words, the data centre as a
colocation and the accounting firm as a professional adviser. Each planted gap (a ``# gap``
comment) is found, and nothing else is reported but what the list below explains."""

from __future__ import annotations

from pathlib import Path

from programmes import copy_programme, located, planted_gaps, unsuppressed

FOUND = [
    ("EXR-02", "exercises/exercises.yaml", 14),  # gap M7: no legal, procurement or finance
    ("EXR-02", "exercises/exercises.yaml", 27),  # M7 too: no supplier compromise played this year
    ("EXR-02", "exercises/exercises.yaml", 32),  # the RMM simulation seated none of them either
    # Azure West Europe carries the RMM platform, the backup service and the SIEM: one region
    # outage stops three critical services (DORA does not bind; the concentration is real)
    ("CON-01", "functions/functions.yaml", 17),
    # warning, policy: SecOps' analysts sign in through the same Entra ID as the managed service
    ("CON-02", "functions/functions.yaml", 21),
    ("IAM-02", "identities/identities.yaml", 13),  # gap M3: RMM API key rotated June 2025
    ("IAM-03", "identities/identities.yaml", 40),  # gap M1: privileged access, tier 2 freelancer
    ("IAM-03", "identities/identities.yaml", 59),  # gap M9: exited backup provider's key active
    ("INS-04", "insurance/cyber-2026.yaml", 23),  # info: 8-hour waiting period, RTOs of 2-8 h
    ("INS-01", "insurance/cyber-2026.yaml", 31),  # gap M8: MFA on remote access at 85 %
    ("BCM-04", "plans/plans.yaml", 18),  # gap M6: no supplier-compromise threshold for the RMM
    # policy: the tier-2 carrier's and telephony's contracts say nothing of evidence
    # preservation or cooperation with our incident team
    ("CTR-06", "suppliers/connectivity.yaml", 35),
    ("CTR-07", "suppliers/connectivity.yaml", 35),
    ("CTR-13", "suppliers/connectivity.yaml", 45),  # warning: renewed in August, term not updated
    ("CTR-06", "suppliers/connectivity.yaml", 101),
    ("CTR-07", "suppliers/connectivity.yaml", 101),
    # the telephony contract's renewal decision fell due on 1 December, unreviewed since 2025
    ("CTR-14", "suppliers/connectivity.yaml", 116),
    ("SUP-04", "suppliers/dc-brno.yaml", 26),  # gap M5: data centre last audited 2022
    ("CTR-03", "suppliers/keyhaven.yaml", 67),  # gap M4: vault notice 72 h, confirmed only
    # the freelancer's contract says nothing of cooperation in an incident (his laptop is what
    # an investigation needs), and it ends within 90 days
    ("CTR-07", "suppliers/people.yaml", 36),
    ("CTR-13", "suppliers/people.yaml", 45),
    ("SUP-04", "suppliers/people.yaml", 67),  # warning, policy: accounting firm never assessed
    # policy: three months' exit assistance against a nine-month migration of the RMM, which
    # CTR-08 also reads as no continuity remedy for a shared platform hard to replace
    ("SUP-11", "suppliers/remotix.yaml", 41),
    ("CTR-12", "suppliers/remotix.yaml", 71),  # gap M2: no vulnerability handling, 5.1.4(f)
    ("CTR-07", "suppliers/remotix.yaml", 87),  # policy: no sworn statements for the insurer
    ("CTR-08", "suppliers/remotix.yaml", 90),
]


def test_the_service_providers_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("msp-cz", tmp_path, "netservis")
    found = unsuppressed(cli, root)
    assert located(found) == FOUND
    assert planted_gaps(root) == 9
    # Microsoft's standard terms are accepted in one waiver; the accounting firm's contract
    # and the colocation's are asked nothing
    assert not [f for f in found if f["id"] in ("ctr-microsoft-mca", "ctr-novakova")]
    assert not [f for f in found if f["code"] in ("CTR-08", "PLB-02") and "dc-brno" in f["path"]]
    # the hosted telephony, a shared platform below tier 1, is not asked its notice's items
    assert not [f for f in found if f["code"] == "CTR-05"]
