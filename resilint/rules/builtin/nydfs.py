"""ENT-02: an entity under NYDFS has filed, by 15 April, its annual certification of compliance
or acknowledgment of noncompliance for the prior calendar year (23 NYCRR 500.17(b)), recorded
under ``nydfs_certifications``. The year due is :mod:`resilint.domain.nydfs`'s, which the
calendar reads too."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain.nydfs import Filing, last_due
from resilint.domain.readers import in_order, point_at
from resilint.findings import Finding
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def check_annual_certification(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """ENT-02: the filing last due, for each entity under NYDFS: recorded, and dated by the
    date checked."""
    for entity in in_order(context.index.of_kind("Entity")):
        if "nydfs" not in context.facts.entity(entity).regimes:
            continue
        due = last_due(entity, context.as_of)
        if due is None or (due.filed is not None and due.filed <= context.as_of):
            continue
        yield _missing(context, info, entity, due)


def _missing(context: RuleContext, info: RuleInfo, entity: Document, due: Filing) -> Finding:
    deadline = due.due.isoformat()
    if due.recorded is None:
        what = f"no filing for {due.year} is recorded under nydfs_certifications"
    elif due.filed is None:
        what = f"its filing for {due.year} records no date it was filed (filed)"
    else:
        what = f"its filing for {due.year} is dated {due.filed.isoformat()}, after the date checked"
    message = (
        f"entity {entity.id} is under NYDFS, which asks each covered entity to submit to the "
        f"superintendent by {deadline} a certification that it materially complied with 23 "
        f"NYCRR Part 500 during {due.year}, or an acknowledgment of noncompliance (500.17(b)), "
        f"but {what}. File it through the DFS portal, signed by the highest-ranking executive "
        "and the CISO, and record the year, the day filed and the receipt"
        f" (as of {context.as_of.isoformat()})"
    )
    # the year's item; else the list, or the regimes that bring NYDFS in
    at = due.path if due.recorded is not None else point_at(entity.data, "nydfs_certifications")
    if at == ("id",):
        at = point_at(entity.data, "regimes")
    # a filing that fails the schema ('year: "2025"', 'filed: 09.04.2026') may be the year's
    read = [(entity, ("nydfs_certifications",))]
    return context.finding(info, entity, at, message, discriminator=str(due.year), judged_on=read)


CHECKS: dict[str, PythonCheck] = {
    "nydfs-annual-certification": check_annual_certification,  # ENT-02
}
