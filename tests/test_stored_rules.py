"""Rule files kept in the cache compile to the same rules, and are never served stale."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from test_config import TIER1, USER_RULE

import resilint.rules.rule_file as rule_file
from resilint.app import build_schemas
from resilint.cache import Store, unpack
from resilint.limits import Limits
from resilint.rules import load_rules
from resilint.rules.rule_file import LazyRule
from resilint.rules.stored import RULES, BesideBytecode, StoredRules, kept_copy
from resilint.serialize import same_data


def _store(tmp_path: Path) -> Store:
    return Store(tmp_path / "cache", b"s" * 32)


def _rule_files_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The rule files read from their YAML from now on (none when all come compiled)."""
    reads: list[Path] = []
    original = rule_file.load_mapping

    def counted(path: Path, limits: Limits) -> object:
        reads.append(path)
        return original(path, limits)

    monkeypatch.setattr(rule_file, "load_mapping", counted)
    return reads


def test_kept_rule_files_compile_to_the_same_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schemas = build_schemas()
    fresh = load_rules(schemas)
    first = StoredRules(_store(tmp_path), "salt")
    load_rules(schemas, own=first)
    first.save()
    assert (tmp_path / "cache" / RULES).is_file()
    reads = _rule_files_read(monkeypatch)
    kept = load_rules(schemas, own=StoredRules(_store(tmp_path), "salt"))
    assert reads == []  # every rule file came from the cache
    assert [r.info for r in kept] == [r.info for r in fresh]
    # declarative rules compile when they first have documents to run on
    assert sum(isinstance(r, LazyRule) for r in kept) > len(kept) // 2
    other = load_rules(schemas, own=StoredRules(_store(tmp_path), "another salt"))
    assert reads and [r.info for r in other] == [r.info for r in fresh]


def test_a_kept_rule_compiles_to_what_its_first_compilation_gave(
    tmp_path: Path,
) -> None:
    """A rule compiled from kept data is not checked again (its paths and messages passed
    when its file first compiled): it compiles to the same rule, its description (time_aware
    too), scope and every requirement's message, place and the fields it is judged on."""
    schemas = build_schemas()
    fresh = load_rules(schemas)
    first = StoredRules(_store(tmp_path), "salt")
    load_rules(schemas, own=first)
    first.save()
    kept = load_rules(schemas, own=StoredRules(_store(tmp_path), "salt"))

    def shape(rule: object) -> object:
        compiled = rule.compiled() if isinstance(rule, LazyRule) else rule
        requirements = getattr(compiled, "requirements", ())
        return (
            compiled.info,  # type: ignore[attr-defined]
            getattr(compiled, "applies_to", None),
            getattr(compiled, "lead", None),
            [
                (r.message, r.at, r.level, r.deferring, r.field, r.unrecorded, r.needs, r.reads())
                for r in requirements
            ],
        )

    lazy = [i for i, rule in enumerate(kept) if isinstance(rule, LazyRule)]
    assert len(lazy) > 50
    assert [shape(kept[i]) for i in lazy] == [shape(fresh[i]) for i in lazy]
    assert any(kept[i].compiled().info.time_aware for i in lazy)  # type: ignore[attr-defined]


def test_rule_data_is_kept_exactly_or_not_at_all() -> None:
    data = {"a": [1, 2.5, "x", None, True], 1: "a", "inf": float("inf"), "pair": (1, 2)}
    copy = kept_copy(data)
    assert same_data(copy, data) and copy == data
    assert copy is not data and copy["a"] is not data["a"]  # compiling cannot reach the copy

    class Text(str):
        pass

    assert kept_copy({"since": datetime.date(2026, 1, 1)}) is None
    assert kept_copy({"name": Text("x")}) is None


