"""Rule findings kept from the last run when an edit cannot have changed them: a check with the
cache finds, byte for byte, what a check without it finds, whatever was edited."""

from __future__ import annotations

import io
import json
import random
import shutil
import weakref
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES
from ruamel.yaml import YAML

from resilint import parallel
from resilint.cache import open_store
from resilint.findings import Applicability, Edit, Finding, Fix, Level
from resilint.incremental import WHOLE, Before, Recorder, Watched, changed_fields, relocated
from resilint.limits import Limits
from resilint.locate import Locator
from resilint.model import Document
from resilint.run_cache import RULES
from resilint.serialize import same_data

CHECK = ("check", "--as-of", "2026-11-26", "--format", "json")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "planted"
    shutil.copytree(EXAMPLES / "lindenau-planted", target)
    return target


def _fresh(cli, repo: Path) -> str:  # type: ignore[no-untyped-def]
    return str(cli(*CHECK, "--no-cache", cwd=repo).stdout)


def _cached(cli, repo: Path) -> str:  # type: ignore[no-untyped-def]
    return str(cli(*CHECK, cwd=repo).stdout)


def _reads(repo: Path) -> dict[str, list[str]]:
    """The fields the last evaluation read, by kind, as the cache keeps them."""
    reads: dict[str, list[str]] = open_store(repo / ".resilint_cache", repo, 1 << 30).read(RULES)[
        "reads"
    ]
    return reads


def _unread_field(repo: Path, output: str) -> tuple[Path, str]:
    """A file with findings and a one-line text field of its document that no rule read."""
    reads = _reads(repo)
    paths = [f["path"] for f in json.loads(output)["findings"]]
    for name in sorted(set(paths), key=lambda p: (-paths.count(p), p)):
        documents = list(yaml.safe_load_all((repo / name).read_text(encoding="utf-8")))
        if len(documents) != 1:
            continue
        data = documents[0]
        for key, value in data.items():
            if isinstance(value, str) and key not in [
                *reads.get(data["kind"], []),
                "apiVersion",
                "kind",
                "id",
            ]:
                return repo / name, key
    raise AssertionError("every field of every file with findings is read")


def test_comments_and_an_unread_field_keep_the_findings_where_they_now_are(
    cli, repo: Path, rule_evaluations: list[int]
) -> None:
    first = _cached(cli, repo)
    path, field = _unread_field(repo, first)
    text = path.read_text(encoding="utf-8").replace(f"\n{field}: ", f"\n{field}: (new) ", 1)
    path.write_text("# reviewed by procurement\n# on the 2nd\n" + text, encoding="utf-8")
    kept = _cached(cli, repo)
    assert rule_evaluations == [1]  # the second run kept the first run's rule findings
    assert kept == _fresh(cli, repo)
    name = str(path.relative_to(repo))
    before = [f["line"] for f in json.loads(first)["findings"] if f["path"] == name]
    after = [f["line"] for f in json.loads(kept)["findings"] if f["path"] == name]
    assert before and after == [line + 2 for line in before]


def _tier_one(repo: Path) -> Path:
    return next(
        p for p in sorted((repo / "suppliers").glob("*.yaml")) if "tier: 1" in p.read_text()
    )


def test_an_edit_to_a_field_the_rules_read_evaluates_them_again(
    cli, repo: Path, rule_evaluations: list[int]
) -> None:
    first = _cached(cli, repo)
    path = _tier_one(repo)
    path.write_text(path.read_text().replace("tier: 1", "tier: 3", 1))
    again = _cached(cli, repo)
    assert len(rule_evaluations) == 2
    assert again == _fresh(cli, repo) != first


def _mutate(data: Any, rng: random.Random) -> str:
    """Change one top-level field of a document (not its kind or id): its value, its absence,
    or its place among the keys. Says what it did."""
    keys = [k for k in data if k not in ("apiVersion", "kind", "id")]
    if not keys:
        return "nothing to change but the comment"
    key = rng.choice(keys)
    value = data[key]
    how = rng.choice(["value", "value", "drop", "move"])
    if how == "drop":
        del data[key]
    elif how == "move":
        del data[key]
        data[key] = value
    elif isinstance(value, bool):
        data[key] = not value
    elif isinstance(value, int | float):
        data[key] = value + 7
    elif isinstance(value, str):
        data[key] = value + " (edited)"
    elif isinstance(value, list):
        data[key] = value[:-1] if value else ["x"]
    elif isinstance(value, dict) and value:
        del value[next(iter(value))]
    else:
        data[key] = "edited"
    return f"{how} {key}"


def test_any_edit_gives_what_a_check_without_the_cache_gives(cli, repo: Path) -> None:
    """Seeded random edits, one after the other, each compared with a check that evaluates
    everything: whether the findings were kept or evaluated again, they must be the same."""
    yaml = YAML()
    yaml.preserve_quotes = True
    rng = random.Random(16)
    files = sorted(p for p in repo.rglob("*.yaml") if p.name != "resilint.yaml")
    _cached(cli, repo)
    for _ in range(14):
        path = rng.choice(files)
        documents = list(yaml.load_all(path.read_text(encoding="utf-8")))
        if not documents or not all(isinstance(d, dict) for d in documents):
            continue
        what = _mutate(rng.choice(documents), rng)
        out = io.StringIO()
        yaml.dump_all(documents, out)
        path.write_text("# edited\n" + out.getvalue(), encoding="utf-8")
        assert _cached(cli, repo) == _fresh(cli, repo), f"{path.name}: {what}"


