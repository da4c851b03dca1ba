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
from resilint.rules.stored import RULES, StoredRules, kept_copy
from resilint.serialize import same_data


def _store(tmp_path: Path) -> Store:
    return Store(tmp_path / "cache", b"s" * 32)


def test_kept_rule_files_compile_to_the_same_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schemas = build_schemas()
    fresh = load_rules(schemas)
    first = StoredRules(_store(tmp_path), "salt")
    load_rules(schemas, stored=first)
    first.save()
    assert (tmp_path / "cache" / RULES).is_file()
    reads: list[Path] = []
    original = rule_file.load_mapping

    def counted(path: Path, limits: Limits) -> object:
        reads.append(path)
        return original(path, limits)

    monkeypatch.setattr(rule_file, "load_mapping", counted)
    kept = load_rules(schemas, stored=StoredRules(_store(tmp_path), "salt"))
    assert reads == []  # every rule file came from the cache
    assert [r.info for r in kept] == [r.info for r in fresh]
    # declarative rules compile when they first have documents to run on
    assert sum(isinstance(r, LazyRule) for r in kept) > len(kept) // 2
    other = load_rules(schemas, stored=StoredRules(_store(tmp_path), "another salt"))
    assert reads and [r.info for r in other] == [r.info for r in fresh]


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
    (cache / "result.json").unlink()
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
    load_rules(schemas, stored=first)
    first.save()
    fewer = {name: check for name, check in PYTHON_CHECKS.items() if name != "tier-consistent"}
    with pytest.raises(ConfigError) as fresh:
        load_rules(schemas, checks=fewer)
    with pytest.raises(ConfigError) as kept:
        load_rules(schemas, checks=fewer, stored=StoredRules(_store(tmp_path), "salt"))
    assert "unknown Python check 'tier-consistent'" in str(fresh.value)
    assert str(kept.value) == str(fresh.value)
