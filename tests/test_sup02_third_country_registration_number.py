"""A legal person established outside the EU and identified by its company registration number
(an offshore development contractor in Ukraine) is told what the register asks of it: the LEI
only, not "the LEI or its EUID", which no third-country company has (ITS 2024/2956, recital
9); what to do (ask the supplier for an LEI, or to obtain one) and where its registration number
can stay (additional_id, B_05.01.0030). An EU company identified by its VAT number is still
told the LEI or the EUID. Through the CLI on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SUPPLIERS = """\
apiVersion: resilint/v1
kind: Supplier
id: devshop
name: Example Dev LLC
provides_ict_services: true
person_type: legal_person
hq_country: UA
provider_id: "43810277"
provider_id_type: CRN
ultimate_parent: {name: Example Dev LLC}
---
apiVersion: resilint/v1
kind: Supplier
id: hoster
name: Example Hosting GmbH
provides_ict_services: true
person_type: legal_person
hq_country: DE
provider_id: DE123456789
provider_id_type: VAT
ultimate_parent: {name: Example Hosting GmbH}
"""


def test_a_third_country_company_is_asked_for_its_lei_only(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "suppliers.yaml").write_text(SUPPLIERS, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--select", "SUP-02", cwd=tmp_path)
    lines = [line for line in run.stdout.splitlines() if "SUP-02" in line]
    offshore = next(line for line in lines if "devshop" in line)
    assert offshore.startswith(
        "suppliers.yaml:9:19: SUP-02 error supplier devshop is identified by its CRN, but it is "
        "established outside the EU (UA), and the register identifies a provider from a third "
        "country by its LEI only (ITS 2024/2956, recital 9): ask the supplier for its LEI"
    ), offshore
    assert "EUID" not in offshore
    assert "its CRN can stay as additional_id (B_05.01.0030)" in offshore
    eu = next(line for line in lines if "hoster" in line)
    assert "only by its LEI or (established in the EU) its EUID" in eu
    assert "its VAT can stay as additional_id" in eu
