"""An executing broker that receives our client orders over a FIX session, or a bank whose
SFTP account drops payment files in our systems, recorded as its words describe it (no
provides_ict_services, no service_model), was taken to provide ICT services because of that
channel's Identity: its order-execution agreement was asked every DORA Art. 30 clause, incident
notice hours, log retention, step-in rights, an exit plan and the register's ICT columns. A
regulated financial firm's channel that only exchanges data with our systems belongs to its
financial service (the ESAs' Q&A 2999, DORA030, on DORA Art. 3(21)), as its keeping of our data
already did. Its people's accounts acting in our systems still make it an ICT provider, and the
same channel of a supplier not worded as a regulated firm still does. Through the CLI on a
small investment firm's files."""

from __future__ import annotations

from one_file import check, doc, repo

FIRM = doc(
    "Entity",
    "firm",
    "country: FR\nentity_type: investment_firm\nregimes: [dora]\ndora_simplified_framework: true\n",
)
FUNCTION = doc(
    "BusinessFunction",
    "orders",
    "criticality: critical\nentities: [firm]\nrto_hours: 4\nrpo_hours: 1\nmtpd_hours: 24\n"
    "depends_on:\n  services:\n    - {supplier: broker, service: order-execution}\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-broker",
    "supplier: broker\nentities: [firm]\nstatus: active\nservices: [order-execution]\n"
    "supports_critical_function: true\nstart_date: 2021-03-01\nend_date: 9999-12-31\n"
    "our_notice_period_days: 30\nsupplier_notice_period_days: 90\n",
)
FIX = doc(
    "Identity",
    "broker-fix",
    "supplier: broker\ntype: certificate\naccess_level: write\nstatus: active\n"
    "owner: head-of-dealing\nexpires: 2027-06-30\ntime_to_disable_minutes: 10\n"
    "disable_procedure: runbooks/broker-fix.md\n",
)
DESK = doc(
    "Identity",
    "broker-desk",
    "supplier: broker\ntype: human_account\naccess_level: write\nstatus: active\nmfa: true\n"
    "owner: head-of-dealing\ntime_to_disable_minutes: 10\ndisable_procedure: runbooks/desk.md\n",
)
ICT_TERMS = ["CTR-01", "CTR-02", "CTR-03", "CTR-06", "CTR-09", "SUP-07", "REG-05", "PLB-02"]


def supplier(name: str, description: str) -> str:
    return doc(
        "Supplier",
        "broker",
        f"name: {name}\ndescription: {description}\ntier: 1\nsupports_critical_function: true\n"
        "services:\n  - {name: order-execution, supports_critical_function: true}\n",
    )


BROKER = supplier(
    "Ordo Securities Europe SA",
    "Executing broker; we transmit client orders to it over its FIX connection and it executes "
    "them on the markets.",
)


def _codes(cli, write, *documents: str) -> set[str]:
    found = check(cli, write, repo(FIRM, FUNCTION, CONTRACT, *documents), ICT_TERMS)
    return {f["code"] for f in found}


def test_an_executing_brokers_fix_session_is_part_of_its_financial_service(cli, write) -> None:
    assert _codes(cli, write, BROKER) == set()
    assert _codes(cli, write, BROKER, FIX) == set()


def test_a_banks_payment_file_channel_is_too(cli, write) -> None:
    bank = supplier("Banque d'Aquitaine Titres SA", "Custodian bank holding our clients' accounts.")
    sftp = FIX.replace("type: certificate", "type: sftp_user").replace(
        "expires: 2027-06-30\n", "rotation_days: 365\nlast_rotated: 2026-06-01\n"
    )
    assert _codes(cli, write, bank, sftp) == set()


def test_its_people_acting_in_our_systems_still_make_it_ict(cli, write) -> None:
    codes = _codes(cli, write, BROKER, FIX, DESK)
    assert {"CTR-01", "CTR-02", "SUP-07"} <= codes


def test_the_same_channel_of_a_supplier_not_worded_as_a_regulated_firm_is_ict(cli, write) -> None:
    router = supplier("Ordo Connect SAS", "Order routing network between us and our brokers.")
    codes = _codes(cli, write, router, FIX)
    assert {"CTR-01", "CTR-02", "SUP-07"} <= codes
