"""The insurance and claims-evidence rules (INS-01..INS-07, EVD-01) through the CLI on real files:
the corrections of issue 9 (INS-04's waiting periods against RTO and MTPD, INS-03's "as soon as
practicable" notice), and the tower: an excess layer that follows form checks like one policy with
the one it sits over, a renewal is a later policy in the same position, one evidence package per
tower. Insurance is market practice, not law: the messages say so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

AS_OF = "2026-11-26"
HEAD = "apiVersion: resilint/v1\n"
CODES = ["INS-01", "INS-02", "INS-03", "INS-04", "INS-05", "INS-06", "INS-07", "EVD-01"]


def docs(*bodies: str) -> str:
    """A multi-document YAML file from document bodies (each without apiVersion)."""
    return "---\n".join(HEAD + body.strip("\n") + "\n" for body in bodies)


@pytest.fixture
def run(cli, write, tmp_path: Path):
    """Run the given rule(s) over the documents; return their findings (fail on a crash or on a
    schema or reference error, so every case is a valid repository)."""

    def go(
        codes: str | list[str], text: str, settings: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        wanted = [codes] if isinstance(codes, str) else codes
        config: dict[str, Any] = {"profiles": [], "select": wanted}
        if settings:
            config["rules"] = dict.fromkeys(wanted, settings)
        write("resilint.yaml", json.dumps(config))
        write("repo.yaml", text)
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
        findings: list[dict[str, Any]] = result.json()["findings"]
        broken = [f for f in findings if f["code"] not in wanted or "could not be" in f["message"]]
        assert not broken, broken
        return findings

    return go


def places(findings: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return sorted((f["code"], f["id"], f["line"]) for f in findings)


def line(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first line holding ``needle`` (after the line holding ``after``)."""
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(needle, start)) + 1


# -- the documents ---------------------------------------------------------------------------
ENTITY = "kind: Entity\nid: north\n"
SUPPLIER = """
kind: Supplier
id: acme
tier: 1
provides_ict_services: true
"""
PAYROLL = """
kind: Supplier
id: payco
tier: 3
provides_ict_services: false
"""
FUNCTION = """
kind: BusinessFunction
id: orders
criticality: critical
entities: [north]
rto_hours: 8
mtpd_hours: 48
depends_on: {suppliers: [acme, payco]}
"""
CONTRACT = "kind: Contract\nid: ctr\nsupplier: acme\nstatus: active\nentities: [north]\n"
PRIMARY = """
kind: InsurancePolicy
id: cyber
period: {start: 2026-01-01, end: 2027-01-10}
insured_entities: [north]
currency: EUR
aggregate_limit: 10000000
business_interruption: {waiting_period_hours: 12, indemnity_period_days: 120}
dependent_bi: {scope: named, named_providers: [acme]}
notice:
  incident_notice_hours: 48
  claim_deadline_days: 90
  contact: {email: claims@insurer.example}
conditions:
  - {id: edr, control_categories: [edr], scope: [endpoints]}
exclusions:
  - {id: eol, type: eol_software, mitigating_control_categories: [eol_software]}
panel:
  forensics: [Panel Forensics LLP]
"""
EXCESS = """
kind: InsurancePolicy
id: cyber-xs
period: {start: 2026-01-01, end: 2027-01-10}
currency: EUR
aggregate_limit: 10000000
layer: {position: excess, sits_over: cyber, attaches_at: 10000000, follows_form: true}
"""
PLAYBOOK = """
kind: Playbook
id: acme-playbook
supplier: acme
contacts: {forensics_firm: Other Forensics Ltd}
comms_templates:
  insurer: {reference: t.md, recipients: [broker@broker.example]}
"""


def control(cid: str, category: str, scope: str = "[all]", extra: str = "") -> str:
    head = f"kind: Control\nid: {cid}\ncategory: {category}\n"
    return f"{head}status: implemented\nscope: {scope}\n{extra}"


# -- the tower -------------------------------------------------------------------------------
def test_a_primary_and_an_excess_layer_following_form_check_like_one_policy(run) -> None:
    """Every gap of the primary is found once, on the primary; the layer adds only the notice
    contact it lacks (INS-06 and EVD-01 name it in the one finding about the tower)."""
    alone = docs(ENTITY, SUPPLIER, PAYROLL, FUNCTION, CONTRACT, PLAYBOOK, PRIMARY)
    tower = docs(ENTITY, SUPPLIER, PAYROLL, FUNCTION, CONTRACT, PLAYBOOK, PRIMARY, EXCESS)
    one, both = run(CODES, alone), run(CODES, tower)
    codes = {f["code"] for f in one}
    assert codes == {"INS-01", "INS-04", "INS-05", "INS-06", "INS-07", "EVD-01"}
    # the layer records no notice contact of its own: the one thing asked of it (INS-05)
    layer = [f for f in both if f["id"] == "cyber-xs"]
    assert [(f["code"], f["level"]) for f in layer] == [("INS-05", "warning")]
    assert "records no notice contact" in layer[0]["message"]
    assert places(one) == places([f for f in both if f["id"] != "cyber-xs"])
    tower_wide = {f["code"]: f["message"] for f in both if f["code"] in ("INS-06", "EVD-01")}
    assert all("with its excess layer cyber-xs" in m for m in tower_wide.values())
    fingerprints = [f["fingerprint"] for f in both]
    assert len(fingerprints) == len(set(fingerprints))


