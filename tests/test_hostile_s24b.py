"""Hostile round 24, sixth pass: inputs that switched a gate's checks off without a word.

A rule parameter of the right type whose value the rule cannot use (a number past a hundred
years in its unit, an emptied table of tiers) is refused with status 2 at the configuration's
line, as a mistyped one is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_example


@pytest.mark.parametrize(
    ("params", "at", "said"),
    [
        ("SUP-08: {params: {max_age_days: 10000000000000000000000}}", ":4:", "36,525 days"),
        ("SUP-08: {params: {max_age_days: 1e308}}", ":4:", "more than SUP-08 can use"),
        ("CON-01: {params: {threshold: 1e300}}", ":4:", "at most 1e+18"),
        ('CTR-03: {params: {max_window_hours: {"1": 1e300}}}', ":4:", "876,600 hours"),
        ("CTR-03: {params: {max_window_hours: {}}}", ":4:", "is empty, so CTR-03 has nothing"),
    ],
)
def test_a_parameter_the_rule_cannot_use_is_refused(
    cli, tmp_path: Path, params: str, at: str, said: str
) -> None:
    """examples/defects has one CON-01 and two CTR-03 findings; ``threshold: 1e300`` took
    CON-01's away and ``max_window_hours: {}`` one of CTR-03's, rc unchanged, no word said."""
    repo = copy_example("defects", tmp_path)
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + f"rules:\n  {params}\n")
    result = cli("check", cwd=repo)
    assert result.exit_code == 2, result.stdout
    assert f"resilint.yaml{at}" in result.stderr and said in result.stderr
    assert "ignore: [" in result.stderr


def test_usable_parameters_are_still_taken(cli, tmp_path: Path) -> None:
    """A stricter or looser setting within reach, and EXC-01's approvers left empty (its
    default: anyone may approve), are read as before."""
    repo = copy_example("northwind", tmp_path)
    config = repo / "resilint.yaml"
    config.write_text(
        config.read_text()
        + "rules:\n  SUP-08: {params: {max_age_days: 36525}}\n"
        + '  CTR-03: {params: {max_window_hours: {"1": 12, "2": 48, "3": 72}}}\n'
        + "  EXC-01: {params: {approvers: {}}}\n"
    )
    assert cli("check", cwd=repo).exit_code == 0


def test_init_in_a_programme_writes_no_example_documents(cli, tmp_path: Path) -> None:
    """``resilint init`` in examples/northwind added the example supplier, contract, waiver and
    the rest beside the real documents: its clean check (status 0) turned into four errors
    (status 1). In a directory holding resilint documents it now writes the configuration,
    hooks and CI files it lacks and no example, and says so."""
    repo = copy_example("northwind", tmp_path)
    result = cli("init", cwd=repo)
    assert result.exit_code == 0, result.stdout
    assert not (repo / "programme").exists()
    assert (repo / ".pre-commit-config.yaml").is_file()
    assert "skipped  the 14 example files under" in result.stdout
    assert "already holds resilint documents" in result.stdout
    assert cli("check", cwd=repo).exit_code == 0
    empty = tmp_path / "new"
    empty.mkdir()
    assert cli("init", cwd=empty).exit_code == 0
    assert (empty / "programme" / "suppliers" / "example-supplier.yaml").is_file()


def test_schema_export_into_a_folder_of_documents_is_refused(cli, tmp_path: Path) -> None:
    """``schema --export suppliers`` wrote 16 schemas and catalog.json among the supplier
    documents (and ``--export .`` at the repository's root); refused with status 2, naming a
    document, nothing written. A folder of its own in the repository is still written."""
    repo = copy_example("northwind", tmp_path)
    for folder in ("suppliers", "."):
        result = cli("schema", "--export", folder, cwd=repo)
        assert result.exit_code == 2
        assert "holds resilint documents (such as " in result.stderr
        assert not list((repo / folder).glob("*.json"))
    assert cli("schema", "--export", "schemas", cwd=repo).exit_code == 0
    assert len(list((repo / "schemas").glob("*.json"))) == 17
    assert cli("check", cwd=repo).exit_code == 0


def test_a_register_with_two_tables_of_one_template_is_refused(cli, tmp_path: Path) -> None:
    """A copy of a template sheet kept in the workbook (``B_05.01 (2)``), or last year's CSV
    in a subdirectory, was read as more rows of the template: its providers and contracts
    were imported as the register's, status 0. Refused with status 2, naming both, nothing
    written; the workbook and the CSV directory as exported still import."""
    import openpyxl

    repo = copy_example("lindenau", tmp_path)
    book_path, csvs = tmp_path / "reg.xlsx", tmp_path / "csv"
    for args in (("--format", "xlsx", "-o", str(book_path)), ("--format", "csv", "-o", str(csvs))):
        assert cli("register", "export", *args, "--allow-incomplete", cwd=repo).exit_code == 0
    # an incomplete register: written, and the rows it cannot map make it status 1
    assert cli("register", "import", str(book_path), "-o", "a", cwd=tmp_path).exit_code == 1
    assert cli("register", "import", str(csvs), "-o", "b", cwd=tmp_path).exit_code == 1
    assert (tmp_path / "a" / "entities.yaml").exists() and (
        tmp_path / "b" / "entities.yaml"
    ).exists()
    book = openpyxl.load_workbook(book_path)
    book.copy_worksheet(book["B_05.01"]).title = "B_05.01 (2)"
    book.save(tmp_path / "two.xlsx")
    result = cli("register", "import", "two.xlsx", "-o", "c", cwd=tmp_path)
    assert result.exit_code == 2
    assert "sheets 'B_05.01' and 'B_05.01 (2)' are both read as template B_05.01" in result.stderr
    (csvs / "old").mkdir()
    (csvs / "old" / "b_05.01.csv").write_bytes((csvs / "b_05.01.csv").read_bytes())
    result = cli("register", "import", str(csvs), "-o", "d", cwd=tmp_path)
    assert result.exit_code == 2
    assert "files 'b_05.01.csv' and 'old/b_05.01.csv' are both read as" in result.stderr
    assert not (tmp_path / "c").exists() and not (tmp_path / "d").exists()


def test_a_rule_files_own_parameter_it_cannot_use_is_refused(cli, tmp_path: Path) -> None:
    """The configuration's overrides of a rule of one's own are judged by its defaults; the
    defaults themselves were not: a rule file declaring ``ending_warning_days: 1e308`` loaded
    and its rule warned of every contract. Refused with status 2 at the rule file's line."""
    import yaml

    repo = copy_example("northwind", tmp_path)
    rules = yaml.safe_load((Path(__file__).parents[1] / "rules" / "contracts.yaml").read_text())
    rule = next(r for r in rules["rules"] if r["code"] == "CTR-13")
    rule["code"], rule["name"] = "OWN-01", "own-" + rule["name"]
    (repo / "policies").mkdir()
    own = repo / "policies" / "own.yaml"
    own.write_text(yaml.safe_dump({"rules": [rule]}, sort_keys=False))
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + "rule_dirs: [policies/]\n")
    assert cli("check", cwd=repo).exit_code == 0
    own.write_text(own.read_text().replace("ending_warning_days: 90", "ending_warning_days: 1e308"))
    result = cli("check", cwd=repo)
    assert result.exit_code == 2
    assert "own.yaml:" in result.stderr
    assert "rules.0.params.ending_warning_days: 1e+308 is more than OWN-01 can use" in result.stderr


