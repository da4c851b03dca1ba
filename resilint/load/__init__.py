"""Stage 2 of the flow: read one file safely into documents, or into findings that say why not.

bytes -> text (:mod:`.decode`) -> node graphs (:mod:`.compose`) -> YAML 1.2 data within the
limits (:mod:`.convert`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilint.core_checks import core_finding
from resilint.findings import Finding
from resilint.inline import InlineSuppression, may_suppress, scan
from resilint.limits import Limits, nodes_over_budget
from resilint.load.decode import decode, hidden_characters
from resilint.load.fast import fast_data
from resilint.load.positions import Lines, LoadError
from resilint.load.read import Refusal, Vetted, read_regular

if TYPE_CHECKING:  # PyYAML and the slow path are imported when a file needs them (most do not)
    from yaml.nodes import MappingNode, Node

    from resilint.load.convert import Converter

API_PREFIX = "resilint/"
_LFS_POINTER = "version https://git-lfs.github.com/spec/"


@dataclass(frozen=True)
class RawDocument:
    """A YAML document that declares a resilint apiVersion, before schema validation."""

    path: str
    index: int
    line: int
    data: dict[str, Any]
    grouped: bool = True
    """Whether the data may hold a number written with a thousands separator
    (:class:`resilint.load.grouped.Grouped`, which only the slow path makes): the fast path's
    never does, and validation need not look for one."""


@dataclass(frozen=True)
class LoadedFile:
    """One file read: its documents, the findings reading it gave, its inline suppressions."""

    path: str
    documents: tuple[RawDocument, ...] = ()
    findings: tuple[Finding, ...] = field(default=())
    suppressions: tuple[InlineSuppression, ...] = ()
    nodes: int = 0
    """Values its documents hold, aliases expanded: what the run's node budget counts."""
    composed: Composed | None = field(default=None, compare=False, repr=False)
    """The node graphs it was read from, when it was composed: positions and fixes of its
    findings are read from them rather than from the file composed again."""


@dataclass(frozen=True)
class Composed:
    """A file's text as lines and its documents' root nodes, as the locator reads them."""

    lines: Lines
    roots: list[Node]


def read_text(path: Path, limits: Limits, vetted: Vetted | None = None) -> str | Finding:
    """A file's text, or the finding that says why it cannot be read: only a regular file is
    opened (never blocking), never more than ``limits.max_file_bytes`` of it is read, and, given
    the device and inode discovery ``vetted``, only that file."""
    shown = str(path)
    data = read_regular(path, limits.max_file_bytes, vetted=vetted)
    if isinstance(data, Refusal):
        return core_finding(data.code, data.message, shown, 1, 1)
    try:
        return decode(data)
    except LoadError as error:
        return _finding(shown, error)


def compose_text(text: str, limits: Limits) -> list[Node]:
    """Root nodes of every document; raises :class:`LoadError`. Nothing is expanded here:
    the converter enforces depth and alias limits as it goes."""
    from resilint.load.compose import compose

    return compose(text, limits)


def load_file(
    path: Path | str,
    limits: Limits,
    *,
    claimed: bool = False,
    vetted: Vetted | None = None,
) -> LoadedFile:
    """Load every resilint document of one file; problems become findings, never exceptions.
    A path given as text is how the file is shown (its documents keep that very string).
    ``claimed``: the file is resilint's whatever it holds (see :func:`load_text`); ``vetted``:
    the file discovery found there (see :func:`read_text`)."""
    shown = str(path)
    text = read_text(Path(path), limits, vetted)
    if isinstance(text, Finding):
        return LoadedFile(shown, findings=(text,))
    return load_text(shown, text, limits, claimed=claimed)


