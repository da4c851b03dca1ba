"""One gap, one finding, through the CLI on real files: where a baseline rule and a rule of the
DORA register ask the same field of the same record, the register's rule says it once, naming
both uses; where it does not run, the baseline rule still does. The register's readiness rules
and SUP-02 report what one record lacks as one finding naming each field and column."""

from __future__ import annotations

from one_file import check, doc, repo

ENTITY = doc(
    "Entity",
    "zuiderpay",
    "name: Zuiderpay B.V.\nlei: 724500ZUIDERPAYX0X80\ncountry: NL\n"
    "entity_type: payment_institution\nregimes: [dora]\n",
)
SUPPLIER = doc(
    "Supplier",
    "cardcore",
    "name: CardCore Processing GmbH\ntier: 1\nprovides_ict_services: true\n"
    "supports_critical_function: true\nservices:\n  - name: card-processing\n",
)
CONTRACT = doc("Contract", "ctr-cardcore", "supplier: cardcore\nstart_date: 2024-01-01\n")
FUNCTION = doc(
    "BusinessFunction",
    "card-acquiring",
    "name: Card acquiring\nentities: [zuiderpay]\ncriticality: critical\n"
    "depends_on: {suppliers: [cardcore]}\n",
)


def about(found: list[dict], needle: str) -> list[str]:
    return sorted(f["code"] for f in found if needle in f["message"])


def test_a_missing_notice_period_is_one_finding_naming_both_uses(cli, write) -> None:
    """CTR-13 (an exit needs the notice periods of a tier-1 supplier's contract) and REG-04
    (the register's B_02.02.0100 and 0110) asked the same two fields: REG-04 now says them
    once, naming both uses, and CTR-13 does not repeat them. Where REG-04 does not run, or the
    contract is under no DORA entity, CTR-13 still asks."""
    text = repo(ENTITY, SUPPLIER, CONTRACT)
    found = check(cli, write, text, ["CTR-13", "REG-04"])
    assert about(found, "our_notice_period_days") == ["REG-04"]
    assert about(found, "supplier_notice_period_days") == ["REG-04"]
    assert len([f for f in found if f["code"] == "REG-04"]) == 1
    message = found[0]["message"]
    assert "B_02.02.0100" in message and "B_02.02.0110" in message and "B_02.02.0120" in message
    assert "CTR-13" in message and "exit" in message
    alone = check(cli, write, text, ["CTR-13"], {"ignore": ["REG-04"]})
    assert about(alone, "our_notice_period_days") == ["CTR-13"]
    assert about(alone, "supplier_notice_period_days") == ["CTR-13"]
    outside = repo(ENTITY.replace("regimes: [dora]", "regimes: [nis2]"), SUPPLIER, CONTRACT)
    found = check(cli, write, outside, ["CTR-13", "REG-04"])
    assert about(found, "our_notice_period_days") == ["CTR-13"]


def test_a_missing_recovery_objective_is_one_finding_naming_both_uses(cli, write) -> None:
    """BCM-01 and REG-08 both asked a critical function's missing RTO and RPO: REG-08 says
    them once, citing B_06.01.0080 and 0090 and what BCM-01 measures against them; BCM-01 keeps
    what only it asks (the MTPD). Where REG-08 does not run, BCM-01 asks all three."""
    text = repo(ENTITY, SUPPLIER, CONTRACT, FUNCTION)
    found = check(cli, write, text, ["BCM-01", "REG-08"])
    assert about(found, "rto_hours") == ["REG-08"]
    assert about(found, "rpo_hours") == ["REG-08"]
    assert about(found, "mtpd_hours") == ["BCM-01"]
    register = [f for f in found if f["code"] == "REG-08"]
    assert len(register) == 1 and "BCM-01" in register[0]["message"]
    alone = check(cli, write, text, ["BCM-01"], {"ignore": ["REG-08"]})
    assert about(alone, "rto_hours") == ["BCM-01"] and about(alone, "rpo_hours") == ["BCM-01"]


