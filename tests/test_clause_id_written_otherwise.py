"""A contract's record whose clause id is written with other separators than the rules read
(``dora.30.2c`` or ``dora_30_2_c`` for ``dora.30.2.c``) used to be told only that it "does not
say whether it has" the clause: the procurement manager who recorded it reads a finding that
seems to deny the record. The finding now names the key written otherwise and the id to write.
Through the CLI on a firm's files."""

from __future__ import annotations

from one_file import check, doc, repo

CLAUSES = "abcdefghi"


def _contract(*, written: dict[str, str], critical: bool = False) -> str:
    """An ICT contract with every DORA Art. 30(2) clause (and 30(3) where ``critical``), the
    ids in ``written`` recorded under the key given instead."""
    ids = [f"dora.30.2.{c}" for c in CLAUSES] + (
        [f"dora.30.3.{c}" for c in "abcdef"] if critical else []
    )
    lines = "".join(
        f'  "{written.get(i, i)}": {{present: true, location: "Avenant DORA, {i}"}}\n' for i in ids
    )
    audit = (
        "audit: {rights: true, unrestricted_access: true, includes_competent_authority: true}\n"
        if critical
        else ""
    )
    body = (
        "supplier: crm\nentities: [firm]\nstatus: active\ncovers_ict_services: true\n"
        f"supports_critical_function: {'true' if critical else 'false'}\n{audit}clauses:\n{lines}"
    )
    return doc("Contract", "ctr-crm", body)


FIRM = doc("Entity", "firm", "country: FR\nentity_type: investment_firm\nregimes: [dora]\n")
CRM = doc("Supplier", "crm", "provides_ict_services: true\n")


def _found(cli, write, contract: str, rule: str) -> list[dict]:
    return check(cli, write, repo(FIRM, CRM, contract), [rule])


def test_a_clause_id_written_with_other_separators_is_named(cli, write) -> None:
    for written in ("dora.30.2c", "dora_30_2_c", "DORA-30-2-C"):
        [finding] = _found(cli, write, _contract(written={"dora.30.2.c": written}), "CTR-01")
        message = finding["message"]
        assert "does not say whether it has the DORA Art. 30(2)(c) clause" in message
        assert message.endswith(
            f"; the record holds '{written}' instead: if that is meant, write it as dora.30.2.c"
        ), message


def test_so_is_one_of_the_clauses_for_a_critical_function(cli, write) -> None:
    contract = _contract(written={"dora.30.3.f": "dora.303.f"}, critical=True)
    [finding] = _found(cli, write, contract, "CTR-02")
    assert "DORA Art. 30(3)(f) clause (dora.30.3.f)" in finding["message"]
    assert "the record holds 'dora.303.f' instead" in finding["message"]


def test_nothing_is_added_where_no_key_is_written_otherwise(cli, write) -> None:
    # another clause altogether, and an id recorded right: no hint, and no finding
    [finding] = _found(cli, write, _contract(written={"dora.30.2.c": "dora.30.2.z"}), "CTR-01")
    assert "instead" not in finding["message"]
    assert _found(cli, write, _contract(written={}), "CTR-01") == []
