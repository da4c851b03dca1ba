"""DORA Art. 16(1) offers the simplified ICT risk-management framework to a closed list of kinds
of entity (small and non-interconnected investment firms, exempted payment and e-money
institutions, CRD-exempted institutions, small IORPs); being small is not one of them (the
Commission's answer to ESMA Q&A 2292). An entity of another kind recording
dora_simplified_framework: true would silently lose the checks resting on Articles 5 to 15
(EXR-04): ENT-01 reports the flag, at its line, and leaves the kinds Art. 16(1) names alone; the
flag of a kind it does not name is not honoured, so those checks are made all the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ENTITY = """\
apiVersion: resilint/v1
kind: Entity
id: fe
name: Example financial entity
entity_type: {kind}
lei: 529900T8BM49AURSDO55
country: LT
regimes: [dora]
dora_enterprise_size: small
dora_simplified_framework: true
"""

FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: reporting
name: Management reporting
owner: cfo
criticality: not_critical
"""


def _check(cli: Any, root: Path, kind: str) -> Any:
    root.mkdir()
    (root / "entities.yaml").write_text(ENTITY.format(kind=kind), encoding="utf-8")
    (root / "function.yaml").write_text(FUNCTION, encoding="utf-8")
    return cli("check", ".", "--no-cache", "--as-of", "2026-12-07", cwd=root)


@pytest.mark.parametrize(
    "kind",
    [
        "crypto_asset_service_provider",
        "insurance_undertaking",
        "management_company",
        "crowdfunding_service_provider",
    ],
)
def test_a_kind_art_16_does_not_name_is_reported(cli: Any, tmp_path: Path, kind: str) -> None:
    run = _check(cli, tmp_path / "fe", kind)
    assert (
        "entities.yaml:10:28: ENT-01 warning entity fe records dora_simplified_framework: true, "
        "but DORA Art. 16(1) offers the simplified ICT risk-management framework only to"
    ) in run.stdout, run.stdout
    assert f"its type ({kind}) is none of them, whatever its size" in run.stdout
    assert "ESMA Q&A 2292" in run.stdout


@pytest.mark.parametrize(
    "kind",
    ["payment_institution", "electronic_money_institution", "investment_firm"],
)
def test_a_kind_art_16_names_is_left_alone(cli: Any, tmp_path: Path, kind: str) -> None:
    run = _check(cli, tmp_path / "fe", kind)
    assert "ENT-01" not in run.stdout, run.stdout
    # the flag still does what it says: the yearly test of a function that is not critical
    # (EXR-04, DORA Art. 11) is not asked of an entity on the simplified framework
    assert "EXR-04" not in run.stdout, run.stdout


def test_without_the_flag_the_full_framework_is_asked(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "fe"
    root.mkdir()
    entity = ENTITY.format(kind="crypto_asset_service_provider").replace(
        "dora_simplified_framework: true\n", ""
    )
    (root / "entities.yaml").write_text(entity, encoding="utf-8")
    (root / "function.yaml").write_text(FUNCTION, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--as-of", "2026-12-07", cwd=root)
    assert "ENT-01" not in run.stdout, run.stdout
    assert "EXR-04" in run.stdout, run.stdout


@pytest.mark.parametrize("kind", ["crowdfunding_service_provider", "insurance_undertaking"])
def test_the_flag_of_a_kind_art_16_does_not_name_turns_no_check_off(
    cli: Any, tmp_path: Path, kind: str
) -> None:
    """A small crowdfunding platform whose lawyer read "small" as enough keeps the full
    framework's checks: the function that is not critical is still asked its yearly test
    (DORA Art. 11(6)(a): the plans for the ICT systems supporting all functions)."""
    run = _check(cli, tmp_path / "fe", kind)
    assert "ENT-01" in run.stdout, run.stdout
    assert "the checks resting on those articles are made all the same" in run.stdout
    assert "function.yaml:3:5: EXR-04 error function reporting" in run.stdout, run.stdout
