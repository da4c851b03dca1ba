"""CTR-04 compares a supplier's notice window only with the clocks its compromise can start:
the regulator's where it can be an incident of ours, an entity's own clock as its applies_to
says (unscoped: the suppliers of our critical services), the insurer's always; the message
leads with the insurer's and the regulator's. Run through the CLI on one repository."""

from __future__ import annotations

import json
from typing import Any

import pytest

AS_OF = "2026-11-26"

REPO = """
apiVersion: resilint/v1
kind: Entity
id: emi
regimes: [dora]
reporting_clocks:
  regulator_initial_hours: 24
  data_protection_authority_hours: 72
  other_clocks:
    - {name: card scheme account data compromise notice, hours: 24, source: scheme rules}
    - name: card issuing partner notice
      hours: 12
      applies_to: {data_sensitivity: [restricted]}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insured_entities: [emi]
period: {start: 2026-01-01, end: 2026-12-31}
notice: {incident_notice_hours: 48}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: card-authorisation
criticality: critical
depends_on: {suppliers: [processor]}
---
apiVersion: resilint/v1
kind: Supplier
id: payroll
tier: 2
provides_ict_services: true
data_sensitivity: confidential
highest_access_level: none
---
apiVersion: resilint/v1
kind: Supplier
id: consultancy
tier: 3
provides_ict_services: false
data_sensitivity: confidential
---
apiVersion: resilint/v1
kind: Identity
id: consultancy-guests
supplier: consultancy
type: human_account
access_level: {consultant_access}
mfa: true
status: active
---
apiVersion: resilint/v1
kind: Supplier
id: processor
tier: 1
provides_ict_services: true
data_sensitivity: confidential
---
apiVersion: resilint/v1
kind: Supplier
id: bureau
tier: 2
provides_ict_services: true
data_sensitivity: restricted
"""

CONTRACT = """
---
apiVersion: resilint/v1
kind: Contract
id: ctr-{supplier}
supplier: {supplier}
entities: [emi]
status: active
incident_notification: {{window_hours: {window}, trigger: suspected}}
"""


def run(
    cli,
    write,
    windows: dict[str, int],
    consultant_access: str = "read-only",
    params: dict[str, Any] | None = None,
    repo: str = REPO,
) -> Any:
    """CTR-04's messages by contract, with ``params`` set for CTR-04, on ``repo`` with a
    contract for each supplier's window."""
    config: dict[str, Any] = {"profiles": [], "select": ["CTR-04"]}
    if params is not None:
        config["rules"] = {"CTR-04": {"params": params}}
    write("resilint.yaml", json.dumps(config))
    text = repo.replace("{consultant_access}", consultant_access)
    for supplier, window in windows.items():
        text += CONTRACT.format(supplier=supplier, window=window)
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
    return {f["id"]: f["message"] for f in result.json()["findings"] if f["code"] == "CTR-04"}


def test_a_payroll_service_is_held_to_the_insurer_clock_only(cli, write) -> None:
    found = run(cli, write, {"payroll": 72})
    message = found["ctr-payroll"]
    assert "longer than the 48-hour incident notice deadline of insurance policy cyber" in message
    assert "card scheme" not in message and "deadline to the regulator" not in message
    assert "at most 44 hours, which leaves our 4-hour triage time inside the 48-hour" in message
    # 36 hours fits the insurer's 48 (and its triage time): the card scheme's 24 is not its clock
    assert run(cli, write, {"payroll": 36}) == {}


def test_the_insurer_deadline_leaves_our_triage_time(cli, write) -> None:
    """By default a window equal to the insurer's deadline, or within our triage time of it,
    misses it (the catalogue: window plus triage buffer fits); a regulator's clock equal to the
    window is met (CTR-03's 24 hours for tier 1 fits a 24-hour clock). A programme that
    compares the insurer's deadline with the window alone says insurer_buffer_must_fit: false."""
    for window in (48, 45):
        message = run(cli, write, {"payroll": window})["ctr-payroll"]
        assert (
            f"take {window} hours to notify us of an incident, which with our 4-hour triage time "
            "does not fit the 48-hour incident notice deadline of insurance policy cyber"
        ) in message
        assert "at most 44 hours, which leaves our 4-hour triage time inside" in message
    assert run(cli, write, {"payroll": 44}) == {}
    # the regulator's 24 hours (write access starts it) is met by a 24-hour window
    assert run(cli, write, {"consultancy": 24}, consultant_access="write") == {}
    assert run(cli, write, {"payroll": 48}, params={"insurer_buffer_must_fit": False}) == {}


