"""A payroll bureau's substitutability written "low_complexity" was told "did you mean
'medium_complexity'?", and `resilint fix --unsafe-fixes` offered to write that: the closest
spelling, but another degree, which would record the bureau as harder to replace than the team
judged. A value that names one degree is not offered a value naming another."""

from __future__ import annotations

from one_file import check, docs, messages

SUPPLIER = """
    kind: Supplier
    id: lohnwerk
    tier: 2
    provides_ict_services: true
    services:
      - name: payroll
        service_model: managed_service
        substitutability: {value}
"""


def test_another_degree_is_not_offered(cli, write) -> None:
    for value in ("low_complexity", "low-complexity"):
        said = messages(
            check(cli, write, docs(SUPPLIER.replace("{value}", value)), ["SCH-01"]), "SCH-01"
        )
        assert f"got '{value}'" in said, said
        assert "did you mean" not in said, said


def test_a_mistyped_degree_is_still_offered(cli, write) -> None:
    said = messages(
        check(cli, write, docs(SUPPLIER.replace("{value}", "medium_complexty")), ["SCH-01"]),
        "SCH-01",
    )
    assert "did you mean 'medium_complexity'?" in said, said
