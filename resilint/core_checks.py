"""The checks built into loading and validation, with the documentation ``resilint explain`` shows.

Rule codes are stable: a code is never reused for a different check.
"""

from __future__ import annotations

from dataclasses import dataclass

from resilint.findings import Finding, Fix, Level


@dataclass(frozen=True)
class CoreCheck:
    """A check resilint makes itself, before any rule (reading, YAML, schemas, references)."""

    code: str
    name: str
    level: Level
    title: str
    rationale: str
    fix: str
    unreadable: bool = False
    """True when the file could not be read as data at all (exit status 2)."""
    unchecked: bool = False
    """True when the document it reports is not checked at all (an unknown kind, no
    apiVersion): like an unreadable file's, never suppressed, waived or kept in a baseline, or
    whatever the document holds would pass unseen from then on."""
    per_file_only: bool = False
    """True when only ``per_file_ignores`` accepts it: the configuration's word that a file is
    named on purpose (DOC-04). A baseline, a waiver or an inline comment would let a gate pass
    for good on a file nothing in which was checked."""

    @property
    def suppressible(self) -> bool:
        """Whether anything may accept its findings (``per_file_ignores`` at least)."""
        # IGN: a suppression that does not work; RUN: a check that did not run at all
        return not (self.unreadable or self.unchecked or self.code.startswith(("IGN", "RUN")))

    @property
    def kept(self) -> bool:
        """Whether a baseline, a waiver or an inline comment may accept its findings."""
        return self.suppressible and not self.per_file_only


def _check(
    code: str,
    name: str,
    title: str,
    rationale: str,
    fix: str,
    *,
    unreadable: bool = False,
    unchecked: bool = False,
    per_file_only: bool = False,
    level: Level = Level.ERROR,
) -> CoreCheck:
    return CoreCheck(code, name, level, title, rationale, fix, unreadable, unchecked, per_file_only)


