"""An unknown field that is a field of another mapping of the same kind of document: the message
says where it belongs, as a team writing from a data model that lists a plan's
``max_degraded_hours`` beside its owner needs to be told. Through the CLI on real YAML."""

from __future__ import annotations

from one_file import doc, repo


def _messages(cli, write, text: str) -> list[str]:
    write("resilint.yaml", "profiles: []\nselect: [SCH]\n")
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.stdout  # findings: the gate fails
    return [f["message"] for f in result.json()["findings"] if f["code"] == "SCH-01"]


def test_a_field_of_a_nested_mapping_written_at_the_top(cli, write) -> None:
    plan = doc(
        "ContinuityPlan", "plan", "function: f\nowner: a\ndeputy: b\nmax_degraded_hours: 48\n"
    )
    control = doc("Control", "mfa", "category: mfa_email\nlast_verified: 2026-01-01\n")
    found = _messages(cli, write, repo(plan, control))
    assert (
        "continuity plan plan: unknown field 'max_degraded_hours'; it is a field of "
        "manual_procedure (manual_procedure.max_degraded_hours): move it there"
    ) in found
    assert (
        "control mfa: unknown field 'last_verified'; it is a field of evidence "
        "(evidence.last_verified): move it there"
    ) in found


def test_a_field_of_each_entry_of_a_list(cli, write) -> None:
    supplier = doc("Supplier", "s1", "name: S\nsubstitutability: difficult\n")
    (message,) = _messages(cli, write, supplier)
    assert message.endswith(
        "it is a field of each entry of services (services[].substitutability): move it there"
    )


def test_a_misspelling_is_told_first_and_an_unknown_name_gets_no_place(cli, write) -> None:
    plan = doc("ContinuityPlan", "plan", "function: f\nowner: a\ndeputy: b\nownr: c\nfoo: 1\n")
    found = _messages(cli, write, plan)
    assert any("unknown field 'ownr' (did you mean 'owner'?)" in m for m in found), found
    assert any(m.endswith("unknown field 'foo'") for m in found), found


def test_a_placed_field_is_not_taken_for_the_missing_required_one(cli, write) -> None:
    # one unknown field and one required field missing: the unknown one is a field of another
    # mapping, so it is told where it belongs and the missing one is asked for on its own
    plan = doc("ContinuityPlan", "plan", "owner: a\ndeputy: b\nmax_degraded_hours: 4\n")
    found = _messages(cli, write, plan)
    assert any(m.endswith("(manual_procedure.max_degraded_hours): move it there") for m in found)
    assert any("function is required" in m for m in found), found
    assert not any("rename the key" in m for m in found), found
    # a word in another language still stands for the missing field: one finding says both
    contract = doc("Contract", "c9", "lieferant: acme\n")
    (message,) = _messages(cli, write, contract)
    assert "if 'lieferant' is meant as supplier, rename the key to supplier" in message
