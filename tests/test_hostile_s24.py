"""Hostile round 24: what earlier rounds noticed and left open, closed.

An earlier report named with ``report --previous`` that records levels or fingerprints resilint
never writes is refused (status 2, file:line:col), never counted as findings resolved.
"""

from __future__ import annotations

import json

import pytest

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"


def _report(active: str) -> str:
    return (
        '<html>\n<script type="application/json" id="resilint-report-data">\n'
        '{"format":"resilint-report","version":1,\n"active":' + active + "}"
        "</script></html>"
    )


def test_previous_with_made_up_levels_or_fingerprints_is_refused(cli, write):
    """A crafted earlier report listing findings under a level resilint has not (``"x<y"``)
    or a fingerprint that is not one was read, and every such "finding" counted as resolved
    in the report's change section."""
    write("a.yaml", SUPPLIER)
    write("ok.html", _report('{"error":["00000000000000ab"],"warning":[],"info":[]}'))
    assert cli("report", "-o", "r.html", "--previous", "ok.html").exit_code == 0
    for active, said in (
        ('{"x<y":["00000000000000ab"]}', 'level "x<y" is none of error, warning, info'),
        ('{"error":["not-a-fingerprint"]}', "is not 16 lowercase hex digits"),
    ):
        write("prev.html", _report(active))
        result = cli("report", "-o", "r.html", "--previous", "prev.html")
        assert result.exit_code == 2, result.stderr
        assert "prev.html:4:" in result.stderr and said in result.stderr
    check = json.loads(cli("check", "--format", "json").stdout)
    check["findings"] = [{"fingerprint": "0" * 32, "level": "fatal", "suppressed": False}]
    write("prev.json", json.dumps(check, indent=1))
    result = cli("report", "-o", "r.html", "--previous", "prev.json")
    assert result.exit_code == 2 and 'level "fatal" is none of' in result.stderr


def test_a_cache_dir_of_the_users_dot_files_is_refused(cli, write, tmp_path):
    """``--cache-dir ~``: a home directory holds only dot files, which a cache directory was
    allowed to hold, so the cache wrote its 60-odd files among them. A directory given with
    --cache-dir is used when it is new, empty or resilint's own (its files, a ``.gitkeep``);
    any other file in it is refused with status 2, nothing written."""
    write("repo/a.yaml", SUPPLIER)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("export PATH\n")
    (home / ".ssh").mkdir()
    result = cli("check", "--cache-dir", str(home), cwd=tmp_path / "repo")
    assert result.exit_code == 2
    assert "holds files that are not resilint's cache (such as .bashrc)" in result.stderr
    assert sorted(p.name for p in home.iterdir()) == [".bashrc", ".ssh"]
    fresh = tmp_path / "fresh-cache"
    assert cli("check", "--cache-dir", str(fresh), cwd=tmp_path / "repo").exit_code == 0
    assert (fresh / "result.json").is_file()


def test_a_limit_past_what_protects_the_machine_is_refused(cli, write):
    """``limits: {max_file_bytes: 10**29}`` was taken: the configuration switched the guards
    off. Each limit has a ceiling, refused past it at the configuration's line and column,
    in YAML and in pyproject.toml."""
    write("a.yaml", SUPPLIER)
    write("resilint.yaml", "fail_on: error\nlimits:\n  max_total_nodes: 99999999999999999999\n")
    result = cli("check")
    assert result.exit_code == 2
    assert "resilint.yaml:3:20: invalid configuration: limits.max_total_nodes: " in result.stderr
    assert "is more than resilint allows (2,000,000,000)" in result.stderr
    write("resilint.yaml", "limits:\n  max_file_bytes: 1073741824\n")  # at the ceiling
    assert cli("check").exit_code == 0
    (write("resilint.yaml", "")).unlink()
    write("pyproject.toml", "[tool.resilint.limits]\nmax_documents = 1000001\n")
    result = cli("check")
    assert result.exit_code == 2 and "limits.max_documents: 1000001 is more than" in result.stderr


def test_a_configuration_that_is_a_tagged_value_says_the_tag_is_refused(cli, write):
    """A configuration whose whole top level is ``!!python/object/apply:os.system [...]`` was
    refused (nothing ran) as "the file must hold a single mapping", which sends the reader
    looking at the layout: the tag is what is wrong, said at its line and column, at any depth
    of a top level that is not a mapping."""
    write("a.yaml", SUPPLIER)
    for text, at in (
        ('!!python/object/apply:os.system ["true"]\n', "1:1"),
        ("- fail_on\n- !!python/name:os.system\n", "2:3"),
    ):
        write("resilint.yaml", text)
        result = cli("check")
        assert result.exit_code == 2
        assert f"resilint.yaml:{at}: YML-03 tag !!python/" in result.stderr
        assert "is not allowed: resilint never runs code" in result.stderr
    write("resilint.yaml", "- fail_on\n- error\n")  # a list, no tag: the layout is what is wrong
    assert "YML-08 the file must hold a single mapping" in cli("check").stderr


