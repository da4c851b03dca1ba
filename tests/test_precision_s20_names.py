"""Names that should link to a supplier or one of its services and link to nothing (REF-05),
through the CLI on real YAML (found by auditing a Lithuanian e-money institution's and a Belgian
insurer's programmes).

The e-money institution's functions and identities named their identity provider
``officeline-id`` while the supplier is ``officeline`` and its sign-in service
``workplace-and-identity``: nothing linked the sign-in to Officeline, so no playbook for a
compromise of our identity provider was asked (PLB-02), without a word. The insurer's named
``keyfort`` for supplier ``keyfort-identity``. Such a name is now an error at its line; so is a
service name its supplier does not list, wherever a record names one.
"""

from __future__ import annotations

import json
from typing import Any

from one_file import AS_OF, doc, line, repo

ENTITY = doc("Entity", "baltvera", "regimes: [dora]\n")
OFFICELINE = doc(
    "Supplier",
    "officeline",
    "name: Officeline Ireland Ltd\nprovides_ict_services: true\ntier: 1\n"
    "supports_critical_function: true\ndata_sensitivity: confidential\n"
    "services:\n"
    "  - {name: workplace-and-identity, ict_service_type: S19}\n",
)


def function(providers: str) -> str:
    return doc(
        "BusinessFunction",
        "payments",
        "criticality: critical\n"
        f"depends_on: {{suppliers: [officeline], identity_providers: [{providers}]}}\n",
    )


def findings(cli, write, text: str, select: list[str] | None = None) -> list[dict[str, Any]]:
    """Every finding of a check of the one file with the rules of ``select`` (REF-05 is a
    built-in check, reported whatever the rules)."""
    write("resilint.yaml", json.dumps({"profiles": [], "select": select or ["PLB-02"]}))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    return result.json()["findings"]


def at(found: list[dict[str, Any]], code: str) -> list[int]:
    return sorted(f["line"] for f in found if f["code"] == code)


def test_an_identity_provider_spelt_otherwise_than_its_supplier_is_an_error(cli, write) -> None:
    """``officeline-id`` is no supplier's id, name or identifier, nor a service's name: REF-05
    says so at the function and at the identity (of a contractor's engineer) that name it, and
    that it reads like supplier officeline. Written as the service's name, it links: Officeline
    runs our sign-in, and PLB-02 asks the playbook for its compromise it asked nothing of
    before."""
    devnest = doc("Supplier", "devnest", "name: Devnest Talent UAB\n")
    identity = doc(
        "Identity",
        "devnest-engineer",
        "supplier: devnest\ntype: human_account\naccess_level: write\nmfa: true\n"
        "status: active\nidentity_provider: officeline-id\n",
    )
    text = repo(ENTITY, OFFICELINE, devnest, function("officeline-id"), identity)
    found = findings(cli, write, text)
    assert at(found, "REF-05") == [
        line(text, "identity_providers"),
        line(text, "identity_provider:"),
    ]
    (first, _) = [f for f in found if f["code"] == "REF-05"]
    assert first["level"] == "error"
    assert first["message"] == (
        "business function payments: depends_on.identity_providers[0] names identity provider "
        "'officeline-id', which is no supplier's id, name or identifier, nor the name of one "
        "supplier's service, so it links to no supplier of ours; it reads like supplier "
        "officeline: if it means that one, write officeline there"
    )
    assert first["related"][0]["line"] == line(text, "id: officeline")
    assert at(found, "PLB-02") == []  # the gap the name hid
    linked = text.replace("officeline-id", "workplace-and-identity")
    found = findings(cli, write, linked)
    assert at(found, "REF-05") == []
    assert at(found, "PLB-02") == [line(linked, "id: officeline")]


