"""What ``exclude`` and ``per_file_ignores`` patterns reach, judged on the files a check reads.

A per-file exception that names no directory or file in particular and matches every file the
run checks (``*/*.yaml`` where every document lies one directory down) switches its rules off
in the whole repository: refused at its line, as ``**`` is. A pattern that can never match a
file (``../x``, an absolute path, a blank one, a lone ``!x``) did nothing the user meant: a
warning at its line says so, and why.
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


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("../x.yaml", "without '.' or '..' in them"),
        ("suppliers/../acme.yaml", "without '.' or '..' in them"),
        ("./suppliers/", "without '.' or '..' in them"),
        ("!suppliers/acme.yaml", "a pattern starting with ! takes back a file"),
        ("#suppliers", "a pattern starting with # is a comment"),
        ("suppliers/[ab", "git cannot read it"),
        ("  ", "it is blank"),
        ("C:/repo/suppliers/", "it is an absolute path"),
        ("/", "a pattern of slashes alone names no file or directory"),
        ("//", "a pattern of slashes alone names no file or directory"),
        ("///", "a pattern of slashes alone names no file or directory"),
    ],
)
@pytest.mark.parametrize("key", ["exclude", "per_file_ignores"])
def test_a_pattern_that_can_never_match_is_reported(cli, write, key, pattern, why):
    write("suppliers/acme.yaml", SUPPLIER.format(id="acme"))
    entry = (
        f"exclude: ['{pattern}']\n"
        if key == "exclude"
        else f"per_file_ignores:\n  '{pattern}': [REF-01]\n"
    )
    write("resilint.yaml", "fail_on: error\n" + entry)
    result = cli("check", "--no-cache")
    assert result.exit_code == 0, result.stdout + result.stderr
    at = "resilint.yaml:2:11" if key == "exclude" else "resilint.yaml:3:3"
    shown = "exclude.0" if key == "exclude" else "per_file_ignores"
    did = "leaves nothing out" if key == "exclude" else "silences nothing"
    said = f"{at}: warning: {shown}: '{pattern}' can never match a file, so it {did}: "
    assert said in result.stderr, result.stderr
    assert why in result.stderr.partition(said)[2]
    if set(pattern) == {"/"}:  # read by git, only naming nothing: not a [ never closed
        assert "git cannot read it" not in result.stderr
        assert "such as '/vendor/' for the directory vendor at the root" in result.stderr


def test_an_absolute_path_in_the_repository_is_shown_relative(cli, write, tmp_path):
    write("suppliers/acme.yaml", SUPPLIER.format(id="acme"))
    write("drafts/x.yaml", SUPPLIER.format(id="acme"))  # a duplicate id, left out... or not
    write("resilint.yaml", f"fail_on: error\nexclude: ['{tmp_path}/drafts/']\n")
    result = cli("check", "--no-cache")
    assert result.exit_code == 1  # the draft is checked: its id clashes
    assert "it is an absolute path, and patterns are relative to the repository root" in (
        result.stderr
    )
    assert "write 'drafts/'" in result.stderr
    write("resilint.yaml", "fail_on: error\nexclude: ['/drafts/']\n")  # anchored at the root
    result = cli("check", "--no-cache")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr


def test_a_blank_per_file_key_and_a_taken_back_exclusion(cli, write):
    """``""`` as a per-file key matches nothing; ``!`` after an exclusion is git's own way of
    taking a file back, and says nothing."""
    write("suppliers/acme.yaml", SUPPLIER.format(id="acme"))
    write(
        "resilint.yaml",
        "exclude: [drafts/, '!drafts/keep.yaml']\nper_file_ignores:\n  '': [REF-01]\n",
    )
    result = cli("check", "--no-cache")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "resilint.yaml:3:3: warning: per_file_ignores: '' can never match" in result.stderr
    assert "exclude" not in result.stderr
