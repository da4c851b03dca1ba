"""An Italian maker of industrial machinery, an important entity under NIS2 (Annex II point
5(d); Legislative Decree 138/2024), written as its risk, procurement and legal team would keep it
(tests/data/programmes/machinery-it), through the CLI: an ERP SaaS, a MES vendor maintaining its
software remotely through the OT jump host, a robot and PLC maker's remote service, a cloud
provider, an MSSP, an EDI value-added network, a 3PL without ICT services whose booking portal
our staff use (ours_at_supplier), a payroll bureau, an IT staffing agency whose contractors work
in our systems with write accounts we issue, a prospective PLM vendor and an exited hosting
provider; a cyber policy with MFA and backup conditions and a war exclusion. Every planted gap
(a ``# gap`` comment, ten) is found; the 3PL, the payroll bureau, the prospective vendor and the
staffing agency draw nothing (the agency's 48-hour notice window is not held to the NIS2 early
warning or the policy's notice deadline: its contractors' accounts are ours), and the regulator's
clock is cited by the Directive's article."""

from __future__ import annotations

from pathlib import Path

from programmes import copy_programme, located, planted_gaps, unsuppressed

FOUND = [
    ("EXR-02", "exercises.yaml", 13),  # no finance or risk at the table (policy)
    ("EXR-03", "exercises.yaml", 21),  # gap G7
    ("INS-03", "insurance.yaml", 3),  # dependent BI cover's scope not recorded
    ("INS-04", "insurance.yaml", 22),  # gap G10
    ("INS-01", "insurance.yaml", 34),  # gap G3 (and G1's account named)
    ("BCM-04", "plans.yaml", 3),  # gap G6
    ("CON-04", "suppliers/corteo-erp.yaml", 37),  # gap G5
    ("CTR-08", "suppliers/corteo-erp.yaml", 80),  # G5 too: no tested exit, escrow (policy)
    ("SUP-11", "suppliers/fabbrica-mes.yaml", 43),  # no transition period in the exit plan
    ("CTR-03", "suppliers/fabbrica-mes.yaml", 68),  # gap G2
    ("IAM-02", "suppliers/fabbrica-mes.yaml", 99),  # gap G1
    ("SUP-01", "suppliers/nubecloud.yaml", 15),  # recorded critical, tier 2
    ("CTR-08", "suppliers/nubecloud.yaml", 79),  # no security indemnity (policy, warning)
    ("SUP-01", "suppliers/robotec.yaml", 16),  # recorded critical, tier 2
    ("SUP-03", "suppliers/robotec.yaml", 23),  # gap G9
    ("CTR-05", "suppliers/robotec.yaml", 64),  # tier 1 in effect: notice content (policy)
    ("CTR-06", "suppliers/robotec.yaml", 67),  # log retention, forensic images (policy)
    ("CTR-07", "suppliers/robotec.yaml", 70),  # counsel and insurer cooperation (policy)
    ("CTR-08", "suppliers/robotec.yaml", 73),  # step-in (policy, warning)
    ("SUP-01", "suppliers/scambio-edi.yaml", 15),  # recorded critical, tier 2
    ("CTR-06", "suppliers/scambio-edi.yaml", 73),  # tier 1 in effect: 365-day logs (policy)
    ("CTR-07", "suppliers/scambio-edi.yaml", 76),  # counsel and insurer cooperation (policy)
    ("CTR-08", "suppliers/scambio-edi.yaml", 79),  # no security indemnity (policy, warning)
    ("IAM-03", "suppliers/server-lario.yaml", 54),  # gap G4
    ("SUP-04", "suppliers/vigilanza-soc.yaml", 33),  # gap G8
]

QUIET = ("logistica-padana", "paghe-centro", "progetta-plm", "talenti-it")


def test_the_machinery_makers_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("machinery-it", tmp_path)
    findings = unsuppressed(cli, root)
    assert located(findings) == FOUND
    assert planted_gaps(root) == 10
    assert not [f for f in findings if any(name in f["path"] for name in QUIET)]
    (late,) = [f for f in findings if f["code"] == "CTR-03"]
    assert "Directive (EU) 2022/2555 (NIS2) Art. 23(4)(a)" in late["message"]