def test_a_name_that_begins_its_suppliers_reads_like_it(cli, write) -> None:
    """The insurer's ``keyfort`` for supplier keyfort-identity (its name's words begin the
    supplier's id), in a function and in another supplier's shared dependencies."""
    keyfort = doc("Supplier", "keyfort-identity", "name: Keyfort Identity NV\n")
    portal = doc(
        "Supplier", "portalco", "shared_dependencies: {identity_provider: Keyfort Identity}\n"
    )
    claims = doc("BusinessFunction", "claims", "depends_on: {identity_providers: [keyfort]}\n")
    text = repo(keyfort, portal, claims)
    found = [f for f in findings(cli, write, text) if f["code"] == "REF-05"]
    assert at(found, "REF-05") == [line(text, "shared_dependencies"), line(text, "[keyfort]")]
    assert all("it reads like supplier keyfort-identity" in f["message"] for f in found)


def test_a_name_that_reads_like_no_supplier_of_ours_is_not_reported(cli, write) -> None:
    """An identity provider we run ourselves, a supplier's own sign-in named after it, a
    subprocessor and a subcontractor we have no contract with, and a cloud provider's code
    (nimbara, for supplier nimbara-cloud) may name no supplier of ours."""
    transvia = doc(
        "Supplier",
        "transvia",
        "shared_dependencies:\n  identity_provider: transvia-ad\n"
        "  subprocessors: [Deltaport Colocation B.V.]\n"
        "  cloud: [{provider: nimbara, region: eu-central-2}]\n"
        "subcontractors:\n  - {id: deltaport, name: Deltaport Colocation B.V.}\n",
    )
    nimbara = doc("Supplier", "nimbara-cloud", "name: Nimbara Cloud GmbH\n")
    own = doc(
        "BusinessFunction",
        "orders",
        "depends_on:\n  identity_providers: [corp-ad]\n"
        "  cloud: [{provider: nimbara, region: eu-central-2}]\n",
    )
    identity = doc(
        "Identity", "transvia-support", "supplier: transvia\nidentity_provider: transvia-ad\n"
    )
    assert at(findings(cli, write, repo(transvia, nimbara, own, identity)), "REF-05") == []


def test_a_service_name_two_suppliers_list_links_to_neither(cli, write) -> None:
    one = doc("Supplier", "alpha", "services: [{name: sso}]\n")
    two = doc("Supplier", "beta", "services: [{name: sso}]\n")
    text = repo(one, two, function("sso"))
    (found,) = [f for f in findings(cli, write, text) if f["code"] == "REF-05"]
    assert (
        "a service that suppliers alpha and beta both list, so it links to neither"
        in (found["message"])
    )


def test_a_subcontractor_named_like_a_supplier_of_ours_is_asked_to_link(cli, write) -> None:
    """A subcontractor entry with no identifier and no Supplier link, named like one of our
    suppliers but not as its record says: the chain stops short of it (criticality, impact)."""
    stratus = doc("Supplier", "stratus-cloud", "name: Stratus Cloud EMEA Ltd\n")
    actuaris = doc(
        "Supplier",
        "actuaris",
        "subcontractors:\n  - {id: hosting, name: Stratus Cloud EMEA, rank: 2}\n",
    )
    text = repo(stratus, actuaris)
    (found,) = [f for f in findings(cli, write, text) if f["code"] == "REF-05"]
    assert found["line"] == line(text, "name: Stratus Cloud EMEA,")
    assert (
        "write supplier: stratus-cloud there; if it is another firm, record its identifier"
        in (found["message"])
    )


def test_a_subprocessor_that_reads_like_a_supplier_of_ours_is_a_warning(cli, write) -> None:
    """A subprocessor is free text with no identifier to tell another firm by: one that only
    reads like a supplier of ours is shown, as a warning that does not fail the gate."""
    stratus = doc("Supplier", "stratus-cloud", "name: Stratus Cloud EMEA Ltd\n")
    actuaris = doc(
        "Supplier", "actuaris", "shared_dependencies:\n  subprocessors: [Stratus Cloud EMEA]\n"
    )
    text = repo(stratus, actuaris)
    (found,) = [f for f in findings(cli, write, text) if f["code"] == "REF-05"]
    assert found["level"] == "warning"
    assert found["line"] == line(text, "subprocessors: [Stratus Cloud EMEA]")
    assert found["message"].endswith("if it is another firm, leave it as it is")


