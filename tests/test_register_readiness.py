"""What keeps a register from being filed, through the CLI on a copy of examples/havelbank, each
export opened as its users open it (the package's CSVs with the csv module, the workbook with
openpyxl): a provider's LEI with wrong check digits; a provider hard to substitute without the
reason (B_07.01.0060); an arrangement past its end date still marked active; a group company
outside DORA's scope; supply-chain ranks that do not follow their recipients; dates after the
reference date; and what a refusal says it checked."""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
import zipfile
from pathlib import Path

from conftest import EXAMPLES, REPO
from openpyxl import load_workbook

BANK = EXAMPLES / "havelbank"
REFERENCE = "2026-12-31"
SUPPLIER = "suppliers/corebanq.yaml"
CONTRACT = "contracts/corebanq.yaml"


def lei_valid(value: str) -> bool:
    """ISO 17442: 18 characters and 2 check digits, the whole equal to 1 modulo 97 (ISO 7064)."""
    if not re.fullmatch(r"[A-Z0-9]{18}[0-9]{2}", value):
        return False
    return int("".join(str(int(c, 36)) for c in value)) % 97 == 1


def with_check_digits(prefix: str) -> str:
    """An LEI from its 18 first characters (ISO 7064 MOD 97-10)."""
    number = int("".join(str(int(c, 36)) for c in prefix + "00"))
    return f"{prefix}{98 - number % 97:02d}"


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy(tmp_path: Path) -> Path:
    repo = tmp_path / "bank"
    shutil.copytree(BANK, repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    return repo


def export(cli, repo: Path, fmt: str, out: Path, *extra: str):
    args = ("--format", fmt, "-o", str(out), "--reference-date", REFERENCE, *extra)
    return cli("register", "export", str(repo), *args)


def package_tables(out: Path) -> dict[str, list[dict[str, str]]]:
    """The template CSVs of the one report package in ``out``, read with the csv module."""
    (zip_path,) = out.glob("*.zip")
    found = {}
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            match = re.search(r"/reports/(b_\d\d\.\d\d)\.csv$", name)
            if match:
                text = archive.read(name).decode("utf-8")
                found[match.group(1).upper()] = list(csv.DictReader(io.StringIO(text)))
    return found


def workbook_rows(path: Path, template: str) -> list[dict[str, str]]:
    """A sheet of the exported workbook: the column codes in its first row, names in its
    second, then the rows."""
    sheet = load_workbook(path, read_only=True)[template]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[2:]]


def _cell(value: object) -> str:
    """A workbook cell as the package writes it: a date cell as yyyy-mm-dd."""
    if value is None:
        return ""
    return value.date().isoformat() if isinstance(value, datetime.datetime) else str(value)


def findings(cli, repo: Path, code: str) -> list[dict]:
    result = cli("check", str(repo), "--format", "json", "--no-cache", "--select", code)
    return [f for f in result.json()["findings"] if f["code"] == code]


# -- 1. providers' LEIs ---------------------------------------------------------------------------
def test_a_provider_lei_with_wrong_check_digits_is_reg11_and_keeps_the_register_from_filing(
    cli, tmp_path
) -> None:
    repo = copy(tmp_path)
    edit(repo, SUPPLIER, "provider_id: 391200COREBANQSYST85", "provider_id: 391200COREBANQSYST58")
    # a subcontractor's, and the LEI of a provider's additional code (B_05.01.0030)
    edit(repo, SUPPLIER, "provider_id: 529900SPREERECHENZ95", "provider_id: 529900SPREERECHENZ59")
    edit(
        repo,
        "suppliers/elbnetz.yaml",
        "provider_id_type: LEI\n",
        "provider_id_type: LEI\nadditional_id: {provider_id: 529900ELBNETZTELEK49, "
        "provider_id_type: LEI}\n",
    )
    assert not lei_valid("391200COREBANQSYST58") and not lei_valid("529900ELBNETZTELEK49")
    found = {
        (f["path"].split("bank/")[-1], f["line"], f["column"])
        for f in findings(cli, repo, "REG-11")
    }
    assert found == {(SUPPLIER, 8, 14), (SUPPLIER, 46, 18), ("suppliers/elbnetz.yaml", 10, 30)}
    out = tmp_path / "out"
    out.mkdir()
    result = export(cli, repo, "xbrl-csv", out)
    assert result.exit_code == 1
    assert f"bank/{SUPPLIER}:8:14: REG-11 error correct the field provider_id of supplier " in (
        result.stdout
    )
    assert "B_05.01.0010: the LEI 391200COREBANQSYST58 is not valid" in result.stdout
    assert not list(out.glob("*.zip"))  # nothing written as if it were valid
    assert export(cli, repo, "xbrl-csv", out, "--allow-incomplete").exit_code == 0
    providers = {r["c0010"] for r in package_tables(out)["B_05.01"]}
    assert "391200COREBANQSYST58" in providers  # written only as asked, with the problems listed


