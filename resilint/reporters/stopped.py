"""What a check that stopped before checking anything writes in place of its report: an
invalid configuration, rule or baseline file, or paths with nothing to check (exit status 2); a
path the file system refuses (2) or a defect of resilint's (4) that stops a run.

A report left empty or missing would read as "no problems" to what reads it: a SARIF run with
no results says every alert is gone, an empty Code Quality list says a merge request is clean,
an absent JUnit file is easily taken for no tests. So each format asked for gets a
valid report of its own kind that says the check could not run, why, and at which file, line
and column (:class:`resilint.errors.Place`), under the built-in check ``RUN-01``.

Imported only when a check stops so: the one-file start-up never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from resilint.core_checks import CORE_CHECKS, core_finding
from resilint.errors import Place
from resilint.findings import Finding
from resilint.reporters import REPORTERS, ReportContext, RuleDoc, jsontext
from resilint.reporters.base import (
    clip,
    from_root,
    help_uri,
    json_log_safe,
    log_safe,
    markdown_inert,
    printable,
)

CODE = "RUN-01"
"""The built-in check a report of a check that could not run names (core_checks.py)."""
NO_FILE = "."
"""The path of an error in no file (paths with nothing to check, a code on the command line)
where a format must name one: the repository (its root, as the other paths are relative to)."""


@dataclass(frozen=True)
class Stopped:
    """A check that stopped before it checked anything: why, where, and its exit status."""

    detail: str
    """What is wrong, as the error says it on standard error (without its place)."""
    place: Place | None
    status: int
    version: str
    source_root: str = ""
    """As :attr:`ReportContext.source_root`: what the reported paths are relative to."""
    also: tuple[tuple[str, Place | None], ...] = ()
    """Further errors of the same read (each problem of an invalid rule file), after this one."""

    @property
    def entries(self) -> tuple[Stopped, ...]:
        """This error and each further one, as one each: every format says them all."""
        more = (
            Stopped(detail, place, self.status, self.version, self.source_root)
            for detail, place in self.also
        )
        return (self, *more)

    @property
    def message(self) -> str:
        return clip(printable(f"the check could not run: {self.detail}"))

    @property
    def path(self) -> str:
        """The file of the error, from the root of the repository; :data:`NO_FILE` if none."""
        if self.place is None:
            return NO_FILE
        return printable(from_root(self.place.path, self.source_root) or self.place.path)

    @property
    def finding(self) -> Finding:
        """The error as the finding the JSON formats record, in the shape of every other."""
        place = self.place or Place(NO_FILE)
        return core_finding(CODE, self.message, place.path, place.line, place.column)

    def context(self) -> ReportContext:
        check = CORE_CHECKS[CODE]
        doc = RuleDoc(CODE, check.name, check.level, check.title, check.rationale, check.fix)
        findings = tuple(entry.finding for entry in self.entries)
        return ReportContext(findings, 0, 0, self.version, rules={CODE: doc})


def report_stopped(name: str, stopped: Stopped, statistics: bool = False) -> str:
    """The report of format ``name`` for a check that stopped; ``statistics``: the count per
    rule that ``--statistics`` prints (json), RUN-01 counted once."""
    if statistics and name == "json":
        from resilint.reporters.statistics import report_statistics_json

        return report_statistics_json(stopped.context())
    return _WRITERS[name](stopped)


def _json(stopped: Stopped) -> str:
    # the same document as a check's, its one finding RUN-01: a reader that counts findings
    # or errors (the GitHub Action's outputs) fails closed without knowing the code
    return REPORTERS["json"](stopped.context())


def _text(stopped: Stopped) -> str:
    lines = [
        f"{printable(str(entry.place or Place(NO_FILE)))}: {CODE} error {entry.message}"
        for entry in stopped.entries
    ]
    lines.append(f"Nothing was checked (exit status {stopped.status}).")
    return log_safe("\n".join(lines) + "\n")


def _github(stopped: Stopped) -> str:
    from resilint.reporters.github import command_data, command_file, command_property

    title = command_property(f"{CODE} {CORE_CHECKS[CODE].title}")
    lines = []
    for entry in stopped.entries:
        where = ""
        if entry.place is not None:
            place = entry.place
            where = f"file={command_file(entry.path)},line={place.line},col={place.column},"
        lines.append(f"::error {where}title={title}::{command_data(entry.message)}\n")
    return "".join(lines) + (
        f"resilint: the check could not run, nothing was checked (exit status {stopped.status})\n"
    )


def _markdown(stopped: Stopped) -> str:
    said = "\n".join(
        f"- {f'`{markdown_inert(str(e.place))}`: ' if e.place else ''}{markdown_inert(e.message)}"
        for e in stopped.entries
    )
    return (
        "## resilint: the check could not run ❌\n\n"
        f"{said}\n\n"
        f"Nothing was checked, so there are no findings to show: correct what the message "
        f"names and run again (exit status {stopped.status}, {CODE}).\n"
    )


def _gitlab(stopped: Stopped) -> str:
    issues = []
    for entry in stopped.entries:
        line = entry.place.line if entry.place else 1
        key = "\x1f".join([CODE, entry.path, str(line), entry.message])
        issues.append(
            {
                "type": "issue",
                "check_name": CODE,
                "description": f"{CODE} {entry.message}",
                "categories": ["Bug Risk"],
                # the highest severity: the widget shows it first, never reads the run as clean
                "severity": "blocker",
                "fingerprint": sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32],
                "location": {"path": entry.path, "lines": {"begin": line}},
            }
        )
    return jsontext.dumps(issues, end="\n")


def _junit(stopped: Stopped) -> str:
    """One test case in error (the check did not run), not failed (it ran and found
    something); GitLab's test report lists it among its failed/error results: the suite never
    reads as passed."""
    from xml.etree import ElementTree

    count = str(len(stopped.entries))
    suites = ElementTree.Element("testsuites", name="resilint", tests=count, failures="0")
    suites.set("errors", count)
    suite = ElementTree.SubElement(suites, "testsuite", name="resilint", tests=count)
    suite.set("failures", "0")
    suite.set("errors", count)
    for entry in stopped.entries:
        place = entry.place
        name = f"{CODE} {CORE_CHECKS[CODE].title}"
        if len(stopped.entries) > 1 and place is not None:  # test case names stay unique
            name += f" ({place.line}:{place.column})"
        case = ElementTree.SubElement(suite, "testcase", classname=entry.path, name=name)
        if place is not None:
            case.set("file", entry.path)
            case.set("line", str(place.line))
        error = ElementTree.SubElement(case, "error", message=entry.message, type=CODE)
        error.text = f"{printable(str(place))}: {entry.message}" if place else entry.message
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _sarif(stopped: Stopped) -> str:
    """A SARIF 2.1.0 log of a run that failed to begin its analysis (§3.14.23): no results
    (an empty list, which GitHub's upload requires), the invocation unsuccessful (§3.20.14)
    and the error a configuration notification of level error (§3.20.22, §3.58), which tells
    a reader the results are incomplete (Appendix I)."""
    from resilint.reporters.sarif import INFORMATION_URI, ROOT_DESCRIPTION, SARIF_SCHEMA, location

    check = CORE_CHECKS[CODE]
    notifications: list[dict[str, Any]] = []
    for entry in stopped.entries:
        notification: dict[str, Any] = {
            "level": "error",
            "message": {"text": entry.message},
            "descriptor": {"id": CODE, "index": 0},
        }
        if entry.place is not None:
            place = entry.place
            notification["locations"] = [
                location(place.path, place.line, place.column, stopped.source_root)
            ]
        notifications.append(notification)
    driver = {
        "name": "resilint",
        "version": stopped.version,
        "semanticVersion": stopped.version,
        "informationUri": INFORMATION_URI,
        "notifications": [
            {
                "id": CODE,
                "name": check.name,
                "shortDescription": {"text": check.title},
                "fullDescription": {"text": check.rationale},
                "helpUri": help_uri(CODE, stopped.version, built_in=True),
                "defaultConfiguration": {"level": "error"},
            }
        ],
        "rules": [],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [
            {
                "executionSuccessful": False,
                "exitCode": stopped.status,
                "exitCodeDescription": "the check could not run",
                "toolConfigurationNotifications": notifications,
            }
        ],
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"SRCROOT": {"description": {"text": ROOT_DESCRIPTION}}},
        "results": [],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_log_safe(jsontext.dumps(document, end="\n"))


_WRITERS: dict[str, Callable[[Stopped], str]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "github": _github,
    "gitlab": _gitlab,
    "markdown": _markdown,
}

__all__ = ["CODE", "Stopped", "report_stopped"]
