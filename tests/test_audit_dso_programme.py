"""A German electricity distribution system operator under NIS2 (an essential entity, Annex I
sector 1; not one of the kinds Implementing Regulation (EU) 2024/2690 binds), written as its
risk team would keep it (tests/data/programmes/dso-de), through the CLI: a SCADA/ADMS vendor
with remote maintenance into the control centre, the smart-meter gateway administrator, a
meter-data SaaS, the control network's carrier, a substation field contractor, a billing IaaS,
a GIS licensed on premises, the IT outsourcer, an exited meter-reading bureau and a prospective
MDM vendor; a cyber policy with the market's infrastructure exclusion. Every planted gap (a
``# gap`` comment) but one is found; G10 (no vulnerability-handling clause in the SCADA
contract) is not, since no law asks that clause of this entity and the programme keeps no
clause library that makes it its policy. The GIS vendor and the prospective vendor draw
nothing, the SCADA vendor's step-in finding names escrow as the other way to settle it, and
the carrier's dependent cover is seen to fall to the infrastructure exclusion."""

from __future__ import annotations

from pathlib import Path

from programmes import copy_programme, located, planted_gaps

FOUND = [
    ("BCM-06", "controls.yaml", 40),  # the restore tests are not recorded
    ("EXR-03", "exercises.yaml", 20),  # gap G6: exercise finding overdue
    ("EXR-01", "functions.yaml", 23),  # gap G5: meter-data plan last tested June 2025
    # the IT outsourcer may lose 4 hours of data, meter-to-market 1 at most (BCM-03 RPO)
    ("BCM-03", "functions.yaml", 38),
    ("EVD-01", "insurance.yaml", 3),  # no claims evidence package
    ("INS-06", "insurance.yaml", 10),  # the policy ends on 31 December, no renewal recorded
    ("INS-04", "insurance.yaml", 24),  # 12-hour waiting period past grid operation's MTPD
    ("INS-04", "insurance.yaml", 26),  # dependent cover of IT providers: not the field contractor
    ("INS-01", "insurance.yaml", 35),  # gap G7 and G1: MFA on remote access
    ("INS-01", "insurance.yaml", 41),  # G1 too: the privileged vendor account
    ("INS-04", "insurance.yaml", 58),  # infrastructure exclusion: the control-network carrier
    ("BCM-04", "plans.yaml", 52),  # meter-data plan: no supplier-compromise trigger
    ("CTR-03", "suppliers/fernmelde-ost.yaml", 49),  # gap G2: the carrier owes no notice
    ("CTR-06", "suppliers/fernmelde-ost.yaml", 49),  # policy: the carrier's evidence
    ("IAM-03", "suppliers/huber-ablesedienst.yaml", 57),  # gap G8: exited, SFTP user active
    ("SUP-01", "suppliers/kroeber-umspann.yaml", 16),  # recorded critical, tiered 2
    ("SUP-03", "suppliers/kroeber-umspann.yaml", 21),  # its dispatcher not recorded as 24x7
    ("CTR-03", "suppliers/kroeber-umspann.yaml", 39),  # policy: notice of a disruption
    ("CTR-17", "suppliers/messkraft-mdm.yaml", 77),  # gap G3: GDPR Art. 28(3)(g)
    ("CTR-06", "suppliers/messkraft-mdm.yaml", 83),  # policy: 180 days of logs
    ("CTR-08", "suppliers/messkraft-mdm.yaml", 85),  # policy: exit plan not tested
    ("PLB-02", "suppliers/rz-mitteldeutschland.yaml", 5),  # policy: no joint playbook
    ("SUP-04", "suppliers/rz-mitteldeutschland.yaml", 29),  # gap G4: assessed October 2024
    ("SUP-01", "suppliers/stratoline-cloud.yaml", 16),  # the meter-data SaaS runs on it
    ("SUP-03", "suppliers/stratoline-cloud.yaml", 22),  # and so tier 1 in effect
    # our billing contract supports no critical function: tier 2's terms, not tier 1's
    # remedies (CTR-08), though the meter-data SaaS running on it makes the supplier tier 1
    ("CTR-07", "suppliers/stratoline-cloud.yaml", 44),
    ("CTR-03", "suppliers/stratoline-cloud.yaml", 70),
    ("CTR-08", "suppliers/voltaris-scada.yaml", 87),  # neither step-in nor escrow
    ("IAM-02", "suppliers/voltaris-scada.yaml", 101),  # gap G1: remote maintenance, no MFA
    ("PLB-02", "suppliers/zaehlwerk-gwa.yaml", 6),  # policy: no joint playbook
    ("SUP-03", "suppliers/zaehlwerk-gwa.yaml", 24),  # gap G9: no 24x7 security contact
    ("SUP-11", "suppliers/zaehlwerk-gwa.yaml", 45),  # policy: 9-month exit assistance
]


def test_the_grid_operators_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("dso-de", tmp_path)
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    findings = result.json()["findings"]
    found = located(findings)
    assert found == FOUND
    assert planted_gaps(root) == 10
    # licensed on premises without access, and a prospective vendor: nothing asked
    assert not [f for f in found if "flurwerk" in f[1] or "datenquelle" in f[1]]
    (step_in,) = [f for f in findings if f["code"] == "CTR-08" and "voltaris" in f["path"]]
    assert "escrow of its software's code also meets the term" in step_in["message"]
    (carrier,) = [f for f in findings if f["code"] == "INS-04" and f["line"] == 58]
    assert "excludes infrastructure failure" in carrier["message"]
