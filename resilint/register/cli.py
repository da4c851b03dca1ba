"""``resilint register export`` and ``resilint register import`` on the command line: click
options parsed into typed arguments for :mod:`.export` and :mod:`.importer`. Added to
resilint's group by :func:`add_commands`; nothing here imports a writer until a command runs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from resilint.app import CheckArgs
from resilint.cli_options import IsoDate
from resilint.reporters.base import printable
from resilint.userfiles import DIRECTORY_NAMED, names_directory

Guard = Callable[[Callable[[], int]], None]


def add_commands(main: click.Group, guarded: Guard) -> None:
    @main.group("register")
    def register_group() -> None:
        """The DORA register of information: export it as the ESAs' xBRL-CSV package (or CSV,
        or a workbook), import one kept in spreadsheets."""

    @register_group.command("export")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @click.option(
        "--format",
        "output_format",
        type=click.Choice(["xbrl-csv", "csv", "xlsx"]),
        default="xbrl-csv",
        show_default=True,
        help="xbrl-csv: the report package to file; csv: a readable CSV per template; "
        "xlsx: one workbook, a sheet per template.",
    )
    @click.option(
        "--output",
        "-o",
        type=click.Path(path_type=str),  # as written: a trailing slash names a directory
        help="Where to write: a directory for xbrl-csv, created if missing (the zip takes the "
        "name the filing rules give it; default: here; a path ending in .zip names the file) "
        "and csv (default: register/), a file for xlsx (default: register.xlsx).",
    )
    @click.option(
        "--reference-date",
        type=IsoDate(),
        help="The register's reference date, YYYY-MM-DD (default: the last 31 December on or "
        "before the as-of date); the check runs as of it.",
    )
    @click.option(
        "--entity",
        help="The Entity whose register to export: when several keep a group's, or any entity "
        "under DORA for its register at entity level (of what it alone uses).",
    )
    @click.option(
        "--entity-level",
        is_flag=True,
        help="The register at entity level of the entity that keeps the group's: of what it "
        "alone uses, filed as individual (IND); DORA Art. 28(3) asks both.",
    )
    @click.option(
        "--sub-consolidated",
        is_flag=True,
        help="With --entity: the register of that entity's sub-group (itself and the "
        "financial entities and ICT intra-group service providers below it), filed as "
        "consolidated (CON) where it covers more than one legal person.",
    )
    @click.option(
        "--allow-incomplete",
        is_flag=True,
        help="Write the register even while the readiness rules fail (the ESAs may reject it).",
    )
    @click.option(
        "--config",
        "-c",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Configuration file (default: resilint.yaml found upward in the git work tree).",
    )
    def export_command(**options: Any) -> None:
        """Export the register of information of the repository at PATHS: exit 1, with the
        findings, while the readiness rules (dora-register) or the ESAs' key checks fail."""
        from resilint.register.export import ExportArgs, run_export

        args = ExportArgs(
            CheckArgs(paths=options["paths"], config=options["config"]),
            options["output_format"],
            _output(options["output"], options["output_format"]),
            _day(options["reference_date"]),
            options["entity"],
            options["allow_incomplete"],
            options["entity_level"],
            options["sub_consolidated"],
        )
        guarded(lambda: run_export(args))

    @register_group.command("import")
    @click.argument("source", type=click.Path(path_type=Path, exists=True))
    @click.option(
        "--output",
        "-o",
        required=True,
        type=click.Path(path_type=Path, file_okay=False),
        help="Directory to write the resilint documents into; no file is overwritten.",
    )
    def import_command(source: Path, output: Path) -> None:
        """Read a register in the templates' layout (an exported workbook, a directory of the
        template CSVs, or the EBA template workbook) and write resilint YAML: one file per
        provider with its contracts, and the entities and functions; list what could not be
        mapped."""
        from resilint.register.importer import ImportArgs, run_import

        args = ImportArgs(source, output)
        guarded(lambda: run_import(args))


def _output(written: str | None, output_format: str) -> Path | None:
    """The path ``-o`` names. Written as a directory (``out/``), it is one for the formats
    written into a directory, and refused where it names the file itself (xlsx, a package
    ``x.zip/``): taken as a path, ``out/`` is the file ``out``, written in its place."""
    if written is None:
        return None
    path = Path(written)
    file_named = output_format == "xlsx" or path.suffix.lower() == ".zip"
    if file_named and output_format != "csv" and names_directory(written):
        raise click.BadParameter(
            f"'{printable(written)}' {DIRECTORY_NAMED}", param_hint="'--output' / '-o'"
        )
    return path


def _day(value: datetime.date | None) -> datetime.date | None:
    return value.date() if isinstance(value, datetime.datetime) else value