def load_text(shown: str, text: str, limits: Limits, *, claimed: bool = False) -> LoadedFile:
    """Load every resilint document of a file's text (``resilint fix`` checks its edits in
    memory this way before anything is written). A top level that is not a mapping (an
    Ansible playbook's list) is YML-08 only in a file that is resilint's: one that holds a
    resilint document or a near miss, a list of them, or one ``claimed`` (named on the command
    line); in any other file it is another tool's YAML."""
    if text.startswith(_LFS_POINTER):
        return LoadedFile(
            shown,
            findings=(
                core_finding(
                    "YML-08",
                    "this is a Git LFS pointer, not the file's content; run `git lfs pull`",
                    shown,
                    1,
                    1,
                ),
            ),
        )
    findings = [_finding(shown, error) for error in hidden_characters(text)]
    # a file that may hold a suppression comment is read with positions, which tell a comment
    # from a value's text that reads like one (rare: the fast reader gives none)
    fast = fast_data(text, limits) if not may_suppress(text) else None
    if fast is not None:  # plain YAML, read by yaml-rs: the same data, no finding of its own
        data, line, nodes = fast
        document = RawDocument(shown, 0, line, data, grouped=False)
        return LoadedFile(shown, (document,), tuple(findings), (), nodes)  # no marker in it
    from resilint.load.convert import Converter

    try:
        roots = compose_text(text, limits)
        converter = Converter(limits, Lines(text))
        outcomes = [_document(shown, index, root, converter) for index, root in enumerate(roots)]
        if len(roots) > 1 and any(outcomes):
            outcomes = _fragments(roots, outcomes, converter.lines)
        not_a_mapping = _top_level(roots, claimed or any(outcomes), converter.lines)
        if not_a_mapping is not None:
            raise not_a_mapping
        if not all(outcomes):
            outcomes = _unclaimed(roots, outcomes, converter.lines)
    except LoadError as error:
        from resilint.load.syntax import unreadable  # the words, loaded only when needed

        error = unreadable(error, text)
        return LoadedFile(shown, findings=(*findings, _finding(shown, error)))
    nodes = sum(converter.expanded(root) for root in roots)
    if nodes > limits.max_total_nodes:  # alone past the run's budget: never validated
        return LoadedFile(shown, findings=(nodes_over_budget(shown, nodes, limits),))
    kept = tuple(doc for doc in outcomes if isinstance(doc, RawDocument))
    findings.extend(_finding(shown, error) for error in outcomes if isinstance(error, LoadError))
    findings.extend(_finding(shown, error) for error in converter.notes.values())
    return LoadedFile(
        shown,
        kept,
        tuple(findings),
        tuple(scan(shown, text, _in_value(roots))) if kept else (),
        nodes=nodes,
        composed=Composed(converter.lines, roots),
    )


def _in_value(roots: list[Node]) -> Callable[[int], bool]:
    """Whether a character offset lies inside a scalar of the documents, found when a comment
    first asks (most files hold none: their scalars are never listed)."""
    found: list[Callable[[int], bool]] = []

    def inside(offset: int) -> bool:
        if not found:
            found.append(_spans(roots))
        return found[0](offset)

    return inside


def _spans(roots: list[Node]) -> Callable[[int], bool]:
    """:func:`_in_value`, computed: each node visited once (aliases share theirs)."""
    spans: list[tuple[int, int]] = []
    seen: set[int] = set()
    stack: list[Any] = list(roots)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node.value, str):
            spans.append((int(node.start_mark.index), int(node.end_mark.index)))
        elif isinstance(node.value, list):
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    spans.sort()
    starts = [start for start, _ in spans]

    def inside(offset: int) -> bool:
        at = bisect_right(starts, offset) - 1
        return at >= 0 and spans[at][0] <= offset < spans[at][1]

    return inside


def _finding(path: str, error: LoadError) -> Finding:
    return core_finding(
        error.code,
        error.message,
        path,
        error.line,
        error.column,
        fix=error.fix,
        discriminator=error.discriminator,
    )


def load_mapping(path: Path, limits: Limits) -> tuple[dict[str, Any], Node] | Finding:
    """A single-document YAML file whose top level is a mapping (a configuration file), with
    its root node for positions; the same safe reading as documents."""
    text = read_text(path, limits)
    if isinstance(text, Finding):
        return text
    return mapping_of(str(path), text, limits)


def mapping_of(shown: str, text: str, limits: Limits) -> tuple[dict[str, Any], Node] | Finding:
    """:func:`load_mapping` of the text of the file shown as ``shown``."""
    from yaml.nodes import MappingNode

    from resilint.load.convert import Converter

    lines = Lines(text)
    try:
        roots = compose_text(text, limits)
        if not roots:
            return {}, MappingNode("tag:yaml.org,2002:map", [])
        converter = Converter(limits, lines)
        if len(roots) > 1 or not isinstance(roots[0], MappingNode):
            for root in roots:  # what is wrong inside first: a tag that would run code, say
                converter.convert(root)
            raise LoadError.at("YML-08", "the file must hold a single mapping", roots[-1], lines)
        data = converter.convert(roots[0])
    except LoadError as error:
        from resilint.load.syntax import unreadable

        return _finding(shown, unreadable(error, text))
    # what a document's check reports (ENC-03, ENC-04) stops a rule or configuration file
    shows_otherwise = [*hidden_characters(text), *converter.notes.values()]
    if shows_otherwise:
        return _finding(shown, min(shows_otherwise, key=lambda e: (e.line, e.column)))
    return data, roots[0]


def _document(
    path: str, index: int, root: Node, converter: Converter
) -> RawDocument | LoadError | None:
    """A resilint document; or the finding for one that looks like resilint's but does not say
    so exactly (never a silent skip); or None for YAML of another tool, which is only checked
    to be valid YAML 1.2, and for a top level that is not a mapping (:func:`_top_level` judges
    those, once the whole file is known)."""
    from yaml.nodes import MappingNode  # composed already: imported

    if _empty(root):
        return None  # an empty document (a stray ---, a file of comments) holds nothing to check
    lines = converter.lines
    if isinstance(root, MappingNode) and _declares_resilint(root):
        data = converter.convert(root)
        return RawDocument(path, index, lines.mark(root.start_mark)[0], data)
    converter.strict.walk(root)
    if not isinstance(root, MappingNode):
        return None
    from resilint.load.nearmiss import near_miss  # most files never need it

    return near_miss(root, lines)


