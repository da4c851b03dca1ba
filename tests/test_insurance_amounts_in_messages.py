"""Amounts in insurance messages carry their currency and thousands separators, as resilint
impact shows them ("EUR 25,000,000"), from one formatter: INS-03's gap below an excess layer and
INS-06's losses above a lapsed layer."""

from __future__ import annotations

from one_file import check, doc, repo

PRIMARY = doc(
    "InsurancePolicy",
    "cyber-primary",
    "currency: EUR\naggregate_limit: 10000000\nperiod: {start: 2026-01-01, end: 2026-12-31}\n",
)


def excess(attaches: str, policy_id: str = "cyber-excess", over: str = "cyber-primary") -> str:
    return doc(
        "InsurancePolicy",
        policy_id,
        "currency: EUR\nperiod: {start: 2026-01-01, end: 2026-12-31}\n"
        f"layer: {{position: excess, sits_over: {over}, attaches_at: {attaches}}}\n",
    )


def test_ins03_shows_the_gap_below_an_excess_layer_in_currency(cli, write) -> None:
    found = check(cli, write, repo(PRIMARY, excess("25000000")), ["INS-03"])
    message = " ".join(f["message"] for f in found)
    assert "attaches at EUR 25,000,000 as an excess layer" in message
    assert "pays only up to EUR 10,000,000" in message
    assert "25000000" not in message


def test_ins03_counts_the_attachment_of_an_excess_layer_below(cli, write) -> None:
    second = excess("10000000").replace("cyber-excess", "cyber-excess-1")
    second = second.replace("currency: EUR\n", "currency: EUR\naggregate_limit: 5000000\n")
    top = excess("20000000", "cyber-excess-2", "cyber-excess-1")
    found = check(cli, write, repo(PRIMARY, second, top), ["INS-03"])
    message = " ".join(f["message"] for f in found)
    assert "pays only up to EUR 15,000,000" in message
    # attaching where the layer below stops leaves no gap
    flush = excess("15000000", "cyber-excess-2", "cyber-excess-1")
    found = check(cli, write, repo(PRIMARY, second, flush), ["INS-03"])
    assert "pays only up to" not in " ".join(f["message"] for f in found)
