"""A Belgian hospital group (three hospitals, one legal entity), an essential entity in the
health sector under NIS2 (Annex I point 5; the Belgian law of 26 April 2024, the CCB its national
CSIRT), written as its risk, procurement and legal team would keep it
(tests/data/programmes/hospital-be), through the CLI: an EHR SaaS, a PACS maker and an infusion
pump maker maintaining their systems remotely, a laboratory information system SaaS, a cloud
provider, an MSSP, a payroll bureau, a facility management firm operating the building
management system, a caterer, a prospective telemedicine platform and an exited print-and-mail
provider; a cyber policy with MFA, EDR and backup conditions and a ransomware sublimit; plans for
an EHR outage (paper fallback) and ransomware; one tabletop. Every planted gap (a ``# gap``
comment, eleven) is found. The caterer draws nothing; the telemedicine platform, tier 1 only by
the patient data it would hold and supporting no critical function, is asked no continuity
remedy (CTR-08), only its pre-contract assessment; the pump maker's step-in is waived. The
regulator's clock is cited by the Directive's article: no provision of the Belgian law is cited
beside it until one is checked against its text."""

from __future__ import annotations

from pathlib import Path

from programmes import copy_programme, located, planted_gaps, unsuppressed

FOUND = [
    ("EXR-03", "exercises/2026-05-ransomware-tabletop.yaml", 26),  # gap G8
    ("BCM-07", "functions/functions.yaml", 38),  # gap G7: the laboratory has no plan
    ("EXR-01", "functions/functions.yaml", 38),  # G7 too: never exercised
    ("IAM-02", "identities/identities.yaml", 11),  # gap G1: PACS remote support, no MFA
    # gap G11: 180-day rotation (policy: 90), last rotated 2025-11-04: one finding, overdue by
    # the policy's 90 days (as the calendar dates it) and the interval too long
    ("IAM-02", "identities/identities.yaml", 81),
    ("IAM-03", "identities/identities.yaml", 103),  # gap G5: exited, SFTP account active
    ("INS-04", "insurance/cyber-2026.yaml", 25),  # info: waiting periods past the RTOs
    ("INS-04", "insurance/cyber-2026.yaml", 27),  # dependent BI for IT providers only
    ("INS-01", "insurance/cyber-2026.yaml", 36),  # G1 too: MFA on remote access attested
    ("INS-01", "insurance/cyber-2026.yaml", 42),  # G1 too: MFA on privileged access attested
    ("INS-01", "insurance/cyber-2026.yaml", 48),  # gap G6: EDR at 88 %, 95 % attested
    ("BCM-04", "plans/ehr-outage.yaml", 33),  # gap G10: no insurer notice template
    ("BCM-04", "plans/ehr-outage.yaml", 77),  # no outside or regulator message (policy)
    ("BCM-04", "plans/ehr-outage.yaml", 101),  # the same for the SOC fallback (policy)
    ("BCM-04", "plans/ehr-outage.yaml", 125),  # the same for the BMS fallback (policy)
    ("SUP-03", "suppliers/gebouwzorg.yaml", 17),  # tier 1: no escalation order (policy)
    ("CTR-05", "suppliers/gebouwzorg.yaml", 48),  # remote BMS access: notice items (policy)
    ("CTR-06", "suppliers/gebouwzorg.yaml", 51),  # 90-day logs, no forensic images (policy)
    ("CTR-07", "suppliers/gebouwzorg.yaml", 54),  # counsel and insurer cooperation (policy)
    ("CTR-08", "suppliers/gebouwzorg.yaml", 57),  # step-in, indemnity (policy, warning)
    ("CTR-03", "suppliers/labcore.yaml", 56),  # gap G2: 72 h, confirmed only
    ("SUP-04", "suppliers/loonwerk.yaml", 20),  # gap G3: assessed in March 2024
    ("CTR-17", "suppliers/medisfeer.yaml", 81),  # gap G9: GDPR Art. 28(3)(g)
    ("CTR-03", "suppliers/nuvola.yaml", 53),  # a confirmed breach only (hyperscaler terms)
    ("CTR-08", "suppliers/nuvola.yaml", 63),  # no security indemnity (policy, warning)
    ("SUP-04", "suppliers/telezorg.yaml", 3),  # gap G4: no pre-contract assessment
]

QUIET = ("smaakvol", "infumed", "radiantis.yaml", "wachtpost", "drukpost.yaml")


def test_the_hospital_groups_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("hospital-be", tmp_path)
    findings = unsuppressed(cli, root)
    assert located(findings) == FOUND
    assert planted_gaps(root) == 11
    assert not [f for f in findings if any(name in f["path"] for name in QUIET)]
    # the prospective telemedicine platform is asked no continuity remedy (CTR-08)
    assert not [f for f in findings if f["code"] == "CTR-08" and "telezorg" in f["path"]]
    (late,) = [f for f in findings if f["code"] == "CTR-03" and "labcore" in f["path"]]
    assert "Directive (EU) 2022/2555 (NIS2) Art. 23(4)(a)" in late["message"]
    assert "48-hour incident notice deadline of insurance policy cyber-2026" in late["message"]
