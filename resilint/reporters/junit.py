"""JUnit XML, which most CI systems show as test results: one failing test case per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from resilint.findings import Finding
from resilint.reporters.base import ReportContext, clip, printable

if TYPE_CHECKING:
    from xml.etree import ElementTree

# printable() also removes what XML 1.0 cannot hold at all (C0 controls, lone surrogates).
_clean = printable


def report_junit(context: ReportContext) -> str:
    from xml.etree import ElementTree  # imported when this format is asked for

    active = context.active
    suites = ElementTree.Element(
        "testsuites", name="resilint", tests=str(max(len(active), 1)), failures=str(len(active))
    )
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="resilint",
        tests=str(max(len(active), 1)),
        failures=str(len(active)),
    )
    if not active:
        ElementTree.SubElement(
            suite,
            "testcase",
            classname="resilint",
            name=f"{context.files} files, {context.documents} documents",
        )
    for finding in active:
        _case(suite, finding)
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _case(suite: ElementTree.Element, f: Finding) -> None:
    from xml.etree import ElementTree

    subject = f"{f.kind} {f.doc_id}" if f.doc_id else f.path
    case = ElementTree.SubElement(
        suite,
        "testcase",
        classname=_clean(f.path),
        name=_clean(f"{f.code} {subject}"),
        file=_clean(f.path),
        line=str(f.line),
    )
    failure = ElementTree.SubElement(
        case, "failure", message=_clean(clip(f.message)), type=f"{f.code} {f.level.label}"
    )
    failure.text = _clean(
        f"{f.path}:{f.line}:{f.column}: {f.code} {f.level.label} {clip(f.message)}"
    )
