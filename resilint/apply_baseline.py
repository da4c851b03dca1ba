"""The baseline applied to the findings: each entry accepts the finding whose fingerprint and
labels it holds; BSL-01 for an entry whose finding is gone (fixed, changed, or perhaps hidden
by a schema error) and BSL-02 for one that names a finding no baseline keeps or says another
finding than its fingerprint's, each at its place in the baseline file, the first
:data:`FIXED_SHOWN` one by one. For :mod:`resilint.suppress`."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from resilint.core_checks import CORE_CHECKS, core_finding
from resilint.findings import Finding, JsonPath, Suppression, format_json_path
from resilint.suppressible import _suppressible


def _baseline(
    findings: list[Finding],
    entries: tuple[dict[str, Any], ...],
    path: str,
    known: frozenset[str] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """A finding is accepted by an entry with its fingerprint whose labels (code, kind, id,
    field) agree with it. The fingerprint is an unkeyed hash anyone can compute, and what a
    reviewer reads is the labels: an entry that says one thing and hashes to another suppresses
    nothing and is reported."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for n, entry in enumerate(entries):
        waiting[entry["fingerprint"]].append(n)
    first: dict[str, Finding] = {}
    results = []
    for finding in findings:
        fingerprint = finding.fingerprint
        first.setdefault(fingerprint, finding)
        candidates = waiting.get(fingerprint, []) if _suppressible(finding) else []
        taken = next((n for n in candidates if _agrees(entries[n], finding)), None)
        if taken is not None:
            candidates.remove(taken)
            finding = dataclasses.replace(
                finding, suppression=Suppression("baseline", "accepted in the baseline", path)
            )
        results.append(finding)
    left = sorted(n for ns in waiting.values() for n in ns)
    never = [n for n in left if _never_kept(entries[n], first)]
    misread = [n for n in left if n not in never and _is_misread(entries[n], first)]
    gone = [n for n in left if n not in never and not _is_misread(entries[n], first)]
    at = _EntryPlaces(path)
    found = _misread(misread, entries, first, at) + _never(never, entries, first, at)
    now = _changed_findings(gone, entries, results)
    fixed = [n for n in gone if n not in now]
    changed = [n for n in gone if n in now]
    standing = _schema_errors(results)
    return results, found + _fixed(fixed, entries, at, standing, known) + _changed(
        changed, entries, now, at
    )


def _schema_errors(results: list[Finding]) -> list[Finding]:
    """The schema errors (SCH-01) that stand: while one does, the rules read that field as
    missing (a tier of ``"1"`` is no tier 1), so other documents' findings may be gone for
    that alone."""
    return [f for f in results if f.code == "SCH-01" and f.suppression is None]


def _changed_findings(
    gone: list[int], entries: tuple[dict[str, Any], ...], results: list[Finding]
) -> dict[int, Finding]:
    """For each entry whose finding is gone, the finding of the same rule on the same document
    and section that stands unaccepted in its place, if any: the finding changed (a gap more or
    less, which the rule folds into one finding with another fingerprint), it is not fixed."""
    standing: dict[tuple[Any, Any, Any], list[Finding]] = defaultdict(list)
    for finding in results:
        if finding.suppression is None and finding.doc_id is not None:
            standing[(finding.code, finding.kind, finding.doc_id)].append(finding)
    found: dict[int, Finding] = {}
    for n in gone:
        entry = entries[n]
        if entry.get("id") is None:
            continue
        section = _section(str(entry.get("json_path") or ""))
        for finding in standing.get((entry.get("code"), entry.get("kind"), entry.get("id")), ()):
            if any(_section(format_json_path(p)) == section for p in _gaps(finding)):
                found[n] = finding
                break
    return found


def _gaps(finding: Finding) -> list[JsonPath]:
    return [part.json_path for part in finding.parts] or [finding.json_path]


def _section(json_path: str) -> str:
    """The top-level field a formatted JSON path starts with (``remedies`` of
    ``remedies.step_in_rights``)."""
    return json_path.split(".", 1)[0].split("[", 1)[0]


