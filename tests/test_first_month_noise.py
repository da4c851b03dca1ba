"""A programme in its first month, through the CLI on real files: suppliers recorded with a name,
a tier and a service but nothing of their identity, functions without all their objectives.
Each thing missing is one finding, in the words of the rule that asks for it, and a message
says only what is missing."""

from __future__ import annotations

from one_file import check, doc, repo

ENTITY = doc(
    "Entity",
    "zuiderpay",
    "name: Zuiderpay B.V.\nlei: 724500ZUIDERPAYX0X80\ncountry: NL\n"
    "entity_type: payment_institution\nregimes: [dora]\n",
)
SUPPLIER = doc(
    "Supplier",
    "cardcore",
    "name: CardCore Processing GmbH\ntier: 1\nprovides_ict_services: true\n"
    "services:\n  - name: card-processing\n",
)
CONTRACT = doc("Contract", "ctr-cardcore", "supplier: cardcore\nstart_date: 2024-01-01\n")


def where(found: list[dict]) -> list[tuple[str, str, str]]:
    return sorted((f["code"], f["id"], f["json_path"]) for f in found if f["id"] == "cardcore")


def test_a_provider_without_identity_is_asked_once_per_missing_field(cli, write) -> None:
    """SUP-02 asks for the identifier (which, an LEI, also makes the provider a legal person)
    and the country, citing their register columns, in one finding for the provider; REG-12
    does not repeat the type of person and the country in its words beside them."""
    text = repo(ENTITY, SUPPLIER, CONTRACT)
    found = check(cli, write, text, ["SUP-02", "REG-12"])
    assert where(found) == [("SUP-02", "cardcore", "provider_id")]
    message = found[0]["message"]
    assert "provider_id" in message and "ultimate_parent" in message
    assert "hq_country" in message and "(B_05.01.0080)" in message
    # where SUP-02 does not run, REG-12 still asks for both, so no configuration lets them through
    alone = check(cli, write, text, ["REG-12"], {"ignore": ["SUP-02"]})
    assert [f["code"] for f in alone if f["id"] == "cardcore"] == ["REG-12"]
    assert all(column in alone[0]["message"] for column in ("B_05.01.0070", "B_05.01.0080"))


def test_a_function_with_its_rto_is_asked_only_for_its_rpo(cli, write) -> None:
    """REG-08 asked a function that records its RTO for 'its recovery time and point
    objectives'; it names the one missing, and the other where both are."""
    supplier = SUPPLIER.replace("tier: 1\n", "tier: 1\nhq_country: DE\n")
    function = doc(
        "BusinessFunction",
        "card-acquiring",
        "name: Card acquiring\nentities: [zuiderpay]\ncriticality: critical\nrto_hours: 4\n"
        "depends_on: {suppliers: [cardcore]}\n",
    )
    second = doc(
        "BusinessFunction",
        "payment-initiation",
        "name: Payment initiation\nentities: [zuiderpay]\ncriticality: critical\n"
        "depends_on: {suppliers: [cardcore]}\n",
    )
    text = repo(ENTITY, supplier, CONTRACT, function, second)
    found = check(cli, write, text, ["REG-08", "REG-12"])
    asked = {
        f["id"]: f["message"]
        for f in found
        if f["code"] == "REG-08" and "objective" in f["message"]
    }
    assert (  # the function named once, where REG-08 folds its gaps
        "; does not state its recovery point objective (rpo_hours; B_06.01.0090)"
        in asked["card-acquiring"]
    )
    assert "rto_hours" not in asked["card-acquiring"]
    assert "recovery time objective (rto_hours; B_06.01.0080)" in asked["payment-initiation"]
    assert "recovery point objective (rpo_hours; B_06.01.0090)" in asked["payment-initiation"]
    # REG-12 does not ask again for what REG-08 asked
    assert [f for f in found if f["code"] == "REG-12" and "_hours" in f["message"]] == []


def test_an_unreviewed_critical_contract_is_asked_for_its_audit_clause_once(cli, write) -> None:
    """A contract for a critical function with neither its clauses nor an audit section
    recorded: CTR-02 asks for the audit clause (dora.30.3.e, with the rest of Art. 30(3));
    CTR-10 does not also say it 'gives us no right of access, inspection and audit'. Once the
    clause or the audit terms are recorded, CTR-10 checks the terms."""
    supplier = SUPPLIER.replace("tier: 1\n", "tier: 1\nsupports_critical_function: true\n")
    found = check(cli, write, repo(ENTITY, supplier, CONTRACT), ["CTR-02", "CTR-10"])
    assert [f["code"] for f in found] == ["CTR-02"]
    assert "dora.30.3.e" in found[0]["message"]
    for recorded in (
        "clauses:\n  dora.30.3.e: {present: true}\n",
        "audit:\n  pooled_audit: true\n",
    ):
        contract = CONTRACT + recorded
        found = check(cli, write, repo(ENTITY, supplier, contract), ["CTR-10"])
        assert [f["code"] for f in found] == ["CTR-10"], recorded


def test_a_long_first_run_says_how_to_take_its_findings_in(cli, write) -> None:
    """Hundreds of lines in file order do not say where to begin: past 100 findings the text
    output is followed by a note naming the rules most of them come from and the views that
    order them; a shorter list, or one already counted or grouped, has none."""
    suppliers = [
        doc("Supplier", f"vendor-{n:02}", "name: Vendor\ntier: 1\nprovides_ict_services: true\n")
        for n in range(30)
    ]
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", repo(ENTITY, *suppliers))
    result = cli("check", "repo.yaml", "--no-cache", "--as-of", "2026-11-26")
    notes = [line for line in result.stderr.splitlines() if "--statistics counts them" in line]
    assert len(notes) == 1, result.stderr
    assert " findings in 31 documents, " in notes[0]
    assert "--group-by document" in notes[0] and "resilint report" in notes[0]
    for more in (["--statistics"], ["--group-by", "rule"], ["--format", "json"]):
        again = cli("check", "repo.yaml", "--no-cache", "--as-of", "2026-11-26", *more)
        assert "--statistics counts them" not in again.stderr, more
    write("repo.yaml", repo(ENTITY, *suppliers[:2]))
    few = cli("check", "repo.yaml", "--no-cache", "--as-of", "2026-11-26")
    assert "--statistics counts them" not in few.stderr


def test_audit_terms_not_yet_recorded_are_said_to_be_unrecorded(cli, write) -> None:
    """A contract recording only that it grants audit rights: CTR-10 asks for the terms it
    does not record, instead of asserting that the rights 'are not unrestricted' and that the
    contract 'does not give the competent authority' them, which nobody has read yet."""
    supplier = SUPPLIER.replace("tier: 1\n", "tier: 1\nsupports_critical_function: true\n")
    contract = CONTRACT + "audit:\n  rights: true\n"
    found = check(cli, write, repo(ENTITY, supplier, contract), ["CTR-10"])
    assert len(found) == 1
    message = found[0]["message"]
    assert "does not record its access, inspection and audit rights as unrestricted" in message
    assert "does not record that the competent authority has the same access" in message
    assert "not unrestricted" not in message and "does not give" not in message
