"""The coverage table of ``resilint report``: each cell agrees with what ``resilint check``
reports for that supplier and term. A gap exactly where a finding reports that very term (a rule
that checks several terms reports each at its own fields), met only where one of the term's
rules ran on the supplier or a contract asked the term, and not checked where none did (a
regulatory rule confined to entities the contract is not signed by)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
import yaml

from resilint.report.term_fields import FIELDS, FOLDED
from resilint.rules.paths import parse_path
from tests.conftest import REPO, copy_example

AS_OF = "2026-11-26"

ENTITIES = """
apiVersion: resilint/v1
kind: Entity
id: us
regimes: []
---
apiVersion: resilint/v1
kind: Entity
id: eu
regimes: [nis2]
nis2_entity_type: cloud_computing_service_provider
"""

PAY = """
---
apiVersion: resilint/v1
kind: Supplier
id: pay
provides_ict_services: true
service_model: managed_service
tier: 1
highest_access_level: write
---
apiVersion: resilint/v1
kind: Contract
id: ctr-pay
supplier: pay
entities: [us]
status: active
remedies: {step_in_rights: false, security_indemnity: true, accelerated_termination: true}
"""

CLOUD = """
---
apiVersion: resilint/v1
kind: Supplier
id: idp
provides_ict_services: true
tier: 1
shared_dependencies: {cloud: [{provider: cloudco, region: r1}]}
---
apiVersion: resilint/v1
kind: Supplier
id: cloudco
provides_ict_services: true
service_model: iaas_paas
tier: 1
---
apiVersion: resilint/v1
kind: Contract
id: ctr-cloudco
supplier: cloudco
entities: [us]
status: active
---
apiVersion: resilint/v1
kind: BusinessFunction
id: eu-fn
entities: [eu]
criticality: critical
depends_on: {suppliers: [idp]}
"""

Cells = dict[str, dict[str, tuple[str, str]]]


def _cells(text: str) -> Cells:
    """The coverage table: supplier -> term -> (cell kind, code of the finding it links)."""
    section = text[text.index('<section id="coverage"') :]
    table = section[: section.index("</table>")]
    header = r'<th scope="col" title="[^"]*"><span><span class="term">([^<]*)</span>'
    terms = [name.replace(" ", "_") for name in re.findall(header, table)]
    found: Cells = {}
    for supplier, row in re.findall(
        r'<th scope="row" id="cov-([^"]+)"[^>]*>.*?</th>(.*?)</tr>', table
    ):
        cells = re.findall(r'<td class="cell ([^"]+)">(.*?)</td>', row)
        found[supplier] = {
            term: (kind, _linked(content))
            for term, (kind, content) in zip(terms, cells, strict=True)
        }
    return found


def _linked(content: str) -> str:
    title = re.search(r'title="([^":]+):', content)
    return unescape(title.group(1)) if title else ""


@pytest.fixture
def report(cli, tmp_path: Path) -> Callable[..., Cells]:
    def render(*texts: str) -> Cells:
        repo = tmp_path / "repo"
        repo.mkdir(exist_ok=True)
        (repo / "r.yaml").write_text("".join(texts), encoding="utf-8")
        out = tmp_path / "report.html"
        run = cli("report", str(repo), "--as-of", AS_OF, "--no-cache", "-o", str(out))
        assert run.exit_code == 0, run.stderr
        return _cells(out.read_text(encoding="utf-8"))

    return render


def test_one_remedy_missing_is_a_gap_of_that_remedy_alone(report) -> None:
    """CTR-08 checks three remedies; its finding on ctr-pay is about step-in only."""
    pay = report(ENTITIES, PAY)["pay"]
    assert pay["step_in_rights"] == ("gap", "CTR-08")
    assert pay["security_indemnity"] == ("met", "")
    assert pay["accelerated_termination"] == ("met", "")


ESCROWED = PAY.replace("service_model: managed_service", "service_model: multi_tenant_saas")
ESCROWED = ESCROWED.replace(
    "accelerated_termination: true}", "accelerated_termination: true,\n  escrow: true}"
)


def test_a_term_the_rule_leaves_out_is_not_shown_as_met(report) -> None:
    """A hard-to-replace SaaS whose contract records escrow is not asked step-in (CTR-08): no
    finding, but the contract says no step-in, so the cell must not say the term is met."""
    pay = report(ENTITIES, ESCROWED)["pay"]
    assert pay["step_in_rights"] == ("exempt", "")
    assert pay["security_indemnity"] == ("met", "")  # recorded as granted: met
    granted = ESCROWED.replace("step_in_rights: false", "step_in_rights: true")
    assert report(ENTITIES, granted)["pay"]["step_in_rights"] == ("met", "")


def test_a_missing_section_is_a_gap_of_every_term_asked_in_it(report) -> None:
    """No contacts at all: SUP-03's one finding, at the 24x7 contact, folds the escalation
    order it asks of a critical supplier (and no security contact is named either)."""
    pay = report(ENTITIES, PAY)["pay"]
    assert pay["escalation_order"] == ("gap", "SUP-03")
    assert pay["security_contact_24x7"] == ("gap", "SUP-03")
    assert pay["security_contact"] == ("gap", "SUP-03")
    # A whole remedies section missing: each remedy CTR-08 asked is a gap, the one it did
    # not ask (step-in from an IaaS provider) is not required.
    cloudco = report(ENTITIES, CLOUD)["cloudco"]
    assert cloudco["step_in_rights"] == ("na", "")
    assert cloudco["security_indemnity"] == ("gap", "CTR-08")
    assert cloudco["accelerated_termination"] == ("gap", "CTR-08")


def test_a_missing_notice_clause_is_one_gap_of_its_hours_and_its_content(report) -> None:
    """No incident notification clause at all: CTR-03's one finding reports the notice's hours
    and its content (CTR-05 does not report the same missing clause again); a clause that is
    there with too little content is CTR-05's gap alone."""
    pay = report(ENTITIES, PAY)["pay"]
    assert pay["incident_notice"] == ("gap", "CTR-03")
    assert pay["notice_content"] == ("gap", "CTR-03")
    thin = PAY.replace(
        "status: active\n",
        "status: active\nincident_notification: {window_hours: 4, trigger: suspected, "
        "content: [contact]}\n",
    )
    pay = report(ENTITIES, thin)["pay"]
    assert pay["incident_notice"] == ("met", "")
    assert pay["notice_content"] == ("gap", "CTR-05")


