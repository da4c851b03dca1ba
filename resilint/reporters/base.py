"""What every reporter receives, and helpers they share."""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from resilint.findings import Finding, Level, fails_gate
from resilint.patterns import Lazy

# Never printed raw: every C0 and C1 control (newlines and tabs too: a newline from a value
# would start a new line that a CI log may run as a command), DEL, lone surrogates, and the bidi
# and invisible format characters that make text read differently from what it is ("Trojan
# Source", CVE-2021-42574): U+061C, U+200B-U+200F, U+2028-U+202E, U+2060-U+2069, U+FEFF; and
# the noncharacters U+FFFE and U+FFFF, which XML 1.0 cannot hold (JUnit output would not parse).
_CONTROL = Lazy(  # compiled for the first text that is not printable ASCII
    # C0 and C1 controls; every format character (Unicode category Cf: bidi controls, zero-width
    # characters, the soft hyphen, interlinear annotations, tag characters), which shows nothing
    # or reorders what follows; the spaces other than the space (no-break, thin, ideographic:
    # Zs), which look like one but do not match it; the line and paragraph separators;
    # noncharacters; surrogates
    "[\x00-\x1f\x7f-\xa0\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u1680"
    "\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\ud800-\udfff]"
)


@dataclass(frozen=True)
class RuleDoc:
    """What output formats that describe rules (SARIF, Code Quality) say about one."""

    code: str
    name: str
    level: Level
    title: str
    rationale: str
    remediation: str
    references: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    documented: bool = True
    """Whether resilint's rule reference (docs/rules.md) describes it: not a rule of the
    repository's own rule files or of a plug-in, which no page of resilint's has."""


@dataclass(frozen=True)
class RunNote:
    """What a report says beside its findings, with the setting it is about (the
    configuration's line), where an output format places notes on a file."""

    title: str
    text: str
    path: str = ""
    line: int = 1