def test_an_excess_layer_not_following_form_is_judged_on_its_own_terms(run) -> None:
    own = EXCESS.replace("follows_form: true", "follows_form: false") + (
        "insured_entities: [north]\n"
        "conditions:\n  - {id: mfa, control_categories: [mfa_email], scope: [email]}\n"
    )
    text = docs(
        ENTITY, SUPPLIER, PRIMARY, own, control("edr", "edr"), control("eol", "eol_software")
    )
    found = run(["INS-01", "INS-03"], text)
    assert ("INS-01", "cyber-xs", line(text, "mfa_email")) in places(found)
    # its own key terms are asked of it: waiting period, indemnity, dependent BI, notice, ...
    # one finding for the policy (fold: record) that names each term it lacks
    [own_terms] = [f for f in found if f["code"] == "INS-03" and f["id"] == "cyber-xs"]
    for term in ("waiting_period_hours", "dependent_bi.scope", "incident_notice_hours"):
        assert term in own_terms["message"]
    assert "exclusions" in own_terms["message"] and "panel" in own_terms["message"]
    assert "section is missing" in own_terms["message"]


def test_excess_layer_must_say_where_it_sits_and_sit_within_its_policy(run) -> None:
    loose = "kind: InsurancePolicy\nid: cyber-xs\nlayer: {position: excess}\n"
    found = run("INS-03", docs(ENTITY, SUPPLIER, PRIMARY, loose))
    # no terms asked of a layer following form: only where it sits
    # both gaps are at the layer: one finding that lists them
    [layer] = found
    assert layer["message"].startswith(
        "insurance policy cyber-xs does not name the policy it sits over as an excess layer"
    )
    assert "; also: does not record its attachment point as an excess layer" in layer["message"]
    late = EXCESS.replace("end: 2027-01-10", "end: 2027-06-30").replace(
        "attaches_at: 10000000", "attaches_at: 12000000"
    )
    text = docs(ENTITY, SUPPLIER, PRIMARY, late)
    # both gaps concern the layer: one finding that names each
    [message] = [f["message"] for f in run("INS-03", text)]
    assert (
        "is insured only to 2027-01-10, with any renewal of it recorded: after that the layer"
        " sits over nothing" in message
    )
    assert "pays only up to EUR 10,000,000: a loss between the two is insured by no one" in message
    # amounts in different currencies are not compared
    dollars = late.replace("currency: EUR", "currency: USD")
    assert len(run("INS-03", docs(ENTITY, SUPPLIER, PRIMARY, dollars))) == 1


def test_a_second_excess_layer_attaches_above_the_first(run) -> None:
    second = """
kind: InsurancePolicy
id: cyber-xs2
period: {start: 2026-01-01, end: 2027-01-10}
currency: EUR
layer: {position: excess, sits_over: cyber-xs, attaches_at: 20000000}
"""
    text = docs(ENTITY, SUPPLIER, PRIMARY, EXCESS, second)
    assert run("INS-03", text) == []
    gap = text.replace("attaches_at: 20000000", "attaches_at: 25000000")
    assert places(run("INS-03", gap)) == [("INS-03", "cyber-xs2", line(gap, "25000000"))]


def test_a_broken_tower_is_reported_once(run) -> None:
    """An excess layer following form over nothing found: INS-03 says so; no rule asks it for
    the terms it would follow, nor a package of its own."""
    dangling = EXCESS.replace("sits_over: cyber, ", "").replace("2027-01-10", "2027-06-30")
    found = run(CODES, docs(ENTITY, SUPPLIER, PRIMARY, dangling, control("edr", "edr")))
    on_layer = [f for f in found if f["id"] == "cyber-xs"]
    assert [f["code"] for f in on_layer] == ["INS-03"]
    assert "does not name the policy it sits over" in on_layer[0]["message"]


def test_a_condition_of_category_other_is_met_by_the_controls_it_names(run, cli, tmp_path) -> None:
    """ "Key-backup media sealed in a vault" and "withdrawals need two approvers" are both
    category other: the quorum control does not meet the vault condition. A condition of
    category other names its controls; until it does, INS-01 warns rather than calling it met,
    and the posture report lists no control for it."""
    vault = """
kind: InsurancePolicy
id: specie
period: {start: 2026-01-01, end: 2027-01-10}
insured_entities: [north]
line: specie
conditions:
  - {id: vault, control_categories: [other], attested: true}
"""
    quorum = control("withdrawal-quorum", "other")
    text = docs(ENTITY, vault, quorum)
    (found,) = run("INS-01", text)
    assert (found["id"], found["level"]) == ("specie", "warning")
    assert "names no control that meets it" in found["message"]
    assert "under the condition's controls" in found["message"]
    report = cli("report", "repo.yaml", "-o", "r.html", "--as-of", AS_OF, cwd=tmp_path)
    assert report.exit_code in (0, 1), report.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    row = page[page.index(">vault<") :].split("</tr>")[0]
    assert "withdrawal-quorum" not in row and "no control named" in row
    # named: the vault control meets it, a planned one does not, the quorum never does
    named = vault.replace("attested: true}", "attested: true, controls: [key-vault]}")
    assert run("INS-01", docs(ENTITY, named, quorum, control("key-vault", "other"))) == []
    planned = control("key-vault", "other").replace("implemented", "planned")
    (gap,) = run("INS-01", docs(ENTITY, named, quorum, planned))
    assert gap["level"] == "error" and "control key-vault is planned" in gap["message"]
    assert "withdrawal-quorum" not in gap["message"]


# -- INS-06: renewal is a later policy in the same position ------------------------------------
def test_an_overlapping_excess_layer_is_not_a_renewal(run) -> None:
    longer = EXCESS.replace("end: 2027-01-10", "end: 2027-03-31")
    found = run("INS-06", docs(ENTITY, SUPPLIER, PRIMARY, longer))
    assert [(f["id"], f["level"]) for f in found] == [("cyber", "warning")]
    assert found[0]["message"].endswith("(as of 2026-11-26)")