def test_gaps_folded_in_one_section_are_told_apart(report) -> None:
    """Part of a section: each gap of the finding that folds them is its own term's, and the
    terms the section holds are met."""
    pay = report(
        ENTITIES,
        PAY.replace(
            "highest_access_level: write\n",
            "highest_access_level: write\n"
            "contacts: {security: {name: Security desk, email: security@pay.example}}\n",
        ).replace(
            "status: active\n",
            "status: active\n"
            "evidence_retention: {log_days: 400}\n"
            "cooperation: {incident_team: true}\n",
        ),
    )["pay"]
    assert pay["security_contact"] == ("met", "")
    assert pay["security_contact_24x7"] == ("gap", "SUP-03")
    assert pay["escalation_order"] == ("gap", "SUP-03")
    assert pay["cooperation"] == ("met", "")
    assert pay["claim_cooperation"] == ("gap", "CTR-07")
    assert pay["evidence_retention"] == ("gap", "CTR-06")
    assert pay["forensic_images"] == ("gap", "CTR-06")


def test_a_regulatory_term_is_checked_where_its_rule_ran(report) -> None:
    """cloudco is reached from the NIS2 entity only through idp; its contract is signed by an
    entity with no regime, which CTR-12 does not run on. A contract signed by the NIS2 entity is
    checked."""
    cells = report(ENTITIES, CLOUD)
    assert cells["cloudco"]["nis2_supply_chain"] == ("unchecked", "")
    eu_contract = """
---
apiVersion: resilint/v1
kind: Contract
id: ctr-idp
supplier: idp
entities: [eu]
status: active
"""
    assert report(ENTITIES, CLOUD, eu_contract)["idp"]["nis2_supply_chain"] == ("gap", "CTR-12")


def test_a_term_no_contract_is_asked_is_not_required(report) -> None:
    """The supplier provides ICT services, but its only contract covers none: the ICT-security
    terms are asked of no contract of it, and no rule checked them."""
    pay = report(
        ENTITIES, PAY.replace("status: active", "status: active\ncovers_ict_services: false")
    )
    assert pay["pay"]["notice_content"] == ("na", "")
    assert pay["pay"]["evidence_retention"] == ("na", "")


def test_rules_that_do_not_apply_to_a_prospective_supplier_did_not_check_it(report) -> None:
    """SUP-03 asks contacts of engaged suppliers, CTR-14 reviews contracts in force."""
    prospective = PAY.replace("tier: 1\n", "tier: 1\nstatus: prospective\n", 1)
    pay = report(ENTITIES, prospective.replace("status: active", "status: draft"))["pay"]
    assert pay["escalation_order"] == ("unchecked", "")
    assert pay["renewal_review"] == ("unchecked", "")


