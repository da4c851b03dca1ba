"""A branch recorded as an Entity of its own (branch_of, for its own clocks) is part of its head
office's legal person: a policy naming the head office insures it, so INS-06 does not ask the
broker to add the branch. A branch whose head office no policy insures either is still reported,
naming both."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: brightfen
name: Brightfen Money B.V.
country: NL
---
apiVersion: resilint/v1
kind: Entity
id: brightfen-es
name: Brightfen Money B.V., Sucursal en España
country: ES
branch_of: {entity: brightfen, code: BFM-ES-MAD}
---
apiVersion: resilint/v1
kind: Supplier
id: helpwise
---
apiVersion: resilint/v1
kind: Contract
id: ctr-helpwise
supplier: helpwise
status: active
entities: [brightfen, brightfen-es]
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
line: cyber
period: {start: 2026-07-01, end: 2027-06-30}
insured_entities: [INSURED]
"""


def _ins06(cli, repo: Path) -> list[dict]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-01", cwd=repo)
    return [f for f in json.loads(run.stdout)["findings"] if f["code"] == "INS-06"]


def test_a_branch_is_insured_by_the_policy_of_its_head_office(cli, tmp_path: Path) -> None:
    text = PROGRAMME.replace("INSURED", "brightfen")
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    assert _ins06(cli, tmp_path) == []


def test_a_branch_of_an_uninsured_head_office_is_reported(cli, tmp_path: Path) -> None:
    text = PROGRAMME.replace("INSURED", "someone-else")
    text = text.replace("entities: [brightfen, brightfen-es]", "entities: [brightfen-es]")
    text += "---\napiVersion: resilint/v1\nkind: Entity\nid: someone-else\n"
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    (finding,) = _ins06(cli, tmp_path)
    assert finding["id"] == "brightfen-es"
    assert "entity brightfen-es (a branch of brightfen) is party to" in finding["message"]
    assert "lists it or its head office brightfen under insured_entities" in finding["message"]
