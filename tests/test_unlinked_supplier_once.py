"""A supplier we rely on that no business function depends on, through the CLI: its missing
link is one finding, BCM-05's, which also says what the link gives the DORA register (its
contracts' function identifier); REG-10 does not say again that the contract's function
identifier is empty. Where BCM-05 does not run, REG-10 says it."""

from __future__ import annotations

import json

REPO = """\
apiVersion: resilint/v1
kind: Entity
id: acme-bank
lei: 5299000J2N45DDNE4Y28
regimes: [dora]
---
apiVersion: resilint/v1
kind: Supplier
id: cloudco
tier: 1
supports_critical_function: true
provider_id: 529900T8BM49AURSDO55
provider_id_type: LEI
provides_ict_services: true
services: [{name: hosting, ict_service_type: S17}]
---
apiVersion: resilint/v1
kind: Contract
id: ctr-cloudco
supplier: cloudco
"""


def found(cli, write, config: dict) -> dict[str, list[str]]:
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", REPO)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache")
    messages: dict[str, list[str]] = {"BCM-05": [], "REG-10": []}
    for f in result.json()["findings"]:
        if f["code"] in messages:
            messages[f["code"]].append(f["message"])
    return messages


def test_the_missing_link_is_bcm05s_with_its_register_use(cli, write) -> None:
    said = found(cli, write, {"profiles": ["dora-register"], "select": ["REG-10", "BCM-05"]})
    assert len(said["BCM-05"]) == 1, said
    assert said["BCM-05"][0].startswith("supplier cloudco is one we rely on")
    assert said["BCM-05"][0].endswith(
        "; a function naming it in depends_on also gives its contracts their function "
        "identifier in the DORA register of information (B_02.02.0050)"
    )
    assert not any("B_02.02.0050 (Function identifier)" in m for m in said["REG-10"]), said


def test_without_bcm05_reg10_says_it(cli, write) -> None:
    said = found(cli, write, {"profiles": ["dora-register"], "select": ["REG-10"]})
    assert said["BCM-05"] == []
    assert any("B_02.02.0050 (Function identifier)" in m for m in said["REG-10"]), said