def _changed(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    now: dict[int, Finding],
    at: _EntryPlaces,
) -> list[Finding]:
    """BSL-01 for each entry whose finding changed: it says so, and where the finding is."""

    def each(n: int) -> str:
        entry, finding = entries[n], now[n]
        gaps = [format_json_path(path) for path in _gaps(finding)]
        listed = ", ".join(gaps[:5]) + (f" and {len(gaps) - 5} more" if len(gaps) > 5 else "")
        field = f" at field {entry.get('json_path')}" if entry.get("json_path") else ""
        return (
            f"changed: {entry.get('code')} on {entry.get('kind')} {entry.get('id')}, which this "
            f"entry accepts as recorded{field}, now reports {len(gaps)} "
            f"gap{'' if len(gaps) == 1 else 's'} ({listed}) at {finding.path}:{finding.line}, "
            "a finding the baseline does not accept; fix it, or run `resilint baseline` to "
            "accept it as it now stands"
        )

    def rest(more: int) -> str:
        return (
            f"changed: {more} more baseline entries accept findings that changed since (the "
            f"first {FIXED_SHOWN} are listed one by one); run `resilint baseline` to accept them "
            "as they now stand"
        )

    return _each_then_counted("BSL-01", numbers, at, each, rest)


def _never_kept(entry: dict[str, Any], first: dict[str, Finding]) -> bool:
    """Whether the entry's finding is there, of a check no baseline may accept (a file that
    cannot be read, a document of an unknown kind): it is not gone, and it still counts."""
    finding = first.get(entry["fingerprint"])
    check = CORE_CHECKS.get(finding.code) if finding is not None else None
    return check is not None and not check.kept


def _never(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    first: dict[str, Finding],
    at: _EntryPlaces,
) -> list[Finding]:
    """BSL-02 for each entry naming a finding that is there but never kept in a baseline: never
    told "fixed" while the finding still fails the run."""

    def each(n: int) -> str:
        finding = first[entries[n]["fingerprint"]]
        return (
            f"baseline entry {n + 1} names {_described(_labels(finding))} ({finding.path}:"
            f"{finding.line}), a finding no baseline keeps, since nothing in that file or "
            "document is checked while it stands: it suppresses nothing; fix the file, then "
            "delete the entry"
        )

    def rest(more: int) -> str:
        return (
            f"{more} more baseline entries name findings no baseline keeps (the first "
            f"{FIXED_SHOWN} are listed one by one); they suppress nothing"
        )

    return _each_then_counted("BSL-02", numbers, at, each, rest)


_LABELS = ("code", "kind", "id", "json_path")
"""What an entry says of its finding, compared when recorded. Not the file: documents move,
and the fingerprint names the file itself when the finding is on no document. Not the
message: its wording changes between versions."""


def _labels(finding: Finding) -> dict[str, str | None]:
    return {
        "code": finding.code,
        "kind": finding.kind,
        "id": finding.doc_id,
        "json_path": format_json_path(finding.json_path),
    }


def _agrees(entry: dict[str, Any], finding: Finding) -> bool:
    labels = _labels(finding)
    return all(entry[label] == labels[label] for label in _LABELS if label in entry)


def _is_misread(entry: dict[str, Any], first: dict[str, Finding]) -> bool:
    finding = first.get(entry["fingerprint"])
    return finding is not None and not _agrees(entry, finding)


def _misread(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    first: dict[str, Finding],
    at: _EntryPlaces,
) -> list[Finding]:
    """BSL-02 for each entry whose labels are not those of the finding its fingerprint names."""

    def each(n: int) -> str:
        entry = entries[n]
        finding = first[entry["fingerprint"]]
        labels = _labels(finding)
        differs = "; ".join(  # label by label: an empty one or one cut short is seen too
            f"{label} {_shown_label(entry[label])}, not {_shown_label(labels[label])}"
            for label in _LABELS
            if label in entry and entry[label] != labels[label]
        )
        return (
            f"baseline entry {n + 1} says {_described(entry)} ({differs}), but its fingerprint "
            f"is that of {_described(labels)} ({finding.path}:{finding.line}): it suppresses "
            "nothing, since an entry must say what it accepts; run `resilint baseline` to "
            "record the finding under its own name, or delete the entry"
        )

    def rest(more: int) -> str:
        return (
            f"{more} more baseline entries say another finding than their fingerprint's (the "
            f"first {FIXED_SHOWN} are listed one by one); they suppress nothing"
        )

    return _each_then_counted("BSL-02", numbers, at, each, rest)