def test_buffer_must_fit_asks_the_window_and_our_triage_time_to_fit(cli, write) -> None:
    """By default a window equal to a regulator's clock fits (CTR-03's 24 hours for tier 1 fits
    a 24-hour clock); a programme whose policy counts the triage time in every clock says
    buffer_must_fit."""
    assert run(cli, write, {"consultancy": 24}, consultant_access="write") == {}
    strict = {"profiles": [], "select": ["CTR-04"]}
    strict["rules"] = {"CTR-04": {"params": {"buffer_must_fit": True, "triage_buffer_hours": 10}}}
    for window, found in ((48, True), (39, True), (38, False)):
        write(
            "repo.yaml",
            REPO.replace("{consultant_access}", "read-only")
            + CONTRACT.format(supplier="payroll", window=window),
        )
        write("resilint.yaml", json.dumps(strict))
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
        messages = [f["message"] for f in result.json()["findings"] if f["code"] == "CTR-04"]
        assert bool(messages) is found, (window, result.stdout)
    write(
        "repo.yaml",
        REPO.replace("{consultant_access}", "read-only")
        + CONTRACT.format(supplier="payroll", window=48),
    )
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
    (message,) = [f["message"] for f in result.json()["findings"] if f["code"] == "CTR-04"]
    assert "which with our 10-hour triage time does not fit the 48-hour incident notice " in (
        message
    )
    assert "at most 38 hours, which leaves our 10-hour triage time inside" in message
    # every clock: the regulator's 24 hours no longer fits a 24-hour window either
    params = strict["rules"]["CTR-04"]["params"]
    message = run(cli, write, {"consultancy": 24}, "write", params)["ctr-consultancy"]
    assert "does not fit the 24-hour initial incident notification deadline to the regulator" in (
        message
    )
    strict["rules"]["CTR-04"]["params"]["buffer_must_fit"] = "yes"
    write("resilint.yaml", json.dumps(strict))
    result = cli("check", "repo.yaml", "--as-of", AS_OF)
    assert result.exit_code != 0 and "buffer_must_fit" in result.stdout + result.stderr


def test_a_read_only_guest_account_starts_no_regulator_clock(cli, write) -> None:
    assert run(cli, write, {"consultancy": 36}) == {}
    message = run(cli, write, {"consultancy": 36}, consultant_access="write")["ctr-consultancy"]
    assert "data protection" not in message and "insurance" not in message
    assert "24-hour initial incident notification deadline to the regulator of entity emi" in (
        message
    )
    # the scheme's clock, recorded without applies_to, concerns the suppliers of critical
    # services: a write seat alone brings the consultancy under the regulator's clock only
    assert "card scheme account data compromise notice" not in message


def test_a_critical_processor_leads_with_the_insurer_and_the_regulator(cli, write) -> None:
    message = run(cli, write, {"processor": 72})["ctr-processor"]
    insurer = message.index("48-hour incident notice deadline of insurance policy cyber")
    regulator = message.index("24-hour initial incident notification deadline to the regulator")
    scheme = message.index("24-hour 'card scheme account data compromise notice'")
    assert insurer < regulator < scheme
    # the partner clock is scoped to suppliers holding restricted data
    assert "card issuing partner" not in message
    assert "at most 24 hours, better 20" in message


def test_a_scoped_clock_concerns_the_suppliers_it_names(cli, write) -> None:
    message = run(cli, write, {"bureau": 36})["ctr-bureau"]
    # restricted data makes the bureau critical in effect: every clock concerns it
    assert "12-hour 'card issuing partner notice' deadline of entity emi" in message
    assert "at most 12 hours, better 8" in message


def test_a_clock_scoped_to_functions_or_suppliers(cli, write) -> None:
    scoped = "applies_to: {data_sensitivity: [restricted]}"
    for scope, expected in (
        ("applies_to: {functions: [card-authorisation]}", {"ctr-processor"}),
        ("applies_to: {suppliers: [payroll]}", {"ctr-payroll"}),
        ("applies_to: {exposures: [data], suppliers: [consultancy]}", {"ctr-consultancy"}),
        ("applies_to: {exposures: [ict], suppliers: [consultancy]}", set()),
    ):
        text = REPO.replace(scoped, scope)
        write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-04"]}))
        contracts = "".join(
            CONTRACT.format(supplier=s, window=20) for s in ("payroll", "processor", "consultancy")
        )
        write("repo.yaml", text.replace("{consultant_access}", "read-only") + contracts)
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
        hit = {f["id"] for f in result.json()["findings"] if f["code"] == "CTR-04"}
        assert hit == expected, (scope, result.stdout)


