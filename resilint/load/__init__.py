"""Stage 2 of the flow: read one file safely into documents, or into findings that say why not.

bytes -> text (:mod:`.decode`) -> node graphs (:mod:`.compose`) -> YAML 1.2 data within the
limits (:mod:`.convert`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from resilint.core_checks import core_finding
from resilint.findings import Finding
from resilint.inline import InlineSuppression, scan
from resilint.limits import Limits
from resilint.load.compose import YamlProblem, compose
from resilint.load.convert import Converter
from resilint.load.decode import DecodeProblem, decode

API_PREFIX = "resilint/"
_LFS_POINTER = "version https://git-lfs.github.com/spec/"


@dataclass(frozen=True)
class RawDocument:
    """A YAML document that declares a resilint apiVersion, before schema validation."""

    path: str
    index: int
    line: int
    data: dict[str, Any]


@dataclass(frozen=True)
class LoadedFile:
    path: str
    documents: tuple[RawDocument, ...] = ()
    findings: tuple[Finding, ...] = field(default=())
    suppressions: tuple[InlineSuppression, ...] = ()


def read_text(path: Path, limits: Limits) -> str | Finding:
    """A file's text, or the finding that says why it cannot be read."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            return core_finding("FILE-01", "this is a directory, not a YAML file", shown, 1, 1)
        if size > limits.max_file_bytes:
            return core_finding(
                "FILE-02",
                f"the file is {size:,} bytes, more than the limit of "
                f"{limits.max_file_bytes:,} (limits.max_file_bytes)",
                shown,
                1,
                1,
            )
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return core_finding("FILE-01", f"cannot read the file: {reason}", shown, 1, 1)
    text = decode(data)
    if isinstance(text, DecodeProblem):
        return core_finding(text.code, text.message, shown, text.line, text.column)
    return text


def compose_text(text: str, limits: Limits) -> list[Node]:
    """Root nodes of every document; raises :class:`YamlProblem`. Nothing is expanded here:
    the converter enforces depth and alias limits as it goes."""
    return compose(text, limits)


def load_file(path: Path, limits: Limits) -> LoadedFile:
    """Load every resilint document of one file; problems become findings, never exceptions."""
    shown = str(path)
    text = read_text(path, limits)
    if isinstance(text, Finding):
        return LoadedFile(shown, findings=(text,))
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
    try:
        roots = compose_text(text, limits)
        converter = Converter(limits)
        documents = [_document(shown, index, root, converter) for index, root in enumerate(roots)]
    except YamlProblem as problem:
        return LoadedFile(
            shown,
            findings=(
                core_finding(problem.code, problem.message, shown, problem.line, problem.column),
            ),
        )
    kept = tuple(doc for doc in documents if doc is not None)
    return LoadedFile(shown, kept, suppressions=tuple(scan(shown, text)) if kept else ())


def load_mapping(path: Path, limits: Limits) -> tuple[dict[str, Any], Node] | Finding:
    """A single-document YAML file whose top level is a mapping (a configuration file), with
    its root node for positions; the same safe reading as documents."""
    shown = str(path)
    text = read_text(path, limits)
    if isinstance(text, Finding):
        return text
    try:
        roots = compose_text(text, limits)
        if not roots:
            return {}, MappingNode("tag:yaml.org,2002:map", [])
        if len(roots) > 1 or not isinstance(roots[0], MappingNode):
            raise YamlProblem.at("YML-08", "the file must hold a single mapping", roots[-1])
        return Converter(limits).convert(roots[0]), roots[0]
    except YamlProblem as problem:
        return core_finding(problem.code, problem.message, shown, problem.line, problem.column)


def _document(path: str, index: int, root: Node, converter: Converter) -> RawDocument | None:
    if (
        isinstance(root, ScalarNode)
        and root.tag != "tag:yaml.org,2002:str"
        and root.value in ("", "~", "null", "Null", "NULL")
    ):
        return None  # an empty document (a stray ---, a file of comments) holds nothing to check
    if not isinstance(root, MappingNode):
        what = "a list" if not isinstance(root, ScalarNode) else "a single value"
        raise YamlProblem.at(
            "YML-08",
            f"the top level is {what}; a resilint document is a mapping "
            "with apiVersion, kind and id",
            root,
        )
    if not _declares_resilint(root):
        return None  # YAML of another tool (a CI workflow, Helm values): never walked
    data = converter.convert(root)
    version = data.get("apiVersion")
    if not (isinstance(version, str) and version.startswith(API_PREFIX)):
        return None  # YAML of another tool (a CI workflow, a Helm values file): not ours
    return RawDocument(path, index, root.start_mark.line + 1, data)


def _declares_resilint(root: MappingNode) -> bool:
    """Whether the document says ``apiVersion: resilint/...``, read from its nodes."""
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "apiVersion":
            return isinstance(value, ScalarNode) and value.value.startswith(API_PREFIX)
    return False


def display_path(path: Path, root: Path) -> str:
    """How a path is shown: relative to the repository root when inside it."""
    try:
        return os.path.relpath(path, root) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        return str(path)
