"""The plain command lines of ``check`` and ``pre-commit``, parsed without click
(:mod:`resilint.check_line`): the table names click's options as click declares them, every
command line it parses means what click makes of it, every other one goes to click, and the
command line users type runs without importing click, with the same report and exit status."""

from __future__ import annotations

import datetime
import random
import subprocess
from pathlib import Path

import click
import pytest
from conftest import resilint_and_modules

from resilint import check_line
from resilint.app import CheckArgs
from resilint.check_options import check_args
from resilint.cli import main
from resilint.command import file_named_like_option
from resilint.edit.cli import fix_args

REPO = Path(__file__).resolve().parent.parent
_CLICK_ONLY = {"fix", "diff", "unsafe_fixes", "exit_non_zero_on_fix", "server"}
"""Options the table leaves to click: a command line with one of them goes to click."""


def _command(name: str) -> click.Command:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    return command


def _by_click(argv: list[str]) -> CheckArgs | None:
    """What click makes of a command line: the check it runs, or None when it refuses the
    command line or runs something else (a fix, the server afterwards)."""
    name, *args = argv
    if file_named_like_option(args) is not None:  # refused by resilint's group
        return None
    try:
        context = _command(name).make_context(name, list(args))
        parsed = check_args(context.params, focus=check_line.COMMANDS[name])
    except (click.ClickException, click.exceptions.Exit):
        return None
    if fix_args(context.params, parsed) is not None or context.params["server"]:
        return None
    return parsed


@pytest.mark.parametrize("name", sorted(check_line.COMMANDS))
def test_the_table_names_clicks_options_as_click_declares_them(name: str) -> None:
    """Each option of click's command is in the table with the same names, destination,
    default, repetition and choices, or is one of those left to click; no name in the table
    is unknown to click."""
    declared: set[str] = set()
    defaults = _command(name).make_context(name, []).params
    for param in _command(name).params:
        assert param.name is not None
        if param.name == "paths":
            assert param.nargs == -1 and defaults["paths"] == ()
            continue
        if param.name in _CLICK_ONLY or param.name == "help":
            continue
        names = [*param.opts, *param.secondary_opts]
        declared.update(names)
        assert check_line._DEFAULTS[param.name] == defaults[param.name], param.name
        for option_name in names:
            option = check_line._OPTIONS[option_name]
            assert option.dest == param.name
            assert option.multiple == param.multiple
            assert (option.convert is None) == bool(getattr(param, "is_flag", False))
        if isinstance(param, click.Option) and param.is_flag:
            for option_name in param.opts:
                assert check_line._OPTIONS[option_name].flag_value is True
            for option_name in param.secondary_opts:
                assert check_line._OPTIONS[option_name].flag_value is False
        if isinstance(param.type, click.Choice):
            convert = check_line._OPTIONS[param.opts[0]].convert
            assert convert is not None
            assert [convert(choice) for choice in param.type.choices] == list(param.type.choices)
    assert set(check_line._OPTIONS) == declared
    assert set(check_line._DEFAULTS) == {"paths"} | {
        p.name for p in _command(name).params if p.name not in _CLICK_ONLY | {"help"}
    }


def _argument_pool(root: Path) -> list[list[str]]:
    (root / "dir").mkdir()
    (root / "file.yaml").write_text("kind: Supplier\n")
    (root / "-odd.yaml").write_text("kind: Supplier\n")
    return [
        ["a.yaml"],
        ["file.yaml"],
        ["dir"],
        ["dir/"],
        ["ünï code.yaml"],
        ["-"],
        [""],
        ["--"],
        ["-odd.yaml"],
        ["--format", "json"],
        ["--format=sarif"],
        ["-f", "text"],
        ["-fjson"],
        ["--format", "bogus"],
        ["--format"],
        ["--format="],
        ["-o", "sarif=out.sarif"],
        ["--output-format", "json=dir/out.json"],
        ["--output-format=junit=j.xml"],
        ["-o", "nope"],
        ["-o", "json="],
        ["--fail-on", "warning"],
        ["--fail-on", "never"],
        ["--fail-on", "Error"],
        ["--config", "file.yaml"],
        ["-c", "missing.yaml"],
        ["--config", "dir"],
        ["--config=dir/"],
        ["--color"],
        ["--no-color"],
        ["--color=yes"],
        ["--as-of", "2026-11-26"],
        ["--as-of", " 2026-02-28 "],
        ["--as-of", "20261126"],
        ["--as-of", "2026-02-30"],
        ["--as-of", "tomorrow"],
        ["--as-of=2026-11-26"],
        ["--baseline", "file.yaml"],
        ["--baseline", "dir"],
        ["--cache"],
        ["--no-cache"],
        ["--cache-dir", "dir"],
        ["--cache-dir", "file.yaml"],
        ["--cache-dir", "new-cache"],
        ["-j", "2"],
        ["--jobs", "0"],
        ["--jobs", "+3"],
        ["--jobs", "1_0"],
        ["--jobs", "two"],
        ["--statistics"],
        ["--group-by", "rule"],
        ["--group-by", "file"],
        ["--select", "ctr-08,REG"],
        ["--select", " ins-01 , ,"],
        ["--extend-select=BCM"],
        ["--ignore", "SUP-01", "--ignore", "sup-01"],
        ["--select", "--no-cache"],
        ["--fix"],
        ["--diff"],
        ["--unsafe-fixes"],
        ["--server"],
        ["--help"],
        ["-h"],
        ["--formats", "json"],
        ["--form", "json"],
    ]


