"""CTR-10 on a contract recording pooled audits (audit.pooled_audit: true, as a card processor's
or a cloud's standard terms offer) but neither unrestricted rights nor the alternative assurance
agreed: the finding says that a pooled audit is a way of exercising the right, not the right
itself, and which of the two records would settle it, at the pooled_audit line. Without pooled
audits the finding is as before; with either record there is none. Through the CLI."""

from __future__ import annotations

from one_file import check, doc, line, repo

ENTITY = doc("Entity", "pi", "country: IE\nregimes: [dora]\nentity_type: payment_institution\n")
SUPPLIER = doc("Supplier", "processor", "provides_ict_services: true\n")


def contract(audit: str) -> str:
    return doc(
        "Contract",
        "ctr-processor",
        "supplier: processor\nentities: [pi]\nstatus: active\ncovers_ict_services: true\n"
        "supports_critical_function: true\n"
        f"audit: {{rights: true, includes_competent_authority: true, {audit}}}\n",
    )


def test_pooled_audits_alone_are_said_to_be_a_way_of_exercising_the_right(cli, write) -> None:
    text = repo(ENTITY, SUPPLIER, contract("pooled_audit: true"))
    (finding,) = check(cli, write, text, ["CTR-10"])
    message = finding["message"]
    assert "records pooled audits (audit.pooled_audit), but not whether" in message
    assert "a pooled audit is one way of exercising the right, not the right itself" in message
    assert "Record audit.unrestricted_access: true if the contract grants it" in message
    assert "other_clients_affected: true and the methods agreed (pooled_audit among them)" in (
        message
    )
    assert finding["line"] == line(text, "pooled_audit: true")


def test_without_pooled_audits_the_finding_is_unchanged(cli, write) -> None:
    (finding,) = check(
        cli, write, repo(ENTITY, SUPPLIER, contract("frequency_months: 12")), ["CTR-10"]
    )
    assert (
        "does not record its access, inspection and audit rights as unrestricted"
        in (finding["message"])
    )
    assert "pooled" not in finding["message"]


def test_either_record_settles_it(cli, write) -> None:
    unrestricted = contract("pooled_audit: true, unrestricted_access: true")
    assured = contract(
        "pooled_audit: true, alternative_assurance: {other_clients_affected: true, "
        "methods: [pooled_audit, third_party_certification]}"
    )
    for text in (unrestricted, assured):
        assert check(cli, write, repo(ENTITY, SUPPLIER, text), ["CTR-10"]) == []
