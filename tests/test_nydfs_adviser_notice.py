"""A tier-2 professional service holding nonpublic information of an entity under NYDFS (the New
York insurer's independent adjusters, tests/data/programmes/insurer-ny), through the CLI on real
files. 23 NYCRR 500.11(b)(3) asks the entity's policies to address the notice such a third-party
service provider gives of a cybersecurity event, to the extent applicable, not a window in hours:
CTR-11 asks that notice of it, and a window of 120 hours on record answers it. The tier's hours
and a suspected-compromise trigger (CTR-03, CTR-04) are this programme's policy, asked of a
professional service only at tier 1 (the requirements matrix), so none is reported here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme

CLAUSE = '  nydfs.500.11.b.3: {present: true, variant: standard, location: "Schedule C, 3"}\n'


def _adjuster(cli: Any, root: Path) -> list[tuple[str, str]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    return [
        (f["code"], f["json_path"])
        for f in result.json()["findings"]
        if Path(f["path"]).as_posix() == "suppliers/burrard.yaml"
    ]


def test_a_tier_2_adjuster_s_notice_is_asked_by_the_law_not_its_hours(cli, tmp_path: Path) -> None:
    root = copy_programme("insurer-ny", tmp_path, "insurer")
    path = root / "suppliers" / "burrard.yaml"
    text = path.read_text(encoding="utf-8")
    assert "service_model: professional_service\ntier: 2\n" in text
    assert CLAUSE in text and "  window_hours: 72\n" in text
    # a slower window than the programme's tier-1 hours: the law asks no hours of it
    path.write_text(text.replace("  window_hours: 72\n", "  window_hours: 120\n"), "utf-8")
    assert _adjuster(cli, root) == []
    # no notice provision at all: the law's, 500.11(b)(3), is asked
    notice = text[text.index("incident_notification:") :]
    path.write_text(text.replace(CLAUSE, "").replace(notice, ""), encoding="utf-8")
    assert _adjuster(cli, root) == [("CTR-11", "clauses.nydfs.500.11.b.3.present")]
