"""An insurance condition with a window for critical patches ("applied within 14 days",
``patch_within_days``) is met only by patching controls that record one no longer: the category
and coverage alone showed it met. Through the CLI on real YAML."""

from __future__ import annotations

from one_file import check, doc, repo


def control(cid: str, category: str, scope: str, extra: str = "") -> str:
    return doc(
        "Control", cid, f"category: {category}\nstatus: implemented\nscope: [{scope}]\n{extra}"
    )


PATCH_POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "conditions:\n"
    "  - id: patching\n"
    "    statement: Critical security patches are applied within 14 days.\n"
    "    control_categories: [patching]\n"
    "    scope: [servers]\n"
    "    patch_within_days: 14\n",
)


def test_a_patching_condition_with_a_window_asks_the_controls_window(cli, write) -> None:
    slow = control("patching", "patching", "servers", "patch_within_days: 30\n")
    (finding,) = check(cli, write, repo(PATCH_POLICY, slow), ["INS-01"])
    assert (
        "applies critical patches within 30 days, over the 14 days required" in (finding["message"])
    )
    unsaid = control("patching", "patching", "servers")
    (finding,) = check(cli, write, repo(PATCH_POLICY, unsaid), ["INS-01"])
    assert "states no patch_within_days (the condition allows 14)" in finding["message"]
    quick = control("patching", "patching", "servers", "patch_within_days: 7\n")
    assert check(cli, write, repo(PATCH_POLICY, quick), ["INS-01"]) == []
