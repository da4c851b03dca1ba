"""The Python checks of the contract rules (CTR-04), through the CLI: the right document and
line, clear messages, and no crash on odd data. The continuity, exercise and playbook rules are
tested in test_rules_continuity_exercises.py."""

from __future__ import annotations

import json
from typing import Any

AS_OF = "2026-11-26"
CRASH = "could not be evaluated"


def findings(cli, write, code: str, text: str, params: dict[str, Any] | None = None) -> list[Any]:
    """The findings of one rule (and of the always-on checks) on a one-file repository."""
    config: dict[str, Any] = {"profiles": [], "select": [code]}
    if params:
        config["rules"] = {code: {"params": params}}
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
    found = result.json()["findings"]
    assert not any(CRASH in f["message"] for f in found), result.stdout
    return found


def of(code: str, found: list[Any]) -> list[Any]:
    return [f for f in found if f["code"] == code]


def places(found: list[Any]) -> list[tuple[str, int]]:
    return sorted((f["id"], f["line"]) for f in found)


# -- CTR-04 ---------------------------------------------------------------------------------

NOTICE_REPO = """
apiVersion: resilint/v1
kind: Entity
id: northwind-finance
reporting_clocks:
  regulator_early_warning_hours: {early}
  regulator_intermediate_hours: 1
  other_clocks:
    - {{name: card scheme notice, hours: {other}, source: PCI DSS agreement}}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
insurer: Example Insurance SE
period: {{start: 2026-01-01, end: {end}}}
insured_entities: [{insured}]
notice: {{incident_notice_hours: 48}}
---
apiVersion: resilint/v1
kind: Supplier
id: acme
provides_ict_services: true
data_sensitivity: confidential
---
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: acme
entities: [northwind-finance]
status: active
incident_notification:
  window_hours: {window}
"""


def notice_repo(**values: Any) -> str:
    defaults = {
        "early": 100,
        "other": 100,
        "end": "2026-12-31",
        "insured": "northwind-finance",
        "window": 72,
    }
    return NOTICE_REPO.format(**{**defaults, **values})


def test_ctr04_names_the_insurer_deadline_that_breaks(cli, write) -> None:
    found = of("CTR-04", findings(cli, write, "CTR-04", notice_repo()))
    assert places(found) == [("ctr-acme", 31)]
    message = found[0]["message"]
    assert "72 hours" in message and "76 hours" not in message
    assert "48-hour incident notice deadline of insurance policy cyber-2026" in message
    assert "market practice" in message
    assert "at most 44 hours, which leaves our 4-hour triage time inside the 48-hour" in message
    assert [r["line"] for r in found[0]["related"]] == [16]


def test_ctr04_names_every_missed_clock_and_advises_the_tightest(cli, write) -> None:
    # a supplier supporting a critical function: its compromise can be an incident of ours, so
    # the regulator's clock and the entity's unscoped clock concern it
    text = notice_repo(early=24, window=30, other=12).replace(
        "provides_ict_services: true\n",
        "provides_ict_services: true\nsupports_critical_function: true\n",
    )
    found = of("CTR-04", findings(cli, write, "CTR-04", text))
    assert len(found) == 1
    message = found[0]["message"]
    assert (
        "longer than the 24-hour early-warning deadline to the regulator of entity "
        "northwind-finance and the 12-hour 'card scheme notice' deadline (PCI DSS agreement)"
    ) in message
    assert "at most 12 hours, better 8" in message and "12-hour deadline is the tightest" in message
    # the intermediate report runs from the initial notification, so it is never compared
    assert "intermediate" not in json.dumps(found)
    assert sorted(r["line"] for r in found[0]["related"]) == [5, 8]


def test_ctr04_fits_when_window_and_buffer_are_inside_every_clock(cli, write) -> None:
    assert of("CTR-04", findings(cli, write, "CTR-04", notice_repo(window=44))) == []
    # the buffer is a parameter: without it, 48 hours fits a 48-hour deadline
    params = {"triage_buffer_hours": 0}
    assert of("CTR-04", findings(cli, write, "CTR-04", notice_repo(window=48), params)) == []


def test_ctr04_ignores_policies_of_other_entities_and_expired_policies(cli, write) -> None:
    other_entity = notice_repo(insured="northwind-parts") + (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: northwind-parts\n"
    )
    assert of("CTR-04", findings(cli, write, "CTR-04", other_entity)) == []
    assert of("CTR-04", findings(cli, write, "CTR-04", notice_repo(end="2026-06-30"))) == []


def test_ctr04_uses_every_policy_when_the_contract_names_no_entity(cli, write) -> None:
    text = notice_repo(insured="northwind-parts").replace("entities: [northwind-finance]\n", "") + (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: northwind-parts\n"
    )
    found = of("CTR-04", findings(cli, write, "CTR-04", text))
    assert places(found) == [("ctr-acme", 30)]


def test_ctr04_survives_odd_data(cli, write) -> None:
    text = """
    apiVersion: resilint/v1
    kind: InsurancePolicy
    id: odd
    insured_entities: northwind
    notice: [48]
    period: {end: someday}
    ---
    apiVersion: resilint/v1
    kind: Entity
    id: northwind
    reporting_clocks: {other_clocks: [7, {hours: true}], regulator_initial_hours: "24"}
    ---
    apiVersion: resilint/v1
    kind: Contract
    id: c1
    supplier: nobody
    entities: northwind
    incident_notification: {window_hours: "72"}
    ---
    apiVersion: resilint/v1
    kind: Contract
    id: c2
    supplier: nobody
    incident_notification: 72
    """
    assert of("CTR-04", findings(cli, write, "CTR-04", text)) == []