@dataclass(frozen=True)
class ReportContext:
    """What every output format is given: the findings, the counts and how to show them."""

    findings: tuple[Finding, ...]
    files: int
    documents: int
    version: str
    color: bool = False
    rules: Mapping[str, RuleDoc] = field(default_factory=dict)
    fail_on: str = "error"
    group_by: str | None = None
    """``document`` or ``rule``: the text output groups findings under headings."""
    source_root: str = ""
    """The directory SARIF's file URIs are relative to (absolute: the git work tree's root,
    else the working directory); empty: the paths as shown."""
    as_of: datetime.date | None = None
    """The date the run judged dates by (``as_of`` pinned, else today); None where no check
    ran."""
    notes: tuple[RunNote, ...] = ()
    """What the reader must know beside the findings, said in every format: the rules of a
    regime in effect that the configuration turns off."""

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings that count: not suppressed."""
        return tuple(f for f in self.findings if f.suppression is None)

    def fails(self, finding: Finding) -> bool:
        """Whether the finding fails the run (its level reaches ``fail_on``), as the exit
        status says: an output that marks findings failed marks these alone."""
        return finding.suppression is None and fails_gate(self.fail_on, finding.level)

    @property
    def suppressed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.suppression is not None)

    def counts(self) -> dict[Level, int]:
        counter = Counter(finding.level for finding in self.active)
        return {level: counter.get(level, 0) for level in sorted(Level, reverse=True)}


def from_root(path: str, root: str) -> str | None:
    """``path`` (as shown: from the working directory, or absolute) relative to ``root``, the
    directory viewers resolve a relative path from (:attr:`ReportContext.source_root`); None
    when the file is outside it. With no ``root``, the path as shown."""
    if not root:
        return path
    relative = os.path.relpath(os.path.normpath(Path.cwd() / path), root)
    return None if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def report_fingerprints(findings: Sequence[Finding], root: str) -> list[str]:
    """A fingerprint for each of ``findings``, unique within the report, for the tools that
    merge the issues of one report that share one (GitLab's Code Quality widget, GitHub code
    scanning). A finding's own fingerprint (rule, document kind and id, field: never the line)
    is shared by two documents of one kind and id, in two files or one; so the file, relative
    to ``root``, is hashed with it, and a finding alike in both to one before it in the report
    (the same field of a second document of that kind and id in the file) adds which of them it
    is. The line never counts: a finding keeps its fingerprint when lines above it change."""
    from hashlib import sha256  # not imported by a check whose output has no fingerprints

    seen: Counter[tuple[str, str]] = Counter()
    fingerprints = []
    for f in findings:
        path = PurePath(from_root(f.path, root) or f.path).as_posix()
        n = seen[f.fingerprint, path]
        seen[f.fingerprint, path] += 1
        key = "\x1f".join([f.fingerprint, path, *([str(n)] if n else [])])
        fingerprints.append(sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return fingerprints


RULES_PAGE = "https://github.com/resilint/resilint/blob/v{version}/docs/rules.md"
"""The rule reference of a release (the tag's, so a link never shows a later rule text)."""
BUILT_IN_ANCHOR = "built-in-checks"


def help_uri(code: str, version: str, built_in: bool = False) -> str:
    """A rule's section in docs/rules.md: GitHub's anchor of its ``### CTR-08`` heading; the
    built-in checks share one table, under ``## Built-in checks``."""
    anchor = BUILT_IN_ANCHOR if built_in else re.sub(r"[^a-z0-9-]", "", code.lower())
    return f"{RULES_PAGE.format(version=version)}#{anchor}"


MAX_MESSAGE = 10_000
"""Longest message shown: one that quotes a value of a megabyte (a mistyped reference) would
repeat it in every format and for every finding that quotes it."""


def clip(message: str, most: int = MAX_MESSAGE) -> str:
    """``message``, or its first ``most`` characters and how long it was."""
    if len(message) <= most:
        return message
    return f"{message[:most]}... (cut: {len(message):,} characters in all)"


_OLD_COMMAND = "##["
"""GitHub's runner reads ``##[command]data`` (the older form of its workflow commands) from
anywhere in a line of a job's log, not only at its start: ``##[stop-commands]x`` mid-line turns
off every later annotation of the step, ``##[error]`` forges one."""


def printable(text: str) -> str:
    """Text from the data or a file name, made safe for any output: control, bidi and invisible
    characters, spaces other than the space and lone surrogates are shown as escapes (``\\n``,
    ``\\x1b``, ``\\u202e``, ``\\xa0``), never sent raw, and ``##[`` as ``#\\x23[``, which no
    CI log reads as a workflow command. Every reporter passes paths and messages through it."""
    if _OLD_COMMAND in text:
        text = text.replace(_OLD_COMMAND, "#\\x23[")
    if text.isascii() and text.isprintable():  # the common case, without the expression:
        return text  # in ASCII it matches exactly what isprintable() refuses (C0 and DEL)
    return _CONTROL.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )


