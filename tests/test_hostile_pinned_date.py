"""A configuration that pins ``as_of`` freezes the clock of every CI run and hook: a waiver's
expiry or an assessment that came due since is never seen. Such a run says so on standard
error, naming the line, so a pinned date committed to a live repository does not pass
silently. Runs the real CLI on files written the way users write them."""

from __future__ import annotations

import datetime

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\n"


def test_a_date_the_configuration_pins_is_named_on_every_check(cli, write) -> None:
    write("resilint.yaml", "fail_on: never\nas_of: 2020-01-31\n")
    write("acme.yaml", SUPPLIER)
    result = cli("check", "--no-cache")
    assert result.exit_code == 0
    today = datetime.date.today().isoformat()
    assert (
        "resilint: note: dates are judged as of 2020-01-31, the day resilint.yaml:2 pins (as_of), "
        f"not today ({today}): what came due since (a waiver's expiry, an assessment, a notice "
        "date) is not seen; remove as_of to judge as of today\n"
    ) in result.stderr


def test_a_date_typed_on_the_command_line_or_no_date_says_nothing(cli, write) -> None:
    write("resilint.yaml", "fail_on: never\nas_of: 2020-01-31\n")
    write("acme.yaml", SUPPLIER)
    assert "as_of" not in cli("check", "--no-cache", "--as-of", "2020-01-31").stderr
    write("resilint.yaml", "fail_on: never\n")
    assert "as_of" not in cli("check", "--no-cache").stderr


def test_the_pinned_date_names_the_configuration_as_found_from_where_resilint_runs(
    cli, write, tmp_path
) -> None:
    """Checked from above the programme (a monorepo's top, the README's
    `resilint check examples/northwind`), the note names the file by its path from there."""
    write("programme/resilint.yaml", "fail_on: never\nas_of: 2020-01-31\n")
    write("programme/acme.yaml", SUPPLIER)
    result = cli("check", "programme", "--no-cache", cwd=tmp_path)
    assert "the day programme/resilint.yaml:2 pins (as_of)" in result.stderr
