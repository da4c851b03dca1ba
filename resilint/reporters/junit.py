"""JUnit XML, which most CI systems show as test results: one test case per finding, failing
where the finding fails the run (its level reaches ``fail_on``), as the exit status does. JUnit
knows no warning: a finding below ``fail_on`` is a passing test case that carries it in its
``system-out`` and its level in a property, so a dashboard is green for a gate that passed and
still shows what was found (a skipped test would say the check did not run)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from resilint.findings import Finding, format_json_path
from resilint.reporters.base import ReportContext, RunNote, clip, location, printable

# printable() also removes what XML 1.0 cannot hold at all (C0 controls, lone surrogates).
_clean = printable


def report_junit(context: ReportContext) -> str:
    """The document ``ElementTree.indent`` and ``tostring`` give for the whole tree, written one
    test case at a time: 72,000 findings kept as elements took 250 MB for a 58 MB report."""
    active = context.active
    failures = sum(1 for f in active if context.fails(f))
    names = _names(active)
    cases = [_case(f, name, context.fails(f)) for f, name in zip(active, names, strict=True)] or [
        _empty(context)
    ]
    # rules the configuration turns off: a skipped test case says the check did not run
    cases += [_skipped(note) for note in context.notes]
    tests, skipped = len(cases), len(context.notes)
    # the two enclosing elements hold only numbers and our name: nothing to escape
    counts = f'tests="{tests}" failures="{failures}"' + (f' skipped="{skipped}"' if skipped else "")
    suites = f'<testsuites name="resilint" {counts}>'
    suite = f'<testsuite name="resilint" {counts}>'
    cases[0] = f'<?xml version="1.0" encoding="UTF-8"?>\n{suites}\n  {suite}\n    {cases[0]}'
    cases[-1] += "\n  </testsuite>\n</testsuites>\n"
    return "\n    ".join(cases)  # one copy of the report's text, not one per concatenation


def _skipped(note: RunNote) -> str:
    from xml.etree import ElementTree

    name = f"{note.path}:{note.line}" if note.path else "resilint"
    case = ElementTree.Element("testcase", classname=_clean(name), name=_clean(note.title))
    ElementTree.SubElement(case, "skipped", message=_clean(note.text))
    return ElementTree.tostring(case, encoding="unicode")


def _empty(context: ReportContext) -> str:
    """The one passing test case of a run without findings (some CI systems refuse none)."""
    from xml.etree import ElementTree

    case = ElementTree.Element(
        "testcase",
        classname="resilint",
        name=f"{context.files} files, {context.documents} documents",
    )
    return ElementTree.tostring(case, encoding="unicode")


def _names(active: Sequence[Finding]) -> list[str]:
    """Each test case's name, unique within its file (the classname): CI systems key a test by
    suite, classname and name, and GitLab keeps one of those that share a key, so three CTR-07
    findings on one contract would show as one failure. The field tells them apart (stable when
    lines move, so a test's history follows it); where it does not, the fingerprint does, and
    where two findings are alike in all they say (two documents of one kind and id in one file),
    their line and column; the same place twice is numbered in report order."""
    names = []
    for f in active:
        subject = f"{f.kind} {f.doc_id}" if f.doc_id else f.path
        field = format_json_path(f.json_path)
        names.append(f"{f.code} {subject}" + (f" {field}" if field else ""))
    names = _apart(active, names, lambda f, name: f"{name} [{f.fingerprint[:8]}]")
    names = _apart(active, names, lambda f, name: f"{name} at {f.line}:{f.column}")
    seen: Counter[tuple[str, str]] = Counter()
    numbered = []
    for f, name in zip(active, names, strict=True):
        seen[f.path, name] += 1
        numbered.append(name if seen[f.path, name] == 1 else f"{name} ({seen[f.path, name]})")
    return numbered


def _apart(
    active: Sequence[Finding], names: list[str], longer: Callable[[Finding, str], str]
) -> list[str]:
    """The names that several findings of one file share made ``longer``, the others kept."""
    taken = Counter(zip((f.path for f in active), names, strict=True))
    return [
        longer(f, name) if taken[f.path, name] > 1 else name
        for f, name in zip(active, names, strict=True)
    ]


def _case(f: Finding, name: str, failing: bool) -> str:
    """A finding's test case, indented as ``ElementTree.indent`` lays it out at its depth: a
    failure where it fails the run, else passing with the finding as its output."""
    from xml.etree import ElementTree  # imported when this format is asked for

    case = ElementTree.Element(
        "testcase",
        classname=location(f.path),
        name=_clean(name),
        file=location(f.path),
        line=str(f.line),
    )
    case.text = "\n      "
    said = _clean(
        f"{location(f.path)}:{f.line}:{f.column}: {f.code} {f.level.label} {clip(f.message)}"
    )
    if failing:
        failure = ElementTree.SubElement(
            case, "failure", message=_clean(clip(f.message)), type=f"{f.code} {f.level.label}"
        )
        failure.text = said
        failure.tail = "\n    "
        return ElementTree.tostring(case, encoding="unicode")
    properties = ElementTree.SubElement(case, "properties")
    properties.text, properties.tail = "\n        ", "\n      "
    level = ElementTree.SubElement(properties, "property", name="level", value=f.level.label)
    level.tail = "\n      "
    out = ElementTree.SubElement(case, "system-out")
    out.text, out.tail = said, "\n    "
    return ElementTree.tostring(case, encoding="unicode")