def test_a_renewed_tower_draws_no_warning_and_a_lapsing_layer_does(run) -> None:
    renewal = PRIMARY.replace("id: cyber\n", "id: cyber-27\n").replace(
        "{start: 2026-01-01, end: 2027-01-10}", "{start: 2027-01-11, end: 2028-01-10}"
    )
    layer = EXCESS.replace("id: cyber-xs\n", "id: cyber-xs-27\n").replace(
        "{start: 2026-01-01, end: 2027-01-10}", "{start: 2027-01-11, end: 2028-01-10}"
    )
    layer = layer.replace("sits_over: cyber,", "sits_over: cyber-27,")
    assert run("INS-06", docs(ENTITY, SUPPLIER, PRIMARY, EXCESS, renewal, layer)) == []
    # the primary renewed, the excess layer not: the excess position lapses on its own
    found = run("INS-06", docs(ENTITY, SUPPLIER, PRIMARY, EXCESS, renewal))
    assert [f["id"] for f in found] == ["cyber-xs"]
    # a renewal that starts after a gap, or insures fewer entities, is not one
    gap = renewal.replace("start: 2027-01-11", "start: 2027-02-01")
    assert [f["id"] for f in run("INS-06", docs(ENTITY, SUPPLIER, PRIMARY, gap))] == ["cyber"]


def test_an_excess_layer_that_lapsed_under_a_tower_still_in_force_is_an_error(run) -> None:
    """The primary renewed, the excess layer not, and the day has passed: the lapse warning no
    longer applies (the layer is not in force), but the tower now stops at the layer's
    attachment point. Reported on the policy below it until a layer takes its place."""
    past = "{start: 2025-11-01, end: 2026-10-31}"
    primary = PRIMARY.replace("{start: 2026-01-01, end: 2027-01-10}", past)
    lapsed = EXCESS.replace("{start: 2026-01-01, end: 2027-01-10}", past)
    renewal = PRIMARY.replace("id: cyber\n", "id: cyber-27\n").replace(
        "{start: 2026-01-01, end: 2027-01-10}", "{start: 2026-11-01, end: 2027-10-31}"
    )
    text = docs(ENTITY, SUPPLIER, primary, lapsed, renewal)
    found = run("INS-06", text)
    assert [(f["id"], f["level"], f["line"]) for f in found] == [
        ("cyber-27", "error", line(text, "id: cyber-27"))
    ]
    message = found[0]["message"]
    assert "excess layer cyber-xs above it ended on 2026-10-31" in message
    assert "losses above EUR 10,000,000 are uninsured" in message
    assert found[0]["related"][0]["line"] == line(text, "end: 2026-10-31", "id: cyber-xs")
    # a layer in its place, bound late, closes the gap; so does the whole tower lapsing (then
    # the entities' cover is what is missing)
    layer = EXCESS.replace("id: cyber-xs\n", "id: cyber-xs-27\n").replace(
        "{start: 2026-01-01, end: 2027-01-10}", "{start: 2026-11-20, end: 2027-10-31}"
    )
    layer = layer.replace("sits_over: cyber,", "sits_over: cyber-27,")
    assert run("INS-06", docs(ENTITY, SUPPLIER, primary, lapsed, renewal, layer)) == []
    assert run("INS-06", docs(ENTITY, SUPPLIER, primary, lapsed)) == []


def test_only_contracts_in_force_make_an_entity_need_insurance(run) -> None:
    south = "kind: Entity\nid: south\n"
    draft = CONTRACT.replace("id: ctr", "id: ctr-south").replace("[north]", "[south]")
    draft = draft.replace("status: active", "status: draft")
    found = run("INS-06", docs(ENTITY, south, SUPPLIER, CONTRACT, draft, PRIMARY))
    assert [f["id"] for f in found] == ["cyber"]  # the renewal warning only
    live = draft.replace("status: draft", "status: active")
    found = run("INS-06", docs(ENTITY, south, SUPPLIER, CONTRACT, live, PRIMARY))
    assert ("INS-06", "south", 7) in places(found)


def test_no_policy_at_all_reports_nothing(run) -> None:
    assert run("INS-06", docs(ENTITY, SUPPLIER, CONTRACT)) == []


def test_ending_policy_warning_is_configurable(run) -> None:
    text = docs(ENTITY, SUPPLIER, CONTRACT, PRIMARY)
    assert run("INS-06", text, {"params": {"ending_within_days": 10}}) == []
    assert run("INS-06", text, {"level": "info"})[0]["level"] == "info"


def test_entity_insured_only_by_an_expired_policy_is_uninsured(run) -> None:
    old = "kind: InsurancePolicy\nid: old\nperiod: {end: 2026-01-31}\ninsured_entities: [north]\n"
    found = run("INS-06", docs(ENTITY, SUPPLIER, CONTRACT, old))
    assert places(found) == [("INS-06", "north", 3)] and "ctr" in found[0]["message"]


# -- INS-04: waiting periods against MTPD (a warning) and RTO (a note) -------------------------
def bi_policy(waiting: int, dependent: str = "") -> str:
    return f"""
kind: InsurancePolicy
id: cyber
insured_entities: [north]
business_interruption: {{waiting_period_hours: {waiting}}}
dependent_bi: {{scope: all_suppliers{dependent}}}
"""


