"""An asset manager that is both a UCITS management company and an AIFM, under DORA (Art. 2(1)(k)
and (l)), outsources the funds' central administration to a fund administrator it records
without ICT services: the words "outsourced" and "administration" leave the administrator's
service model unknown, so its contract is asked an incident-notice window and the finding says
why. That note asked whether the administrator "is a bank or a payment scheme": a fund manager
takes part in no payment scheme, and the market infrastructures it does use (a central
counterparty, a securities depository) and the depositary that keeps its funds' assets were not
named, so a reader could not tell that the record it asks for (market_infrastructure,
financial_service) fits them. The note names each model by what it covers in every sector, and
its advice holds: a securities depository recorded as market infrastructure, or a depositary
recorded as a financial service, is no longer asked the window. And a depositary bank that also
runs the funds' administration for the manager is asked an outsourcing's terms, which its name
alone took off it."""

from __future__ import annotations

from one_file import check, doc, messages, repo

ENTITY = doc(
    "Entity",
    "aam",
    "name: Aldermoor Asset Management S.A.\ncountry: LU\nregimes: [dora]\n"
    "entity_type: [management_company, alternative_investment_fund_manager]\n",
)
SUPPLIER = (
    "name: {name}\ntier: 1\nprovides_ict_services: false\nsupports_critical_function: true\n"
    "data_sensitivity: confidential\nhighest_access_level: none\n{model}"
    "services:\n  - name: {service}\n    supports_critical_function: true\n"
    "    description: {words}\n"
)
ADMINISTRATOR = {
    "name": "Kestrel Fund Services S.A.",
    "service": "nav-calculation",
    "words": "Fund accounting and daily NAV calculation, outsourced to Kestrel.",
}
DEPOSITORY = {
    "name": "Eurosettle S.A.",
    "service": "settlement",
    "words": "Settlement and safekeeping of the funds' securities.",
}


def _repo(supplier_id: str, fields: dict[str, str], model: str = "") -> str:
    supplier = doc("Supplier", supplier_id, SUPPLIER.format(model=model, **fields))
    contract = doc(
        "Contract",
        f"ctr-{supplier_id}",
        f"supplier: {supplier_id}\nstatus: active\nentities: [aam]\ncovers_ict_services: false\n"
        "supports_critical_function: true\n",
    )
    return repo(ENTITY, supplier, contract)


def test_the_note_names_a_fund_managers_depositary_and_securities_depository(cli, write) -> None:
    found = check(cli, write, _repo("kestrel", ADMINISTRATOR), ["CTR-03"])
    note = messages(found, "CTR-03")
    assert (
        "nothing recorded says it is a regulated financial firm (a bank, depositary or insurer)"
        " or a market infrastructure (a payment scheme, central counterparty, securities"
        " depository or trading venue); if it is, record its service_model: financial_service or"
        " market_infrastructure; its words say it runs something for us: where it does, record"
        " outsources_function: true on its contract too, or recording the model also takes an"
        " outsourcing's terms off it)" in note
    ), note
    assert "is a bank or a payment scheme" not in note


def test_the_note_keeps_an_outsourcing_that_follows_it_an_outsourcing(cli, write) -> None:
    """The administrator's words say it runs the funds' accounting for the manager: recording
    the model the note names alone would take the outsourcing's access and audit rights (CTR-16)
    off it, so the note says to record outsources_function too, and with both CTR-16 stays. A
    depository whose words run nothing for us is not told so."""
    model = "service_model: financial_service\n"
    alone = _repo("kestrel", ADMINISTRATOR, model)
    assert check(cli, write, alone, ["CTR-16"]) == []
    both = alone + "outsources_function: true\n"  # the contract is the file's last document
    assert [f["code"] for f in check(cli, write, both, ["CTR-16"])] == ["CTR-16"]
    note = messages(check(cli, write, _repo("eurosettle", DEPOSITORY), ["CTR-03"]), "CTR-03")
    assert "runs something for us" not in note, note


def test_following_the_note_takes_the_window_off_a_depository_or_a_depositary(cli, write) -> None:
    """The depository's words name no trade resilint reads, so it is asked the window until its
    model is recorded; recorded as the note says, it is not."""
    assert messages(check(cli, write, _repo("eurosettle", DEPOSITORY), ["CTR-03"]), "CTR-03")
    for model in ("market_infrastructure", "financial_service"):
        text = _repo("eurosettle", DEPOSITORY, f"service_model: {model}\n")
        assert check(cli, write, text, ["CTR-03"]) == [], model


BANK = {"name": "Banque Lumière Luxembourg S.A.", "service": "depositary"}
OUTSOURCING_TERMS = ["CTR-03", "CTR-16", "SUP-12"]


def test_a_depositary_bank_keeping_the_funds_accounts_is_asked_the_outsourcing_terms(
    cli, write
) -> None:
    """The funds' depositary bank that also keeps their accounts, calculates their NAV or keeps
    their register runs the administration the manager delegated (the UCITS Directive's Annex II
    and Art. 13): its agreement is asked the access and audit rights of an outsourcing (CTR-16),
    its sub-outsourcing terms (SUP-12) and an incident notice. The bank read only as a bank
    gave none of them."""
    for words in (
        "Depositary and custody of the funds' assets, and central administration of the funds.",
        "Depositary bank, fund accounting and NAV calculation for the sub-funds.",
        "Depositary, registrar and transfer agent of the funds.",
    ):
        found = check(cli, write, _repo("lumiere", {**BANK, "words": words}), OUTSOURCING_TERMS)
        assert sorted({f["code"] for f in found}) == OUTSOURCING_TERMS, words


