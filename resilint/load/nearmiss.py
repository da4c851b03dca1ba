"""Documents that look like resilint's but do not say so exactly: never skipped in silence.

A document is resilint's when its own ``apiVersion`` says ``resilint/...``; YAML of other tools
(CI workflows, Helm values, Kubernetes manifests) is left alone. Between the two lie mistakes
that would otherwise pass unchecked: ``apiversion:``, ``resillint/v1``, ``Resilint/v1``, a value
padded with a space, an apiVersion that arrives through a merge key (``<<``), or a document with a
resilint kind and an id and no apiVersion at all. Each is a finding that says what to write.
"""

from __future__ import annotations

import re
from functools import cache

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from resilint.load.positions import Lines, LoadError
from resilint.load_remedies import add_api_version, respell_key, respell_value

API_KEY = "apiVersion"
_WRITE = "write apiVersion: resilint/v1 on the first line of this document"
_KEY_NOISE = re.compile(r"[\s_.-]+")


@cache
def resilint_kinds() -> frozenset[str]:
    """The kinds resilint's own schemas define, case-folded: the same set validation uses."""
    from resilint.resources import data_dir
    from resilint.schemas import SchemaSet

    return frozenset(kind.casefold() for kind in SchemaSet(data_dir("schemas")).kinds)


def near_miss(root: MappingNode, lines: Lines) -> LoadError | None:
    """The finding for a root mapping that does not declare ``apiVersion: resilint/...`` but
    looks like a resilint document; None for YAML of another tool."""
    pairs = [(key, value) for key, value in root.value if isinstance(key, ScalarNode)]
    kind = _resilint_kind(pairs)
    for key, value in pairs:
        if key.value == API_KEY:
            return _wrong_value(value, kind, lines)
    for key, value in pairs:
        if _near_key(key.value) and (kind or _near_value(value)):
            return LoadError.at(
                "DOC-03",
                f"'{key.value}' is not the key resilint reads: write apiVersion: resilint/v1 "
                "(spelt exactly so, with a capital V)",
                key,
                lines,
                fix=respell_key(key, lines),
            )
    for key, value in pairs:
        merged = _merged_version(value) if key.value == "<<" else None
        if merged is not None and (kind or _near_value(merged)):
            return LoadError.at(
                "DOC-03",
                f"apiVersion comes through a merge key (<<), where resilint does not read it; "
                f"{_WRITE}",
                key,
                lines,
                fix=add_api_version(root, lines),
            )
    if kind:
        return LoadError.at(
            "DOC-03",
            f"this document has kind '{kind}' and an id, like a resilint document, but no "
            f"apiVersion, so nothing in it would be checked; {_WRITE}",
            root,
            lines,
            fix=add_api_version(root, lines),
        )
    return None


def _wrong_value(value: Node, kind: str | None, lines: Lines) -> LoadError | None:
    text = value.value if isinstance(value, ScalarNode) else None
    if not (kind or _near_value(value)):
        return None
    if isinstance(text, str) and text.strip() != text and text.strip().startswith("resilint/"):
        why = "has spaces around it"
    elif isinstance(text, str) and text.casefold().startswith("resilint/"):
        why = "must be written in lower case"
    elif _near_value(value):
        why = "is not spelt r-e-s-i-l-i-n-t"
    else:
        why = f"names another tool, yet the document has kind '{kind}' and an id"
    shown = f"'{text}'" if isinstance(text, str) else "here"
    version_one = isinstance(text, str) and text.strip().casefold().endswith("/v1")
    return LoadError.at(
        "DOC-03",
        f"apiVersion {shown} {why}: write apiVersion: resilint/v1 (or, if this file belongs to "
        "another tool, exclude it in the configuration)",
        value,
        lines,
        fix=respell_value(value, lines) if version_one and "another tool" not in why else None,
    )


def _resilint_kind(pairs: list[tuple[ScalarNode, Node]]) -> str | None:
    """The kind's text when the document has a resilint kind (in any case) and an id."""
    names = {key.value.casefold(): value for key, value in pairs}
    kind = names.get("kind")
    if "id" not in names or not isinstance(kind, ScalarNode):
        return None
    text = kind.value.strip()
    return text if text.casefold() in resilint_kinds() else None


def _near_key(key: str) -> bool:
    if key == API_KEY or not key:
        return False
    folded = _KEY_NOISE.sub("", key).casefold()
    return folded == "apiversion" or _distance(folded, "apiversion") <= 2


def _near_value(node: Node) -> bool:
    """``resilint/...`` in another case, with spaces, or misspelt by up to two letters."""
    if not isinstance(node, ScalarNode):
        return False
    head = node.value.strip().casefold().split("/", 1)[0]
    return head.startswith("resilint") or _distance(head, "resilint") <= 2


def _merged_version(node: Node) -> Node | None:
    """The apiVersion value a merge key brings in, following nested merges."""
    stack, seen = [node], set()
    while stack:
        source = stack.pop()
        if id(source) in seen:
            continue
        seen.add(id(source))
        if isinstance(source, SequenceNode):
            stack.extend(source.value)
        elif isinstance(source, MappingNode):
            for key, value in source.value:
                if isinstance(key, ScalarNode) and key.value == API_KEY:
                    return value  # type: ignore[no-any-return]
                if isinstance(key, ScalarNode) and key.value == "<<":
                    stack.append(value)
    return None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, cut short: only 'at most two' matters, and keys are short."""
    if abs(len(a) - len(b)) > 2 or len(a) > 40:
        return 3
    row = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, char_b in enumerate(b, 1):
            previous, row[j] = (
                row[j],
                min(row[j] + 1, row[j - 1] + 1, previous + (char_a != char_b)),
            )
    return row[-1]