def function(
    rto: int | None,
    mtpd: int | None,
    criticality: str = "critical",
    fid: str = "orders",
    suppliers: str = "acme",
) -> str:
    hours = "".join(f"{k}: {v}\n" for k, v in (("rto_hours", rto), ("mtpd_hours", mtpd)) if v)
    return (
        f"kind: BusinessFunction\nid: {fid}\ncriticality: {criticality}\nentities: [north]\n"
        f"{hours}depends_on: {{suppliers: [{suppliers}]}}\n"
    )


@pytest.mark.parametrize(
    ("waiting", "rto", "mtpd", "where", "level"),
    [
        (
            7,
            8,
            48,
            None,
            None,
        ),  # cover pays for the hour after the waiting period of an on-plan outage
        (
            8,
            8,
            48,
            "rto_hours",
            "info",
        ),  # an outage recovered on plan ends as the waiting period does
        (12, 8, 48, "rto_hours", "info"),
        (12, 8, None, "rto_hours", "info"),  # no MTPD: compared with the RTO alone
        (12, 4, 8, "mtpd_hours", "warning"),  # nor even an outage as long as the MTPD: the gap
        (12, None, 12, "mtpd_hours", "warning"),  # no RTO: compared with the MTPD alone
        (12, None, 24, None, None),
    ],
)
def test_waiting_period_against_rto_and_mtpd(run, waiting, rto, mtpd, where, level) -> None:
    text = docs(ENTITY, SUPPLIER, function(rto, mtpd), bi_policy(waiting))
    found = run("INS-04", text)
    if where is None:
        assert found == []
        return
    # one finding, at the waiting period, naming the function with its bound and the cover
    assert places(found) == [("INS-04", "cyber", line(text, "business_interruption:"))]
    message = found[0]["message"]
    bound = f"MTPD {mtpd} hours" if where == "mtpd_hours" else f"RTO {rto} hours"
    assert (
        f"orders: {bound}, business-interruption cover's {waiting}-hour waiting period" in message
    )
    assert "insurer market practice" in message and found[0]["level"] == level
    assert f"Fund the first {waiting} hours of loss" in message
    assert [r["line"] for r in found[0]["related"]] == [line(text, where)]
    on_plan = "recovered on plan" in message
    assert on_plan == (level == "info") and ("intolerable" in message) == (level == "warning")


def test_dependent_waiting_period_is_compared_for_covered_suppliers(run) -> None:
    text = docs(ENTITY, SUPPLIER, function(12, 72), bi_policy(6, ", waiting_period_hours: 24"))
    found = run("INS-04", text)
    assert places(found) == [("INS-04", "cyber", line(text, "dependent_bi:"))]
    message = found[0]["message"]
    assert "orders: RTO 12 hours, dependent business-interruption cover's 24-hour" in message
    assert "6-hour" not in message and "Fund the first 24 hours" in message
    # dependent cover for named providers only: a function resting on none of them is not compared
    named = bi_policy(6, ", waiting_period_hours: 24, named_providers: [payco]")
    named = named.replace("all_suppliers", "named")
    others = docs(ENTITY, SUPPLIER, PAYROLL, function(12, 72), named)
    assert not [f for f in run("INS-04", others) if "waiting period" in f["message"]]


def test_mtpd_gap_alone_is_one_warning_that_fails_at_warning(run, cli, write) -> None:
    """A function whose MTPD ends within the waiting period: the catalogue's gap, a warning. Its
    RTO is within it too, but the note does not repeat it."""
    text = docs(ENTITY, SUPPLIER, function(4, 8), bi_policy(12))
    (found,) = run("INS-04", text)
    assert found["level"] == "warning"
    assert "until the disruption has become intolerable" in found["message"]
    assert "orders: MTPD 8 hours, business-interruption cover's 12-hour" in found["message"]
    assert "RTO 4" not in found["message"] and "recovered on plan" not in found["message"]
    assert exit_code(cli, write, text, "warning") == 1


def test_rto_only_is_a_note_at_info_that_fails_no_check(run, cli, write) -> None:
    """An outage recovered on plan never paid for holds for nearly every policy: a note at level
    info, which neither the default fail level (error) nor ``fail_on: warning`` fails on."""
    text = docs(ENTITY, SUPPLIER, function(8, 48), bi_policy(12))
    (found,) = run("INS-04", text)
    assert found["level"] == "info"
    assert "orders: RTO 8 hours, business-interruption cover's 12-hour" in found["message"]
    assert "MTPD 48" not in found["message"] and "record an accepted gap" not in found["message"]
    assert exit_code(cli, write, text, None) == 0
    assert exit_code(cli, write, text, "warning") == 0
    assert exit_code(cli, write, text, "info") == 1


def test_gap_and_note_of_one_policy_are_two_findings(run) -> None:
    """Each names only its own functions, and they differ in fingerprint: a baseline or waiver
    addresses each on its own."""
    billing = function(8, 48, fid="billing")
    text = docs(ENTITY, SUPPLIER, function(4, 8), billing, bi_policy(12))
    found = run("INS-04", text)
    at = line(text, "business_interruption:")
    assert places(found) == [("INS-04", "cyber", at), ("INS-04", "cyber", at)]
    by_level = {f["level"]: f for f in found}
    gap, note = by_level["warning"]["message"], by_level["info"]["message"]
    assert "orders: MTPD 8 hours" in gap and "billing" not in gap
    assert "billing: RTO 8 hours" in note and "orders" not in note
    assert found[0]["fingerprint"] != found[1]["fingerprint"]
    # a waiver naming one function accepts that finding only
    waiver = f"""
kind: Waiver
id: accept-orders
rule: INS-04
targets: [{{kind: InsurancePolicy, id: cyber, naming: [orders]}}]
rationale: The first 12 hours are funded from the contingency budget.
risk_owner: cfo
approver: cro
approved_on: {AS_OF}
expires: 2027-06-30
"""
    waived = run("INS-04", docs(ENTITY, SUPPLIER, function(4, 8), billing, bi_policy(12), waiver))
    assert sorted((f["level"], f["suppressed"]) for f in waived) == [
        ("info", False),
        ("warning", True),
    ]


