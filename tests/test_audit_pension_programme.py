"""A Dutch company pension fund (an IORP, DORA Art. 2(1)(k); 11,400 members, far above the 15 of
Art. 2(3)(c)) that outsources almost everything, written as its bureau would keep it
(tests/data/programmes/pension-nl): the pension administration organisation running member
administration and the monthly payment run on its own platform (an ICT service and the fund's
critical outsourcing, with a hosting subcontractor), a fiduciary manager and a custodian bank
(no ICT services), an actuarial firm, a member portal SaaS, the government's citizen login (a
public body), a print-and-mail house, the auditor, the bureau's managed workplace, a former portal
provider (exited) and a candidate (prospective), a small cyber policy without
business-interruption cover, three continuity plans and one exercise. Each planted gap (a ``#
gap`` comment) is found, and nothing else is reported but what the list below explains."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from one_file import register_rows
from programmes import copy_programme, located, planted_gaps

FOUND = [
    ("REG-04", "contracts/rijnpoort.yaml", 3),  # gap G12: no governing law
    ("CTR-02", "contracts/rijnpoort.yaml", 41),  # gap G1: Art. 30(3)(f), exit strategy
    ("EXR-03", "exercises/2026-04-payment-run.yaml", 27),  # gap G8: finding overdue
    ("BCM-03", "functions/functions.yaml", 21),  # gap G6: 72 h recovery, 24 h RTO and fallback
    ("EVD-01", "insurance/cyber-2026.yaml", 6),  # no claims evidence package (policy)
    ("INS-01", "insurance/cyber-2026.yaml", 43),  # gap G7: MFA attested, 80 %
    ("BCM-04", "plans/plans.yaml", 4),  # gap G5: no deputy
    ("SUP-04", "suppliers/actuaverit.yaml", 30),  # gap G10: assessed in 2023
    # the public body's connection conditions record no clauses: DORA's are asked all the same
    # of an ICT service, and the log retention and cooperation the programme asks
    ("CTR-01", "suppliers/ddt.yaml", 48),
    ("CTR-06", "suppliers/ddt.yaml", 48),
    ("CTR-07", "suppliers/ddt.yaml", 48),
    ("CTR-09", "suppliers/ddt.yaml", 48),
    ("SUP-11", "suppliers/deltafiduciair.yaml", 47),  # policy: no transition period recorded
    ("CTR-16", "suppliers/deltafiduciair.yaml", 72),  # gap G4: no access for DNB
    ("BCM-03", "suppliers/kadebank.yaml", 36),  # the fallback sends the file through the bank
    ("CON-04", "suppliers/kadebank.yaml", 36),  # policy: custody highly complex, no exit plan
    ("CTR-13", "suppliers/oudportaal.yaml", 48),  # gap G11: ended, marked active
    ("CTR-03", "suppliers/portaalwerk.yaml", 94),  # gap G9: 96 h, confirmed only
    ("SUP-09", "suppliers/rijnpoort.yaml", 50),  # gap G3: subcontracting not stated
    ("SUP-08", "suppliers/rijnpoort.yaml", 63),  # gap G2: exit plan tested 2025
]


def _found(cli: Any, root: Path) -> list[dict[str, Any]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return result.json()["findings"]


def test_the_funds_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("pension-nl", tmp_path, "pension")
    found = _found(cli, root)
    assert located(found) == FOUND
    assert planted_gaps(root) == 12
    paths = {Path(f["path"]).as_posix() for f in found}
    # the print house, the auditor and the workplace provider are asked nothing more
    assert not paths & {
        "suppliers/drukhuis-zeeland.yaml",
        "suppliers/klaver-accountants.yaml",
        "suppliers/kantoorit.yaml",
    }
    # the former portal's contract is asked only to be recorded as ended, not its terms
    (ended,) = [f for f in found if f["id"] == "ctr-oudportaal-2019"]
    assert "the supplier is recorded as exited" in ended["message"]
    # a policy without business-interruption cover is not asked for dependent cover
    assert not [f for f in found if f["code"] == "INS-03"]


def test_the_register_holds_the_ict_arrangements_only(cli, tmp_path: Path) -> None:
    """The register of information lists the administrator (with its hosting subcontractor in
    the supply chain), the workplace, the portal and the citizen login; not the fiduciary
    manager, the custodian, the actuary, the print house or the auditor, which provide no ICT
    services, nor the former portal, whose contract ended before the reference year."""
    root = copy_programme("pension-nl", tmp_path, "pension")
    rows = register_rows(cli, root, "b_02.01", "2026-12-31")
    assert sorted(r[0] for r in rows[1:]) == [
        "PFV-2021-001",
        "PFV-2024-002",
        "PFV-2025-004",
        "PFV-2025-005",
    ]
    chain = register_rows(cli, root, "b_05.02", "2026-12-31")
    assert [(r[2], r[4]) for r in chain[1:]] == [
        ("724500RIJNPOORTADM84", "1"),
        ("724500NIMBUSHOST0094", "2"),
    ]
