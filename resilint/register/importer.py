"""``resilint register import``: a register kept in the templates' layout becomes resilint
documents, one file per provider with its contracts (suppliers/<id>.yaml), the entities and the
functions; each document opens with a comment naming the sheet and rows it came from. Files are
created, never overwritten, inside the output directory (the write helpers of
:mod:`resilint.edit.files`), rendered by ruamel.yaml (:mod:`resilint.edit.render`, imported
only when this command runs). Rows that map onto nothing are listed."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click

from resilint.errors import ExitCode, UsageError
from resilint.register.import_contracts import assessments, contracts, functions
from resilint.register.import_entities import Providers, entities, providers
from resilint.register.import_values import Built, Doc
from resilint.register.tables import SourceRow, read_tables
from resilint.reporters.base import printable
from resilint.userfiles import output_directory


@dataclass(frozen=True)
class ImportArgs:
    """What ``resilint register import`` was asked: the register to read and where to write."""

    source: Path
    output: Path


def run_import(args: ImportArgs) -> int:
    from resilint.edit.files import create_all  # the write helpers; ruamel only from here on
    from resilint.edit.render import render

    rows = read_tables(args.source)
    if not rows:
        raise UsageError(
            f"{printable(str(args.source))}: no table of a register template (B_01.01 ...) "
            "with rows; nothing to import"
        )
    built = build(rows)
    files = _files(built)
    if not files:  # rows were read, and none gave a document: never "wrote 0 files", status 0
        for line in built.unmapped:
            click.echo(f"not mapped: {printable(line)}")
        raise UsageError(
            f"{printable(str(args.source))}: none of its {len(rows):,} rows gives a resilint "
            "document (an entity of B_01.02, a function of B_06.01, or an arrangement of "
            "B_02.01 with its provider); nothing was written"
        )
    output_directory(args.output)
    boundary = os.path.realpath(args.output)
    taken = [name for name in files if os.path.lexists(args.output / name)]
    if taken:  # refused before anything is written: no half import to clean up
        shown = ", ".join(printable(name) for name in taken[:5])
        more = f" and {len(taken) - 5} more" if len(taken) > 5 else ""
        raise UsageError(
            f"{printable(str(args.output))}: {shown}{more} already exist; nothing was written "
            "(import into an empty directory, or move those files away)"
        )
    texts = [
        (
            args.output / name,
            "---\n".join(_rendered(d, render(d, {}, tuple(_header(built, d)))) for d in docs),
        )
        for name, docs in files.items()
    ]
    create_all(texts, boundary)  # all of them, or none
    click.echo(f"wrote {len(files)} files to {printable(str(args.output))}", err=True)
    for line in built.noted:
        click.echo(f"noted: {printable(line)}")
    for line in built.unmapped:
        click.echo(f"not mapped: {printable(line)}")
    if not built.unmapped:
        return ExitCode.OK
    count = len(built.unmapped)
    click.echo(
        f"resilint: the import is incomplete: {count:,} "
        f"{'row or value' if count == 1 else 'rows or values'} of the register listed "
        "'not mapped' are in none of the files written (status 1); add them to the documents "
        "by hand, or correct the register and import it again",
        err=True,
    )
    return ExitCode.FINDINGS


def _rendered(document: Doc, text: str) -> str:
    """``text``, once it reads back as ``document``: an import never files another value."""
    from resilint.edit.render import read_back

    differs = read_back(text, document)
    if differs is not None:  # a defect of the writer: nothing written
        raise UsageError(
            f"{document.get('kind')} {document.get('id')} would read back other than the "
            f"register gives at {differs}; nothing was written (please report this)"
        )
    return text


def _header(built: Built, document: Doc) -> list[str]:
    return [f"Imported from the register: {', '.join(built.sources[id(document)])}"]


def _files(built: Built) -> dict[str, list[Doc]]:
    files: dict[str, list[Doc]] = {}
    if built.entities:
        files["entities.yaml"] = list(built.entities.values())
    if built.functions:
        files["functions.yaml"] = list(built.functions.values())
    for sid, supplier in built.suppliers.items():
        contracts = [c for c in built.contracts.values() if c["supplier"] == sid]
        files[f"suppliers/{sid}.yaml"] = [supplier, *contracts]
    return files


def _unnamed_providers(built: Built, known: Providers) -> None:
    """A provider of B_05.01 becomes a Supplier only through an arrangement that names it
    (B_03.02, B_02.02), or an entry under one (a subcontractor, an ultimate parent): one that
    nothing names is listed, never dropped in silence."""
    used = set(built.suppliers)
    for supplier in built.suppliers.values():
        used |= {entry["id"] for entry in supplier.get("subcontractors", [])}
    for key, row in known.rows.items():
        if known.ids[key] in used:
            parent = known.find(row.values.get("c0110", ""), row.values.get("c0120", ""), "")
            used |= {parent[0]} if parent is not None else set()
    for key, row in known.rows.items():
        if known.ids[key] not in used:
            name = row.values.get("c0050", "") or key[0]
            built.unmapped.append(
                f"{row.where}: provider {name} is named by no arrangement (B_03.02, B_02.02) "
                "nor as a subcontractor or parent; not imported"
            )


def build(rows: list[SourceRow]) -> Built:
    built = Built()
    by: dict[str, list[SourceRow]] = defaultdict(list)
    for row in rows:
        by[row.template].append(row)
    leis = entities(built, by)
    functions(built, by, leis)
    known = providers(by, built.unmapped)
    contracts(built, by, leis, known)
    assessments(built, by)
    _unnamed_providers(built, known)
    for row in by["B_99.01"]:
        built.unmapped.append(f"{row.where}: the entity's own definitions (B_99.01) have no field")
    return built