def test_two_covers_are_named_per_function_with_their_waiting_periods(run) -> None:
    """orders rests on acme, whose outage the dependent cover (24 hours) responds to; ledger
    rests on no supplier, so only business interruption (12 hours) is compared for it."""
    ledger = function(None, 12, fid="ledger", suppliers="")
    policy = bi_policy(12, ", waiting_period_hours: 24")
    text = docs(ENTITY, SUPPLIER, function(4, 24), ledger, policy)
    (found,) = run("INS-04", text)
    message = found["message"]
    assert "orders: MTPD 24 hours, dependent business-interruption cover's 24-hour" in message
    assert "ledger: MTPD 12 hours, business-interruption cover's 12-hour waiting period" in message
    assert (
        "Fund the loss until each cover pays (12 hours under the business-interruption cover, "
        "24 hours under the dependent business-interruption cover)"
    ) in message
    assert (found["line"], found["level"]) == (line(text, "business_interruption:"), "warning")
    related = {r["message"]: r["line"] for r in found["related"]}
    assert related["dependent business-interruption waiting period"] == line(text, "dependent_bi:")


@pytest.mark.parametrize("level", ["error", "warning", "info"])
def test_a_configured_level_applies_to_the_gap_and_the_note(run, level) -> None:
    """Also the rule's own default level (warning): a team that writes ``level: warning`` wants
    every INS-04 finding at warning, the RTO note included."""
    billing = function(8, 48, fid="billing")
    text = docs(ENTITY, SUPPLIER, function(4, 8), billing, bi_policy(12))
    found = run("INS-04", text, {"level": level})
    assert sorted(f["level"] for f in found) == [level, level]
    unset = run("INS-04", text, {"params": {}})
    assert sorted(f["level"] for f in unset) == ["info", "warning"]


def exit_code(cli, write, text: str, fail_on: str | None) -> int:
    """The exit status of checking INS-04 on the text, with ``fail_on`` configured (None: the
    default)."""
    config: dict[str, Any] = {"profiles": [], "select": ["INS-04"]}
    if fail_on is not None:
        config["fail_on"] = fail_on
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", text)
    return cli("check", "repo.yaml", "--no-cache", "--as-of", AS_OF).exit_code


def test_non_critical_function_and_excluded_cover_are_not_compared(run) -> None:
    standard = docs(ENTITY, SUPPLIER, function(4, 8, "standard"), bi_policy(12))
    assert run("INS-04", standard) == []
    excluded = bi_policy(12) + "coverages:\n  business_interruption: {included: false}\n"
    assert run("INS-04", docs(ENTITY, SUPPLIER, function(4, 8), excluded)) == []


def test_policy_of_other_entities_is_not_compared(run) -> None:
    south = ENTITY + "---\n" + HEAD + "kind: Entity\nid: south\n"
    other = bi_policy(12).replace("[north]", "[south]")
    assert run("INS-04", docs(south, SUPPLIER, function(4, 8), other)) == []


# -- INS-04: dependent cover and critical suppliers ------------------------------------------
def named_only(*names: str) -> str:
    return bi_policy(1).replace("all_suppliers}", f"named, named_providers: [{', '.join(names)}]}}")


def test_dependent_cover_leaving_out_a_critical_supplier_is_a_warning(run) -> None:
    """payco is recorded as tier 3, but a critical function rests on it: critical in effect."""
    fn = FUNCTION.replace("rto_hours: 8", "rto_hours: 24")
    text = docs(ENTITY, SUPPLIER, PAYROLL, fn, named_only("acme"))
    found = run("INS-04", text)
    assert places(found) == [("INS-04", "cyber", line(text, "scope: named"))]
    message = found[0]["message"]
    assert (
        "leaves out critical supplier payco, on which function orders (critical) rests" in message
    )
    assert "insurer market practice" in message
    related = {r["message"] for r in found[0]["related"]}
    assert "critical supplier left out" in related


@pytest.mark.parametrize("status", ["exited", "prospective"])
def test_a_supplier_we_have_left_or_not_engaged_is_not_asked_for(run, status) -> None:
    fn = FUNCTION.replace("rto_hours: 8", "rto_hours: 24")
    gone = PAYROLL + f"status: {status}\n"
    assert run("INS-04", docs(ENTITY, SUPPLIER, gone, fn, named_only("acme"))) == []


def test_it_providers_scope_covers_suppliers_providing_ict(run) -> None:
    fn = FUNCTION.replace("rto_hours: 8", "rto_hours: 24")
    policy = bi_policy(1).replace("all_suppliers", "it_providers")
    found = run("INS-04", docs(ENTITY, SUPPLIER, PAYROLL, fn, policy))
    assert [f["message"].split(":")[0] for f in found] == [
        "insurance policy cyber leaves out critical supplier payco, on which function orders "
        "(critical) rests"
    ]
    assert "covers only IT providers, and it provides no ICT services" in found[0]["message"]


# -- INS-03: key terms, "as soon as practicable" -------------------------------------------------
TERMS = """
kind: InsurancePolicy
id: cyber
insured_entities: [north]
business_interruption: {waiting_period_hours: 6, indemnity_period_days: 120}
dependent_bi: {scope: all_suppliers}
notice: {claim_deadline_days: 90}
exclusions:
  - {id: war, type: war}
panel:
  forensics: [Panel Forensics LLP]
"""


