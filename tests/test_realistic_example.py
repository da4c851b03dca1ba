"""The realistic example that proves proportionality (issue 9 item 7), through the CLI.

examples/lindenau is a mid-size programme written as a risk team would write it: it must check
clean. examples/lindenau-planted is the same programme with planted gaps, each announced by a
``# gap: ... (CODE)`` comment on the line of its finding (or on the comment lines right above it);
supporting edits that draw no finding of their own are marked ``# planted: ...``. Every planted gap
must be found; the complete list of the planted copy's findings is pinned in
tests/golden/lindenau-planted.txt (RESILINT_UPDATE_GOLDEN=1 rewrites it); every finding that is not
a planted gap must be explained in the planted copy's README."""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES

CLEAN = EXAMPLES / "lindenau"
PLANTED = EXAMPLES / "lindenau-planted"
GOLDEN = Path(__file__).parent / "golden" / "lindenau-planted.txt"
GAP = re.compile(r"#\s*gap:.*\(([A-Z]{2,4}-\d{2}(?:\s*,\s*[A-Z]{2,4}-\d{2})*)\)\s*$")
MARKER = re.compile(r"#\s*(gap|planted):")
MARKER_REACH = 3
"""Each block of changed lines must hold a marker comment or follow one within this many lines."""


def findings(cli: Any, root: Path) -> list[dict[str, Any]]:
    result = cli("check", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    found: list[dict[str, Any]] = result.json()["findings"]
    return found


def pinned(finding: dict[str, Any]) -> str:
    line = f"{finding['code']} {finding['path']}:{finding['line']}"
    return line + " suppressed" if finding["suppressed"] else line


def planted_gaps() -> list[tuple[str, str, int]]:
    """(code, path, line) of every announced gap: the line of the comment when it trails a value,
    else the first line after the block of comments it belongs to."""
    gaps = []
    for path in sorted(PLANTED.rglob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, text in enumerate(lines, 1):
            match = GAP.search(text)
            if match is None:
                continue
            target = number
            if text.lstrip().startswith("#"):
                while target < len(lines) and lines[target].lstrip().startswith("#"):
                    target += 1
                target += 1
            rel = path.relative_to(PLANTED).as_posix()
            gaps += [(code.strip(), rel, target) for code in match.group(1).split(",")]
    return gaps


def explained_in_readme() -> Counter[tuple[str, str]]:
    """(code, file) -> how many, from the README table of findings that are not planted gaps
    (columns: code, file, count, explanation)."""
    text = (PLANTED / "README.md").read_text(encoding="utf-8")
    section = text.split("## Findings that are not planted gaps", 1)[1].split("\n## ", 1)[0]
    rows: Counter[tuple[str, str]] = Counter()
    for line in section.splitlines():
        cells = [cell.strip(" `") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"[A-Z]{2,4}-\d{2}", cells[0]):
            rows[(cells[0], cells[1])] += int(cells[2])
    return rows


def test_clean_copy_checks_clean(cli: Any) -> None:
    found = findings(cli, CLEAN)
    assert [pinned(f) for f in found if not f["suppressed"]] == []
    waived = Counter((f["code"], f["suppression"]["kind"]) for f in found if f["suppressed"])
    assert waived == {("CTR-08", "waiver"): 2}


def test_every_planted_gap_is_found(cli: Any) -> None:
    found = {
        (f["code"], f["path"], f["line"]) for f in findings(cli, PLANTED) if not f["suppressed"]
    }
    gaps = planted_gaps()
    assert len({(path, line) for _, path, line in gaps}) >= 12
    assert [gap for gap in gaps if gap not in found] == []


def test_planted_findings_are_pinned(cli: Any) -> None:
    found = [pinned(f) for f in findings(cli, PLANTED)]
    if os.environ.get("RESILINT_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == GOLDEN.read_text(encoding="utf-8").splitlines()


def test_findings_are_planted_gaps_or_explained(
    cli: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reports how many of the planted copy's findings are planted gaps and how many are anything
    else; each of the latter is explained in the planted copy's README, and the README's counts
    are the real ones."""
    found = [f for f in findings(cli, PLANTED) if not f["suppressed"]]
    unclaimed = Counter(planted_gaps())
    planted: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for finding in found:
        key = (finding["code"], finding["path"], finding["line"])
        (planted if unclaimed[key] else others).append(finding)
        unclaimed[key] -= 1 if unclaimed[key] else 0
    explained = explained_in_readme()
    unexplained = Counter((f["code"], f["path"]) for f in others) - explained
    stale = explained - Counter((f["code"], f["path"]) for f in others)
    with capsys.disabled():
        print(
            f"\nlindenau-planted: {len(found)} findings: {len(planted)} planted gaps, "
            f"{len(others)} anything else"
        )
    assert unexplained == Counter(), "findings missing from the README table"
    assert stale == Counter(), "README rows that match no finding"
    readme = (PLANTED / "README.md").read_text(encoding="utf-8")
    assert f"{len(found)} findings: {len(planted)} planted gaps, {len(others)} other" in readme


def _files(root: Path) -> set[str]:
    """The example's files, leaving out hidden ones (such as a local .resilint_cache/)."""
    names = (p.relative_to(root) for p in root.rglob("*") if p.is_file())
    return {n.as_posix() for n in names if not any(part.startswith(".") for part in n.parts)}


def test_copies_differ_only_in_planted_lines() -> None:
    """The planted copy is a full copy, kept in step by this test: the same files, and every block
    of lines that differs holds or closely follows a ``# gap:`` or ``# planted:`` comment."""
    assert _files(CLEAN) == _files(PLANTED)
    for name in sorted(_files(CLEAN) - {"README.md"}):
        clean = (CLEAN / name).read_text(encoding="utf-8").splitlines()
        planted = (PLANTED / name).read_text(encoding="utf-8").splitlines()
        assert not any(MARKER.search(line) for line in clean), name
        markers = [i for i, line in enumerate(planted) if MARKER.search(line)]
        matcher = difflib.SequenceMatcher(a=clean, b=planted, autojunk=False)
        for tag, _, _, start, end in matcher.get_opcodes():
            if tag == "equal":
                continue
            last = end - 1 if end > start else start + MARKER_REACH  # a deletion: either side
            near = any(start - MARKER_REACH <= m <= last for m in markers)
            assert near, f"{name}: lines {start + 1}-{end} differ without a gap or planted comment"


def _documents(root: Path) -> dict[str, list[dict[str, Any]]]:
    """Every document of ``root``, by kind."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for path in root.rglob("*.yaml"):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if isinstance(doc, dict) and "kind" in doc:
                by_kind.setdefault(doc["kind"], []).append(doc)
    return by_kind


def test_the_clean_copy_has_the_shape_it_claims() -> None:
    docs = _documents(CLEAN)
    suppliers = docs["Supplier"]
    by_tier = Counter((d["tier"], d["provides_ict_services"]) for d in suppliers)
    assert len(suppliers) >= 25
    assert by_tier[(3, False)] >= 5 and by_tier[(2, True)] and by_tier[(2, False)]
    assert by_tier[(1, True)] and by_tier[(1, False)]
    assert {d["status"] for d in suppliers} >= {"active", "prospective", "exited"}
    assert any(d.get("alternatives") for d in suppliers)
    regimes = Counter(tuple(d.get("regimes", [])) for d in docs["Entity"])
    assert regimes[()] and regimes[("nis2",)] and regimes[("dora",)]
    types = {d["type"] for d in docs["Identity"]}
    assert types >= {"api_key", "service_account", "ssh_key", "certificate", "human_account"}
    clouds = [d.get("shared_dependencies", {}).get("cloud", []) for d in suppliers]
    assert {r.get("role") for regions in clouds for r in regions} >= {
        "primary",
        "standby",
        "replica",
    }
    layers = sorted(d.get("layer", {}).get("position", "primary") for d in docs["InsurancePolicy"])
    assert layers == ["excess", "primary"]
    assert {d.get("status") for d in docs["Contract"]} >= {"active", "draft", "ended"}
    assert {d.get("type") for d in docs["Exercise"]} == {"tabletop", "simulation", "live"}
    for kind in ("ContinuityPlan", "Control", "Playbook", "EvidencePackage", "Waiver"):
        assert docs[kind], kind
