"""A French investment firm (entreprise d'investissement, DORA Art. 2(1)(e)) that is small and
non-interconnected (IFR Art. 12(1)) and so on DORA's simplified ICT risk-management framework
(Art. 16), written as its risk and procurement team would keep it
(tests/data/programmes/invfirm-fr): a portfolio management SaaS hosted by a hyperscaler, a
market data vendor, an executing broker and a custodian bank (financial services, not ICT), the
hyperscaler hosting the client portal, a CRM SaaS, an IT managed service provider with
privileged remote access, a web agency with production deploy rights, e-signature, payroll and
external DPO providers, a prospective robo-advice engine, an exited telephony provider, a cyber
policy bought through a broker, two continuity plans and a tabletop. Each planted gap (a
``# gap`` comment) is found, and nothing else is reported but what the list below explains.
The simplified framework is read as the law reads it: no yearly criticality review (BCM-02) and
no yearly test of the functions that are not critical (EXR-04) are asked, and the critical
function's test cites Delegated Regulation (EU) 2024/1774 Art. 40(1), not DORA Art. 11(6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme, planted_gaps

FOUND = [
    ("CTR-01", "contracts/clientia.yaml", 24),  # gap G5: Art. 30(2)(b), data locations
    ("CTR-17", "contracts/paiefacile.yaml", 34),  # gap G11: GDPR Art. 28(3)(g)
    ("CTR-14", "contracts/quantix.yaml", 24),  # gap G10: renewed unreviewed (policy)
    ("CTR-10", "contracts/quantix.yaml", 66),  # Art. 30(3)(e): the feed supports a critical one
    ("CTR-02", "contracts/valorys.yaml", 25),  # gap G1: Art. 30(3)(c), contingency plans
    ("REG-03", "contracts/voxtel.yaml", 3),  # G7 too: the register reads it as ended
    ("CTR-13", "contracts/voxtel.yaml", 19),  # gap G7: ended, still marked active
    ("EXR-01", "functions/order-reception-transmission.yaml", 3),  # gap G8: plan tested 2025
    ("IAM-02", "identities.yaml", 11),  # gap G2: the MSP's privileged accounts without MFA
    ("INS-04", "insurance/cyber-2026.yaml", 24),  # info: 12 h waiting period, 4 h and 8 h RTOs
    ("INS-04", "insurance/cyber-2026.yaml", 26),  # the market data vendor not named for DBI
    ("INS-04", "insurance/cyber-2026.yaml", 26),  # gap G9: the PMS not named for DBI
    ("INS-01", "insurance/cyber-2026.yaml", 35),  # gap G3: MFA 85 %, attested at 100 %
    ("SUP-01", "suppliers/banque-aquitaine.yaml", 14),  # tier 1 in effect (policy)
    ("SUP-03", "suppliers/banque-aquitaine.yaml", 20),  # its escalation order (policy)
    ("SUP-02", "suppliers/nimbus-cloud.yaml", 3),  # gap G6: no LEI
    ("SUP-01", "suppliers/nimbus-cloud.yaml", 13),  # hosts the PMS: tier 1 in effect (policy)
    ("SUP-03", "suppliers/nimbus-cloud.yaml", 19),  # its escalation order (policy)
    ("SUP-01", "suppliers/ordo-securities.yaml", 14),  # tier 1 in effect (policy)
    ("SUP-03", "suppliers/ordo-securities.yaml", 20),  # its escalation order (policy)
    ("SUP-03", "suppliers/pixel-estuaire.yaml", 3),  # gap G4: deploys, no security contact
    ("SUP-01", "suppliers/quantix.yaml", 14),  # its feed supports a critical function (policy)
    ("SUP-03", "suppliers/quantix.yaml", 19),  # its escalation order (policy)
    ("SUP-04", "suppliers/signaplus.yaml", 23),  # gap G12: assessed 2023 (policy)
    ("REG-07", "suppliers/valorys.yaml", 26),  # G6 too: the PMS's host has no LEI
]


def _found(cli: Any, root: Path) -> list[dict[str, Any]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    found: list[dict[str, Any]] = result.json()["findings"]
    return found


def test_the_firms_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("invfirm-fr", tmp_path, "firm")
    found = _found(cli, root)
    assert [(f["code"], Path(f["path"]).as_posix(), f["line"]) for f in found] == FOUND
    assert planted_gaps(root) == 12
    # the custodian bank and the executing broker are asked no ICT contract terms
    bank_or_broker = ("contracts/banque-aquitaine.yaml", "contracts/ordo-securities.yaml")
    assert not [f for f in found if Path(f["path"]).as_posix() in bank_or_broker]
    # the prospective robo-adviser and the DPO consultancy are asked nothing
    assert not [f for f in found if "roboconseil" in f["path"] or "privacia" in f["path"]]
    # the MFA attested to the French insurer is read under the Code des assurances
    (mfa,) = [f for f in found if f["code"] == "INS-01"]
    assert "(Code des assurances Art. L113-8)" in mfa["message"]
    assert "msp-rmm-admins (privileged, supplier atlantique-infogerance)" in mfa["message"]


def test_the_simplified_framework_is_read_as_the_law_reads_it(cli, tmp_path: Path) -> None:
    root = copy_programme("invfirm-fr", tmp_path, "firm")
    found = _found(cli, root)
    # the functions that are not critical were assessed more than a year ago and never
    # tested: DORA Art. 8(1) and 11(6) do not bind the firm (Art. 16(1))
    assert not [f for f in found if f["code"] in ("BCM-02", "EXR-04")]
    (exercise,) = [f for f in found if f["code"] == "EXR-01"]
    assert "Delegated Regulation (EU) 2024/1774 Art. 40(1) asks the back-up" in exercise["message"]
    assert "DORA Art. 11" not in exercise["message"]
    # and the calendar lists no yearly criticality review beside the clean check
    run = cli("calendar", ".", "--format", "json", "--days", "400", cwd=root)
    assert run.exit_code == 0, run.stderr
    categories = {d["category"] for d in run.json()["deadlines"]}
    assert "criticality" not in categories
    assert "exercise" in categories


def test_the_register_holds_the_ict_arrangements_only(cli, tmp_path: Path) -> None:
    """The custodian and the broker serve the firm as its regulated counterparties: no ICT
    arrangement of theirs is filed; the register is not ready while the cloud provider's LEI
    and the ended contract's reason are missing (the planted gaps), and says so."""
    root = copy_programme("invfirm-fr", tmp_path, "firm")
    out = tmp_path / "register"
    run = cli(
        "register", "export", ".", "--format", "csv", "-o", str(out),
        "--reference-date", "2026-12-07", cwd=root,
    )  # fmt: skip
    assert run.exit_code == 1
    assert "REG-03" in run.stdout and "SUP-02" in run.stdout and "REG-07" in run.stdout
    run = cli(
        "register", "export", ".", "--format", "csv", "-o", str(out),
        "--reference-date", "2026-12-07", "--allow-incomplete", cwd=root,
    )  # fmt: skip
    arrangements = (out / "b_02.01.csv").read_text(encoding="utf-8")
    assert "GPG-2024-004" in arrangements and "GPG-2024-001" in arrangements
    providers = (out / "b_05.01.csv").read_text(encoding="utf-8")
    assert "Banque d'Aquitaine" not in providers and "Ordo Securities" not in providers
    entity = (out / "b_01.01.csv").read_text(encoding="utf-8").splitlines()[1]
    assert entity.startswith("969500GARONNEPG00069,Garonne Patrimoine Gestion SAS,FR,")


