"""A Luxembourg UCITS management company that is also an authorised AIFM (DORA Art. 2(1)(k) and
(l)), part of a bank-owned group, written as its risk team would keep it
(tests/data/programmes/manco-lu): an order management SaaS, a fund administrator it delegates
to, the depositary bank, a market data vendor, a proxy voting service, a hyperscale cloud for
its data warehouse, the group's IT company (intra-group), a print vendor for investor letters,
an exited reference data vendor, a group cyber policy, continuity plans and exercises. Each
planted gap (a ``# gap`` comment) is found, and nothing else is reported but what the list
below explains. The depositary and the print vendor are held to no ICT contract terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme, planted_gaps

FOUND = [
    ("CTR-01", "contracts/kirchberg-group-tech.yaml", 25),  # gap G10: Art. 30(2)(d), intra-group
    ("CTR-01", "contracts/nubeon.yaml", 24),  # gap G4: Art. 30(2)(b), data locations
    ("CTR-08", "contracts/nubeon.yaml", 50),  # warning: no security indemnity (policy)
    ("CTR-10", "contracts/pontlux.yaml", 66),  # gap G2: no audit rights for the CSSF
    ("REG-03", "contracts/quotara.yaml", 3),  # G6 too: the register reads it as ended
    ("CTR-13", "contracts/quotara.yaml", 19),  # gap G6: the licence lapsed, marked active
    ("CTR-02", "contracts/tradeloom.yaml", 25),  # gap G1: Art. 30(3)(f), exit strategy
    ("EXR-01", "functions/portfolio-management.yaml", 3),  # gap G7: fallback tested 2025
    ("EVD-01", "insurance/cyber-group-2026.yaml", 3),  # no claims evidence package
    ("INS-04", "insurance/cyber-group-2026.yaml", 24),  # info: 8 h waiting period, 4 h RTO
    ("INS-04", "insurance/cyber-group-2026.yaml", 26),  # gap G9: OMS not named for DBI
    ("INS-01", "insurance/cyber-group-2026.yaml", 35),  # gap G8: MFA attested, 80 %
    ("SUP-01", "suppliers/datavista.yaml", 7),  # gap G11: exited, still listed
    ("SUP-02", "suppliers/nubeon.yaml", 3),  # gap G5: no LEI
    ("SUP-07", "suppliers/pontlux.yaml", 26),  # gap G3: no exit plan
    ("REG-07", "suppliers/tradeloom.yaml", 25),  # G5 too: the subcontractor is nubeon
]


def _found(cli: Any, root: Path) -> list[tuple[str, str, int, str]]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return [
        (f["code"], Path(f["path"]).as_posix(), f["line"], f["level"])
        for f in result.json()["findings"]
    ]


def test_the_managers_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("manco-lu", tmp_path, "manco")
    found = _found(cli, root)
    assert [f[:3] for f in found] == FOUND
    assert planted_gaps(root) == 11
    # the exited vendor only a standard function lists is a warning
    assert ("SUP-01", "suppliers/datavista.yaml", 7, "warning") in found
    # the depositary and the print vendor are asked no contract terms
    assert not [f for f in found if f[1] in ("contracts/depositary.yaml",)]
    assert not [f for f in found if "imprimerie" in f[1] or "depositary" in f[1]]


def test_a_subcontractor_tracked_as_a_supplier_is_identified_on_that_supplier(
    cli, tmp_path: Path
) -> None:
    """The OMS provider's hosting subcontractor names the cloud provider's Supplier document,
    which records no LEI: REG-07 says to record it there, where the register takes it from,
    not on the subcontractor entry; once recorded there, REG-07 says nothing."""
    root = copy_programme("manco-lu", tmp_path, "manco")
    result = cli("check", ".", "--format", "json", "--no-cache", "--select", "REG-07", cwd=root)
    (finding,) = result.json()["findings"]
    assert (
        "subcontractor tl-hosting of supplier tradeloom has no identifier and type: the register "
        "takes them from the Supplier document it names (nubeon), which records none"
    ) in finding["message"]
    assert "record the provider_id and provider_id_type on supplier nubeon" in finding["message"]
    cloud = root / "suppliers" / "nubeon.yaml"
    cloud.write_text(
        cloud.read_text(encoding="utf-8").replace(
            "person_type: legal_person",
            "provider_id: 635400NUBEONCLOUDE12\nprovider_id_type: LEI\nperson_type: legal_person",
        ),
        encoding="utf-8",
    )
    result = cli("check", ".", "--format", "json", "--no-cache", "--select", "REG-07", cwd=root)
    assert result.json()["findings"] == []