def _shown_label(value: Any) -> str:
    """A label's value for a message: quoted and cut short; an empty one or none said so."""
    if value in (None, ""):
        return "empty"
    text = str(value)
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _described(labels: dict[str, Any]) -> str:
    """``CTR-08 on Contract ctr-acme, field remedies.step_in_rights``, each label cut short."""
    code, kind, doc_id, field = (str(labels.get(k) or "")[:80] for k in _LABELS)
    subject = f"{kind} {doc_id}".strip() or "a file"
    return f"{code or 'a finding'} on {subject}" + (f", field {field}" if field else "")


class _EntryPlaces:
    """Where each entry of the baseline file begins (line, column), for the findings about
    entries: the file is read again, bounded as when it was read, the first time one is placed
    (a run without such a finding never reads it twice). 1:1 where it cannot be read again."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._found: dict[int, tuple[int, int]] | None = None

    def __call__(self, number: int) -> tuple[int, int]:
        if self._found is None:
            self._found = _entries_at(self.path)
        return self._found.get(number, (1, 1))


def _entries_at(path: str) -> dict[int, tuple[int, int]]:
    import codecs

    from resilint.baseline import MAX_BYTES
    from resilint.load.positions import Lines
    from resilint.load.read import read_regular
    from resilint.strictjson import places

    data = read_regular(path, MAX_BYTES)
    if not isinstance(data, bytes):
        return {}
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        lines = Lines(text)
        return {
            where[1]: lines.position(offset)
            for where, offset in places(text)
            if len(where) == 2 and where[0] == "findings" and isinstance(where[1], int)
        }
    except ValueError:  # changed since it was read (no longer UTF-8 or JSON): at its start
        return {}


FIXED_SHOWN = 100
"""Baseline entries whose finding is gone reported one by one; the rest are counted in one
finding, so a stale baseline of any size gives a bounded report."""


def _fixed(
    gone: list[int],
    entries: tuple[dict[str, Any], ...],
    at: _EntryPlaces,
    schema_errors: Sequence[Finding] = (),
    known: frozenset[str] | None = None,
) -> list[Finding]:
    """BSL-01 for each entry whose finding is gone: fixed, or, while schema errors stand, gone
    perhaps only because a rule cannot read a mistyped field (not to be dropped yet); an entry
    of a code that is none of the ``known`` rules' is not fixed but of a rule no longer run."""
    shrink = "run `resilint baseline` to shrink the baseline"
    if schema_errors:  # a file's name may hold braces: the words are joined, never formatted
        first, count = schema_errors[0], len(schema_errors)
        errors, field, them = (
            (f"{count} schema errors stand (the first at", "fields", "them")
            if count > 1
            else ("a schema error stands (at", "field", "it")
        )
        but = (
            f", but while {errors} {first.path}:{first.line}) the rules do not read the mistyped "
            f"{field}, which may be why: fix {them} first, then, if it is still gone, " + shrink
        )
    else:
        but = ""

    upgraded = (
        " (or a rule changed with an upgrade no longer reports it: the entry accepts nothing)"
    )

    def said(what: str, listed: str = "") -> str:
        if but:
            return f"{what} gone{listed}{but}"
        return f"fixed: {what} gone{listed}{upgraded}; {shrink}"

    def each(n: int) -> str:
        entry = entries[n]
        subject = f"{entry.get('kind')} {entry.get('id')}" if entry.get("id") else entry.get("path")
        code = entry.get("code")
        if known is not None and code not in known:  # not fixed: nothing reports it any more
            return (
                f"{code} on {subject}: {code} is not a rule of this run (removed or renamed by "
                "an upgrade, or its rule file is no longer loaded), so this entry accepts "
                "nothing; run `resilint baseline` to drop it"
            )
        return said(f"{code} on {subject} is")

    def rest(more: int) -> str:
        listed = f" (the first {FIXED_SHOWN} are listed one by one)"
        return said(f"{more} more baseline entries are", listed)

    return _each_then_counted("BSL-01", gone, at, each, rest)


def _each_then_counted(
    code: str,
    numbers: list[int],
    at: _EntryPlaces,
    each: Callable[[int], str],
    rest: Callable[[int], str],
) -> list[Finding]:
    """A finding for each of the first :data:`FIXED_SHOWN` entries, at its place in the
    baseline, and one counting the rest, at the first of them: a baseline of any size gives a
    bounded report."""
    found = [core_finding(code, each(n), at.path, *at(n)) for n in numbers[:FIXED_SHOWN]]
    if len(numbers) > FIXED_SHOWN:
        more = len(numbers) - FIXED_SHOWN
        found.append(core_finding(code, rest(more), at.path, *at(numbers[FIXED_SHOWN])))
    return found
