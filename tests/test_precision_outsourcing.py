"""The outsourcing of a regulated firm's critical or important function to a provider of no ICT
service (CTR-16, SUP-12): its sector's outsourcing law asks access for the firm and its
supervisor and agreed sub-outsourcing terms, which DORA's ICT rules (CTR-10, SUP-09) never ask.
Asked of the entity types whose law resilint cites, never of what is no outsourcing (a bank
serving us as its client, a custodian, a card scheme, a law firm) nor twice of an ICT contract."""

from __future__ import annotations

import json

from one_file import check, doc, line, messages, repo

CODES = ["CTR-16", "SUP-12", "CTR-10", "SUP-09"]
NO_RIGHTS = "audit: {frequency_months: 12}\n"
RIGHTS = "audit: {rights: true, includes_competent_authority: true}\n"
SUB_TERMS = "    subcontracting: {allowed: true, conditions: Our consent in writing each time.}\n"


def entity(entity_type: str, regimes: str = "[dora]") -> str:
    return doc("Entity", "firm", f"entity_type: {entity_type}\nregimes: {regimes}\n")


def provider(
    supplier_id: str,
    service: str,
    extra: str = "",
    service_extra: str = "",
    contract: str = NO_RIGHTS,
) -> str:
    """A provider of no ICT service performing a critical function for us, and its contract."""
    supplier = doc(
        "Supplier",
        supplier_id,
        f"provides_ict_services: false\nsupports_critical_function: true\n{extra}"
        f"services:\n  - name: {service}\n{service_extra}",
    )
    agreement = doc(
        "Contract",
        f"ctr-{supplier_id}",
        f"supplier: {supplier_id}\nstatus: active\ncovers_ict_services: false\n{contract}",
    )
    return repo(supplier, agreement)


def found_codes(found: list[dict]) -> list[tuple[str, str]]:
    return sorted((f["code"], f["id"]) for f in found)


# -- the sector outsourcing laws: an insurer, a bank, a pension fund, a fund manager -----------


def test_an_insurers_claims_administrator_without_rights_or_terms_is_reported(cli, write) -> None:
    text = repo(entity("insurance_undertaking"), provider("claims-tpa", "claims-handling"))
    found = check(cli, write, text, CODES)
    assert found_codes(found) == [("CTR-16", "ctr-claims-tpa"), ("SUP-12", "claims-tpa")]
    access = messages(found, "CTR-16")
    assert "no right of access, inspection and audit" in access
    assert "audit.includes_competent_authority" in access  # one finding for the audit section
    (sub,) = (f for f in found if f["code"] == "SUP-12")
    assert sub["line"] == line(text, "- name: claims-handling")
    assert "subcontracting.allowed" in sub["message"]


def test_a_banks_back_office_a_pension_administrator_and_fund_delegates_are_reported(
    cli, write
) -> None:
    for entity_type, service in (
        ("credit_institution", "back-office-operations"),
        ("payment_institution", "merchant-settlement-operations"),
        ("electronic_money_institution", "customer-due-diligence"),
        ("occupational_retirement_institution", "pension-administration"),
        ("alternative_investment_fund_manager", "delegated-portfolio-management"),
        ("management_company", "transfer-agency"),
    ):
        text = repo(entity(entity_type), provider("outsourcer", service))
        found = check(cli, write, text, CODES)
        assert found_codes(found) == [("CTR-16", "ctr-outsourcer"), ("SUP-12", "outsourcer")], (
            entity_type
        )


def test_granted_rights_and_terms_are_silent_and_a_missing_term_is_named(cli, write) -> None:
    granted = provider("claims-tpa", "claims-handling", service_extra=SUB_TERMS, contract=RIGHTS)
    no_authority = provider(
        "pension-admin",
        "pension-administration",
        service_extra="    subcontracting: {allowed: false}\n",
        contract="audit: {rights: true}\n",
    )
    no_conditions = provider(
        "fund-admin",
        "fund-accounting",
        service_extra="    subcontracting: {allowed: true}\n",
        contract="audit: {pooled_audit: true, includes_competent_authority: true}\n",
    )
    text = repo(entity("insurance_undertaking"), granted, no_authority, no_conditions)
    found = check(cli, write, text, CODES)
    assert found_codes(found) == [("CTR-16", "ctr-pension-admin"), ("SUP-12", "fund-admin")]
    assert "competent authority" in messages(found, "CTR-16")
    assert "on no recorded conditions" in messages(found, "SUP-12")


def test_a_draft_is_asked_and_an_ended_contract_is_not(cli, write) -> None:
    draft = provider("claims-tpa", "claims-handling").replace("status: active", "status: draft")
    ended = provider("old-tpa", "claims-handling").replace("status: active", "status: ended")
    found = check(cli, write, repo(entity("insurance_undertaking"), draft, ended), CODES)
    assert found_codes(found) == [("CTR-16", "ctr-claims-tpa"), ("SUP-12", "claims-tpa")]


# -- what is no outsourcing, or is judged by another rule --------------------------------------


