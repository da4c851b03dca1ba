"""The fingerprints of GitLab's Code Quality report and of SARIF's partial fingerprints are
unique within a report (GitLab shows one issue, GitHub code scanning one alert, for all that
share one) and the same from run to run, lines moved or not (both tools compare them between
pipelines). Two documents of one kind and id share their findings' own fingerprints (rule,
document, field), in one file or in two: the report tells them apart by file, then by order."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n"


def _write(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")


def _gitlab(cli) -> list[tuple[str, str, int, str]]:
    issues = json.loads(cli("check", ".", "--format", "gitlab").stdout)
    return [
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["fingerprint"])
        for i in issues
    ]


def _sarif(cli) -> list[tuple[str, str, int, str]]:
    results = json.loads(cli("check", ".", "--format", "sarif").stdout)["runs"][0]["results"]
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            *r["partialFingerprints"].values(),
        )
        for r in results
    ]


@pytest.mark.parametrize("report", [_gitlab, _sarif])
def test_documents_of_one_kind_and_id_have_findings_of_their_own(cli, tmp_path, report) -> None:
    _write(tmp_path, {"a.yaml": "---\n".join([SUPPLIER] * 3), "b.yaml": SUPPLIER})
    found = report(cli)
    # DOC-02 on the second and third acme in a.yaml and on the one in b.yaml; SUP-01 on all four
    assert Counter(code for code, *_ in found) == {"DOC-02": 3, "SUP-01": 4}
    assert len({fingerprint for *_, fingerprint in found}) == len(found) == 7
    assert report(cli) == found  # the same in the next pipeline


@pytest.mark.parametrize("report", [_gitlab, _sarif])
def test_a_fingerprint_does_not_follow_the_line(cli, tmp_path, report) -> None:
    _write(tmp_path, {"a.yaml": "---\n".join([SUPPLIER] * 2)})
    before = {
        (code, path): fingerprint for code, path, _, fingerprint in report(cli) if code == "DOC-02"
    }
    _write(tmp_path, {"a.yaml": "# suppliers\n\n" + "---\n".join([SUPPLIER] * 2)})
    moved = report(cli)
    assert [line for code, _, line, _ in moved if code == "DOC-02"] == [9]
    assert {
        (code, path): fingerprint for code, path, _, fingerprint in moved if code == "DOC-02"
    } == before
