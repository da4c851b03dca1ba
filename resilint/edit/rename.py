"""``resilint rename KIND OLD NEW``: an id and every reference to it, across the repository.

References are what the schemas declare (``x-resilint-ref``) and the targets of waivers. Each
value is rewritten where it stands, in its own quoting, so lines do not move and inline
suppressions keep pointing where they pointed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from yaml.nodes import Node, ScalarNode

from resilint.edit.files import EditRefused, TextFile, read_for_edit
from resilint.edit.repository import Repository
from resilint.edit.splice import apply
from resilint.edit.verify import verify
from resilint.errors import UsageError
from resilint.findings import Applicability, Edit, Fix, JsonPath, format_json_path
from resilint.locate import Locator
from resilint.model import Document, ambiguous
from resilint.suggest import did_you_mean
from resilint.yamltext import node_at, replacement, scalar_text, source

Place = tuple[Document, JsonPath]


def id_pattern(repository: Repository) -> re.Pattern[str]:
    spec = repository.schemas.resolve({"$ref": "common.json#/$defs/id"})
    return re.compile(str(spec["pattern"]).replace("$", r"\Z"))


def places(repository: Repository, kind: str, old: str) -> dict[str, list[Place]]:
    """Where ``old`` stands as the id of the ``kind`` document and as a reference to it."""
    index = repository.index
    document = index.get(kind, old)
    if document is None:
        known = list(index.ids(kind))
        raise UsageError(f"there is no {kind} '{old}'{did_you_mean(old, known)}")
    namesakes = index.namesakes(kind, old)
    if len(namesakes) > 1:  # renaming the first found would hand its references to it
        raise UsageError(ambiguous(namesakes, old))
    found: dict[str, list[Place]] = defaultdict(list)
    found[document.path].append((document, ("id",)))
    for doc in index.documents:
        for place in _references(repository, doc, kind, old):
            found[doc.path].append((doc, place))
    return found


def _references(repository: Repository, doc: Document, kind: str, old: str) -> Iterator[JsonPath]:
    if doc.kind in repository.schemas.kinds:
        for field in repository.schemas.references(doc.kind):
            if field.target == kind:
                yield from (path for path, value in field.values(doc.data) if value == old)
    targets = doc.data.get("targets") if doc.kind == "Waiver" else None
    for number, target in enumerate(targets if isinstance(targets, list) else []):
        if isinstance(target, dict) and target.get("kind") == kind and target.get("id") == old:
            yield ("targets", number, "id")


def renamed(
    repository: Repository, path: str, spots: list[Place], old: str, new: str
) -> tuple[TextFile, str]:
    """One file's text with the id rewritten at each spot, verified."""
    limit = repository.config.limits.max_file_bytes
    file = read_for_edit(path, repository.boundary, limit, repository.vetted.get(path))
    locator = Locator(repository.config.limits)
    locator.seed(path, file.text)
    by_document: dict[int, list[tuple[JsonPath, Edit]]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for document, where in spots:
        edit = _edit(locator, document, where, old, new)
        if (edit.line, edit.column) not in seen:
            seen.add((edit.line, edit.column))
            by_document[document.index].append((where, edit))
    fixes = [
        Fix("rename", Applicability.SAFE, tuple(e for _, e in pairs), tuple(p for p, _ in pairs))
        for pairs in by_document.values()
    ]
    text = apply(file.text, [edit for fix in fixes for edit in fix.edits])
    reason = verify(file.text, text, fixes, repository.config.limits)
    if reason is not None:
        raise EditRefused(f"{path}: not renamed: {reason}")
    return file, text


def _merged(root: Node, where: JsonPath, old: str) -> bool:
    """Whether ``where`` holds ``old`` through a merge key (<<), as the loader reads it."""
    from resilint.locate import find_node

    node = find_node(root, where, on_key=False)
    return isinstance(node, ScalarNode) and node.value == old


def _edit(locator: Locator, document: Document, where: JsonPath, old: str, new: str) -> Edit:
    tree = locator.tree(document)
    found = node_at(tree[0], where) if tree else None
    node = found[1] if found else None
    if tree is not None and found is None and _merged(tree[0], where, old):
        raise EditRefused(
            f"{document.path}:{document.line}: '{old}' comes from a merge key (<<) at "
            f"{format_json_path(where)}, which other mappings may share; rename it by hand; "
            "nothing renamed"
        )
    if tree is None or not isinstance(node, ScalarNode) or node.value != old:
        raise EditRefused(f"{document.path}: changed since it was read; nothing renamed")
    if source(node, tree[1]) is None:
        raise EditRefused(
            f"{document.path}:{document.line}: '{old}' is written through an alias or over "
            "several lines; rename it by hand"
        )
    text = scalar_text(new, node.style)
    return replacement(tree[1], node.start_mark.index, node.end_mark.index, text)