def test_the_audit_rights_finding_says_what_to_do(cli, tmp_path: Path) -> None:
    """CTR-10 told the contract's owner what the record lacks, not what to do about it."""
    root = copy_programme("invfirm-fr", tmp_path, "firm")
    run = cli("check", ".", "--format", "json", "--no-cache", "--select", "CTR-10", cwd=root)
    (finding,) = run.json()["findings"]
    assert finding["message"].endswith(
        "(audit.alternative_assurance, DORA Art. 30(3)(e)(ii)): record "
        "audit.unrestricted_access: true if the contract grants it, else negotiate it, or record "
        "the assurance agreed in its place where unrestricted access would affect the supplier's "
        "other clients (other_clients_affected: true and its methods)"
    )
    contract = root / "contracts" / "quantix.yaml"
    text = contract.read_text(encoding="utf-8")
    contract.write_text(
        text.replace("includes_competent_authority: true}", "unrestricted_access: true}"),
        encoding="utf-8",
    )
    run = cli("check", ".", "--format", "json", "--no-cache", "--select", "CTR-10", cwd=root)
    (finding,) = run.json()["findings"]
    assert finding["message"].endswith(
        "(audit.includes_competent_authority: true): record it if the contract grants them, "
        "else negotiate them (DORA Art. 30(3)(e)(i))"
    )


def test_a_clause_not_recorded_says_what_to_record(cli, tmp_path: Path) -> None:
    """CTR-01 and CTR-02 said only that the record does not say whether the contract holds the
    clause; they now say what to record once the contract is read."""
    root = copy_programme("invfirm-fr", tmp_path, "firm")
    run = cli("check", ".", "--format", "json", "--no-cache", "--select", "CTR-01,CTR-02", cwd=root)
    found = {f["code"]: f["message"] for f in run.json()["findings"]}
    assert found["CTR-02"].endswith(
        "(dora.30.3.c): business contingency plans implemented and tested by the supplier; record "
        "what the contract says: present: true with its location, or present: false"
    )
    assert found["CTR-01"].endswith(
        "and notice before they change; record what the contract says: present: true with its "
        "location, or present: false"
    )
