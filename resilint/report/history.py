"""The change since a previous report (``resilint report --previous FILE``).

FILE is either an earlier HTML report, whose embedded data block (``<script
type="application/json" id="resilint-report-data">``) records every finding's fingerprint, level
and whether it was suppressed, and the rule of each that counted, or the output of ``resilint
check --format json``, which records the same. Findings are matched by fingerprint (rule,
document and field, never the line), as the baseline matches them, so an edit that moves a
finding does not count as a change; the resolved ones are counted by rule where the earlier
run recorded their rules (a report written before it recorded them: counted only).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resilint import strictjson
from resilint.codes import CODE
from resilint.errors import UsageError
from resilint.findings import Finding
from resilint.limits import MAX_RECORDED_FINDINGS, json_values_at_most
from resilint.load.positions import Lines
from resilint.reporters.base import printable
from resilint.reporters.json import SCHEMA_VERSION as CHECK_VERSION
from resilint.strictjson import DuplicateKey
from resilint.userfiles import read_input, refused_at, twice

DATA_ID = "resilint-report-data"
FORMAT = "resilint-report"
FORMAT_VERSION = 1
MAX_BYTES = 64 * 1024 * 1024
"""MAX_RECORDED_FINDINGS findings at 1.3 KB each: an HTML report of the benchmark repository
takes 1,055 bytes a finding with everything else it shows, `check --format json` 878."""
_VALUES_PER_FINDING = 60
"""JSON values and keys a finding of `check --format json` may hold, by the count that bounds
them before parsing (39 on average in the benchmark's); a report's data block holds one."""
PREFIX = 16
"""Hex digits of a fingerprint that identify a finding here (64 bits)."""
LEVELS = ("error", "warning", "info")
_OPEN = f'<script type="application/json" id="{DATA_ID}">'.encode()
_CLOSE = b"</script>"


@dataclass(frozen=True)
class Snapshot:
    """The findings that counted in a report or check: fingerprint (its first 16 hex digits)
    -> level."""

    active: dict[str, str]
    as_of: str | None
    source: str
    """``report`` or ``check --format json``."""
    rules: dict[str, str] = field(default_factory=dict)
    """Fingerprint -> rule code, of the active findings whose rule the earlier run recorded."""


@dataclass(frozen=True)
class Change:
    """How a finding count moved between the previous report and this one."""

    previous: Snapshot
    new: tuple[Finding, ...]
    resolved: int
    delta: dict[str, int]
    """By level: now minus then."""
    resolved_rules: dict[str, int] = field(default_factory=dict)
    """The resolved findings by rule code, most first (those whose rule was recorded)."""


def embedded(findings: Iterable[Finding], as_of: str, version: str) -> dict[str, Any]:
    """The data block a report carries, for the next report's ``--previous``: each finding's
    fingerprint by level, or among the suppressed. Compact, since a report may hold thousands:
    the first 16 hex digits (64 bits, as the rows' anchors) tell findings apart."""
    active: dict[str, list[str]] = {level: [] for level in LEVELS}
    rules: dict[str, list[str]] = {}
    suppressed = []
    for f in findings:
        key = f.fingerprint[:PREFIX]
        if f.suppression is None:
            active[f.level.label].append(key)
            rules.setdefault(f.code, []).append(key)
        else:
            suppressed.append(key)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "tool": {"name": "resilint", "version": version},
        "as_of": as_of,
        "active": active,
        "suppressed": suppressed,
        "rules": rules,
    }


def read_previous(path: Path) -> Snapshot:
    """The findings an earlier report or check recorded; refused (exit status 2) when the
    file is neither, or records more than MAX_RECORDED_FINDINGS findings: its JSON values are
    bounded before it is parsed, and only the data block of a report is parsed."""
    raw = read_input(path, "earlier report", MAX_BYTES)
    start, end = _data_block(raw)
    values = MAX_RECORDED_FINDINGS * _VALUES_PER_FINDING
    if json_values_at_most(raw, start, end) > values:
        raise _too_many(path, f"holds more than {values:,} JSON values")
    text = raw[start:end].decode("utf-8", "replace")
    before = raw[:start].decode("utf-8", "replace")  # placed in the whole file, HTML and all
    lines = Lines(before + text)
    try:
        data = strictjson.loads(text.removeprefix("\ufeff"))
    except DuplicateKey as duplicate:
        shift = len(before) + (1 if text.startswith("\ufeff") else 0)
        moved = DuplicateKey(duplicate.path, duplicate.first + shift, duplicate.second + shift)
        raise twice(path, "earlier report", lines, moved) from None
    except json.JSONDecodeError as exc:  # where it stops being JSON, and why
        at = len(before) + exc.pos + (1 if text.startswith("\ufeff") else 0)
        raise refused_at(path, lines, at, f"{_NEITHER}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:  # no position known: the file's start
        why = "it nests too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise refused_at(path, lines, len(before), f"{_NEITHER}: {why}") from None
    source = "report" if end - start < len(raw) else "check --format json"
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(data, dict) and "version" in data and _other_version(version, source):
        where = strictjson.place(text, ("version",)) + len(before)
        raise refused_at(
            path,
            lines,
            where,
            f"--previous: written in another version of its format ({version!r}; this resilint "
            f"reads version {_VERSIONS[source]}): compare with a report or check output of this "
            "version",
        )
    try:
        snapshot = _snapshot(data, source)
    except _Unwritten as bad:
        where = strictjson.place(text, bad.where) + len(before)
        raise refused_at(path, lines, where, f"{_NEITHER}: {bad.reason}") from None
    if snapshot is None:
        raise refused_at(path, lines, len(before), _NEITHER)
    if len(snapshot.active) > MAX_RECORDED_FINDINGS:
        raise _too_many(path, f"records {len(snapshot.active):,} findings")
    return snapshot


_NEITHER = "--previous: neither a resilint report nor the output of `resilint check --format json`"
_VERSIONS = {"report": FORMAT_VERSION, "check --format json": CHECK_VERSION}
"""The version of each form an earlier run's findings come in that this resilint reads."""


def _other_version(version: object, source: str) -> bool:
    return type(version) is not int or version != _VERSIONS[source]  # true == 1 in Python


def _data_block(raw: bytes) -> tuple[int, int]:
    """Where a report's data block lies in the file; the whole file when it has none (the
    output of `check --format json`)."""
    opening = raw.find(_OPEN)
    closing = raw.find(_CLOSE, opening) if opening >= 0 else -1
    return (opening + len(_OPEN), closing) if closing >= 0 else (0, len(raw))


def _too_many(path: Path, what: str) -> UsageError:
    return UsageError(
        f"--previous: {printable(str(path))} {what}; resilint compares with at most "
        f"{MAX_RECORDED_FINDINGS:,} findings: name a report, or `check --format json` output, "
        "of fewer"
    )


class _Unwritten(Exception):
    """A value resilint never writes in a report or check output, at ``where``."""

    def __init__(self, where: tuple[str | int, ...], reason: str) -> None:
        super().__init__(reason)
        self.where = where
        self.reason = reason


def _snapshot(data: Any, source: str) -> Snapshot | None:
    """The findings recorded, or None for data of neither form. A level other than error,
    warning or info, or a fingerprint that is not hex digits, is refused (_Unwritten): resilint
    writes none, and a made-up one would count its findings as resolved."""
    if not isinstance(data, dict):
        return None
    as_of = data.get("as_of") if isinstance(data.get("as_of"), str) else None
    if source == "report":
        return _from_report(data, as_of)
    if not isinstance(data.get("findings"), list):
        return None
    active, rules = {}, {}
    for index, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            return None
        at: tuple[str | int, ...] = ("findings", index)
        fingerprint = _fingerprint(item["fingerprint"], (*at, "fingerprint"), _FULL)
        if not isinstance(item.get("suppressed", False), bool):
            raise _Unwritten((*at, "suppressed"), "a finding's suppressed is true or false")
        if not item.get("suppressed"):
            active[fingerprint[:PREFIX]] = _level(item.get("level"), (*at, "level"))
            if "code" in item:
                rules[fingerprint[:PREFIX]] = _code(item["code"], (*at, "code"))
    return Snapshot(active, as_of, source, rules)


def _from_report(data: dict[str, Any], as_of: str | None) -> Snapshot | None:
    levels = data.get("active")
    if data.get("format") != FORMAT or not isinstance(levels, dict):
        return None
    active = {}
    for level, keys in levels.items():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return None
        label = _level(level, ("active", level))
        for index, key in enumerate(keys):
            _fingerprint(key, ("active", level, index), PREFIX)
        active.update(dict.fromkeys(keys, label))
    return Snapshot(active, as_of, "report", _rules(data.get("rules", {}), active))


def _rules(recorded: object, active: dict[str, str]) -> dict[str, str]:
    """Fingerprint -> rule code from a report's ``rules`` (code -> fingerprints); a report
    written before it recorded them has none. A code or fingerprint resilint never writes is
    refused, as a made-up one would name a rule nothing resolved."""
    if not isinstance(recorded, dict):
        raise _Unwritten(("rules",), "rules maps rule codes to lists of fingerprints")
    rules = {}
    for code, keys in recorded.items():
        _code(code, ("rules", code))
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise _Unwritten(("rules", code), "rules maps rule codes to lists of fingerprints")
        for index, key in enumerate(keys):
            if _fingerprint(key, ("rules", code, index), PREFIX) not in active:
                raise _Unwritten(("rules", code, index), "a fingerprint no finding counted")
            rules[key] = code
    return rules


def _code(value: object, where: tuple[str | int, ...]) -> str:
    if not isinstance(value, str) or CODE.match(value) is None:
        shown = printable(json.dumps(value, ensure_ascii=False))[:80]
        raise _Unwritten(where, f"rule code {shown} is not a rule's code (such as CTR-08)")
    return value


_FULL = 32
"""Hex digits of a fingerprint in `check --format json` (:attr:`Finding.fingerprint`)."""
_HEX = frozenset("0123456789abcdef")


def _level(value: object, where: tuple[str | int, ...]) -> str:
    if not isinstance(value, str) or value not in LEVELS:
        shown = printable(json.dumps(value, ensure_ascii=False))[:80]
        raise _Unwritten(where, f"level {shown} is none of {', '.join(LEVELS)}")
    return value


def _fingerprint(value: str, where: tuple[str | int, ...], digits: int) -> str:
    if len(value) != digits or not _HEX.issuperset(value):
        shown = printable(json.dumps(value, ensure_ascii=False))[:80]
        raise _Unwritten(where, f"fingerprint {shown} is not {digits} lowercase hex digits")
    return value


def compare(previous: Snapshot, findings: Iterable[Finding]) -> Change:
    now = [f for f in findings if f.suppression is None]
    current = {f.fingerprint[:PREFIX] for f in now}
    new = tuple(f for f in now if f.fingerprint[:PREFIX] not in previous.active)
    gone = [fp for fp in previous.active if fp not in current]
    by_rule = Counter(previous.rules[fp] for fp in gone if fp in previous.rules)
    then = Counter(previous.active.values())
    counts = Counter(f.level.label for f in now)
    delta = {level: counts[level] - then[level] for level in ("error", "warning", "info")}
    ranked = sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))
    return Change(previous, new, len(gone), delta, dict(ranked))
