"""A cloud provider and an accounting firm described in the words a small firm's register uses,
with no service_model recorded. "Cloud hosting: virtual servers, managed PostgreSQL, object
storage" is infrastructure we run our own workloads on (NIST SP 800-145's IaaS): nobody steps
into it, so it is not asked step-in rights, while the terms a platform's provider can give (an
indemnity, termination on failed containment) are asked as before. An "accounting firm" or a
bookkeeping firm (a Finnish tilitoimisto, a Czech účetní kancelář) providing no ICT services is
a professional adviser, as an accountant or auditor already was: below tier 1 it is not asked an
incident notice window in hours. "Hosted telephony" or a "cloud PBX" is one platform serving
every customer's extensions (a multi-tenant SaaS): below tier 1 it is asked a notice window,
not the items of its notice, which its standard terms fix for all. Words saying the hosting is
run for us, or that the instance is dedicated, keep every term asked."""

from __future__ import annotations

from one_file import check, codes, doc, messages, repo

ENTITY = doc("Entity", "platform", "regimes: [nis2]\nnis2_category: important\n")


def cloud(service_type: str, description: str) -> str:
    supplier = doc(
        "Supplier",
        "cloudco",
        "status: active\ntier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
        "highest_access_level: none\ndata_sensitivity: confidential\n"
        f"services:\n  - {{name: hosting, service_type: {service_type}, "
        f'description: "{description}", stores_data: true}}\n',
    )
    contract = doc(
        "Contract",
        "ctr-cloudco",
        "supplier: cloudco\nentities: [platform]\nstatus: active\ncovers_ict_services: true\n"
        "remedies: {accelerated_termination: true, security_indemnity: true}\n",
    )
    return repo(ENTITY, supplier, contract)


def accountant(name: str, description: str) -> str:
    supplier = doc(
        "Supplier",
        "books",
        f'name: "{name}"\ndescription: "{description}"\nstatus: active\ntier: 3\n'
        "provides_ict_services: false\nhighest_access_level: none\n"
        "data_sensitivity: confidential\npersonal_data: true\n",
    )
    contract = doc(
        "Contract",
        "ctr-books",
        "supplier: books\nentities: [platform]\nstatus: active\ncovers_ict_services: false\n",
    )
    return repo(ENTITY, supplier, contract)


def test_cloud_hosting_in_words_is_not_asked_step_in_rights(cli, write) -> None:
    for service_type, description in (
        ("cloud hosting", "Virtual servers, managed PostgreSQL with a standby, object storage."),
        ("cloud infrastructure", "Our internal systems run in its subscriptions."),
        ("compute", "Virtual machines and block storage in two data centres."),
    ):
        found = check(cli, write, cloud(service_type, description), ["CTR-08"])
        assert found == [], (service_type, found)


def test_hosting_run_for_us_is_still_asked_step_in_rights(cli, write) -> None:
    text = cloud("cloud hosting", "Our ERP hosted, patched and run for us on its platform.")
    found = check(cli, write, text, ["CTR-08"])
    assert codes(found) == ["CTR-08"]
    assert "step-in rights" in messages(found, "CTR-08")


def test_an_accounting_firm_is_not_asked_a_notice_window_below_tier_1(cli, write) -> None:
    for name, description in (
        ("Novak Accounting s.r.o.", "Accounting firm; bookkeeping, payroll and tax returns."),
        ("Tilitoimisto Marja Laine", "Monthly bookkeeping, VAT returns and annual accounts."),
        ("Účetní kancelář Nováková s.r.o.", "Our books and payroll, documents by portal."),
        ("Numbers Ltd", "Bookkeeping firm doing our monthly accounts."),
    ):
        assert check(cli, write, accountant(name, description), ["CTR-03"]) == [], name


def test_a_supplier_named_by_no_trade_is_still_asked(cli, write) -> None:
    found = check(cli, write, accountant("Numbers Ltd", "Our books."), ["CTR-03"])
    assert codes(found) == ["CTR-03"]


def telephony(service_type: str) -> str:
    supplier = doc(
        "Supplier",
        "phones",
        "status: active\ntier: 2\nprovides_ict_services: true\nhighest_access_level: none\n"
        "data_sensitivity: internal\npersonal_data: true\n"
        f"services:\n  - {{name: pbx, service_type: {service_type}, "
        'description: "Cloud PBX, SIP trunk and call recording (30 days).", stores_data: true}\n',
    )
    contract = doc(
        "Contract",
        "ctr-phones",
        "supplier: phones\nentities: [platform]\nstatus: active\ncovers_ict_services: true\n"
        "incident_notification: {window_hours: 24, trigger: suspected, content: [contact]}\n",
    )
    return repo(ENTITY, supplier, contract)


def test_hosted_telephony_below_tier_1_is_not_asked_the_notice_items(cli, write) -> None:
    assert check(cli, write, telephony("hosted telephony"), ["CTR-05"]) == []
    found = check(cli, write, telephony("dedicated hosted PBX for our service desk"), ["CTR-05"])
    assert codes(found) == ["CTR-05"]