@pytest.mark.parametrize("wording", ["as_soon_as_practicable", "immediately"])
def test_notice_as_soon_as_practicable_states_the_deadline(run, wording) -> None:
    asap = TERMS.replace("notice: {", f"notice: {{incident_notice_wording: {wording}, ")
    assert run("INS-03", docs(ENTITY, asap)) == []
    hours = TERMS.replace("notice: {", "notice: {incident_notice_hours: 72, ")
    assert run("INS-03", docs(ENTITY, hours)) == []


def test_notice_without_hours_or_wording_is_a_finding(run) -> None:
    text = docs(ENTITY, TERMS)
    found = run("INS-03", text)
    assert places(found) == [("INS-03", "cyber", line(text, "notice:"))]
    assert "notice.incident_notice_wording: as_soon_as_practicable" in found[0]["message"]


def test_a_wording_outside_the_list_is_a_schema_error(cli, write, tmp_path: Path) -> None:
    odd = TERMS.replace("notice: {", "notice: {incident_notice_wording: promptly, ")
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["SCH"]}))
    write("repo.yaml", docs(ENTITY, odd))
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    assert [f["code"] for f in result.json()["findings"]] == ["SCH-01"]


def test_terms_of_a_policy_not_in_force_are_not_asked(run) -> None:
    ended = "kind: InsurancePolicy\nid: old\nperiod: {start: 2025-01-01, end: 2025-12-31}\n"
    assert run("INS-03", docs(ENTITY, ended)) == []


def test_a_tier_3_supplier_no_critical_function_rests_on_is_not_asked_for(run) -> None:
    canteen = "kind: Supplier\nid: canteen\ntier: 3\nprovides_ict_services: false\n"
    fn = FUNCTION.replace("rto_hours: 8", "rto_hours: 24").replace("acme, payco", "acme")
    text = docs(ENTITY, SUPPLIER, canteen, fn, named_only("acme"))
    assert run(["INS-04", "INS-07"], text) == []


# -- INS-01 ----------------------------------------------------------------------------------
POLICY_MFA = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: mfa
    control_categories: [mfa_email, mfa_remote_access, mfa_privileged]
    attested: true
"""


def test_mfa_condition_needs_all_three_categories(run) -> None:
    text = docs(POLICY_MFA, control("m1", "mfa_email"), control("m2", "mfa_privileged"))
    found = run("INS-01", text)
    assert places(found) == [("INS-01", "cyber", 6)]
    message = found[0]["message"]
    assert "mfa_remote_access" in message and "attested" in message
    # no entity records a country: the law governing the policy cannot be told, and the US
    # case is an example of the stake, not the law
    assert "depends on the law governing the policy" in message
    assert "for example, a US court" in message
    assert "(Travelers v. International Control Services, C.D. Ill. 2022)" in message


def test_uncovered_scope_names_the_control_that_falls_short_of_the_coverage(run) -> None:
    """A control for the scope that covers less than the condition's minimum is why the scope is
    uncovered: the message names it and its coverage, not only the controls that do count (a
    risk manager reading only 'vendor MFA leaves remote_access uncovered' looks for a missing
    control that is in fact there at 85%)."""
    policy = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: mfa-remote
    control_categories: [mfa_remote_access]
    scope: [remote_access, third_party_access]
    minimum_coverage_percent: 100
    attested: true
"""
    text = docs(
        policy,
        control("vpn-mfa", "mfa_remote_access", "[remote_access]", "coverage_percent: 85\n"),
        control(
            "vendor-mfa", "mfa_remote_access", "[third_party_access]", "coverage_percent: 100\n"
        ),
    )
    found = run("INS-01", text)
    assert len(found) == 1
    message = found[0]["message"]
    assert "(vendor-mfa) leave remote_access uncovered" in message
    assert "control vpn-mfa covers 85%, under the 100% required" in message


def test_scope_all_covers_every_scope_and_uncovered_scope_is_named(run) -> None:
    policy = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: edr
    control_categories: [edr]
    scope: [endpoints, servers, cloud_workloads]
"""
    assert run("INS-01", docs(policy, control("edr", "edr", "[all]"))) == []
    found = run("INS-01", docs(policy, control("edr", "edr", "[endpoints]")))
    assert "leave servers, cloud_workloads uncovered" in found[0]["message"]
    both = docs(
        policy,
        control("a", "edr", "[endpoints]"),
        control("b", "edr", "[servers, cloud_workloads]"),
    )
    assert run("INS-01", both) == []


def test_minimum_coverage_and_partial_controls_do_not_count(run) -> None:
    policy = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: edr
    control_categories: [edr]
    minimum_coverage_percent: 95
"""
    low = control("edr", "edr", extra="coverage_percent: 80\n")
    message = run("INS-01", docs(policy, low))[0]["message"]
    assert "covers 80%, under the 95% required" in message
    # a control that falls short is not "none": the inventory has none that meets it
    assert "the controls inventory has none that meets it (" in message
    assert "but the controls inventory has none;" in run("INS-01", docs(policy))[0]["message"]
    partial = "kind: Control\nid: edr\ncategory: edr\nstatus: partial\ncoverage_percent: 99\n"
    assert "control edr is partial" in run("INS-01", docs(policy, partial))[0]["message"]


def test_odd_conditions_never_crash_and_ended_policies_are_not_judged(run) -> None:
    policy = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: empty
  - id: odd
    control_categories: []
    scope: [email]
