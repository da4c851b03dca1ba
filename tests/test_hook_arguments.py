"""pre-commit appends the names of the changed files after the hook's own arguments, with no
``--`` between them: a committed file named like an option (``--config=x.yaml``, ``-cx.yaml``)
must never become one. The command is refused (status 2) instead; a name that is not a file
here, ``--`` and ``./--config=x.yaml`` keep their usual meaning."""

from __future__ import annotations

import pytest

BROKEN = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 9\n"


@pytest.fixture
def lookalikes(write) -> None:
    write("supplier.yaml", BROKEN)
    write("x.yaml", "fail_on: never\n")
    write("--config=x.yaml", "# notes\n")
    write("-cx.yaml", "# notes\n")


@pytest.mark.parametrize("name", ["--config=x.yaml", "-cx.yaml"])
@pytest.mark.parametrize(
    "command",
    [
        ("pre-commit",),
        ("pre-commit", "--fix", "--exit-non-zero-on-fix"),
        ("fix",),
        ("check",),
    ],
    ids=["hook", "fix hook", "fix", "check"],
)
def test_a_file_named_like_an_option_is_refused(cli, lookalikes, command, name) -> None:
    result = cli(*command, "supplier.yaml", name)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"'{name}' is both an option and the name of a file here" in result.stderr
    assert "rename the file" in result.stderr
    assert "SCH-01" not in result.stdout  # nothing was checked: no result to mistake for one


@pytest.mark.parametrize(
    "arguments",
    [("--", "--config=x.yaml"), ("./--config=x.yaml",)],
    ids=["after --", "written as a path"],
)
def test_the_same_file_named_as_a_path_is_checked(cli, lookalikes, arguments) -> None:
    result = cli("check", "supplier.yaml", *arguments)
    assert result.exit_code == 2, result.stdout + result.stderr  # a named file of notes alone
    assert "supplier.yaml:4:7: SCH-01" in result.stdout
    assert "--config=x.yaml:1:1: DOC-04" in result.stdout


def test_an_option_that_names_no_file_is_an_option(cli, write) -> None:
    write("supplier.yaml", BROKEN)
    write("x.yaml", "fail_on: never\n")
    result = cli("pre-commit", "supplier.yaml", "--config=x.yaml")
    assert result.exit_code == 0 and "SCH-01" in result.stdout