@pytest.mark.parametrize("pattern", ["**", "*", "**/*.yaml", "/**", "*/**"])
def test_a_per_file_ignore_of_every_file_is_refused(cli, write, pattern):
    """``per_file_ignores: {"**": [REF-01]}`` switched REF-01 off in every file while the
    summary said only "2 suppressed", as for a few per-file exceptions: a pattern that matches
    every file is refused at its line, pointing to ``ignore`` (which says so plainly)."""
    write("suppliers/a.yaml", SUPPLIER)
    write("resilint.yaml", f"fail_on: error\nper_file_ignores:\n  '{pattern}': [REF-01]\n")
    result = cli("check")
    assert result.exit_code == 2, result.stdout
    assert "resilint.yaml:3:" in result.stderr
    assert f"'{pattern}' matches every file, so it switches REF-01 off" in result.stderr
    assert "ignore: [REF-01]" in result.stderr
    write("resilint.yaml", "fail_on: error\nper_file_ignores:\n  'suppliers/**': [REF-01]\n")
    assert cli("check").exit_code == 0  # a directory's exception stands


def _northwind(tmp_path):
    from tests.conftest import copy_example

    return copy_example("northwind", tmp_path)


def test_a_waiver_its_own_risk_owner_approved_is_a_warning(cli, tmp_path):
    """northwind's waiver of CON-04 (risk owner coo, approver cfo) approved by coo instead was
    accepted in silence, with nobody but its owner having looked at the risk. EXC-01 warns of
    it (market practice, the four-eyes principle) and the waiver stands: the finding stays
    suppressed and the gate passes; ``separate_approver: false`` turns the warning off;
    ``resilint waive`` writes one, saying so."""
    repo = _northwind(tmp_path)
    [waiver] = (repo / "waivers").glob("*.yaml")
    waiver.write_text(waiver.read_text().replace("approver: cfo", "approver: coo"))
    result = cli("check", "--format", "json", cwd=repo)
    active = [f for f in result.json()["findings"] if not f["suppressed"]]
    assert result.exit_code == 0, result.stdout
    [exc] = active
    assert exc["code"] == "EXC-01" and exc["level"] == "warning"
    assert "approved by coo, who is also its risk owner" in exc["message"]
    assert "Market practice (the four-eyes principle)" in exc["message"]
    suppressed = [f["code"] for f in result.json()["findings"] if f["suppressed"]]
    assert "CON-04" in suppressed
    config = repo / "resilint.yaml"
    config.write_text(
        config.read_text() + "rules:\n  EXC-01:\n    params:\n      separate_approver: false\n"
    )
    quiet = cli("check", "--format", "json", cwd=repo)
    assert quiet.exit_code == 0
    assert [f for f in quiet.json()["findings"] if not f["suppressed"]] == []
    waiver.unlink()
    config.write_text(config.read_text().split("rules:\n  EXC-01")[0])
    args = ("waive", "CON-04", "--target", "Supplier/lindqvist-mes", "--reason", "none on offer")
    args += ("--until", "2027-02-18", "--owner", "coo", "--approved-on", "2026-11-20")
    written = cli(*args, "--approver", "coo", cwd=repo)
    assert written.exit_code == 0 and "is also the risk owner" in written.stderr
    again = cli("check", "--format", "json", cwd=repo).json()["findings"]
    assert [(f["code"], f["level"]) for f in again if not f["suppressed"]] == [
        ("EXC-01", "warning")
    ]


def test_rename_reads_and_writes_only_the_file_discovery_found(cli, write, tmp_path, monkeypatch):
    """``resilint rename`` read a file again to edit it, looking at its way for links, then
    opening it by its real path: a directory on its way swapped for a link to outside in
    between (another process of the job) had the file outside read and rewritten with the
    rename. The edit now reads only the file discovery found (device and inode, opened inside
    the repository), as ``check`` does: refused, status 2, the file outside untouched."""
    import resilint.edit.files as files

    repo = tmp_path / "repo"
    write("repo/resilint.yaml", "fail_on: error\n")
    write("repo/suppliers/acme.yaml", SUPPLIER)
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Outside\ntier: 3\n"
    (outside / "acme.yaml").write_text(secret)
    checked = files._no_links

    def swapped_after_the_look(path, boundary, shown):
        checked(path, boundary, shown)
        if (repo / "suppliers").is_dir() and not (repo / "suppliers").is_symlink():
            (repo / "suppliers").rename(repo / "was-suppliers")
            (repo / "suppliers").symlink_to(outside)

    monkeypatch.setattr(files, "_no_links", swapped_after_the_look)
    result = cli("rename", "supplier", "acme", "acme-corp", cwd=repo)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "suppliers/acme.yaml" in result.stderr
    assert (outside / "acme.yaml").read_text() == secret


def test_a_finding_is_placed_only_in_the_file_discovery_found(cli, write, tmp_path, monkeypatch):
    """The check places a finding of a plain file by reading the file again: that read took
    whatever was at the path then. A file swapped for a link to outside after it was read had
    the file outside read for the finding's line. The locator reads only the file discovery
    found (device and inode, inside the repository): the finding stays, at the file's start."""
    import resilint.checker as checker_module

    write("resilint.yaml", "fail_on: error\n")
    write("acme.yaml", SUPPLIER.replace("tier: 3\n", "tier: 1\n"))
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text("#\n" * 20 + SUPPLIER.replace("tier: 3\n", "tier: 1\n"))
    checked = checker_module._check_files

    def swapped_after_the_read(*args, **kwargs):
        (tmp_path / "acme.yaml").unlink()
        (tmp_path / "acme.yaml").symlink_to(outside)
        return checked(*args, **kwargs)

    monkeypatch.setattr(checker_module, "_check_files", swapped_after_the_read)
    result = cli("check", "--no-cache", "--format", "json")
    lines = {f["line"] for f in result.json()["findings"] if f["path"] == "acme.yaml"}
    assert lines and all(line < 20 for line in lines), lines