def test_a_gap_left_to_a_rule_at_a_lower_level_is_still_said(cli, write) -> None:
    """A configuration lowering REG-04 to a warning: CTR-13, an error, does not leave its gap
    to a softer finding."""
    text = repo(ENTITY, SUPPLIER, CONTRACT)
    found = check(
        cli, write, text, ["CTR-13", "REG-04"], {"rules": {"REG-04": {"level": "warning"}}}
    )
    assert about(found, "our_notice_period_days") == ["CTR-13", "REG-04"]


def test_what_one_record_lacks_for_the_register_is_one_finding(cli, write) -> None:
    """REG-03, REG-04 and SUP-02 reported each missing field of one contract or provider as a
    finding of its own, unlike REG-05 and REG-12: now one finding per record names each field
    and register column."""
    text = repo(ENTITY, SUPPLIER, CONTRACT.replace("start_date: 2024-01-01\n", ""))
    found = check(cli, write, text, ["REG-03", "REG-04", "SUP-02"])
    assert sorted(f["code"] for f in found) == ["REG-03", "REG-04", "SUP-02"]
    reg03 = next(f["message"] for f in found if f["code"] == "REG-03")
    for column in ("arrangement_type", "annual_cost", "start_date", "B_02.01.0020", "B_02.02.0070"):
        assert column in reg03, column
    sup02 = next(f["message"] for f in found if f["code"] == "SUP-02")
    for field in ("provider_id", "hq_country", "ultimate_parent", "B_05.01.0080"):
        assert field in sup02, field
    # the provider and the register template are named once, with the first gap
    assert sup02.count("supplier cardcore") == 1, sup02
    assert sup02.count("template B_05.01") == 1, sup02


def test_a_waiver_of_one_field_leaves_the_record_s_other_gaps(cli, write) -> None:
    """Folding keeps each gap at its own field: a waiver narrowed to governing_law_country
    waives that gap of REG-04 only, and the notice periods are still reported."""
    waiver = doc(
        "Waiver",
        "wv-law",
        "rule: REG-04\nrationale: governing law recorded in the master agreement\n"
        "compensating_controls: [master agreement on file]\nrisk_owner: coo\napprover: cfo\n"
        "approved_on: 2026-10-01\nexpires: 2027-06-30\n"
        "targets:\n  - {kind: Contract, id: ctr-cardcore, field: governing_law_country}\n",
    )
    found = check(cli, write, repo(ENTITY, SUPPLIER, CONTRACT, waiver), ["REG-04"])
    open_ = [f for f in found if not f["suppressed"]]
    assert len(open_) == 1
    assert "our_notice_period_days" in open_[0]["message"]
    assert "governing_law_country" not in open_[0]["message"]


def test_a_waiver_of_one_field_of_three_keeps_the_as_of_note_on_both_halves(cli, write) -> None:
    """REG-03 folds a contract's three missing register fields in one finding, dated (it asks
    whether the contract has ended). A waiver narrowed to start_date splits it: the gap waived
    and the two left each keep "(as of ...)", and the two left read as one finding does
    ("A; also: B"); the note was dropped from both where three or more gaps were folded."""
    waiver = doc(
        "Waiver",
        "wv-start",
        "rule: REG-03\nrationale: start date being retrieved from the archive\n"
        "risk_owner: coo\napprover: cfo\napproved_on: 2026-10-01\nexpires: 2027-06-30\n"
        "targets:\n  - {kind: Contract, id: ctr-cardcore, field: start_date}\n",
    )
    bare = CONTRACT.replace("start_date: 2024-01-01\n", "")
    found = check(cli, write, repo(ENTITY, SUPPLIER, bare, waiver), ["REG-03"])
    (waived,) = [f for f in found if f["suppressed"]]
    (left,) = [f for f in found if not f["suppressed"]]
    assert waived["message"] == (
        "contract ctr-cardcore has no start_date (B_02.02.0070, e23680_e) (as of 2026-11-26)"
    )
    assert left["message"].startswith("contract ctr-cardcore does not say whether it is standalone")
    assert "; also: contract ctr-cardcore does not state its annual expense" in left["message"]
    assert left["message"].endswith("(as of 2026-11-26)") and "start_date" not in left["message"]


CRITICAL = "contract ctr-cardcore supports a critical or important function"


