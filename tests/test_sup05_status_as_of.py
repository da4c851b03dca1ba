"""SUP-05 checked as of an earlier date (a register's reference date): a contract recorded as
ended since counts as in force where its dates show it ran on that date; a supplier's status,
which carries no date, is read as recorded, and the finding says so where the supplier's only
contract starts later."""

from __future__ import annotations

import json
from pathlib import Path

REPO = """\
apiVersion: resilint/v1
kind: Entity
id: acme
name: ACME GmbH
country: DE
---
apiVersion: resilint/v1
kind: Supplier
id: cloudco
status: active
tier: 1
---
apiVersion: resilint/v1
kind: Contract
id: ctr-cloudco-2023
supplier: cloudco
status: ended
entities: [acme]
start_date: 2023-01-01
end_date: 2025-12-31
---
apiVersion: resilint/v1
kind: Contract
id: ctr-cloudco-2026
supplier: cloudco
status: active
entities: [acme]
start_date: 2026-01-01
end_date: 2028-12-31
"""


def _sup05(cli, repo: Path, text: str, as_of: str) -> list[str]:
    (repo / "repo.yaml").write_text(text, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=repo)
    return [f["message"] for f in json.loads(run.stdout)["findings"] if f["code"] == "SUP-05"]


def test_a_contract_ended_since_was_in_force_on_the_date_checked(cli, tmp_path: Path) -> None:
    assert _sup05(cli, tmp_path, REPO, "2025-06-30") == []
    assert _sup05(cli, tmp_path, REPO, "2026-06-30") == []
    terminated = REPO.replace("status: ended", "status: terminated")
    # terminated: its end_date was not its last day; its termination_date is
    assert _sup05(cli, tmp_path, terminated, "2025-06-30") != []
    dated = terminated.replace(
        "end_date: 2025-12-31", "end_date: 2027-12-31\ntermination_date: 2025-12-31"
    )
    assert _sup05(cli, tmp_path, dated, "2025-06-30") == []
    assert _sup05(cli, tmp_path, dated, "2023-01-01") == []


def test_a_gap_before_the_first_contract_says_the_status_is_read_as_recorded(
    cli, tmp_path: Path
) -> None:
    gap = REPO.replace("end_date: 2025-12-31", "end_date: 2025-05-31")
    (message,) = _sup05(cli, tmp_path, gap, "2025-06-30")
    assert "Its contract ctr-cloudco-2026 starts only on 2026-01-01" in message
    assert "its status, active, is read as it stands, which gives no date" in message
    assert "if it was not yet engaged on 2025-06-30, the date checked" in message
