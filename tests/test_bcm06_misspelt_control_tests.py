"""BCM-06 on a function whose only backup names it misspelt (REF-01 names the function meant):
the copy counts, and the stale test's finding says which control's test it is, with the name as
the control writes it and that no function has it, where it showed an empty parenthesis."""

from __future__ import annotations

from one_file import check, doc, repo

CONTROL = (
    "category: backup_immutable\nstatus: implemented\nfunctions: [order-procesing]\n"
    "last_restore_test: {date: 2025-06-05, result: pass}\n"
)


def test_the_stale_test_of_a_control_naming_the_function_misspelt_is_said(cli, write) -> None:
    function = doc("BusinessFunction", "order-processing", "criticality: critical\n")
    text = repo(function, doc("Control", "immutable-backups", CONTROL))
    (finding,) = check(cli, write, text, ["BCM-06"])
    assert "()" not in finding["message"]
    assert (
        "(control immutable-backups, which lists it as 'order-procesing', a function not found: "
        "last restore test passed on 2025-06-05)" in finding["message"]
    )
