"""`resilint register export` to the template CSVs or to a package named `-o X.zip`: a run that
writes no register replaces the one an earlier run left there, which a CI job would otherwise
publish (or a filer upload) as this year's; as the workbook is replaced."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from tests.conftest import copy_example


def _not_ready(repo: Path) -> None:
    supplier = next((repo / "suppliers").glob("*.yaml"))
    text = supplier.read_text(encoding="utf-8")
    supplier.write_text(re.sub(r"(?m)^tier: \d", "tier: 9", text), encoding="utf-8")


def _break_configuration(repo: Path) -> None:
    config = repo / "resilint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "profilez: [baseline]\n", "utf-8")


def test_template_csvs_not_made_replace_the_earlier_ones(cli, tmp_path: Path) -> None:
    repo = copy_example("havelbank", tmp_path)
    run = cli("register", "export", "--format", "csv", "-o", "out", cwd=repo)
    assert run.exit_code == 0, run.stderr
    written = sorted(p.name for p in (repo / "out").iterdir())
    assert "b_01.01.csv" in written
    assert (repo / "out" / "b_01.01.csv").read_text(encoding="utf-8").startswith("c0010")
    _not_ready(repo)
    run = cli("register", "export", "--format", "csv", "-o", "out", cwd=repo)
    assert run.exit_code == 1, run.stderr
    assert sorted(p.name for p in (repo / "out").iterdir()) == written  # no file added
    for name in written:
        rows = list(csv.reader(io.StringIO((repo / "out" / name).read_text(encoding="utf-8"))))
        assert rows[0] == ["NOT MADE"], name  # not the template's column codes
        said = " ".join(row[0] for row in rows[1:])
        assert "resilint wrote no register (exit status 1): the register as of" in said
        assert "is not ready to file" in said
        assert "This file replaces the register an earlier run wrote here" in said


def test_a_named_package_not_made_replaces_the_earlier_one(cli, tmp_path: Path) -> None:
    repo = copy_example("havelbank", tmp_path)
    run = cli("register", "export", "-o", "register.zip", cwd=repo)
    assert run.exit_code == 0, run.stderr
    with zipfile.ZipFile(repo / "register.zip") as package:
        assert any(n.endswith("reports/report.json") for n in package.namelist())
    _break_configuration(repo)
    run = cli("register", "export", "-o", "register.zip", cwd=repo)
    assert run.exit_code == 2, run.stderr
    with zipfile.ZipFile(repo / "register.zip") as package:
        assert package.namelist() == ["NOT-MADE.txt"]  # no report package to file
        said = package.read("NOT-MADE.txt").decode("utf-8")
    assert "The register of information could not be made" in said
    assert "(exit status 2): resilint.yaml:" in said and "profilez" in said


def test_a_package_in_a_directory_is_kept_and_none_is_written_where_none_was(
    cli, tmp_path: Path
) -> None:
    repo = copy_example("havelbank", tmp_path)
    run = cli("register", "export", "-o", "filed", cwd=repo)
    assert run.exit_code == 0, run.stderr
    (filed,) = (repo / "filed").iterdir()  # named by the filing rules, with its creation time
    before = filed.read_bytes()
    _not_ready(repo)
    assert cli("register", "export", "-o", "filed", cwd=repo).exit_code == 1
    assert [p.read_bytes() for p in (repo / "filed").iterdir()] == [before]
    # nothing where no earlier register was
    assert cli("register", "export", "-o", "fresh.zip", cwd=repo).exit_code == 1
    assert cli("register", "export", "--format", "csv", "-o", "new", cwd=repo).exit_code == 1
    assert not (repo / "fresh.zip").exists() and not (repo / "new").exists()
