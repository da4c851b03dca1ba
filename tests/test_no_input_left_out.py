"""A check says why there are no input files when the files are there but left out: every YAML
file excluded by the configuration's ``exclude``, or hidden by a .gitignore from a repository
that tracks none of them, read as an empty folder and sent the user looking in the wrong place."""

from __future__ import annotations

import subprocess

SUPPLIER = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    name: Acme
    tier: 2
"""


def test_every_file_excluded_names_exclude(cli, write) -> None:
    write("suppliers/acme.yaml", SUPPLIER)
    write("contracts/acme.yaml", SUPPLIER.replace("acme", "beta"))
    write("resilint.yaml", 'exclude:\n  - "**/*.yaml"\n')
    result = cli("check", ".")
    assert result.exit_code == 2, result.stdout
    assert (
        "no input files: nothing in . is left to check: exclude in the configuration leaves "
        "out 2 files or folders" in result.stderr
    ), result.stderr


def test_every_untracked_file_ignored_names_the_gitignore(cli, write, tmp_path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write("suppliers/acme.yaml", SUPPLIER)
    write(".gitignore", "suppliers/\n")
    result = cli("check", ".")
    assert result.exit_code == 2, result.stdout
    assert (
        "nothing in . is left to check: a .gitignore hides 1 file or folder that git does not "
        "track" in result.stderr
    ), result.stderr


def test_an_empty_folder_still_says_none_found(cli, write, tmp_path) -> None:
    write("docs/readme.md", "# notes\n")
    result = cli("check", "docs")
    assert result.exit_code == 2
    assert "no input files: no *.yaml or *.yml file found in docs" in result.stderr