def test_every_provider_lei_the_bank_files_is_valid(cli, tmp_path) -> None:
    assert export(cli, BANK, "xbrl-csv", tmp_path).exit_code == 0
    tables = package_tables(tmp_path)
    lei = "eba_qCO:qx2000"
    checked = [r["c0010"] for r in tables["B_05.01"] if r["c0020"] == lei]
    checked += [r["c0110"] for r in tables["B_05.01"] if r["c0120"] == lei]
    checked += [r["c0030"] for r in tables["B_05.02"] if r["c0040"] == lei]
    assert len(checked) > 30
    assert all(lei_valid(code) for code in checked), [c for c in checked if not lei_valid(c)]


# -- 2. B_07.01.0060 -------------------------------------------------------------------------------
def test_a_provider_hard_to_substitute_needs_the_reason_whatever_sup06_says(cli, tmp_path) -> None:
    repo = copy(tmp_path)
    edit(repo, SUPPLIER, "    non_substitutability_reason: both\n", "")
    edit(repo, "resilint.yaml", "fail_on: error\n", "fail_on: error\nignore: [SUP-06]\n")
    workbook = tmp_path / "register.xlsx"
    result = export(cli, repo, "xlsx", workbook)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert (
        f"bank/{SUPPLIER}:55:5: REG-12 error fill in the field "
        "services[0].non_substitutability_reason of supplier corebanq; B_07.01.0060 (Reason if "
        "the ICT third-party service provider is considered not substitutable or difficult to be "
        "substitutable) is empty (the ESAs' check: v8825_m)"
    ) in result.stdout
    # check says it too, at the same place, whatever the configuration says of SUP-06
    (finding,) = findings(cli, repo, "REG-12")
    assert (finding["line"], finding["column"]) == (55, 5)
    assert not workbook.exists()
    assert export(cli, repo, "xlsx", workbook, "--allow-incomplete").exit_code == 0
    (row,) = [r for r in workbook_rows(workbook, "B_07.01") if r["c0020"] == "391200COREBANQSYST85"]
    assert (row["c0050"], row["c0060"]) == ("eba_ZZ:x959", "")  # as the problems said


def test_every_hard_to_substitute_provider_the_bank_files_has_its_reason(cli, tmp_path) -> None:
    workbook = tmp_path / "register.xlsx"
    assert export(cli, BANK, "xlsx", workbook).exit_code == 0
    hard = [
        r
        for r in workbook_rows(workbook, "B_07.01")
        if r["c0050"] in ("eba_ZZ:x959", "eba_ZZ:x960")
    ]
    assert hard and all(r["c0060"] for r in hard)


# -- 3. arrangements past their end date -----------------------------------------------------------
def test_an_arrangement_past_its_end_date_has_ended_whatever_its_status_says(cli, tmp_path) -> None:
    repo = copy(tmp_path)
    edit(repo, CONTRACT, "end_date: 2031-12-31", "end_date: 2026-06-30")  # still "active"
    out = tmp_path / "out"
    out.mkdir()
    result = export(cli, repo, "xbrl-csv", out)
    assert result.exit_code == 1
    assert (
        f"bank/{CONTRACT}:3:5: REG-03 error contract ctr-corebanq-2022 is recorded as in force, "
        "but the date it ends has passed, so the register reports it as ended and asks why "
        "(termination_reason; B_02.02.0090)"
    ) in result.stdout
    assert not list(out.glob("*.zip"))
    edit(repo, CONTRACT, "status: active\n", "status: active\ntermination_reason: not_renewed\n")
    result = export(cli, repo, "xbrl-csv", out)
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = [r for r in package_tables(out)["B_02.02"] if r["c0010"] == "HB-2022-004"]
    assert rows and {(r["c0080"], r["c0090"]) for r in rows} == {("2026-06-30", "eba_CO:x4")}