def location(path: str) -> str:
    """A file's path where a finding shows its place (``path:line:col``): as it is, or, when it
    holds a character :func:`printable` escapes or a double quote, in double quotes with its
    backslashes and quotes escaped too, as git shows such names (core.quotePath). A file named
    ``new\\nline.yaml`` (a backslash and an n) and one named with a line break then read
    differently: ``new\\nline.yaml`` and ``"new\\nline.yaml"``."""
    shown = printable(path)
    if shown == path and '"' not in path:
        return path
    return '"' + printable(path.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def json_log_safe(text: str) -> str:
    """Serialised JSON as a CI log may show it: ``##[`` (in JSON, only ever inside a string) as
    ``##\\u005b``, which every JSON reader reads back as ``##[``. For the text that is not the
    data's, and so not :func:`printable`: a rule file's title or rationale in SARIF's rules."""
    return text.replace(_OLD_COMMAND, "##\\u005b")


def log_safe(text: str) -> str:
    """Lines of output, some starting with text from the data or a file name (a path, an
    owner), as a CI log should get them: no line able to start a GitHub Actions workflow
    command, which the runner reads after leading blanks: a leading ``::`` shows its first
    colon as ``\\x3a``. The fields are :func:`printable` already (no newline of theirs starts
    a line)."""
    if "::" not in text:
        return text
    lines = text.split("\n")
    for n, line in enumerate(lines):
        rest = line.lstrip()
        if rest.startswith("::"):
            lines[n] = line[: len(line) - len(rest)] + "\\x3a" + rest[1:]
    return "\n".join(lines)


_MENTION = Lazy(r"(?<![A-Za-z0-9._%+-])@(?=[A-Za-z0-9])")


def markdown_inert(text: str) -> str:
    """Text from the data, inert in Markdown (a pull-request comment, a table cell): no HTML,
    no markup (a backslash first, so that one from the data cannot undo the next escape and
    let ``\\[x\\](https://...)`` become a link or ``\\|`` end the cell), and no @mention that
    would notify a person or team (a zero-width space, written as an entity, after the @: the
    practice of Renovate's comments)."""
    import html  # imported when a Markdown output is asked for

    escaped = html.escape(printable(text), quote=False)
    for char in "\\|`*_[]<>#!~":
        escaped = escaped.replace(char, "\\" + char)
    return _MENTION.sub("@&#8203;", escaped)


def shown_lines(text: str) -> str:
    """Text composed of lines, some of them from a repository's own files (a rule's title,
    its examples), as a terminal or a CI log should get it: each line :func:`printable` (the
    fields it holds are so already, or their newlines would have started new lines), and no
    line able to start a GitHub Actions workflow command: a leading ``::`` shows its first
    colon as ``\\x3a``, which the runner does not read as one."""
    return log_safe("\n".join(printable(line) for line in text.split("\n")))


def unread_note(unreadable: Sequence[str], answer: str) -> str:
    """What a command that answers from the documents says when some files could not be read:
    what they hold is missing from its ``answer`` (no silent pass)."""
    return (
        f"resilint: {len(unreadable)} file(s) could not be read ({listed(unreadable)}): what "
        f"they hold is missing from this {answer}; `resilint check` says why"
    )


def unchecked_note(unchecked: Sequence[str], answer: str, folders: Sequence[str] = ()) -> str:
    """What a command that answers from the documents says when some files hold a document
    resilint does not check (an unknown kind or version, a near-miss apiVersion: DOC-01,
    DOC-03): the ``answer`` has nothing, or nothing checked, of it (no silent pass). Those of
    ``unchecked`` among ``folders`` are hidden folders not looked into whole (DOC-06), and are
    named as such."""
    files = [path for path in unchecked if path not in folders]
    unsearched = [path for path in unchecked if path in folders]
    said = []
    if files:
        said.append(
            f"{len(files)} file(s) hold a document resilint does not check ({listed(files)})"
        )
    if unsearched:
        said.append(
            f"{len(unsearched)} place(s) in hidden folders were not looked into whole for "
            f"documents ({listed(unsearched)})"
        )
    fix = " (`resilint fix` fixes most)" if files else ""
    return (
        f"resilint: {' and '.join(said)}: what {'it holds' if not unsearched else 'they hold'} "
        f"is missing from this {answer} or was not validated; `resilint check` says why{fix}"
    )


def unnamed_note(named: Sequence[str], answer: str) -> str:
    """What a command that answers from the documents says when a file named on the command
    line holds no resilint document (DOC-04): nothing in it is in the ``answer``."""
    return (
        f"resilint: {len(named)} file(s) named hold no resilint document ({listed(named)}): "
        f"nothing in them is in this {answer}; `resilint check` says why"
    )


def unread_suspect(unreadable: Sequence[str], holder: str, folders: Sequence[str] = ()) -> str:
    """What a command adds to "not found" when some files could not be read: the ``holder``
    (``the supplier``) may be in one of them, so the name asked for may well be right. Those of
    ``unreadable`` among ``folders`` are places in hidden folders not looked into whole
    (DOC-06), named as such."""
    files = [path for path in unreadable if path not in folders]
    places = [path for path in unreadable if path in folders]
    said = []
    if files:
        where = "a file" if len(files) == 1 else "one of the files"
        said.append(f"{where} that could not be read: {listed(files)}")
    if places:
        where = "a place" if len(places) == 1 else "one of the places"
        said.append(
            f"{where} in hidden folders not looked into whole for documents: {listed(places)}"
        )
    return f"{holder} may be in {', or in '.join(said)} (`resilint check` says why)"


def listed(items: Sequence[str], most: int = 3) -> str:
    """The first ``most`` items (paths, ids), escaped, and how many more: a message names a few
    of a list of any length."""
    shown = ", ".join(printable(item) for item in items[:most])
    if len(items) > most:
        shown += f" and {len(items) - most} more"
    return shown


def counted(n: int, noun: str) -> str:
    """``1 file``, ``2 files``: a count with its noun, as every summary line says it."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
