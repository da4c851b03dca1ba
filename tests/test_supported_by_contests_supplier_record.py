"""SUP-01's warning when a critical function names a supplier recorded as not supporting a
critical function, where the function names it under supported_by (a penetration tester linked
to the function it tests, as the DORA register's function key asks): it said the function lists
it among its dependencies and told to take it off depends_on, a field that does not name it.
It now names supported_by, and what it advises settles the warning. Through the CLI."""

from __future__ import annotations

from one_file import doc, line, repo

TESTER = doc(
    "Supplier",
    "redteam",
    "tier: 3\nprovides_ict_services: true\nsupports_critical_function: false\n"
    "services:\n  - {name: pentest, ict_service_type: S04, supports_critical_function: false}\n",
)


def programme(link: str) -> str:
    function = doc(
        "BusinessFunction", "policy-admin", f"criticality: critical\nrto_hours: 8\n{link}"
    )
    return repo(TESTER, function)


def sup_01(cli, write, text: str) -> list[dict]:
    write("resilint.yaml", "profiles: []\nselect: [SUP-01]\n")
    write("programme/repo.yaml", text)
    found = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", "2026-12-07")
    return found.json()["findings"]


def test_a_supplier_named_under_supported_by_is_told_about_supported_by(cli, write) -> None:
    text = programme("supported_by: {suppliers: [redteam]}\n")
    (finding,) = sup_01(cli, write, text)
    said = finding["message"]
    assert finding["level"] == "warning"
    assert finding["line"] == line(text, "supports_critical_function: false")
    assert "list it among what supports them (supported_by) (policy-admin)" in said
    assert "if it supports their critical or important work, set" in said
    assert "under supported_by.services) or take it off the function's supported_by" in said
    assert "depends_on" not in said and "needs it to run" not in said


def test_naming_its_service_recorded_as_not_supporting_one_settles_it(cli, write) -> None:
    named = "supported_by: {services: [{supplier: redteam, service: pentest}]}\n"
    assert sup_01(cli, write, programme(named)) == []


def test_a_supplier_named_under_depends_on_is_still_told_about_depends_on(cli, write) -> None:
    (finding,) = sup_01(cli, write, programme("depends_on: {suppliers: [redteam]}\n"))
    said = finding["message"]
    assert "list it among their dependencies (policy-admin)" in said
    assert "if a function needs it to run, set supports_critical_function: true" in said
    assert "take it off the function's depends_on" in said
    assert "supported_by" not in said