def test_an_arrangement_that_ended_the_year_before_is_not_in_the_register(cli, tmp_path) -> None:
    repo = copy(tmp_path)
    edit(repo, CONTRACT, "end_date: 2031-12-31", "end_date: 2025-06-30")  # still "active"
    out = tmp_path / "csv"
    export(cli, repo, "csv", out, "--allow-incomplete")
    with (out / "b_02.01.csv").open(encoding="utf-8") as handle:
        references = [row[0] for row in csv.reader(handle)][1:]
    assert references and "HB-2022-004" not in references


def test_an_ended_arrangement_without_reason_is_a_problem_even_where_rules_do_not_run(
    cli, tmp_path
) -> None:
    """An automatically renewing contract past its recorded end date is in force, but the
    register would report the past date as its end: the export asks for the reason or the
    current end date, at that date."""
    repo = copy(tmp_path)
    edit(
        repo,
        CONTRACT,
        "end_date: 2031-12-31\nauto_renew: false",
        "end_date: 2026-06-30\nauto_renew: true",
    )
    result = export(cli, repo, "csv", tmp_path / "csv")
    assert result.exit_code == 1
    # it renews automatically: the message says so and asks for its current term first, never
    # that it ended
    assert (
        f"bank/{CONTRACT}:19:11: REG-12 error contract ctr-corebanq-2022 renews automatically "
        "and has renewed unless notice was given: correct its end_date to the end of its current "
        "term, or, if it was ended, record why (termination_reason); B_02.02.0090"
    ) in result.stdout
    assert "its recorded end, 2026-06-30, is before the reference date 2026-12-31" in result.stdout
    assert "ended on" not in result.stdout
    # one that does not renew, past its end date without a reason, ended though its status
    # still says active: REG-03 asks for the reason (it cites B_02.02.0090) or, if it was
    # renewed, its new end date, and REG-12 does not say it again at the end date
    edit(repo, CONTRACT, "auto_renew: true", "auto_renew: false")
    ended = export(cli, repo, "csv", tmp_path / "csv2")
    assert (
        "REG-03 error contract ctr-corebanq-2022 is recorded as in force, but the date it ends "
        "has passed, so the register reports it as ended and asks why (termination_reason; "
        "B_02.02.0090): if it was renewed or extended, record its new end_date; if it ended, "
        "set its status and record termination_reason"
    ) in ended.stdout
    assert "REG-12" not in ended.stdout


# -- 4. the group's scope --------------------------------------------------------------------------
def test_a_group_company_outside_doras_scope_is_not_in_b0102(cli, tmp_path) -> None:
    immo, fund = with_check_digits("529900HAVELIMMOBIL"), with_check_digits("529900HAVELFONDSGE")
    repo = copy(tmp_path)
    entities = repo / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8")
        + f"""---
apiVersion: resilint/v1
kind: Entity
id: hb-immo
name: Havel Immobilien GmbH
lei: {immo}
country: DE
parent: hb-bank
entity_type: non_financial_other
regimes: []
owner: group-cfo
---
apiVersion: resilint/v1
kind: Entity
id: hb-fonds
name: Havel Fonds GmbH
lei: {fund}
country: DE
parent: hb-bank
entity_type: other_financial_entity
regimes: []
owner: group-cfo
""",
        encoding="utf-8",
    )
    assert not [f for f in findings(cli, repo, "REG-01") if "hb-immo" in f["message"]]
    workbook = tmp_path / "register.xlsx"
    result = export(cli, repo, "xlsx", workbook)
    assert result.exit_code == 0, result.stdout + result.stderr
    listed = {r["c0010"] for r in workbook_rows(workbook, "B_01.02")}
    assert immo not in listed and fund not in listed
    assert "529900HAVELITSERVI62" in listed  # the ICT intra-group provider stays (Art. 6(2))
    assert "Art. 6(2)" in result.stderr and "hb-immo, hb-fonds" in result.stderr


