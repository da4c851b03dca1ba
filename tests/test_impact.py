"""resilint impact and resilint card through the CLI (issue 14).

On examples/northwind the expectations are derived from the example's YAML, read here with
yaml.safe_load: which functions rest on each tier-1 supplier (directly, through an identity,
through another supplier's subcontractors or shared dependencies, or because a continuity plan
covers its failure), their RTO and MTPD against the outage's length, the fallback owner, and the
notice deadlines of the entities involved. Synthetic repositories cover the regulators' clocks,
the insurance tower, errors and hostile values.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, REPO, Run, copy_example

NORTHWIND = EXAMPLES / "northwind"
AS_OF = "2026-11-26"
Cli = Callable[..., Run]
Write = Callable[[str, str], Path]


# -- the example's YAML, read directly ----------------------------------------------------------
def _documents(folder: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((NORTHWIND / folder).glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if isinstance(document, dict) and "id" in document:
                found[document["id"]] = document
    return found


SUPPLIERS = _documents("suppliers")
FUNCTIONS = _documents("functions")
PLANS = _documents("plans")
IDENTITIES = _documents("identities")
ENTITIES = _documents("entities")
POLICIES = _documents("insurance")
CONTRACTS = _documents("contracts")
TIER_1 = sorted(s for s, d in SUPPLIERS.items() if d.get("tier") == 1)


def _key(name: Any) -> str:
    return "".join(str(name).split()).casefold()


NAMES = {
    _key(value): sid
    for sid, data in SUPPLIERS.items()
    for value in (sid, data.get("name"), data.get("provider_id"))
    if value
}


def _named_by_function(function: dict[str, Any]) -> set[str]:
    depends = function.get("depends_on", {})
    named = set(depends.get("suppliers", []))
    named |= {item["supplier"] for item in depends.get("services", [])}
    named |= {IDENTITIES[i]["supplier"] for i in depends.get("identities", [])}
    free = [*depends.get("identity_providers", [])]
    free += [region["provider"] for region in depends.get("cloud", [])]
    return named | {NAMES[_key(n)] for n in free if _key(n) in NAMES}


def _onward(supplier_id: str) -> set[str]:
    """Suppliers one relies on: its subcontractors and shared dependencies that are suppliers."""
    data = SUPPLIERS[supplier_id]
    names: list[Any] = []
    for sub in data.get("subcontractors", []):
        if sub.get("supplier"):
            names.append(sub["supplier"])
        names += [sub.get("provider_id"), sub.get("name")]
    shared = data.get("shared_dependencies", {})
    names += [shared.get("identity_provider"), *shared.get("subprocessors", [])]
    names += [region["provider"] for region in shared.get("cloud", [])]
    return {NAMES[_key(n)] for n in names if n and _key(n) in NAMES} - {supplier_id}


def _rests_on(function: dict[str, Any]) -> set[str]:
    reached, todo = set(), list(_named_by_function(function))
    while todo:
        supplier = todo.pop()
        if supplier not in reached:
            reached.add(supplier)
            todo += list(_onward(supplier))
    return reached


def functions_of(supplier_id: str) -> set[str]:
    """Every function that depends on the supplier, as the YAML says."""
    found = {fid for fid, f in FUNCTIONS.items() if supplier_id in _rests_on(f)}
    return found | {p["function"] for p in PLANS.values() if supplier_id in p.get("suppliers", [])}


def plan_owner(function_id: str) -> str:
    return str(next(p["owner"] for p in PLANS.values() if p["function"] == function_id))


def entities_involved(supplier_id: str) -> set[str]:
    named = {e for fid in functions_of(supplier_id) for e in FUNCTIONS[fid].get("entities", [])}
    contracts = (c for c in CONTRACTS.values() if c["supplier"] == supplier_id)
    return named | {e for c in contracts for e in c.get("entities", [])}


# -- running the command ------------------------------------------------------------------------
def impact(cli: Cli, *args: str, cwd: Path = REPO) -> Any:
    result = cli("impact", *args, "--format", "json", "--as-of", AS_OF, cwd=cwd)
    assert result.exit_code == 0, result.stderr
    return result.json()


def northwind(cli: Cli, supplier: str, hours: float) -> Any:
    return impact(cli, str(NORTHWIND), "--supplier", supplier, "--hours", str(hours))


@pytest.mark.parametrize("hours", [10, 50])
@pytest.mark.parametrize("supplier", TIER_1)
def test_every_function_resting_on_a_tier1_supplier_with_its_breach_flags(
    cli: Cli, supplier: str, hours: float
) -> None:
    found = northwind(cli, supplier, hours)
    assert {f["id"] for f in found["functions"]} == functions_of(supplier)
    assert functions_of(supplier), "every tier-1 supplier of the example supports a function"
    for function in found["functions"]:
        data = FUNCTIONS[function["id"]]
        # a function only its continuity plan ties to the supplier is listed, not stopped
        rests = supplier in _rests_on(data)
        assert function["stopped"] is rests, function["id"]
        assert function["rto_hours"] == data["rto_hours"]
        assert function["mtpd_hours"] == data["mtpd_hours"]
        assert function["breaches_rto"] is (rests and hours > data["rto_hours"])
        # an outage past the MTPD is tolerable while a degraded mode (not a 0 % halt) runs
        # before the MTPD has passed and lasts the outage
        fallback = function["fallback"] or {}
        switch, lasting = fallback.get("time_to_switch_hours"), fallback.get("max_degraded_hours")
        bridged = (
            rests
            and hours > data["mtpd_hours"]
            and fallback.get("capacity_percent") != 0
            and switch is not None
            and lasting is not None
            and switch <= data["mtpd_hours"]
            and switch + lasting >= hours
        )
        assert function["mtpd_bridged"] is bridged, function["id"]
        assert function["breaches_mtpd"] is (rests and hours > data["mtpd_hours"] and not bridged)
        assert function["fallback_owner"] == plan_owner(function["id"])


def test_the_example_has_outages_that_breach_and_that_do_not(cli: Cli) -> None:
    """The parametrized test above is not vacuous: 10 hours breach some RTOs, not others."""
    flags = {f["breaches_rto"] for f in northwind(cli, "corvane-erp", 10)["functions"]}
    assert flags == {True, False}
    assert any(f["breaches_mtpd"] for f in northwind(cli, "corvane-erp", 100)["functions"])
    # and degraded modes that carry some functions past their MTPD, others not
    bridged = {f["mtpd_bridged"] for f in northwind(cli, "corvane-erp", 100)["functions"]}
    assert bridged == {True, False}


def _clocks(entity: dict[str, Any], ict: bool = True) -> Iterator[float]:
    """The entity's clocks an outage of its critical function starts: the regulators' only
    where the outage is an ICT-related incident (``ict``: not a bank's outage, say)."""
    clocks = entity.get("reporting_clocks", {})
    names = ["data_protection_authority_hours"]
    if ict:
        names = ["regulator_early_warning_hours", "regulator_initial_hours", *names]
    for name in names:
        if name in clocks:
            yield clocks[name]
    if ict and "regulator_final_days" in clocks:
        yield clocks["regulator_final_days"] * 24
    yield from (other["hours"] for other in clocks.get("other_clocks", []))


@pytest.mark.parametrize("supplier", TIER_1)
def test_the_notice_deadlines_of_the_entities_involved(cli: Cli, supplier: str) -> None:
    found = northwind(cli, supplier, 24)
    involved = entities_involved(supplier)
    assert set(found["entities"]) == involved
    # a supplier recorded as providing no ICT services and holding no access (the house bank):
    # its outage stops the functions without being an ICT-related incident (DORA Art. 3(8),
    # NIS2 Art. 6(6)), so the regulators' clocks do not start
    data = SUPPLIERS[supplier]
    ict = data.get("provides_ict_services") is not False or data.get(
        "highest_access_level"
    ) not in (None, "none")
    for entity_id in involved:
        got = [n["deadline_hours"] for n in found["notices"] if n["entity"] == entity_id]
        assert sorted(got) == sorted(_clocks(ENTITIES[entity_id], ict)), entity_id
    for policy_id, policy in POLICIES.items():
        if involved & set(policy["insured_entities"]):
            notice = next(n for n in found["notices"] if n["document"] == policy_id)
            assert notice["kind"] == "insurer"
            assert notice["deadline_hours"] == policy["notice"]["incident_notice_hours"]
            assert policy["notice"]["contact"]["email"] in notice["contact"]
    hours = [n["deadline_hours"] for n in found["notices"] if n["deadline_hours"] is not None]
    assert hours == sorted(hours)


def test_regulator_clocks_say_they_run_from_our_awareness(cli: Cli) -> None:
    found = northwind(cli, "transvia-edi", 24)
    early = next(n for n in found["notices"] if n["what"] == "early warning")
    assert (
        early["basis"]
        == "Directive (EU) 2022/2555 (NIS2) Art. 23(4)(a), in Germany § 32(1) no. 1 BSIG"
    )
    assert early["starts"] == "our awareness of the incident"
    assert early["contact"] == "BSI reporting portal"  # the plans' regulator template
    assert early["decides"] == "general-counsel (deputy ciso)"  # the joint playbook
    assert any("not from the supplier's compromise" in note for note in found["notes"])
    text = cli("impact", str(NORTHWIND), "--supplier", "transvia-edi", "--as-of", AS_OF).stdout
    assert "not from the supplier's compromise" in text


@pytest.mark.parametrize("supplier", TIER_1)
def test_identities_contracts_and_cover_of_the_supplier(cli: Cli, supplier: str) -> None:
    found = northwind(cli, supplier, 24)
    own = {
        i
        for i, d in IDENTITIES.items()
        if d["supplier"] == supplier and d.get("status") != "revoked"
    }
    assert {i["id"] for i in found["identities"]} == own
    for identity in found["identities"]:
        assert identity["time_to_disable_minutes"] == IDENTITIES[identity["id"]].get(
            "time_to_disable_minutes"
        )
    contact = SUPPLIERS[supplier]["contacts"]["security_24x7"]
    assert found["suppliers"][0]["security_24x7"]["email"] == contact.get("email", "")
    for policy in found["insurance"]:
        data = POLICIES[policy["policy"]]
        dependent = next(c for c in policy["covers"] if c["cover"].startswith("dependent"))
        named = supplier in data["dependent_bi"].get("named_providers", [])
        assert dependent["responds"] == (
            "yes" if named or data["dependent_bi"]["scope"] == "all_suppliers" else "no"
        )
        assert (
            dependent["waiting_period_hours"]
            == data["business_interruption"]["waiting_period_hours"]
        )
        assert dependent["hours_past_waiting"] == 24 - dependent["waiting_period_hours"]
        assert {f["name"] for f in policy["panel"]} == {
            name for role in data["panel"].values() for name in role
        }
        assert [e["package"] for e in policy["evidence"]] == [f"{policy['policy']}-evidence"]


@pytest.mark.parametrize("supplier", TIER_1)
@pytest.mark.parametrize("output", ["markdown", "html"])
def test_the_card_prints_the_suppliers_contacts(cli: Cli, supplier: str, output: str) -> None:
    result = cli("card", supplier, str(NORTHWIND), "--format", output, "--as-of", AS_OF, cwd=REPO)
    assert result.exit_code == 0, result.stderr
    shown = html.unescape(re.sub(r"\\(.)", r"\1", result.stdout))  # as a reader sees it
    contacts = SUPPLIERS[supplier]["contacts"]
    for person in [contacts["security_24x7"], *contacts.get("escalation", [])]:
        for field in ("email", "phone", "name"):
            if field in person:
                assert person[field] in shown, (field, person)
    for function in functions_of(supplier):
        assert function in shown
        assert plan_owner(function) in shown
    if output == "html":
        assert result.stdout.startswith("<!DOCTYPE html>")
        assert "@media print" in result.stdout and "@page" in result.stdout
        assert "<script" not in result.stdout and "http:" not in _tags(result.stdout)
        assert "https:" not in _tags(result.stdout) and "default-src 'none'" in result.stdout


def _tags(page: str) -> str:
    """The markup of a page without its text: no external resource may be named there."""
    return " ".join(re.findall(r"<[^>]+>", page))


def _critical_in_yaml() -> set[str]:
    critical_functions = {
        f for f, d in FUNCTIONS.items() if d.get("criticality") in ("critical", "important")
    }
    found = set()
    for sid, data in SUPPLIERS.items():
        if data.get("status") == "exited":
            continue
        privileged = any(
            i["supplier"] == sid
            and i.get("access_level") == "privileged"
            and i.get("status", "active") == "active"
            for i in IDENTITIES.values()
        )
        if (
            data.get("tier") == 1
            or data.get("supports_critical_function") is True
            or any(s.get("supports_critical_function") is True for s in data.get("services", []))
            or data.get("data_sensitivity") == "restricted"
            or data.get("highest_access_level") == "privileged"
            or privileged
            or any(sid in _rests_on(FUNCTIONS[f]) for f in critical_functions)
        ):
            found.add(sid)
    return found


def test_all_critical_is_one_table_with_every_critical_supplier(cli: Cli) -> None:
    result = cli(
        "impact",
        str(NORTHWIND),
        "--all-critical",
        "--hours",
        "24",
        "--format",
        "markdown",
        "--as-of",
        AS_OF,
        cwd=REPO,
    )
    assert result.exit_code == 0, result.stderr
    rows = [
        line for line in result.lines if line.startswith("| ") and not line.startswith("| supplier")
    ]
    assert {row.split(" | ")[0][2:].split(" ")[0] for row in rows} == _critical_in_yaml()
    assert set(TIER_1) <= _critical_in_yaml()
    assert sum(line.startswith("|---") for line in result.lines) == 1  # one table
    board = impact(cli, str(NORTHWIND), "--all-critical", "--hours", "24")
    assert [s["scenario"]["target"] for s in board["scenarios"]] == sorted(
        _critical_in_yaml(), key=lambda s: str(next((NORTHWIND / "suppliers").glob(f"{s}.yaml")))
    )


def test_a_region_outage_reaches_the_functions_running_there(cli: Cli) -> None:
    def runs_there(function: dict[str, Any]) -> bool:
        direct = [(r["provider"], r["region"]) for r in function["depends_on"].get("cloud", [])]
        via = [
            (r["provider"], r["region"])
            for s in _rests_on(function)
            for r in SUPPLIERS[s].get("shared_dependencies", {}).get("cloud", [])
        ]
        return ("nimbara", "eu-central-2") in direct + via

    found = impact(cli, str(NORTHWIND), "--region", "nimbara/eu-central-2", "--hours", "10")
    assert {f["id"] for f in found["functions"]} == {
        f for f, d in FUNCTIONS.items() if runs_there(d)
    }
    assert [s["id"] for s in found["suppliers"]] == ["nimbara-cloud"]  # the provider's outage
    same = impact(cli, str(NORTHWIND), "--region", "eu-central-2", "--hours", "10")
    assert same["functions"] == found["functions"]


def test_a_shared_dependency_reaches_those_naming_it_and_their_suppliers(cli: Cli) -> None:
    found = impact(cli, str(NORTHWIND), "--dependency", "transvia-ad", "--hours", "4")
    relying = {
        s
        for s, d in SUPPLIERS.items()
        if d.get("shared_dependencies", {}).get("identity_provider") == "transvia-ad"
    }
    assert {f["id"] for f in found["functions"]} == {
        f for f, d in FUNCTIONS.items() if _rests_on(d) & relying
    }
    assert {s["id"] for s in found["suppliers"]} == relying
    keystone = impact(cli, str(NORTHWIND), "--dependency", "keystone-identity", "--hours", "4")
    assert {f["id"] for f in keystone["functions"]} == {
        f
        for f, d in FUNCTIONS.items()
        if "keystone-identity" in d["depends_on"].get("identity_providers", [])
    }


def test_our_own_outage_is_our_own_business_interruption(cli: Cli) -> None:
    found = impact(cli, str(NORTHWIND), "--function", "payroll", "--hours", "60")
    assert [f["id"] for f in found["functions"]] == ["payroll"]
    assert found["functions"][0]["breaches_rto"] is True  # RTO 48
    assert found["identities"] == [] and found["suppliers"] == []
    for policy in found["insurance"]:
        own = next(c for c in policy["covers"] if c["cover"] == "business_interruption")
        assert own["responds"] == "yes"


def test_text_and_markdown_outputs(cli: Cli) -> None:
    args = (str(NORTHWIND), "--supplier", "lindqvist-mes", "--hours", "13", "--as-of", AS_OF)
    text = cli("impact", *args, cwd=REPO)
    assert text.exit_code == 0
    assert "production-scheduling" in text.stdout and "RTO 12 h: BREACHED" in text.stdout
    markdown = cli("impact", *args, "--format", "markdown", cwd=REPO)
    assert markdown.stdout.startswith("# Impact: supplier lindqvist-mes")
    assert "| production-scheduling |" in markdown.stdout


# -- synthetic repositories ---------------------------------------------------------------------
BASE = """
apiVersion: resilint/v1
kind: Supplier
id: acme
name: Acme EDI
tier: 1
contacts:
  security_24x7:
    {name: Acme SOC, email: soc@acme.example, phone: "+1 555 0100", available_24x7: true}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: orders
criticality: critical
entities: [ENTITY]
rto_hours: 8
mtpd_hours: 48
depends_on: {suppliers: [acme]}
"""


ENTITY_CO = "---\napiVersion: resilint/v1\nkind: Entity\nid: co\n"


def insurance_policy(policy_id: str, insurer: str, terms: str) -> str:
    """A policy of entity co's, in force through 2026, with ``terms``."""
    return (
        f"---\napiVersion: resilint/v1\nkind: InsurancePolicy\nid: {policy_id}\n"
        f"insurer: {insurer}\ninsured_entities: [co]\n"
        f"period: {{start: 2026-01-01, end: 2027-01-01}}\n{terms}"
    )


def repo(write: Write, entity: str, extra: str = "") -> None:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", BASE.replace("ENTITY", entity) + extra)


def synthetic(cli: Cli, tmp_path: Path, *args: str) -> Any:
    result = cli(
        "impact", "--supplier", "acme", "--format", "json", "--as-of", AS_OF, *args, cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_dora_clocks_from_the_delegated_regulation(cli: Cli, write: Write, tmp_path: Path) -> None:
    repo(write, "bank", "---\napiVersion: resilint/v1\nkind: Entity\nid: bank\nregimes: [dora]\n")
    notices = synthetic(cli, tmp_path)["notices"]
    dora = [
        (n["what"], n["deadline_hours"], n["deadline"], n["starts"], n["basis"]) for n in notices
    ]
    rts = "Commission Delegated Regulation (EU) 2025/301 Art. 5(1)"
    assert dora == [
        (
            "initial notification",
            4,
            "4 hours",
            "classification of the incident as major",
            f"{rts}(a)",
        ),
        (
            "initial notification, at the latest",
            24,
            "24 hours",
            "our awareness of the incident",
            f"{rts}(a)",
        ),
        (
            "intermediate report",
            72,
            "72 hours",
            "submission of the initial notification",
            f"{rts}(b)",
        ),
        (
            "final report",
            None,
            "one month",
            "submission of the (latest updated) intermediate report",
            f"{rts}(c)",
        ),
    ]


def test_each_dora_report_says_what_it_contains_and_when_it_is_due(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    """DORA's three reports differ in content (Delegated Regulation (EU) 2025/301 Arts. 2, 3
    and 4) though all three are made on one template (Implementing Regulation (EU) 2025/302
    Art. 1(1)): each notice says its own, and the intermediate report that it is due even where
    nothing has changed, and updated once regular activities are recovered (Art. 5(1)(b)).
    A clock of another law (NIS2) says nothing of DORA's reports."""
    entity = "---\napiVersion: resilint/v1\nkind: Entity\nid: bank\nregimes: [dora, nis2]\n"
    repo(write, "bank", entity)
    notices = synthetic(cli, tmp_path)["notices"]
    content = {(n["regime"], n["what"]): n["content"] for n in notices}
    for what in ("initial notification", "initial notification, at the latest"):
        assert "what its Art. 2 asks of an initial notification" in content[("dora", what)]
        assert "fields completed (Art. 1(1)(a))" in content[("dora", what)]
    intermediate = content[("dora", "intermediate report")]
    assert intermediate.startswith(
        "due even where the status or the handling of the incident has not changed, then "
        "updated without undue delay, and in any case once regular activities are recovered "
        "(Delegated Regulation (EU) 2025/301 Art. 5(1)(b))"
    )
    assert "what Art. 3 asks of an intermediate report" in intermediate
    assert "indicators of compromise" in intermediate
    assert "on the same template as the initial notification" in intermediate
    assert "Art. 2" not in intermediate and "root causes" not in intermediate
    final = content[("dora", "final report")]
    assert "what Art. 4 asks of a final report: the root causes" in final
    assert "fields completed (Art. 1(1)(c))" in final
    assert "Art. 2" not in final and "indicators of compromise" not in final
    nis2 = [text for (regime, _), text in content.items() if regime == "nis2"]
    assert len(nis2) == 3 and all("Directive (EU) 2022/2555" in text for text in nis2), content
    assert not any("2025/301" in text for text in nis2)  # DORA's reports are not NIS2's
    others = [text for (regime, _), text in content.items() if regime not in ("dora", "nis2")]
    assert set(others) <= {""}, content  # the insurers' own clocks
    # the text a risk manager reads: each report's content under its deadline
    run = cli("impact", "--supplier", "acme", "--as-of", AS_OF, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    blocks = re.split(r"\n  (?=\S)", run.stdout)
    (block,) = [b for b in blocks if "intermediate report to competent authority" in b]
    assert "what Art. 3 asks of an intermediate report" in block
    (block,) = [b for b in blocks if "final report to competent authority" in b]
    assert "what Art. 4 asks of a final report" in block
    markdown = cli("impact", "--supplier", "acme", "-f", "markdown", "--as-of", AS_OF, cwd=tmp_path)
    (row,) = [r for r in markdown.stdout.splitlines() if "Art. 5(1)(c)" in r]
    assert "what Art. 4 asks of a final report" in row


@pytest.mark.parametrize("regimes", ["[]", "[dora]"])
def test_regulators_are_explained_only_where_an_entity_has_one(
    cli: Cli, write: Write, tmp_path: Path, regimes: str
) -> None:
    """An unregulated programme's card says nothing of DORA or NYDFS; a DORA entity's says when
    the regulators' clocks start."""
    repo(write, "co", f"---\napiVersion: resilint/v1\nkind: Entity\nid: co\nregimes: {regimes}\n")
    notes = synthetic(cli, tmp_path)["notes"]
    explained = any("not from the supplier's compromise" in note for note in notes)
    assert explained == (regimes != "[]")
    for output in ("text", "markdown"):
        text = cli(
            "impact", "--supplier", "acme", "--format", output, "--as-of", AS_OF, cwd=tmp_path
        ).stdout
        assert ("DORA" in text or "NYDFS" in text) == (regimes != "[]"), text
    board = cli(
        "impact",
        "--all-critical",
        "--hours",
        "24",
        "--format",
        "markdown",
        "--as-of",
        AS_OF,
        cwd=tmp_path,
    ).stdout
    assert ("Regulator clocks run from our awareness" in board) == (regimes != "[]"), board
    if regimes != "[]":  # the first deadline says what it runs from: DORA's 4 hours, from
        # classification as major (at the latest 24 hours from awareness, a later row)
        assert "4 hours from classification of the incident as major: initial" in board, board


def test_nydfs_and_a_recorded_clock_longer_than_the_law(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    entity = (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: ny\nregimes: [nydfs]\n"
        "reporting_clocks: {regulator_initial_hours: 96}\n"
    )
    repo(write, "ny", entity)
    [notice] = synthetic(cli, tmp_path)["notices"]
    assert notice["basis"] == "23 NYCRR 500.17(a)(1)"
    assert notice["deadline_hours"] == 72  # the law, not the 96 hours recorded
    assert "longer than the law allows" in notice["note"]
    assert notice["starts"].startswith("determining that a cybersecurity incident occurred")


def test_an_excess_layer_following_form_has_the_primarys_notice_and_its_own_contact(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    policies = (
        ENTITY_CO
        + insurance_policy(
            "primary",
            "First Insurer",
            "coverages: {dependent_business_interruption: {included: true}}\n"
            "dependent_bi: {scope: named, named_providers: [other]}\n"
            "business_interruption: {waiting_period_hours: 12}\n"
            "notice: {incident_notice_hours: 48, contact: {email: notice@first.example}}\n",
        )
        + insurance_policy(
            "excess",
            "Second Insurer",
            "layer: {position: excess, sits_over: primary, follows_form: true}\n"
            "notice: {incident_notice_hours: 96, contact: {email: notice@second.example}}\n",
        )
        + "---\napiVersion: resilint/v1\nkind: Supplier\nid: other\n"
    )
    repo(write, "co", policies)
    found = synthetic(cli, tmp_path, "--hours", "10")
    insurers = {n["document"]: n for n in found["notices"] if n["kind"] == "insurer"}
    assert insurers["excess"]["deadline_hours"] == 48  # the primary's terms
    assert "notice@second.example" in insurers["excess"]["contact"]  # its own insurer
    assert "the excess layer follows its form" in insurers["excess"]["basis"]
    [policy] = found["insurance"]  # one entry for the tower
    assert policy["layers"] == ["excess"]
    dependent = next(c for c in policy["covers"] if c["cover"].startswith("dependent"))
    assert dependent["responds"] == "no" and "acme is not named" in dependent["why"]
    assert dependent["hours_past_waiting"] == 0
    # the excess layer written first: at equal deadlines the primary's notice still leads
    _, entity, primary, excess, supplier = policies.split("---\n")
    repo(write, "co", "".join(f"---\n{d}" for d in (entity, excess, primary, supplier)))
    order = [n["document"] for n in synthetic(cli, tmp_path, "--hours", "10")["notices"]]
    assert order.index("primary") < order.index("excess"), order


def test_unknown_targets_and_usage_errors(cli: Cli) -> None:
    wrong = cli("impact", str(NORTHWIND), "--supplier", "transvia", cwd=REPO)
    assert wrong.exit_code == 2 and "did you mean 'transvia-edi'" in wrong.stderr
    assert cli("card", "corvane", str(NORTHWIND), cwd=REPO).exit_code == 2
    both = cli(
        "impact", str(NORTHWIND), "--supplier", "corvane-erp", "--function", "payroll", cwd=REPO
    )
    assert both.exit_code == 2 and "name one thing that is down" in both.stderr
    nothing = cli("impact", str(NORTHWIND), cwd=REPO)
    assert nothing.exit_code == 2 and "say what is down: --supplier ID" in nothing.stderr
    # what is down given where PATHS go: offered as the option it was most likely meant as
    meant = cli("impact", "corvane-erp", cwd=NORTHWIND)
    assert meant.exit_code == 2 and not meant.stdout
    assert (
        "corvane-erp: no such file or directory; PATHS name the repository, not what is down: "
        "write --supplier corvane-erp (or --function, --region, --dependency)"
    ) in meant.stderr
    assert (
        cli(
            "impact", str(NORTHWIND), "--supplier", "corvane-erp", "--hours", "-1", cwd=REPO
        ).exit_code
        == 2
    )
    region = cli("impact", str(NORTHWIND), "--region", "nimbara/eu-central-9", cwd=REPO)
    assert region.exit_code == 2 and "eu-central-2" in region.stderr


def test_an_unreadable_file_is_no_silent_pass(cli: Cli, write: Write, tmp_path: Path) -> None:
    repo(write, "co", "---\napiVersion: resilint/v1\nkind: Entity\nid: co\n")
    write("broken.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: [unclosed\n")
    result = cli("impact", "--supplier", "acme", cwd=tmp_path)
    assert result.exit_code == 2
    assert "orders" in result.stdout  # the answer is still written
    assert "broken.yaml" in result.stderr and "could not be read" in result.stderr


@pytest.mark.parametrize(
    "command",
    [("impact", "--supplier", "leaseware"), ("card", "leaseware")],
    ids=["impact", "card"],
)
def test_a_supplier_not_found_may_be_in_a_file_that_could_not_be_read(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    repository = copy_example("havelbank", tmp_path)
    with (repository / "suppliers" / "leaseware.yaml").open("a", encoding="utf-8") as file:
        file.write("oops: [\n")
    result = cli(*command, cwd=repository)
    assert result.exit_code == 2 and not result.stdout
    assert result.stderr == (
        "resilint: no supplier has the id 'leaseware'; the supplier may be in a file that "
        "could not be read: suppliers/leaseware.yaml (`resilint check` says why)\n"
    )


HOSTILE = "Evil\u202e <script>alert(1)</script> | `x` \x1b[31m\n::error::"


@pytest.mark.parametrize(
    "command",
    [
        ("card", "acme", "--format", "html"),
        ("card", "acme", "--format", "markdown"),
        ("impact", "--supplier", "acme"),
        ("impact", "--supplier", "acme", "--format", "markdown"),
        ("impact", "--supplier", "acme", "--format", "json"),
    ],
)
def test_values_from_the_data_are_escaped(
    cli: Cli, write: Write, tmp_path: Path, command: tuple[str, ...]
) -> None:
    write("resilint.yaml", "{}\n")
    write(
        "programme.yaml",
        BASE.replace("ENTITY", "co").replace("name: Acme EDI", f"name: {json.dumps(HOSTILE)}")
        + "---\napiVersion: resilint/v1\nkind: Entity\nid: co\n",
    )
    output = cli(*command, "--as-of", AS_OF, cwd=tmp_path).stdout
    assert "Acme SOC" in output or "soc@acme.example" in output
    for raw in ("\u202e", "\x1b", "\n::error::"):
        assert raw not in output, raw
    if "html" in command or "markdown" in command:  # markup from the data stays inert
        assert "<script>" not in output and "&lt;script&gt;" in output


def test_bcm08_finds_a_fallback_slower_than_the_mtpd(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    write("resilint.yaml", '{"profiles": [], "select": ["BCM-08"]}\n')
    write(
        "programme.yaml",
        """
        apiVersion: resilint/v1
        kind: BusinessFunction
        id: labels
        criticality: critical
        mtpd_hours: 8
        ---
        apiVersion: resilint/v1
        kind: ContinuityPlan
        id: labels-plan
        function: labels
        manual_procedure: {description: Paper labels, time_to_switch_hours: 12}
        ---
        apiVersion: resilint/v1
        kind: BusinessFunction
        id: canteen
        criticality: standard
        mtpd_hours: 1
        ---
        apiVersion: resilint/v1
        kind: ContinuityPlan
        id: canteen-plan
        function: canteen
        manual_procedure: {description: Sandwiches, time_to_switch_hours: 12}
        """,
    )
    result = cli("check", "--format", "json", "--no-cache", "--as-of", AS_OF, cwd=tmp_path)
    found = [(f["code"], f["id"], f["line"]) for f in result.json()["findings"]]
    assert found == [("BCM-08", "labels-plan", 11)]
    message = result.json()["findings"][0]["message"]
    assert "12 hours to get running" in message and "at most 8 hours" in message


def test_the_json_shape_is_documented(cli: Cli) -> None:
    """Every key the JSON output carries is named in docs/impact.md."""
    page = (REPO / "docs" / "impact.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)(?:\[\])?`", page))

    def keys(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    for args in (("--supplier", "transvia-edi"), ("--all-critical",)):
        found = impact(cli, str(NORTHWIND), *args, "--hours", "24")
        assert set(keys(found)) - documented == set()


def test_a_standby_region_does_not_stop_a_function(cli: Cli, write: Write, tmp_path: Path) -> None:
    write("resilint.yaml", "{}\n")
    write(
        "programme.yaml",
        """
        apiVersion: resilint/v1
        kind: BusinessFunction
        id: orders
        criticality: critical
        rto_hours: 4
        mtpd_hours: 8
        depends_on:
          cloud:
            - {provider: aws, region: eu-west-1}
            - {provider: aws, region: eu-central-1, role: standby}
        """,
    )
    args = ("impact", "--format", "json", "--as-of", AS_OF, "--hours", "12", "--region")
    primary = cli(*args, "aws/eu-west-1", cwd=tmp_path).json()["functions"][0]
    assert (primary["stopped"], primary["breaches_rto"], primary["breaches_mtpd"]) == (
        True,
        True,
        True,
    )
    standby = cli(*args, "eu-central-1", cwd=tmp_path).json()
    function = standby["functions"][0]
    assert (function["stopped"], function["breaches_rto"]) == (False, False)
    assert any("standby or replica" in note for note in standby["notes"])


def test_an_insurer_notice_in_words_or_not_recorded(cli: Cli, write: Write, tmp_path: Path) -> None:
    policies = """---
apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: worded
insurer: Worded Insurer
notice: {incident_notice_wording: as_soon_as_practicable}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: silent
insurer: Silent Insurer
"""
    repo(write, "co", policies)
    notices = {n["document"]: n for n in synthetic(cli, tmp_path)["notices"]}
    worded, silent = notices["worded"], notices["silent"]
    assert (worded["deadline_hours"], worded["deadline"]) == (None, "as soon as practicable")
    assert (silent["deadline_hours"], silent["deadline"]) == (None, "")
    assert "records no notice deadline" in silent["note"]


def test_functions_naming_the_supplier_by_a_near_name_are_said_not_counted(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    """Functions sign in through 'keyward' but the supplier is keyward-id: the answer counts
    none of them, and says which functions it left out and how to link them."""
    write("resilint.yaml", "{}\n")
    write(
        "programme.yaml",
        "apiVersion: resilint/v1\nkind: Supplier\nid: keyward-id\nname: Keyward Identity SE\n"
        "tier: 1\n---\napiVersion: resilint/v1\nkind: BusinessFunction\nid: claims\n"
        "criticality: critical\ndepends_on: {identity_providers: [keyward]}\n",
    )
    asked = ("impact", "--supplier", "keyward-id", "--format", "json", "--as-of", AS_OF)
    answer = cli(*asked, cwd=tmp_path).json()
    assert answer["functions"] == []
    [note] = [n for n in answer["notes"] if n.startswith("Not counted")]
    assert "claims ('keyward')" in note and "write keyward-id there" in note
    # linked by its id, the function is counted and the note is gone
    write(
        "programme.yaml",
        (tmp_path / "programme.yaml").read_text().replace("[keyward]", "[keyward-id]"),
    )
    linked = cli(*asked, cwd=tmp_path).json()
    assert [f["id"] for f in linked["functions"]] == ["claims"]
    assert not [n for n in linked["notes"] if n.startswith("Not counted")]


LINDENAU = EXAMPLES / "lindenau"


def _lindenau_templates() -> dict[str, tuple[str, frozenset[str]]]:
    """Each message a lindenau plan prepares: its audience, and the entities of the plan's
    function (every entity where the function names none)."""
    documents = [
        d
        for path in sorted(LINDENAU.rglob("*.yaml"))
        for d in yaml.safe_load_all(path.read_text(encoding="utf-8"))
        if isinstance(d, dict)
    ]
    everyone = frozenset(d["id"] for d in documents if d.get("kind") == "Entity")
    functions = {d["id"]: d for d in documents if d.get("kind") == "BusinessFunction"}
    found: dict[str, tuple[str, frozenset[str]]] = {}
    for plan in (d for d in documents if d.get("kind") == "ContinuityPlan"):
        entities = frozenset(functions[plan["function"]].get("entities") or everyone)
        for audience, template in (plan.get("comms_templates") or {}).items():
            found[template["reference"]] = (audience, entities)
    return found


def test_each_entity_is_offered_its_own_functions_messages_each_for_its_own_clock(
    cli: Cli,
) -> None:
    """lindenau has a Luxembourg bank under DORA and manufacturers under NIS2: a manufacturer's
    NIS2 early warning is never offered the bank's CSSF report, nor a regulator's clock the
    GDPR breach notice the payroll plan prepares for the data protection authorities (and that
    one is offered for their clock)."""
    templates = _lindenau_templates()
    scenarios = impact(cli, str(LINDENAU), "--all-critical")["scenarios"]
    offered = [n for s in scenarios for n in s["notices"] if n["template"]]
    authorities = [n for n in offered if n["kind"] in ("regulator", "data_protection_authority")]
    assert {n["kind"] for n in authorities} == {"regulator", "data_protection_authority"}
    for notice in authorities:
        audience, entities = templates[notice["template"]]
        assert notice["entity"] in entities, notice
        wanted = "regulator" if notice["kind"] == "regulator" else "data_protection"
        assert audience == wanted, notice


def test_the_awareness_note_names_only_the_regimes_of_the_repository(cli: Cli) -> None:
    """northwind's entities are under NIS2 alone: the note says when NIS2's clocks start and
    nothing of DORA or NYDFS; lindenau's are under DORA and NIS2, not NYDFS."""
    found = northwind(cli, "transvia-edi", 24)
    [note] = [n for n in found["notes"] if n.startswith("Regulator clocks run from")]
    assert "NIS2" in note and "DORA" not in note and "NYDFS" not in note
    scenarios = impact(cli, str(LINDENAU), "--all-critical")["scenarios"]
    notes = {n for s in scenarios for n in s["notes"] if n.startswith("Regulator clocks run")}
    assert notes and all("DORA" in n and "NIS2" in n and "NYDFS" not in n for n in notes)


def test_an_outage_that_is_no_ict_incident_starts_no_regulator_clock(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    """A chemicals supplier recorded as providing no ICT services, holding no access and none
    of our data stops the critical function, but its outage is no ICT-related incident (DORA
    Art. 3(8), NIS2 Art. 6(6)) nor a personal data breach: no regulator or data protection
    clock starts. Recorded as nothing, it is counted (the clocks start)."""
    entity = (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: bank\nregimes: [dora]\n"
        "reporting_clocks: {data_protection_authority_hours: 72}\n"
    )
    repo(write, "bank", entity)
    unknown = {n["kind"] for n in synthetic(cli, tmp_path)["notices"]}
    assert {"regulator", "data_protection_authority"} <= unknown
    recorded = (
        "provides_ict_services: false\nhighest_access_level: none\ndata_sensitivity: public\n"
    )
    write(
        "programme.yaml",
        BASE.replace("ENTITY", "bank").replace("tier: 1\n", "tier: 1\n" + recorded) + entity,
    )
    kinds = {n["kind"] for n in synthetic(cli, tmp_path)["notices"]}
    assert not kinds & {"regulator", "data_protection_authority"}, kinds


def test_why_no_regulator_clock_cites_only_the_entitys_own_regimes(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    """A forwarder with no ICT services stops a NIS2 manufacturer's critical function: the note
    on why no regulator clock starts cites NIS2's definition of an incident (Art. 6(6)) and its
    significant incidents, never DORA's, which does not apply to a manufacturer; a DORA entity
    is told of DORA's ICT-related and major incidents, not NIS2's."""
    recorded = (
        "provides_ict_services: false\nhighest_access_level: none\ndata_sensitivity: public\n"
    )
    for entity, regime, cited, foreign in (
        ("plant", "nis2", ("NIS2 Art. 6(6)", "significant"), ("DORA", "major", "ICT-related")),
        ("bank", "dora", ("DORA Art. 3(8)", "major", "ICT-related"), ("NIS2", "significant")),
    ):
        document = (
            f"---\napiVersion: resilint/v1\nkind: Entity\nid: {entity}\nregimes: [{regime}]\n"
        )
        write("resilint.yaml", "{}\n")
        write(
            "programme.yaml",
            BASE.replace("ENTITY", entity).replace("tier: 1\n", "tier: 1\n" + recorded) + document,
        )
        [note] = [n for n in synthetic(cli, tmp_path)["notes"] if "are not listed" in n]
        assert all(word in note for word in cited), note
        assert not any(word in note for word in foreign), note


def test_an_own_deadline_is_offered_the_message_of_the_audience_it_names(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    """A card scheme's notice is not the letter to customers: an entity's own deadline is
    offered the prepared message of the audience it names (``other_clocks[].audience``), and
    none where it names none."""
    entity = (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: payco\nregimes: []\n"
        "reporting_clocks:\n  other_clocks:\n"
        "    - {name: notice to the card schemes, hours: 24}\n"
        "    - {name: notice to merchants, hours: 48, audience: customers}\n"
        "---\napiVersion: resilint/v1\nkind: ContinuityPlan\nid: orders-degraded\n"
        "function: orders\ncomms_templates:\n"
        "  customers: {reference: https://bcm.example/merchant-letter.docx}\n"
    )
    repo(write, "payco", entity)
    notices = {n["what"]: n for n in synthetic(cli, tmp_path)["notices"]}
    assert notices["notice to merchants"]["template"] == "https://bcm.example/merchant-letter.docx"
    assert notices["notice to the card schemes"]["template"] == ""


def test_a_deadline_that_runs_from_an_act_of_ours_is_noted_not_listed(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    """The NYDFS notice of an extortion payment runs from the payment (23 NYCRR 500.17(c)): no
    outage starts it, so it is not among the notices, but a responder weighing a ransom is told
    of it in a note."""
    entity = (
        "---\napiVersion: resilint/v1\nkind: Entity\nid: ny\nregimes: [nydfs]\n"
        "reporting_clocks:\n  other_clocks:\n"
        "    - {name: notice of an extortion payment, hours: 24, runs_from: our_action}\n"
    )
    repo(write, "ny", entity)
    found = synthetic(cli, tmp_path)
    assert all(n["what"] != "notice of an extortion payment" for n in found["notices"])
    [note] = [n for n in found["notes"] if "act of ours" in n]
    assert "ny: notice of an extortion payment, 24 hours" in note


def test_a_nis2_entity_is_reminded_of_the_recipients_of_its_services(cli: Cli) -> None:
    """NIS2 Art. 23(1): where appropriate, the recipients of the services are told of a
    significant incident likely to affect them; northwind is under NIS2, lindenau's bank under
    DORA alone is not reminded of it."""
    found = northwind(cli, "transvia-edi", 24)
    [note] = [n for n in found["notes"] if "Art. 23(1)" in n]
    assert note.startswith("Under NIS2 (") and "recipients of our services" in note
    havelbank = impact(cli, str(EXAMPLES / "havelbank"), "--all-critical")["scenarios"]
    assert not any("Art. 23(1)" in n for s in havelbank for n in s["notes"])


@pytest.mark.parametrize(
    ("record", "responds"),
    [
        ("provides_ict_services: false\nhighest_access_level: none\n", "no"),
        ("provides_ict_services: true\n", "maybe"),
    ],
)
def test_our_own_cover_responds_to_a_suppliers_outage_only_through_what_is_joined_to_us(
    cli: Cli, write: Write, tmp_path: Path, record: str, responds: str
) -> None:
    """Our own business-interruption cover answers a supplier's outage only if our systems go
    down too, as when we cut the supplier's integrations off: a supplier with no ICT services
    and no access to our systems (a blood service, a laundry) has none to cut off."""
    policy = ENTITY_CO + insurance_policy(
        "cyber",
        "First Insurer",
        "coverages: {business_interruption: {included: true}}\n"
        "business_interruption: {waiting_period_hours: 8}\n"
        "notice: {incident_notice_hours: 48, contact: {email: notice@first.example}}\n",
    )
    repo(write, "co", policy)
    programme = tmp_path / "programme.yaml"
    programme.write_text(programme.read_text().replace("tier: 1\n", "tier: 1\n" + record, 1))
    [insurance] = synthetic(cli, tmp_path, "--hours", "12")["insurance"]
    own = next(c for c in insurance["covers"] if c["cover"] == "business_interruption")
    assert own["responds"] == responds
    if responds == "no":
        assert "only dependent cover can respond" in own["why"]
    else:
        assert "cut the supplier's integrations off" in own["why"]


@pytest.mark.parametrize(
    ("procedure", "hours", "bridged"),
    [
        ("{capacity_percent: 40, time_to_switch_hours: 4, max_degraded_hours: 96}", 100, True),
        # it runs from hour 4 for 96 hours: to hour 100, not to 101
        ("{capacity_percent: 40, time_to_switch_hours: 4, max_degraded_hours: 96}", 101, False),
        # running only after the MTPD of 48 hours has passed
        ("{capacity_percent: 40, time_to_switch_hours: 50, max_degraded_hours: 200}", 100, False),
        # no time to switch recorded: whether it runs in time is not known
        ("{capacity_percent: 40, max_degraded_hours: 200}", 100, False),
        # a manual procedure at 0 % capacity is a halt, not a degraded mode
        ("{capacity_percent: 0, time_to_switch_hours: 1, max_degraded_hours: 200}", 100, False),
    ],
)
def test_a_degraded_mode_that_lasts_holds_the_mtpd(
    cli: Cli, write: Write, tmp_path: Path, procedure: str, hours: int, bridged: bool
) -> None:
    """An outage longer than the MTPD is tolerable while the degraded mode carries the function
    from before the MTPD has passed to the outage's end: the MTPD is held, the RTO breached."""
    plan = (
        "---\napiVersion: resilint/v1\nkind: ContinuityPlan\nid: orders-plan\nfunction: orders\n"
        f"owner: ops\nmanual_procedure: {procedure}\n"
    )
    repo(write, "co", ENTITY_CO + plan)
    (found,) = synthetic(cli, tmp_path, "--hours", str(hours))["functions"]
    assert (found["breaches_rto"], found["mtpd_bridged"]) == (True, bridged)
    assert found["breaches_mtpd"] is not bridged
    text = cli(
        "impact", "--supplier", "acme", "--hours", str(hours), "--as-of", AS_OF, cwd=tmp_path
    )
    held = "MTPD 48 h: held by the degraded mode (running before the MTPD has passed"
    assert (held in text.stdout) is bridged, text.stdout


def test_each_nis2_report_says_what_it_contains(cli: Cli, write: Write, tmp_path: Path) -> None:
    """NIS2's three reports each say what Art. 23(4) asks of them: the early warning whether the
    incident is suspected malicious or cross-border (point (a)), the notification an initial
    assessment with the indicators of compromise (point (b), the intermediate report on
    request, point (c)), the final report the root cause and mitigation (point (d), a progress
    report for an incident still ongoing, point (e)); in the text a risk manager reads and in
    the JSON."""
    entity = "---\napiVersion: resilint/v1\nkind: Entity\nid: grid\nregimes: [nis2]\n"
    repo(write, "grid", entity)
    notices = synthetic(cli, tmp_path)["notices"]
    content = {n["what"]: n["content"] for n in notices if n["regime"] == "nis2"}
    assert set(content) == {"early warning", "incident notification", "final report"}
    early = content["early warning"]
    assert "suspected of being caused by unlawful or malicious acts" in early
    assert "cross-border impact" in early and early.endswith("Art. 23(4)(a))")
    notification = content["incident notification"]
    assert "initial assessment of the incident, including its severity and impact" in (notification)
    assert "indicators of compromise" in notification
    assert "Art. 23(4)(b)" in notification and "point (c)" in notification
    final = content["final report"]
    assert "type of threat or root cause" in final and "mitigation measures" in final
    assert "Art. 23(4)(d)" in final and "progress report" in final
    assert "indicators of compromise" not in final and "malicious" not in final
    run = cli("impact", "--supplier", "acme", "--as-of", AS_OF, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    blocks = re.split(r"\n  (?=\S)", run.stdout)
    (block,) = [b for b in blocks if "final report to CSIRT or competent authority" in b]
    assert "type of threat or root cause" in block