def test_a_depositary_bank_that_keeps_only_the_assets_is_a_bank(cli, write) -> None:
    """Safekeeping and oversight, or files sent to the funds' transfer agent, run none of the
    manager's functions: the bank is not asked an outsourcing's terms."""
    for words in (
        "Depositary bank: safekeeping of the funds' assets, cash monitoring and oversight.",
        "Global custody of the funds' securities; daily position files to the transfer agent.",
    ):
        found = check(cli, write, _repo("lumiere", {**BANK, "words": words}), OUTSOURCING_TERMS)
        assert found == [], words


def test_the_depositary_service_beside_the_administration_is_not_sub_outsourcing(
    cli, write
) -> None:
    """One agreement with the bank covers its safekeeping as depositary and the administration it
    runs for the manager: the administration is asked its sub-outsourcing terms (SUP-12), the
    safekeeping, a bank's own trade, is not."""
    supplier = doc(
        "Supplier",
        "lumiere",
        "name: Banque Lumière Luxembourg S.A.\ntier: 1\nprovides_ict_services: false\n"
        "description: Depositary bank of the funds.\nsupports_critical_function: true\n"
        "data_sensitivity: confidential\nhighest_access_level: none\nservices:\n"
        "  - name: safekeeping\n    supports_critical_function: true\n"
        "    description: Safekeeping of the funds' securities and cash monitoring.\n"
        "  - name: administration\n    supports_critical_function: true\n"
        "    description: Central administration of the AIFs (fund accounting, NAV).\n",
    )
    contract = doc(
        "Contract",
        "ctr-lumiere",
        "supplier: lumiere\nstatus: active\nentities: [aam]\ncovers_ict_services: false\n"
        "supports_critical_function: true\nservices: [safekeeping, administration]\n",
    )
    text = repo(ENTITY, supplier, contract)
    found = check(cli, write, text, ["SUP-12"])
    assert [f["message"].split(" of supplier")[0] for f in found] == ["service administration"], (
        found
    )


def test_services_written_as_a_number_are_a_schema_error_not_a_crash(cli, write) -> None:
    """The services of a supplier are read for their models where the list is a list only."""
    supplier = doc("Supplier", "lumiere", "tier: 1\nprovides_ict_services: false\nservices: 5\n")
    write("repo.yaml", repo(ENTITY, supplier))
    result = cli("check", "--no-cache", "-f", "json", ".")
    assert result.exit_code == 1, result.stdout
    assert "could not be evaluated" not in result.stdout


TREASURY = {
    "name": "Harbour Trust Company S.A.",
    "service": "treasury-ops",
    "words": "Treasury operations and daily cash reconciliation of the funds.",
}


def test_following_the_whole_note_never_takes_an_outsourcings_terms_off(cli, write) -> None:
    """A bank running the funds' treasury operations, in words that do not say it runs them
    for the manager: the note still says to record outsources_function, since recording
    financial_service alone would take CTR-16 and SUP-12 off the outsourcing; following both
    keeps them, and the CTR-03 window the model answers goes."""
    note = messages(check(cli, write, _repo("harbour", TREASURY), ["CTR-03"]), "CTR-03")
    assert "record its service_model: financial_service or market_infrastructure" in note, note
    assert "record outsources_function: true on its contract too" in note, note
    followed = _repo("harbour", TREASURY, "service_model: financial_service\n")
    followed += "outsources_function: true\n"  # the contract is the file's last document
    rules = ["CTR-03", "CTR-16", "SUP-12"]
    assert sorted(f["code"] for f in check(cli, write, followed, rules)) == ["CTR-16", "SUP-12"]


def test_the_note_says_nothing_of_outsourcing_where_it_is_recorded_or_has_no_object(
    cli, write
) -> None:
    settled = _repo("harbour", TREASURY) + "outsources_function: false\n"
    note = messages(check(cli, write, settled, ["CTR-03"]), "CTR-03")
    assert "financial_service" in note and "outsources_function" not in note, note
    minor = _repo("harbour", TREASURY).replace(
        "supports_critical_function: true", "supports_critical_function: false"
    )
    note = messages(check(cli, write, minor, ["CTR-03"]), "CTR-03")
    assert "financial_service" in note and "outsources_function" not in note, note


def test_the_note_asks_outsources_function_of_live_contracts_only(cli, write) -> None:
    """An earlier contract with the bank that has ended changes no term: the note does not ask
    to record outsources_function on it once the contract in force records it. A draft being
    negotiated without it is asked, as it will be the contract the terms are judged on."""
    settled = _repo("harbour", TREASURY) + "outsources_function: false\n"
    ended = doc(
        "Contract",
        "ctr-harbour-2019",
        "supplier: harbour\nstatus: ended\nentities: [aam]\ncovers_ict_services: false\n"
        "start_date: 2019-01-01\nend_date: 2022-12-31\n",
    )
    note = messages(check(cli, write, repo(settled, ended), ["CTR-03"]), "CTR-03")
    assert "financial_service" in note and "outsources_function" not in note, note
    undated = ended.replace("status: ended\n", "")  # read from its dates: ended in 2022
    note = messages(check(cli, write, repo(settled, undated), ["CTR-03"]), "CTR-03")
    assert "financial_service" in note and "outsources_function" not in note, note
    draft = ended.replace("status: ended", "status: draft").replace("2022-12-31", "2029-12-31")
    note = messages(check(cli, write, repo(settled, draft), ["CTR-03"]), "CTR-03")
    assert "record outsources_function: true on its contract too" in note, note
