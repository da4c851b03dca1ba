"""The change since a previous report (``resilint report --previous FILE``).

FILE is either an earlier HTML report, whose embedded data block (``<script
type="application/json" id="resilint-report-data">``) records every finding's fingerprint, level
and whether it was suppressed, or the output of ``resilint check --format json``, which records
the same. Findings are matched by fingerprint (rule, document and field, never the line), as the
baseline matches them, so an edit that moves a finding does not count as a change.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint.errors import UsageError
from resilint.findings import Finding
from resilint.reporters.base import printable
from resilint.userfiles import read_input

DATA_ID = "resilint-report-data"
FORMAT = "resilint-report"
FORMAT_VERSION = 1
MAX_BYTES = 256 * 1024 * 1024
PREFIX = 16
"""Hex digits of a fingerprint that identify a finding here (64 bits)."""
LEVELS = ("error", "warning", "info")
_BLOCK = re.compile(
    r'<script type="application/json" id="' + DATA_ID + r'">(.*?)</script>', re.DOTALL
)


@dataclass(frozen=True)
class Snapshot:
    """The findings that counted in a report or check: fingerprint (its first 16 hex digits)
    -> level."""

    active: dict[str, str]
    as_of: str | None
    source: str
    """``report`` or ``check --format json``."""


@dataclass(frozen=True)
class Change:
    previous: Snapshot
    new: tuple[Finding, ...]
    resolved: int
    delta: dict[str, int]
    """By level: now minus then."""


def embedded(findings: Iterable[Finding], as_of: str, version: str) -> dict[str, Any]:
    """The data block a report carries, for the next report's ``--previous``: each finding's
    fingerprint by level, or among the suppressed. Compact, since a report may hold thousands:
    the first 16 hex digits (64 bits, as the rows' anchors) tell findings apart."""
    active: dict[str, list[str]] = {level: [] for level in LEVELS}
    suppressed = []
    for f in findings:
        key = f.fingerprint[:PREFIX]
        if f.suppression is None:
            active[f.level.label].append(key)
        else:
            suppressed.append(key)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "tool": {"name": "resilint", "version": version},
        "as_of": as_of,
        "active": active,
        "suppressed": suppressed,
    }


def read_previous(path: Path) -> Snapshot:
    raw = read_input(path, "earlier report", MAX_BYTES)
    text = raw.decode("utf-8", "replace")
    block = _BLOCK.search(text)
    try:
        data = json.loads(block.group(1) if block else text)
    except (ValueError, RecursionError):
        data = None
    snapshot = _snapshot(data, "report" if block else "check --format json")
    if snapshot is None:
        raise UsageError(
            f"--previous: {printable(str(path))} is neither a resilint report nor the output of "
            "`resilint check --format json`"
        )
    return snapshot


def _snapshot(data: Any, source: str) -> Snapshot | None:
    if not isinstance(data, dict):
        return None
    as_of = data.get("as_of") if isinstance(data.get("as_of"), str) else None
    if source == "report":
        return _from_report(data, as_of)
    if not isinstance(data.get("findings"), list):
        return None
    active = {}
    for item in data["findings"]:
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            return None
        if not item.get("suppressed"):
            active[item["fingerprint"][:PREFIX]] = str(item.get("level", ""))
    return Snapshot(active, as_of, source)


def _from_report(data: dict[str, Any], as_of: str | None) -> Snapshot | None:
    levels = data.get("active")
    if data.get("format") != FORMAT or not isinstance(levels, dict):
        return None
    active = {}
    for level, keys in levels.items():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return None
        active.update(dict.fromkeys(keys, str(level)))
    return Snapshot(active, as_of, "report")


def compare(previous: Snapshot, findings: Iterable[Finding]) -> Change:
    now = [f for f in findings if f.suppression is None]
    current = {f.fingerprint[:PREFIX] for f in now}
    new = tuple(f for f in now if f.fingerprint[:PREFIX] not in previous.active)
    resolved = sum(1 for fp in previous.active if fp not in current)
    then = Counter(previous.active.values())
    counts = Counter(f.level.label for f in now)
    delta = {level: counts[level] - then[level] for level in ("error", "warning", "info")}
    return Change(previous, new, resolved, delta)
