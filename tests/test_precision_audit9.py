"""The ninth precision audit (an EU insurer and a US payments firm), through the CLI on real YAML:
a hyperscaler offering "managed databases" is still infrastructure as a service, a card scheme
named with its sponsor bank is still a scheme and is asked no NYDFS clauses, the group's own IT
subsidiary is not a supplier sharing our identity plane, a reinsurance broker is a professional
adviser, and the messages say what settles a term, which control a stale restore test is of and
how a supplier is exposed. Each false alarm is gone, and each real gap is still found."""

from __future__ import annotations

from one_file import check, codes, doc, messages, repo
from test_precision_terms import contract, identity, supplier

# -- a hyperscaler whose products are "managed" is still IaaS ---------------------------------

EVIDENCE = (
    "evidence_retention: {log_days: 400, forensic_images: false, preservation_on_request: true,"
    " access_for: [incident_team, insurer_forensics]}\n"
    "remedies: {step_in_rights: false, security_indemnity: true, accelerated_termination: true}\n"
)
IAAS_TERMS = ["CTR-06", "CTR-08", "PLB-02"]


def hyperscaler(description: str, extra: str = "") -> str:
    return supplier(
        "tier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
        f"data_sensitivity: restricted\nhighest_access_level: none\n{extra}"
        f"services:\n  - name: iaas\n    description: '{description}'\n"
        "    service_type: IaaS\n"
    )


def test_managed_products_do_not_undo_infrastructure_as_a_service(cli, write) -> None:
    products = "Compute, managed databases and managed Kubernetes (infrastructure as a service)."
    text = repo(hyperscaler(products), contract(EVIDENCE))
    assert check(cli, write, text, IAAS_TERMS) == []


def test_a_service_run_for_us_is_asked_every_term_and_told_to_record_the_model(cli, write) -> None:
    for run in ("Fully managed for us", "Managed service", "Hosting run for us"):
        text = repo(hyperscaler(f"{run}: compute and storage (IaaS)."), contract(EVIDENCE))
        found = check(cli, write, text, IAAS_TERMS)
        assert codes(found) == IAAS_TERMS, run
        for code in IAAS_TERMS:
            assert "is neither recorded nor inferred" in messages(found, code), (run, code)
        # the models to record are listed once for the supplier, the other findings name it
        listed = [f for f in found if "record its service_model" in f["message"]]
        assert len(listed) == 1, run
        pointer = f"the {listed[0]['code']} finding on {listed[0]['kind']} {listed[0]['id']}"
        assert all(pointer in f["message"] for f in found if f not in listed), run
    # a recorded model wins over the words
    recorded = hyperscaler("Managed service (IaaS).", "service_model: iaas_paas\n")
    assert check(cli, write, repo(recorded, contract(EVIDENCE)), IAAS_TERMS) == []


def test_a_managed_offering_as_a_service_is_still_not_read_as_a_shared_platform(cli, write) -> None:
    soc = supplier(
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
        "services:\n  - {name: soc, description: Managed SOC as a service.}\n"
    )
    found = check(cli, write, repo(soc, contract(EVIDENCE)), ["CTR-06"])
    assert "forensic images" in messages(found, "CTR-06")


# -- a card scheme is market infrastructure, whatever bank it names -----------------------------

NYDFS_ENTITY = doc(
    "Entity", "us-co", "name: Example Payments Inc.\ncountry: US\nregimes: [nydfs]\n"
)


def participant(name: str, description: str) -> str:
    return supplier(
        f"name: {name}\ndescription: {description}\ntier: 1\nprovides_ict_services: false\n"
        "supports_critical_function: true\ndata_sensitivity: restricted\n"
        "highest_access_level: none\n",
        "network",
    )


REGISTRATION = contract(
    "entities: [us-co]\ncovers_ict_services: false\nstart_date: 2018-01-01\n", "network"
)


def test_a_card_scheme_named_with_its_sponsor_bank_is_asked_no_bank_or_nydfs_terms(
    cli, write
) -> None:
    scheme = participant(
        "Meridian Card Network",
        "Card scheme (payment system) we participate in as a processor through our sponsor bank.",
    )
    assert check(cli, write, repo(NYDFS_ENTITY, scheme, REGISTRATION), ["CTR-11", "CTR-13"]) == []
    clearing = participant("Eastern Clearing Corp", "Clearing house for our card settlement.")
    assert check(cli, write, repo(NYDFS_ENTITY, clearing, REGISTRATION), ["CTR-11"]) == []


def test_a_sponsor_bank_is_still_a_bank_and_a_processor_still_a_provider(cli, write) -> None:
    bank = participant(
        "Granite Trust Company", "Sponsor bank for our card scheme memberships and settlement."
    )
    found = check(cli, write, repo(NYDFS_ENTITY, bank, REGISTRATION), ["CTR-11", "CTR-13"])
    # a bank negotiates its notice to close our accounts and holds our nonpublic information
    assert codes(found) == ["CTR-11", "CTR-13"]
    processor = participant("Meridian Processing LLC", "Processor of our card payments.")
    found = check(cli, write, repo(NYDFS_ENTITY, processor, REGISTRATION), ["CTR-11"])
    assert "500.11(b)(1)" in messages(found, "CTR-11")


def test_a_company_of_our_own_group_is_no_nydfs_third_party_service_provider(cli, write) -> None:
    body = "tier: 2\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
    ours = doc("Entity", "us-it", "name: Example IT LLC\ncountry: US\n")
    in_group = supplier(body + "group_entity: us-it\n")
    text = repo(NYDFS_ENTITY, ours, in_group, contract("entities: [us-co]\n"))
    assert check(cli, write, text, ["CTR-11"]) == []
    outside = repo(NYDFS_ENTITY, supplier(body), contract("entities: [us-co]\n"))
    assert codes(check(cli, write, outside, ["CTR-11"])) == ["CTR-11"]


