"""A machinery maker's first year of its programme in git, written by three people with their
own habits: amounts with thousands separators, durations with their units, percent signs. Each
is refused in words that say what to write; none is read as another number in silence."""

from __future__ import annotations

from one_file import check, doc, line

POLICY = doc(
    "InsurancePolicy",
    "cyber-2026",
    "name: Cyber policy\ninsurer: Hanse Versicherung AG\nowner: risk-manager\n"
    "period: {start: 2026-04-01, end: 2027-03-31}\ncurrency: EUR\n"
    "aggregate_limit: 2000000\n"
    "coverages:\n"
    "  forensics: {included: true, sublimit: 250.000, retention: 10000}\n"
    "  legal: {included: true, sublimit: 1.500, retention: 10000}\n"
    "  notification: {included: true, sublimit: 100000.5}\n",
)


def test_an_amount_written_with_a_thousands_separator_is_refused(cli, write) -> None:
    """'250.000' is 250 to YAML: a forensics sublimit a thousand times too small was taken and
    judged. It is refused at the value, with both readings; a plain decimal (100000.5) is not."""
    found = check(cli, write, POLICY, ["SCH-01"])
    by_line = {f["line"]: f["message"] for f in found}
    assert sorted(by_line) == [line(POLICY, "250.000"), line(POLICY, "1.500")]
    forensics = by_line[line(POLICY, "250.000")]
    assert "'250.000'" in forensics and "write 250000 if you mean 250,000" in forensics
    assert "or 250 if you mean 250" in forensics
    assert "write 1500 if you mean 1,500, or 1.5" in by_line[line(POLICY, "1.500")]


def test_a_grouped_number_is_refused_on_a_warm_run_too(cli, write) -> None:
    """The cache keeps plain values: the refusal is served from it, and nothing crashes."""
    write("resilint.yaml", '{"profiles": [], "select": ["SCH-01"]}')
    write("repo.yaml", POLICY)
    for _ in range(2):
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", "2026-11-26")
        found = [f for f in result.json()["findings"] if f["code"] == "SCH-01"]
        assert len(found) == 2 and "'250.000'" in found[0]["message"], result.stdout


def test_a_version_like_text_keeps_its_own_advice(cli, write) -> None:
    """A field that holds text, given 1.100, is still told to quote it, not to write 1100."""
    text = doc("Supplier", "acme", "name: 1.100\n")
    found = check(cli, write, text, ["SCH-01"])
    message = next(f["message"] for f in found if f["line"] == line(text, "1.100"))
    assert "put the value in quotes" in message and "1100" not in message


FUNCTION = doc(
    "BusinessFunction",
    "montage",
    "name: Assembly\nowner: coo\ncriticality: critical\nrto_hours: 24h\nmtpd_hours: 3 days\n"
    "rpo_hours: 2 Stunden\n",
)
CONTROL = doc(
    "Control",
    "mfa-remote",
    "name: MFA\ncategory: mfa_remote_access\nstatus: implemented\n"
    "owner: it\ncoverage_percent: 100%\n",
)
AMOUNTS = doc(
    "InsurancePolicy",
    "cyber-2026",
    "name: Cyber policy\ninsurer: Hanse\nowner: risk\ncurrency: EUR\n"
    "aggregate_limit: EUR 2m\ncoverages:\n"
    "  ransomware: {included: true, sublimit: 1.000.000}\n"
    "  legal: {included: true, sublimit: '1,500'}\n",
)


def test_a_figure_written_with_its_unit_says_what_to_write(cli, write) -> None:
    """'3 days' in an hours field was told only that it must be a number of hours; the
    message now gives the figure in the field's unit, where it converts exactly."""
    found = check(cli, write, FUNCTION, ["SCH-01"])
    by_line = {f["line"]: f["message"] for f in found}
    assert by_line[line(FUNCTION, "rto_hours")].endswith("the field is in hours: write 24")
    assert by_line[line(FUNCTION, "mtpd_hours")].endswith("the field is in hours: write 72")
    assert by_line[line(FUNCTION, "rpo_hours")].endswith("the field is in hours: write 2")


def test_a_notice_period_in_months_is_not_converted(cli, write) -> None:
    """A month has no fixed number of days: the message asks for the days, it guesses none."""
    text = doc("Contract", "ctr-a", "supplier: acme\nour_notice_period_days: 6 months\n")
    message = next(f["message"] for f in check(cli, write, text, ["SCH-01"]))
    assert "a month has no fixed number of them: write the number of days" in message


def test_business_days_say_the_longest_they_run(cli, write) -> None:
    """A contract's '2 business days' to report an incident, or '20 Werktage' of notice, was
    told only that the field must be a number: a business day has no fixed length, so the
    message gives the longest the period runs across a weekend and leaves the holidays to us."""
    text = doc(
        "Contract",
        "ctr-a",
        "supplier: acme\nour_notice_period_days: 20 Werktage\n"
        "supplier_notice_period_days: 1 business day\n"
        "incident_notification: {window_hours: 2 business days}\n",
    )
    by_line = {f["line"]: f["message"] for f in check(cli, write, text, ["SCH-01"])}
    window = by_line[line(text, "2 business days")]
    assert "'2 business days'" in window and "business days have no fixed length" in window
    assert "2 business days last up to 96 hours when they span a weekend" in window
    assert window.endswith("write the longest the period can run, 96 where no holiday falls in it")
    assert "20 business days last up to 28 days" in by_line[line(text, "Werktage")]
    assert (
        "1 business day lasts up to 3 days when it spans a weekend"
        in by_line[line(text, "1 business day")]
    )


