"""Where a new document goes: where the repository already keeps its kind, learned from the
existing files (one file per document in a directory, or one file holding them all), else the
``resilint init`` layout under programme/. And writing it there, verified."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resilint.discover import CONFIG_NAMES, walked_name, yaml_named
from resilint.edit.files import EditRefused, create, read_for_edit, replace
from resilint.edit.output import note, show, unified
from resilint.edit.repository import Repository
from resilint.edit.verify import same
from resilint.init import TEMPLATES
from resilint.limits import Limits
from resilint.load import load_file, load_text
from resilint.load.read import within
from resilint.yamltext import newline


@dataclass(frozen=True)
class Placement:
    """Where a new document goes: the file, and whether it is appended to one that exists."""

    path: Path
    append: bool
    """The file exists and holds other documents: the new one is appended after a '---'."""


@cache
def init_directories() -> dict[str, str]:
    """The directory ``resilint init`` gives each kind (programme/suppliers/ ...)."""
    layout: dict[str, str] = {}
    for template in sorted((TEMPLATES / "programme").glob("*/*.yaml")):
        for document in load_file(template, Limits()).documents:
            layout.setdefault(str(document.data.get("kind")), template.parent.name)
    return layout


def place(repository: Repository, kind: str, name: str, explicit: Path | None) -> Placement:
    if explicit is not None:
        # as written, '..' taken out (``sub/../w.yaml`` is w.yaml): the file that is written,
        # as the messages name it, also where ``sub`` is missing or a link
        explicit = Path(os.path.normpath(explicit))
        _read_by_check(repository, explicit)
        return Placement(explicit, explicit.exists())
    files = Counter(doc.path for doc in repository.index.of_kind(kind))
    if not files:
        directory = init_directories().get(kind, kind.lower())
        return Placement(repository.root / "programme" / directory / f"{name}.yaml", False)
    folders = Counter(Path(path).parent for path in files.elements())
    folder = folders.most_common(1)[0][0]
    in_folder = [path for path in files if Path(path).parent == folder]
    if len(in_folder) == 1 and files[in_folder[0]] > 1:
        return Placement(Path(in_folder[0]), True)  # one file holds them all
    return Placement(folder / f"{name}.yaml", False)


def _read_by_check(repository: Repository, path: Path) -> None:
    """Refuse a ``--file`` that ``resilint check`` never reads as documents: the configuration
    file (a document appended to it breaks every later run), a name without a YAML suffix, one
    in a hidden directory, or one the configuration's ``exclude`` leaves out. A document written
    there would be reported as written and never be seen: a waiver that waives nothing, a
    supplier no reference finds. (A path outside the repository is refused as it is written.)"""
    target = os.path.realpath(path)
    if not within(target, repository.boundary):
        return
    source = repository.config.source
    names = Path(os.path.relpath(target, repository.boundary)).parts
    if (source is not None and target == os.path.realpath(source)) or names[-1] in CONFIG_NAMES:
        why = "it is a configuration file"
    elif not yaml_named(names[-1]):
        why = "its name does not end in .yaml or .yml"
    elif any(name.startswith(".") for name in names):
        why = "it is hidden, or in a hidden directory"
    elif walked_name(Path(repository.boundary), target, repository.config.exclude) is None:
        why = "the configuration's exclude leaves it out, or a directory above it is named .yaml"
    else:
        return
    raise EditRefused(
        f"{path}: resilint check never reads documents from this file ({why}), so what is "
        "written there would never be checked or take effect; name a .yaml file that "
        "`resilint check` reads"
    )


def write_document(repository: Repository, placement: Placement, text: str, diff: bool) -> None:
    """Write ``text`` (one document) as a new file or appended to one; ``diff``: show only."""
    limits = repository.config.limits
    if not placement.append:
        if diff:
            show(unified(str(placement.path), "", text))
            return
        create(placement.path, text, repository.boundary)
        note(f"wrote {placement.path}")
        return
    vetted = repository.vetted.get(str(placement.path))
    file = read_for_edit(placement.path, repository.boundary, limits.max_file_bytes, vetted)
    eol = newline(file.text)  # the file's own line break: a CRLF file stays CRLF throughout
    joined = file.text + ("" if file.text.endswith(("\n", "\r")) or not file.text else eol)
    new = joined + ("---\n" + text).replace("\n", eol)
    _check_append(str(placement.path), file.text, new, limits)
    if diff:
        show(unified(str(placement.path), file.text, new))
        return
    replace(file, new)
    note(f"added to {placement.path}")


def _check_append(shown: str, old: str, new: str, limits: Limits) -> None:
    """The file must hold what it held, then the new document, and nothing else changed."""
    before, after = load_text(shown, old, limits), load_text(shown, new, limits)
    kept = [d.data for d in before.documents]
    if len(after.documents) != len(kept) + 1 or not all(
        same(a, b.data) for a, b in zip(kept, after.documents, strict=False)
    ):
        broken = next(iter(before.findings), None)  # not read whole: say why, where
        if broken is not None:
            raise EditRefused(
                f"{shown}:{broken.line}:{broken.column}: {broken.code} {broken.message}; "
                "resilint adds to a file it can read whole only: fix it first (resilint check "
                "says the same); not written"
            )
        raise EditRefused(f"{shown}: appending would change the documents it holds; not written")
