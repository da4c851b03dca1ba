"""What ``exclude`` and ``per_file_ignores`` patterns reach, judged on the files a check reads.

A per-file exception that names no directory or file in particular and matches every file the
run checks (``*/*.yaml`` where every document lies one directory down) switches its rules off
in the whole repository: refused at its line, as ``**`` is.
"""

from __future__ import annotations

import pytest

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: {id}\nname: Acme\ntier: 3\n"


def _two_folders(write) -> None:
    write("suppliers/acme.yaml", SUPPLIER.format(id="acme"))
    write("vendors/globex.yaml", SUPPLIER.format(id="globex"))


@pytest.mark.parametrize("pattern", ["*/*.yaml", "?*/*.yaml", "*/*.y*ml", "*/*[al]"])
def test_a_per_file_ignore_of_every_checked_file_is_refused(cli, write, pattern):
    """``*/*.yaml`` is not ``**``, but where every document lies one directory down it
    silenced its rules in every one of them while the summary counted a few exceptions."""
    _two_folders(write)
    write("resilint.yaml", f"fail_on: error\nper_file_ignores:\n  '{pattern}': [REF-01]\n")
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "resilint.yaml:3:3: invalid configuration: per_file_ignores:" in result.stderr
    assert (
        f"'{pattern}' matches all 2 files this run checks, whatever they are named, so it "
        "switches REF-01 off in the whole repository"
    ) in result.stderr
    assert "ignore: [REF-01]" in result.stderr


@pytest.mark.parametrize("pattern", ["suppliers/**", "suppliers/", "*/acme.yaml", "**/acme.*"])
def test_a_per_file_ignore_naming_the_one_folder_stands(cli, write, pattern):
    """A small repository's one folder: ``suppliers/**`` holds every document today, but it
    names the folder, and a folder added later is checked in full."""
    write("suppliers/acme.yaml", SUPPLIER.format(id="acme"))
    write("resilint.yaml", f"fail_on: error\nper_file_ignores:\n  '{pattern}': [REF-01]\n")
    result = cli("check", "--no-cache")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr


def test_a_per_file_ignore_of_some_files_stands(cli, write):
    """``*/*.yaml`` beside a document at the top is an exception for the folders' files."""
    _two_folders(write)
    write("entity.yaml", SUPPLIER.format(id="initech"))
    write("resilint.yaml", "fail_on: error\nper_file_ignores:\n  '*/*.yaml': [REF-01]\n")
    assert cli("check", "--no-cache").exit_code == 0
