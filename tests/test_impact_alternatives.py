"""resilint impact: a supplier with an onboarded alternative does not stop the functions that
rest on it directly (as CON-01 honours a ready alternative); one further down the chain, or an
alternative only identified, does."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run

PROGRAMME = """
apiVersion: resilint/v1
kind: BusinessFunction
id: trading
criticality: critical
rto_hours: 2
mtpd_hours: 24
depends_on:
  services:
    - {supplier: feed-a, service: prices}
    - {supplier: feed-b, service: prices}
    - {supplier: oms, service: orders}
---
apiVersion: resilint/v1
kind: Supplier
id: feed-a
tier: 1
services: [{name: prices}]
alternatives: [{supplier: feed-b, readiness: onboarded, last_tested: 2026-05-12}]
---
apiVersion: resilint/v1
kind: Supplier
id: feed-b
tier: 1
services: [{name: prices}]
alternatives: [{supplier: feed-a, readiness: identified}]
---
apiVersion: resilint/v1
kind: Supplier
id: oms
tier: 1
services: [{name: orders}]
subcontractors:
  - {id: host, name: Host Ltd, supplier: host, rank: 2, services: [orders]}
---
apiVersion: resilint/v1
kind: Supplier
id: host
tier: 2
alternatives: [{supplier: feed-a, readiness: onboarded}]
"""


def _scenario(cli: Callable[..., Run], write: Callable[[str, str], Path], supplier: str) -> dict:
    write("programme.yaml", PROGRAMME)
    run = cli(
        "impact",
        "--supplier",
        supplier,
        "--hours",
        "24",
        "--as-of",
        "2026-11-26",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    return {f["id"]: f for f in json.loads(run.stdout)["functions"]}


def test_onboarded_alternative_keeps_the_function_running(cli, write) -> None:
    trading = _scenario(cli, write, "feed-a")["trading"]
    assert trading["stopped"] is False
    assert "feed-b" in trading["not_stopped"]
    assert trading["breaches_rto"] is False


def test_identified_alternative_does_not(cli, write) -> None:
    trading = _scenario(cli, write, "feed-b")["trading"]
    assert trading["stopped"] is True
    assert trading["breaches_rto"] is True


def test_alternative_further_down_the_chain_does_not(cli, write) -> None:
    trading = _scenario(cli, write, "host")["trading"]
    assert trading["stopped"] is True