def test_a_figure_in_months_or_years_in_a_months_field_says_what_to_write(cli, write) -> None:
    """An exit plan's transition written '12 months' or '2 years' was refused without the figure
    that fits; a unit that does not convert to whole months asks for the months alone."""
    text = doc(
        "Supplier",
        "acme",
        "name: Acme\nservices:\n"
        "  - {name: a, exit_plan: {transition_period_months: 12 months, "
        "migration_estimate_months: 2 years}}\n"
        "  - {name: b, exit_plan: {transition_period_months: 90 days}}\n",
    )
    found = [f["message"] for f in check(cli, write, text, ["SCH-01"])]
    assert any(m.endswith("got '12 months'; the field is in months: write 12") for m in found)
    assert any(m.endswith("got '2 years'; the field is in months: write 24") for m in found)
    assert any(
        m.endswith("got '90 days'; the field is in months: write the number of months alone")
        for m in found
    ), found


def test_a_percent_sign_and_separators_say_what_to_write(cli, write) -> None:
    """'100%' was told it 'must be a percentage'; '1.000.000' and 'EUR 2m' that they must be
    numbers. Each now says the number to write; '1,500' gives both readings of its comma."""
    found = check(cli, write, CONTROL, ["SCH-01"])
    assert found[0]["message"].endswith("write the number without the % sign: 100")
    found = check(cli, write, AMOUNTS, ["SCH-01"])
    by_line = {f["line"]: f["message"] for f in found}
    assert by_line[line(AMOUNTS, "EUR 2m")].endswith(": 2000000")
    assert by_line[line(AMOUNTS, "1.000.000")].endswith("without separators: 1000000")
    assert by_line[line(AMOUNTS, "1,500")].endswith("1500, or 1.5 for a decimal comma")


def test_no_suggestion_is_the_opposite_of_what_was_written(cli, write) -> None:
    """'significant' was asked "did you mean 'not_significant'?", and `resilint fix
    --unsafe-fixes` would have written it: the closest spelling, the opposite meaning."""
    text = doc("Supplier", "lohnpunkt", "name: Lohnpunkt GmbH\nlevel_of_reliance: significant\n")
    write("resilint.yaml", '{"profiles": [], "select": ["SCH-01"]}')
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    (found,) = [f for f in result.json()["findings"] if f["code"] == "SCH-01"]
    assert "got 'significant'" in found["message"]
    assert "not_significant'?" not in found["message"] and found.get("fix") is None
    assert "did you mean 'material'" in cli_message(cli, write, "materal")


def cli_message(cli, write, value: str) -> str:
    write("repo.yaml", doc("Supplier", "lohnpunkt", f"name: L\nlevel_of_reliance: {value}\n"))
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    return next(f["message"] for f in result.json()["findings"] if f["code"] == "SCH-01")


NETZWACHT = doc(
    "Supplier",
    "netzwacht",
    "name: Netzwacht Systemhaus GmbH\ntier: 1\nprovides_ict_services: true\nstatus: active\n"
    "services:\n  - name: managed-infrastructure\n",
)
BY_NAME = doc(
    "Contract",
    "ctr-netzwacht-2025",
    "supplier: Netzwacht Systemhaus GmbH\nstatus: active\nstart_date: 2025-01-01\n",
)


def test_a_contract_naming_its_supplier_by_name_is_told_the_id(cli, write) -> None:
    """A contract naming its supplier by the supplier's name was told only that no supplier
    'Netzwacht Systemhaus GmbH' exists, and SUP-05 said the tier-1 supplier had no contract
    in force: one gap, said twice, and neither said which id to write. REF-01 now names the
    supplier of that name, and SUP-05 waits for the reference to be corrected."""
    text = NETZWACHT + "---\n" + BY_NAME
    found = check(cli, write, text, ["REF-01", "SUP-05"])
    (ref,) = found
    assert ref["code"] == "REF-01" and ref["line"] == line(text, "supplier: Netzwacht")
    assert ref["message"].endswith(
        "that is the name of supplier netzwacht: write its id, netzwacht"
    )
    corrected = text.replace("supplier: Netzwacht Systemhaus GmbH", "supplier: netzwacht")
    assert check(cli, write, corrected, ["REF-01", "SUP-05"]) == []
    # a supplier that has no contract at all is still asked one
    assert [f["code"] for f in check(cli, write, NETZWACHT, ["SUP-05"])] == ["SUP-05"]


LOHNPUNKT = doc(
    "Supplier",
    "lohnpunkt",
    "name: Lohnpunkt GmbH\ntier: 1\nprovides_ict_services: true\nstatus: active\n",
)
LIEFERANT = doc("Contract", "ctr-lohnpunkt", "lieferant: lohnpunkt\nstatus: active\n")


