"""A UCITS management company that is also an AIFM, under DORA (Art. 2(1)(k) and (l)): its
programme names a reference-data vendor it left, still listed by a function that is not
critical, and keeps a depositary bank (no ICT services) that is hard to replace.

- SUP-01 reported an exited supplier only when a critical function rested on it; a function
  that is not critical still listing a supplier we have left (a stale record, or a service run
  with no contract we manage) went unreported. It is now a warning at the supplier's status.
- CON-04 told a depositary with no ICT services that DORA Art. 28(8) asks it an exit strategy:
  that article concerns ICT services. The finding now says the exit plan is programme policy
  for a supplier without ICT services."""

from __future__ import annotations

from one_file import check, doc, line, messages, repo

ENTITY = doc(
    "Entity",
    "svm",
    "name: Sauer Valley Asset Management S.A.\ncountry: LU\nregimes: [dora]\n"
    "entity_type: [management_company, alternative_investment_fund_manager]\n",
)


def _function(fid: str, criticality: str, supplier: str, service: str) -> str:
    return doc(
        "BusinessFunction",
        fid,
        f"criticality: {criticality}\nentities: [svm]\ndepends_on:\n  services:\n"
        f"    - {{supplier: {supplier}, service: {service}}}\n",
    )


def _vendor(status: str, supports: str = "false") -> str:
    return doc(
        "Supplier",
        "refdata",
        f"name: Refdata GmbH\nstatus: {status}\ntier: 3\nprovides_ict_services: true\n"
        "supports_critical_function: false\ndata_sensitivity: internal\n"
        "highest_access_level: none\nservices:\n  - name: reference-data\n"
        f"    supports_critical_function: {supports}\n",
    )


def test_an_exited_supplier_a_standard_function_still_lists_is_reported(cli, write) -> None:
    text = repo(
        ENTITY, _vendor("exited"), _function("reporting", "standard", "refdata", "reference-data")
    )
    found = check(cli, write, text, ["SUP-01"])
    assert [(f["code"], f["level"], f["line"]) for f in found] == [
        ("SUP-01", "warning", line(text, "status: exited"))
    ], found
    said = messages(found, "SUP-01")
    assert "recorded as exited" in said and "(reporting)" in said
    assert "update its depends_on" in said
    places = [r["line"] for f in found for r in f.get("related", [])]
    assert line(text, "{supplier: refdata, service: reference-data}") in places


def test_an_exited_supplier_no_function_lists_and_an_active_one_are_not(cli, write) -> None:
    alone = repo(ENTITY, _vendor("exited"), _function("reporting", "standard", "other", "x"))
    assert check(cli, write, alone, ["SUP-01"]) == []
    active = repo(
        ENTITY, _vendor("active"), _function("reporting", "standard", "refdata", "reference-data")
    )
    assert check(cli, write, active, ["SUP-01"]) == []


def test_a_critical_function_on_an_exited_supplier_stays_an_error(cli, write) -> None:
    text = repo(
        ENTITY,
        _vendor("exited", "true"),
        _function("dealing", "critical", "refdata", "reference-data"),
    )
    found = check(cli, write, text, ["SUP-01"])
    assert [(f["level"], f["line"]) for f in found] == [("error", line(text, "status: exited"))]
    assert "critical or important business functions still rest on it" in found[0]["message"]


DEPOSITARY = (
    "name: {name}\ntier: 1\nprovides_ict_services: {ict}\nsupports_critical_function: true\n"
    "data_sensitivity: confidential\nhighest_access_level: none\n"
    "services:\n  - name: {service}\n    supports_critical_function: true\n"
    "    substitutability: highly_complex\n"
)


def test_the_exit_plan_of_a_supplier_without_ict_services_is_policy(cli, write) -> None:
    bank = doc(
        "Supplier",
        "depo",
        DEPOSITARY.format(name="Banque Depo S.A.", ict="false", service="depositary-services"),
    )
    found = check(cli, write, repo(ENTITY, bank), ["CON-04"])
    said = messages(found, "CON-04")
    assert [f["code"] for f in found] == ["CON-04"], found
    assert (
        "provides no ICT services, so DORA's exit strategies, Art. 28(8), do not reach it" in said
    )
    assert "for entities under DORA, Art. 28(8) asks exit strategies" not in said
    saas = doc(
        "Supplier",
        "oms",
        DEPOSITARY.format(name="Orderhub Ltd", ict="true", service="order-management"),
    )
    # under DORA, SUP-07 asks the ICT service's exit plan and CON-04 stays silent; without it,
    # CON-04 asks it and names the article that asks it of entities under DORA
    said = messages(check(cli, write, repo(saas), ["CON-04"]), "CON-04")
    assert "for entities under DORA, Art. 28(8) asks exit strategies" in said


