"""A bank's group IT subsidiary recorded as a supplier by the LEI of the bank's own Entity for
it, without ``group_entity``: the register already filed it as the intra-group provider of its
arrangement (B_03.03), but the rules asked it the commercial remedies of an outside supplier
(step-in rights and a security indemnity, CTR-08) and the register dropped the arrangement's
link to the hyperscaler's it rests on (B_02.03). Identified by one of our entities' LEIs, it is
a company of our group, whichever it records; a supplier whose LEI is none of ours is asked
the remedies as before."""

from __future__ import annotations

from pathlib import Path

from programmes import copy_programme

SUPPLIER = "suppliers/bac-tech-services.yaml"


def _without_group_entity(tmp_path: Path, lei: str | None = None) -> Path:
    root = copy_programme("bank-es", tmp_path)
    path = root / SUPPLIER
    text = path.read_text(encoding="utf-8").replace("group_entity: bac-tech\n", "")
    if lei is not None:
        text = text.replace("provider_id: 95980020ALCAZARTEC14\n", f"provider_id: {lei}\n")
    path.write_text(text, encoding="utf-8")
    return root


def _remedies(cli, root: Path) -> list[str]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    return [
        f["message"]
        for f in result.json()["findings"]
        if f["code"] == "CTR-08" and f["path"] == SUPPLIER
    ]


def test_a_supplier_known_by_our_entitys_lei_is_asked_no_commercial_remedies(
    cli, tmp_path: Path
) -> None:
    assert _remedies(cli, _without_group_entity(tmp_path)) == []


def test_its_arrangement_keeps_its_link_to_the_one_it_rests_on(cli, tmp_path: Path) -> None:
    root = _without_group_entity(tmp_path)
    out = tmp_path / "register"
    cli(
        "register", "export", ".", "--format", "csv", "-o", str(out),
        "--reference-date", "2026-12-31", "--allow-incomplete", cwd=root,
    )  # fmt: skip
    linked = (out / "b_02.03.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert linked == ["BAC-IG-2022-001,BAC-2024-033,true"]
    providers = (out / "b_03.03.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert providers == ["BAC-IG-2022-001,95980020ALCAZARTEC14,true"]


def test_a_supplier_whose_lei_is_none_of_ours_is_asked_them(cli, tmp_path: Path) -> None:
    outside = _without_group_entity(tmp_path, lei="959800OUTSIDEITSER01")
    said = " ".join(_remedies(cli, outside))
    assert "grants no step-in rights" in said
    assert "no indemnity for losses caused by negligent security" in said
