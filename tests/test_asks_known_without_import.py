"""Whether a run may be kept depends on the rules a check leaves gaps to (``asking``): a
suppression accepting one of their findings makes that check say the gap itself. Every run
asks it, so a built-in check's codes are known without importing its module (``ASKS``), and
the table is held to each check's own mark here."""

from __future__ import annotations

from resilint.rules.builtin import ASKS, PYTHON_CHECKS


def test_each_check_s_asks_are_its_mark() -> None:
    marked = {}
    for name, deferred in PYTHON_CHECKS.items():
        check = deferred.check  # type: ignore[attr-defined]
        asks = tuple(getattr(check, "asks", ()))
        if asks:
            marked[name] = asks
        assert deferred.asks == asks, name  # type: ignore[attr-defined]
    assert marked == ASKS
    assert marked  # BCM-03 and REG-10 leave gaps to BCM-07 and BCM-05


def test_a_check_asking_is_evaluated_after_what_it_asks() -> None:
    for name, codes in ASKS.items():
        after = tuple(getattr(PYTHON_CHECKS[name].check, "after", ()))  # type: ignore[attr-defined]
        assert set(codes) <= set(after), name
