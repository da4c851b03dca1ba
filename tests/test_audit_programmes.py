"""Two programmes written as their risk teams would keep them (tests/data/programmes), through
the CLI: a German non-life insurer under DORA and Solvency II, and a Dutch drinking-water utility
under NIS2 that records no DORA codes. Each planted gap (a ``# gap`` comment) is found, and
nothing else is reported but what the list below explains: the false alarms the audit of these
programmes found (a chemicals supplier's 24x7 dispatch line not counted, a telemetry carrier and
a PLC maker described in words asked step-in rights, forensic images and a joint playbook) stay
gone. A third, an Austrian telecom operator under NIS2 and the ePrivacy breach notice, describes
its transit carrier and its colocation in a telecom operator's words ("upstream transit and public
peering", "housing of core site 2 in a carrier-neutral data centre"): neither is asked step-in
rights, forensic images or a joint playbook, and the policy's infrastructure exclusion is seen to
take out the carrier's dependent cover."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from one_file import register_rows

DATA = Path(__file__).parent / "data" / "programmes"

INSURER = [
    ("EXR-03", "exercises.yaml", 21),  # gap G8: exercise finding overdue
    ("INS-04", "insurance.yaml", 27),  # gap G7: BI waiting period 96 h past the MTPD
    ("INS-01", "insurance.yaml", 48),  # gap G6: MFA on remote access attested, 82 %
    ("BCM-04", "plans.yaml", 4),  # gap G9: the flood plan names no deputy
    ("SUP-10", "suppliers/aktuarcloud.yaml", 36),  # gap G5: data locations
    ("REG-05", "suppliers/aktuarcloud.yaml", 41),  # G5 too: the register's sensitiveness
    ("IAM-03", "suppliers/archivdok.yaml", 53),  # gap G11: exited, SFTP user active
    ("IAM-02", "suppliers/druckpost.yaml", 88),  # policy: a yearly key rotation, overdue by 90 days
    ("CTR-02", "suppliers/policenwerk.yaml", 123),  # gap G2: DORA Art. 30(3)(f)
    ("CTR-03", "suppliers/policenwerk.yaml", 126),  # gap G1: 72 h, confirmed only
    ("SUP-12", "suppliers/schadenservice.yaml", 62),  # gap G4: sub-outsourcing terms
    ("CTR-16", "suppliers/schadenservice.yaml", 129),  # gap G3: no access for BaFin
    ("IAM-02", "suppliers/schadenservice.yaml", 210),  # gap G10: handlers without MFA
]

UTILITY = [
    ("EXR-02", "exercises.yaml", 9),  # gap W5: no supplier compromise played
    ("EXR-02", "exercises.yaml", 14),  # the tabletop seated no finance or risk
    ("EXR-03", "exercises.yaml", 24),  # gap W10: finding without owner
    ("INS-06", "insurance.yaml", 10),  # the policy ends on 31 December, no renewal recorded
    ("INS-03", "insurance.yaml", 14),  # dependent business interruption not recorded
    ("INS-04", "insurance.yaml", 21),  # info: waiting period equal to the RTO
    ("INS-01", "insurance.yaml", 33),  # W1 too: the MFA condition and the OT account
    ("INS-07", "insurance.yaml", 46),  # gap W3: OT exclusion, segmentation partial
    ("BCM-04", "plans.yaml", 28),  # gap W4: no regulator template, no stand-down
    ("SUP-05", "suppliers/chempuur.yaml", 6),  # gap W8: the framework contract expired
    ("CTR-03", "suppliers/hydrocontrol.yaml", 72),  # gap W2: 48 h past the 24 h warning
    ("IAM-02", "suppliers/hydrocontrol.yaml", 103),  # gap W1: remote maintenance, no MFA
    ("SUP-04", "suppliers/kantoorit.yaml", 33),  # gap W6: assessed in 2024
    ("CON-04", "suppliers/plcwerk.yaml", 37),  # gap W9: PLC platform, no exit plan
    ("SUP-03", "suppliers/telemesh.yaml", 22),  # gap W7: no 24x7 security contact
    ("CTR-06", "suppliers/telemesh.yaml", 45),  # evidence preservation of the carrier
]

TELECOM = [
    ("EXR-02", "exercises/2026-04-core-site-loss.yaml", 13),  # no procurement, finance or risk
    ("EXR-03", "exercises/2026-04-core-site-loss.yaml", 26),  # gap G12: finding overdue
    ("BCM-07", "functions/functions.yaml", 23),  # gap G11: billing has no continuity plan
    ("EXR-01", "functions/functions.yaml", 23),  # G11 too: billing never exercised
    ("IAM-02", "identities/identities.yaml", 11),  # gap G1: vendor remote support, no MFA
    ("IAM-02", "identities/identities.yaml", 31),  # gap G6: SOC credential rotation overdue
    ("IAM-03", "identities/identities.yaml", 69),  # gap G9: exited vendor, account active
    ("EVD-01", "insurance/cyber-2026.yaml", 3),  # no claims evidence package
    ("INS-04", "insurance/cyber-2026.yaml", 25),  # info: waiting period past the SOC's RTO
    ("INS-04", "insurance/cyber-2026.yaml", 25),  # waiting period equal to the core's MTPD
    ("INS-01", "insurance/cyber-2026.yaml", 36),  # gap G10: MFA on remote access at 85 %
    ("INS-01", "insurance/cyber-2026.yaml", 42),  # G1 too: privileged vendor account, no MFA
    ("INS-04", "insurance/cyber-2026.yaml", 63),  # infrastructure exclusion: the carrier
    ("BCM-04", "plans/plans.yaml", 50),  # the SOC plan: no regulator or customer message
    ("PLB-01", "playbooks/playbooks.yaml", 32),  # the billing playbook names no people
    ("PLB-02", "suppliers/cyberwacht.yaml", 3),  # gap G7: no playbook with the SOC
    ("SUP-04", "suppliers/donau-rz.yaml", 21),  # gap G5: colocation assessed January 2025
    ("SUP-11", "suppliers/donau-rz.yaml", 30),  # policy: exit transition period
    ("SUP-03", "suppliers/eurotransit.yaml", 17),  # gap G4: no 24x7 contact at the carrier
    ("SUP-04", "suppliers/glasfaser-pinzgau.yaml", 19),  # gap G3: assessed in 2023
    ("SUP-11", "suppliers/nordkern.yaml", 35),  # policy: exit transition period
    ("CTR-03", "suppliers/rechnungswerk.yaml", 64),  # gap G2: 72 h, confirmed only
    ("CTR-03", "suppliers/serviceline.yaml", 47),  # gap G8: 96 h
    ("CTR-04", "suppliers/serviceline.yaml", 47),  # G8 too: past the 24-hour clocks
    ("CTR-05", "suppliers/serviceline.yaml", 49),  # the notice names only a contact
]


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(DATA / name, target, ignore=shutil.ignore_patterns(".resilint_cache"))
    return target


def _found(cli: Any, root: Path) -> list[tuple[str, str, int]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return [(f["code"], Path(f["path"]).as_posix(), f["line"]) for f in result.json()["findings"]]


def _gap_lines(root: Path) -> int:
    return sum(
        line.lstrip().startswith("# gap")
        for path in root.rglob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
    )


def test_the_insurers_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = _copy("insurer-de", tmp_path)
    assert _found(cli, root) == INSURER
    assert _gap_lines(root) == 11


def test_the_utilitys_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = _copy("water-nl", tmp_path)
    found = _found(cli, root)
    assert found == UTILITY
    assert _gap_lines(root) == 10
    # described in words, with no DORA code: a carrier and licensed software
    assert not [f for f in found if f[0] in ("PLB-02", "CTR-08")]
    assert ("SUP-03", "suppliers/chempuur.yaml", 21) not in found


def test_the_insurers_register_files_its_hyperscaler_contract_for_claims_only(
    cli, tmp_path: Path
) -> None:
    root = _copy("insurer-de", tmp_path)
    rows = register_rows(cli, root, "b_02.02", "2026-12-31")
    functions = {row[4] for row in rows[1:] if row[0] == "RAV-2024-002"}
    assert functions == {"claims-handling"}


def test_a_partial_segmentation_control_is_told_to_be_completed(cli, tmp_path: Path) -> None:
    root = _copy("water-nl", tmp_path)
    result = cli("check", ".", "--format", "json", "--no-cache", "--select", "INS-07", cwd=root)
    (finding,) = result.json()["findings"]
    assert "control ot-segmentation is partial" in finding["message"]
    assert "Complete the partial control (ot-segmentation)" in finding["message"]
    planned = root / "controls.yaml"
    planned.write_text(
        planned.read_text(encoding="utf-8").replace("status: partial", "status: planned"),
        encoding="utf-8",
    )
    result = cli("check", ".", "--format", "json", "--no-cache", "--select", "INS-07", cwd=root)
    (finding,) = result.json()["findings"]
    assert "Implement the control and record it" in finding["message"]


def test_the_telecom_operators_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = _copy("telecom-at", tmp_path)
    found = _found(cli, root)
    assert found == TELECOM
    assert _gap_lines(root) == 12
    # the carrier and the colocation, described in words: no step-in, forensic images or
    # joint playbook, and the carrier's 180-day log retention is not asked to be 365
    assert not [
        f for f in found if f[0] in ("CTR-06", "CTR-08", "PLB-02") and "cyberwacht" not in f[1]
    ]
    # the call centre's notice, against the 24-hour breach notice of Regulation 611/2013
    (finding,) = [f for f in _findings(cli, root) if f["code"] == "CTR-04"]
    assert "Commission Regulation (EU) No 611/2013 Art. 2(2)" in finding["message"]


def _findings(cli: Any, root: Path) -> list[dict[str, Any]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    return list(result.json()["findings"])