def test_an_unknown_scope_is_a_schema_error_with_its_line(cli, write) -> None:
    text = REPO.replace("applies_to: {data_sensitivity", "applies_to: {card_data")
    write("repo.yaml", text.replace("{consultant_access}", "read-only"))
    result = cli("check", "repo.yaml", "--as-of", AS_OF)
    assert result.exit_code != 0
    assert "repo.yaml:12" in result.stdout and "card_data" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


NIS2_REPO = """
apiVersion: resilint/v1
kind: Entity
id: dc
regimes: [nis2]
{kind}reporting_clocks: {{regulator_early_warning_hours: 24}}
---
apiVersion: resilint/v1
kind: Supplier
id: payroll
tier: 2
provides_ict_services: true
data_sensitivity: confidential
---
apiVersion: resilint/v1
kind: Contract
id: ctr-payroll
supplier: payroll
entities: [dc]
status: active
incident_notification: {{window_hours: 36, trigger: suspected}}
"""


def test_nis2_counts_our_data_except_where_2024_2690_lists_the_incidents(cli, write) -> None:
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-04"]}))
    found = {}
    for kind in (
        "",
        "nis2_entity_type: other\n",
        "nis2_entity_type: data_centre_service_provider\n",
    ):
        write("repo.yaml", NIS2_REPO.format(kind=kind))
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
        found[kind] = [f["message"] for f in result.json()["findings"] if f["code"] == "CTR-04"]
    # a payroll service holding our staff's data: an incident capable of considerable damage to
    # persons (Directive 2022/2555 Art. 23(3)(b)) for an entity the implementing act does not bind
    assert "24-hour early-warning deadline to the regulator of entity dc" in found[""][0]
    assert found["nis2_entity_type: other\n"] == found[""]
    # a data centre operator: Implementing Regulation 2024/2690 Art. 3 lists its cases exhaustively
    assert found["nis2_entity_type: data_centre_service_provider\n"] == []


SCOPES = (
    "applies_to: {functions: [card-authorisation]}",
    "applies_to: {suppliers: [payroll]}",
    "applies_to: {exposures: [data], suppliers: [consultancy]}",
    "applies_to: {exposures: [ict], suppliers: [consultancy]}",
    "applies_to: {data_sensitivity: [restricted]}",
)
SUPPLIERS = ("payroll", "processor", "consultancy", "bureau")


def _held_by_ctr04(cli, write, scope: str, supplier: str) -> set[str]:
    """The entity clocks CTR-04 holds the supplier's window against (a window longer than all)."""
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-04"]}))
    text = REPO.replace("applies_to: {data_sensitivity: [restricted]}", scope)
    text = text.replace("{consultant_access}", "read-only")
    write("repo.yaml", text + CONTRACT.format(supplier=supplier, window=1000))
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
    messages = " ".join(f["message"] for f in result.json()["findings"] if f["code"] == "CTR-04")
    held = {"regulator"} if "deadline to the regulator" in messages else set()
    held |= {"data protection"} if "data protection authority" in messages else set()
    held |= {n for n in ("card scheme", "card issuing partner") if f"'{n}" in messages}
    return held


