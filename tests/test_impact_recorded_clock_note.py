"""A recorded reporting clock shorter than the law resilint knows is not always an internal target:
a sector rule can be stricter (providers of public electronic communications services notify a
personal data breach within 24 hours where feasible, Commission Regulation (EU) No 611/2013
Art. 2(2), against the GDPR's 72 hours). The impact note must not tell such an entity that "the
law allows 72 hours"."""

from __future__ import annotations

from resilint.domain import statutes
from resilint.impact import clocks


def test_a_shorter_recorded_clock_is_not_said_to_be_only_an_internal_target() -> None:
    gdpr = statutes.GDPR
    hours, shown, note = clocks._deadline(gdpr, {"data_protection_authority_hours": 24})
    assert (hours, shown) == (24, "24 hours")
    assert "the law allows" not in note
    assert "shorter than the 72 hours this law allows" in note
    assert "stricter rule for the entity's sector" in note


def test_a_clock_equal_to_the_law_has_no_note() -> None:
    gdpr = statutes.GDPR
    assert clocks._deadline(gdpr, {"data_protection_authority_hours": 72}) == (72, "72 hours", "")
