"""Hostile round 31: a gate fails closed, and says what it knows.

- A check run in a folder of the repository (which it loads whole) reported on the paths asked
  for by comparing them as text: ``cd suppliers && resilint check ..`` dropped every finding
  of ``suppliers/`` (status 0 on an error), and ``cd suppliers && resilint check .`` reported
  the whole repository's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_example

AS_OF = ("--as-of", "2026-11-26")
UNTIERED = "apiVersion: resilint/v1\nkind: Supplier\nid: {id}\nname: {id}\n"


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    return copy_example("northwind", tmp_path)


def _paths(run) -> list[str]:
    return sorted(f["path"] for f in run.json()["findings"] if f["suppressed"] is False)


@pytest.mark.parametrize(
    ("named", "expected"),
    [
        (".", ["zz-here.yaml"]),
        ("..", ["../other/zz-there.yaml", "zz-here.yaml"]),
        ("../suppliers", ["zz-here.yaml"]),
        ("../other", ["../other/zz-there.yaml"]),
        ("zz-here.yaml", ["zz-here.yaml"]),
    ],
)
def test_a_check_from_a_folder_reports_what_the_paths_named_hold(
    cli, northwind: Path, named: str, expected: list[str]
) -> None:
    (northwind / "suppliers" / "zz-here.yaml").write_text(UNTIERED.format(id="zz-here"), "utf-8")
    (northwind / "other").mkdir()
    (northwind / "other" / "zz-there.yaml").write_text(UNTIERED.format(id="zz-there"), "utf-8")
    run = cli("check", named, "--no-cache", "-f", "json", *AS_OF, cwd=northwind / "suppliers")
    assert run.exit_code == 1, run.stdout + run.stderr
    shown = [p.replace("../suppliers/", "") for p in _paths(run)]
    assert shown == expected
    assert {f["code"] for f in run.json()["findings"] if not f["suppressed"]} == {"SUP-01"}


@pytest.mark.parametrize("written", ["out/", "out/.", "out/..", "deep/out/"])
@pytest.mark.parametrize(
    "command",
    [
        ("check", "-o", "sarif={}"),
        ("report", "-o", "{}"),
        ("calendar", "-f", "ics", "-o", "{}"),
        ("baseline", "-o", "{}"),
    ],
)
def test_an_output_written_as_a_directory_is_refused_before_the_run(
    cli, northwind: Path, command: tuple[str, ...], written: str
) -> None:
    run = cli(*(word.format(written) for word in command), *AS_OF, cwd=northwind)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "names a directory (a path ending in /, /. or /..)" in run.stderr
    assert "name the file to write in it" in run.stderr
    assert not (northwind / "out").exists()  # it wrote a file named out
    assert not (northwind / "deep").exists()
    assert "Traceback" not in run.stderr