"""
    assert run("INS-01", docs(policy)) == []
    ended = POLICY_MFA + "period: {start: 2025-01-01, end: 2025-12-31}\n"
    assert run("INS-01", docs(ended)) == []


# -- INS-02 ----------------------------------------------------------------------------------
def test_evidence_is_asked_only_for_conditions_of_a_policy_in_force(run) -> None:
    policy = (
        "kind: InsurancePolicy\nid: cyber\nconditions:\n  - {id: e, control_categories: [edr]}\n"
    )
    stale = control("edr", "edr", extra="evidence: {reference: r.pdf, last_verified: 2026-01-05}\n")
    found = run("INS-02", docs(policy, stale))
    assert [f["id"] for f in found] == ["edr"] and "more than 90 days ago" in found[0]["message"]
    ended = policy + "period: {start: 2025-01-01, end: 2025-12-31}\n"
    assert run("INS-02", docs(ended, stale)) == []


# -- INS-05 ----------------------------------------------------------------------------------
PANEL_POLICY = """
kind: InsurancePolicy
id: cyber
period: {start: 2026-01-01, end: 2026-12-31}
notice:
  contact: {phone: "+49 89 1234 5678"}
panel:
  forensics: [Example Forensics LLP]
"""


def playbook(firm: str, recipients: str) -> str:
    return f"""
kind: Playbook
id: acme-playbook
supplier: acme
contacts: {{forensics_firm: {firm}, outside_counsel: Any Law LLP}}
comms_templates:
  insurer: {{reference: t.md, recipients: {recipients}}}
"""


def test_phone_recipient_and_panel_name_match_loosely(run) -> None:
    text = docs(
        SUPPLIER, PANEL_POLICY, playbook("example  forensics llp", '["+49 (89) 1234-5678"]')
    )
    # outside counsel is not checked: the policy lists no counsel at all
    assert run("INS-05", text) == []


def test_expired_policy_is_not_the_reference(run) -> None:
    expired = PANEL_POLICY.replace("2026-12-31", "2026-06-30")
    assert run("INS-05", docs(SUPPLIER, expired, playbook("Other LLP", "[x@y.example]"))) == []
    text = docs(SUPPLIER, PANEL_POLICY, playbook("Other LLP", "[x@y.example]"))
    found = run("INS-05", text)
    assert places(found) == [
        ("INS-05", "acme-playbook", line(text, "forensics_firm")),
        ("INS-05", "acme-playbook", line(text, "recipients")),
    ]
    assert len({f["fingerprint"] for f in found}) == 2


def test_a_firm_off_the_panel_is_one_finding_however_many_documents_name_it(run) -> None:
    """One approval of the insurer settles every plan and playbook naming the firm: one finding
    at the first, the others beside it; a second firm off the panel is a finding of its own."""
    second = playbook("Other  LLP", '["+49 89 1234 5678"]').replace("acme-playbook", "acme-2")
    third = playbook("Third Forensics", '["+49 89 1234 5678"]').replace("acme-playbook", "acme-3")
    first = playbook("Other LLP", '["+49 89 1234 5678"]')
    text = docs(SUPPLIER, PANEL_POLICY, first, second, third)
    found = run("INS-05", text)
    assert places(found) == [
        ("INS-05", "acme-3", line(text, "forensics_firm", "acme-3")),
        ("INS-05", "acme-playbook", line(text, "forensics_firm")),
    ]
    by_id = {f["id"]: f for f in found}
    other = by_id["acme-playbook"]
    assert "(and one other plan or playbook)" in other["message"]
    assert [r["line"] for r in other["related"]][1:] == [line(text, "forensics_firm", "acme-2")]
    assert "playbook acme-2 also names Other  LLP" in other["related"][1]["message"]
    assert "other plan" not in by_id["acme-3"]["message"]


def test_playbook_of_a_supplier_we_have_left_is_not_compared(run) -> None:
    gone = SUPPLIER + "status: exited\n"
    assert run("INS-05", docs(gone, PANEL_POLICY, playbook("Other LLP", "[x@y.example]"))) == []


# -- INS-07 ----------------------------------------------------------------------------------
def test_encryption_control_for_another_supplier_does_not_cover(run) -> None:
    supplier = "kind: Supplier\nid: crm\ndata_sensitivity: restricted\n"
    policy = "kind: InsurancePolicy\nid: cyber\nexclusions:\n  - {id: u, type: unencrypted_data}\n"
    other = control("enc", "encryption_at_rest", extra="suppliers: [payroll]\n")
    payroll = "kind: Supplier\nid: payroll\n"
    found = run("INS-07", docs(supplier, payroll, policy, other))
    assert places(found) == [("INS-07", "crm", 4)]
    assert "encryption_at_rest" in found[0]["message"]
    everyone = control("enc", "encryption_at_rest")
    assert run("INS-07", docs(supplier, policy, everyone)) == []
    gone = supplier + "status: exited\n"
    assert run("INS-07", docs(gone, payroll, policy, other)) == []


def test_an_exclusion_for_unsegmented_ot_is_met_by_a_segmentation_control(run) -> None:
    """An insurer's exclusion of losses through OT not kept apart from the office network names
    the control that keeps us outside it; a control of another category does not."""
    policy = (
        "kind: InsurancePolicy\nid: cyber\nexclusions:\n"
        "  - {id: ot, type: other, description: OT networks not segregated from IT,"
        " mitigating_control_categories: [network_segmentation]}\n"
    )
    segmented = control("zones", "network_segmentation")
    assert run("INS-07", docs(policy, segmented)) == []
    found = run("INS-07", docs(policy, control("misc", "other")))
    assert found and "network_segmentation" in found[0]["message"]


# -- EVD-01 ----------------------------------------------------------------------------------
def package(pid: str, policy: str, *kinds: str, updated: str = "2026-10-01") -> str:
    items = "".join(
        f"  - {{type: {k}, location: x, owner: y, last_updated: {updated}}}\n" for k in kinds
    )
    return f"kind: EvidencePackage\nid: {pid}\npolicy: {policy}\nitems:\n{items}"


ITEMS = {"params": {"required_items": ["asset_inventory", "policy_copies"]}}


def test_one_package_serves_the_whole_tower(run) -> None:
    for named in ("cyber", "cyber-xs"):  # naming the primary or the layer
        pack = package("pack", named, "asset_inventory", "policy_copies")
        assert run("EVD-01", docs(ENTITY, SUPPLIER, PRIMARY, EXCESS, pack), ITEMS) == []
    found = run("EVD-01", docs(ENTITY, SUPPLIER, PRIMARY, EXCESS), ITEMS)
    assert [f["id"] for f in found] == ["cyber"]


def test_an_excess_layer_on_its_own_terms_needs_no_package_of_its_own(run) -> None:
    own = EXCESS.replace("follows_form: true", "follows_form: false")
    pack = package("pack", "cyber", "asset_inventory", "policy_copies")
    assert run("EVD-01", docs(ENTITY, SUPPLIER, PRIMARY, own, pack), ITEMS) == []


def test_packages_of_a_tower_are_read_together(run) -> None:
    fresh = package("pack-a", "cyber", "asset_inventory", "policy_copies")
    stale = package("pack-b", "cyber-xs", "asset_inventory", updated="2024-01-01")
    text = docs(ENTITY, SUPPLIER, PRIMARY, EXCESS, fresh, stale)
    assert run("EVD-01", text, ITEMS) == []  # the stale inventory has a current one beside it
    fresh = package("pack-a", "cyber", "asset_inventory")
    stale = package("pack-b", "cyber-xs", "policy_copies", updated="2024-01-01")
    text = docs(ENTITY, SUPPLIER, PRIMARY, EXCESS, fresh, stale)
    found = run("EVD-01", text, ITEMS)
    assert places(found) == [("EVD-01", "pack-b", line(text, "type: policy_copies"))]
    assert "more than 365 days ago" in found[0]["message"]  # policy copies: the policy year


def test_ended_policy_needs_no_package(run) -> None:
    ended = "kind: InsurancePolicy\nid: old\nperiod: {end: 2025-12-31}\n"
    assert run("EVD-01", docs(ended)) == []
    stale = package("pack", "old", "asset_inventory", updated="2024-01-01")
    assert run("EVD-01", docs(ended, stale), ITEMS) == []


# -- lines of insurance: a crime or specie policy beside the cyber tower ----------------------
CRIME = """
kind: InsurancePolicy
id: crime
line: crime
period: {start: 2026-01-01, end: 2026-12-31}
insured_entities: [north]
notice: {incident_notice_hours: 72, claim_deadline_days: 180}
exclusions:
  - {id: collusion, type: other, description: Theft with the collusion of a key custodian.}