_CHECKS = (
    _check(
        "FILE-01",
        "file-unreadable",
        "The file could not be read",
        "A gate that skips a file it cannot read passes changes nobody checked.",
        "Check that the path is a regular file and readable by the user running resilint.",
        unreadable=True,
    ),
    _check(
        "FILE-02",
        "file-too-large",
        "The file is larger than the configured limit",
        "Oversized files are refused before parsing so one file cannot exhaust the machine.",
        "Split the file, or raise `limits.max_file_bytes` in the configuration.",
        unreadable=True,
    ),
    _check(
        "FILE-03",
        "outside-repository",
        "A symbolic link leads outside the repository",
        "resilint runs on changes from people it does not trust. A committed link to a file "
        "elsewhere on the machine (a CI runner's credentials) would otherwise be read and its "
        "values shown in the report, so resilint never reads or follows anything outside the "
        "repository.",
        "Commit the file itself instead of a link to it, or exclude the link in the configuration.",
        unreadable=True,
    ),
    _check(
        "FILE-04",
        "not-a-regular-file",
        "A path named like a YAML file is not a regular file",
        "A named pipe would make the check wait for ever, a device such as /dev/zero never "
        "ends, and a symbolic link that loops leads nowhere; none of them holds documents to "
        "check, so resilint never opens them.",
        "Replace it with an ordinary file, or exclude it in the configuration.",
        unreadable=True,
    ),
    _check(
        "FILE-05",
        "run-budget",
        "The run has read as much as its limits allow",
        "Many files, each within the per-file limits, can together exhaust the machine. Past "
        "the budget for the whole run, the remaining files are not read, and the run fails "
        "rather than pass files nobody checked.",
        "Check the repository in parts, or raise `limits.max_total_bytes` / "
        "`limits.max_total_nodes` in the configuration.",
        unreadable=True,
    ),
    _check(
        "FILE-06",
        "not-checked-out",
        "A YAML file git tracks is not in the work tree (a sparse checkout)",
        "A sparse checkout leaves files of the repository out of the work tree. A check of what "
        "is there would pass without them: a deleted supplier that contracts outside the "
        "checkout still name, a gap in a file nobody checked out. So each tracked YAML file the "
        "run would have read, and cannot, fails it.",
        "Check the whole repository (`git sparse-checkout disable`, or `git sparse-checkout "
        "add` the directories resilint reads), or let CI, which checks out everything, check it.",
        unreadable=True,
    ),
    _check(
        "ENC-01",
        "encoding",
        "The file is not valid UTF-8 (or UTF-16/32 with a byte order mark)",
        "Files saved in Latin-1 or Windows-1252 turn names such as Zürich into garbage.",
        "Save the file as UTF-8 in your editor.",
        unreadable=True,
    ),
    _check(
        "ENC-02",
        "control-character",
        "The file holds a control character YAML does not allow",
        "NUL, ESC, DEL and stray byte order marks are invisible and usually come from a bad paste.",
        "Delete the character at the position given.",
        unreadable=True,
    ),
    _check(
        "ENC-03",
        "hidden-character",
        "The file holds a bidirectional control or an invisible character",
        "Bidirectional controls (U+202E and others) make an editor, a terminal or a pull-request "
        "view show text in another order than the one it is read in, and zero-width characters "
        "make two different values look alike: a reviewer approves what they see, not what the "
        'file says ("Trojan Source", CVE-2021-42574).',
        "Delete the character at the position given. Zero-width joiners (U+200C, U+200D) "
        "between two non-ASCII letters or emoji are not flagged: scripts such as Persian and "
        "Hindi need them.",
    ),
    _check(
        "ENC-04",
        "escaped-control-character",
        "A value in double quotes writes a control character as an escape",
        'YAML lets a value in double quotes write any character as an escape ("\\e", "\\x01", '
        '"\\u0000"), including the control characters ENC-02 refuses as bytes: an ESC that '
        "clears or recolours the terminal of whoever reads the value, a character a spreadsheet "
        "(the register's workbook) cannot hold. No name, reference or text of a resilience "
        "document needs one.",
        "Delete the escape from the value; a line break is written \\n, a tab \\t.",
    ),
    _check(
        "YML-01",
        "yaml-syntax",
        "The file is not valid YAML",
        "Nothing in a file that does not parse can be checked.",
        "Fix the syntax at the position given; YAML indents with spaces, never tabs.",
        unreadable=True,
    ),
    _check(
        "YML-02",
        "duplicate-key",
        "A key appears twice in the same mapping",
        "Most YAML tools silently keep the last value, so one of the two is lost unnoticed.",
        "Delete or rename one of the two keys.",
        unreadable=True,
    ),
    _check(
        "YML-03",
        "tag-not-allowed",
        "An explicit YAML tag that resilint does not accept",
        "Tags such as !!python/object or !include ask a loader to run code or read other files; "
        "resilint never does either.",
        "Remove the tag; write the value as plain data.",
        unreadable=True,
    ),
    _check(
        "YML-04",
        "non-string-key",
        "A mapping key is not a string",
        "Keys such as 1, null or [a, b] cannot be field names.",
        "Write the key as text, quoted if needed: '1'.",
        unreadable=True,
    ),
    _check(
        "YML-05",
        "too-deep",
        "The data is nested deeper than the limit",
        "Deeply nested input can crash YAML and JSON Schema libraries.",
        "Flatten the structure, or raise `limits.max_depth`.",
        unreadable=True,
    ),
    _check(
        "YML-06",
        "alias-expansion",
        "YAML aliases expand beyond the limit, or refer to themselves",
        "An 'alias bomb' of a few hundred bytes can expand to billions of values.",
        "Use fewer nested aliases, or raise `limits.max_alias_expansion`.",
        unreadable=True,
    ),
    _check(
        "YML-07",
        "invalid-value",
        "A value that cannot be read: an impossible date, a number too long or not finite",
        "A date such as 2026-02-30 does not exist; rules that compare dates would be wrong.",
        "Correct the value, or quote it if it is meant as text.",
        unreadable=True,
    ),
    _check(
        "YML-08",
        "not-a-mapping",
        "A document's top level is not a mapping",
        "Every resilint document is a mapping with apiVersion, kind and id.",
        "Make the document a mapping, or exclude the file in the configuration.",
        unreadable=True,
    ),
    _check(
        "YML-09",
        "limit-exceeded",
        "The file or a document has more documents or values, or a longer value, than allowed",
        "Limits keep one file from exhausting the machine.",
        "Split the file or the document, or raise the limit the message names "
        "(`limits.max_documents`, `limits.max_file_values`, `limits.max_alias_expansion` or "
        "`limits.max_scalar_bytes`).",
        unreadable=True,
    ),
    _check(
        "DOC-01",
        "unknown-kind",
        "The document declares an unknown resilint kind or version",
        "A document resilint does not understand would otherwise be skipped in silence.",
        "Use one of the kinds listed by `resilint schema`, with apiVersion: resilint/v1.",
        unchecked=True,
    ),
    _check(
        "DOC-02",
        "duplicate-id",
        "Two documents of the same kind share an id",
        "References by id become ambiguous, and one document silently shadows the other.",
        "Give each document of a kind its own id.",
    ),
    _check(
        "DOC-03",
        "near-miss",
        "A document looks like resilint's but does not declare apiVersion: resilint/v1 exactly",
        "resilint checks only documents that say `apiVersion: resilint/v1`, and leaves the YAML "
        "of other tools alone. A document with a resilint kind and an id but no apiVersion, "
        "one with an id and a kind's telling fields but neither kind nor apiVersion (in a "
        "folder of resilint documents, an id and any field of a resilint kind), or "
        "with `apiversion:`, `Resilint/v1`, `resillint/v1`, a padded value or an apiVersion "
        "brought in by a merge key (<<), would otherwise be skipped without a word.",
        "Write `apiVersion: resilint/v1` on the first line of the document, spelt exactly so; "
        "if the file belongs to another tool, exclude it in the configuration.",
        unchecked=True,
    ),
    _check(
        "DOC-04",
        "no-resilint-document",
        "A file named on the command line holds no resilint document",
        "A file you name is one you expect to be checked; when it holds no document that "
        "declares apiVersion: resilint/v1 (a forgotten first line, an empty file, a file of "
        "another tool), nothing in it was checked, and a gate that passed would mislead: the "
        "run fails with status 2, as a check of a directory holding no resilint document does.",
        "Add `apiVersion: resilint/v1` to each document, or stop naming the file; a file of "
        "another tool that a script names on purpose can be left out with `per_file_ignores` "
        "(DOC-04); a baseline, a waiver or an inline comment does not accept it. The pre-commit "
        "hook names every changed YAML file and leaves such files alone.",
        per_file_only=True,
    ),
    _check(
        "DOC-05",
        "unread-document",
        "A resilint document in a file that a directory check does not read",
        "A directory is checked through its *.yaml and *.yml files, hidden ones aside. A "
        "document written as JSON (acme.json), kept in a hidden file (.acme.yaml), saved "
        "without the .yaml suffix (acme, or acme.yaml with a space after it), under a suffix "
        "one typing mistake or a look-alike letter from yaml, yml or json (acme.yam, "
        "acme.YAM, acme.jsn), or under any other name when the file starts as a document "
        "(acme.txt, acme.yaml.bak without its acme.yaml) declares apiVersion: resilint/v1, "
        "and a reviewer takes it for part of the programme, but nothing in it would ever be "
        "checked: a supplier added so would pass every rule unseen. A copy beside its "
        "original (acme.yaml~, #acme.yaml#, acme.yaml.orig next to acme.yaml) is checked "
        "through that file, and text that quotes a document further down is not one.",
        "Rename the file to a visible name ending in .yaml (JSON is YAML, so the content can "
        "stay), or delete an old copy. A file of another tool that only looks like one (a "
        "template) is left out with `exclude` in the configuration; nothing else accepts it, "
        "as nothing in it is checked.",
        unchecked=True,
    ),
    _check(
        "DOC-06",
        "hidden-folder-unsearched",
        "A hidden folder holds more than resilint looks into for documents, or cannot be listed",
        "A resilint document in a hidden folder the walk passes over is DOC-05, found by "
        "looking into each such folder that neither `exclude` nor a .gitignore leaves out. That "
        "look is bounded, so that a large folder of another tool nobody left out does not slow "
        "every run: 5,000 entries in all, shared between the folders, so that a large one does "
        "not keep a small one (suppliers/.drafts/) from being looked into whole. A folder the "
        "bound cuts short was not looked into whole, and a supplier moved into the rest of it "
        "would pass every rule unseen, so the check fails, at the folder. So does a directory "
        "in a hidden folder that resilint cannot list, or a YAML file there it cannot read (their "
        "permissions): what it holds was not looked at.",
        "Move any resilint document in the folder out of it, where it is checked; then say that "
        "the rest (another tool's cache, an archive) is not part of the programme: exclude the "
        'folder in the configuration (`exclude: [".archive/"]`) or add it to .gitignore, and '
        "it is no longer looked into. A directory resilint cannot list: give the user resilint "
        "runs as the right to read it, or leave it out the same way. Nothing else accepts it: "
        "a baseline, a waiver or an "
        "inline comment would let a document moved there later pass for good.",
        unchecked=True,
    ),
    _check(
        "SCH-01",
        "schema",
        "The document does not match its kind's schema",
        "Misspelt fields, wrong types and missing required fields hide gaps from every rule.",
        "Correct the field as the message says; `resilint schema KIND` shows what is allowed.",
    ),
    _check(
        "REF-01",
        "unknown-reference",
        "A reference names a document that does not exist",
        "A contract that points at an unknown supplier breaks the register of information "
        "(DORA Art. 28(3)) and every rule that follows the reference.",
        "Correct the id (the message suggests the nearest existing one) or add the document.",
    ),
    _check(
        "REF-02",
        "reference-in-unreadable-file",
        "References that cannot be checked because the file that may hold their target is broken",
        "A file with a syntax or encoding error holds no documents resilint can see, so the "
        "references into it cannot be resolved; calling each one missing would send people to "
        "the wrong file.",
        "Fix the error in the named file first (its own finding says where); the references are "
        "checked again on the next run.",
    ),
    _check(
        "REF-04",
        "reference-loop",
        "A chain of references that must end comes back to where it started",
        "An entity cannot own itself, nor a contract fall under itself, nor an excess layer sit "
        "over itself: a loop of parent, overarching_contract or layer.sits_over leaves the "
        "group without its ultimate parent, the contract without its framework and the tower "
        "without its primary policy, and the DORA register of information files a wrong group "
        "structure (B_01.02) without a word.",
        "Correct the reference that names the wrong document, so that the chain ends: the top "
        "of the group records no parent, a framework agreement no overarching_contract, a "
        "primary policy no layer.sits_over.",
    ),
    _check(
        "REF-05",
        "unlinked-name",
        "A name that should link to a supplier or one of its services links to nothing",
        "Identity providers, subprocessors and subcontractors are named in free text, and a "
        "supplier's services by their name in its services list. The dependency graph, and with "
        "it criticality, concentration, impact analysis, the DORA register and the terms asked "
        "of a supplier that runs our sign-in (CTR-05's notice content, PLB-02's playbook for a "
        "compromise of our identity provider), follows such a name only when it is a Supplier's "
        "id, name or identifier (an identity provider's also when it is the name of a service "
        "only one supplier lists). A service name its supplier does not list, a "
        "service name two suppliers list, or a name that reads like one of our suppliers but is "
        "written otherwise (identity provider officeline-id for supplier officeline: one name's "
        "words begin the other's) links to nothing, and every rule that follows the link passes "
        "over it without a word. A name that reads like none of our suppliers (an identity "
        "provider we run ourselves, a subprocessor we have no contract with) may name no "
        "supplier of ours and is not reported, nor is one that reads like the record's own "
        "supplier (its own sign-in); cloud providers are named by a code shared across records "
        "(aws, nimbara), not a supplier's name, and are not read.",
        "Write the supplier's id there (for an identity provider, the id or the name of its "
        "sign-in service; for a subcontractor, supplier: ID), add a missing service to the "
        "supplier's services, or correct the service name (the message suggests the nearest). "
        "A subcontractor that is another firm records its identifier (provider_id); a "
        "subprocessor, named in free text only, that merely reads like one of our suppliers is "
        "a warning, not an error.",
    ),
    _check(
        "REF-03",
        "findings-held-back",
        "Rule findings held back because a file they may depend on is broken",
        "A file with a syntax or encoding error holds no documents resilint can see. A rule "
        "finding about a document that the broken file names (a continuity plan names its "
        "function, a playbook its supplier) may only be saying that a document of that file is "
        "missing; reporting each would send people to write documents that exist. They are "
        "counted here, listed as related places, and judged again once the file reads.",
        "Fix the error in the named file first (its own finding says where); the held-back "
        "findings are judged again on the next run.",
        level=Level.WARNING,
    ),
    _check(
        "RUN-01",
        "check-not-run",
        "The check could not run",
        "A configuration, rule or baseline file that is not valid, or paths that hold nothing "
        "to check, stop a run before any document is checked. An empty report would read as a "
        "clean one to what reads it (code scanning, a merge request's Code Quality widget, test "
        "reports), so each report asked for says why the run stopped, at the file, line and "
        "column of the cause, and the run fails with exit status 2. So does a path the file "
        "system refuses (a name too long) and, with exit status 4, a defect of resilint's "
        "that stops the run: a report an earlier run left in place must not stand for this "
        "one's.",
        "Correct what the message names (the file at its line, or the paths on the command "
        "line), then run again.",
    ),
)

