"""INS-07 says in words what an exclusion takes out, through the CLI: "excludes the losses its
wording describes ("Losses from OT systems not segmented from IT")" for an exclusion of type
other, "losses through systems left unpatched" for one of its types, never the type's code
("excludes other losses", "excludes unpatched_systems losses")."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: utility
name: Municipal water utility
country: DE
regimes: []
---
apiVersion: resilint/v1
kind: Control
id: ot-segmentation
category: network_segmentation
status: partial
scope: [network]
coverage_percent: 70
owner: head-of-ot
---
apiVersion: resilint/v1
kind: Control
id: patching
category: patching
status: planned
scope: [servers]
owner: head-of-it
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
name: Cyber policy
insurer: Municipal Mutual
owner: head-of-finance
period: {start: 2026-01-01, end: 2027-12-31}
insured_entities: [utility]
exclusions:
  - id: unsegmented-ot
    type: other
    description: Losses from OT systems not segmented from IT.
    mitigating_control_categories: [network_segmentation]
  - id: unpatched
    type: unpatched_systems
    mitigating_control_categories: [patching]
"""


def test_an_exclusion_is_named_by_what_it_takes_out(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-07", cwd=tmp_path)
    found = [f for f in json.loads(run.stdout)["findings"] if f["code"] == "INS-07"]
    messages = [f["message"] for f in found]
    assert len(messages) == 2, messages
    other, unpatched = messages
    assert other.startswith(
        "insurance policy cyber excludes the losses its wording describes "
        '("Losses from OT systems not segmented from IT") (exclusion unsegmented-ot)'
    )
    assert unpatched.startswith(
        "insurance policy cyber excludes losses through systems left unpatched "
        "(exclusion unpatched)"
    )
    assert not any("other losses" in m or "unpatched_systems losses" in m for m in messages)
