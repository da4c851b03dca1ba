"""The calendar's deadlines and the check's findings of one repository as of a day, through the
CLI: for the tests that hold each calendar date to the day its rule starts to report (the
calendar lists what check will judge, day for day)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any


def deadlines(cli: Any, repo: Path, as_of: str, days: int = 400) -> list[dict[str, Any]]:
    """``resilint calendar`` as JSON: the deadlines of the next ``days`` days."""
    run = cli("calendar", ".", "-f", "json", "--as-of", as_of, "--days", str(days), cwd=repo)
    assert run.exit_code == 0, run.stderr
    found: list[dict[str, Any]] = json.loads(run.stdout)["deadlines"]
    return found


def findings(cli: Any, repo: Path, as_of: str) -> list[dict[str, Any]]:
    """``resilint check`` as JSON, without the cache: every finding."""
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=repo)
    found: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return found


def next_day(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()