# -- 5. supply-chain ranks -------------------------------------------------------------------------
def test_a_subcontractor_ranked_like_the_one_it_serves_is_reg10_at_its_rank(cli, tmp_path) -> None:
    repo = copy(tmp_path)
    edit(
        repo,
        SUPPLIER,
        "    rank: 3\n    recipient: nordrechen",
        "    rank: 2\n    recipient: nordrechen",
    )
    (finding,) = [f for f in findings(cli, repo, "REG-10") if "Rank" in f["message"]]
    assert (finding["path"].split("bank/")[-1], finding["line"], finding["column"]) == (
        SUPPLIER,
        48,
        11,
    )
    assert finding["message"].startswith(
        "correct the field subcontractors[1].rank of supplier corebanq or the recipient it serves"
    )
    assert (
        "529900SPREERECHENZ95 is rank 2 but serves 529900NORDRECHENHO21, which is rank 2"
        in (finding["message"])
    )
    result = export(cli, repo, "xlsx", tmp_path / "register.xlsx")
    assert result.exit_code == 1
    assert f"bank/{SUPPLIER}:48:11: REG-10 error" in result.stdout


def test_a_gap_in_the_ranks_and_an_unknown_recipient_are_reg10(cli, tmp_path) -> None:
    repo = copy(tmp_path)
    edit(repo, SUPPLIER, "    rank: 3\n", "    rank: 4\n")
    (gap,) = [f for f in findings(cli, repo, "REG-10") if "Rank" in f["message"]]
    assert "is rank 4 but serves 529900NORDRECHENHO21, which is rank 2" in gap["message"]
    edit(
        repo,
        SUPPLIER,
        "    rank: 4\n    recipient: nordrechen",
        "    rank: 3\n    recipient: nordrechn",
    )
    (unknown,) = findings(cli, repo, "REG-10")
    assert (unknown["line"], unknown["column"]) == (49, 16)
    assert unknown["message"].startswith(
        "the field subcontractors[1].recipient of supplier corebanq (nordrechn) names no "
        "subcontractor of supplier corebanq"
    )


def test_the_bank_files_chains_whose_ranks_follow_their_recipients(cli, tmp_path) -> None:
    workbook = tmp_path / "register.xlsx"
    assert export(cli, BANK, "xlsx", workbook).exit_code == 0
    rows = workbook_rows(workbook, "B_05.02")
    ranks: dict[tuple[str, str, str], set[int]] = {}
    for r in rows:
        ranks.setdefault((r["c0010"], r["c0020"], r["c0030"]), set()).add(int(r["c0050"]))
    assert any(int(r["c0050"]) == 3 for r in rows)
    for r in rows:
        rank = int(r["c0050"])
        if rank == 1:
            assert r["c0030"] == r["c0060"], r
        else:
            assert rank - 1 in ranks[(r["c0010"], r["c0020"], r["c0060"])], r


# -- 6. dates after the reference date -------------------------------------------------------------
def test_an_arrangement_starting_after_the_reference_date_is_not_in_that_register(
    cli, tmp_path
) -> None:
    repo = copy(tmp_path)
    edit(repo, CONTRACT, "start_date: 2022-01-01", "start_date: 2027-03-01")
    out = tmp_path / "out"
    out.mkdir()
    result = export(cli, repo, "xbrl-csv", out)
    assert result.exit_code == 0, result.stdout + result.stderr
    tables = package_tables(out)
    assert "HB-2022-004" not in {r["c0010"] for r in tables["B_02.01"]}
    days = [
        v
        for t in tables.values()
        for r in t
        for v in r.values()
        if re.fullmatch(r"\d{4}-\d\d-\d\d", v)
    ]
    # the only dates after the reference date: end dates to come (B_02.02.0080, 9999-12-31)
    later = {v for v in days if v > REFERENCE}
    ends = {r["c0080"] for r in tables["B_02.02"]} | {r["c0090"] for r in tables["B_01.02"]}
    assert later <= ends