_SUPPRESSION_CHECKS = (
    _check(
        "IGN-01",
        "invalid-suppression",
        "An inline suppression comment that cannot be used",
        'A suppression must say why: `# resilint: ignore[CODE] reason="..."`, with an '
        "optional `until=YYYY-MM-DD`. One without a reason hides a gap without "
        "accountability; one with an option resilint does not know (`untill=`), an option "
        "given twice, an expiry not written YYYY-MM-DD or text it cannot read (an unclosed "
        "quote) silences nothing, since a misspelt expiry would otherwise silence the finding "
        "for ever, and a reviewer takes the first of two expiries while the last would count.",
        'Add reason="..." (and until= where the configuration requires an expiry).',
    ),
    _check(
        "IGN-02",
        "expired-suppression",
        "An inline suppression past its expiry date",
        "An expired suppression stops suppressing, so the finding it hid is back too.",
        "Fix the finding, or renew the suppression with a new reason and date.",
    ),
    _check(
        "IGN-03",
        "unused-suppression",
        "An inline suppression that suppressed nothing",
        "A stale suppression would silently hide the next, unrelated finding on its line.",
        "Delete the comment.",
        level=Level.WARNING,
    ),
    _check(
        "IGN-04",
        "suppression-forbidden",
        "Inline suppression is forbidden for this rule",
        "The configuration requires an approved Waiver document for this rule; and a finding "
        "on a Waiver (EXC-01, EXC-02) is never silenced inline, or a comment would excuse the "
        "waiver's own expiry or approver.",
        "Record a Waiver with a risk owner, an approver and an expiry instead; on a Waiver, "
        "correct the waiver.",
    ),
    _check(
        "BSL-01",
        "baseline-fixed",
        "A baseline entry whose finding is gone, or changed, or that repeats another",
        "The baseline should shrink as findings are fixed (a ratchet). An entry accepts a "
        "finding as recorded: when the rule reports the same document and section with a gap "
        "more or fewer, the finding changed, and counts until it is fixed or recorded again. "
        "While a file or document cannot be read or checked, or a schema error stands, a "
        "finding gone may be gone for that alone (what the file holds is not seen; the rules "
        "do not read a mistyped field): it is not called fixed. An entry written twice (two "
        "baselines merged) accepts its finding once: the copy is said, not called fixed.",
        "Run `resilint baseline` to rewrite the baseline file.",
        level=Level.INFO,
    ),
    _check(
        "BSL-02",
        "baseline-entry-mismatch",
        "A baseline entry that says one finding but carries the fingerprint of another",
        "A reviewer reads what a baseline entry says (its code, document and field); resilint "
        "matches its fingerprint, a hash anyone can compute for the finding they are about to "
        "add. An entry whose words and fingerprint name different findings accepts nothing, "
        "and is reported, since it is a stale hand edit or an attempt to slip a finding past "
        "review.",
        "Delete the entry, or run `resilint baseline` to record the finding under its own name "
        "if it is to be accepted.",
        level=Level.WARNING,
    ),
)

