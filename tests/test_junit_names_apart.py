"""JUnit test cases are keyed by classname and name, and a CI system keeps one of those sharing
a key: two findings alike in code, message and field (two documents of one kind and id in one
file) had one name, even with the fingerprint added. Their line and column tell them apart, the
same in every run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

TWICE = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\n"


def _cases(cli, repo: Path) -> list[ElementTree.Element]:
    run = cli("check", ".", "--no-cache", "-f", "junit", "--as-of", "2026-11-26", cwd=repo)
    return list(ElementTree.fromstring(run.stdout).iter("testcase"))


def test_each_case_of_a_file_has_its_own_stable_name(cli, tmp_path: Path) -> None:
    (tmp_path / "suppliers.yaml").write_text(TWICE + "---\n" + TWICE, encoding="utf-8")
    cases = _cases(cli, tmp_path)
    keys = Counter((c.get("classname"), c.get("name")) for c in cases)
    assert len(cases) > 2 and max(keys.values()) == 1, keys.most_common(3)
    sup05 = sorted(str(c.get("name")) for c in cases if str(c.get("name")).startswith("SUP-05"))
    assert [n.rsplit(" at ", 1)[1] for n in sup05] == ["3:5", "8:5"]
    assert [c.get("name") for c in _cases(cli, tmp_path)] == [c.get("name") for c in cases]
