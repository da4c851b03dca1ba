"""SUP-04 asks a prospective supplier its pre-contract assessment once a contract with it
exists that is not ended: a draft (due before signing), and a contract signed whose start_date
is after the date checked (``signed``: due before it starts), which went unasked."""

from __future__ import annotations

import json
from pathlib import Path

REPO = """\
apiVersion: resilint/v1
kind: Entity
id: acme
name: ACME GmbH
country: DE
---
apiVersion: resilint/v1
kind: Supplier
id: newco
status: prospective
tier: TIER
provides_ict_services: true
---
apiVersion: resilint/v1
kind: Contract
id: ctr-newco
supplier: newco
status: STATUS
entities: [acme]
start_date: 2027-03-01
end_date: 2029-02-28
"""


def _sup04(cli, repo: Path, tier: int, status: str, as_of: str) -> list[tuple[str, str]]:
    text = REPO.replace("TIER", str(tier)).replace("STATUS", status)
    (repo / "repo.yaml").write_text(text, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=repo)
    findings = json.loads(run.stdout)["findings"]
    return [(f["level"], f["message"]) for f in findings if f["code"] == "SUP-04"]


def test_a_signed_contract_not_yet_started_asks_the_pre_contract_assessment(
    cli, tmp_path: Path
) -> None:
    ((level, message),) = _sup04(cli, tmp_path, 2, "active", "2026-12-01")
    assert level == "warning"
    assert "prospective supplier newco (tier 2) has a signed contract that has not" in message
    assert "assess it before the contract starts" in message
    ((level, message),) = _sup04(cli, tmp_path, 1, "active", "2026-12-01")
    assert level == "error" and "is tier 1 in effect" in message


def test_a_draft_is_asked_as_before(cli, tmp_path: Path) -> None:
    ((_, message),) = _sup04(cli, tmp_path, 2, "draft", "2026-12-01")
    assert "has a draft contract" in message and "before the contract is signed" in message