CORE_CHECKS: dict[str, CoreCheck] = {
    check.code: check for check in (*_CHECKS, *_SUPPRESSION_CHECKS)
}


_WHY_UNREADABLE = {
    "YML-01": "a syntax error",
    "YML-02": "a key given twice",
    "YML-03": "a tag resilint does not accept",
    "YML-04": "a key that is not text",
    "YML-05": "data nested too deeply",
    "YML-06": "aliases past the limit",
    "YML-07": "a value that cannot be read",
    "YML-08": "a top level that is not a mapping",
    "YML-09": "more than a limit allows",
}


def why_unreadable(code: str) -> str:
    """What keeps a file from being read, in words, for the findings it holds back: ``a
    syntax error`` (YML-01), ``aliases past the limit`` (YML-06), ``an encoding error``..."""
    if code in _WHY_UNREADABLE:
        return _WHY_UNREADABLE[code]
    return "an encoding error" if code.startswith("ENC") else "a read error"


def core_finding(
    code: str,
    message: str,
    path: str,
    line: int,
    column: int,
    *,
    kind: str | None = None,
    doc_id: str | None = None,
    json_path: tuple[str | int, ...] = (),
    fix: Fix | None = None,
    discriminator: str = "",
) -> Finding:
    """Build a finding of a built-in check; line and column are 1-based."""
    check = CORE_CHECKS[code]
    return Finding(
        code=code,
        name=check.name,
        level=check.level,
        message=message,
        path=path,
        line=max(line, 1),
        column=max(column, 1),
        kind=kind,
        doc_id=doc_id,
        json_path=json_path,
        fix=fix,
        discriminator=discriminator,
    )