def test_the_register_s_folded_gaps_name_the_contract_once(cli, write) -> None:
    """REG-04 folds a critical contract's three missing terms; each message began "contract X
    supports a critical or important function ... but", said three times in one finding. It is
    said once now, each gap after it saying what is missing; REG-08 names the function once."""
    function = FUNCTION.replace("name: Card acquiring\n", "")
    found = check(cli, write, repo(ENTITY, SUPPLIER, CONTRACT, function), ["REG-04", "REG-08"])
    (reg04,) = [f["message"] for f in found if f["code"] == "REG-04"]
    assert reg04.count(CRITICAL) == 1 and reg04.startswith(CRITICAL)
    assert reg04.count(" but ") == 1
    assert "; also: states no notice period for the provider (supplier_notice_period_days" in reg04
    assert "; does not say which country's law governs it (governing_law_country" in reg04
    (reg08,) = [f["message"] for f in found if f["code"] == "REG-08"]
    assert reg08.count("business function card-acquiring") == 1
    assert "; also: has no name (B_06.01.0030); is critical or important but gives" in reg08


def test_a_waiver_of_one_of_the_folded_gaps_leaves_the_others_saying_it_once(cli, write) -> None:
    """Split by a waiver narrowed to one field, the gap waived says the whole sentence and the
    finding left names the contract once, as a finding that folds them does."""
    waiver = doc(
        "Waiver",
        "wv-notice",
        "rule: REG-04\nrationale: notice periods follow the master agreement\n"
        "risk_owner: coo\napprover: cfo\napproved_on: 2026-10-01\nexpires: 2027-06-30\n"
        "targets:\n  - {kind: Contract, id: ctr-cardcore, field: our_notice_period_days}\n",
    )
    found = check(cli, write, repo(ENTITY, SUPPLIER, CONTRACT, waiver), ["REG-04"])
    (waived,) = [f["message"] for f in found if f["suppressed"]]
    (left,) = [f["message"] for f in found if not f["suppressed"]]
    assert waived.startswith(CRITICAL + " but states no notice period for us")
    assert left.startswith(CRITICAL + " but states no notice period for the provider")
    assert left.count(CRITICAL) == 1
    assert "; also: does not say which country's law governs it" in left


LEAD_RULE = """\
rules:
  - code: ACME-01
    name: supplier-record
    level: error
    profiles: [acme]
    title: Every supplier names its owner and its country
    rationale: Someone must answer for each supplier.
    references: ["Acme third-party policy 4.2"]
    remediation: Add owner and hq_country to the supplier.
    select: Supplier
    fold: record
    lead: "supplier {supplier.id}"
    require:
      - that: {field: supplier.owner, exists: true}
        message: "supplier {supplier.id} has no owner"
      - that: {field: supplier.hq_country, exists: true}
        message: "{MESSAGE}"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\nowner: x\\nhq_country: DE\\n"
      fail: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\n"
      expect: [{id: a, line: 3}]
"""