# -- our own IT subsidiary's administrators are our workforce -----------------------------------

CLAIMS = doc(
    "BusinessFunction",
    "claims",
    "criticality: critical\ndepends_on:\n  suppliers: [group-it]\n  identity_providers: [entra]\n",
)
ADMINS = identity(
    "it-admins", "human_account", "privileged", "identity_provider: entra\n", "group-it"
)


def test_the_group_it_subsidiary_signing_in_through_the_group_idp_is_no_shared_plane(
    cli, write
) -> None:
    subsidiary = doc("Entity", "it-gmbh", "name: Group IT GmbH\ncountry: DE\n")
    body = "tier: 1\nprovides_ict_services: true\nhighest_access_level: privileged\n"
    own = supplier(body + "group_entity: it-gmbh\n", "group-it")
    assert check(cli, write, repo(subsidiary, own, ADMINS, CLAIMS), ["CON-02"]) == []
    # an outside IT provider's administrators through the same provider still share the plane
    outside = supplier(body, "group-it")
    found = check(cli, write, repo(outside, ADMINS, CLAIMS), ["CON-02"])
    assert "identity it-admins of critical supplier group-it" in messages(found, "CON-02")


# -- a reinsurance broker is a professional adviser ---------------------------------------------

TOBA = contract(
    "covers_ict_services: false\nincident_notification: {window_hours: 72, trigger: suspected}\n",
    "broker",
)
ADVISER_TERMS = ["CTR-03", "SUP-03"]


def non_ict(name: str, description: str, extra: str = "") -> str:
    return supplier(
        f"name: {name}\ndescription: '{description}'\ntier: 2\nprovides_ict_services: false\n"
        "data_sensitivity: confidential\nhighest_access_level: none\n"
        f"contacts:\n  security: {{name: Infosec, email: infosec@broker.example}}\n{extra}",
        "broker",
    )


def test_an_insurance_broker_is_asked_no_it_vendor_contact_or_tier_2_window(cli, write) -> None:
    for words in (
        "Reinsurance broker: placement of the group reinsurance programme.",
        "Insurance intermediary for our commercial lines.",
        "Versicherungsmakler fuer die Kfz-Flotte.",
    ):
        text = repo(non_ict("Halden Re Brokers SE", words), TOBA)
        assert check(cli, write, text, ADVISER_TERMS) == [], words


def test_a_supplier_not_known_as_an_adviser_is_told_how_to_record_it(cli, write) -> None:
    for name, words in (
        ("Halden Freight GmbH", "Freight broker for our spare parts."),
        ("Nordakten GmbH", "Archive of our claims files."),
    ):
        # with a read-only seat in our systems (a tier-2 supplier that only holds our data is
        # asked a named contact, which it has, not a 24x7 line)
        seated = non_ict(name, words).replace("access_level: none", "access_level: read-only")
        found = check(cli, write, repo(seated, TOBA), ADVISER_TERMS)
        assert codes(found) == ADVISER_TERMS, name
        # each told what would take its own term off the supplier: a tier-2 adviser, bank or
        # scheme is asked no window (CTR-03), only an adviser no 24x7 line (SUP-03)
        every = "service_model: professional_service, financial_service or market_infrastructure)"
        assert every in messages(found, "CTR-03"), name
        assert "service_model: professional_service)" in messages(found, "SUP-03"), name
        assert "is a professional adviser; if it is" in messages(found, "SUP-03"), name
    # an ICT supplier is not read by its words: a broker that runs our systems is asked
    ict = non_ict("Halden Re Brokers SE", "Reinsurance broker.").replace(
        "provides_ict_services: false", "provides_ict_services: true"
    )
    found = check(cli, write, repo(ict, TOBA.replace("false", "true")), ADVISER_TERMS)
    assert codes(found) == ADVISER_TERMS
    assert "professional_service" not in messages(found, "SUP-03")


# -- messages that name the cause ----------------------------------------------------------------


def test_the_joint_playbook_message_says_the_exposure_in_words(cli, write) -> None:
    # privileged access alone would be IAM-03's one finding: restricted data makes it tier 1
    hotline = supplier(
        "tier: 2\nprovides_ict_services: true\ndata_sensitivity: restricted\n", "hotline"
    )
    admin = identity("team-lead", "human_account", "privileged", "mfa: true\n", "hotline")
    found = messages(check(cli, write, repo(hotline, admin), ["PLB-02"]), "PLB-02")
    assert "operating_access" not in found
    assert "tier 1 because it handles restricted data" in found
    assert "has access to our systems and acts in them" in found


def test_a_stale_restore_test_names_its_control_and_date(cli, write) -> None:
    functions = [doc("BusinessFunction", f, "criticality: critical\n") for f in ("pay", "ship")]
    backup = doc(
        "Control",
        "backup-immutable",
        "category: backup_immutable\nstatus: implemented\nfunctions: [pay, ship]\n"
        "last_restore_test: {date: 2025-10-15, result: pass}\n",
    )
    (finding,) = check(cli, write, repo(*functions, backup), ["BCM-06"])
    assert (
        "control backup-immutable: last restore test passed on 2025-10-15" in (finding["message"])
    )
    # a recent test: nothing to report
    fresh = backup.replace("2025-10-15", "2026-10-15")
    assert check(cli, write, repo(*functions, fresh), ["BCM-06"]) == []
