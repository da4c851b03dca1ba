"""A provider of publicly available electronic communications services (a telecom operator)
notifies a personal data breach to the competent national authority within 24 hours of its
detection where feasible (Commission Regulation (EU) No 611/2013 Art. 2(2), under the ePrivacy
Directive 2002/58/EC Art. 4(3), which GDPR Art. 95 leaves in place of GDPR Art. 33). CTR-04 fits
a supplier's notice window inside that law's 24 hours whether the operator records none or the
GDPR's 72 out of habit, as ``resilint impact`` counts it, and names the basis; a recorded GDPR
clock of any other entity is named by its article."""

from __future__ import annotations

from one_file import check, doc, repo

# A call-centre outsourcer whose agents handle our subscribers' data: no ICT services, no
# regime of ours that its compromise starts but the breach notice.
SUPPLIER = doc(
    "Supplier",
    "callcentre",
    "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    "personal_data: true\nhighest_access_level: none\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-callcentre",
    "supplier: callcentre\nentities: [telco]\nstatus: active\n"
    "incident_notification: {window_hours: 48, trigger: suspected}\n",
)


def _telco(body: str) -> str:
    return doc("Entity", "telco", f"country: AT\nregimes: []\n{body}")


def test_a_telecom_operators_breach_clock_is_the_laws_24_hours(cli, write) -> None:
    for recorded in ("", "reporting_clocks: {data_protection_authority_hours: 72}\n"):
        entity = _telco(f"electronic_communications_provider: true\n{recorded}")
        [finding] = check(cli, write, repo(entity, SUPPLIER, CONTRACT), ["CTR-04"])
        message = finding["message"]
        assert "24-hour personal data breach notice deadline to the competent national" in message
        assert "Commission Regulation (EU) No 611/2013 Art. 2(2)" in message
        if recorded:
            assert "entity telco records 72 hours in reporting_clocks.data_protection" in message
            [place] = [r for r in finding["related"] if "breach" in r["message"]]
            assert place["line"] == 7  # the 72 recorded on the entity, to correct
        else:
            assert "entity telco records none in reporting_clocks" in message


def test_a_recorded_24_hours_of_a_telecom_operator_name_the_regulation(cli, write) -> None:
    entity = _telco(
        "electronic_communications_provider: true\n"
        "reporting_clocks: {data_protection_authority_hours: 24}\n"
    )
    [finding] = check(cli, write, repo(entity, SUPPLIER, CONTRACT), ["CTR-04"])
    assert "Commission Regulation (EU) No 611/2013 Art. 2(2)" in finding["message"]
    assert "the law's deadline" not in finding["message"]


def test_other_entities_keep_the_gdpr_clock_they_record(cli, write) -> None:
    # not a telecom operator: its recorded 72 hours are GDPR Art. 33(1)'s, and a 48-hour window
    # fits them; none recorded, none is compared
    fits = _telco("reporting_clocks: {data_protection_authority_hours: 72}\n")
    assert check(cli, write, repo(fits, SUPPLIER, CONTRACT), ["CTR-04"]) == []
    assert check(cli, write, repo(_telco(""), SUPPLIER, CONTRACT), ["CTR-04"]) == []
    late = CONTRACT.replace("window_hours: 48", "window_hours: 96")
    [finding] = check(cli, write, repo(fits, SUPPLIER, late), ["CTR-04"])
    assert "72-hour breach notice deadline to the data protection authority" in finding["message"]
    assert "(GDPR Art. 33(1))" in finding["message"]