def _listed_by_impact(cli, supplier: str) -> set[str]:
    result = cli("impact", "repo.yaml", "--supplier", supplier, "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    notices = result.json()["notices"]
    kinds = {n["kind"] for n in notices}
    listed = {"regulator"} if "regulator" in kinds else set()
    listed |= {"data protection"} if "data_protection_authority" in kinds else set()
    others = [n["what"] for n in notices if n["kind"] == "contractual"]
    return listed | {n for n in ("card scheme", "card issuing partner") for o in others if n in o}


@pytest.mark.parametrize("scope", SCOPES)
def test_impact_lists_the_entity_clocks_ctr04_holds_the_supplier_to(cli, write, scope) -> None:
    for supplier in SUPPLIERS:
        held = _held_by_ctr04(cli, write, scope, supplier)
        assert _listed_by_impact(cli, supplier) == held, (scope, supplier)


def test_impact_of_a_supplier_outside_a_scoped_clock_leaves_it_out(cli, write) -> None:
    scope = "applies_to: {suppliers: [payroll]}"
    assert "card issuing partner" in _held_by_ctr04(cli, write, scope, "payroll")
    assert "card issuing partner" in _listed_by_impact(cli, "payroll")
    assert "card issuing partner" not in _held_by_ctr04(cli, write, scope, "processor")
    assert "card issuing partner" not in _listed_by_impact(cli, "processor")
    # a payroll service's outage is no incident of ours: no regulator clock, and a note says why
    result = cli("impact", "repo.yaml", "--supplier", "payroll", "--format", "json")
    assert not [n for n in result.json()["notices"] if n["kind"] == "regulator"]
    assert any("Regulator clocks of emi are not listed" in n for n in result.json()["notes"])


def test_impact_of_our_critical_function_starts_the_regulator_clocks(cli, write) -> None:
    write("repo.yaml", REPO.replace("{consultant_access}", "read-only"))
    result = cli("impact", "repo.yaml", "--function", "card-authorisation", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    notices = result.json()["notices"]
    assert {"regulator", "data_protection_authority"} <= {n["kind"] for n in notices}
    # the unscoped scheme clock is ours; the partner's concerns suppliers with restricted data
    contractual = [n["what"] for n in notices if n["kind"] == "contractual"]
    assert contractual == ["card scheme account data compromise notice"]


def test_the_advice_fits_the_clock_that_asks_the_shortest_window_with_triage(cli, write) -> None:
    """The insurer's 26 hours less our triage time ask a shorter window (22) than the regulator's
    24 hours, which the window alone must fit: the advice follows the insurer, and the message
    says why that deadline, not the shorter one, decides."""
    tight = REPO.replace("incident_notice_hours: 48", "incident_notice_hours: 26")
    message = run(cli, write, {"consultancy": 25}, "write", repo=tight)["ctr-consultancy"]
    assert "which with our 4-hour triage time does not fit the 26-hour incident notice" in message
    assert "24-hour initial incident notification deadline to the regulator" in message
    assert "at most 22 hours, which leaves our 4-hour triage time inside the 26-hour" in message
    assert "the 26-hour deadline asks the shortest window once our triage time is counted" in (
        message
    )


def test_ctr04_rationale_cites_the_cir_article_of_the_entitys_kind() -> None:
    """For the eleven kinds Implementing Regulation (EU) 2024/2690 binds, Art. 3 is exhaustive only
    together with the article for the kind that its Art. 3(1)(g) brings in (Art. 7 for a cloud
    computing service provider): the rationale and the module must not say Art. 3 alone."""
    from pathlib import Path

    import yaml

    from resilint.domain import notice_clocks

    root = Path(__file__).resolve().parents[1]
    rules = yaml.safe_load((root / "rules" / "contracts.yaml").read_text(encoding="utf-8"))
    (ctr04,) = [r for r in rules["rules"] if r["code"] == "CTR-04"]
    for text in (" ".join(ctr04["rationale"].split()), " ".join(notice_clocks.__doc__.split())):
        assert "Art. 3(1)(g)" in text
        assert "Art. 7" in text


FEED = """
---
apiVersion: resilint/v1
kind: Supplier
id: feed
tier: 3
provides_ict_services: true
data_sensitivity: public
highest_access_level: none
"""


def test_a_clock_naming_a_supplier_with_nothing_of_ours_still_concerns_it(cli, write) -> None:
    # a public market-data feed holds no data of ours and no access: no regulator, data
    # protection or insurer clock concerns it, nor an entity clock recorded without a scope;
    # but a clock the entity scopes to it by name (a customer's notice for an outage of the
    # feed it relies on) is the entity's word that it does
    scoped = "applies_to: {data_sensitivity: [restricted]}"
    named = REPO.replace(scoped, "applies_to: {suppliers: [feed]}") + FEED
    assert run(cli, write, {"feed": 20}, repo=REPO + FEED) == {}
    message = run(cli, write, {"feed": 20}, repo=named)["ctr-feed"]
    assert "12-hour 'card issuing partner notice' deadline of entity emi" in message
    assert "insurance" not in message and "24-hour" not in message, message
    # a scope the feed does not meet (our data) leaves it out, as for any supplier
    by_data = REPO.replace(scoped, "applies_to: {exposures: [data], suppliers: [feed]}") + FEED
    assert run(cli, write, {"feed": 20}, repo=by_data) == {}


def test_a_clock_naming_such_a_supplier_asks_its_contract_a_window(cli, write) -> None:
    scoped = "applies_to: {data_sensitivity: [restricted]}"
    contract = "\n---\napiVersion: resilint/v1\nkind: Contract\nid: ctr-feed\nsupplier: feed\n"
    contract += "entities: [emi]\nstatus: active\n"
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CTR-03"]}))
    asked = {}
    for scope in (scoped, "applies_to: {suppliers: [feed]}"):
        text = REPO.replace(scoped, scope).replace("{consultant_access}", "read-only")
        write("repo.yaml", text + FEED + contract)
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
        found = result.json()["findings"]
        asked[scope] = [f["message"] for f in found if f["code"] == "CTR-03"]
    assert asked[scoped] == []
    (message,) = asked["applies_to: {suppliers: [feed]}"]
    assert "within how many hours supplier feed must notify us" in message
