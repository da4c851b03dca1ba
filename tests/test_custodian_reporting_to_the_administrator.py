"""A pension fund's custodian bank, recorded without a service model, whose service description
says where its reports go: "daily position files to the pension administrator", "reporting to
the pension bureau" (a Dutch fund's own office). The words "administrator" and "bureau" made it
read as an outsourcer running something for us, so the bank was asked an IT vendor's incident
notice, cooperation and indemnity and an outsourcing's audit rights. An outsourcer's trade named
as whom the supplier sends to is not the supplier's; one it names as its own still is."""

from __future__ import annotations

from one_file import check, codes, doc, repo

ENTITY = doc(
    "Entity",
    "pf",
    "name: Stichting Pensioenfonds Veldhaven\ncountry: NL\nregimes: [dora]\n"
    "entity_type: occupational_retirement_institution\n",
)
CUSTODIAN = (
    "name: Zeeland Custody Bank N.V.\ntier: 1\nprovides_ict_services: false\n"
    "supports_critical_function: true\ndata_sensitivity: confidential\n"
    "highest_access_level: none\nservices:\n"
    "  - name: global-custody\n"
    "    supports_critical_function: true\n"
    "    description: >-\n"
    "      Global custody and settlement of the fund's securities, corporate actions;\n"
    "      daily position files {to}.\n"
)
CONTRACT = doc(
    "Contract",
    "ctr-custody",
    "supplier: custodian\nstatus: active\nentities: [pf]\ncovers_ict_services: false\n"
    "supports_critical_function: true\n",
)
BANK_TERMS = ["CTR-03", "CTR-07", "CTR-08", "CTR-16"]


def _repo(words: str) -> str:
    supplier = doc("Supplier", "custodian", CUSTODIAN.replace("{to}", words))
    return repo(ENTITY, supplier, CONTRACT)


def test_a_custodian_sending_files_to_the_administrator_is_a_bank(cli, write) -> None:
    for words in ("to the pension administrator", "to the pension bureau"):
        assert check(cli, write, _repo(words), BANK_TERMS) == [], words


def test_an_outsourcer_by_its_own_words_is_still_asked_the_outsourcing_terms(cli, write) -> None:
    """The bank that says it is our administrator, or that the work is outsourced to it, runs
    something for us: the outsourcing's audit rights (CTR-16) are asked of it."""
    for words in (
        "to the fund as its pension administrator",
        "to the fund; securities administration outsourced to it",
    ):
        assert "CTR-16" in codes(check(cli, write, _repo(words), BANK_TERMS)), words