def _fragments(
    roots: list[Node], outcomes: list[RawDocument | LoadError | None], lines: Lines
) -> list[RawDocument | LoadError | None]:
    """DOC-03 for each mapping without an apiVersion of its own in a file that holds resilint
    documents (or near misses): a stray ``---`` in the middle of a document splits its last
    fields off into a document of their own, which declares nothing and was passed over as
    another tool's YAML, so what they recorded went unread with no word said. Such a
    fragment holds fields of a resilint kind; an empty document (``---`` twice) holds nothing,
    and one of other keys alone (``x-defaults: &base ...``) holds no record: both are left
    alone."""
    from yaml.nodes import MappingNode, ScalarNode

    from resilint.load.kinds import kind_keys  # only a file of several documents asks

    judged = list(outcomes)
    for at, (root, outcome) in enumerate(zip(roots, outcomes, strict=True)):
        if outcome is not None or not isinstance(root, MappingNode) or not root.value:
            continue
        keys = [key.value for key, _ in root.value if isinstance(key, ScalarNode)]
        if not kind_keys(keys):
            continue
        shown = ", ".join(str(key) for key in keys[:3]) + (", ..." if len(keys) > 3 else "")
        lacks = [key for key in ("apiVersion", "kind", "id") if key not in keys]
        lacking = ", ".join(lacks[:-1]) + f" or {lacks[-1]}" if len(lacks) > 1 else lacks[0]
        above = "the document above" if at else "the document below"
        message = (
            f"this document ({shown}) has no {lacking}, in a file of resilint "
            f"documents, so nothing in it is checked; if a stray '---' split it from {above}, "
            "delete that line, else write apiVersion: resilint/v1, its kind and id on its first "
            "lines"
        )
        judged[at] = LoadError.at("DOC-03", message, root, lines)
    return judged


def _unclaimed(
    roots: list[Node], outcomes: list[RawDocument | LoadError | None], lines: Lines
) -> list[RawDocument | LoadError | None]:
    """The documents left to another tool that have an id and fields of a resilint kind but
    neither a kind nor an apiVersion, each as a DOC-03 that stands only where resilint
    documents lie beside its file (:mod:`resilint.unclaimed`): too little to tell on their own,
    but a supplier whose first two lines were lost in the programme's folder."""
    from yaml.nodes import MappingNode

    from resilint.load.nearmiss import unclaimed  # only a file of other YAML asks

    return [
        unclaimed(root, lines) if outcome is None and isinstance(root, MappingNode) else outcome
        for root, outcome in zip(roots, outcomes, strict=True)
    ]


def _top_level(roots: list[Node], resilints: bool, lines: Lines) -> LoadError | None:
    """YML-08 for the first document whose top level is a list or a single value, where the
    file is resilint's (``resilints``), the list holds resilint documents or the value is a
    spreadsheet's table of resilint's fields (:mod:`.tables`); None for a file of another tool
    (an Ansible playbook, Django fixtures), which is left alone."""
    from yaml.nodes import MappingNode, SequenceNode

    odd = [root for root in roots if not isinstance(root, MappingNode) and not _empty(root)]
    if not odd:
        return None
    from resilint.load.nearmiss import holds_documents  # most files never need it

    listed = next(
        (root for root in odd if isinstance(root, SequenceNode) and holds_documents(root, lines)),
        None,
    )
    if listed is not None:
        return LoadError.at(
            "YML-08",
            "the top level is a list of resilint documents, and resilint reads no document "
            "inside a list, so nothing in them would be checked; make each item a document of "
            "its own: its keys at the start of their lines, after a line '---'",
            listed,
            lines,
        )
    from resilint.load.tables import spreadsheet_table  # most files never need it

    table = next(filter(None, (spreadsheet_table(root, lines) for root in odd)), None)
    if table is not None or not resilints:
        return table
    what = "a list" if isinstance(odd[0], SequenceNode) else "a single value"
    return LoadError.at(
        "YML-08",
        f"the top level is {what}; a resilint document is a mapping with apiVersion, kind and id",
        odd[0],
        lines,
    )


def _empty(root: Node) -> bool:
    from yaml.nodes import ScalarNode

    return (
        isinstance(root, ScalarNode)
        and root.tag != "tag:yaml.org,2002:str"
        and root.value in ("", "~", "null", "Null", "NULL")
    )


def _declares_resilint(root: MappingNode) -> bool:
    """Whether the document's own apiVersion says exactly ``resilint/...``, read from its nodes.
    A padded or differently cased value is a near miss (:mod:`.nearmiss`), not a declaration."""
    from yaml.nodes import ScalarNode

    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "apiVersion":
            return (
                isinstance(value, ScalarNode)
                and value.value.startswith(API_PREFIX)
                and value.value == value.value.strip()
            )
    return False