def test_dates_of_things_done_after_the_reference_date(cli, tmp_path) -> None:
    repo = copy(tmp_path)
    edit(repo, SUPPLIER, "    last_audit: 2026-06-15", "    last_audit: 2027-02-01")
    edit(
        repo,
        "entities.yaml",
        "register_entry: {integrated: 2025-01-17, last_updated: 2026-10-15}",
        "register_entry: {integrated: 2025-01-17, last_updated: 2027-01-20, deleted: 2027-03-01}",
    )
    workbook = tmp_path / "register.xlsx"
    result = export(cli, repo, "xlsx", workbook)
    assert result.exit_code == 0, result.stdout + result.stderr
    (assessed,) = [
        r for r in workbook_rows(workbook, "B_07.01") if r["c0020"] == "391200COREBANQSYST85"
    ]
    assert assessed["c0070"] == ""  # the audit after the reference date is not reported
    (leasing,) = [
        r for r in workbook_rows(workbook, "B_01.02") if r["c0010"] == "222100HAVELLEASING50"
    ]
    # updated while the register was prepared for filing; deleted only after the reference date
    assert (leasing["c0070"], leasing["c0090"]) == ("2027-01-20", "9999-12-31")
    edit(
        repo,
        "entities.yaml",
        "integrated: 2025-01-17, last_updated: 2027-01-20",
        "integrated: 2027-01-05, last_updated: 2027-01-20",
    )
    result = export(cli, repo, "xlsx", workbook)
    assert result.exit_code == 1
    assert re.search(
        r"bank/entities\.yaml:\d+:\d+: REG-12 error correct the field "
        r"register_entry\.integrated of entity hb-leasing: the register as of its reference date "
        r"reports only what was done by then",
        result.stdout,
    ), result.stdout
    assert "B_01.02.0080 (Date of integration in the Register of information) is 2027-01-05, " in (
        result.stdout
    )


# -- 7. what a refusal says it checked -------------------------------------------------------------
def test_a_refusal_says_what_was_checked(cli, tmp_path) -> None:
    repo = copy(tmp_path)
    edit(repo, CONTRACT, "arrangement_type: standalone\n", "")
    checked = cli("check", str(repo), "--no-cache").stdout.splitlines()[-1]
    counts = re.match(r"Checked (\d+ files, \d+ documents)", checked)
    assert counts and not counts.group(1).startswith("0 ")
    result = export(cli, repo, "csv", tmp_path / "csv")
    assert result.exit_code == 1
    assert f"Checked {counts.group(1)}: 1 finding (1 error)." in result.stdout
    assert "Checked 0 files" not in result.stdout
    assert "not ready to file (1 finding)" in result.stderr
    # what REG-01 to REG-11 leave is a finding, counted as the summary counts it: SUP-06's, in
    # its own words, where the dora profile runs (REG-12's where it does not:
    # tests/test_precision_s14_register.py)
    repo = copy(tmp_path / "again")
    edit(repo, SUPPLIER, "    non_substitutability_reason: both\n", "")
    result = export(cli, repo, "csv", tmp_path / "csv2")
    assert result.exit_code == 1
    assert f"Checked {counts.group(1)}: 1 finding (1 error)." in result.stdout
    assert ": SUP-06 error service core-banking of supplier corebanq is marked " in result.stdout
    assert "REG-12" not in result.stdout
    assert "not ready to file (1 finding)" in result.stderr


def test_a_refusal_names_the_reference_date_it_chose(cli, tmp_path) -> None:
    """Without --reference-date the register is the last 31 December's: a refusal says which
    date that was, as an assessment made this year reads as missing from that register."""
    repo = copy(tmp_path)
    edit(repo, CONTRACT, "arrangement_type: standalone\n", "")
    asked = export(cli, repo, "csv", tmp_path / "csv")
    assert f"the register as of {REFERENCE} is not ready to file" in asked.stderr
    assert "chooses another" not in asked.stderr
    chosen = cli("register", "export", str(repo), "--format", "csv", "-o", str(tmp_path / "c2"))
    assert chosen.exit_code == 1
    assert re.search(
        r"the register as of \d{4}-12-31 \(its reference date, the last 31 December; "
        r"--reference-date chooses another\) is not ready to file",
        chosen.stderr,
    )