def test_a_key_in_another_language_is_one_finding_at_the_key(cli, write) -> None:
    """'lieferant: lohnpunkt' (German for supplier) gave 'supplier is required' at the
    document, 'unknown field lieferant' at the key, and SUP-05 that the supplier had no contract
    in force: three findings for one key to rename. One finding, at the key, says both, and
    SUP-05 waits for the key to be renamed."""
    text = LOHNPUNKT + "---\n" + LIEFERANT
    found = check(cli, write, text, ["SCH-01", "SUP-05"])
    assert [(f["code"], f["line"]) for f in found] == [("SCH-01", line(text, "lieferant"))]
    assert found[0]["message"] == (
        "contract ctr-lohnpunkt: unknown field 'lieferant', and supplier is required but not "
        "given: if 'lieferant' is meant as supplier, rename the key to supplier"
    )
    # two unknown fields: neither is taken for the supplier, each is said, and so is the gap
    two = text.replace("lieferant: lohnpunkt\n", "lieferant: lohnpunkt\nvertrag: x\n")
    codes = sorted(f["code"] for f in check(cli, write, two, ["SCH-01", "SUP-05"]))
    assert codes == ["SCH-01", "SCH-01", "SCH-01", "SUP-05"]


STAHLWERK = doc(
    "Supplier",
    "stahlwerk-rhein",
    "name: Stahlwerk Rhein-Ruhr GmbH\ntier: 1\nstatus: active\nprovides_ict_services: false\n"
    "provider_id: 391200STAHLRHEIN0086\nprovider_id_type: LEI\n",
)
SWRR = doc(
    "Supplier",
    "swrr",
    "name: Stahlwerk Rhein-Ruhr\ntier: 2\nstatus: active\nprovides_ict_services: false\n"
    "provider_id: 391200STAHLRHEIN0086\nprovider_id_type: LEI\n",
)
STAHL_CONTRACT = doc(
    "Contract", "ctr-stahl-2026", "supplier: swrr\nstart_date: 2026-02-01\nend_date: 2029-01-31\n"
)


def test_a_supplier_recorded_twice_is_one_finding_at_the_second_record(cli, write) -> None:
    """The steel mill recorded by procurement in full and by production planning under an
    abbreviation, with the contract filed under the abbreviation: nothing said the two are one
    provider, and SUP-05 said the tier-1 record had no contract in force. SUP-13 reports the
    second record at its identifier, naming the first; SUP-05 counts the contract filed under
    the other record of the provider."""
    text = STAHLWERK + "---\n" + SWRR + "---\n" + STAHL_CONTRACT
    found = check(cli, write, text, ["SUP-13", "SUP-05"])
    assert [(f["code"], f["id"]) for f in found] == [("SUP-13", "swrr")]
    assert found[0]["line"] == text.splitlines().index("id: swrr") + 6  # its provider_id
    message = found[0]["message"]
    assert message.startswith(
        "supplier swrr carries the same identifier as supplier stahlwerk-rhein "
        "(LEI 391200STAHLRHEIN0086): one provider recorded as two suppliers"
    )
    assert "point the references that name swrr at stahlwerk-rhein" in message
    # told apart by their identifiers, they are two suppliers, and the first has no contract
    other = text.replace("391200STAHLRHEIN0086", "529900SPEDBRAUN00126", 1)
    found = check(cli, write, other, ["SUP-13", "SUP-05"])
    assert [(f["code"], f["id"]) for f in found] == [("SUP-05", "stahlwerk-rhein")]


def test_a_quarter_or_a_slashed_date_says_what_to_write(cli, write) -> None:
    """'Q1 2027' and '01/12/2026' were told only to write YYYY-MM-DD: the quarter names no
    day, and the slashes read as 1 December in Europe and 12 January in the US. The message
    says so, and no fix guesses either."""
    text = doc(
        "Exercise",
        "ueb-2024",
        "date: 01/12/2026\nfindings:\n  - {id: f1, owner: coo, due_date: Q1 2027, status: open}\n",
    )
    found = check(cli, write, text, ["SCH-01"])
    by_line = {f["line"]: f for f in found}
    slashed = by_line[line(text, "date: 01/12")]
    assert slashed["message"].endswith(
        "01/12/2026 is 2026-12-01 read day first (as in Europe) and 2026-01-12 read month "
        "first (as in the US): write the one meant"
    )
    quarter = by_line[line(text, "Q1 2027")]
    assert quarter["message"].endswith(
        "a quarter is not a day: write the day it falls due, 2027-03-31 if it is the quarter's last"
    )
    assert slashed.get("fix") is None and quarter.get("fix") is None


def test_a_decimal_only_one_reading_fits_is_taken(cli, write) -> None:
    """99.999 percent cannot be 99,999 (a percentage is at most 100): it is the decimal it
    reads as, and no finding asks which was meant."""
    text = doc(
        "Control",
        "edr",
        "name: EDR\ncategory: edr\nstatus: implemented\nowner: it\ncoverage_percent: 99.999\n",
    )
    assert check(cli, write, text, ["SCH-01"]) == []
