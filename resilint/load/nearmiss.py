"""Documents that look like resilint's but do not say so exactly: never skipped in silence.

A document is resilint's when its own ``apiVersion`` says ``resilint/...``; YAML of other tools
(CI workflows, Helm values, Kubernetes manifests) is left alone. Between the two lie mistakes
that would otherwise pass unchecked: ``apiversion:``, ``resillint/v1``, ``Resilint/v1``, a value
padded with a space, an apiVersion that arrives through a merge key (``<<``), a document without
an apiVersion that looks like a resilint document (an id, and a kind that is resilint's or nearly,
with that kind's fields: :mod:`.kinds`), and a resilint document nested inside another one
(``items: [{apiVersion: resilint/v1, ...}]``). Each is a finding that says what to write. A fix
that declares a document resilint's is offered only where the document itself says so (its
apiVersion is resilint's, misspelt) or its kind is spelt exactly and its fields leave no doubt:
``resilint fix`` runs as a hook, and must never turn another tool's data into resilint's.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from resilint.findings import Applicability, Fix
from resilint.load.kinds import (
    KindGuess,
    fold,
    guess_kind,
    guess_unnamed,
    kind_fields,
    kind_keys,
    likeliest_kind,
    telling_fields,
)
from resilint.load.positions import Lines, LoadError
from resilint.load_remedies import add_api_version, respell_key, respell_value
from resilint.patterns import kept
from resilint.suggest import distance
from resilint.unclaimed import IN_FOLDER, NEAR

API_KEY = "apiVersion"
_WRITE = "write apiVersion: resilint/v1 on the first line of this document"
_OTHER_TOOL = " (or, if this file belongs to another tool, exclude it in the configuration)"
_RESILINT_VALUE = kept(r"(?i)resilint\s*/")


def near_miss(root: MappingNode, lines: Lines) -> LoadError | None:
    """The finding for a root mapping that does not declare ``apiVersion: resilint/...`` but
    looks like a resilint document, or holds one; None for YAML of another tool."""
    pairs = [(key, value) for key, value in root.value if isinstance(key, ScalarNode)]
    guess = guess_kind(pairs)
    for key, value in pairs:
        if key.value == API_KEY:
            return _wrong_value(value, guess, lines) or nested_document(root, lines)
    for key, value in pairs:
        if _near_key(key.value) and (guess or _near_value(value)):
            return LoadError.at(
                "DOC-03",
                f"'{key.value}' is not the key resilint reads: write apiVersion: resilint/v1 "
                "(spelt exactly so, with a capital V)",
                key,
                lines,
                fix=respell_key(key, lines) if _sure(guess, value) else None,
            )
    for key, value in pairs:
        merged = _merged_version(value) if key.value == "<<" else None
        if merged is not None and (guess or _near_value(merged)):
            return LoadError.at(
                "DOC-03",
                f"apiVersion comes through a merge key (<<), where resilint does not read it; "
                f"{_WRITE}",
                key,
                lines,
                fix=add_api_version(root, lines) if _sure(guess, merged) else None,
            )
    guess = guess or guess_unnamed(pairs)
    if guess is not None:
        return _no_version(root, pairs, guess, lines)
    return nested_document(root, lines)


def unclaimed(root: MappingNode, lines: Lines) -> LoadError | None:
    """DOC-03, provisionally, for a mapping left to another tool that has an id and fields of a
    resilint kind but neither a kind nor an apiVersion: too little to tell on its own (other
    tools' YAML may hold an ``id`` and a ``name``), but among resilint documents it is one whose
    first lines were lost, and its fields would go unchecked without a word. It stands where
    resilint documents lie in the same folder (:data:`IN_FOLDER`), or, where its fields tell of
    one kind clearly (a compound field and another), in a folder above, below or next to it
    (:data:`NEAR`): :func:`resilint.unclaimed.beside_documents` judges it once every file is
    read. None for a mapping without an id, with a kind or an apiVersion (judged already), or
    holding no field of any resilint kind."""
    pairs = [(key, value) for key, value in root.value if isinstance(key, ScalarNode)]
    keys = [str(key.value) for key, _ in pairs]
    if any(k.casefold() == "kind" or fold(k) == fold(API_KEY) for k in keys):
        return None
    ident = next((value for key, value in pairs if key.value == "id"), None)
    if not isinstance(ident, ScalarNode) or not str(ident.value).strip():
        return None
    named = kind_keys(str(key.value) for key, _ in pairs if key.value != "id")
    if not named:
        return None
    kind, weight = likeliest_kind(pairs)
    shown = ", ".join(named[:3]) + (", ..." if len(named) > 3 else "")
    if kind is None:
        what, write = f"fields resilint documents have ({shown})", "and its kind"
    else:
        what, write = f"fields of a resilint {kind} ({shown})", f"and kind: {kind}"
    message = (
        f"this document has an id and {what} but neither a kind nor an apiVersion, beside "
        "resilint documents, so nothing in it would be checked; write apiVersion: "
        f"resilint/v1 {write} on its first lines{_OTHER_TOOL}"
    )
    near = NEAR if kind is not None and weight >= _CLEAR else IN_FOLDER
    return LoadError.at("DOC-03", message, root, lines, discriminator=near)


_CLEAR = 3
"""The weight of telling fields that lets a document without kind and apiVersion be judged by
resilint documents in a folder next to its own, not only in it: a compound field and another."""


def _no_version(
    root: MappingNode, pairs: list[tuple[ScalarNode, Node]], guess: KindGuess, lines: Lines
) -> LoadError:
    fields = kind_fields()[guess.kind]
    if guess.how == "unnamed":  # the fields that tell of the kind: the evidence
        telling = telling_fields()[guess.kind]
        fields = frozenset(field for field, weight in telling.items() if weight > 1)
    named = [key.value for key, _ in pairs if key.value in fields][:3]
    what = f"fields of a resilint {guess.kind} ({', '.join(named)})"
    if guess.how == "unnamed":
        message = (
            f"this document has an id and {what}, but neither a kind nor an apiVersion, so "
            f"nothing in it would be checked; write apiVersion: resilint/v1 and kind: "
            f"{guess.kind} on its first lines{_OTHER_TOOL}"
        )
        return LoadError.at("DOC-03", message, root, lines)
    if guess.how in ("plural", "near"):
        message = (
            f"kind '{guess.written}' is not a resilint kind, yet this document has {what} and "
            f"no apiVersion, so nothing in it would be checked; write kind: {guess.kind} and "
            f"apiVersion: resilint/v1 on the first line of this document{_OTHER_TOOL}"
        )
        return LoadError.at("DOC-03", message, root, lines)
    respell = "" if guess.how == "exact" else f" and kind: {guess.kind}"
    message = (
        f"this document has kind '{guess.written}' and {what}, like a resilint document, but "
        f"no apiVersion, so nothing in it would be checked; {_WRITE}{respell}{_OTHER_TOOL}"
    )
    fix = _declare(root, lines, guess) if guess.how == "exact" else None
    return LoadError.at("DOC-03", message, root, lines, fix=fix)


def _declare(root: MappingNode, lines: Lines, guess: KindGuess) -> Fix | None:
    """The apiVersion line for a document whose kind is resilint's, spelt exactly: a safe fix
    where its fields leave no doubt, else an unsafe one (``--unsafe-fixes``), since a hook must
    never declare another tool's file resilint's (``kind: Control`` with an id and a name)."""
    return add_api_version(root, lines, Applicability.SAFE if guess.sure else Applicability.UNSAFE)


def _sure(guess: KindGuess | None, version: Node) -> bool:
    """Whether a fix may declare the document resilint's: its apiVersion says resilint (in
    another case or misspelt), or its kind and fields leave no doubt."""
    return _near_value(version) or (guess is not None and guess.sure)


def nested_document(root: Node, lines: Lines) -> LoadError | None:
    """The finding for a resilint document nested inside a document of another tool (under a
    key or in a list), where resilint never reads it; None when there is none."""
    start, end = root.start_mark.index, root.end_mark.index
    if _RESILINT_VALUE.search(lines.text, start, end) is None:
        return None  # the usual case: the document's text never says resilint/
    stack: list[tuple[Node, str]] = [(root, "")]  # its own apiVersion is not resilint's
    seen: set[int] = set()
    while stack:
        node, under = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        keys = _keys(node)
        for key, value in node.value if "kind" in keys or "id" in keys else ():
            if _is_version(key, value):
                where = f" under '{under}'" if under else ""
                return LoadError.at(
                    "DOC-03",
                    f"a resilint document (apiVersion: {value.value.strip()}) is nested{where} "
                    "inside a document of another tool, where resilint does not read it, so "
                    "nothing in it would be checked; make it a document of its own: its keys "
                    "at the start of their lines, after a line '---'",
                    key,
                    lines,
                )
        stack.extend((child, _name(node, child) or under) for child in _children(node))
    return None


def holds_documents(root: SequenceNode, lines: Lines) -> bool:
    """Whether a top-level list holds resilint documents: an item that declares a resilint
    apiVersion (however written) or looks like a resilint document, or one nested deeper.
    resilint reads no document inside a list, so such a list must never pass in silence."""
    for item in root.value:
        if not isinstance(item, MappingNode):
            continue
        if any(_is_version(key, value) for key, value in item.value):
            return True
        if near_miss(item, lines) is not None:
            return True
    return nested_document(root, lines) is not None


def _keys(node: Node) -> set[str]:
    """The keys of a mapping, case-folded (a fragment for merging, with no kind and no id, is
    not a document)."""
    if not isinstance(node, MappingNode):
        return set()
    return {key.value.casefold() for key, _ in node.value if isinstance(key, ScalarNode)}


def _is_version(key: Node, value: Node) -> bool:
    return (
        isinstance(key, ScalarNode)
        and fold(key.value) == "apiversion"
        and isinstance(value, ScalarNode)
        and value.value.strip().casefold().startswith("resilint/")
    )


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [value for _, value in node.value]
    return list(node.value) if isinstance(node, SequenceNode) else []


def _name(parent: Node, child: Node) -> str | None:
    """The key ``child`` is the value of in ``parent``, to say where a nested document is."""
    if isinstance(parent, MappingNode):
        for key, value in parent.value:
            if value is child and isinstance(key, ScalarNode):
                return str(key.value)
    return None


def _wrong_value(value: Node, guess: KindGuess | None, lines: Lines) -> LoadError | None:
    text = value.value if isinstance(value, ScalarNode) else None
    near = _near_value(value)
    if not near:
        if guess is None:
            return None
        why = f"names another tool, yet the document has kind '{guess.written}' and an id"
    elif isinstance(text, str) and text.strip() != text and text.strip().startswith("resilint/"):
        why = "has spaces around it"
    elif isinstance(text, str) and text.casefold().startswith("resilint/"):
        why = "must be written in lower case"
    else:
        why = "is not spelt r-e-s-i-l-i-n-t"
    shown = f"'{text}'" if isinstance(text, str) else "here"
    version_one = isinstance(text, str) and text.strip().casefold().endswith("/v1")
    return LoadError.at(
        "DOC-03",
        f"apiVersion {shown} {why}: write apiVersion: resilint/v1 (or, if this file belongs to "
        "another tool, exclude it in the configuration)",
        value,
        lines,
        fix=respell_value(value, lines) if near and version_one else None,
    )


def _near_key(key: str) -> bool:
    if key == API_KEY or not key:
        return False
    return distance(fold(key), "apiversion") <= 2


def _near_value(node: Node) -> bool:
    """``resilint/...`` in another case, with spaces, or misspelt by up to two letters."""
    if not isinstance(node, ScalarNode):
        return False
    head = node.value.strip().casefold().split("/", 1)[0]
    return head.startswith("resilint") or distance(head, "resilint") <= 2


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
