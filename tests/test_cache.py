"""The cache never serves a stale result, and never believes a cache it did not write."""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
import sys
import time
import zlib
from pathlib import Path

import pytest
from conftest import copy_example
from test_config import USER_RULE

from resilint import checker
from resilint.cache import open_store, pack, unpack
from resilint.run_cache import shard_name
from resilint.schemas import SchemaSet

AS_OF = ["--as-of", "2026-11-26", "--format", "json"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copied = copy_example("northwind", tmp_path)
    # the files just copied are racily clean for a run that starts within the file system's
    # tick: it keys none of them (no result kept), as it must, which these tests do not test
    settle()
    return copied


def codes(cli, repo: Path, *extra: str) -> list[str]:
    result = cli("check", *AS_OF, *extra, cwd=repo)
    return sorted(f["code"] for f in result.json()["findings"] if not f["suppressed"])


def settle() -> None:
    """Wait past the file system's tick: a file written less than one tick (20 ms) before a
    run started keys nothing (racily clean, :func:`resilint.cache.settled`) and is read again
    by the next run, which a test counting reads must not mistake for a cache miss."""
    time.sleep(0.05)


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files a check reads from disk from now on (not those served from the cache)."""
    reads: list[str] = []
    read_file = checker.read_file

    def counted(path, *rest):  # type: ignore[no-untyped-def]
        reads.append(str(path))
        return read_file(path, *rest)

    monkeypatch.setattr(checker, "read_file", counted)
    return reads


def break_contract(repo: Path) -> Path:
    # a tier-1 supplier's contract: CTR-03 asks every such contract for its notice window
    path = repo / "contracts" / "corvane-erp.yaml"
    path.write_text(path.read_text().replace("window_hours:", "window_hours: 999 #", 1))
    settle()  # the next run keys the edited file (it keeps its result), as a later run would
    return path


def test_cache_is_written_and_ignored_by_git(cli, repo: Path) -> None:
    assert codes(cli, repo) == []
    cache = repo / ".resilint_cache"
    assert list(cache.glob("files-*.json")) and (cache / "result.json").is_file()
    assert (cache / ".gitignore").read_text().strip().endswith("*")


def test_an_edited_file_is_never_served_stale(cli, repo: Path) -> None:
    assert codes(cli, repo) == []
    assert codes(cli, repo) == []  # warm
    path = break_contract(repo)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert "CTR-03" in codes(cli, repo)


def test_same_size_same_second_edit_is_seen(cli, repo: Path) -> None:
    assert codes(cli, repo) == []
    path = next((repo / "suppliers").glob("*.yaml"))
    text = path.read_text()
    before = path.stat()
    path.write_text(
        text.replace("tier: 1", "tier: 9", 1)
        if "tier: 1" in text
        else text.replace("tier: 2", "tier: 9", 1).replace("tier: 3", "tier: 9", 1)
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert "SCH-01" in codes(cli, repo)


def test_a_document_whose_data_is_unchanged_is_not_validated_again(
    cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit of comments, quoting or layout leaves a document's data as it was: valid last
    time under the same schemas, it is valid now and is not validated again (a pre-commit run
    after such an edit does not load the validators). Any other edit is validated, and so is
    every document of a file that had a finding."""
    validated: list[str] = []
    is_valid = SchemaSet.is_valid

    def counted(self: SchemaSet, kind: str, data: object) -> bool:
        validated.append(kind)
        return is_valid(self, kind, data)

    monkeypatch.setattr(SchemaSet, "is_valid", counted)
    assert codes(cli, repo) == []
    path = repo / "suppliers" / "albis-telecom.yaml"
    text = path.read_text()
    assert "name: Albis Telecom GmbH\n" in text and "tier: 2\n" in text
    validated.clear()
    path.write_text(
        "# reviewed\n" + text.replace("name: Albis Telecom GmbH", "name: 'Albis Telecom GmbH'")
    )
    assert codes(cli, repo) == []
    assert validated == []
    cold = cli("check", *AS_OF, "--no-cache", cwd=repo).stdout
    assert cli("check", *AS_OF, cwd=repo).stdout == cold

    validated.clear()  # a value changed: validated, and refused
    path.write_text(text.replace("tier: 2\n", "tier: 9\n"))
    assert "SCH-01" in codes(cli, repo)
    assert validated == ["Supplier"]

    validated.clear()  # the file had a finding: validated again after a comment, still refused
    path.write_text(path.read_text() + "# reviewed\n")
    assert "SCH-01" in codes(cli, repo)
    assert validated == ["Supplier"]

    # two documents: swapped, each meets the other's data at its place and is validated
    second = text.replace("id: albis-telecom", "id: albis-telecom-two")
    path.write_text(text + "---\n" + second)
    cli("check", *AS_OF, cwd=repo)
    validated.clear()
    path.write_text(second + "---\n" + text)
    cli("check", *AS_OF, cwd=repo)
    assert validated == ["Supplier", "Supplier"]
    validated.clear()
    path.write_text(second + "---\n# a comment only\n" + text)
    cli("check", *AS_OF, cwd=repo)
    assert validated == []


def test_a_configuration_validated_once_is_not_validated_again(
    cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check keeps its configuration's data in the cache once valid: the next check of the
    same data (comments and layout aside) does not validate it again. Changed data is
    validated, and an invalid configuration is refused however often it was valid before."""
    validated: list[str] = []
    is_valid_for = SchemaSet.is_valid_for

    def counted(self: SchemaSet, schema: dict[str, object], data: object) -> bool:
        validated.append(str(schema["$id"]).rsplit("/", 1)[-1])
        return is_valid_for(self, schema, data)

    monkeypatch.setattr(SchemaSet, "is_valid_for", counted)
    config = repo / "resilint.yaml"
    text = config.read_text()
    assert codes(cli, repo) == []
    assert "config.json" in validated and (repo / ".resilint_cache" / "config.json").is_file()
    validated.clear()
    config.write_text("# reviewed\n" + text + "\n")
    assert codes(cli, repo) == []
    assert "config.json" not in validated

    assert "fail_on: error\n" in text
    config.write_text(text.replace("fail_on: error\n", "fail_on: bogus\n"))
    refused = cli("check", *AS_OF, cwd=repo)
    assert refused.exit_code == 2 and "invalid configuration: fail_on" in refused.stderr
    config.write_text(text)
    validated.clear()
    assert codes(cli, repo) == []
    assert "config.json" not in validated  # the valid data kept before is still kept

    validated.clear()  # without the cache: validated, and nothing kept
    shutil.rmtree(repo / ".resilint_cache")
    assert codes(cli, repo, "--no-cache") == []
    assert "config.json" in validated and not (repo / ".resilint_cache").exists()


def test_changed_configuration_or_rules_are_never_served_stale(cli, repo: Path) -> None:
    break_contract(repo)
    assert "CTR-03" in codes(cli, repo)
    (repo / "resilint.yaml").write_text("as_of: 2026-11-26\nignore: [CTR-03, CTR-04]\n")
    assert "CTR-03" not in codes(cli, repo)
    (repo / "resilint.yaml").write_text(
        "as_of: 2026-11-26\nrule_dirs: [policies]\nprofiles: []\nselect: [ACME-01]\n"
    )
    (repo / "policies").mkdir()
    text = USER_RULE
    (repo / "policies" / "owner.yaml").write_text(text)
    first = codes(cli, repo)
    (repo / "policies" / "owner.yaml").write_text(text.replace("exists: true", "exists: false"))
    assert codes(cli, repo) != first


def test_as_of_is_part_of_the_key(cli, repo: Path) -> None:
    assert codes(cli, repo) == []
    assert codes(cli, repo, "--as-of", "2028-01-01") != []


def test_tampered_cache_is_ignored(cli, repo: Path) -> None:
    assert codes(cli, repo) == []
    path = break_contract(repo)
    assert "CTR-03" in codes(cli, repo)
    result = repo / ".resilint_cache" / "result.json"
    mac, _, body = result.read_bytes().partition(b"\n")
    forged = unpack(body)
    forged["findings"] = []
    result.write_bytes(mac + b"\n" + pack(forged))
    assert "CTR-03" in codes(cli, repo)
    assert path.exists()


def test_cache_written_with_another_secret_is_ignored(
    cli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_contract(repo)
    assert "CTR-03" in codes(cli, repo)
    shutil.copy(repo / ".resilint_cache" / "result.json", tmp_path / "foreign.json")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    assert "CTR-03" in codes(cli, repo)  # computed afresh under the new secret


def test_truncated_cache_is_ignored(cli, repo: Path) -> None:
    assert codes(cli, repo) == []
    for path in (repo / ".resilint_cache").glob("*.json"):
        path.write_bytes(path.read_bytes()[:100])
    assert codes(cli, repo) == []


def test_no_cache_writes_nothing(cli, repo: Path) -> None:
    assert codes(cli, repo, "--no-cache") == []
    assert not (repo / ".resilint_cache").exists()


def test_cached_and_uncached_results_are_identical(cli, repo: Path) -> None:
    break_contract(repo)
    cold = cli("check", *AS_OF, "--no-cache", cwd=repo).stdout
    cli("check", *AS_OF, cwd=repo)
    warm = cli("check", *AS_OF, cwd=repo).stdout
    assert warm == cold
    (repo / ".resilint_cache" / "result.json").unlink()  # per-file entries only
    assert cli("check", *AS_OF, cwd=repo).stdout == cold


def test_positions_of_an_edited_file_are_never_served_stale(cli, repo: Path) -> None:
    path = break_contract(repo)

    def lines() -> list[tuple[str, int]]:
        found = cli("check", *AS_OF, cwd=repo).json()["findings"]
        return sorted((f["code"], f["line"]) for f in found if f["path"].endswith(path.name))

    before = lines()
    assert before and lines() == before  # the second run places them from the cache
    path.write_text("# a new first line\n" + path.read_text())
    assert lines() == [(code, line + 1) for code, line in before]
    cold = cli("check", *AS_OF, "--no-cache", cwd=repo).stdout
    assert cli("check", *AS_OF, cwd=repo).stdout == cold


def test_one_edit_rewrites_one_shard_of_the_cache(cli, repo: Path) -> None:
    assert codes(cli, repo) == []
    shards = sorted((repo / ".resilint_cache").glob("files-*.json"))
    assert len(shards) > 1
    before = {p.name: p.stat().st_mtime_ns for p in shards}
    path = next((repo / "suppliers").glob("*.yaml"))
    path.write_text(path.read_text() + "# edited\n")
    assert codes(cli, repo) == []
    after = {p.name: p.stat().st_mtime_ns for p in (repo / ".resilint_cache").glob("files-*.json")}
    assert [name for name in after if after[name] != before.get(name)] == [
        f"files-{zlib.crc32(str(path.relative_to(repo)).encode()) % 64:02x}.json"
    ]


def test_a_rewritten_shard_keeps_every_file_served_from_it(
    cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file served from the cache is written back with its shard when another file of that
    shard changed (from the run's objects: the entry as read is not kept), so the next run
    reads neither file from disk."""
    break_contract(repo)
    findings = cli("check", *AS_OF, cwd=repo).stdout
    names = sorted(str(p.relative_to(repo)) for p in repo.rglob("*.yaml"))
    by_shard: dict[str, list[str]] = {}
    for name in names:
        by_shard.setdefault(shard_name(name), []).append(name)
    edited, beside = next(files for files in by_shard.values() if len(files) > 1)[:2]
    (repo / edited).write_text((repo / edited).read_text() + "# edited\n")
    settle()
    assert cli("check", *AS_OF, cwd=repo).stdout == findings  # `beside` served, shard rewritten
    (repo / ".resilint_cache" / "result.json").unlink()  # per-file entries only
    reads = count_reads(monkeypatch)
    assert cli("check", *AS_OF, cwd=repo).stdout == findings
    assert reads == []  # neither `edited` nor `beside`, nor any other file, read again
    assert beside != edited


def test_texts_shared_when_written_are_shared_when_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keeps the sharing the documents had (one string for every copy of a key or a
    short value), within a file and across files: a large repository read back from the cache
    takes the memory it took when read from its YAML."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    (tmp_path / "repo").mkdir()
    store = open_store(tmp_path / "repo" / ".resilint_cache", tmp_path / "repo", 1 << 20)
    level = sys.intern("".join(["crit", "ical"]))  # built as a run builds it, then shared
    store.write("a", [{"tier": level}, {"tier": level}])
    store.write("b", {"tier": level})
    first, second = store.read("a"), store.read("b")
    assert first == [{"tier": "critical"}, {"tier": "critical"}] and second == {"tier": "critical"}
    assert first[0]["tier"] is first[1]["tier"] is second["tier"]


def test_a_signed_file_of_another_format_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache an older resilint (or another Python's marshal) wrote, signed with this user's
    secret, is not read as data: the run computes afresh."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    (tmp_path / "repo").mkdir()
    store = open_store(tmp_path / "repo" / ".resilint_cache", tmp_path / "repo", 1 << 20)
    store.write("a", {"salt": "x"})
    assert store.read("a") == {"salt": "x"}
    assert store.secret is not None
    for body in (
        b'{"format":"resilint-cache-3","data":{"salt":"x"}}',
        b"resilint-cache-4 marshal-9 python-9.99\n" + pack({"salt": "x"}),
        pack({"salt": "x"})[:-3],  # cut short
    ):
        mac = hmac.new(store.secret, body, hashlib.sha256).hexdigest().encode()
        (store.directory / "a").write_bytes(mac + b"\n" + body)
        assert store.read("a") is None


def test_an_upgraded_yaml_or_schema_library_reads_every_file_again(
    cli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files' results are kept per installed version of the libraries that read and
    validate them (PyYAML, yaml-rs, jsonschema, jsonschema-rs): after `pip install -U` of
    one (its module file rewritten), every file is read and validated again."""
    import importlib.machinery
    import importlib.util

    from resilint import cache_setup

    installed = tmp_path / "site-packages" / "yaml" / "__init__.py"
    installed.parent.mkdir(parents=True)
    installed.write_text("__version__ = '6.0.2'\n")
    find_spec = importlib.util.find_spec

    def found(name: str, *rest):  # type: ignore[no-untyped-def]
        if name == "yaml":  # where the cache's key looks for PyYAML: the file above
            return importlib.machinery.ModuleSpec(name, None, origin=str(installed))
        return find_spec(name, *rest)

    monkeypatch.setattr(importlib.util, "find_spec", found)
    cache_setup._readers.cache_clear()
    settle()
    findings = cli("check", *AS_OF, cwd=repo).stdout
    reads = count_reads(monkeypatch)
    cache_setup._readers.cache_clear()
    assert cli("check", *AS_OF, cwd=repo).stdout == findings
    assert reads == []  # the same libraries: every file from the cache
    installed.unlink()
    installed.write_text("__version__ = '6.0.3'\n")  # upgraded: another file in its place
    cache_setup._readers.cache_clear()
    assert cli("check", *AS_OF, cwd=repo).stdout == findings
    assert len(reads) == len(list(repo.rglob("*.yaml"))) - 1  # all but resilint.yaml
    cache_setup._readers.cache_clear()


def test_a_cache_dir_holding_other_files_is_refused(cli, repo: Path) -> None:
    """``--cache-dir .`` (or a directory of data): the cache's files would overwrite any of the
    same name, and a ``.gitignore`` of ``*`` there would hide every file added later from git
    and from the check's walk, which follows .gitignore (a new file would pass unseen). Such a
    directory is refused, nothing written; one resilint makes gets its ``.gitignore``."""
    before = sorted(p.name for p in repo.iterdir())
    result = cli("check", "--cache-dir", ".", cwd=repo)
    assert result.exit_code == 2
    assert "holds files that are not resilint's cache" in result.stderr
    assert sorted(p.name for p in repo.iterdir()) == before
    cli("check", "--cache-dir", "fresh/cache", cwd=repo)  # made by resilint: its own
    assert (repo / "fresh" / "cache" / ".gitignore").read_text().strip().endswith("*")
    again = cli("check", "--cache-dir", "fresh/cache", cwd=repo)  # its own files: taken
    assert again.exit_code in (0, 1) and "holds files" not in again.stderr


def test_an_empty_cache_dir_made_beforehand_gets_the_gitignore(cli, repo: Path) -> None:
    """``mkdir -p ci-cache`` before ``check --cache-dir ci-cache`` (as a CI step does): the
    directory holds nothing but the cache, so its ``*`` .gitignore is written as in one resilint
    makes; without it every cache file showed in ``git status``, to be committed. A directory
    holding a placeholder (``.gitkeep``) gets none (the .gitignore would hide what is added
    later)."""
    (repo / "ci-cache").mkdir()
    assert cli("check", "--cache-dir", "ci-cache", cwd=repo).exit_code in (0, 1)
    assert (repo / "ci-cache" / ".gitignore").read_text().strip().endswith("*")
    assert (repo / "ci-cache" / "result.json").is_file()
    (repo / "dotted").mkdir()
    (repo / "dotted" / ".gitkeep").write_text("")
    assert cli("check", "--cache-dir", "dotted", cwd=repo).exit_code in (0, 1)
    assert (repo / "dotted" / "result.json").is_file()
    assert not (repo / "dotted" / ".gitignore").exists()


def test_an_installed_file_written_within_its_clock_tick_counts_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """resilint's own files count by their stat; one changed so recently that a second write
    could keep its stat (the same clock tick) counts by its content too."""
    import resilint.cache as cache
    from resilint.discover import _PACKED

    schema = tmp_path / "supplier.json"
    schema.write_text('{"a": 1}')
    for changed, by_content in ((time.time_ns(), True), (time.time_ns() - 10**10, False)):
        same_stat = _PACKED.pack(changed, 8, 1, changed, 1)
        monkeypatch.setattr(cache, "stamp", lambda info, s=same_stat: s)
        schema.write_text('{"a": 1}')
        before = cache.installed_fingerprint([schema])
        schema.write_text('{"a": 2}')  # the same size, the same (forced) stat
        assert (cache.installed_fingerprint([schema]) != before) is by_content
