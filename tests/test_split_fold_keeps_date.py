"""A finding that folds a missing section (CTR-08: the whole remedies section missing) ends with
the date its rule judged as of; a waiver narrowed to one of its fields splits it, and both
parts, the waived one and the one left, keep that " (as of ...)" note: the part left lost it,
so a reader could not tell which day its gap was judged on (through the CLI)."""

from __future__ import annotations

from one_file import AS_OF, check, doc, repo

WAIVER = doc(
    "Waiver",
    "hyperion-indemnity",
    "rule: CTR-08\n"
    "targets:\n  - {kind: Contract, id: ctr-hyperion, field: remedies.security_indemnity}\n"
    "rationale: No security indemnity in the standard terms; the cyber policy meets such a loss.\n"
    "compensating_controls: [cyber insurance]\nrisk_owner: cfo\napprover: ceo\n"
    "approved_on: 2026-11-01\nexpires: 2027-06-01\n",
)


def test_both_parts_of_a_split_missing_section_keep_the_date(cli, write) -> None:
    text = repo(
        doc("Supplier", "hyperion", "tier: 1\nprovides_ict_services: true\n"),
        doc(
            "Contract",
            "ctr-hyperion",
            "supplier: hyperion\nstatus: active\nstart_date: 2025-06-01\nend_date: 2028-05-31\n",
        ),
    )
    [whole] = check(cli, write, text, ["CTR-08"])
    assert "the whole remedies section is missing" in whole["message"]
    assert whole["message"].endswith(f" (as of {AS_OF})")
    found = check(cli, write, repo(text, WAIVER), ["CTR-08"])
    assert sorted(f["suppressed"] for f in found) == [False, True]
    for finding in found:
        assert finding["message"].endswith(f" (as of {AS_OF})"), finding["message"]
        assert finding["message"].count("(as of ") == 1