def test_lindenau_accepted_remedies_and_the_one_present(cli, tmp_path: Path) -> None:
    """corrivo's waived CTR-08 finding is about the indemnity; nobody steps into its shared
    platform, whose exit plan was tested this year with a 12-month transition period (the
    continuity remedy CTR-08 takes for step-in there); its contracts grant accelerated
    termination."""
    repo = copy_example("lindenau", tmp_path)
    out = tmp_path / "report.html"
    assert cli("report", str(repo), "-o", str(out), cwd=repo).exit_code == 0
    cells = _cells(out.read_text(encoding="utf-8"))
    assert cells["corrivo"]["step_in_rights"] == ("exempt", "")
    assert cells["corrivo"]["security_indemnity"] == ("suppressed", "CTR-08")
    assert cells["corrivo"]["accelerated_termination"] == ("met", "")
    # its contract covers no ICT services: the ICT-security terms are asked of none
    assert cells["brueckner-getriebe"]["notice_content"] == ("na", "")


def _rules() -> dict[str, dict[str, object]]:
    found = {}
    for path in sorted((REPO / "rules").glob("*.yaml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            found[rule["code"]] = rule
    return found


def _asked_at(rule: dict[str, object]) -> list[tuple[str | int, ...]]:
    """Where each of a rule's requirements reports, in order, within the selected document."""
    places = []
    for entry in rule["require"]:  # type: ignore[attr-defined]
        at = entry.get("at") or entry["that"].get("field")
        places.append(tuple(parse_path(at)[1:]) if at else ())
    return places


@pytest.mark.parametrize("code", sorted(FIELDS))
def test_term_fields_follow_the_rule(code: str) -> None:
    """Each field is one the rule reports at (or a section holding them), in its order, and
    each term is one the matrix has the rule check."""
    rule = _rules()[code]
    places = _asked_at(rule)
    matrix = yaml.safe_load((REPO / "rules" / "requirements.yaml").read_text(encoding="utf-8"))
    firsts = []
    for field, term in FIELDS[code]:
        # a term of another rule, reported where its section is missing (FOLDED), or the
        # rule's own
        own = code in matrix["terms"][term]["rules"]
        assert own or term in FOLDED.get(code, ()), (code, term)
        exact = [n for n, place in enumerate(places) if place == field]
        within = [n for n, place in enumerate(places) if place[: len(field)] == field]
        assert within, (code, field)
        firsts.append((exact or within)[0])
    assert firsts == sorted(firsts), code


def test_every_rule_of_several_terms_has_its_fields() -> None:
    matrix = yaml.safe_load((REPO / "rules" / "requirements.yaml").read_text(encoding="utf-8"))
    terms_of: dict[str, set[str]] = {}
    for name, term in matrix["terms"].items():
        for code in term["rules"]:
            terms_of.setdefault(code, set()).add(name)
    shared = {code for code, names in terms_of.items() if len(names) > 1}
    assert shared <= set(FIELDS)


def test_a_term_no_rule_of_the_repository_checks_has_no_column(cli, tmp_path: Path) -> None:
    """No entity is under NYDFS: the NYDFS third-party term, which only CTR-11 checks, gets no
    column of "not checked" cells, and the note under the table says why; the NIS2 term, whose
    rule runs for the NIS2 entity, keeps its column."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "r.yaml").write_text(ENTITIES + PAY, encoding="utf-8")
    out = tmp_path / "report.html"
    run = cli("report", str(repo), "--as-of", AS_OF, "--no-cache", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    cells = _cells(text)["pay"]
    assert "nydfs_third_party" not in cells and "nis2_supply_chain" in cells
    note = re.search(r'<p class="note">Not shown: ([^<]*)', text)
    assert note is not None
    assert note.group(1) == (
        "nydfs third party: a term only NYDFS Part 500 (23 NYCRR Part 500) asks, of the "
        "entities it binds; no entity of this programme is under it, so it is not asked here."
    )


def test_terms_a_contract_records_as_yes_or_no_are_boolean_fields() -> None:
    """The coverage matrix reads a term the rule left out as 'not asked here' where the contract
    does not record it true: only for fields that are a yes or no in the contract's schema."""
    from resilint.report.coverage import _RECORDED

    schema = json.loads((REPO / "schemas" / "contract.json").read_text(encoding="utf-8"))
    assert set(_RECORDED) == {
        "step_in_rights",
        "security_indemnity",
        "accelerated_termination",
        "forensic_images",
    }
    for section, field in _RECORDED.values():
        assert schema["properties"][section]["properties"][field]["type"] == "boolean"


def test_a_contract_the_rules_own_conditions_leave_out_is_not_checked(report) -> None:
    """CTR-12 runs for NIS2 entities, but its own condition (``when``) binds only the kinds of
    entity of Implementing Regulation (EU) 2024/2690: a contract signed by a NIS2 entity of
    another kind is not checked by it, so its cell is "not checked", never "met"; one signed by
    an entity of a bound kind is."""
    other = ENTITIES.replace("id: eu\n", "id: eu2\n").replace(
        "cloud_computing_service_provider", "other"
    )
    both = ENTITIES + "\n---" + other.split("---", 1)[1]
    idp = """
---
apiVersion: resilint/v1
kind: Contract
id: ctr-idp
supplier: idp
entities: [eu2]
status: active
"""
    cells = report(both, CLOUD, idp, PAY.replace("entities: [us]", "entities: [eu]"))
    assert cells["idp"]["nis2_supply_chain"] == ("unchecked", "")
    assert cells["pay"]["nis2_supply_chain"] == ("gap", "CTR-12")


def test_a_term_whose_rule_judges_no_contract_here_has_no_column(cli, tmp_path: Path) -> None:
    """The only NIS2 entity is of a kind the implementing rules do not bind: CTR-12 runs on its
    contract but judges nothing, so the NIS2 supply-chain term gets no column of "not checked"
    cells, and the note under the table says why."""
    repo = tmp_path / "repo"
    repo.mkdir()
    entities = ENTITIES.replace("cloud_computing_service_provider", "other")
    pay = PAY.replace("entities: [us]", "entities: [eu]")
    (repo / "r.yaml").write_text(entities + pay, encoding="utf-8")
    out = tmp_path / "report.html"
    run = cli("report", str(repo), "--as-of", AS_OF, "--no-cache", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "nis2_supply_chain" not in _cells(text)["pay"]
    note = re.search(r'<p class="note">Not shown: ([^<]*)', text)
    assert note is not None and "nis2 supply chain" in note.group(1)


def test_a_term_whose_field_fails_the_schema_is_not_checked_not_met(report) -> None:
    """A notice window written '24h' and a notice period '6 months': the rules that judge them
    wait for the schema error, so nothing reports the terms, and the table said 'met' where
    nothing was judged. Each cell is 'not checked' and links the schema error to correct."""
    mistyped = PAY.replace(
        "status: active\n",
        "status: active\nincident_notification: {window_hours: 24h, trigger: suspected}\n"
        "our_notice_period_days: 6 months\nsupplier_notice_period_days: 90\n",
    )
    pay = report(ENTITIES, mistyped)["pay"]
    assert pay["incident_notice"] == ("unchecked", "SCH-01")
    assert pay["notice_periods"] == ("unchecked", "SCH-01")
    assert pay["step_in_rights"] == ("gap", "CTR-08")  # its own field is read as before
    fixed = mistyped.replace("24h", "24").replace("6 months", "180")
    pay = report(ENTITIES, fixed)["pay"]
    assert pay["incident_notice"][0] != "unchecked" and pay["notice_periods"] == ("met", "")


def test_the_note_gives_the_nis2_reason_only_where_an_entity_is_under_nis2(
    cli, tmp_path: Path
) -> None:
    """A programme with no entity under NIS2 is told which laws its hidden terms belong to and
    that none of its entities is under them, not about the NIS2 implementing rules' kinds of
    entity, which bind none of its entities."""
    repo = tmp_path / "repo"
    repo.mkdir()
    entities = ENTITIES.replace("regimes: [nis2]", "regimes: []")
    assert entities != ENTITIES
    (repo / "r.yaml").write_text(entities + PAY, encoding="utf-8")
    out = tmp_path / "report.html"
    run = cli("report", str(repo), "--as-of", AS_OF, "--no-cache", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    note = re.search(r'<p class="note">Not shown: ([^<]*)', out.read_text(encoding="utf-8"))
    assert note is not None
    assert "no entity of this programme is under either, so they are not asked here" in (
        note.group(1)
    )
    assert "2024/2690" not in note.group(1) and "profiles are off" not in note.group(1)