SUPPLIER = doc(
    "Supplier",
    "feed",
    "name: Feedco B.V.\ntier: 3\nprovides_ict_services: true\ndata_sensitivity: internal\n"
    "highest_access_level: none\nservices:\n  - name: prices\n",
)


def _contract(status: str, extra: str = "") -> str:
    return doc(
        "Contract",
        "ctr-feed",
        f"supplier: feed\nentities: [svm]\nstatus: {status}\ncovers_ict_services: true\n"
        "services: [prices]\narrangement_type: standalone\n"
        "annual_cost: {amount: 90000, currency: EUR}\nstart_date: 2023-10-01\n"
        f"end_date: 2026-09-30\nauto_renew: false\n{extra}",
    )


def test_a_contract_still_marked_active_past_its_end_is_asked_which_it_is(cli, write) -> None:
    """REG-03 told a contract still recorded active, whose end date had passed, that it "has
    ended" and to record why; CTR-13 beside it asked whether it renewed. REG-03 now says the
    register reads it as ended because of its date, and asks for the new end date if it was
    renewed, or its status and reason if it ended."""
    found = check(cli, write, repo(ENTITY, SUPPLIER, _contract("active")), ["REG-03"])
    said = messages(found, "REG-03")
    assert "is recorded as in force, but the date it ends has passed" in said, found
    assert "if it was renewed or extended, record its new end_date" in said
    assert "has ended but does not say why" not in said
    ended = messages(
        check(cli, write, repo(ENTITY, SUPPLIER, _contract("ended")), ["REG-03"]), "REG-03"
    )
    assert "contract ctr-feed has ended but does not say why" in ended
    given = repo(ENTITY, SUPPLIER, _contract("ended", "termination_reason: not_renewed\n"))
    assert check(cli, write, given, ["REG-03"]) == []


GROUP_IT = doc(
    "Entity",
    "grp-it",
    "name: Group Technology S.a r.l.\ncountry: LU\nentity_type: non_financial_ict_intra_group\n",
)
GROUP_SUPPLIER = doc(
    "Supplier",
    "group-tech",
    "name: Group Technology S.a r.l.\ngroup_entity: grp-it\ntier: 1\nprovides_ict_services: true\n"
    "supports_critical_function: true\ndata_sensitivity: confidential\n"
    "highest_access_level: privileged\nservices:\n  - name: network-and-identity\n"
    "    ict_service_type: S14\n    supports_critical_function: true\n",
)
GROUP_CONTRACT = doc(
    "Contract",
    "ctr-group-tech",
    "supplier: group-tech\nentities: [svm]\nstatus: active\ncovers_ict_services: true\n"
    "services: [network-and-identity]\nstart_date: 2022-01-01\n"
    "cooperation: {incident_team: true, outside_counsel: true}\n",
)


def _cyber(insured: str) -> str:
    return doc(
        "InsurancePolicy",
        "group-cyber",
        "line: cyber\nperiod: {start: 2026-07-01, end: 2027-06-30}\n"
        f"insured_entities: [{insured}]\n",
    )


def test_a_group_company_the_group_policy_insures_is_not_asked_the_insurers_duties(
    cli, write
) -> None:
    """The group's IT company, insured under the same cyber policy as the manager, is bound by
    the policy's claims conditions as an insured: the intra-group contract is not asked to bind
    it again to that insurer's questionnaires and sworn statements. Under a policy that leaves
    it out it is not asked them either: the claim duties are policy, and the group directs its
    own company (as CTR-08 asks it no commercial remedies); a third party in its place is."""
    both = repo(ENTITY, GROUP_IT, GROUP_SUPPLIER, GROUP_CONTRACT, _cyber("svm, grp-it"))
    assert check(cli, write, both, ["CTR-07"]) == []
    ours = repo(ENTITY, GROUP_IT, GROUP_SUPPLIER, GROUP_CONTRACT, _cyber("svm"))
    assert check(cli, write, ours, ["CTR-07"]) == []
    third = ours.replace("group_entity: grp-it\n", "")
    said = messages(check(cli, write, third, ["CTR-07"]), "CTR-07")
    assert "cyber insurer's questionnaires" in said, said
    assert "sworn statements" in said