# -- service names -----------------------------------------------------------------------------
CARDORA = doc(
    "Supplier",
    "cardora",
    "services:\n  - {name: card-processing}\n  - {name: tokenisation}\n"
    "subcontractors:\n  - {id: bureau, name: Plastika Card Bureau, services: [card-printing]}\n"
    "alternatives:\n  - {supplier: orbis, services: [card-processing]}\n",
)
ORBIS = doc("Supplier", "orbis")


def test_a_service_its_supplier_does_not_list_is_an_error_wherever_it_is_named(cli, write) -> None:
    """A function's, a contract's, a subcontractor's and an alternative's service name must be
    one of the supplier's services: a contract naming only an unknown one covered none of them
    (no row in the register), a function's linked to no service of it. Each is reported with
    the nearest name."""
    contract = doc("Contract", "ctr-cardora", "supplier: cardora\nservices: [card-procesing]\n")
    issuing = doc(
        "BusinessFunction",
        "issuing",
        "depends_on:\n  services: [{supplier: cardora, service: tokenization}]\n",
    )
    text = repo(CARDORA, ORBIS, contract, issuing)
    found = [f for f in findings(cli, write, text) if f["code"] == "REF-05"]
    assert at(found, "REF-05") == [
        line(text, "card-printing"),
        line(text, "card-procesing"),
        line(text, "tokenization"),
    ]
    messages = {f["line"]: f["message"] for f in found}
    assert messages[line(text, "card-procesing")] == (
        "contract ctr-cardora: services[0] names service 'card-procesing' of supplier cardora, "
        "which lists no service of that name, so the name links to nothing (what rests on the "
        "service, what its contract covers, the register's rows of it); did you mean "
        "'card-processing'?"
    )
    assert "did you mean 'tokenisation'?" in messages[line(text, "tokenization")]
    alternative = text.replace("services: [card-processing]}", "services: [card-issuing]}")
    found = [f for f in findings(cli, write, alternative) if f["code"] == "REF-05"]
    assert line(alternative, "card-issuing") in at(found, "REF-05")


# -- a cloud region's provider code ---------------------------------------------------------


def cloud_supplier(supplier_id: str, name: str, model: str) -> str:
    return doc(
        "Supplier",
        supplier_id,
        f"name: {name}\nprovides_ict_services: true\nservice_model: {model}\ntier: 1\n"
        "supports_critical_function: true\n",
    )


ON_STRATUS = doc(
    "BusinessFunction",
    "ach",
    "criticality: critical\ndepends_on:\n  cloud: [{provider: stratus, region: us-east-1}]\n",
)


def test_a_cloud_code_links_to_the_hyperscaler_recorded_by_its_name(cli, write) -> None:
    """A function records its region at provider ``stratus`` (the code regions are named by),
    and the hyperscaler's Supplier is ``stratus-cloud``, "Stratus Cloud Services Inc.", hosting
    workloads: the function rests on it. BCM-05 said no function depended on the supplier while
    CON-01 counted the functions running in its region."""
    hyperscaler = cloud_supplier("stratus-cloud", "Stratus Cloud Services Inc.", "iaas_paas")
    found = findings(cli, write, repo(hyperscaler, ON_STRATUS), ["BCM-05"])
    assert found == []
    run = cli("impact", ".", "--supplier", "stratus-cloud", "--format", "json", "--as-of", AS_OF)
    assert [f["id"] for f in run.json()["functions"]] == ["ach"]


def test_a_saas_named_like_the_cloud_it_runs_on_is_not_the_cloud(cli, write) -> None:
    """An office suite of the same group ("Stratus Workplace Ltd", a multi-tenant SaaS) is not
    the cloud a region code names: the function does not rest on it."""
    suite = cloud_supplier("stratus-workplace", "Stratus Workplace Ltd", "multi_tenant_saas")
    found = findings(cli, write, repo(suite, ON_STRATUS), ["BCM-05"])
    assert [f["id"] for f in found] == ["stratus-workplace"]
