"""The command line of ``check`` and ``pre-commit`` as typed arguments (:class:`CheckArgs`), and
its plain forms parsed without click.

Importing click is about a fifth of a one-file check's start-up, paid on every commit by the
pre-commit hook and by every CI job. The command lines those run -- file names, and the options
that take a format, a level, a date, a number, a path or rule codes, or are switched on or off
-- are parsed here from a table of those options (:func:`plain`). Any other command line goes
to click, which parses every command line and says what is wrong with one: an option not in the
table (``--fix``, ``--server``, ``--help``), a value click would refuse (a date that is not
one, an unknown format, a configuration path that is a directory), a value that reads as an
option, ``--`` or ``-``, a short option joined to its value (``-fjson``), or an argument that
reads as an option but names a file here (:func:`resilint.command.file_named_like_option`).
So the table only ever decides what click would have decided (tests/test_check_line.py parses
the same command lines both ways, and checks the table against click's declared options).
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from resilint.app import CheckArgs
from resilint.command import file_named_like_option
from resilint.reporters import REPORTERS
from resilint.reporters.base import printable
from resilint.reporters.grouped import GROUPINGS
from resilint.selection import command_line, split_codes
from resilint.userfiles import input_named

FORMATS = tuple(sorted(REPORTERS))
FAIL_ON = ("error", "warning", "info", "never")


class OutputsError(ValueError):
    """An ``--output-format`` value that is not FORMAT=FILE."""


def outputs(values: Sequence[str]) -> tuple[tuple[str, Path], ...]:
    """``--output-format`` values (``sarif=results.sarif``) as (format, file) pairs; refused
    before the run writes anything: a file named like an input (:func:`input_named`), or a
    file two of them name (the second report would replace the first)."""
    parsed = []
    named: dict[str, str] = {}
    for value in values:
        name, sep, target = value.partition("=")
        if not sep or name not in REPORTERS or not target:
            raise OutputsError(
                f"'{value}': write FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}"
            )
        refused = input_named(target)
        if refused is not None:
            raise OutputsError(f"'{printable(value)}': {refused}")
        same = os.path.normpath(Path(target).absolute())  # as written: no link followed
        if same in named and not same.startswith("/dev/"):  # /dev/stdout twice: both, in turn
            raise OutputsError(
                f"'{printable(value)}': '{printable(named[same])}' writes that file too; the "
                "second report would replace the first: give each its own file"
            )
        named[same] = value
        parsed.append((name, Path(target)))
    return tuple(parsed)


def iso_date(text: str) -> datetime.date:
    """A calendar date written YYYY-MM-DD (ValueError otherwise): not the other forms Python
    reads as a date (20261126, the ISO week date 2026-W48-4), which a reader would not take
    for the day they name, nor one with a space or a line break around it (``" 2026-01-01"``,
    from a script's variable quoted with its padding), as the configuration's ``as_of`` is not:
    a date option says exactly the day it was given."""
    if not _ISO_DAY.fullmatch(text):
        raise ValueError(f"not YYYY-MM-DD: {text!r}")
    return datetime.date.fromisoformat(text)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def check_args(options: Mapping[str, Any], *, focus: bool) -> CheckArgs:
    """The typed arguments of ``check`` and ``pre-commit`` from their parsed options (click's,
    or :func:`plain`'s, which are the same)."""
    as_of = options["as_of"]
    return CheckArgs(
        paths=tuple(options["paths"]),
        output_format=options["output_format"],
        outputs=outputs(options["outputs"]),
        fail_on=options["fail_on"],
        config=options["config"],
        color=options["color"],
        as_of=as_of.date() if isinstance(as_of, datetime.datetime) else as_of,
        baseline=options["baseline"],
        focus=focus,
        cache=options["cache"],
        cache_dir=options["cache_dir"],
        selection=command_line(options),
        statistics=options["statistics"],
        group_by=options["group_by"],
        jobs=options["jobs"],
    )


# -- the plain command lines -------------------------------------------------------------------


class _Refused(ValueError):
    """A value the table does not decide on: click parses the command line."""


def _choice(choices: Sequence[str]) -> Callable[[str], str]:
    def convert(value: str) -> str:
        if value not in choices:
            raise _Refused(value)
        return value

    return convert


def _path(*, file_okay: bool = True, dir_okay: bool = True) -> Callable[[str], Path]:
    """As click's ``Path(path_type=Path)`` with those settings converts: a path that does not
    exist is taken as written; one that exists must be of an allowed type and readable."""

    def convert(value: str) -> Path:
        path = Path(value)
        try:
            mode = os.stat(value).st_mode  # noqa: PTH116 - as click: "x/" is no file
        except (OSError, ValueError):
            return path
        if (
            (not file_okay and stat.S_ISREG(mode))
            or (not dir_okay and stat.S_ISDIR(mode))
            or not os.access(value, os.R_OK)
        ):
            raise _Refused(value)
        return path

    return convert


def _jobs(value: str) -> int:
    number = int(value)  # as click's IntRange converts
    if number < 1:
        raise _Refused(value)
    return number


def _outputs_valid(value: str) -> str:
    outputs((value,))  # raises OutputsError, a ValueError: click says what is wrong
    return value


class _Option:
    """An option of the table (a plain class: a named tuple's class is compiled from source
    at every start, which the command lines parsed here are to spare)."""

    __slots__ = ("convert", "dest", "flag_value", "multiple")

    def __init__(
        self,
        dest: str,
        convert: Callable[[str], Any] | None,
        flag_value: Any = True,
        multiple: bool = False,
    ) -> None:
        self.dest = dest
        self.convert = convert
        """How a value is read; None: a flag, which sets ``flag_value``."""
        self.flag_value = flag_value
        self.multiple = multiple


_PATHS = _path()
_OPTIONS: dict[str, _Option] = {}
for _names, _option in (
    (("--format", "-f"), _Option("output_format", _choice(FORMATS))),
    (("--output-format", "-o"), _Option("outputs", _outputs_valid, multiple=True)),
    (("--fail-on",), _Option("fail_on", _choice(FAIL_ON))),
    (("--config", "-c"), _Option("config", _path(dir_okay=False))),
    (("--color",), _Option("color", None, True)),
    (("--no-color",), _Option("color", None, False)),
    (("--as-of",), _Option("as_of", iso_date)),
    (("--baseline",), _Option("baseline", _path(dir_okay=False))),
    (("--cache",), _Option("cache", None, True)),
    (("--no-cache",), _Option("cache", None, False)),
    (("--cache-dir",), _Option("cache_dir", _path(file_okay=False))),
    (("--jobs", "-j"), _Option("jobs", _jobs)),
    (("--statistics",), _Option("statistics", None, True)),
    (("--group-by",), _Option("group_by", _choice(GROUPINGS))),
    (("--select",), _Option("select", str, multiple=True)),
    (("--extend-select",), _Option("extend_select", str, multiple=True)),
    (("--ignore",), _Option("ignore", str, multiple=True)),
):
    for _name in _names:
        _OPTIONS[_name] = _option

_DEFAULTS: dict[str, Any] = {
    "paths": (),
    "output_format": None,
    "outputs": (),
    "fail_on": None,
    "config": None,
    "color": None,
    "as_of": None,
    "baseline": None,
    "cache": True,
    "cache_dir": None,
    "jobs": None,
    "statistics": False,
    "group_by": None,
    "select": (),
    "extend_select": (),
    "ignore": (),
}
_CODES = ("select", "extend_select", "ignore")
COMMANDS = {"check": False, "pre-commit": True}
"""The commands parsed here, and whether each reports only what concerns its paths."""


def plain(argv: Sequence[str]) -> CheckArgs | None:
    """The typed arguments of a plain ``check`` or ``pre-commit`` command line (``argv``
    without the program's name), as click would parse it; None for any command line the table
    does not decide on, which click then parses."""
    if not argv or argv[0] not in COMMANDS or file_named_like_option(argv[1:]) is not None:
        return None
    try:
        options = _parse(argv[1:])
    except (_Refused, ValueError):
        return None
    if options is None:
        return None
    for dest in _CODES:
        options[dest] = split_codes(options[dest])
    try:
        return check_args(options, focus=COMMANDS[argv[0]])
    except OutputsError:  # click says what is wrong with them
        return None


def _parse(args: Sequence[str]) -> dict[str, Any] | None:
    options = dict(_DEFAULTS)
    paths: list[Path] = []
    rest = list(reversed(args))
    while rest:
        argument = rest.pop()
        if not argument or argument == "-":
            return None
        if not argument.startswith("-"):
            paths.append(_PATHS(argument))
            continue
        name, joined, value = argument.partition("=")
        option = _OPTIONS.get(name if name.startswith("--") else argument)
        if option is None:
            return None
        if option.convert is None:
            if joined:
                return None
            options[option.dest] = option.flag_value
            continue
        if not joined:
            if not rest:
                return None
            value = rest.pop()
        if not value or value.startswith("-"):
            return None
        converted = option.convert(value)
        if option.multiple:
            options[option.dest] = (*options[option.dest], converted)
        else:
            options[option.dest] = converted
    options["paths"] = tuple(paths)
    return options
