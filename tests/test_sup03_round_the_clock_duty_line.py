"""A critical supplier whose compromise reaches nothing of ours (a chemicals or fuel supplier: no
ICT services, no access, none of our confidential data) is asked a contact answering around the
clock, so that we reach it when its supply stops. Its logistics or dispatch duty line, recorded
among its escalation contacts with ``available_24x7: true``, is that contact: SUP-03 does not say
it has none."""

from __future__ import annotations

import json
from pathlib import Path

REPO = """\
apiVersion: resilint/v1
kind: Entity
id: waterco
name: Waterco N.V.
country: NL
regimes: [nis2]
nis2_category: essential
---
apiVersion: resilint/v1
kind: Supplier
id: chem
name: Chem Benelux B.V.
status: active
tier: 1
supports_critical_function: true
provides_ict_services: false
data_sensitivity: internal
personal_data: false
highest_access_level: none
last_assessment: {date: 2026-03-30, type: questionnaire}
contacts:
  account_manager: {name: Account manager, email: am@chem.example}
  escalation:
    - {name: Logistics planner, phone: "+32 3 555 1299", available_24x7: true}
    - {name: Sales director, email: sales-director@chem.example}
"""


def _sup03(cli, repo: Path, text: str) -> list[str]:
    (repo / "programme.yaml").write_text(text, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-07", cwd=repo)
    return [f["message"] for f in json.loads(run.stdout)["findings"] if f["code"] == "SUP-03"]


def test_a_24x7_duty_line_among_the_escalation_contacts_is_enough(cli, tmp_path: Path) -> None:
    assert _sup03(cli, tmp_path, REPO) == []


def test_office_hours_contacts_alone_are_still_reported(cli, tmp_path: Path) -> None:
    office_hours = REPO.replace(", available_24x7: true}", "}")
    (message,) = _sup03(cli, tmp_path, office_hours)
    assert "chem has no contact that answers around the clock" in message
    assert "among its escalation or other contacts" in message
    assert "an email or a portal's url also does" in message  # what reachable_24x7 accepts


def test_a_24x7_mark_without_a_way_to_reach_it_is_not_enough(cli, tmp_path: Path) -> None:
    nameless = REPO.replace('phone: "+32 3 555 1299", ', "")
    assert len(_sup03(cli, tmp_path, nameless)) == 1


def test_an_ict_supplier_still_needs_its_24x7_security_contact(cli, tmp_path: Path) -> None:
    ict = REPO.replace("provides_ict_services: false", "provides_ict_services: true")
    (message,) = _sup03(cli, tmp_path, ict)
    assert "has no 24x7 security contact" in message
