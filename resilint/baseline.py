"""The baseline of a legacy repository: findings keyed by content (rule, document kind and id,
JSON path), never by line, so unrelated edits leave it valid. Fixed entries are reported so the
file can shrink: a ratchet."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from resilint.errors import ConfigError, UsageError
from resilint.findings import Finding, format_json_path
from resilint.limits import MAX_RECORDED_FINDINGS, json_values_at_most
from resilint.userfiles import read_json, write_output

FORMAT_VERSION = 1
DEFAULT_NAME = ".resilint-baseline.json"
MAX_BYTES = 32 * 1024 * 1024
"""MAX_RECORDED_FINDINGS entries of 640 bytes (the benchmark's baseline averages 614)."""
_VALUES_PER_ENTRY = 40
"""JSON values and keys an entry may hold, by the count that bounds them before parsing: the
benchmark's entries hold 18 on average and 21 at most (a message's commas and colons
count too)."""


def write_baseline(
    path: Path, findings: Iterable[Finding], version: str, repository: Path | None = None
) -> int:
    entries = sorted(
        (_entry(f) for f in findings if f.suppression is None),
        key=lambda e: (e["path"], e["code"], e["fingerprint"]),
    )
    document = {
        "version": FORMAT_VERSION,
        "generated_by": f"resilint {version}",
        "findings": entries,
    }
    data = (json.dumps(document, indent=2, ensure_ascii=True) + "\n").encode("ascii")
    if (
        len(entries) > MAX_RECORDED_FINDINGS
        or len(data) > MAX_BYTES
        or json_values_at_most(data) > MAX_RECORDED_FINDINGS * _VALUES_PER_ENTRY
    ):  # a file read_baseline would refuse: every later check would stop on it
        raise UsageError(
            f"the baseline would record {len(entries):,} findings in "
            f"{len(data) / 1024 / 1024:.1f} MiB, more than a baseline may hold "
            f"({MAX_RECORDED_FINDINGS:,} findings, {MAX_BYTES // 1024 // 1024} MiB); nothing was "
            "written: fix findings, or switch off rules you do not adopt yet (ignore, "
            "per_file_ignores), then record the rest"
        )
    write_output(path, data, repository)
    return len(entries)


def _entry(f: Finding) -> dict[str, Any]:
    return {
        "fingerprint": f.fingerprint,
        "code": f.code,
        "kind": f.kind,
        "id": f.doc_id,
        "json_path": format_json_path(f.json_path),
        "path": f.path,
        "message": f.message,
    }


def read_baseline(path: Path) -> list[dict[str, Any]]:
    """The entries of a baseline file; refused (exit status 2) when it is not one, or holds
    more than ``MAX_RECORDED_FINDINGS`` findings, or more bytes or JSON values than so many need."""
    document = read_json(path, "baseline", MAX_BYTES, MAX_RECORDED_FINDINGS * _VALUES_PER_ENTRY)
    entries = document.get("findings") if isinstance(document, dict) else None
    if isinstance(entries, list) and len(entries) > MAX_RECORDED_FINDINGS:
        raise ConfigError(
            f"the baseline records {len(entries):,} findings, more than the "
            f"{MAX_RECORDED_FINDINGS:,} a baseline may hold; fix findings rather than record them",
            str(path),
        )
    if (
        not isinstance(document, dict)
        or document.get("version") != FORMAT_VERSION
        or not isinstance(entries, list)
        or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries)
    ):
        raise ConfigError(
            "not a resilint baseline file (version 1); write one with `resilint baseline`",
            str(path),
        )
    return entries