def test_a_rule_s_lead_is_said_once_and_each_message_must_begin_with_it(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    write("a.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n")
    write("policies/r.yaml", LEAD_RULE.replace("{MESSAGE}", "supplier {supplier.id} has no seat"))
    result = cli("check", "a.yaml", "--no-cache")
    assert result.exit_code == 1, result.stderr
    assert "supplier acme has no owner; also: has no seat" in result.stdout
    write("policies/r.yaml", LEAD_RULE.replace("{MESSAGE}", "the seat of {supplier.id} is unknown"))
    result = cli("check", "a.yaml", "--no-cache")
    assert result.exit_code == 2 and "policies/r.yaml:17:" in result.stderr
    assert "does not begin with the rule's lead ('supplier {supplier.id}')" in result.stderr


MODELS = "managed_service (run for us"
"""Words of the service-model note's list of models, said in full once a supplier."""


def test_the_service_model_note_is_said_once_for_a_supplier(cli, write) -> None:
    """A supplier whose service model is unknown: CTR-06 and CTR-08 on its contract each ended
    with the same ~480-character note listing the models. One finding keeps it in full (of
    two as severe on one contract, CTR-06 before CTR-08); the other names that finding in a
    line. Waive that one and the note moves to the finding left."""
    text = repo(ENTITY, SUPPLIER, CONTRACT)
    found = check(cli, write, text, ["CTR-06", "CTR-08"])
    assert sorted(f["code"] for f in found) == ["CTR-06", "CTR-08"]
    full = [f for f in found if MODELS in f["message"]]
    assert [f["code"] for f in full] == ["CTR-06"]
    other = next(f for f in found if f["code"] == "CTR-08")["message"]
    assert "the CTR-06 finding on Contract ctr-cardcore lists the models to record" in other
    assert "service model of supplier cardcore is neither recorded nor inferred" in other
    waiver = doc(
        "Waiver",
        "wv-evidence",
        "rule: CTR-06\nrationale: evidence terms in the master agreement\n"
        "compensating_controls: [master agreement on file]\nrisk_owner: coo\napprover: cfo\n"
        "approved_on: 2026-10-01\nexpires: 2027-06-30\n"
        "targets:\n  - {kind: Contract, id: ctr-cardcore}\n",
    )
    found = check(cli, write, repo(ENTITY, SUPPLIER, CONTRACT, waiver), ["CTR-06", "CTR-08"])
    shown = [f for f in found if not f["suppressed"]]
    assert [f["code"] for f in shown] == ["CTR-08"] and MODELS in shown[0]["message"]


ADVISER = "if it is, record its service_model: professional_service)"
"""Words of the note that ends a SUP-03 finding where a supplier without ICT services is asked
a 24x7 contact because nothing recorded says it is an adviser."""
LAW_FIRM = repo(
    doc(
        "Supplier",
        "lexwell",
        "name: Lexwell Partners LLP\ntier: 1\nprovides_ict_services: false\n"
        "contacts:\n  account_manager: {name: Ann Lee}\n",
    ),
    doc(
        "Contract",
        "ctr-lexwell",
        "supplier: lexwell\ncovers_ict_services: false\nstart_date: 2025-01-01\n",
    ),
)


def test_the_adviser_note_is_said_once_for_a_supplier(cli, write) -> None:
    """A law firm recorded without its service model: CTR-03 on its contract and SUP-03 on it
    (folding two contact gaps) each end with a note asking whether it is what would take the
    term off it. A critical law firm owes an incident-notice window all the same, so CTR-03
    asks only whether it is a financial firm or a market infrastructure; a bank owes a 24x7
    contact, so SUP-03 asks only whether it is a professional adviser, once, its second gap
    saying it is asked for the same reason. Two notes of two questions: each said in full. A
    second contract's CTR-03 names the first's instead of repeating it. Waive CTR-03 and
    SUP-03 reads the same."""
    found = check(cli, write, LAW_FIRM, ["SUP-03", "CTR-03"])
    assert sorted(f["code"] for f in found) == ["CTR-03", "SUP-03"]
    ctr03 = next(f["message"] for f in found if f["code"] == "CTR-03")
    sup03 = next(f["message"] for f in found if f["code"] == "SUP-03")
    bank = (
        "nothing recorded says supplier lexwell is a regulated financial firm (a bank, depositary"
        " or insurer) or a market infrastructure (a payment scheme, central counterparty,"
        " securities depository or trading venue); if it is, record"
    )
    assert ctr03.count(bank) == 1 and "professional" not in ctr03
    assert sup03.count("nothing recorded says supplier lexwell is a professional adviser;") == 1
    assert sup03.count("record its service_model: professional_service)") == 1
    assert "finding on" not in sup03
    assert sup03.endswith("first person first (asked for the same reason)")
    second = doc("Contract", "ctr-lexwell-2", "supplier: lexwell\ncovers_ict_services: false\n")
    found = check(cli, write, repo(LAW_FIRM, second), ["CTR-03"])
    said = sorted(f["message"] for f in found)
    assert [m.count(bank) for m in said] == [1, 0], said
    assert "; the CTR-03 finding on Contract ctr-lexwell says what to record)" in said[1]
    waiver = doc(
        "Waiver",
        "wv-notice",
        "rule: CTR-03\nrationale: the engagement letter sets notice\nrisk_owner: coo\n"
        "approver: cfo\napproved_on: 2026-10-01\nexpires: 2027-06-30\n"
        "targets:\n  - {kind: Contract, id: ctr-lexwell}\n",
    )
    found = check(cli, write, repo(LAW_FIRM, waiver), ["SUP-03", "CTR-03"])
    (shown,) = [f["message"] for f in found if not f["suppressed"]]
    assert shown.count(ADVISER) == 1 and "finding on" not in shown
    assert shown.endswith("first person first (asked for the same reason)")


def test_a_term_not_recorded_is_not_said_to_be_missing_from_the_contract(cli, write) -> None:
    """A contract whose record says a clause is not there (present: false) lacks it; one whose
    record says nothing of the clause may well have it: the message says that our record does
    not say, instead of asserting that the contract lacks it (CTR-01, CTR-07, CTR-09 here)."""
    contract = CONTRACT + "clauses:\n  dora.30.2.f: {present: false}\n"
    found = check(cli, write, repo(ENTITY, SUPPLIER, contract), ["CTR-01", "CTR-07", "CTR-09"])
    clauses = next(f["message"] for f in found if f["code"] == "CTR-01")
    assert "ctr-cardcore with cardcore lacks the DORA Art. 30(2)(f) clause" in clauses
    assert (
        "the record of ICT contract ctr-cardcore with cardcore does not say whether it has the "
        "DORA Art. 30(2)(a) clause" in clauses
    )
    assert "lacks the DORA Art. 30(2)(a)" not in clauses
    cooperation = next(f["message"] for f in found if f["code"] == "CTR-07")
    assert cooperation.startswith(
        "the record of contract ctr-cardcore does not say whether it requires supplier cardcore"
    )
    termination = next(f["message"] for f in found if f["code"] == "CTR-09")
    assert "does not say whether it gives us the right to terminate" in termination
    assert "gives us no right" not in termination
    recorded = CONTRACT + "termination_rights:\n  breach_of_law_or_terms: false\n"
    found = check(cli, write, repo(ENTITY, SUPPLIER, recorded), ["CTR-09"])
    termination = found[0]["message"]
    assert termination.startswith(
        "ICT contract ctr-cardcore with cardcore gives us no right to terminate for a significant"
    )
    assert (
        "does not say whether it gives us the right to terminate when circumstances" in termination
    )


def _notice_waiver(rules: str) -> str:
    return doc(
        "Waiver",
        "wv-notice",
        f"{rules}\nrationale: notice periods are in the group framework agreement\n"
        "compensating_controls: [framework agreement on file]\nrisk_owner: coo\napprover: cfo\n"
        "approved_on: 2026-10-01\nexpires: 2027-06-30\n"
        "targets:\n  - {kind: Contract, id: ctr-cardcore}\n",
    )


def test_a_waiver_of_the_register_s_finding_leaves_the_exit_use_to_ctr13(cli, write) -> None:
    """A waiver accepts the risk of the finding it names: one of REG-04's missing notice
    periods (the register's columns) does not accept the exit plan's need of them, which
    CTR-13 then says, as a built-in check that leaves a gap to another rule counts only the
    findings no waiver accepts. A waiver naming both rules accepts both uses."""
    waived = repo(ENTITY, SUPPLIER, CONTRACT, _notice_waiver("rule: REG-04"))
    found = check(cli, write, waived, ["CTR-13", "REG-04"])
    assert [f["code"] for f in found if f["suppressed"]] == ["REG-04"]
    open_ = [f for f in found if not f["suppressed"]]
    assert about(open_, "our_notice_period_days") == ["CTR-13"]
    assert about(open_, "supplier_notice_period_days") == ["CTR-13"]
    both = repo(ENTITY, SUPPLIER, CONTRACT, _notice_waiver("rules: [REG-04, CTR-13]"))
    found = check(cli, write, both, ["CTR-13", "REG-04"])
    assert not [f for f in found if not f["suppressed"] and "notice_period" in f["message"]]
    # an inline suppression of REG-04 alone is the same: CTR-13 says the gap
    comment = '  # resilint: ignore[REG-04] reason="register filed by the group"'
    inline = CONTRACT.replace("id: ctr-cardcore\n", f"id: ctr-cardcore{comment}\n")
    found = check(cli, write, repo(ENTITY, SUPPLIER, inline), ["CTR-13", "REG-04"])
    open_ = [f for f in found if not f["suppressed"]]
    assert about(open_, "our_notice_period_days") == ["CTR-13"], found
