"""EVD-01 reads each claims evidence item of type ``other`` on its own: items of one named type
are one document, kept in any package of the tower, so one of them sound answers for the others,
but an item of type other is whatever its description says, and a current one (a forensic
retainer letter) does not answer for a stale one (a network diagram of the plant). Through the
CLI on real files, as of 2026-11-26."""

from __future__ import annotations

from one_file import AS_OF, REQUIRED_EVIDENCE, evidence_package

CURRENT = (
    "{type: other, description: retainer letter, location: vault/r, owner: risk, "
    "last_updated: 2026-10-01}"
)
STALE = (
    "{type: other, description: plant network diagram, location: vault/n, owner: ot, "
    "last_updated: 2024-01-10}"
)


def _evd01(cli, write, text: str) -> list[dict]:  # type: ignore[no-untyped-def]
    write("resilint.yaml", "profiles: []\nselect: [EVD-01]\n")
    write("repo.yaml", text)
    run = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", AS_OF)
    return [f for f in run.json()["findings"] if f["code"] == "EVD-01"]


def test_a_stale_other_item_is_reported_beside_a_current_one(cli, write) -> None:
    (finding,) = _evd01(cli, write, evidence_package(CURRENT, STALE))
    assert finding["json_path"] == f"items[{len(REQUIRED_EVIDENCE) + 1}]"
    assert "a last update on 2024-01-10" in finding["message"]
    assert "bring it up to date" in finding["message"]


def test_current_other_items_ask_nothing(cli, write) -> None:
    fresh = STALE.replace("2024-01-10", "2026-09-01")
    assert _evd01(cli, write, evidence_package(CURRENT, fresh)) == []