def test_an_edited_rule_file_is_read_again_with_its_errors_placed(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    rule = write("policies/owner.yaml", USER_RULE)
    write("a.yaml", TIER1)
    assert "a.yaml:3:5: ACME-01 error supplier acme has no owner" in cli("check").stdout
    assert (rule.parent.parent / ".resilint_cache" / RULES).is_file()
    rule.write_text(USER_RULE.replace("has no owner", "names no owner"))
    assert "supplier acme names no owner" in cli("check").stdout
    rule.write_text(USER_RULE.replace("exists: true", "exist: true"))
    broken = cli("check")
    assert broken.exit_code == 2 and "owner.yaml:12:46: unknown operator" in broken.stderr


def test_a_forged_rule_cache_is_ignored(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    write("policies/owner.yaml", USER_RULE)
    write("a.yaml", TIER1)
    assert "has no owner" in cli("check").stdout
    cache = write("x", "").parent / ".resilint_cache"
    path = cache / RULES
    mac, _, body = path.read_bytes().partition(b"\n")
    forged = body.replace(b"has no owner", b"is fine")
    path.write_bytes(mac + b"\n" + forged)
    (cache / "result.json").unlink(missing_ok=True)  # not written when the files are too new
    assert "has no owner" in cli("check").stdout
    assert unpack(path.read_bytes().partition(b"\n")[2])["entries"]


def test_a_kept_rule_naming_a_check_no_longer_installed_fails_as_at_first(
    tmp_path: Path,
) -> None:
    """A kept rule file's Python checks are looked up again at every load: one that is gone
    (a plug-in uninstalled) fails with the error and place a fresh compilation gives."""
    from resilint.errors import ConfigError
    from resilint.rules.builtin import PYTHON_CHECKS

    schemas = build_schemas()
    first = StoredRules(_store(tmp_path), "salt")
    load_rules(schemas, own=first)
    first.save()
    fewer = {name: check for name, check in PYTHON_CHECKS.items() if name != "tier-consistent"}
    with pytest.raises(ConfigError) as fresh:
        load_rules(schemas, checks=fewer)
    with pytest.raises(ConfigError) as kept:
        load_rules(schemas, checks=fewer, own=StoredRules(_store(tmp_path), "salt"))
    assert "unknown Python check 'tier-consistent'" in str(fresh.value)
    assert str(kept.value) == str(fresh.value)


@pytest.fixture
def beside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """resilint's own rule files kept in a file of the test's, as beside its bytecode."""
    import sys

    import resilint.app

    path = tmp_path / "pycache" / "rule_files.cpython-3x.rules"
    monkeypatch.setattr(resilint.app, "beside_bytecode", lambda: BesideBytecode(path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def test_resilints_own_rules_are_read_compiled_without_the_cache(
    cli, write, beside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check --no-cache` (CI, a first run) reads resilint's own rule files from the data a run
    before kept beside resilint's bytecode: no rule YAML is read, the findings are the same."""
    write("suppliers/acme.yaml", TIER1)
    first = cli("check", "--no-cache", "--format", "json")
    assert beside.is_file() and not (beside.parent.parent / ".resilint_cache").exists()
    reads = _rule_files_read(monkeypatch)
    again = cli("check", "--no-cache", "--format", "json")
    assert reads == []
    assert again.stdout == first.stdout and again.exit_code == first.exit_code == 1
    assert again.json()["findings"]  # the rules ran: a lone tier-1 supplier has gaps


def test_the_repository_cache_keeps_only_the_configurations_rule_files(
    cli, write, beside: Path
) -> None:
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    write("policies/owner.yaml", USER_RULE)
    write("a.yaml", TIER1)
    assert "has no owner" in cli("check").stdout
    cache = write("x", "").parent / ".resilint_cache"
    kept = unpack(cache.joinpath(RULES).read_bytes().partition(b"\n")[2])["entries"]
    assert len(kept) == 1  # policies/owner.yaml; resilint's own are beside its bytecode
    own = BesideBytecode(beside).read(RULES)
    assert len(own["entries"]) > 5


def test_a_damaged_or_foreign_kept_file_is_not_read(cli, write, beside: Path) -> None:
    write("suppliers/acme.yaml", TIER1)
    first = cli("check", "--no-cache").stdout
    beside.write_bytes(beside.read_bytes()[:1000])  # cut short
    assert cli("check", "--no-cache").stdout == first
    beside.write_bytes(b"another python" + beside.read_bytes())
    assert cli("check", "--no-cache").stdout == first
    assert beside.read_bytes().startswith(BesideBytecode.HEADER)  # written again, whole
    assert BesideBytecode(beside).read(RULES)["entries"]


def test_nothing_is_kept_where_python_writes_no_bytecode(
    cli, write, beside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    write("suppliers/acme.yaml", TIER1)
    assert cli("check", "--no-cache").exit_code == 1
    assert not beside.exists()
    # with the cache, resilint's own rule files are kept in the repository's cache instead
    assert cli("check").exit_code == 1
    cache = beside.parent.parent / ".resilint_cache"
    kept = unpack(cache.joinpath(RULES).read_bytes().partition(b"\n")[2])["entries"]
    assert len(kept) > 5 and not beside.exists()


def test_resilints_own_rule_files_are_told_by_their_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """resilint's own rule files are keyed by their stat, not read for their content: a file
    written again, even with the same bytes, is read again; the others come compiled."""
    import shutil

    import resilint.rules as rules_package
    from resilint.resources import data_dir

    copied = tmp_path / "rules"
    shutil.copytree(data_dir("rules"), copied)
    monkeypatch.setattr(
        rules_package, "data_dir", lambda name: copied if name == "rules" else data_dir(name)
    )
    schemas = build_schemas()
    fresh = load_rules(schemas)
    first = StoredRules(_store(tmp_path), "salt")
    load_rules(schemas, own=first)
    first.save()
    reads = _rule_files_read(monkeypatch)
    load_rules(schemas, own=StoredRules(_store(tmp_path), "salt"))
    assert reads == []
    rewritten = copied / "insurance.yaml"
    rewritten.write_bytes(rewritten.read_bytes())  # the same content, a new stat
    again = load_rules(schemas, own=StoredRules(_store(tmp_path), "salt"))
    assert reads == [rewritten]
    assert [r.info for r in again] == [r.info for r in fresh]
