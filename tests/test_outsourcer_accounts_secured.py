"""A contract recorded as covering no ICT services (covers_ict_services: false) keeps DORA's
ICT-contract terms away, not the security of our own systems' accounts: an insurer's claims
administrator (a business process outsourcing, no ICT services) whose handlers settle claims in
the insurer's claims system is asked log retention and forensic images (CTR-06) as any critical
supplier acting in our systems; before, recording the contract as the non-ICT outsourcing it is
dropped those terms, while the same contract left unrecorded was asked them. It is still asked
none of DORA's Art. 30 clauses (CTR-01, CTR-02). A laboratory whose only access is an SFTP
upload, and a supplier whose handlers only look (read-only), act in nothing of ours: their
non-ICT contracts are asked none of it."""

from __future__ import annotations

from one_file import check, doc, repo

INSURER = doc(
    "Entity",
    "insurer",
    "name: Vestria Versicherung AG\nlei: 5299000J2N45DDNE4Y28\ncountry: DE\nregimes: [dora]\n",
)
TPA = doc(
    "Supplier",
    "tpa",
    "name: Claims Administration GmbH\nprovides_ict_services: false\ntier: 1\n"
    "data_sensitivity: restricted\n"
    "services:\n  - name: claims-administration\n"
    "    service_type: outsourced claims handling (business process outsourcing)\n"
    "    supports_critical_function: true\n",
)
HANDLERS = doc(
    "Identity",
    "tpa-handlers",
    "supplier: tpa\ntype: human_account\naccess_level: LEVEL\nmfa: true\nstatus: active\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-tpa",
    "supplier: tpa\nentities: [insurer]\nstatus: active\ncovers_ict_services: false\n"
    "supports_critical_function: true\nstart_date: 2023-07-01\nend_date: 2028-06-30\n",
)
RULES = ["CTR-06", "CTR-01", "CTR-02"]


def test_an_outsourcers_handlers_in_our_systems_are_asked_evidence_terms(cli, write) -> None:
    found = check(
        cli, write, repo(INSURER, TPA, HANDLERS.replace("LEVEL", "write"), CONTRACT), RULES
    )
    assert [f["code"] for f in found] == ["CTR-06"]
    assert "ctr-tpa" in found[0]["message"] and "log" in found[0]["message"]


def test_a_seat_that_only_looks_is_asked_none_of_them(cli, write) -> None:
    looking = HANDLERS.replace("LEVEL", "read-only")
    assert check(cli, write, repo(INSURER, TPA, looking, CONTRACT), RULES) == []


def test_an_sftp_upload_is_no_person_acting_in_our_systems(cli, write) -> None:
    lab = TPA.replace("Claims Administration GmbH", "Umweltlabor GmbH").replace(
        "outsourced claims handling (business process outsourcing)", "laboratory analyses"
    )
    upload = HANDLERS.replace("human_account", "sftp_user").replace("LEVEL", "write")
    assert check(cli, write, repo(INSURER, lab, upload, CONTRACT), RULES) == []
