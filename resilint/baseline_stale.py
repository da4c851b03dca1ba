"""Baseline entries that accept nothing as they stand, each reported at its place in the
baseline file: an entry whose finding is gone (BSL-01, fixed, or gone only while a file cannot
be read), whose finding changed (BSL-01), that repeats another (BSL-01), that names a finding no
baseline keeps or says another finding than its fingerprint's (BSL-02). The first
:data:`FIXED_SHOWN` are reported one by one, the rest counted, so a stale baseline of any size
gives a bounded report (:mod:`.baseline_match` decides which entries are which)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from resilint.core_checks import CORE_CHECKS, core_finding
from resilint.findings import Finding, JsonPath, format_json_path
from resilint.unseen import unseen_note

FIXED_SHOWN = 100
"""Baseline entries whose finding is gone reported one by one; the rest are counted in one
finding, so a stale baseline of any size gives a bounded report."""


class EntryPlaces:
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


def each_then_counted(
    code: str,
    numbers: list[int],
    at: EntryPlaces,
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


def agrees(entry: dict[str, Any], finding: Finding) -> bool:
    labels = _labels(finding)
    return all(entry[label] == labels[label] for label in _LABELS if label in entry)


def is_misread(entry: dict[str, Any], first: dict[str, Finding]) -> bool:
    finding = first.get(entry["fingerprint"])
    return finding is not None and not agrees(entry, finding)


def report_misread(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    first: dict[str, Finding],
    at: EntryPlaces,
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

    return each_then_counted("BSL-02", numbers, at, each, rest)


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


def never_kept(entry: dict[str, Any], first: dict[str, Finding]) -> bool:
    """Whether the entry's finding is there, of a check no baseline may accept (a file that
    cannot be read, a document of an unknown kind): it is not gone, and it still counts."""
    finding = first.get(entry["fingerprint"])
    check = CORE_CHECKS.get(finding.code) if finding is not None else None
    return check is not None and not check.kept


def report_never_kept(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    first: dict[str, Finding],
    at: EntryPlaces,
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

    return each_then_counted("BSL-02", numbers, at, each, rest)


def report_repeated(
    repeated: dict[int, int], entries: tuple[dict[str, Any], ...], at: EntryPlaces
) -> list[Finding]:
    """BSL-01 for each entry that repeats an earlier one: the finding stands and is accepted
    once; the copy accepts nothing more, and is not its finding "fixed"."""

    def each(n: int) -> str:
        entry = entries[n]
        subject = f"{entry.get('kind')} {entry.get('id')}" if entry.get("id") else entry.get("path")
        return (
            f"baseline entry {n + 1} repeats entry {repeated[n] + 1} ({entry.get('code')} on "
            f"{subject}), which accepts that finding: the copy accepts nothing more (two "
            "baselines merged?); delete it, or run `resilint baseline` to rewrite the baseline"
        )

    def rest(more: int) -> str:
        return (
            f"{more} more baseline entries repeat earlier ones (the first {FIXED_SHOWN} are "
            "listed one by one); run `resilint baseline` to rewrite the baseline"
        )

    return each_then_counted("BSL-01", sorted(repeated), at, each, rest)


def gaps(finding: Finding) -> list[JsonPath]:
    return [part.json_path for part in finding.parts] or [finding.json_path]


def report_changed(
    numbers: list[int],
    entries: tuple[dict[str, Any], ...],
    now: dict[int, Finding],
    at: EntryPlaces,
) -> list[Finding]:
    """BSL-01 for each entry whose finding changed: it says so, and where the finding is."""

    def each(n: int) -> str:
        entry, finding = entries[n], now[n]
        said = [format_json_path(path) for path in gaps(finding)]
        listed = ", ".join(said[:5]) + (f" and {len(said) - 5} more" if len(said) > 5 else "")
        field = f" at field {entry.get('json_path')}" if entry.get("json_path") else ""
        return (
            f"changed: {entry.get('code')} on {entry.get('kind')} {entry.get('id')}, which this "
            f"entry accepts as recorded{field}, now reports {len(said)} "
            f"gap{'' if len(said) == 1 else 's'} ({listed}) at {finding.path}:{finding.line}, "
            "a finding the baseline does not accept; fix it, or run `resilint baseline` to "
            "accept it as it now stands"
        )

    def rest(more: int) -> str:
        return (
            f"changed: {more} more baseline entries accept findings that changed since (the "
            f"first {FIXED_SHOWN} are listed one by one); run `resilint baseline` to accept them "
            "as they now stand"
        )

    return each_then_counted("BSL-01", numbers, at, each, rest)


def report_fixed(
    gone: list[int],
    entries: tuple[dict[str, Any], ...],
    at: EntryPlaces,
    standing: Sequence[Finding] = (),
    known: frozenset[str] | None = None,
) -> list[Finding]:
    """BSL-01 for each entry whose finding is gone: fixed, or, while ``standing`` files cannot be
    read (their documents unseen) or schema errors stand, gone perhaps only because of them
    (a rule cannot read a mistyped field), not to be dropped yet; an entry
    of a code that is none of the ``known`` rules' is not fixed but of a rule no longer run."""
    shrink = "run `resilint baseline` to shrink the baseline"
    unread = unseen_note([f for f in standing if f.code != "SCH-01"])
    if unread:  # a file not read: its documents, and what other documents' rules saw in them
        but = unread + ", then, if it is still gone, " + shrink
    elif standing:  # a file's name may hold braces: the words are joined, never formatted
        first, count = standing[0], len(standing)
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

    return each_then_counted("BSL-01", gone, at, each, rest)