def test_a_rule_of_ones_own_may_compare_amounts(cli, tmp_path: Path) -> None:
    """The ceiling on a parameter without a unit stops an off switch in disguise
    (``threshold: 1e300``), not an amount: a rule of one's own with a cover limit of EUR
    5,000,000, set to 20,000,000 by the configuration, loads and runs; 1e300 is still refused."""
    import yaml

    repo = copy_example("northwind", tmp_path)
    rules = yaml.safe_load((Path(__file__).parents[1] / "rules" / "contracts.yaml").read_text())
    rule = next(r for r in rules["rules"] if r["code"] == "CTR-13")
    rule["code"], rule["name"] = "OWN-01", "own-" + rule["name"]
    rule["params"]["min_cover_eur"] = 5_000_000
    (repo / "policies").mkdir()
    (repo / "policies" / "own.yaml").write_text(yaml.safe_dump({"rules": [rule]}, sort_keys=False))
    config = repo / "resilint.yaml"
    base = config.read_text() + "rule_dirs: [policies/]\n"
    config.write_text(base + "rules:\n  OWN-01: {params: {min_cover_eur: 20000000}}\n")
    result = cli("check", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    config.write_text(base + "rules:\n  OWN-01: {params: {min_cover_eur: 1e300}}\n")
    refused = cli("check", cwd=repo)
    assert refused.exit_code == 2 and "more than OWN-01 can use" in refused.stderr
