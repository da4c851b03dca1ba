"""The baseline of a legacy repository: findings keyed by content (rule, document kind and id,
JSON path), never by line, so unrelated edits leave it valid. Fixed entries are reported so the
file can shrink: a ratchet."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from resilint.errors import UsageError
from resilint.findings import Finding, format_json_path
from resilint.limits import MAX_RECORDED_FINDINGS, json_values_at_most
from resilint.strictjson import JsonPath
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
    path: Path,
    findings: Iterable[Finding],
    version: str,
    repository: Path | None = None,
    kept: Sequence[dict[str, Any]] = (),
) -> int:
    """Write the baseline of ``findings`` not suppressed, with the entries ``kept`` from the
    baseline it replaces (:func:`resilint.rebaseline.rewrite`) as they were."""
    entries = sorted(
        [*(_entry(f) for f in findings if f.suppression is None), *kept],
        key=lambda e: (str(e.get("path")), str(e.get("code")), str(e.get("fingerprint"))),
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
    write_output(path, data, repository, replaces="baseline")  # the one it read, if any
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
    """The entries of a baseline file; refused (exit status 2), at the line of what is wrong,
    when it is not one (a key given twice, a value of the wrong type), or holds more than
    ``MAX_RECORDED_FINDINGS`` findings, or more bytes or JSON values than so many need."""
    document = read_json(
        path, "baseline", MAX_BYTES, MAX_RECORDED_FINDINGS * _VALUES_PER_ENTRY, _problem
    )
    entries: list[dict[str, Any]] = document["findings"]
    return entries


_TEXTS = {"code": False, "kind": True, "id": True, "json_path": False, "path": False}
"""The labels an entry may carry that must be text, and whether each may be null (a finding
on a file, not a document, has no kind or id). The message is shown, never compared."""


def _problem(document: Any) -> tuple[JsonPath, str] | None:
    """What makes ``document`` not a baseline of this version, and where; None when it is."""
    if not isinstance(document, dict):
        return (), _not_baseline(f"it holds {_json_type(document)}, not an object")
    version = document.get("version")
    if type(version) is not int or version != FORMAT_VERSION:  # true == 1 in Python
        where: JsonPath = ("version",) if "version" in document else ()
        return where, _not_baseline(f"its version is {_said(document, 'version')}")
    entries = document.get("findings")
    if not isinstance(entries, list):
        where = ("findings",) if "findings" in document else ()
        return where, _not_baseline(f"its findings are {_said(document, 'findings')}, not a list")
    if len(entries) > MAX_RECORDED_FINDINGS:
        return ("findings",), (
            f"the baseline records {len(entries):,} findings, more than the "
            f"{MAX_RECORDED_FINDINGS:,} a baseline may hold; fix findings rather than record them"
        )
    return next(filter(None, (_entry_problem(n, e) for n, e in enumerate(entries))), None)


def _entry_problem(n: int, entry: Any) -> tuple[JsonPath, str] | None:
    if not isinstance(entry, dict):
        return ("findings", n), _not_baseline(f"finding {n + 1} is {_json_type(entry)}")
    if not isinstance(entry.get("fingerprint"), str):
        where: JsonPath = ("findings", n, "fingerprint") if "fingerprint" in entry else ()
        said = _said(entry, "fingerprint")
        return where or ("findings", n), _not_baseline(f"finding {n + 1}'s fingerprint is {said}")
    for label, nullable in _TEXTS.items():
        value = entry.get(label)
        if label in entry and not isinstance(value, str) and not (nullable and value is None):
            text = "text or null" if nullable else "text"
            return ("findings", n, label), _not_baseline(
                f"finding {n + 1}'s {label} is {_said(entry, label)}, not {text}"
            )
    return None


def _not_baseline(why: str) -> str:
    return (
        f"not a resilint baseline file (version {FORMAT_VERSION}): {why}; write one with "
        "`resilint baseline`"
    )


def _said(mapping: dict[str, Any], key: str) -> str:
    """The value of ``key`` as the file writes it (cut short), or "missing"."""
    return json.dumps(mapping[key])[:40] if key in mapping else "missing"


def _json_type(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return json.dumps(value)[:40]