def test_a_record_of_another_time_is_never_believed(
    cli, repo: Path, rule_evaluations: list[int]
) -> None:
    """The kept findings and the cache's entries written by two runs at once: the record names
    each file's stat, and an entry of another stat is not compared with."""
    _cached(cli, repo)
    record = (repo / ".resilint_cache" / RULES).read_bytes()
    path = _tier_one(repo)
    path.write_text(path.read_text().replace("tier: 1", "tier: 3", 1))
    _cached(cli, repo)  # the entries now hold tier 3
    (repo / ".resilint_cache" / RULES).write_bytes(record)  # findings of tier 1 again
    path.write_text("# only a comment more\n" + path.read_text())
    checked = _cached(cli, repo)
    assert len(rule_evaluations) == 3  # evaluated again, not kept
    assert checked == _fresh(cli, repo)


def test_rules_spread_over_processes_record_what_they_read(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each process read comes back with its findings: the record is the one a single
    process makes."""
    records = []
    for jobs in ("1", "3"):
        target = tmp_path / f"jobs-{jobs}"
        shutil.copytree(EXAMPLES / "lindenau-planted", target)
        monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
        cli(*CHECK, "--jobs", jobs, cwd=target)
        store = open_store(target / ".resilint_cache", target, 1 << 30)
        records.append(store.read(RULES)["reads"])
    assert records[0] == records[1]
    assert "tier" in records[0]["Supplier"]


def test_watched_data_notes_each_key_and_the_whole() -> None:
    seen: set[str] = set()
    data = Watched({"tier": 1, "name": "Acme", 7: "seven"}, seen)
    assert data["tier"] == 1 and data.get("missing") is None and "name" in data
    assert data.get(7) == "seven"
    assert seen == {"tier", "missing", "name", "\x00int:7"}
    for look in (len, list, lambda d: d.items(), lambda d: d == {}, repr, dict, lambda d: {**d}):
        seen.clear()
        look(data)
        assert WHOLE in seen, look
    with pytest.raises(TypeError):
        data["tier"] = 2
    with pytest.raises(TypeError):
        data.update(tier=2)


def test_a_recorder_gives_the_documents_plain_data_back() -> None:
    """While the rules run a document holds only the noting copy (its original mapping is let
    go); released, it holds a plain mapping of the same keys, in the same order, with the very
    same values, and the release itself notes no read."""

    class Mapping(dict):  # type: ignore[type-arg]  # a plain dict cannot be watched by weakref
        pass

    address = {"city": "Lyon"}
    original = Mapping(tier=1, address=address)
    document = Document("a.yaml", 0, 1, "Supplier", "acme", original)
    plain = weakref.ref(original)
    del original
    recorder = Recorder()
    recorder.watch([document])
    assert isinstance(document.data, Watched) and document.data["tier"] == 1
    assert plain() is None  # nothing else held it: one mapping per document while recording
    recorder.release()
    assert type(document.data) is dict and list(document.data) == ["tier", "address"]
    assert document.data["address"] is address
    assert recorder.reads == {"Supplier": {"tier"}}


def test_changes_are_told_apart_by_type_and_order() -> None:
    assert same_data({"a": [1, {"b": 2.0}]}, {"a": [1, {"b": 2.0}]})
    assert not same_data(1, 1.0) and not same_data(1, True) and not same_data(0.0, -0.0)
    assert not same_data({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 2}) == set()
    assert changed_fields({"a": 1, "b": 2}, {"b": 2, "a": 1}) == {WHOLE}
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b", WHOLE}
    assert changed_fields({"a": 1}, {"a": 1, "c": None}) == {"c", WHOLE}


def test_reference_findings_are_kept_and_placed_anew(
    cli, repo: Path, rule_evaluations: list[int]
) -> None:
    playbook = repo / "playbooks" / "aurelia-erp.yaml"
    playbook.write_text(playbook.read_text().replace("supplier: aurelia-erp", "supplier: aurelia"))
    first = _cached(cli, repo)
    dangling = [f for f in json.loads(first)["findings"] if f["code"] == "REF-01"]
    assert [f["path"] for f in dangling] == ["playbooks/aurelia-erp.yaml"]
    playbook.write_text("# owner: IT\n" + playbook.read_text())
    kept = _cached(cli, repo)
    assert rule_evaluations == [1]
    assert kept == _fresh(cli, repo)
    moved = [f for f in json.loads(kept)["findings"] if f["code"] == "REF-01"]
    assert [f["line"] for f in moved] == [f["line"] + 1 for f in dangling]


def test_an_edited_file_that_cannot_be_read_evaluates_everything(
    cli, repo: Path, rule_evaluations: list[int]
) -> None:
    """The reference checks read the text of files that cannot be read (a reference into one
    is not "unknown"): when such a file changes, nothing is kept."""
    broken = repo / "suppliers" / "broken.yaml"
    broken.write_text('apiVersion: resilint/v1\nkind: Supplier\nid: x\nname: "unclosed\n')
    _cached(cli, repo)
    broken.write_text(broken.read_text() + "# still unclosed\n")
    again = _cached(cli, repo)
    assert len(rule_evaluations) == 2
    assert again == _fresh(cli, repo)


def test_a_finding_with_a_fix_in_a_changed_file_is_not_placed_anew() -> None:
    """A fix's edits name lines and columns of the text it was made for."""
    edit = Edit(3, 7, 3, 12, "acme")
    fixed = Finding(
        "REF-01", "x", Level.ERROR, "m", "a.yaml", 3, 7, fix=Fix("t", Applicability.SAFE, (edit,))
    )
    before = Before("stamp", (), {})
    locator = Locator(Limits())
    assert relocated([fixed], {"a.yaml": before}, [], locator) is None
    assert relocated([fixed], {"b.yaml": before}, [], locator) == [fixed]  # another file's
