"""BCM-04 asks the incident notice to the insurer once per critical function, as it asks the
regulator's report: the insurer is told of the incident once, whichever of the function's plans
is running, so a supplier-outage plan is not asked its own notice where the function's incident
response plan carries one; where no plan of the function carries it, the gap is the function's,
said once, at its first plan in file order.
Through the CLI on the New York insurer's programme (tests/data/programmes/insurer-ny), whose
policy administration has a BCP without an insurer notice and an incident response plan with
one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.programmes import copy_programme

NOTICE = (
    '  insurer: {reference: "https://bcm.tappanbay.example/templates/insurer-notice.md", '
    "recipients: [cyberclaims@harrowgate.example, claims@pinecrest.example], approver: ciso, "
    "last_reviewed: 2026-05-12}\n"
)


def _bcm04(cli: Any, root: Path) -> dict[int, str]:
    result = cli("check", "functions/policy-administration.yaml", "--format", "json", cwd=root)
    return {
        f["line"]: f["message"]
        for f in result.json()["findings"]
        if f["code"] == "BCM-04" and not f["suppressed"]
    }


def test_one_insurer_notice_in_any_plan_of_the_function_is_enough(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("insurer-ny", tmp_path)
    assert _bcm04(cli, root) == {}


def test_without_one_in_any_plan_the_first_plan_is_asked_once(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("insurer-ny", tmp_path)
    path = root / "functions" / "policy-administration.yaml"
    text = path.read_text(encoding="utf-8")
    assert NOTICE in text
    path.write_text(text.replace(NOTICE, ""), encoding="utf-8")
    found = _bcm04(cli, root)
    asked = (
        "has no incident notice prepared for the insurer, nor has any other plan of the "
        "function: record where it is kept (comms_templates.insurer.reference)"
    )
    (message,) = [m for m in found.values() if asked in m]
    assert message.split()[2] == "bcp-policy-admin"  # the function's first plan in the file
    assert sum(asked in m for m in found.values()) == 1, found