def test_an_ict_contract_is_left_to_dora_and_not_reported_twice(cli, write) -> None:
    hosting = provider("hosting", "managed-hosting", contract=NO_RIGHTS).replace(
        "provides_ict_services: false", "provides_ict_services: true"
    )
    hosting = hosting.replace("covers_ict_services: false", "covers_ict_services: true")
    tpa = provider("claims-tpa", "claims-handling")
    found = check(cli, write, repo(entity("insurance_undertaking"), hosting, tpa), CODES)
    assert ("CTR-10", "ctr-hosting") in found_codes(found)
    assert ("SUP-09", "hosting") in found_codes(found)
    assert ("CTR-16", "ctr-hosting") not in found_codes(found)
    assert ("SUP-12", "hosting") not in found_codes(found)
    assert ("CTR-16", "ctr-claims-tpa") in found_codes(found)


def test_a_bank_a_custodian_a_scheme_and_an_adviser_outsource_nothing(cli, write) -> None:
    counterparties = repo(
        provider("house-bank", "accounts", "service_model: financial_service\n"),
        provider("custodian", "custody", "service_model: financial_service\n"),
        provider("depositary", "depositary-duties", "name: Hafen Depositary Bank AG\n"),
        provider("card-scheme", "card-licence", "service_model: market_infrastructure\n"),
        provider("law-firm", "legal-advice", "service_model: professional_service\n"),
        provider("auditor", "statutory-audit", "name: Becker Wirtschaftsprüfer auditors\n"),
    )
    tpa = provider("claims-tpa", "claims-handling")
    found = check(cli, write, repo(entity("insurance_undertaking"), counterparties, tpa), CODES)
    assert found_codes(found) == [("CTR-16", "ctr-claims-tpa"), ("SUP-12", "claims-tpa")]


def test_outsources_function_records_what_the_service_model_cannot_tell(cli, write) -> None:
    fiduciary = provider("fiduciary", "fiduciary-management", "service_model: financial_service\n")
    fiduciary = fiduciary.replace(
        "covers_ict_services: false", "covers_ict_services: false\noutsources_function: true"
    )
    treaty = provider("reinsurer", "quota-share-treaty").replace(
        "covers_ict_services: false", "covers_ict_services: false\noutsources_function: false"
    )
    text = repo(entity("occupational_retirement_institution"), fiduciary, treaty)
    found = check(cli, write, text, CODES)
    assert found_codes(found) == [("CTR-16", "ctr-fiduciary"), ("SUP-12", "fiduciary")]


def test_an_arrangement_behind_no_critical_function_is_not_asked(cli, write) -> None:
    printer = provider("print-house", "print-and-mail").replace(
        "supports_critical_function: true", "supports_critical_function: false"
    )
    tpa = provider("claims-tpa", "claims-handling")
    found = check(cli, write, repo(entity("insurance_undertaking"), printer, tpa), CODES)
    assert found_codes(found) == [("CTR-16", "ctr-claims-tpa"), ("SUP-12", "claims-tpa")]


# -- whom the laws bind ------------------------------------------------------------------------


def test_entities_the_cited_laws_do_not_bind_are_not_asked(cli, write) -> None:
    for entity_type in ("non_financial_other", "insurance_intermediary", "investment_firm"):
        text = repo(entity(entity_type), provider("outsourcer", "operations"))
        assert check(cli, write, text, CODES) == [], entity_type
    untyped = doc("Entity", "firm", "regimes: [dora]\n")
    assert check(cli, write, repo(untyped, provider("outsourcer", "operations")), CODES) == []
    # the firm's own choice: investment firms added to both rules' entity types
    extended = {
        "rules": {
            code: {"params": {"entity_types": ["investment_firm"]}} for code in ("CTR-16", "SUP-12")
        }
    }
    text = repo(entity("investment_firm"), provider("outsourcer", "operations"))
    found = check(cli, write, text, CODES, extended)
    assert found_codes(found) == [("CTR-16", "ctr-outsourcer"), ("SUP-12", "outsourcer")]


def test_a_nis2_energy_programme_is_never_asked(cli, write) -> None:
    """The default profiles, as a NIS2 operator runs them: the dora profile stays off, and its
    outsourced field service is no financial entity's outsourcing."""
    grid = doc("Entity", "grid", "entity_type: non_financial_other\nregimes: [nis2]\n")
    field = provider("field-service", "meter-maintenance")
    write("resilint.yaml", json.dumps({"fail_on": "error"}))
    write("repo.yaml", repo(grid, field))
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    codes = {f["code"] for f in result.json()["findings"]}
    assert "CTR-16" not in codes and "SUP-12" not in codes
    # the same outsourcing of an insurer under DORA is asked with the same configuration
    write("repo.yaml", repo(entity("insurance_undertaking"), field))
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    assert {"CTR-16", "SUP-12"} <= {f["code"] for f in result.json()["findings"]}


def test_a_minor_service_recorded_behind_no_critical_function_is_not_asked_its_terms(
    cli, write
) -> None:
    """A contract covering all a provider's services outsources a critical function through
    one of them; its other service, recorded as supporting none, is no part of that outsourcing
    and is asked no sub-outsourcing terms."""
    tpa = provider(
        "claims-tpa",
        "claims-handling",
        service_extra="  - name: archive-storage\n    supports_critical_function: false\n",
    )
    text = repo(entity("insurance_undertaking"), tpa)
    found = check(cli, write, text, ["SUP-12"])
    assert [(f["code"], f["line"]) for f in found] == [
        ("SUP-12", line(text, "- name: claims-handling"))
    ]