def test_the_lei_of_our_group_as_a_providers_parent_is_checked_at_the_entity(cli, tmp_path) -> None:
    """A sister company outside the register is a third-party provider whose ultimate parent is
    the group's top entity (B_05.01.0110, a row of its own): a mistyped LEI of that entity keeps
    the register from filing, reported at the entity's lei, not at the supplier that records
    no parent."""
    from test_register_scope import HOLDING_LEI, sister_bank

    repo = sister_bank(tmp_path)
    wrong = HOLDING_LEI[:-2] + HOLDING_LEI[-1] + HOLDING_LEI[-2]
    assert not lei_valid(wrong)
    edit(repo, "entities.yaml", f"lei: {HOLDING_LEI}", f"lei: {wrong}")
    text = (repo / "entities.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index(f"lei: {wrong}") + 1
    result = export(cli, repo, "csv", tmp_path / "csv")
    assert result.exit_code == 1
    assert (
        f"bank/entities.yaml:{line}:6: correct the field lei of entity hb-holding: copy the LEI "
        f"again from the GLEIF register; B_05.01.0010: the LEI {wrong} is not valid"
    ) in result.stdout


# -- 8. what check passes, the export files --------------------------------------------------------
REPRO = {
    "resilint.yaml": "as_of: 2026-12-01\n",
    "entities.yaml": """apiVersion: resilint/v1
kind: Entity
id: av-sach
name: Aurelia Versicherung AG
lei: 529900AURELIAVERS069
country: DE
entity_type: insurance_undertaking
competent_authority: BaFin
total_assets: {amount: 3800000000, currency: EUR}
register_entry: {integrated: 2025-01-20, last_updated: 2026-11-15}
regimes: [dora]
---
apiVersion: resilint/v1
kind: Entity
id: av-it
name: Aurelia IT Services GmbH
lei: 529900AURELIAITSER24
country: DE
parent: av-sach
entity_type: non_financial_ict_intra_group
register_entry: {integrated: 2025-01-20, last_updated: 2026-09-01}
regimes: []
""",
    "function.yaml": """apiVersion: resilint/v1
kind: BusinessFunction
id: claims-handling
name: Claims handling (P&C)
entities: [av-sach]
criticality: critical
criticality_reasons: Policyholders cannot report or be paid for losses.
licensed_activity: x185
discontinuation_impact: high
last_criticality_assessment: 2026-06-26
rto_hours: 8
rpo_hours: 1
depends_on:
  services:
  - {supplier: av-it-services, service: private-cloud}
""",
    "contract.yaml": """apiVersion: resilint/v1
kind: Contract
id: ctr-ais-igv-2023
supplier: av-it-services
entities: [av-sach]
arrangement_reference: AV-IG-2023-01
arrangement_type: standalone
annual_cost: {amount: 21400000, currency: EUR}
governing_law_country: DE
status: active
services: [private-cloud, workplace]
covers_ict_services: true
supports_critical_function: true
start_date: 2023-01-01
our_notice_period_days: 365
supplier_notice_period_days: 365
""",
    "supplier.yaml": """apiVersion: resilint/v1
kind: Supplier
id: av-it-services
name: Aurelia IT Services GmbH
provider_id: 529900AURELIAITSER24
provider_id_type: LEI
person_type: legal_person
hq_country: DE
provides_ict_services: true
tier: 1
supports_critical_function: true
level_of_reliance: full
group_entity: av-it
subcontractors:
- id: rz-mainz
  name: RZ Mainz Colocation GmbH
  provider_id: 529900RZMAINZCOLOC23
  provider_id_type: LEI
  rank: 2
  services: [private-cloud]
  country: DE
  supports_critical_function: true
- id: kuehltechnik
  name: Kühltechnik Hessen GmbH
  provider_id: DE254433221
  provider_id_type: VAT
  rank: 3
  recipient: rz-mainz
  services: [private-cloud]
  country: DE
  supports_critical_function: true
services:
- name: private-cloud
  ict_service_type: S14
  provision_countries: [DE]
  supports_critical_function: true
  stores_data: true
  data_storage_countries: [DE]
  stored_data_sensitiveness: high
  data_processing_countries: [DE]
  substitutability: highly_complex
  non_substitutability_reason: difficult_migration
  exit_plan: {reference: https://grc.example/exit/private-cloud.pdf}
  reintegration: difficult
  discontinuation_impact: high
  alternatives_identified: 'yes'
- name: workplace
  ict_service_type: S03
  provision_countries: [DE]
  supports_critical_function: false
  stores_data: false
  data_processing_countries: [DE]
  substitutability: medium_complexity
""",
}
LISTED = re.compile(r"^(\S+?):(\d+):(\d+): (?:([A-Z]{3}-\d\d) )?")


def test_every_problem_the_export_refuses_on_is_a_finding_of_check_at_its_line(
    cli, tmp_path
) -> None:
    """A subcontractor identified by a VAT number (its type of person, B_05.01.0070): the
    export refused on it while check, with the profile on, passed; it is now a REG finding of
    check at the line the export gives, and the export counts what it lists. The service the
    critical contract also covers but that is marked not critical has no B_07.01 row (the
    template assesses the services supporting a critical or important function), so nothing
    is asked of its reintegration, impact or alternatives."""
    repo = tmp_path / "repro"
    for name, text in REPRO.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    result = export(cli, repo, "csv", tmp_path / "csv")
    assert result.exit_code == 1
    refused = [LISTED.match(line) for line in result.stdout.splitlines()]
    listed = [(m[1].split("repro/")[-1], int(m[2]), int(m[3]), m[4]) for m in refused if m]
    assert listed and all(code for *_, code in listed), result.stdout  # each with its rule
    assert {(f, line, code) for f, line, _, code in listed} >= {
        ("supplier.yaml", 23, "REG-12"),  # subcontractors[1]: person_type
    }
    assert ("supplier.yaml", 47) not in {(f, line) for f, line, _, _ in listed}  # services[1]
    assert f"not ready to file ({len(listed)} finding" in result.stderr
    assert f": {len(listed)} finding" in result.stdout.splitlines()[-1]
    checked = cli("check", str(repo), "--format", "json", "--no-cache")
    found = {
        (f["path"].split("repro/")[-1], f["line"], f["column"], f["code"])
        for f in checked.json()["findings"]
    }
    assert set(listed) <= found
    assert not any("B_07.01" in f["message"] for f in checked.json()["findings"])
    # recorded, the export files and B_07.01 holds the private cloud's row alone, as a reader
    # of the CSV sees it
    edit(
        repo,
        "supplier.yaml",
        "  provider_id_type: VAT\n",
        "  provider_id_type: VAT\n  person_type: legal_person\n",
    )
    clean = cli("check", str(repo), "--format", "json", "--no-cache")
    assert not [f for f in clean.json()["findings"] if f["code"].startswith("REG")]
    result = export(cli, repo, "csv", tmp_path / "csv2")
    assert result.exit_code == 0, result.stdout + result.stderr
    with (tmp_path / "csv2" / "b_07.01.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1


def test_reg12_reads_what_the_readiness_rules_found_once_in_the_same_check(
    cli, tmp_path: Path, monkeypatch
) -> None:
    """REG-12 says only what REG-01 to REG-08 do not, from their findings of the same check:
    each rule is evaluated once (none again for REG-12), the readiness rules before REG-12, and
    a problem a readiness rule reports is not said twice."""
    from resilint import engine

    repo = copy(tmp_path)
    edit(repo, CONTRACT, "annual_cost: {amount: 3900000, currency: EUR}\n", "")  # REG-03's
    evaluated: list[str] = []
    evaluate = engine._evaluate

    def counted(rule, *given):  # type: ignore[no-untyped-def]
        evaluated.append(rule.info.code)
        return evaluate(rule, *given)

    monkeypatch.setattr(engine, "_evaluate", counted)
    result = cli("check", str(repo), "--format", "json", "--no-cache", "--jobs", "1")
    assert sorted(evaluated) == sorted(set(evaluated))
    readiness = [code for code in evaluated if code in [f"REG-0{n}" for n in range(1, 9)]]
    assert len(readiness) == 8 and evaluated.index("REG-12") > max(map(evaluated.index, readiness))
    cost = [f["code"] for f in result.json()["findings"] if "annual_cost" in f["message"]]
    assert cost == ["REG-03"], cost
    # not run, REG-03 says nothing: REG-12 reports the empty columns
    monkeypatch.setattr(engine, "_evaluate", evaluate)
    result = cli("check", str(repo), "--format", "json", "--no-cache", "--ignore", "REG-03")
    cost = [f["code"] for f in result.json()["findings"] if "annual_cost" in f["message"]]
    assert cost == ["REG-12"], cost


def test_reg12_knows_every_readiness_rule_of_the_profile() -> None:
    """The rules REG-12 defers to are the declarative rules (no Python ``check``) of the
    dora-register profile, as rules/dora-register.yaml defines them."""
    import yaml

    from resilint.rules.builtin.register import READINESS

    rules = yaml.safe_load((REPO / "rules" / "dora-register.yaml").read_text())["rules"]
    declarative = [r["code"] for r in rules if "check" not in r]
    assert declarative and sorted(declarative) == sorted(READINESS)
