"""A network whose rulebook every participant signs unchanged, which we chose to join (the
crypto-asset service provider's travel-rule messaging network, tests/data/programmes/casp-de),
is not `mandated`: no law makes us take part in it. The terms only a bargain gives that its
rulebook lacks are accepted the documented way, in approved waivers narrowed to those terms,
through the CLI on real files: the policy findings are suppressed, and what the law asks of the
contract (DORA Art. 30(2)(f) assistance in an ICT incident) is still reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme

WAIVERS = """apiVersion: resilint/v1
kind: Waiver
id: veritrail-rulebook
rules: [CTR-05, CTR-06, CTR-08]
targets:
  - {kind: Contract, id: ctr-veritrail-2025}
rationale: Every participant signs the network rulebook unchanged; its terms are not negotiated.
compensating_controls: [Our own logging of the interface, a yearly review of the rulebook]
risk_owner: head-of-financial-crime
approver: chief-risk-officer
approved_on: 2026-09-01
expires: 2027-08-31
---
apiVersion: resilint/v1
kind: Waiver
id: veritrail-rulebook-counsel
rule: CTR-07
targets:
  - {kind: Contract, id: ctr-veritrail-2025, field: cooperation.outside_counsel}
  - {kind: Contract, id: ctr-veritrail-2025, field: cooperation.insurer}
rationale: The rulebook says nothing of cooperation with our counsel or our insurer.
risk_owner: head-of-financial-crime
approver: chief-risk-officer
approved_on: 2026-09-01
expires: 2027-08-31
"""


def _veritrail(cli: Any, root: Path) -> dict[tuple[str, str], bool]:
    """The findings on the network's contract: (code, json_path) and whether one is waived."""
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return {
        (f["code"], f["json_path"]): f["suppressed"]
        for f in result.json()["findings"]
        if Path(f["path"]).as_posix() == "contracts/veritrail.yaml"
    }


def test_the_rulebook_s_policy_gaps_are_waived_and_the_law_s_still_asked(
    cli, tmp_path: Path
) -> None:
    root = copy_programme("casp-de", tmp_path, "casp")
    before = _veritrail(cli, root)
    assert not any(before.values()), before
    (root / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    found = _veritrail(cli, root)
    assert found == {
        ("CTR-06", "evidence_retention"): True,
        ("CTR-07", "cooperation.outside_counsel"): True,
        ("CTR-08", "remedies.accelerated_termination"): True,
        ("CTR-05", "incident_notification.content"): True,
        # notice of a suspected compromise is not waived here: still reported
        ("CTR-03", "incident_notification.trigger"): False,
    }
    # the rulebook's record without DORA's incident assistance: the law's terms are still asked
    contract = root / "contracts" / "veritrail.yaml"
    text = contract.read_text(encoding="utf-8")
    line = '  dora.30.2.f: {present: true, variant: standard, location: "DORA annex, clause 6"}\n'
    assert line in text
    contract.write_text(text.replace(line, ""), encoding="utf-8")
    found = _veritrail(cli, root)
    assert found[("CTR-07", "cooperation.incident_team")] is False
    assert found[("CTR-01", "clauses.dora.30.2.f.present")] is False
    assert found[("CTR-07", "cooperation.outside_counsel")] is True
