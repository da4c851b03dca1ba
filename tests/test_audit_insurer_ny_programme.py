"""A New York property and casualty insurer, a covered entity under 23 NYCRR Part 500 (not Class
A: its group has 1,350 staff and USD 780m revenue) with no EU entity, written as its risk,
procurement and legal team would keep it (tests/data/programmes/insurer-ny), through the CLI: a
policy-administration SaaS (tier 1), a claims platform, AWS, an MSSP running the SOC, a
print-and-mail vendor and an independent adjuster (no ICT services) holding policyholders'
nonpublic information, a reinsurance broker, an actuarial consultancy, the group's shared-IT
affiliate, an exited mainframe outsourcer and a prospective AI underwriting vendor; a cyber
tower with MFA and EDR conditions; a BCP and an incident response plan; one tabletop. Every
planted gap (a ``# gap`` comment, twelve) is found; no EU law is cited; the affiliate is asked
no third-party provisions (500.1: an affiliate is no third-party service provider), the
adjuster, the broker and the actuaries no ICT terms; the NYDFS notice of an extortion payment,
recorded without runs_from, is not set against a supplier's notice window."""

from __future__ import annotations

import re
from pathlib import Path

from programmes import copy_programme, located, planted_gaps, unsuppressed

FOUND = [
    ("ENT-02", "entities.yaml", 13),  # gap G10: 2025 certification not filed
    ("EXR-03", "exercises/2026-05-ransomware-tabletop.yaml", 27),  # gap G9
    ("BCM-04", "functions/claims-handling.yaml", 52),  # no regulator message in any plan
    ("EXR-01", "functions/policy-administration.yaml", 50),  # gap G8: 500.16(d)(1)
    ("INS-01", "insurance/cyber-tower-2026.yaml", 34),  # gap G3 again: remote access MFA
    ("INS-01", "insurance/cyber-tower-2026.yaml", 46),  # gap G7: EDR 88 % against 95 %
    ("CTR-04", "suppliers/aws.yaml", 59),  # "without undue delay": not waived (warning)
    ("CTR-11", "suppliers/claimwise.yaml", 56),  # gap G1: 500.11(b)(2)
    ("IAM-05", "suppliers/claimwise.yaml", 74),  # gap G3: 500.12(a)
    ("IAM-03", "suppliers/corvane.yaml", 49),  # gap G6
    ("SUP-04", "suppliers/fenwick.yaml", 21),  # gap G5
    ("SUP-03", "suppliers/inkline.yaml", 19),  # no 24x7 contact (policy: SFTP access, NPI)
    ("CTR-07", "suppliers/inkline.yaml", 35),  # cooperation not recorded (policy)
    ("CTR-11", "suppliers/inkline.yaml", 56),  # gap G2: 500.11(b)(4)
    ("CTR-03", "suppliers/inkline.yaml", 59),  # confirmed-only trigger (policy)
    ("CTR-03", "suppliers/quillfield.yaml", 66),  # gap G11: 96 h against 72 h
    ("IAM-02", "suppliers/sentryhold.yaml", 104),  # gap G4
    ("SUP-04", "suppliers/underlight.yaml", 5),  # gap G12: no pre-contract due diligence
    ("EXC-02", "waivers.yaml", 5),  # the AWS waiver names CTR-06, which finds nothing there
]

EU_LAW = re.compile(r"DORA|NIS2|GDPR|Regulation \(EU\)|Directive|EDPB|data protection authority")


def test_the_ny_insurers_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("insurer-ny", tmp_path)
    findings = unsuppressed(cli, root)
    found = located(findings)
    assert found == FOUND
    assert planted_gaps(root) == 12
    assert not [f["message"] for f in findings if EU_LAW.search(f["message"])]
    # the affiliate, the adjuster, the reinsurance broker and the actuaries are asked nothing
    quiet = ("tbg-shared-it", "burrard", "marlowe", "fenwick.yaml")
    assert [f for f in found if any(name in f[1] for name in quiet)] == [
        ("SUP-04", "suppliers/fenwick.yaml", 21)
    ]
    # the extortion payment's 24 hours run from the payment: no supplier window is set against it
    assert not [f for f in findings if "extortion" in f["message"]]
    [quillfield] = [f for f in findings if f["path"].endswith("quillfield.yaml")]
    assert "23 NYCRR 500.17(a)(1)" in quillfield["message"]
    # a missing 500.11(b) provision says what to do about it
    clauses = [f["message"] for f in findings if f["code"] == "CTR-11"]
    assert len(clauses) == 2
    assert all("negotiate it into the contract and record it (present: true)" in m for m in clauses)
    assert all("record applicable: false with the reason" in m for m in clauses)


def test_impact_and_calendar_cite_no_eu_law_and_start_no_payment_notice(
    cli, tmp_path: Path
) -> None:
    root = copy_programme("insurer-ny", tmp_path)
    for supplier in ("quillfield", "sentryhold", "burrard", "tbg-shared-it"):
        run = cli("impact", "--supplier", supplier, cwd=root)
        assert run.exit_code == 0, run.stderr
        assert not EU_LAW.search(run.stdout), (supplier, run.stdout)
        clocks = run.stdout.split("\nNotes\n")[0]
        assert "extortion payment" not in clocks
    saas = cli("impact", "--supplier", "quillfield", cwd=root).stdout
    assert "NYDFS notice of an extortion payment, 24 hours" in saas
    assert "NY General Business Law 899-aa(2)" in saas
    calendar = cli("calendar", cwd=root)
    assert calendar.exit_code in (0, 1) and not EU_LAW.search(calendar.stdout)
    register = cli("register", "export", ".", "-o", str(tmp_path / "reg"), cwd=root)
    assert register.exit_code != 0
    assert "no Entity here keeps a DORA register" in register.stdout + register.stderr