"""


def test_a_policy_of_another_line_is_no_renewal(run) -> None:
    """A crime policy ending soon, beside a cyber policy that started during its term and runs on:
    the cyber policy does not renew it (the cyber policy renews no crime cover)."""
    cyber = PRIMARY.replace(
        "{start: 2026-01-01, end: 2027-01-10}", "{start: 2026-04-01, end: 2027-03-31}"
    )
    found = run("INS-06", docs(ENTITY, SUPPLIER, cyber, CRIME))
    assert [(f["id"], f["level"]) for f in found] == [("crime", "warning")]
    renewal = CRIME.replace("id: crime\n", "id: crime-27\n").replace(
        "{start: 2026-01-01, end: 2026-12-31}", "{start: 2027-01-01, end: 2027-12-31}"
    )
    assert run("INS-06", docs(ENTITY, SUPPLIER, cyber, CRIME, renewal)) == []


def test_a_crime_package_is_not_asked_the_cyber_list_but_its_items_are_kept_current(run) -> None:
    """A crime policy's proof of loss is another list: no package is asked of it, nor the cyber
    items. But an item its package does record (the wallet address register, the approval logs)
    is judged current like any other: a copy two years old is no proof the insurer can use."""
    crime = CRIME.replace("end: 2026-12-31", "end: 2027-06-30")
    assert run("EVD-01", docs(ENTITY, crime), ITEMS) == []
    current = package("crime-pack", "crime", "other", "incident_log_location")
    assert run("EVD-01", docs(ENTITY, crime, current), ITEMS) == []
    stale = package("crime-pack", "crime", "other", updated="2024-09-30")
    text = docs(ENTITY, crime, stale)
    found = run("EVD-01", text, ITEMS)
    assert places(found) == [("EVD-01", "crime-pack", line(text, "type: other", "crime-pack"))]
    assert "a last update on 2024-09-30" in found[0]["message"]


def test_a_crime_policy_is_not_asked_for_cyber_terms(run) -> None:
    """Business-interruption periods, dependent business-interruption scope and panel firms are
    cyber terms; the notice deadlines, exclusions and insured entities are asked of every line."""
    assert run("INS-03", docs(ENTITY, CRIME)) == []
    bare = CRIME.replace("line: crime\n", "")  # no line stated: a cyber policy, asked for them all
    [cyber] = run("INS-03", docs(ENTITY, bare))  # one finding for the policy's gaps
    for term in ("indemnity_period_days", "dependent_bi.scope", "panel"):
        assert term in cyber["message"]
    unexcluded = CRIME[: CRIME.index("exclusions:")]
    found = run("INS-03", docs(ENTITY, unexcluded))
    assert ["records no exclusions" in f["message"] for f in found] == [True]