def test_every_command_line_parsed_without_click_means_what_click_makes_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random command lines of the pool's pieces, valid and not: the table either leaves one
    to click or parses it into the very arguments click's parse runs."""
    monkeypatch.chdir(tmp_path)
    pool = _argument_pool(tmp_path)
    chance = random.Random(20261205)
    parsed_plainly = 0
    for _ in range(3000):
        name = chance.choice(sorted(check_line.COMMANDS))
        pieces = [piece for _ in range(chance.randint(0, 5)) for piece in chance.choice(pool)]
        argv = [name, *pieces]
        plain = check_line.plain(argv)
        if plain is None:
            continue
        parsed_plainly += 1
        assert plain == _by_click(argv), argv
    assert parsed_plainly > 500  # the pool's plain pieces are parsed, not all left to click


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "."],
        ["check", "--format", "json", "--as-of", "2026-11-26", "--no-cache"],
        ["check", ".", "--format=sarif", "-o", "json=out.json", "--fail-on", "warning"],
        ["check", "--select", "CTR,ins-01", "--ignore", "CTR-15", "--statistics"],
        ["check", "--no-color", "-j", "1", "--group-by", "rule", "file.yaml", "dir"],
        ["pre-commit", "file.yaml", "a.yaml"],
        ["pre-commit", "--fail-on", "error", "--color", "file.yaml"],
        ["pre-commit", "--config", "file.yaml", "--cache-dir", "new-cache", "file.yaml"],
    ],
)
def test_the_command_lines_ci_and_hooks_run_are_parsed_without_click(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _argument_pool(tmp_path)
    plain = check_line.plain(argv)
    assert plain is not None
    assert plain == _by_click(argv)


def test_the_table_reads_each_value_as_click_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = check_line.plain(
        ["check", "--as-of", "2026-02-28", "-j", "+3", "--select", "ctr-08, reg", "x.yaml"]
    )
    assert args is not None
    assert args.as_of == datetime.date(2026, 2, 28) and args.jobs == 3
    assert args.selection.select == ("CTR-08", "REG") and args.paths == (Path("x.yaml"),)
    assert args.focus is False and args.cache is True and args.color is None
    # a value the table does not decide on goes to click, which says what is wrong with it
    # (a date with a space around it too: click refuses it, as it refuses any odd date)
    for refused in (
        ["--jobs", "0"],
        ["--as-of", "2026-02-30"],
        ["--as-of", " 2026-02-28 "],
        ["-o", "nope"],
        ["-fjson"],
    ):
        assert check_line.plain(["check", *refused]) is None, refused


# -- as users run it: the installed command, in a new process ----------------------------------


def _resilint(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], bool]:
    done, imported = resilint_and_modules(root, *args)
    return done, "click" in imported


def _one_supplier(root: Path) -> None:
    supplier = REPO / "examples" / "northwind" / "suppliers" / "nimbara-cloud.yaml"
    (root / "suppliers").mkdir()
    (root / "suppliers" / "one.yaml").write_bytes(supplier.read_bytes())
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "suppliers/one.yaml", "--format", "json", "--as-of", "2026-11-26", "--no-cache"],
        ["check", "--format=sarif", "--fail-on", "never", "--select", "sup,ctr"],
        ["check", "--statistics", "--group-by", "rule", "--no-color", "-j", "1"],
    ],
)
def test_a_plain_check_runs_without_click_as_click_runs_it(tmp_path: Path, args: list[str]) -> None:
    """The same report, messages and exit status as the command line click parses (the one
    with ``--exit-non-zero-on-fix``, which without ``--fix`` changes nothing)."""
    _one_supplier(tmp_path)
    plain, clicked = _resilint(tmp_path, *args)
    assert clicked is False
    parsed, clicked = _resilint(tmp_path, *args, "--exit-non-zero-on-fix")
    assert clicked is True
    assert (plain.returncode, plain.stdout, plain.stderr) == (
        parsed.returncode,
        parsed.stdout,
        parsed.stderr,
    )
    assert plain.stdout


def test_a_wrong_value_is_still_said_by_click(tmp_path: Path) -> None:
    _one_supplier(tmp_path)
    for args, said in (
        (["--format", "bogus"], "'bogus' is not one of"),
        (["--as-of", "2026-13-01"], "'2026-13-01' is not a date"),
        (["-o", "sarif"], "write FORMAT=FILE"),
        (["--jobs", "0"], "'--jobs'"),
    ):
        done, clicked = _resilint(tmp_path, "check", *args)
        assert clicked is True
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)


def test_a_file_named_like_an_option_is_refused_as_before(tmp_path: Path) -> None:
    _one_supplier(tmp_path)
    (tmp_path / "--no-cache").write_text("kind: Supplier\n")
    done, clicked = _resilint(tmp_path, "check", "--no-cache")
    assert done.returncode == 2 and "is both an option and the name of a file" in done.stderr
    assert clicked is True
