"""JUnit XML, which most CI systems show as test results: one failing test case per finding."""

from __future__ import annotations

from resilint.findings import Finding
from resilint.reporters.base import ReportContext, clip, printable

# printable() also removes what XML 1.0 cannot hold at all (C0 controls, lone surrogates).
_clean = printable


def report_junit(context: ReportContext) -> str:
    """The document ``ElementTree.indent`` and ``tostring`` give for the whole tree, written one
    test case at a time: 72,000 findings kept as elements took 250 MB for a 58 MB report."""
    active = context.active
    tests, failures = max(len(active), 1), len(active)
    # the two enclosing elements hold only numbers and our name: nothing to escape
    suites = f'<testsuites name="resilint" tests="{tests}" failures="{failures}">'
    suite = f'<testsuite name="resilint" tests="{tests}" failures="{failures}">'
    cases = [_case(f) for f in active] or [_empty(context)]
    cases[0] = f'<?xml version="1.0" encoding="UTF-8"?>\n{suites}\n  {suite}\n    {cases[0]}'
    cases[-1] += "\n  </testsuite>\n</testsuites>\n"
    return "\n    ".join(cases)  # one copy of the report's text, not one per concatenation


def _empty(context: ReportContext) -> str:
    """The one passing test case of a run without findings (some CI systems refuse none)."""
    from xml.etree import ElementTree

    case = ElementTree.Element(
        "testcase",
        classname="resilint",
        name=f"{context.files} files, {context.documents} documents",
    )
    return ElementTree.tostring(case, encoding="unicode")


def _case(f: Finding) -> str:
    """A finding's test case, indented as ``ElementTree.indent`` lays it out at its depth."""
    from xml.etree import ElementTree  # imported when this format is asked for

    subject = f"{f.kind} {f.doc_id}" if f.doc_id else f.path
    case = ElementTree.Element(
        "testcase",
        classname=_clean(f.path),
        name=_clean(f"{f.code} {subject}"),
        file=_clean(f.path),
        line=str(f.line),
    )
    case.text = "\n      "
    failure = ElementTree.SubElement(
        case, "failure", message=_clean(clip(f.message)), type=f"{f.code} {f.level.label}"
    )
    failure.text = _clean(
        f"{f.path}:{f.line}:{f.column}: {f.code} {f.level.label} {clip(f.message)}"
    )
    failure.tail = "\n    "
    return ElementTree.tostring(case, encoding="unicode")
