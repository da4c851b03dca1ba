"""CTR-11: the 23 NYCRR 500.11(b)(3) notice provision is the incident notice a contract records
under incident_notification; a New York programme that records the notice there is not told the
provision is missing (found by an audit of a New York money transmitter's programme, where the
core platform's 12-hour notice was reported as lacking 500.11(b)(3)). Checked through the CLI on
a programme of real files, the nydfs profile switched on by the Entity's regimes."""

from __future__ import annotations

from one_file import doc, line, repo

PROGRAMME = repo(
    doc("Entity", "er-ny", "country: US\nregimes: [nydfs]\n"),
    doc(
        "Supplier",
        "ledgerline",
        "tier: 1\nprovides_ict_services: true\ndata_sensitivity: restricted\n"
        "highest_access_level: privileged\n",
    ),
)
CLAUSES = (
    "clauses:\n"
    "  nydfs.500.11.b.1: {present: true, variant: standard}\n"
    "  nydfs.500.11.b.2: {present: true, variant: standard}\n"
    "  nydfs.500.11.b.4: {present: true, variant: standard}\n"
)


def contract(terms: str) -> str:
    body = "supplier: ledgerline\nentities: [er-ny]\nstatus: active\n" + CLAUSES + terms
    return doc("Contract", "ctr-ledgerline", body)


def ctr_11(cli, write, terms: str) -> list[tuple[int, str]]:
    write("resilint.yaml", "fail_on: error\n")
    write("programme.yaml", PROGRAMME)
    write("contracts/ledgerline.yaml", contract(terms))
    result = cli("check", ".", "--format", "json", "--no-cache", "--as-of", "2026-12-01")
    return [(f["line"], f["message"]) for f in result.json()["findings"] if f["code"] == "CTR-11"]


def test_the_incident_notice_recorded_is_the_500_11_b_3_provision(cli, write) -> None:
    for notice in (
        "incident_notification: {window_hours: 12, trigger: suspected}\n",
        "incident_notification: {window_wording: without_undue_delay}\n",
        "incident_notification: {trigger: confirmed}\n",
    ):
        assert ctr_11(cli, write, notice) == []


def test_a_contract_with_neither_is_still_told_500_11_b_3(cli, write) -> None:
    ((at, message),) = ctr_11(cli, write, "")
    assert at == line(contract(""), "clauses:")
    assert "23 NYCRR 500.11(b)(3)" in message and "incident_notification" in message
